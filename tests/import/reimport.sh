#!/usr/bin/env bash
# reimport.sh - importing the same rows again is a no-op: every row is skipped as identical
# and the database file keeps its bytes; a row whose id is stored with other content is a
# problem that shows both versions (never a debtor_ref value).
. "$(dirname "$0")/lib.sh"

base_db t.db || fail "base_db"
tables="teams agents cases assignments contacts promises payments complaints surveys"
for t in $tables; do
    sqlite3 -header -csv t.db "SELECT * FROM $t" >"$t.csv"
done
keep t.db
expect_exit 0 "$COLLECTKPI" import t.db $(for t in $tables; do echo "$t.csv"; done)
expect_stdout <<'EOF'
teams: 2 read, 0 inserted, 2 skipped as identical, 0 rejected
agents: 2 read, 0 inserted, 2 skipped as identical, 0 rejected
cases: 2 read, 0 inserted, 2 skipped as identical, 0 rejected
assignments: 2 read, 0 inserted, 2 skipped as identical, 0 rejected
contacts: 0 read, 0 inserted, 0 skipped as identical, 0 rejected
promises: 0 read, 0 inserted, 0 skipped as identical, 0 rejected
payments: 2 read, 0 inserted, 2 skipped as identical, 0 rejected
complaints: 0 read, 0 inserted, 0 skipped as identical, 0 rejected
surveys: 0 read, 0 inserted, 0 skipped as identical, 0 rejected
EOF
unchanged t.db "importing its own rows"

# A large file (the bulk path drops and makes again the table's indexes): the first time
# it loads, the second time nothing changes.
awk 'BEGIN { print "contact_id,case_id,agent_id,contact_at,channel,direction,party,outcome,duration_s";
             for (i = 1; i <= 30000; i++)
                 printf "%d,1,%d,2026-01-%02d 10:00:00,call,outbound,debtor,contacted,%d\n", i, 1 + i % 2, 6 + i % 20, i % 300 }' >contacts.csv
expect_exit 0 "$COLLECTKPI" import t.db contacts.csv
[ "$(sqlite3 t.db 'SELECT count(*) FROM contacts')" = 30000 ] || fail "contacts not loaded"
keep t.db
expect_exit 0 "$COLLECTKPI" import t.db contacts.csv
expect_stdout <<'EOF'
contacts: 30000 read, 0 inserted, 30000 skipped as identical, 0 rejected
EOF
unchanged t.db "importing a large file again"
# ... and the same rows twice in one file are one row
{ cat contacts.csv; tail -n 3 contacts.csv; } >contacts-twice.csv
expect_exit 0 "$COLLECTKPI" import t.db contacts-twice.csv
unchanged t.db "a file with rows twice"

# Other content under a stored id: both versions, the differing columns named. debtor_ref
# is never shown, even when it is the column that differs.
sqlite3 -header -csv t.db "SELECT * FROM cases" | sed 's/SECRET-REF-2/SECRET-REF-X/; s/,50000,/,50001,/' >cases.csv
expect_exit 3 "$COLLECTKPI" import t.db cases.csv
expect_stderr <<'EOF'
cases.csv:3: case_id 2 exists already with other content (different: debtor_ref, placed_balance): stored [case_no="C2", debtor_ref=(not shown), product=mortgage, placed_at="2026-01-06 09:00:00", placed_balance=50000, dpd_at_placement=0, closed_at="2026-03-01 00:00:00", close_reason=paid_in_full], this file [case_no="C2", debtor_ref=(not shown), product=mortgage, placed_at="2026-01-06 09:00:00", placed_balance=50001, dpd_at_placement=0, closed_at="2026-03-01 00:00:00", close_reason=paid_in_full]
collectkpi: import into 't.db': 1 problem; nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)
EOF
no_secrets
unchanged t.db "a conflicting row"
# the same id twice in one file with other content: the second is the problem
printf 'team_id,name\n7,Seven\n7,Sieben\n' >teams.csv
expect_exit 3 "$COLLECTKPI" import t.db teams.csv
expect_stderr <<'EOF'
teams.csv:3: team_id 7 exists already with other content (different: name): stored [name="Seven"], this file [name="Sieben"]
collectkpi: import into 't.db': 1 problem; nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)
EOF
unchanged t.db "an id twice in a file"

finish
