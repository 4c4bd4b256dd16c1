# shellcheck shell=bash
# lib.sh - helpers of the charts tests (sourced): the integration helpers (fail,
# expect_exit, small_db, a fresh $WORK folder) plus the checks of a chart set and a dashboard.
. "$SOURCE_ROOT/tests/app/lib.sh"
PY=/usr/bin/python3
CHARTS="recovery_by_agent ptp_outcomes_by_team resolution_days_by_team complaints_by_category
trends collected_by_month breaches_by_rule"

# need_gnuplot: skip the test (77) when gnuplot is not installed at all.
need_gnuplot() {
    command -v gnuplot >/dev/null || { echo "SKIP: gnuplot is not installed"; exit 77; }
    [ -x "$PY" ] || { echo "SKIP: $PY is not installed"; exit 77; }
}

# check_chart_set DIR: every chart as PNG (by its signature) and SVG (parsed as XML), the
# script beside them, no temporary folder left.
check_chart_set() {
    local dir=$1/charts name
    [ -f "$dir/charts.gp" ] || fail "$dir/charts.gp is missing"
    for name in $CHARTS; do
        [ -s "$dir/$name.png" ] || { fail "$dir/$name.png is missing"; continue; }
        [ -s "$dir/$name.svg" ] || { fail "$dir/$name.svg is missing"; continue; }
        [ "$(head -c 8 "$dir/$name.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
            fail "$dir/$name.png is not a PNG"
    done
    # shellcheck disable=SC2086
    $PY - "$dir" $CHARTS <<'PY' || fail "an SVG of $dir does not parse as XML"
import sys, xml.etree.ElementTree as ET
for name in sys.argv[2:]:
    root = ET.parse(f"{sys.argv[1]}/{name}.svg").getroot()
    assert root.tag.endswith("svg"), (name, root.tag)
PY
    local temp
    for temp in "$dir"/.tmp-*; do
        [ -e "$temp" ] && fail "a temporary folder is left: $temp"
    done
}

# check_dashboard FILE CHARTS(yes|no): one self-contained page: no network, no script or
# font from elsewhere, every label resolved, the inlined SVGs parse as XML.
check_dashboard() {
    local page=$1 charts=$2
    [ -s "$page" ] || { fail "$page is missing"; return; }
    if grep -Eiq '(src|href)="(https?:)?//|@import|url\(|<link|<iframe' "$page"; then
        fail "$page refers to something outside itself"
    fi
    if grep -Eq '>(charts|dashboard|report|common|score)\.[a-z_.]+<' "$page"; then
        fail "$page shows a label key instead of its text"
    fi
    $PY - "$page" "$charts" <<'PY' || fail "the charts inlined in $page"
import base64, re, sys, xml.etree.ElementTree as ET
page = open(sys.argv[1], encoding="utf-8").read()
images = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
want = 7 if sys.argv[2] == "yes" else 0
assert len(images) == want, (len(images), want)
for data in images:
    ET.fromstring(base64.b64decode(data))
assert page.count("<script>") == 1 and "data-sortable" in page
PY
}
