#!/usr/bin/env bash
# periods.sh - --quarter and --year on the reading commands: the same rows as the equivalent
# --from/--to range, and a usage error (exit 2, one line) for a bad value or two periods.
. "$(dirname "$0")/lib.sh"

small_db s.db || fail "small database"
# The third quarter of 2026 is 2026-07-01 .. 2026-09-30; the fourth holds the October data.
"$COLLECTKPI" kpi s.db --quarter 2026Q4 --format csv >q.csv || fail "kpi --quarter"
"$COLLECTKPI" kpi s.db --from 2026-10-01 --to 2026-12-31 --format csv >r.csv || fail "kpi --from/--to"
cmp -s q.csv r.csv || fail "--quarter 2026Q4 differs from --from 2026-10-01 --to 2026-12-31"
head -2 q.csv | tail -1 | grep -q '^2026-10-01 00:00:00,2027-01-01 00:00:00,' ||
    fail "quarter bounds: $(head -2 q.csv | tail -1)"
"$COLLECTKPI" kpi s.db --year 2026 --format csv >y.csv || fail "kpi --year"
"$COLLECTKPI" kpi s.db --from 2026-01-01 --to 2026-12-31 --format csv >ry.csv || fail "kpi year range"
cmp -s y.csv ry.csv || fail "--year 2026 differs from --from 2026-01-01 --to 2026-12-31"
"$COLLECTKPI" kpi s.db --quarter 2026Q4 >q.txt || fail "kpi --quarter table"
grep -q '^Period 2026Q4 ' q.txt || fail "the table names the quarter: $(head -1 q.txt)"
"$COLLECTKPI" kpi s.db --year 2026 >y.txt || fail "kpi --year table"
grep -q '^Period 2026 ' y.txt || fail "the table names the year: $(head -1 y.txt)"

expect_exit 2 "$COLLECTKPI" kpi s.db --quarter 2026Q5
expect_err_line "collectkpi kpi: '2026Q5' is not a quarter; write it as YYYYQn, e.g. 2026Q3 (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi s.db --year 26
expect_err_line "collectkpi kpi: '26' is not a year; write it as YYYY, e.g. 2026 (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi s.db --quarter 2026Q3 --month 2026-10
expect_err_line "collectkpi kpi: give one period: --month, --quarter, --year or --from/--to (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi s.db --year 2026 --from 2026-01-01 --to 2026-02-01
expect_exit 2 "$COLLECTKPI" report s.db --quarter 2026Q9 --out rep
[ -e rep ] && fail "a usage error left a report folder"
expect_exit 2 "$COLLECTKPI" kpi s.db --quarter
finish
