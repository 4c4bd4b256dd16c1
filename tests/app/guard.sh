#!/usr/bin/env bash
# guard.sh - the trust guard: a period the data does not (fully) cover says so everywhere,
# and a period with no payment and no contact is refused unless --allow-empty.
#
# small_db (lib.sh) has data up to the agentless SMS of 2026-10-31 18:00:00, so October is
# covered. Hand-worked coverage:
#  November 2026: no payment, no contact; cut-off 10-31 is before 11-01: 0 of 30 days.
#  --from 2026-10-25 --to 2026-11-03: 10 days (10-25 .. 11-03); the cut-off day 10-31 is the
#      7th of them (10-25..10-31), so 7 of 10 days; it has the SMS of 10-31: not empty.
#  Without the SMS (s2.db) the cut-off is the payments of 10-20 10:00: October is covered on
#      10-01 .. 10-20, 20 of 31 days.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
cp s.db s2.db && sqlite3 s2.db "DELETE FROM contacts WHERE contact_id = 9" || fail "s2.db"

# After the cut-off: refused, one line, with the cut-off and the month that has data.
for cmd in kpi report; do
    expect_exit 1 "$COLLECTKPI" $cmd s.db --month 2026-11
    expect_err_line "collectkpi: no payment or contact in 2026-11: the data ends at 2026-10-31 18:00:00 (the last month with data is 2026-10); try --month 2026-10, or give --allow-empty"
done
[ -e reports ] && fail "a refused report wrote something"

# --allow-empty: done, with the warning on stderr and the note in the table.
expect_exit 0 "$COLLECTKPI" kpi s.db --month 2026-11 --allow-empty
expect_err_line "collectkpi: warning: the data ends at 2026-10-31 18:00:00: it covers 0 of the 30 days of 2026-11, figures after it are missing"
grep -qx "Note: No payment or contact in 2026-11: the data ends at 2026-10-31 18:00:00 (it covers 0 of the 30 days). These figures are not results; changes are not marked good or bad." "$WORK/out" ||
    fail "the table has no note: $(head -3 "$WORK/out")"
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-11 --allow-empty --out nov --no-charts
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-11 --allow-empty --out nov-zh --no-charts --lang zh
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-11 --allow-empty --out nov-charts
sed -n '/^\$trend_recovery_rate << EOD/,/^EOD/p' nov-charts/charts/charts.gp | tail -2 | head -1 |
    grep -q "^11 NaN" || fail "the empty month is not a gap in the trend chart"

# Straddling the cut-off: a warning, a note, a banner; the CSV and JSON are unchanged.
expect_exit 0 "$COLLECTKPI" kpi s.db --from 2026-10-25 --to 2026-11-03
expect_err_line "collectkpi: warning: the data ends at 2026-10-31 18:00:00: it covers 7 of the 10 days of 2026-10-25..2026-11-03, figures after it are missing"
grep -q "^Note: Incomplete data: the data ends at 2026-10-31 18:00:00 and covers 7 of the 10 days of 2026-10-25..2026-11-03;" "$WORK/out" ||
    fail "no note for a straddling period"
expect_exit 0 "$COLLECTKPI" kpi s2.db --month 2026-10 --format csv
expect_err_line "collectkpi: warning: the data ends at 2026-10-20 10:00:00: it covers 20 of the 31 days of 2026-10, figures after it are missing"
grep -q "^Note\|warning" "$WORK/out" && fail "the CSV carries the note"
expect_exit 0 "$COLLECTKPI" report s2.db --month 2026-10 --out oct2
grep -c "warning: the data ends at 2026-10-20 10:00:00" "$WORK/err" | grep -qx 1 || fail "report: no one warning line"
# A covered month: nothing on stderr, no note, no banner.
expect_exit 0 "$COLLECTKPI" kpi s.db --month 2026-10
[ -s "$WORK/err" ] && fail "a covered month warned: $(cat "$WORK/err")"
grep -q "^Note" "$WORK/out" && fail "a covered month has a note"
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out oct --no-charts

/usr/bin/python3 - <<'PY' || fail "banners and colours"
import re, openpyxl
def banner(path):
    return openpyxl.load_workbook(path)["Summary"]["A4"].value or ""
assert banner("nov/collectkpi-2026-11.xlsx").startswith(
    "No payment or contact in 2026-11: the data ends at 2026-10-31 18:00:00 (it covers 0 of the 30 days)."), banner("nov/collectkpi-2026-11.xlsx")
assert banner("nov-zh/collectkpi-2026-11.xlsx").startswith("2026-11 没有任何还款或联络记录：数据截止于 2026-10-31 18:00:00")
assert banner("oct2/collectkpi-2026-10.xlsx").startswith(
    "Incomplete data: the data ends at 2026-10-20 10:00:00 and covers 20 of the 31 days of 2026-10")
assert not banner("oct/collectkpi-2026-10.xlsx").startswith(("Incomplete", "No payment"))
# The trend chart draws the empty month as a gap (NaN), not a drop to 0%: the last line of
# the recovery block of November's chart script. (The Trend sheet keeps the engine's figures,
# cell for cell.)
for path, want in (("nov/index.html", "No payment or contact in 2026-11"),
                   ("nov-zh/index.html", "2026-11 没有任何还款或联络记录"),
                   ("oct2/index.html", "Incomplete data: the data ends at 2026-10-20 10:00:00")):
    page = open(path, encoding="utf-8").read()
    m = re.search(r'<p class="banner" role="alert">([^<]*)</p>', page)
    assert m and want in m.group(1), (path, m)
    # Beside an empty or partial month, no change is good or bad news.
    assert not re.search(r'class="d (good|bad)"', page), path
assert "class=\"banner\"" not in open("oct/index.html", encoding="utf-8").read()
PY
finish
