#!/usr/bin/env bash
# usage.sh - `collectkpi demo`: help, usage errors (exit 2, one line), refusing to overwrite
# an existing file (exit 1, file untouched) and --force.
. "$SOURCE_ROOT/tests/app/lib.sh"

expect_exit 0 "$COLLECTKPI" demo --help
grep -q "usage: collectkpi demo DB" "$WORK/out" || fail "demo --help has no usage line"
expect_exit 0 "$COLLECTKPI" help demo
grep -q -- "--end-month" "$WORK/out" || fail "help demo does not explain --end-month"

expect_exit 2 "$COLLECTKPI" demo
expect_err_line "collectkpi demo: missing the database file argument (see 'collectkpi demo --help')"
expect_exit 2 "$COLLECTKPI" demo a.db b.db --end-month 2026-01
expect_err_line "collectkpi demo: expected one database file argument (see 'collectkpi demo --help')"
expect_exit 2 "$COLLECTKPI" demo x.db --size huge --end-month 2026-01
expect_err_line "collectkpi demo: --size 'huge' is not demo or large (see 'collectkpi demo --help')"
expect_exit 2 "$COLLECTKPI" demo x.db --end-month 2026-13
expect_err_line "collectkpi demo: --end-month '2026-13' is not a month; write it as YYYY-MM, e.g. 2026-10 (see 'collectkpi demo --help')"
expect_exit 2 "$COLLECTKPI" demo x.db --end-month 2026-1
expect_exit 2 "$COLLECTKPI" demo x.db --end-month 1500-06
expect_err_line "collectkpi demo: the end month must lie between 2000-01 and 9998-12 (see 'collectkpi demo --help')"
expect_exit 2 "$COLLECTKPI" demo x.db --end-month 1970-06
for seed in -1 abc 1.5 '' ' 7' 18446744073709551616; do
    expect_exit 2 "$COLLECTKPI" demo x.db --seed "$seed" --end-month 2026-01
    expect_err_line "collectkpi demo: --seed '$seed' is not a whole number from 0 to 18446744073709551615 (see 'collectkpi demo --help')"
done
expect_exit 2 "$COLLECTKPI" demo x.db --end-month
expect_err_line "collectkpi demo: option '--end-month' needs a value (see 'collectkpi demo --help')"
expect_exit 2 "$COLLECTKPI" demo x.db --bogus
expect_err_line "collectkpi demo: unknown option '--bogus' (see 'collectkpi demo --help')"
[ -e x.db ] && fail "a usage error left x.db behind"

# An existing file is never touched without --force, and no temporary file is left.
echo "precious" >keep.db
expect_exit 1 "$COLLECTKPI" demo keep.db --end-month 2026-01
expect_err_line "collectkpi: cannot write demo database 'keep.db': it exists already; choose a new file name, remove it, or pass --force to replace it"
[ "$(cat keep.db)" = precious ] || fail "demo changed an existing file"

# A folder that does not exist: exit 1, one line.
expect_exit 1 "$COLLECTKPI" demo no/such/dir/x.db --end-month 2026-01
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "missing folder: expected one error line, got '$(cat "$WORK/err")'"

# --force replaces it with a database; the summary goes to stdout, stderr stays quiet
# (it is not a terminal here, so no progress bar).
expect_exit 0 "$COLLECTKPI" demo keep.db --end-month 2026-01 --force
[ -s "$WORK/err" ] && fail "demo wrote to stderr: $(cat "$WORK/err")"
grep -q "^wrote keep.db: 6 teams, 60 agents, 20000 cases" "$WORK/out" ||
    fail "unexpected summary: $(cat "$WORK/out")"
grep -q "13 months 2025-01..2026-01, seed 1" "$WORK/out" || fail "summary lacks the months: $(cat "$WORK/out")"
[ "$(sqlite3 keep.db 'SELECT count(*) FROM cases')" = 20000 ] || fail "keep.db is not the demo database"
compgen -G '.*.tmp-*' >/dev/null && fail "a temporary file was left: $(ls -A)"
finish
