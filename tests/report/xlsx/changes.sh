#!/usr/bin/env bash
# changes.sh - the change against the previous period: the Summary in percentage points,
# and the change columns of Agents and Teams, for a --from/--to range (the same number of
# days immediately before) and a month (the month before).
#
# small_db (tests/integration/lib.sh), --from 2026-10-16 --to 2026-10-31: 16 days, so the
# previous period is 2026-09-30 .. 2026-10-15. Worked by hand:
#  now   E02 holds C1 from 10-16, balance 100000 - 12345 = 87655, collects 10000: 0.114084;
#        one substantiated complaint (10-25). E03 holds C2, balance 50000, collects 50000: 1.
#        E01's assignment ended 10-16 00:00: no row.
#  before E01 holds C1 (100000), collects 12345: 0.12345, its promise due 10-06 kept: 1.
#        E03 holds C2 (50000), collects nothing: 0. E02 starts only 10-16: no row.
#  Agents: E02 has no row before: its change cells are empty. E03: recovery +100.0 pp,
#        collected +500.00, kept rate undefined on both sides (no promise): empty,
#        substantiated 0 - 0 = 0.
#  North (E01, E02): now 10000 / 87655 = 0.1140836, before 12345 / 100000 = 0.12345:
#        -0.936638 pp; collected 100.00 - 123.45 = -23.45; kept rate now undefined: empty;
#        substantiated 1 - 0 = +1.
#  Total: now 60000 / 137655 = 0.4358723, before 12345 / 150000 = 0.0823: +35.357229 pp;
#        collected 600.00 - 123.45 = +476.55; substantiated +1.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
expect_exit 0 "$COLLECTKPI" report s.db --from 2026-10-16 --to 2026-10-31 --out range --no-charts
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out month --no-charts
$PY - range/collectkpi-2026-10-16..2026-10-31.xlsx month/collectkpi-2026-10.xlsx <<'PY' || fail "changes"
import sys, openpyxl
def near(a, b):
    return a is not None and abs(a - b) < 1e-6
def columns(ws):
    return {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}
wb = openpyxl.load_workbook(sys.argv[1])
ag, tm = wb["Agents"], wb["Teams"]
ca, ct = columns(ag), columns(tm)
keys = ["recovery_rate_change", "collected_change", "ptp_kept_rate_change",
        "complaints_substantiated_change"]
assert all(k in ca and k in ct for k in keys), (ca, ct)
rows = {ag.cell(row=r, column=ca["employee_no"]).value: r for r in range(3, ag.max_row + 1)}
assert set(rows) == {"E02", "E03"}, rows
assert all(ag.cell(row=rows["E02"], column=ca[k]).value is None for k in keys)
e3 = [ag.cell(row=rows["E03"], column=ca[k]).value for k in keys]
assert near(e3[0], 100.0) and near(e3[1], 500.0) and e3[2] is None and e3[3] == 0, e3
assert ag.cell(row=rows["E03"], column=ca["recovery_rate_change"]).number_format.startswith('+0.0" pp"')
trows = {tm.cell(row=r, column=1).value: r for r in range(3, tm.max_row + 1)}
north = [tm.cell(row=trows['North, "Team" 北'], column=ct[k]).value for k in keys]
assert near(north[0], (10000 / 87655 - 0.12345) * 100) and near(north[0], -0.936638), north
assert near(north[1], -23.45) and north[2] is None and north[3] == 1, north
total = [tm.cell(row=tm.max_row, column=ct[k]).value for k in keys]
assert near(total[0], (60000 / 137655 - 12345 / 150000) * 100) and near(total[0], 35.357229), total
assert near(total[1], 476.55) and total[3] == 1, total
# Summary: the previous period named, rates in points, the same headline figures as the
# dashboard (paying-case rate, cases resolved, complaints, satisfaction among them).
sm = wb["Summary"]
cells = {sm.cell(row=r, column=1).value: r for r in range(1, sm.max_row + 1)}
head = [sm.cell(row=r, column=3).value for r in range(1, sm.max_row + 1)]
assert "Previous period (2026-09-30..2026-10-15)" in head, head
for label in ("Paying case rate", "Cases resolved", "Complaints", "Satisfaction (mean, 1-5)"):
    assert any(isinstance(k, str) and k.startswith(label) for k in cells), (label, list(cells))
r = cells["Recovery rate"]
assert near(sm.cell(row=r, column=4).value, 35.357229), sm.cell(row=r, column=4).value
assert sm.cell(row=r, column=4).number_format.startswith('+0.0" pp"')
# A month compares with the month before: September has no payment, E01 collected nothing.
wb = openpyxl.load_workbook(sys.argv[2])
sm = wb["Summary"]
head = [sm.cell(row=r, column=3).value for r in range(1, sm.max_row + 1)]
assert "Previous month (2026-09)" in head, head
PY
finish
