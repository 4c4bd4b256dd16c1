#!/usr/bin/env bash
# usage.sh - `collectkpi report` options and exit statuses (interface.md): --help, usage
# errors (2), a missing or foreign database (1), the default folder and --from/--to.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"

expect_exit 0 "$COLLECTKPI" report --help
grep -q '^usage: collectkpi report DB' "$WORK/out" || fail "--help prints no usage line"
grep -q -- '--no-charts' "$WORK/out" || fail "--help does not mention --no-charts"
expect_exit 0 "$COLLECTKPI" help report

expect_exit 2 "$COLLECTKPI" report
expect_err_line "collectkpi report: missing the database file argument (see 'collectkpi report --help')"
expect_exit 2 "$COLLECTKPI" report s.db s.db --month 2026-10
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-13
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-10 --lang fr
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-10 --currency cny
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-10 --grace-days -1
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-10 --bogus
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-10 --out ''
expect_exit 2 "$COLLECTKPI" report s.db --month 2026-10 --from 2026-10-01 --to 2026-10-02
expect_exit 2 "$COLLECTKPI" report s.db --month
[ ! -e reports ] || fail "a usage error created the reports folder"

# A missing database is a usage error (as for kpi) and is not created.
expect_exit 2 "$COLLECTKPI" report missing.db --month 2026-10
grep -q "missing.db" "$WORK/err" || fail "the error does not name the missing database"
[ ! -e missing.db ] || fail "report created the missing database"
echo "not a database" >junk.db
expect_exit 1 "$COLLECTKPI" report junk.db --month 2026-10
[ ! -e reports ] || fail "a failed report created the reports folder"

# Default folder: reports/<period label>/ below the current directory.
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --no-charts
[ -s reports/2026-10/collectkpi-2026-10.xlsx ] || fail "no reports/2026-10/collectkpi-2026-10.xlsx"
grep -q "reports/2026-10/collectkpi-2026-10.xlsx" "$WORK/out" || fail "report does not say what it wrote"
expect_exit 0 "$COLLECTKPI" report s.db --from 2026-10-03 --to 2026-10-17 --no-charts
[ -s "reports/2026-10-03..2026-10-17/collectkpi-2026-10-03..2026-10-17.xlsx" ] ||
    fail "no workbook for --from/--to"
# --config: the file's settings reach the workbook, and a flag beats the file.
printf '[kpi]\ngrace_days = 2\nresolved_close_reasons = paid_in_full\n[report]\nlang = zh\ncurrency = USD\n' >c.ini
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --config c.ini --out cfg --no-charts
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --config c.ini --lang en --out cfg-en \
    --no-charts
$PY - cfg/collectkpi-2026-10.xlsx cfg-en/collectkpi-2026-10.xlsx <<'PY' || fail "--config"
import sys, openpyxl
zh = openpyxl.load_workbook(sys.argv[1])
en = openpyxl.load_workbook(sys.argv[2])
assert zh["Summary"]["A1"].value.startswith("催收绩效报告"), zh["Summary"]["A1"].value
assert en["Summary"]["A1"].value.startswith("Collection performance report")
for wb in (zh, en):
    values = {wb["Summary"].cell(row=r, column=2).value for r in range(4, 12)}
    assert "2" in values and "USD" in values, values
    assert "[$USD]" in wb["Agents"]["F3"].number_format
    assert any("(paid_in_full)" in str(v) and "(settled)" not in str(v) for v in values), values
PY

# --out creates missing parents.
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out deep/er/folder --no-charts
[ -s deep/er/folder/collectkpi-2026-10.xlsx ] || fail "--out did not create its parents"
finish
