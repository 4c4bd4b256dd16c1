#!/usr/bin/env bash
# empty.sh - a month with no data, and a database with no rows at all, still give a valid
# workbook (all eight sheets) whose Summary says there is no data and whose Compliance sheet
# says no contact broke a rule, once --allow-empty says that is wanted; without it the report
# stops with one line naming the data cut-off.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
"$COLLECTKPI" init e.db >/dev/null || fail "init"

expect_exit 1 "$COLLECTKPI" report s.db --month 2025-01 --out quiet --no-charts
expect_err_line "collectkpi: no payment or contact in 2025-01: the data starts at 2026-10-02 10:00:00 (the first month with data is 2026-10); try --month 2026-10, or give --allow-empty"
[ -e quiet ] && fail "the refused report left a folder behind"
expect_exit 1 "$COLLECTKPI" report e.db --month 2026-10 --out none --no-charts --lang zh
expect_err_line "collectkpi: no payment or contact in 2026-10: the database has none at all (load them with 'collectkpi import'), or give --allow-empty"
expect_exit 0 "$COLLECTKPI" report s.db --month 2025-01 --out quiet --no-charts --allow-empty
expect_exit 0 "$COLLECTKPI" report e.db --month 2026-10 --out none --no-charts --lang zh --allow-empty
$PY - quiet/collectkpi-2025-01.xlsx none/collectkpi-2026-10.xlsx <<'PY' || fail "empty workbooks"
import sys, zipfile, openpyxl
for path, words in ((sys.argv[1], "No activity"), (sys.argv[2], "本期无业务数据")):
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", "Agents", "Teams", "Scores", "Trend", "Agent trend",
                             "Promises", "Complaints", "Compliance", "Definitions"], wb.sheetnames
    assert wb["Scores"].max_row == 6, wb["Scores"].max_row  # title, settings, groups, header only
    notes = [c.value for row in wb["Compliance"].iter_rows() for c in row
             if isinstance(c.value, str)]
    empty = "本期没有违规联络" if path == sys.argv[2] else "No contact broke a rule"
    assert any(empty in t for t in notes), notes
    assert not wb["Compliance"].tables, wb["Compliance"].tables
    texts = [c.value for row in wb["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(words in t for t in texts), (path, texts)
    assert wb["Agents"].max_row == 2, wb["Agents"].max_row
    assert wb["Agents"]["A2"].value == "team"
    assert wb["Teams"].max_row == 3, wb["Teams"].max_row  # the total row only
    assert wb["Teams"]["B3"].value == 0 and wb["Teams"]["E3"].value is None
    # Twelve empty months get no chart: its axes would mean nothing.
    names = zipfile.ZipFile(path).namelist()
    assert not any(n.startswith("xl/charts/") for n in names), names
    if path == sys.argv[2]:
        assert any("无：数据库中没有还款或联络记录" in t for t in texts), texts
        assert wb["Summary"]["A4"].value.startswith("数据库中没有任何还款或联络记录"), texts
    else:
        # The banner, above the settings: the data starts after the period.
        assert wb["Summary"]["A4"].value.startswith(
            "No payment or contact in 2025-01: the data starts at 2026-10-02 10:00:00"), texts
PY
finish
