#!/usr/bin/env bash
# browser.sh - the dashboard in headless chromium (skipped when /usr/bin/chromium is absent).
#
# The report of the small database, in English and Chinese, rendered at 1366x768 and 375
# wide: screenshots are made at those sizes, the page logs no console error, its script ran
# (it marks <html data-sortable="ready">), and clicking a column header sorts the agents
# (a copy of the page with a few test lines that click and write down the order).
. "$(dirname "$0")/lib.sh"
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] || { echo "SKIP: $CHROMIUM is not installed"; exit 77; }
need_gnuplot

chromium() {
    timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
        "$@"
}

# png_size FILE: "WIDTHxHEIGHT" from the PNG header.
png_size() {
    $PY -c 'import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n"
print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"
}

small_db s.db || fail "could not build the small database"
for lang in en zh; do
    expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --lang "$lang" --out "$lang"
    page="file://$WORK/$lang/index.html"
    for size in 1366,768 375,812; do
        shot="$WORK/$lang-${size/,/x}.png"
        chromium --enable-logging=stderr --v=0 --screenshot="$shot" --window-size="$size" \
            "$page" >/dev/null 2>"$lang-$size.log"
        [ -s "$shot" ] || { fail "no screenshot $shot: $(tail -3 "$lang-$size.log")"; continue; }
        [ "$(png_size "$shot")" = "${size/,/x}" ] || fail "$shot is $(png_size "$shot")"
        if grep -E 'CONSOLE|Uncaught' "$lang-$size.log" | grep -Eiq 'error|uncaught'; then
            fail "console errors in $lang at $size: $(grep -E 'CONSOLE|Uncaught' "$lang-$size.log")"
        fi
    done
    chromium --dump-dom "$page" >"$lang.dom" 2>/dev/null
    grep -q 'data-sortable="ready"' "$lang.dom" || fail "$lang: the page's script did not run"
done

# Sorting: click "Recovery rate" in the agents table twice; note the employee numbers.
$PY - en/index.html sort.html <<'PY' || fail "could not make the sorting test page"
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = """<script>
(function () {
  var table = document.querySelector('#agents table.sortable');
  var heads = table.tHead.rows[0].cells, col = -1;
  for (var i = 0; i < heads.length; i++) if (heads[i].textContent === 'Recovery rate') col = i;
  function order() {
    return Array.prototype.map.call(table.tBodies[0].rows,
      function (r) { return r.cells[r.cells.length - 1].textContent; }).join(',');
  }
  heads[col].click();
  var first = order();
  heads[col].click();
  document.body.setAttribute('data-test', first + '|' + order());
})();
</script></body>"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", probe))
PY
chromium --dump-dom "file://$WORK/sort.html" >sort.dom 2>/dev/null
# Recovery rates of the small database: E01 12,345/100,000 = 12.3%, E02 10,000/87,655 =
# 11.4%, E03 50,000/50,000 = 100%; E04 worked nothing (no row). High first, then low first.
grep -q 'data-test="E03,E01,E02|E02,E01,E03"' sort.dom ||
    fail "sorting by recovery rate: $(grep -o 'data-test="[^"]*"' sort.dom)"
finish
