#!/usr/bin/env bash
# agent_trend.sh - the Agent trend sheet read back with openpyxl equals `collectkpi kpi
# --month M --format csv` (and the JSON's exact values) for the oldest, a middle and the
# newest trend month, agent by agent; the in-cell sparkline has one character per month, a
# dot exactly where the month has no value, the full block at the row's highest value and
# the lowest block at its lowest; the sheet prints landscape at a legible fixed scale with
# the identity columns and the two header rows on every page.
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/python3 ] || { echo "SKIP: /usr/bin/python3 is not installed"; exit 77; }
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null ||
    { echo "SKIP: openpyxl is not installed (apt-get install python3-openpyxl)"; exit 77; }

"$COLLECTKPI" demo d.db --size demo --end-month 2026-10 >/dev/null || fail "demo database"
expect_exit 0 "$COLLECTKPI" report d.db --month 2026-10 --out rep --no-charts
for m in 2025-11 2026-04 2026-10; do
    "$COLLECTKPI" kpi d.db --month "$m" --format csv --allow-empty >"kpi-$m.csv" ||
        fail "kpi --month $m --format csv"
    "$COLLECTKPI" kpi d.db --month "$m" --format json --allow-empty >"kpi-$m.json" ||
        fail "kpi --month $m --format json"
done
$PY - rep/collectkpi-2026-10.xlsx <<'PY' || fail "Agent trend read-back"
import csv, json, sys, openpyxl
from decimal import Decimal
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames.index("Agent trend") == wb.sheetnames.index("Trend") + 1, wb.sheetnames
ws = wb["Agent trend"]
groups = {ws.cell(row=3, column=c).value: c for c in range(1, ws.max_column + 1)
          if ws.cell(row=3, column=c).value}
first = {"recovery_rate": groups["Recovery rate  (recovery_rate)"],
         "ptp_kept_rate": groups["PTP kept rate  (ptp_kept_rate)"]}
months = [ws.cell(row=4, column=first["recovery_rate"] + i).value.strftime("%Y-%m")
          for i in range(12)]
assert months[0] == "2025-11" and months[-1] == "2026-10", months
# The note under the title wraps within the identity columns and eight months (the first
# printed page) on two lines, instead of running on past the page's edge; the metrics'
# headings are at the left of their spans, so that a span cut by a page prints its name.
assert "A2:K2" in [str(r) for r in ws.merged_cells.ranges], ws.merged_cells.ranges
assert ws["A2"].alignment.wrap_text and ws.row_dimensions[2].height >= 30, ws.row_dimensions[2].height
assert ws.cell(row=3, column=first["ptp_kept_rate"]).alignment.horizontal == "left"
rows = {ws.cell(row=r, column=2).value: r for r in range(5, ws.max_row + 1)}
checked = 0
for month in ("2025-11", "2026-04", "2026-10"):
    col_of = {k: first[k] + months.index(month) for k in first}
    with open(f"kpi-{month}.csv", newline="", encoding="utf-8") as f:
        agents = list(csv.DictReader(f))
    with open(f"kpi-{month}.json", encoding="utf-8") as f:
        exact = {a["employee_no"]: a for a in json.load(f)}
    assert agents, month
    for agent in agents:
        emp = agent["employee_no"]
        assert emp in rows, (month, emp)
        row = rows[emp]
        assert ws.cell(row=row, column=3).value == agent["agent_name"], (emp, month)
        for key, col in col_of.items():
            value = ws.cell(row=row, column=col).value
            if agent[key] == "":
                assert value is None, (emp, month, key, value)
                continue
            assert abs(value - exact[emp][key]) < 1e-12, (emp, month, key, value)
            assert abs(Decimal(repr(value)) - Decimal(agent[key])) <= Decimal("5e-7"), (
                emp, month, key, value, agent[key])
            assert ws.cell(row=row, column=col).number_format == "0.0%"
            checked += 1
assert checked > 100, checked
# The sparklines: one character per month, "·" where the cell is empty.
for emp, row in rows.items():
    for key, col in first.items():
        values = [ws.cell(row=row, column=col + i).value for i in range(12)]
        line = ws.cell(row=row, column=col + 12).value
        assert len(line) == 12, (emp, key, line)
        for v, ch in zip(values, line):
            assert (v is None) == (ch == "·"), (emp, key, values, line)
        defined = [v for v in values if v is not None]
        if len(set(defined)) > 1:
            assert line[values.index(max(defined))] == "█", (emp, key, line)
            assert line[values.index(min(defined))] == "▁", (emp, key, line)
# Printing: landscape, a fixed legible scale, not one page wide, identity columns repeated.
assert ws.page_setup.orientation == "landscape"
assert 70 <= int(ws.page_setup.scale) <= 100, ws.page_setup.scale
assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
assert ws.print_title_cols.replace("$", "") == "A:C", ws.print_title_cols
assert ws.print_title_rows.replace("$", "") == "3:4", ws.print_title_rows
assert ws.freeze_panes == "D5", ws.freeze_panes
PY
finish
