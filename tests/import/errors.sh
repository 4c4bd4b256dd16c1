#!/usr/bin/env bash
# errors.sh - every class of import error: the exact message lines, exit status 3, and a
# database that is byte for byte what it was. Never a debtor_ref value in a message.
. "$(dirname "$0")/lib.sh"

base_db t.db || fail "base_db"
keep t.db
LAST="collectkpi: import into 't.db':"
NOTHING="nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)"

# ---- the header: errors before any row is read ----
printf 'payment_id,case_id,amount,method\n1,1,100,cash\n' >payments.csv
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
expect_stderr <<EOF
payments.csv:1: the header lacks the column paid_at (payments needs: payment_id, case_id, paid_at, amount, method)
$LAST 1 problem; $NOTHING
EOF
unchanged t.db "missing column"

printf 'payment_id,case_id,paid_at,amount,method,amount,note\n' >payments.csv
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
expect_stderr <<EOF
payments.csv:1: column "amount" appears twice in the header
payments.csv:1: unknown column "note" (payments has: payment_id, case_id, paid_at, amount, method)
$LAST 2 problems; $NOTHING
EOF
unchanged t.db "bad header"

# A bad header in one file stops the run before the rows of the good files are read.
printf 'contact_id\n' >contacts.csv
printf 'team_id,name\n3,East\n' >teams.csv
expect_exit 3 "$COLLECTKPI" import t.db teams.csv contacts.csv
NEEDS="(contacts needs: contact_id, case_id, agent_id, contact_at, channel, direction, party, outcome, duration_s)"
expect_stderr <<EOF
contacts.csv:1: the header lacks the column case_id $NEEDS
contacts.csv:1: the header lacks the column contact_at $NEEDS
contacts.csv:1: the header lacks the column channel $NEEDS
contacts.csv:1: the header lacks the column direction $NEEDS
contacts.csv:1: the header lacks the column party $NEEDS
contacts.csv:1: the header lacks the column outcome $NEEDS
$LAST 6 problems; $NOTHING
EOF
grep -q '^teams: 0 read' "$WORK/out" || fail "rows were read before the headers were all checked"
unchanged t.db "a bad header in the second file"

# ---- values of one row ----
cat >payments.csv <<'EOF'
payment_id,case_id,paid_at,amount,method
10,1,2026-02-30 10:00:00,100,card
11,1,2026-02-03 24:00:00,100,card
12,1,2026/02/03 10:00,100,card
13,1,2026-02-03 10:00:00,12.50,card
14,1,2026-02-03 10:00:00,0,card
15,1,2026-02-03 10:00:00,100,paypal
16,,2026-02-03 10:00:00,100,card
17,1,2026-02-03 10:00:00,100
18,x1,2026-02-03 10:00:00,99999999999999999999,Card
EOF
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
expect_stderr <<EOF
payments.csv:2: column paid_at: "2026-02-30 10:00:00" is not a real date
payments.csv:3: column paid_at: "2026-02-03 24:00:00" is not a real time
payments.csv:4: column paid_at: "2026/02/03 10:00" is not a timestamp (YYYY-MM-DD HH:MM:SS)
payments.csv:5: column amount: "12.50" is not an integer (money is in minor units: fen, cents)
payments.csv:6: column amount must not be 0
payments.csv:7: column method: "paypal" is not one of bank_transfer, card, cash, alipay, wechat_pay, other
payments.csv:8: column case_id is required
payments.csv:9: 4 fields where the header has 5
payments.csv:10: column case_id: "x1" is not an integer
payments.csv:10: column amount: "99999999999999999999" is not an integer
payments.csv:10: column method: "Card" is not one of bank_transfer, card, cash, alipay, wechat_pay, other
$LAST 11 problems; $NOTHING
EOF
unchanged t.db "bad values"
grep -q '^payments: 9 read, 0 inserted, 0 skipped as identical, 9 rejected$' "$WORK/out" ||
    fail "summary line: $(cat "$WORK/out")"

cat >cases.csv <<'EOF'
case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason
3,C3,SECRET-REF-3,car,2026-01-01 00:00:00,0,-1,,
4,C4,SECRET-REF-4,other,2026-01-01 00:00:00,100,0,2026-01-02 00:00:00,
5,C5,SECRET-REF-5,other,2026-01-01 00:00:00,100,0,2025-12-31 00:00:00,settled
6,C1,SECRET-REF-6,other,2026-01-01 00:00:00,100,0,,
7,C7,,other,2026-01-01 00:00:00,100,0,,
8,C8,SECRET-REF-8,other,2026-01-01,100,0,,
9,C9,SECRET-REF-9,other,2026-01-01 00:00:00,100,0,,
9,C9b,SECRET-REF-9,other,2026-01-01 00:00:00,100,0,,
10,C10,SECRET-REF-10,other,2026-01-01 00:00:00,100,0,,recalled
EOF
expect_exit 3 "$COLLECTKPI" import t.db cases.csv
expect_stderr <<EOF
cases.csv:2: column product: "car" is not one of credit_card, consumer_loan, auto_loan, mortgage, other
cases.csv:2: column placed_balance: 0 must be greater than 0
cases.csv:2: column dpd_at_placement: -1 must not be negative
cases.csv:3: column closed_at: "2026-01-02 00:00:00" is set but close_reason is empty (closed_at and close_reason go together)
cases.csv:4: column closed_at: "2025-12-31 00:00:00" is before placed_at "2026-01-01 00:00:00"
cases.csv:5: column case_no: "C1" is already used by case 1
cases.csv:6: column debtor_ref is required
cases.csv:7: column placed_at: "2026-01-01" is not a timestamp (YYYY-MM-DD HH:MM:SS)
cases.csv:9: case_id 9 exists already with other content (different: case_no): stored [case_no="C9", debtor_ref=(not shown), product=other, placed_at="2026-01-01 00:00:00", placed_balance=100, dpd_at_placement=0, closed_at=(empty), close_reason=(empty)], this file [case_no="C9b", debtor_ref=(not shown), product=other, placed_at="2026-01-01 00:00:00", placed_balance=100, dpd_at_placement=0, closed_at=(empty), close_reason=(empty)]
cases.csv:10: column close_reason: "recalled" is set but closed_at is empty (closed_at and close_reason go together)
$LAST 10 problems; $NOTHING
EOF
unchanged t.db "bad cases"
no_secrets

# A case number taken by an earlier row of the same file. import keeps no case numbers of
# its own where the contract's UNIQUE constraint holds: SQLite refuses the row and the
# holder is looked up, with the same message as a stored holder gets (above).
cat >cases.csv <<'EOF'
case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason
3,C3,SECRET-REF-3,other,2026-01-01 00:00:00,100,0,,
4,C3,SECRET-REF-4,other,2026-01-01 00:00:00,100,0,,
5,C5,SECRET-REF-5,other,2026-01-01 00:00:00,100,0,,
EOF
expect_exit 3 "$COLLECTKPI" import t.db cases.csv
expect_stderr <<EOF
cases.csv:3: column case_no: "C3" is already used by case 3
$LAST 1 problem; $NOTHING
EOF
unchanged t.db "a case number twice in one file"
no_secrets
# with --skip-invalid the others go in and the refused row is in the rejects file
expect_exit 0 "$COLLECTKPI" import --skip-invalid --rejects rej.csv t.db cases.csv
grep -q '^cases: 3 read, 2 inserted, 0 skipped as identical, 1 rejected$' "$WORK/out" ||
    fail "summary line: $(cat "$WORK/out")"
grep -qx '4,C3,SECRET-REF-4,other,2026-01-01 00:00:00,100,0,,,"column case_no: ""C3"" is already used by case 3"' rej.csv ||
    fail "rejects file: $(cat rej.csv)"
[ "$(sqlite3 t.db "SELECT group_concat(case_id) FROM cases WHERE case_id > 2")" = "3,5" ] ||
    fail "cases 3 and 5 should be in"
cp t.db.before t.db

# The same problems in a database of another tool's: no UNIQUE constraint on case_no (the
# codes are then kept in memory), or a CREATE UNIQUE INDEX (which a bulk load drops and
# makes again, so it cannot refuse a row in between: 12,000 rows are a bulk load): the same
# problems, nothing written.
for how in none index; do
    rm -f u.db
    "$COLLECTKPI" init u.db >/dev/null || fail "init u.db"
    sqlite3 u.db "ALTER TABLE cases RENAME TO old_cases;
        CREATE TABLE cases (case_id INTEGER PRIMARY KEY, case_no TEXT NOT NULL, debtor_ref TEXT NOT NULL,
          product TEXT NOT NULL, placed_at TEXT NOT NULL, placed_balance INTEGER NOT NULL,
          dpd_at_placement INTEGER NOT NULL, closed_at TEXT, close_reason TEXT);
        DROP TABLE old_cases;
        INSERT INTO cases VALUES (1, 'C1', 'SECRET-REF-1', 'other', '2026-01-01 00:00:00', 100, 0, NULL, NULL);" ||
        fail "u.db ($how)"
    [ "$how" = none ] || sqlite3 u.db "CREATE UNIQUE INDEX cases_no ON cases (case_no)" || fail "index"
    keep u.db
    {
        echo 'case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason'
        for ((i = 3; i <= 12002; i++)); do echo "$i,C$i,SECRET-REF-$i,other,2026-01-01 00:00:00,100,0,,"; done
        echo '12003,C3,SECRET-REF-X,other,2026-01-01 00:00:00,100,0,,'
        echo '12004,C1,SECRET-REF-Y,other,2026-01-01 00:00:00,100,0,,'
    } >cases.csv
    expect_exit 3 "$COLLECTKPI" import u.db cases.csv
    expect_stderr <<EOF
cases.csv:12002: column case_no: "C3" is already used by case 3
cases.csv:12003: column case_no: "C1" is already used by case 1
collectkpi: import into 'u.db': 2 problems; $NOTHING
EOF
    unchanged u.db "case numbers twice, unique: $how"
    no_secrets
done

# Another tool's UNIQUE on case_no with an ON CONFLICT clause: REPLACE would delete the
# stored case 1, IGNORE drop the row unseen, ROLLBACK end the import's transaction. The
# import's own INSERT OR ABORT keeps each a refusal: the same problem, nothing written.
for clause in REPLACE IGNORE ROLLBACK; do
    rm -f u.db
    "$COLLECTKPI" init u.db >/dev/null || fail "init u.db"
    sqlite3 u.db "ALTER TABLE cases RENAME TO old_cases;
        CREATE TABLE cases (case_id INTEGER PRIMARY KEY, case_no TEXT NOT NULL UNIQUE ON CONFLICT $clause,
          debtor_ref TEXT NOT NULL, product TEXT NOT NULL, placed_at TEXT NOT NULL,
          placed_balance INTEGER NOT NULL, dpd_at_placement INTEGER NOT NULL, closed_at TEXT,
          close_reason TEXT);
        DROP TABLE old_cases;
        INSERT INTO cases VALUES (1, 'C1', 'SECRET-REF-1', 'other', '2026-01-01 00:00:00', 100, 0, NULL, NULL);" ||
        fail "u.db ($clause)"
    keep u.db
    printf '%s\n' 'case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason' \
        '3,C1,SECRET-REF-3,other,2026-01-01 00:00:00,100,0,,' '5,C5,SECRET-REF-5,other,2026-01-01 00:00:00,100,0,,' >cases.csv
    expect_exit 3 "$COLLECTKPI" import u.db cases.csv
    expect_stderr <<EOF
cases.csv:2: column case_no: "C1" is already used by case 1
collectkpi: import into 'u.db': 1 problem; $NOTHING
EOF
    unchanged u.db "ON CONFLICT $clause"
    no_secrets
    # with --skip-invalid: case 5 goes in, case 1 stays, the refused row is left out
    expect_exit 0 "$COLLECTKPI" import --skip-invalid --rejects rej.csv u.db cases.csv
    [ "$(sqlite3 u.db "SELECT group_concat(case_id || case_no) FROM cases")" = "1C1,5C5" ] ||
        fail "ON CONFLICT $clause: $(sqlite3 u.db "SELECT group_concat(case_id || case_no) FROM cases")"
done

# Another tool's UNIQUE index on another column (here debtor_ref) refuses a row too: the
# refusal is SQLite's, named by column, never by the value; no case is named as a holder.
rm -f u.db
"$COLLECTKPI" init u.db >/dev/null || fail "init u.db"
sqlite3 u.db "CREATE UNIQUE INDEX cases_by_debtor ON cases (debtor_ref);
    INSERT INTO cases VALUES (1, 'C1', 'SECRET-REF-1', 'other', '2026-01-01 00:00:00', 100, 0, NULL, NULL);" ||
    fail "u.db (debtor index)"
keep u.db
printf '%s\n' 'case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason' \
    '3,C3,SECRET-REF-1,other,2026-01-01 00:00:00,100,0,,' >cases.csv
expect_exit 3 "$COLLECTKPI" import u.db cases.csv
expect_stderr <<EOF
cases.csv:2: the database refused the row: UNIQUE constraint failed: cases.debtor_ref
collectkpi: import into 'u.db': 1 problem; $NOTHING
EOF
unchanged u.db "another unique index"
no_secrets

# debtor_ref is never echoed, not even when it is broken
printf 'case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement\n3,C3,SECRET-REF-\xff,other,2026-01-01 00:00:00,100,0\n' >cases.csv
expect_exit 3 "$COLLECTKPI" import t.db cases.csv
expect_stderr <<EOF
cases.csv:2: column debtor_ref: invalid UTF-8 at byte 12
$LAST 1 problem; $NOTHING
EOF
no_secrets

# invalid UTF-8 names the line and column; "" is an empty text, not a missing value
printf 'agent_id,employee_no,name,team_id,hired_on,left_on\n3,E3,Ch\xe9n,1,2025-01-01,\n4,"",x,1,2025-13-01,2025-02-29\n' >agents.csv
expect_exit 3 "$COLLECTKPI" import t.db agents.csv
expect_stderr <<EOF
agents.csv:2: column name: invalid UTF-8 at byte 3
agents.csv:3: column hired_on: "2025-13-01" is not a real date
agents.csv:3: column left_on: "2025-02-29" is not a real date
$LAST 3 problems; $NOTHING
EOF
unchanged t.db "bad agents"

# ---- references, against the database and the other files of the run ----
cat >teams.csv <<'EOF'
team_id,name
3,East
4,North
EOF
cat >agents.csv <<'EOF'
agent_id,employee_no,name,team_id,hired_on
3,E3,Cleo,3,2025-01-01
4,E4,Dan,4,2025-01-01
5,E1,Eve,1,2025-01-01
EOF
cat >contacts.csv <<'EOF'
contact_id,case_id,agent_id,contact_at,channel,direction,party,outcome
1,1,3,2026-01-10 10:00:00,call,outbound,debtor,contacted
2,1,4,2026-01-10 10:00:00,call,outbound,debtor,contacted
3,7,,2026-01-10 10:00:00,sms,outbound,none,no_answer
4,1,,2026-01-01 10:00:00,sms,outbound,none,no_answer
5,1,1,2026-01-10 10:00:00,fax,sideways,nobody,ok
EOF
cat >surveys.csv <<'EOF'
survey_id,case_id,agent_id,surveyed_at,score
1,1,3,2026-01-10 10:00:00,6
EOF
cat >promises.csv <<'EOF'
promise_id,case_id,agent_id,made_at,due_on,amount
1,1,1,2026-01-10 10:00:00,2026-01-09,100
2,1,1,2026-01-04 10:00:00,2026-01-09,-1
EOF
cat >complaints.csv <<'EOF'
complaint_id,case_id,agent_id,received_at,source,category,substantiated,resolved_at
1,,,2026-01-10 10:00:00,debtor,privacy,,
2,9,,2026-01-10 10:00:00,press,rude,2,2026-01-11
EOF
# named in the wrong order on purpose: loaded as teams, agents, contacts, promises, ...
expect_exit 3 "$COLLECTKPI" import t.db surveys.csv complaints.csv contacts.csv promises.csv agents.csv teams.csv
expect_stderr <<EOF
teams.csv:3: column name: "North" is already used by team 1
agents.csv:3: column team_id: there is no team 4
agents.csv:4: column employee_no: "E1" is already used by agent 1
contacts.csv:3: column agent_id: there is no agent 4
contacts.csv:4: column case_id: there is no case 7
contacts.csv:5: column contact_at: "2026-01-01 10:00:00" is before case 1's placed_at "2026-01-05 09:00:00"
contacts.csv:6: column channel: "fax" is not one of call, sms, email, letter, visit, im
contacts.csv:6: column direction: "sideways" is not one of outbound, inbound
contacts.csv:6: column party: "nobody" is not one of debtor, third_party, none
contacts.csv:6: column outcome: "ok" is not one of no_answer, busy, invalid_number, voicemail, contacted, promise, refusal, dispute, callback_requested
promises.csv:2: column due_on: "2026-01-09" is before the day of made_at "2026-01-10 10:00:00"
promises.csv:3: column amount: -1 must be greater than 0
complaints.csv:3: column source: "press" is not one of debtor, third_party, creditor, regulator
complaints.csv:3: column category: "rude" is not one of harassment, abusive_language, threat, third_party_disclosure, privacy, misrepresentation, out_of_hours, debt_dispute, fees, service, other
complaints.csv:3: column substantiated: 2 must be between 0 and 1
complaints.csv:3: column resolved_at: "2026-01-11" is not a timestamp (YYYY-MM-DD HH:MM:SS)
surveys.csv:2: column score: 6 must be between 1 and 5
$LAST 17 problems; $NOTHING
EOF
unchanged t.db "references"

# ---- assignments: order, overlaps (with stored rows and each other), the case's dates ----
cat >assignments.csv <<'EOF'
assignment_id,case_id,agent_id,start_at,end_at
3,1,2,2026-01-20 00:00:00,2026-02-10 00:00:00
4,1,2,2026-02-01 00:00:00,
5,1,1,2026-03-01 00:00:00,2026-03-02 00:00:00
6,2,1,2026-02-01 00:00:00,2026-01-01 00:00:00
7,2,1,2026-03-01 00:00:00,
8,2,1,2026-03-01 00:00:00,2026-03-05 00:00:00
9,1,1,2026-01-01 00:00:00,2026-01-02 00:00:00
EOF
expect_exit 3 "$COLLECTKPI" import t.db assignments.csv
expect_stderr <<EOF
assignments.csv:5: column end_at: "2026-01-01 00:00:00" is not after start_at "2026-02-01 00:00:00"
assignments.csv:6: column end_at is empty (the assignment is open) but case 2 was closed at "2026-03-01 00:00:00"
assignments.csv:7: column end_at: "2026-03-05 00:00:00" is after case 2's closed_at "2026-03-01 00:00:00"
assignments.csv:8: column start_at: "2026-01-01 00:00:00" is before case 1's placed_at "2026-01-05 09:00:00"
assignments.csv:2: assignment 3 overlaps assignment 1 of case 1 (from "2026-01-05 09:00:00" to "2026-02-01 00:00:00")
assignments.csv:4: assignment 5 overlaps assignment 4 of case 1 (from "2026-02-01 00:00:00", still open)
$LAST 6 problems; $NOTHING
EOF
unchanged t.db "assignments"

# ---- the running balance of a case, with the stored payments ----
# stored: +5000 on 02-01, -5000 on 03-01. A reversal of 1000 on 02-15 leaves the stored
# reversal of 03-01 below zero: the new row is the one to blame.
cat >payments.csv <<'EOF'
payment_id,case_id,paid_at,amount,method
20,1,2026-02-15 00:00:00,-1000,card
21,2,2026-02-01 00:00:00,3000,cash
22,2,2026-02-01 00:00:00,-3000,cash
23,2,2026-02-02 00:00:00,-1,cash
1,1,2026-02-01 10:00:00,5000,card
2,1,2026-03-01 10:00:00,-4000,card
EOF
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
expect_stderr <<EOF
payments.csv:7: payment_id 2 exists already with other content (different: amount): stored [case_id=1, paid_at="2026-03-01 10:00:00", amount=-5000, method=card], this file [case_id=1, paid_at="2026-03-01 10:00:00", amount=-4000, method=card]
payments.csv:2: column amount: -1000 takes the payments of case 1 below zero (to -1000 at "2026-03-01 10:00:00", with payment 2)
payments.csv:5: column amount: -1 takes the payments of case 2 below zero (to -1 at "2026-02-02 00:00:00")
$LAST 3 problems; $NOTHING
EOF
unchanged t.db "balance"
grep -q '^payments: 6 read, 0 inserted, 1 skipped as identical, 3 rejected$' "$WORK/out" ||
    fail "balance summary: $(cat "$WORK/out")"

# The same import reads the written rows' cases back in both of its ways: case by case
# through payments_by_case when the table holds many more rows than the run writes (300
# stored rows of case 1 after 03-01, so the walk still goes below zero at 03-01), and in one
# pass in case order when no index leads with case_id.
cp t.db many.db
sqlite3 many.db "WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < 399)
                 INSERT INTO payments SELECT i, 1, '2026-03-10 00:00:00', 1, 'cash' FROM n"
cp many.db noindex.db
sqlite3 noindex.db "DROP INDEX payments_by_case; DROP INDEX payments_by_time"
for db in many.db noindex.db; do
    expect_exit 3 "$COLLECTKPI" import "$db" payments.csv
    expect_stderr <<EOF
payments.csv:7: payment_id 2 exists already with other content (different: amount): stored [case_id=1, paid_at="2026-03-01 10:00:00", amount=-5000, method=card], this file [case_id=1, paid_at="2026-03-01 10:00:00", amount=-4000, method=card]
payments.csv:2: column amount: -1000 takes the payments of case 1 below zero (to -1000 at "2026-03-01 10:00:00", with payment 2)
payments.csv:5: column amount: -1 takes the payments of case 2 below zero (to -1 at "2026-02-02 00:00:00")
collectkpi: import into '$db': 3 problems; $NOTHING
EOF
done

# ---- CSV syntax ----
printf 'team_id,name\n3,"East\n4,West\n' >teams.csv
expect_exit 3 "$COLLECTKPI" import t.db teams.csv
expect_stderr <<EOF
teams.csv:2: a quoted field that is never closed starts on this line
$LAST 1 problem; $NOTHING
EOF
printf 'team_id,name\n3,East\n4,We"st\n' >teams.csv
expect_exit 3 "$COLLECTKPI" import t.db teams.csv
expect_stderr <<EOF
teams.csv:3: malformed CSV: a quote inside an unquoted field, or text after a closing quote (quote the field and double its quotes)
$LAST 1 problem; $NOTHING
EOF
unchanged t.db "syntax"

# ---- the first 50 problems, then a count ----
{
    echo 'team_id,name'
    for i in $(seq 1 60); do echo "x$i,T$i"; done
} >teams.csv
expect_exit 3 "$COLLECTKPI" import t.db teams.csv
[ "$(wc -l <"$WORK/err")" = 52 ] || fail "expected 50 problems, a count and the last line"
[ "$(sed -n 50p "$WORK/err")" = 'teams.csv:51: column team_id: "x50" is not an integer' ] ||
    fail "50th line: $(sed -n 50p "$WORK/err")"
[ "$(sed -n 51p "$WORK/err")" = '... and 10 more problems' ] || fail "count line: $(sed -n 51p "$WORK/err")"
unchanged t.db "many problems"

finish
