#!/usr/bin/env bash
# abort.sh - an import killed halfway (the test hook COLLECTKPI_TEST_ABORT_AFTER_ROWS=N
# calls abort() after N rows are written) leaves the database as it was, byte for byte, and
# usable by the next command.
. "$(dirname "$0")/lib.sh"

base_db t.db || fail "base_db"
keep t.db
printf 'team_id,name\n3,East\n4,West\n' >teams.csv
printf 'case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement\n3,C3,SECRET-REF-3,other,2026-01-01 00:00:00,100,0\n' >cases.csv
awk 'BEGIN { print "payment_id,case_id,paid_at,amount,method";
             for (i = 100; i < 20100; i++) printf "%d,%d,2026-02-0%d 00:00:00,%d,cash\n", i, 1 + i % 2, 2 + i % 5, 1 + i % 997 }' >payments.csv

# killed in the third table of the run, after the first two were written
COLLECTKPI_TEST_ABORT_AFTER_ROWS=10000 "$COLLECTKPI" import t.db payments.csv cases.csv teams.csv \
    >"$WORK/out" 2>"$WORK/err"
status=$?
[ "$status" -gt 128 ] || fail "the hook did not abort (exit $status)"
cmp -s t.db t.db.before || fail "the database file changed after the abort"
expect_exit 0 "$COLLECTKPI" check t.db
[ "$(sqlite3 t.db 'SELECT count(*) FROM payments')" = 2 ] || fail "rows of the killed import are visible"

# the next import is not disturbed by the leftover journal, and leaves none behind
expect_exit 0 "$COLLECTKPI" import t.db payments.csv cases.csv teams.csv
expect_stdout <<'EOF'
teams: 2 read, 2 inserted, 0 skipped as identical, 0 rejected
cases: 1 read, 1 inserted, 0 skipped as identical, 0 rejected
payments: 20000 read, 20000 inserted, 0 skipped as identical, 0 rejected
EOF
[ ! -e t.db-journal ] || fail "a journal is left after a good import"
[ "$(sqlite3 t.db 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
# the indexes dropped for the bulk load are back
[ "$(sqlite3 t.db "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments'")" = 2 ] ||
    fail "payments indexes: $(sqlite3 t.db "SELECT name FROM sqlite_master WHERE tbl_name = 'payments'")"

finish
