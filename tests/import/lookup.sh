#!/usr/bin/env bash
# lookup.sh - a few rows into a database with many cases: the run reads its files' case ids
# first and looks up only those cases instead of loading every stored case (case_refs.h).
# The problems, the rejects and the rows written are those of the run that loads them all
# (forced here by a header-only teams file in the same run, which needs every case number).
. "$(dirname "$0")/lib.sh"

# 400 cases, all placed 2026-01-01; case 7 placed 2026-03-01; case 9 closed 2026-02-01.
# Stored: case 5 has 1000 paid on 01-10; case 9 is assigned until it closed. 400 cases is
# over 8 times the rows each file below has (an estimated 64 bytes a row), so the run
# looks them up.
many_db() {
    "$COLLECTKPI" init "$1" >/dev/null || return 1
    sqlite3 "$1" <<'SQL'
INSERT INTO teams VALUES (1, 'North');
INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO cases SELECT i, 'C' || i, 'SECRET-REF-' || i, 'credit_card',
  CASE i WHEN 7 THEN '2026-03-01 00:00:00' ELSE '2026-01-01 00:00:00' END, 100000, 0,
  CASE i WHEN 9 THEN '2026-02-01 00:00:00' END, CASE i WHEN 9 THEN 'paid_in_full' END FROM n;
INSERT INTO assignments VALUES (1, 9, 1, '2026-01-01 00:00:00', '2026-02-01 00:00:00');
INSERT INTO payments VALUES (1, 5, '2026-01-10 00:00:00', 1000, 'cash');
SQL
}
many_db m.db || fail "many_db"
keep m.db
LAST="collectkpi: import into 'm.db':"
NOTHING="nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)"

# Worked out by hand:
#  line 2: case 5 after its stored 1000 and 101's -500 (01-15): 500 - 600 = -100 below zero,
#          blamed after the table (the rules over case 5 read its stored payment back);
#  line 3: 1000 - 500 = 500: fine;
#  line 4 and 7: case 999 is in no table (looked up twice, found neither time);
#  line 5: case 7 was placed after the payment;
#  lines 6, 8: case 300, never referred to by a stored row: 100 then -100, fine.
cat >payments.csv <<'EOF'
payment_id,case_id,paid_at,amount,method
100,5,2026-01-20 00:00:00,-600,card
101,5,2026-01-15 00:00:00,-500,card
102,999,2026-01-20 00:00:00,100,card
103,7,2026-02-01 00:00:00,100,card
104,300,2026-01-02 00:00:00,100,cash
105,999,2026-01-21 00:00:00,100,card
106,300,2026-01-03 00:00:00,-100,cash
EOF
PROBLEMS='payments.csv:4: column case_id: there is no case 999
payments.csv:5: column paid_at: "2026-02-01 00:00:00" is before case 7'"'"'s placed_at "2026-03-01 00:00:00"
payments.csv:7: column case_id: there is no case 999
payments.csv:2: column amount: -600 takes the payments of case 5 below zero (to -100 at "2026-01-20 00:00:00")'
expect_exit 3 "$COLLECTKPI" import m.db payments.csv
expect_stderr <<EOF
$PROBLEMS
$LAST 4 problems; $NOTHING
EOF
no_secrets
unchanged m.db "payments looked up"

# The same rows beside a teams file (no rows): every case is loaded, the same problems.
printf 'team_id,name\n' >teams.csv
expect_exit 3 "$COLLECTKPI" import m.db teams.csv payments.csv
expect_stderr <<EOF
$PROBLEMS
$LAST 4 problems; $NOTHING
EOF
unchanged m.db "payments loaded whole"

# With --skip-invalid: 101, 104 and 106 are written, the rejects are the same both ways.
cp m.db full.db
expect_exit 0 "$COLLECTKPI" import m.db payments.csv --skip-invalid --rejects rej-lookup.csv
expect_exit 0 "$COLLECTKPI" import full.db teams.csv payments.csv --skip-invalid \
    --rejects rej-full.csv
[ "$(sqlite3 m.db 'SELECT group_concat(payment_id) FROM payments')" = "1,101,104,106" ] ||
    fail "payments written: $(sqlite3 m.db 'SELECT group_concat(payment_id) FROM payments')"
[ "$(sqlite3 m.db .dump)" = "$(sqlite3 full.db .dump)" ] || fail "the databases differ"
# (a run of two tables writes a rejects file per table)
cmp -s rej-lookup.csv rej-full-payments.csv ||
    fail "the rejects differ: $(diff rej-lookup.csv rej-full-payments.csv)"
# the rows blamed by the rules over a case come after the others
[ "$(cut -d, -f1 rej-lookup.csv | tr '\n' ' ')" = "payment_id 102 103 105 100 " ] ||
    fail "rejected: $(cut -d, -f1 rej-lookup.csv | tr '\n' ' ')"

# The other tables that refer to cases, several files in one run:
#  assignments line 2: case 9 closed 02-01 but this assignment is open; line 3: fine;
#  contacts line 2: before case 7's placement; line 3: case 998 is in no table;
#  complaints line 2: no case at all (allowed); line 3: case 998.
cp full.db other.db
keep other.db
cat >assignments.csv <<'EOF'
assignment_id,case_id,agent_id,start_at,end_at
10,9,1,2026-01-15 00:00:00,
11,200,1,2026-01-02 00:00:00,
EOF
cat >contacts.csv <<'EOF'
contact_id,case_id,agent_id,contact_at,channel,direction,party,outcome,duration_s
1,7,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
2,998,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
3,8,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
EOF
cat >complaints.csv <<'EOF'
complaint_id,case_id,agent_id,received_at,source,category,substantiated,resolved_at
1,,1,2026-02-01 00:00:00,debtor,service,,
2,998,1,2026-02-01 00:00:00,debtor,service,,
EOF
OTHER='assignments.csv:2: column end_at is empty (the assignment is open) but case 9 was closed at "2026-02-01 00:00:00"
contacts.csv:2: column contact_at: "2026-02-01 00:00:00" is before case 7'"'"'s placed_at "2026-03-01 00:00:00"
contacts.csv:3: column case_id: there is no case 998
complaints.csv:3: column case_id: there is no case 998'
expect_exit 3 "$COLLECTKPI" import other.db assignments.csv contacts.csv complaints.csv
expect_stderr <<EOF
$OTHER
collectkpi: import into 'other.db': 4 problems; $NOTHING
EOF
unchanged other.db "other tables looked up"
expect_exit 3 "$COLLECTKPI" import other.db teams.csv assignments.csv contacts.csv complaints.csv
expect_stderr <<EOF
$OTHER
collectkpi: import into 'other.db': 4 problems; $NOTHING
EOF
unchanged other.db "other tables loaded whole"

# 70,000 stored cases: loaded whole (the teams file), they are read on two threads, each half
# of the rowids on a connection of its own (rules_cases_scan.c); looked up (no teams file),
# one by one. Case 3 (lower half) and case 69999 (upper half) were placed 2026-03-01, case
# 69998 closed 2026-02-01, the others placed 2026-01-01 and open. The same problems both ways:
#  assignments line 2: case 69998 closed 02-01, this assignment open; line 3: fine;
#  contacts line 2: before case 3's placement; line 3: before case 69999's; line 4: case
#  70001 is in no table; line 5: case 35000, at the cut, fine.
"$COLLECTKPI" init big.db >/dev/null || fail "init big.db"
sqlite3 big.db <<'SQL' || fail "big.db"
INSERT INTO teams VALUES (1, 'North');
INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70000)
INSERT INTO cases SELECT i, 'C' || i, 'SECRET-REF-' || i, 'credit_card',
  CASE WHEN i IN (3, 69999) THEN '2026-03-01 00:00:00' ELSE '2026-01-01 00:00:00' END,
  100000, 0, CASE i WHEN 69998 THEN '2026-02-01 00:00:00' END,
  CASE i WHEN 69998 THEN 'paid_in_full' END FROM n;
SQL
keep big.db
cat >assignments.csv <<'EOF'
assignment_id,case_id,agent_id,start_at,end_at
10,69998,1,2026-01-15 00:00:00,
11,200,1,2026-01-02 00:00:00,
EOF
cat >contacts.csv <<'EOF'
contact_id,case_id,agent_id,contact_at,channel,direction,party,outcome,duration_s
1,3,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
2,69999,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
3,70001,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
4,35000,1,2026-02-01 00:00:00,call,outbound,debtor,contacted,60
EOF
BIG='assignments.csv:2: column end_at is empty (the assignment is open) but case 69998 was closed at "2026-02-01 00:00:00"
contacts.csv:2: column contact_at: "2026-02-01 00:00:00" is before case 3'"'"'s placed_at "2026-03-01 00:00:00"
contacts.csv:3: column contact_at: "2026-02-01 00:00:00" is before case 69999'"'"'s placed_at "2026-03-01 00:00:00"
contacts.csv:4: column case_id: there is no case 70001'
# big_problems DB WHAT: the problems above, the cases loaded whole (the teams file) and
# looked up (none), and DB left as it was.
big_problems() {
    local files
    for files in "teams.csv assignments.csv contacts.csv" "assignments.csv contacts.csv"; do
        # shellcheck disable=SC2086 # the file names are words
        expect_exit 3 "$COLLECTKPI" import "$1" $files
        expect_stderr <<EOF
$BIG
collectkpi: import into '$1': 4 problems; $NOTHING
EOF
        unchanged "$1" "$2: $files"
    done
}
big_problems big.db "70,000 cases"
# The same cases in a WITHOUT ROWID table (a database made by another tool): there are no
# rowids to cut the table by or to bound the count with, so they are read in one scan or
# counted; the same problems (the rowid span once stopped the look-up with "no such column").
cp big.db norowid.db
sqlite3 norowid.db "PRAGMA foreign_keys = OFF; ALTER TABLE cases RENAME TO rowid_cases;
$(sqlite3 big.db "SELECT sql FROM sqlite_master WHERE name = 'cases'") WITHOUT ROWID;
INSERT INTO cases SELECT * FROM rowid_cases; DROP TABLE rowid_cases;" || fail "norowid.db"
keep norowid.db
big_problems norowid.db "70,000 cases WITHOUT ROWID"
no_secrets

finish
