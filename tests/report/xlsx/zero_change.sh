#!/usr/bin/env bash
# zero_change.sh - a change that rounds to zero at its format's places is written as 0: Excel
# picks a number format's section by the value's sign, so -0.005 pp would show "-0.0 pp"
# where the dashboard says "= 0.0 pp". Neither green nor red on the Summary.
#
# One agent (E01) holds one case placed with 100,000.00 (10000000 minor units) from August.
# Worked by hand:
#  2026-09: collects 10.00 (1000) on 10000000: recovery 0.0001 = 0.01%.
#  2026-10: balance at the start 10000000 - 1000 = 9999000, collects 5.00 (500):
#           500 / 9999000 = 0.000050005 = 0.0050005%.
#  change: 0.0050005 - 0.01 = -0.0049995 pp, shown to one place: 0.0 -> the cell holds 0
#  (Summary, Agents, Teams). Collected -5.00 is a real fall: it stays red on the Summary.
#  One contact in each month (the last on 10-31 23:00, so the data covers October): the
#  contact figures do not change.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" init z.db >/dev/null || fail "init"
sqlite3 z.db <<'SQL' || fail "could not fill the database"
INSERT INTO teams VALUES (1, 'North');
INSERT INTO agents VALUES (1, 'E01', 'Ann Lee', 1, '2025-01-01', NULL);
INSERT INTO cases VALUES (1, 'C1', 'secret-debtor-1', 'credit_card', '2026-08-01 00:00:00', 10000000, 35, NULL, NULL);
INSERT INTO assignments VALUES (1, 1, 1, '2026-08-01 00:00:00', NULL);
INSERT INTO payments VALUES (1, 1, '2026-09-10 10:00:00', 1000, 'card'),
                            (2, 1, '2026-10-10 10:00:00', 500, 'card');
INSERT INTO contacts VALUES (1, 1, 1, '2026-09-05 10:00:00', 'call', 'outbound', 'debtor', 'contacted', 60),
                            (2, 1, 1, '2026-10-31 23:00:00', 'call', 'outbound', 'debtor', 'contacted', 60);
SQL
expect_exit 0 "$COLLECTKPI" report z.db --month 2026-10 --out book --no-charts
$PY - book/collectkpi-2026-10.xlsx <<'PY' || fail "a change that rounds to zero"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
sm = wb["Summary"]
rows = {sm.cell(row=r, column=1).value: r for r in range(1, sm.max_row + 1)}
def colour(cell):
    c = cell.font.color
    return None if c is None or c.rgb is None else str(c.rgb)[-6:].upper()
rate = sm.cell(row=rows["Recovery rate"], column=4)
assert rate.value == 0, rate.value
assert rate.number_format.startswith('+0.0" pp"'), rate.number_format
assert colour(rate) not in ("1B7F3B", "9C0006") and not rate.font.b, (colour(rate), rate.font.b)
money = sm.cell(row=rows["Collected"], column=4)
assert abs(money.value - -5.0) < 1e-9 and colour(money) == "9C0006", (money.value, colour(money))
def columns(ws):
    return {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}
ag, tm = wb["Agents"], wb["Teams"]
ca, ct = columns(ag), columns(tm)
assert ag.cell(row=3, column=ca["employee_no"]).value == "E01"
assert ag.cell(row=3, column=ca["recovery_rate_change"]).value == 0
assert ag.cell(row=3, column=ca["collected_change"]).value == -5.0
for r in (3, tm.max_row):  # North, then the total line
    assert tm.cell(row=r, column=ct["recovery_rate_change"]).value == 0, r
PY
finish
