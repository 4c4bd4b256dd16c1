#!/usr/bin/env bash
# readback.sh - the workbook read back with openpyxl equals `collectkpi kpi`, cell for cell.
#
# On the hand-made database of tests/app/lib.sh (an agent named '=SUM(A1)', a team
# named 'North, "Team" 北', CJK names, debtor references 'secret-debtor-N') in both
# languages and with settings that change the figures, then on the demo database. The
# checks themselves are in readback.py: sheet order, header keys, every value of Agents,
# Teams and Trend, number formats, empty cells for undefined values, text cells for
# formula-like names, native charts, and no debtor reference anywhere in the package.
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/python3 ] || { echo "SKIP: /usr/bin/python3 is not installed"; exit 77; }
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIP: openpyxl is not installed (apt-get install python3-openpyxl)"; exit 77; }

# check DB MONTH LANG REFS OPTIONS...: report + kpi with the same options, then readback.py.
check() {
    local db=$1 month=$2 lang=$3 refs=$4
    shift 4
    local out="out-$lang-$month-$#"
    expect_exit 0 "$COLLECTKPI" report "$db" --month "$month" --lang "$lang" --out "$out" \
        --no-charts "$@"
    # Nothing on stderr: libxlsxwriter prints its own warnings there when fed bad input.
    [ -s "$WORK/err" ] && fail "report wrote to stderr: $(cat "$WORK/err")"
    local book="$out/collectkpi-$month.xlsx"
    [ -f "$book" ] || { fail "no workbook $book"; return; }
    kpi_dir "$db" "kpi-$lang-$month-$#" "$month" "$@"
    $PY "$HERE/readback.py" "$book" "kpi-$lang-$month-$#" "$lang" "$refs" ||
        fail "read-back of $book ($lang $*)"
}

small_db s.db || fail "could not build the small database"
sqlite3 s.db 'SELECT debtor_ref FROM cases' >small.refs
check s.db 2026-10 en small.refs
check s.db 2026-10 zh small.refs
check s.db 2026-10 en small.refs --grace-days 3 --kept-threshold-pct 50 --currency USD \
    --as-of '2026-10-06 12:00:00'

# The formula-like name, the quoted team and the CJK names are text cells, byte for byte.
$PY - out-en-2026-10-0/collectkpi-2026-10.xlsx <<'PY' || fail "text cells of the small report"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = {c.value: c.data_type for row in wb["Agents"].iter_rows(min_row=3) for c in row[:3]}
for want in ("=SUM(A1)", 'North, "Team" 北', "王伟", "Emily Chen"):
    assert names.get(want) == "s", (want, names)
ws = wb["Complaints"]
top = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "received_at")
complaints = [[c.value for c in row] for row in ws.iter_rows(min_row=top + 1)]
assert len(complaints) == 1, complaints
assert complaints[0][1:7] == ["C1", "E02", "=SUM(A1)", 'North, "Team" 北', "Debtor",
                              "Harassment / excessive contact"], complaints[0]
assert complaints[0][7] == "Yes" and complaints[0][8] is None, complaints[0]
PY
$PY - out-zh-2026-10-0/collectkpi-2026-10.xlsx <<'PY' || fail "Chinese labels of the small report"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Complaints"]
top = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "received_at")
row = [c.value for c in next(ws.iter_rows(min_row=top + 1))]
assert row[5:8] == ["债务人", "骚扰、频繁催收", "属实"], row
assert wb["Agents"]["D1"].value == "在案案件数", wb["Agents"]["D1"].value
# A label with a bracketed part breaks before the bracket, in every table header (a viewer's
# own wrap left "人）" alone on the second line): "有效联络（本人）" is written with "\n".
labels = {ws.cell(row=2, column=c).value: ws.cell(row=1, column=c).value
          for ws in (wb["Agents"], wb["Teams"]) for c in range(1, ws.max_column + 1)}
assert labels["rpc"] == "有效联络\n（本人）", labels["rpc"]
unbroken = [t for t in labels.values() if t and "（" in t[1:] and "\n（" not in t]
assert not unbroken, unbroken
PY
$PY - out-en-2026-10-0/collectkpi-2026-10.xlsx <<'PY' || fail "English labels of the small report"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Agents"]
labels = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
# English wraps between words on its own: its bracketed labels are left whole.
assert [t for t in labels if t and " (" in t], labels
assert not [t for t in labels if t and "\n" in t], labels
PY
# --currency shows in the money format.
$PY - out-en-2026-10-8/collectkpi-2026-10.xlsx <<'PY' || fail "currency of the small report"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fmt = wb["Agents"]["F3"].number_format
assert "[$USD]" in fmt and "0.00" in fmt, fmt
PY

# The demo database: realistic volume, six teams, both languages.
"$COLLECTKPI" demo d.db --size demo --end-month 2026-10 >/dev/null || fail "demo database"
sqlite3 d.db 'SELECT debtor_ref FROM cases' >demo.refs
check d.db 2026-10 en demo.refs
check d.db 2026-10 zh demo.refs
check d.db 2026-10 en demo.refs --profile us
# Summary: three charts across set the printed width, and below six teams' table and the
# settings they do not fit on the first page: they start the second, never cut by a break.
$PY - out-en-2026-10-0/collectkpi-2026-10.xlsx <<'PY' || fail "Summary charts on a page of their own"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
anchors = sorted({c.anchor._from.row for c in ws._charts})
breaks = [b.id for b in ws.row_breaks.brk]
assert len(anchors) == 1 and breaks == anchors, (anchors, breaks)
PY
finish
