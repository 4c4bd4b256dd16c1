"""readback.py - opens a report workbook with openpyxl and checks it against `collectkpi kpi`.

usage: /usr/bin/python3 readback.py WORKBOOK KPI_DIR LANG [DEBTOR_REFS_FILE]

KPI_DIR holds what readback.sh printed with `collectkpi kpi` for the same options:
agents.csv, teams.csv, total.csv (and .json of each), and trend/YYYY-MM-{team,total}.json
for the twelve trend months; and with `collectkpi compliance`: compliance/agents.csv (and
.json), teams.csv, total.csv, breaches.csv (--by breach) and previous-total.csv. Every failed check is printed; the exit status is 1 if any.
"""
import csv
import json
import os
import re
import sys
import unicodedata
import warnings
import zipfile
from decimal import Decimal

import openpyxl

SHEETS = ["Summary", "Agents", "Teams", "Scores", "Trend", "Agent trend", "Promises", "Complaints",
          "Compliance", "Definitions"]
FIGS = ("cases_worked worked_balance collected recovery_rate paying_cases paying_case_rate "
        "contacts call_attempts rpc rpc_rate ptp_made ptp_made_amount ptp_rate ptp_due "
        "ptp_pending ptp_kept ptp_broken ptp_kept_rate ptp_kept_amount_rate cases_resolved "
        "resolution_days_mean resolution_days_median resolution_days_p90 complaints "
        "complaints_substantiated complaints_per_1k_contacts surveys csat_mean").split()
MONEY = {"worked_balance", "collected", "ptp_made_amount", "unassigned_collected"}
COUNTS = {"cases_worked", "paying_cases", "contacts", "call_attempts", "rpc", "ptp_made",
          "ptp_due", "ptp_pending", "ptp_kept", "ptp_broken", "cases_resolved", "complaints",
          "complaints_substantiated", "surveys"}
RATES = {"recovery_rate", "paying_case_rate", "rpc_rate", "ptp_rate", "ptp_kept_rate",
         "ptp_kept_amount_rate"}
DAYS = {"resolution_days_mean", "resolution_days_median", "resolution_days_p90"}
TREND_KEYS = ["recovery_rate", "collected", "ptp_kept_rate", "resolution_days_median",
              "complaints_per_1k_contacts"]
FAILURES = []


def fail(message):
    FAILURES.append(message)
    if len(FAILURES) <= 40:
        print("FAIL: " + message, file=sys.stderr)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_value(where, key, cell, text, exact):
    """cell: the openpyxl cell; text: the CSV field; exact: the JSON value."""
    value = cell.value
    if text == "":
        if value is not None:
            fail(f"{where} {key}: expected an empty cell for an undefined value, got {value!r}")
        if exact is not None:
            fail(f"{where} {key}: CSV empty but JSON {exact!r}")
        return
    if value is None or isinstance(value, str) or isinstance(value, bool):
        fail(f"{where} {key}: expected a number, got {value!r}")
        return
    if key in MONEY:
        # Money to the cent: the cell holds minor/100.0, so rounding gives the integer back.
        if round(value * 100) != int(Decimal(text) * 100):
            fail(f"{where} {key}: cell {value!r} is not {text} to the cent")
        if "0.00" not in cell.number_format or "[$" not in cell.number_format:
            fail(f"{where} {key}: number format {cell.number_format!r} is not a currency")
    elif key in COUNTS:
        if value != int(text):
            fail(f"{where} {key}: cell {value!r} != {text}")
    else:
        if abs(value - exact) > 1e-9:
            fail(f"{where} {key}: cell {value!r} differs from the engine's {exact!r}")
        # libxlsxwriter writes 16 significant digits, so a value at a rounding midpoint of
        # the CSV's places may round the other way: allow half a unit in the last place.
        places = len(text.split(".")[1]) if "." in text else 0
        if abs(Decimal(repr(value)) - Decimal(text)) > Decimal(5) / 10 ** (places + 1) + Decimal(
                "1e-9"):
            fail(f"{where} {key}: cell {value!r} does not round to the CSV's {text}")
        if key in RATES and cell.number_format != "0.0%":
            fail(f"{where} {key}: rate format {cell.number_format!r}, expected 0.0%")
        if key in DAYS and cell.number_format != "0.0":
            fail(f"{where} {key}: days format {cell.number_format!r}, expected 0.0")


def header(ws, width):
    return [ws.cell(row=2, column=c).value for c in range(1, width + 1)]


def check_text_cell(where, cell, want):
    if cell.value != want:
        fail(f"{where}: text {cell.value!r}, expected {want!r}")
    elif cell.data_type != "s":
        fail(f"{where}: {want!r} is stored as type {cell.data_type!r}, not as text")


def check_agents(wb, kpi_dir):
    ws = wb["Agents"]
    keys = ["team", "employee_no", "agent_name"] + FIGS
    if header(ws, len(keys)) != keys:
        fail(f"Agents header keys are {header(ws, len(keys))}")
        return
    if not ws.cell(row=1, column=4).value:
        fail("Agents has no label row above the keys")
    csv_rows = {r["employee_no"]: r for r in read_csv(os.path.join(kpi_dir, "agents.csv"))}
    json_rows = {r["employee_no"]: r for r in read_json(os.path.join(kpi_dir, "agents.json"))}
    team_order = [r["team"] for r in read_csv(os.path.join(kpi_dir, "teams.csv"))]
    seen = []
    for row in range(3, ws.max_row + 1):
        emp = ws.cell(row=row, column=2).value
        if emp is None:
            continue
        if emp not in csv_rows:
            fail(f"Agents row {row}: employee {emp!r} is not in kpi --format csv")
            continue
        want = csv_rows[emp]
        for col, key in enumerate(("team", "employee_no", "agent_name"), start=1):
            check_text_cell(f"Agents row {row} {key}", ws.cell(row=row, column=col), want[key])
        for col, key in enumerate(FIGS, start=4):
            check_value(f"Agents {emp}", key, ws.cell(row=row, column=col), want[key],
                        json_rows[emp][key])
        seen.append((team_order.index(want["team"]), emp))
    if sorted(e for _, e in seen) != sorted(csv_rows):
        fail(f"Agents lists {len(seen)} agents, kpi lists {len(csv_rows)}")
    if seen != sorted(seen):
        fail("Agents rows are not sorted by team, then employee number")
    if ws.freeze_panes != "D3":
        fail(f"Agents panes frozen at {ws.freeze_panes}, expected D3")
    if not ws.auto_filter.ref:
        fail("Agents has no autofilter")
    # Landscape at a legible fixed scale over as many pages as it needs, never fitted to one
    # page width, the identity columns and the header rows on every page.
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if setup.orientation != "landscape" or fit or not 70 <= int(setup.scale or 100) <= 100:
        fail(f"Agents does not print landscape at 70-100% unfitted (scale {setup.scale}, "
             f"fit {fit})")
    if (ws.print_title_rows or "").replace("$", "") != "1:2":
        fail(f"Agents repeats rows {ws.print_title_rows!r} on each page, expected 1:2")
    if (ws.print_title_cols or "").replace("$", "") != "A:C":
        fail(f"Agents repeats columns {ws.print_title_cols!r} on each page, expected A:C")
    # Teams has as many columns: printed the same way, the team's name on every page.
    teams = wb["Teams"]
    setup = teams.page_setup
    fit = (teams.sheet_properties.pageSetUpPr is not None
           and teams.sheet_properties.pageSetUpPr.fitToPage)
    if setup.orientation != "landscape" or fit or not 70 <= int(setup.scale or 100) <= 100:
        fail(f"Teams does not print landscape at 70-100% unfitted (scale {setup.scale}, "
             f"fit {fit})")
    if (teams.print_title_cols or "").replace("$", "") != "A:A":
        fail(f"Teams repeats columns {teams.print_title_cols!r} on each page, expected A:A")
    # Colours are RAG against targets (checked in scores_sheet.sh), never relative to the
    # sheet's lowest and highest values.
    kinds = {rule.type for cf in ws.conditional_formatting for rule in cf.rules}
    for kind in ("dataBar", "colorScale"):
        if kind in kinds:
            fail(f"Agents colours by the sheet's min and max ({kind})")


def check_teams(wb, kpi_dir):
    ws = wb["Teams"]
    keys = ["team"] + FIGS + ["unassigned_collected"]
    if header(ws, len(keys)) != keys:
        fail(f"Teams header keys are {header(ws, len(keys))}")
        return
    teams = read_csv(os.path.join(kpi_dir, "teams.csv"))
    teams_json = read_json(os.path.join(kpi_dir, "teams.json"))
    total = read_csv(os.path.join(kpi_dir, "total.csv"))[0]
    total_json = read_json(os.path.join(kpi_dir, "total.json"))[0]
    for i, (want, exact) in enumerate(zip(teams, teams_json)):
        row = 3 + i
        check_text_cell(f"Teams row {row} team", ws.cell(row=row, column=1), want["team"])
        for col, key in enumerate(FIGS, start=2):
            check_value(f"Teams {want['team']}", key, ws.cell(row=row, column=col), want[key],
                        exact[key])
        if ws.cell(row=row, column=len(keys)).value is not None:
            fail(f"Teams row {row}: unassigned_collected is set on a team row")
    row = 3 + len(teams)
    for col, key in enumerate(FIGS + ["unassigned_collected"], start=2):
        check_value("Teams total", key, ws.cell(row=row, column=col), total[key],
                    total_json.get(key))
    if ws.max_row != row:
        fail(f"Teams has {ws.max_row} rows, expected the total on row {row} to be the last")


def check_trend(wb, kpi_dir):
    ws = wb["Trend"]
    trend_dir = os.path.join(kpi_dir, "trend")
    months = sorted(f[:7] for f in os.listdir(trend_dir) if f.endswith("-total.json"))
    if len(months) != 12:
        fail(f"readback.sh gave {len(months)} trend months")
        return
    blocks = [r for r in range(1, ws.max_row + 1)
              if isinstance(ws.cell(row=r, column=1).value, str)
              and re.search(r"\((\w+)\)$", ws.cell(row=r, column=1).value)]
    found = [re.search(r"\((\w+)\)$", ws.cell(row=r, column=1).value).group(1) for r in blocks]
    if found != TREND_KEYS:
        fail(f"Trend blocks are {found}, expected {TREND_KEYS}")
        return
    for key, top in zip(TREND_KEYS, blocks):
        heads = [ws.cell(row=top + 1, column=2 + m).value for m in range(12)]
        labels = [h.strftime("%Y-%m") if h is not None else None for h in heads]
        if labels != months:
            fail(f"Trend {key}: month header {labels}, expected {months}")
            return
        for m, month in enumerate(months):
            total = read_json(os.path.join(trend_dir, f"{month}-total.json"))[0]
            teams = {t["team"]: t for t in read_json(os.path.join(trend_dir, f"{month}-team.json"))}
            cell = ws.cell(row=top + 2, column=2 + m)
            check_trend_value(f"Trend {key} total {month}", key, cell.value, total[key])
            # Money in whole units (the cell keeps the cents, checked above), with its currency.
            if key in MONEY and (not cell.number_format.startswith("#,##0 [$")
                                 or "0.00" in cell.number_format):
                fail(f"Trend {key}: number format {cell.number_format!r}, expected whole units")
            r = top + 3
            while isinstance(ws.cell(row=r, column=1).value, str) and not re.search(
                    r"\(\w+\)$", ws.cell(row=r, column=1).value):
                name = ws.cell(row=r, column=1).value
                want = teams[name][key] if name in teams else None
                check_trend_value(f"Trend {key} {name} {month}", key,
                                  ws.cell(row=r, column=2 + m).value, want)
                r += 1


    # Printed at a fixed scale (not fitted to the page width, which shrank it to 40%), with a
    # page break only where a block starts, so no table or chart is cut across two pages.
    setup = ws.page_setup
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        fail("Trend is fitted to the page")
    if setup.scale is None or not 40 <= int(setup.scale) <= 70:
        fail(f"Trend prints at {setup.scale}%, expected 40 - 70%")
    breaks = [b.id for b in ws.row_breaks.brk]
    # openpyxl's break ids are 1-based row numbers of the last row before the break
    if not breaks or any(b + 1 not in blocks for b in breaks):
        fail(f"Trend page breaks after rows {breaks}, expected them before blocks {blocks}")


def check_trend_value(where, key, value, want):
    if want is None:
        if value is not None:
            fail(f"{where}: expected an empty cell, got {value!r}")
    elif value is None or abs(value - want) > (0.005 if key in MONEY else 1e-9):
        fail(f"{where}: {value!r} differs from the engine's {want!r}")


def list_header(ws, first_key):
    """The key row of a follow-up list (below its per-agent block), or None."""
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == first_key and ws.cell(row=r, column=2).value in (
                "employee_no", "case_no"):
            if first_key != "team" or ws.cell(row=r, column=4).value == "case_no":
                return r
    return None


def display_width(text):
    """Characters a text takes on screen: East Asian wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def rules_span(ws, key_row):
    """How many columns right of H the breach list's rules label spans (header, same fill)."""
    fill = ws.cell(row=key_row - 1, column=8).fill.fgColor.rgb
    span = 0
    while ws.cell(row=key_row - 1, column=9 + span).fill.fgColor.rgb == fill and \
            ws.cell(row=key_row - 1, column=9 + span).value is None and span < 20:
        span += 1
    return span


def column_width(ws, column):
    """A column's width as set (<col min max width>, which may cover several columns)."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= column <= dim.max and dim.width:
            return dim.width
    return 8.43  # Excel's default


def check_indented(where, ws, rows, column):
    """A text column right of a right-aligned number is indented, so the two do not touch."""
    for r in rows:
        if ws.cell(row=r, column=column).value and \
                ws.cell(row=r, column=column).alignment.indent != 1:
            fail(f"{where} row {r}: column {column} is not indented")
            return


def check_lists(wb, kpi_dir):
    total = read_csv(os.path.join(kpi_dir, "total.csv"))[0]
    agents = {r["employee_no"]: r for r in read_csv(os.path.join(kpi_dir, "agents.csv"))}
    ws = wb["Promises"]
    top = list_header(ws, "team")
    want_keys = ["team", "employee_no", "agent_name", "case_no", "status", "due_on", "amount",
                 "paid_toward", "shortfall", "days_overdue", "current_holder", "last_contact_at",
                 "outstanding", "made_at"]
    keys = [ws.cell(row=top, column=c).value for c in range(1, 15)] if top else None
    if keys != want_keys:
        fail(f"Promises list header keys are {keys}")
        return
    rows = [r for r in range(top + 1, ws.max_row + 1)
            if isinstance(ws.cell(row=r, column=5).value, str)]
    want = int(total["ptp_broken"]) + int(total["ptp_pending"])
    if len(rows) != want:
        fail(f"Promises lists {len(rows)} promises, the total has {want} broken or pending")
    teams = [ws.cell(row=r, column=1).value for r in rows]
    firsts = [r for i, r in enumerate(rows) if i == 0 or teams[i] != teams[i - 1]]
    if len(set(teams)) != len(firsts):
        fail("Promises rows are not grouped by team")
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    # openpyxl's break id is the last row (1-based) above the break.
    if [b + 1 for b in breaks[1:]] != firsts[1:]:
        fail(f"Promises page breaks {breaks} are not above each team's first row {firsts}")
    for r in rows:
        for col in (7, 8, 9, 13):
            if "[$" not in ws.cell(row=r, column=col).number_format:
                fail(f"Promises row {r}: money column {col} is not in currency format")
                break
        amount, paid, short = (ws.cell(row=r, column=c).value for c in (7, 8, 9))
        if abs(short - max(amount - max(paid, 0), 0)) > 0.005:
            fail(f"Promises row {r}: shortfall {short} of {amount} less {paid}")
        days = ws.cell(row=r, column=10).value
        if days is not None and days < 0:
            fail(f"Promises row {r}: {days} days overdue")
    check_indented("Promises", ws, rows, 11)  # the holder, right of the days overdue
    # The per-agent block: the broken and pending counts of each agent's kpi row.
    for r in range(7, top - 2):
        emp = ws.cell(row=r, column=2).value
        if emp is None:
            continue
        want = agents.get(emp)
        got = (ws.cell(row=r, column=4).value, ws.cell(row=r, column=5).value)
        if want is None or got != (int(want["ptp_broken"]), int(want["ptp_pending"])):
            fail(f"Promises per agent {emp}: {got}, kpi says {want and want['ptp_broken']}")
    ws = wb["Complaints"]
    top = list_header(ws, "received_at")
    if top is None or ws.cell(row=top, column=11).value != "days_open":
        fail("Complaints has no list header with days_open")
        return
    named = [r for r in range(top + 1, ws.max_row + 1) if ws.cell(row=r, column=3).value]
    if len(named) != int(total["complaints"]):
        fail(f"Complaints names an agent on {len(named)} rows, the total has "
             f"{total['complaints']} complaints")
    for r in range(top + 1, ws.max_row + 1):
        resolved = ws.cell(row=r, column=9).value is not None
        days_open = ws.cell(row=r, column=11).value
        if resolved == (days_open is not None) and ws.cell(row=r, column=1).value is not None:
            fail(f"Complaints row {r}: days open {days_open!r} with resolved {resolved}")
    check_indented("Complaints", ws, range(top + 1, ws.max_row + 1), 12)  # overdue, right of days

# The Compliance sheet's rule columns: their label cell's fill by the rule's severity.
SEVERITY_FILL = {"quiet_hours": "D9822B", "attempts_per_day": "D9822B",
                 "connected_per_day": "D9822B", "third_party_early": "C0392B",
                 "burst": "E6C34A", "seven_in_seven": "D9822B", "after_conversation": "D9822B"}
CRITICAL_LABEL = {"en": "Critical breaches", "zh": "严重违规数"}
PER_1K_LABEL = {"en": "Breaching contacts per 1,000 outbound", "zh": "每千次外发联络违规数"}


def key_rows(ws, first_key):
    """Rows whose first cell is first_key and second is a key too: the key rows of tables."""
    return [r for r in range(1, ws.max_row + 1)
            if ws.cell(row=r, column=1).value == first_key
            and isinstance(ws.cell(row=r, column=2).value, str)
            and "_" in ws.cell(row=r, column=2).value]


def check_compliance_figures(where, ws, row, keys, want, exact):
    for col, key in enumerate(keys, start=1):
        if col <= 3:
            continue
        cell = ws.cell(row=row, column=col)
        text = want[key]
        if key == "breaches_per_1k_outbound":
            if text == "":
                if cell.value is not None:
                    fail(f"{where} {key}: expected an empty cell, got {cell.value!r}")
                continue
            if not isinstance(cell.value, (int, float)) or (
                    exact is not None and abs(cell.value - exact[key]) > 1e-9):
                fail(f"{where} {key}: cell {cell.value!r} is not the engine's {text}")
            elif abs(Decimal(repr(cell.value)) - Decimal(text)) > Decimal("0.0000005"):
                fail(f"{where} {key}: cell {cell.value!r} does not round to {text}")
            if cell.number_format != "0.00":
                fail(f"{where} {key}: format {cell.number_format!r}, expected 0.00")
        elif cell.value != int(text) or isinstance(cell.value, bool):
            fail(f"{where} {key}: cell {cell.value!r} != {text}")
        elif cell.number_format != "#,##0":
            fail(f"{where} {key}: format {cell.number_format!r}, expected #,##0")


def check_compliance(wb, kpi_dir, lang):
    cdir = os.path.join(kpi_dir, "compliance")
    agents = read_csv(os.path.join(cdir, "agents.csv"))
    agents_json = read_json(os.path.join(cdir, "agents.json"))
    teams = read_csv(os.path.join(cdir, "teams.csv"))
    total = read_csv(os.path.join(cdir, "total.csv"))[0]
    breaches = read_csv(os.path.join(cdir, "breaches.csv"))
    previous = read_csv(os.path.join(cdir, "previous-total.csv"))[0]
    ws = wb["Compliance"]
    with open(os.path.join(cdir, "agents.csv"), newline="", encoding="utf-8") as f:
        keys = next(csv.reader(f))[2:]  # after period_start, period_end
    tables = key_rows(ws, "team")
    if len(tables) != 2:
        fail(f"Compliance has {len(tables)} tables with a 'team' key row, expected agents and teams")
        return
    for top in tables:
        got = [ws.cell(row=top, column=c).value for c in range(1, len(keys) + 1)]
        if got != keys:
            fail(f"Compliance key row {top} is {got}, expected {keys}")
            return
        for col, key in enumerate(keys, start=1):
            rule = key[len("breaches_"):]
            if key.startswith("breaches_") and rule in SEVERITY_FILL:
                fill = ws.cell(row=top - 1, column=col).fill.fgColor.rgb or ""
                if not fill.endswith(SEVERITY_FILL[rule]):
                    fail(f"Compliance {key}: label fill {fill}, expected the severity's "
                         f"{SEVERITY_FILL[rule]}")
    # Agents (and the system line last), row for row in the command's order.
    row = tables[0] + 1
    for i, want in enumerate(agents):
        emp = ws.cell(row=row, column=2).value
        if emp != want["employee_no"]:
            fail(f"Compliance agent row {row}: {emp!r}, the command's row {i} is "
                 f"{want['employee_no']!r}")
            return
        if emp == "system":
            # No team (an empty string cell is a blank one); the name says what the line is.
            if ws.cell(row=row, column=1).value not in (None, "") or want["team"] != "":
                fail("Compliance: the system line has a team")
            if not ws.cell(row=row, column=3).value:
                fail("Compliance: the system line does not say what it is")
        else:
            check_text_cell(f"Compliance row {row} team", ws.cell(row=row, column=1),
                            want["team"])
            check_text_cell(f"Compliance row {row} agent_name", ws.cell(row=row, column=3),
                            want["agent_name"])
        check_compliance_figures(f"Compliance {emp}", ws, row, keys, want, agents_json[i])
        row += 1
    if ws.cell(row=row, column=2).value is not None:
        fail(f"Compliance lists more agent rows than the command's {len(agents)}")
    # Teams by name, then the total.
    row = tables[1] + 1
    for want in teams:
        check_text_cell(f"Compliance team row {row}", ws.cell(row=row, column=1), want["team"])
        check_compliance_figures(f"Compliance team {want['team']}", ws, row, keys,
                                 dict(want, employee_no="", agent_name=""), None)
        row += 1
    check_compliance_figures("Compliance total", ws, row, keys, total, None)
    if not ws.cell(row=row, column=1).font.b:
        fail("Compliance: the total row is not bold")
    # The breach list: the key row under the filter, one line per breaching contact. The
    # sheet is streamed (rows written one after another, texts inline), where libxlsxwriter
    # makes no Excel table, so the list is an autofilter range; no table at all.
    list_keys = ["case_no", "employee_no", "agent_name", "contact_at", "channel", "party",
                 "outcome", "rules"]
    if ws.tables:
        fail(f"Compliance has tables {list(ws.tables)}; the breach list is a filtered range")
    if not breaches:
        if ws.auto_filter.ref:
            fail("Compliance has a filter but the command lists no breach")
        return
    if not ws.auto_filter.ref:
        fail("the breach list has no autofilter")
        return
    first, last = ws.auto_filter.ref.split(":")
    top = int(re.sub(r"\D", "", first))
    bottom = int(re.sub(r"\D", "", last))
    if re.sub(r"\d", "", first) != "A" or re.sub(r"\d", "", last) != "H":
        fail(f"the breach list's filter {ws.auto_filter.ref} is not over columns A:H")
    if [ws.cell(row=top, column=c).value for c in range(1, 9)] != list_keys:
        fail(f"the breach list's key row is not {list_keys}")
    if bottom - top != len(breaches):
        fail(f"the breach list has {bottom - top} lines, compliance --by breach {len(breaches)}")
    separator = "、" if lang == "zh" else ", "
    span = rules_span(ws, top)
    for i, want in enumerate(breaches[:bottom - top]):
        r = top + 1 + i
        got = [ws.cell(row=r, column=c).value for c in range(1, 5)]
        when = got[3].strftime("%Y-%m-%d %H:%M:%S") if got[3] is not None else None
        if got[:2] != [want["case_no"], want["employee_no"]] or when != want["contact_at"]:
            fail(f"breach line {i}: {got[:2] + [when]} != {want['case_no']}, "
                 f"{want['employee_no']}, {want['contact_at']}")
            break
        if ws.cell(row=r, column=4).number_format != "yyyy-mm-dd hh:mm:ss":
            fail(f"breach line {i}: contact_at is not shown to the second")
            break
        rules = ws.cell(row=r, column=8).value or ""
        if len(rules.split(separator)) != len(want["rules"].split(",")):
            fail(f"breach line {i}: rules {rules!r} are not the command's {want['rules']!r}")
            break
        # The rules cell's fill runs on over the empty cells its text spills into, as far as
        # the header's rules label is centred across, the same on every line.
        fills = [ws.cell(row=r, column=c).fill.fgColor.rgb for c in range(8, 9 + span)]
        values = [ws.cell(row=r, column=c).value for c in range(9, 9 + span)]
        if len(set(fills)) != 1 or any(v is not None for v in values) or \
                ws.cell(row=r, column=9 + span).fill.fgColor.rgb == fills[0]:
            fail(f"breach line {i}: the fills right of the rules {fills} are not the rules "
                 f"cell's over the {span} columns the header spans, or hold {values}")
            break
    # The span holds the longest rules text, bold (a tenth wider), in column widths.
    room = sum(column_width(ws, c) for c in range(8, 9 + span))
    longest = max(display_width(ws.cell(row=r, column=8).value or "")
                  for r in range(top + 1, bottom + 1))
    if room < longest * 1.1:
        fail(f"the breach list's rules need {longest} characters, their {span + 1} columns "
             f"hold {room}")
    if ws.cell(row=top - 1, column=8).alignment.horizontal != "centerContinuous":
        fail("the breach list's rules label is not centred across its columns")
    # ... and so is its key below it, under the label, not in the first column alone.
    if ws.cell(row=top, column=8).value != "rules" or \
            any(ws.cell(row=top, column=c).alignment.horizontal != "centerContinuous"
                for c in range(8, 9 + span)):
        fail("the breach list's rules key is not centred across the columns of its label")
    # The Summary's headline: this period, last month and the change.
    summary = wb["Summary"]
    for label, key, kind in ((CRITICAL_LABEL[lang], "critical_breaches", int),
                             (PER_1K_LABEL[lang], "breaches_per_1k_outbound", float)):
        rows = [r for r in range(1, summary.max_row + 1)
                if summary.cell(row=r, column=1).value == label]
        if len(rows) != 1:
            fail(f"Summary has {len(rows)} lines {label!r}")
            continue
        values = [summary.cell(row=rows[0], column=c).value for c in (2, 3, 4)]
        # An undefined rate (no outbound contact) is an empty cell, and so is its change.
        now = kind(total[key]) if total[key] != "" else None
        before = kind(previous[key]) if previous[key] != "" else None
        change = now - before if now is not None and before is not None else None
        for got, want in zip(values, (now, before, change)):
            if (got is None) != (want is None) or (want is not None and abs(got - want) > 1e-5):
                fail(f"Summary {key}: {values}, expected {now}, {before} and {change}")
                break


def expected_charts(kpi_dir):
    """Summary: recovery by team (when there are teams), the recovery and kept-rate trends;
    Trend: one per figure, and collected twice (the total, the teams) when there are one to
    eight teams to draw. A trend chart is left out when no month has a value."""
    trend_dir = os.path.join(kpi_dir, "trend")
    months = sorted(f[:7] for f in os.listdir(trend_dir) if f.endswith("-total.json"))
    with_values = set()
    trend_teams = set()
    for month in months:
        month_teams = read_json(os.path.join(trend_dir, f"{month}-team.json"))
        trend_teams |= {t["team"] for t in month_teams}
        if not month_teams:
            continue
        total = read_json(os.path.join(trend_dir, f"{month}-total.json"))[0]
        with_values |= {k for k in TREND_KEYS if total[k] is not None}
    teams = read_csv(os.path.join(kpi_dir, "teams.csv"))
    split = 1 if "collected" in with_values and 1 <= len(trend_teams) <= 8 else 0
    return (1 if teams else 0) + len(with_values & {"recovery_rate", "ptp_kept_rate"}) + len(
        with_values) + split


def check_collected_charts(path, chart_xml):
    """The Trend sheet's collected total (a sum of the teams, far above each of them) never
    shares a chart, so an axis, with a team line."""
    ws = openpyxl.load_workbook(path)["Trend"]
    top = next((r for r in range(1, ws.max_row + 1)
                if str(ws.cell(row=r, column=1).value).endswith("(collected)")), None)
    if top is None:
        return
    total = top + 2
    for name, data in chart_xml.items():
        rows = {int(r) for r in re.findall(r"Trend!\$A\$(\d+)", data)}
        if total in rows and len(rows) > 1:
            fail(f"{name}: the collected total shares a chart with {len(rows) - 1} team lines")


def check_package(path, kpi_dir, debtor_refs):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        charts = [n for n in names if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        want = expected_charts(kpi_dir)
        if len(charts) != want:
            fail(f"the workbook has {len(charts)} native charts, expected {want}")
        if "xl/drawings/drawing1.xml" not in names:
            fail("the workbook has no drawing part")
        check_collected_charts(path, {n: z.read(n).decode("utf-8") for n in charts})
        text = ""
        for n in names:
            if n.endswith(".xml"):
                data = z.read(n).decode("utf-8")
                if n.startswith("xl/worksheets/") and "<f>" in data:
                    fail(f"{n} holds a formula; data must be written as values")
                text += data
    if debtor_refs:
        words = set(re.findall(r"[A-Za-z0-9_-]+", text))
        leaked = words & debtor_refs
        if leaked:
            fail(f"debtor references in the workbook: {sorted(leaked)[:3]}")


def main():
    path, kpi_dir, lang = sys.argv[1:4]
    refs = set()
    if len(sys.argv) > 4:
        with open(sys.argv[4], encoding="utf-8") as f:
            refs = {line.strip() for line in f if line.strip()}
    # openpyxl drops the Excel 2010 data-bar extension on reading; that is not our concern.
    warnings.simplefilter("ignore", UserWarning)
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != SHEETS:
        fail(f"sheets are {wb.sheetnames}, expected {SHEETS}")
        return 1
    check_agents(wb, kpi_dir)
    check_teams(wb, kpi_dir)
    check_trend(wb, kpi_dir)
    check_lists(wb, kpi_dir)
    check_compliance(wb, kpi_dir, lang)
    check_package(path, kpi_dir, refs)
    defs = {wb["Definitions"].cell(row=r, column=1).value
            for r in range(1, wb["Definitions"].max_row + 1)}
    with open(os.path.join(kpi_dir, "compliance", "total.csv"), newline="",
              encoding="utf-8") as f:
        rules = [k[len("breaches_"):] for k in next(csv.reader(f)) if k.startswith("breaches_")
                 and k != "breaches_per_1k_outbound"]
    for key in FIGS + ["unassigned_collected", "team", "employee_no", "agent_name"] + rules:
        if key not in defs:
            fail(f"Definitions does not define {key}")
    title = wb["Summary"].cell(row=1, column=1).value or ""
    if lang == "zh" and not re.search(r"[\u4e00-\u9fff]", title):
        fail(f"the Summary title {title!r} is not in Chinese")
    if lang == "en" and re.search(r"[\u4e00-\u9fff]", title):
        fail(f"the Summary title {title!r} is not in English")
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
