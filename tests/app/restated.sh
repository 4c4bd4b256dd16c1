#!/usr/bin/env bash
# restated.sh - report snapshots and restated figures: `report` writes
# collectkpi-PERIOD.json beside the workbook, the same bytes on a re-run; a payment loaded
# late makes the figures it moves "restated" (a stderr line, a Restated block on the Summary
# sheet and the dashboard, carried unchanged into the next run on the same data, gone once
# the figures are back); `kpi` says so too; `collectkpi diff` lists the differences.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
M=(--month 2026-10)
SNAP=reports/2026-10/collectkpi-2026-10.json
expect_exit 0 "$COLLECTKPI" report demo.db "${M[@]}" --no-charts
[ -s "$SNAP" ] || fail "no snapshot beside the workbook"
grep -q "^wrote $SNAP\$" out || fail "report does not say it wrote the snapshot"
[ ! -s err ] || fail "a first report printed: $(cat err)"
cp -r reports/2026-10 first
expect_exit 0 "$COLLECTKPI" report demo.db "${M[@]}" --no-charts
for f in collectkpi-2026-10.xlsx index.html collectkpi-2026-10.json; do
    cmp -s first/$f reports/2026-10/$f || fail "$f differs on a re-run"
done
[ ! -s err ] || fail "an unchanged re-run printed: $(cat err)"
grep -q 'id="restated"' reports/2026-10/index.html && fail "a Restated block with nothing restated"
"$COLLECTKPI" kpi demo.db "${M[@]}" --by total --format csv >total.csv 2>kpi.err || fail "kpi"
[ ! -s kpi.err ] || fail "kpi beside an equal snapshot printed: $(cat kpi.err)"
/usr/bin/python3 - "$SNAP" <<'PY' || fail "snapshot != kpi csv"
import csv, json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
assert s["snapshot"] == 1 and s["period_start"] == "2026-10-01 00:00:00", s["period_start"]
assert s["period_end"] == "2026-11-01 00:00:00" and s["data_cutoff"] >= "2026-10-31", s
assert s["settings"].startswith("grace_days=0 kept_threshold_pct=100 "), s["settings"]
assert s["restated"] == [], s["restated"]
fig = {(a, b, c): d for a, b, c, d in s["figures"]}
row = next(csv.DictReader(open("total.csv", encoding="utf-8")))
for k, v in row.items():
    if k in ("period_start", "period_end"):
        continue
    assert (fig[("total", "", k)] or "") == v, (k, fig[("total", "", k)], v)
PY

# A payment of 500.00 loaded late, in October, on a case an agent held then.
CASE=$(sqlite3 demo.db "SELECT c.case_no FROM cases c JOIN assignments a USING (case_id)
  WHERE a.start_at <= '2026-10-10 00:00:00' AND (a.end_at IS NULL OR a.end_at > '2026-10-21 00:00:00')
  ORDER BY c.case_id LIMIT 1")
CASE_ID=$(sqlite3 demo.db "SELECT case_id FROM cases WHERE case_no = '$CASE'")
sqlite3 demo.db "INSERT INTO payments (case_id, paid_at, amount, method)
  VALUES ($CASE_ID, '2026-10-20 10:00:00', 50000, 'card')" || fail "late payment"
"$COLLECTKPI" kpi demo.db "${M[@]}" --format csv >/dev/null 2>kpi.err || fail "kpi after"
grep -q "^collectkpi: [0-9]* figures of 2026-10 restated since the report snapshot '$SNAP' " kpi.err ||
    fail "kpi does not say figures are restated: $(cat kpi.err)"
"$COLLECTKPI" kpi demo.db "${M[@]}" --grace-days 3 >/dev/null 2>kpi.err || fail "kpi grace"
[ ! -s kpi.err ] || fail "kpi with other settings compared with the snapshot: $(cat kpi.err)"
expect_exit 0 "$COLLECTKPI" report demo.db "${M[@]}" --no-charts
grep -q "^collectkpi: [0-9]* figures of 2026-10 restated since the report of data cut-off " err ||
    fail "report does not say figures are restated: $(cat err)"
grep -q 'id="restated"' reports/2026-10/index.html || fail "no Restated block on the dashboard"
/usr/bin/python3 - first/collectkpi-2026-10.json "$SNAP" reports/2026-10/collectkpi-2026-10.xlsx <<'PY' || fail "restated content"
import json, sys, openpyxl
old, new = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
r = {(a, b, c): (d, e) for a, b, c, d, e, f, g in new["restated"]}
o = {(a, b, c): d for a, b, c, d in old["figures"]}
n = {(a, b, c): d for a, b, c, d in new["figures"]}
# exactly the figures that print differently, from the old value to the new one
changed = {k for k in n if o.get(k) != n[k]}
assert set(r) == changed and changed, (set(r) ^ changed)
before, after = r[("total", "", "collected")]
from decimal import Decimal
assert Decimal(after) - Decimal(before) == Decimal("500.00"), (before, after)
ws = openpyxl.load_workbook(sys.argv[3])["Summary"]
texts = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
assert "Restated figures" in texts and before in texts and after in texts, texts[:40]
PY
cp -r reports/2026-10 second
expect_exit 0 "$COLLECTKPI" report demo.db "${M[@]}" --no-charts
for f in collectkpi-2026-10.xlsx index.html collectkpi-2026-10.json; do
    cmp -s second/$f reports/2026-10/$f || fail "$f differs on a re-run after a restatement"
done
grep -q "restated" err || fail "the re-run no longer says figures are restated"

# collectkpi diff: the two snapshots; exit 0 whether or not they differ.
expect_exit 0 "$COLLECTKPI" diff first/collectkpi-2026-10.json "$SNAP"
grep -q "^[0-9]* figures differ$" out || fail "diff table: $(head -3 out)"
grep -q "^  total .*collected .* -> " out || fail "diff: no total collected line"
expect_exit 0 "$COLLECTKPI" diff first/collectkpi-2026-10.json "$SNAP" --format csv
head -1 out | grep -q '^scope,name,figure,old,new,old_cutoff,new_cutoff' || fail "diff csv header"
grep -q '^total,,collected,' out || fail "diff csv: no total collected"
expect_exit 0 "$COLLECTKPI" diff "$SNAP" "$SNAP" --format json
[ "$(tr -d ' \n' <out)" = "[]" ] || fail "diff of a snapshot with itself: $(cat out)"
expect_exit 2 "$COLLECTKPI" diff "$SNAP"
expect_exit 1 "$COLLECTKPI" diff "$SNAP" missing.json
expect_err_line "collectkpi: cannot read 'missing.json': No such file or directory"
echo '{"x": 1}' >bad.json
expect_exit 3 "$COLLECTKPI" diff bad.json "$SNAP"
expect_err_line "collectkpi: 'bad.json': not a collectkpi snapshot"

# The late payment taken out again (loaded by mistake): every figure is back as first sent
# out, so nothing is restated any more. (A reversal would not do: the positive payment would
# still make the case a paying case.)
sqlite3 demo.db "DELETE FROM payments WHERE case_id = $CASE_ID AND paid_at = '2026-10-20 10:00:00'
  AND amount = 50000" || fail "delete"
expect_exit 0 "$COLLECTKPI" report demo.db "${M[@]}" --no-charts
[ ! -s err ] || fail "figures back as sent out still restated: $(cat err)"
grep -q '"restated":\[\]' "$SNAP" || fail "the snapshot still carries restatements"
grep -q 'id="restated"' reports/2026-10/index.html && fail "a Restated block after the reversal"
finish
