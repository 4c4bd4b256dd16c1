#!/usr/bin/env bash
# check.sh - `collectkpi check DB`: every rule over a database another tool made (no CHECK
# constraints, no unique keys), listed by rule with table and id; read-only; exit 3.
. "$(dirname "$0")/lib.sh"

base_db t.db || fail "base_db"
keep t.db
expect_exit 0 "$COLLECTKPI" check t.db
expect_stdout <<'EOF'
t.db follows the contract: 10 rows in 9 tables checked, no problems
EOF
unchanged t.db "check is read-only"

# The contract's tables and columns, but none of its constraints.
sqlite3 f.db <<'SQL'
CREATE TABLE teams (team_id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE agents (agent_id INTEGER PRIMARY KEY, employee_no TEXT, name TEXT, team_id INTEGER, hired_on TEXT, left_on TEXT);
CREATE TABLE cases (case_id INTEGER, case_no TEXT, debtor_ref TEXT, product TEXT, placed_at TEXT, placed_balance, dpd_at_placement INTEGER, closed_at TEXT, close_reason TEXT);
CREATE TABLE assignments (assignment_id INTEGER PRIMARY KEY, case_id INTEGER, agent_id INTEGER, start_at TEXT, end_at TEXT);
CREATE TABLE contacts (contact_id INTEGER PRIMARY KEY, case_id INTEGER, agent_id INTEGER, contact_at TEXT, channel TEXT, direction TEXT, party TEXT, outcome TEXT, duration_s INTEGER);
CREATE TABLE promises (promise_id INTEGER PRIMARY KEY, case_id INTEGER, agent_id INTEGER, made_at TEXT, due_on TEXT, amount INTEGER);
CREATE TABLE payments (payment_id INTEGER, case_id INTEGER, paid_at TEXT, amount, method TEXT);
CREATE TABLE complaints (complaint_id INTEGER PRIMARY KEY, case_id INTEGER, agent_id INTEGER, received_at TEXT, source TEXT, category TEXT, substantiated INTEGER, resolved_at TEXT);
CREATE TABLE surveys (survey_id INTEGER PRIMARY KEY, case_id INTEGER, agent_id INTEGER, surveyed_at TEXT, score INTEGER);
INSERT INTO teams VALUES (1, 'A'), (2, 'A');
INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL), (2, 'E1', 'Bob', 5, '2025-02-30', NULL);
INSERT INTO cases VALUES
  (1, 'C1', 'SECRET-REF-1', 'credit_card', '2026-01-01 00:00:00', 100, 0, NULL, NULL),
  (1, 'C2', 'SECRET-REF-2', 'car', '2026-01-01 00:00:00', 10.5, 0, '2025-12-01 00:00:00', NULL),
  (3, 'C3', x'FF', 'other', '2026-01-01 00:00:00', 100, 0, '2026-02-01 00:00:00', 'settled');
INSERT INTO assignments VALUES (1, 1, 1, '2026-01-01 00:00:00', '2026-01-10 00:00:00'),
  (2, 1, 1, '2026-01-05 00:00:00', NULL), (3, 3, 1, '2026-01-01 00:00:00', NULL),
  (4, 3, 1, '2026-01-02 00:00:00', '2026-01-01 00:00:00'), (5, 3, 1, '2026-01-02 00:00:00', '2026-02-02 00:00:00');
INSERT INTO payments VALUES (1, 1, '2026-01-02 00:00:00', 100, 'card'), (1, 1, '2026-01-03 00:00:00', -200, 'card'),
  (2, 1, '2025-01-03 00:00:00', 5, 'cash'), (3, 9, '2026-01-03 24:00:00', 5, 'cash');
INSERT INTO promises VALUES (1, 1, 1, '2026-01-05 10:00:00', '2026-01-04', 100);
INSERT INTO surveys VALUES (1, 1, 1, '2026-01-05 10:00:00', 7), (2, 1, NULL, '2026-01-05 10:00:00', 3);
INSERT INTO contacts VALUES (1, 1, NULL, '2026-01-05 10:00:00', 'call', 'outbound', 'none', 'no_answer', -1);
INSERT INTO complaints VALUES (1, NULL, NULL, '2026-01-05 10:00:00', 'debtor', 'privacy', 2, NULL);
SQL
keep f.db
expect_exit 3 "$COLLECTKPI" check f.db
expect_stdout <<'EOF'
required: columns that must have a value have one: 1 row
  surveys 2: column agent_id is required

type: integers are integers and text is valid UTF-8: 2 rows
  cases 1: column placed_balance: "10.5" is not an integer (money is in minor units: fen, cents)
  cases 3: column debtor_ref is stored as BLOB, not TEXT

datetime: timestamps and dates are well-formed and real (rule 2): 2 rows
  agents 2: column hired_on: "2025-02-30" is not a real date
  payments 3: column paid_at: "2026-01-03 24:00:00" is not a real time

code: codes are ones the contract lists: 1 row
  cases 1: column product: "car" is not one of credit_card, consumer_loan, auto_loan, mortgage, other

range: amounts, balances, durations and scores are in range: 3 rows
  contacts 1: column duration_s: -1 must not be negative
  complaints 1: column substantiated: 2 must be between 0 and 1
  surveys 1: column score: 7 must be between 1 and 5

unique: ids, team names, employee numbers and case numbers are unique: 4 rows
  teams 2: column name: "A" is already used by team 1
  agents 2: column employee_no: "E1" is already used by agent 1
  cases 1: case_id 1 appears more than once
  payments 1: payment_id 1 appears 2 times

reference: every reference points at an existing row (rule 1): 2 rows
  agents 2: column team_id: there is no team 5
  payments 3: column case_id: there is no case 9

closure: closed_at and close_reason are set together and closed_at >= placed_at (rule 6): 1 row
  cases 1: column closed_at: "2025-12-01 00:00:00" is set but close_reason is empty (closed_at and close_reason go together)

assignment-order: an assignment's start_at is before its end_at (rule 3): 1 row
  assignments 4: column end_at: "2026-01-01 00:00:00" is not after start_at "2026-01-02 00:00:00"

assignment-case: assignments lie between their case's placed_at and closed_at (rule 3): 2 rows
  assignments 3: column end_at is empty (the assignment is open) but case 3 was closed at "2026-02-01 00:00:00"
  assignments 5: column end_at: "2026-02-02 00:00:00" is after case 3's closed_at "2026-02-01 00:00:00"

assignment-overlap: the assignments of one case do not overlap (rule 3): 2 rows
  assignments 2: assignment 2 overlaps assignment 1 of case 1 (from "2026-01-01 00:00:00" to "2026-01-10 00:00:00")
  assignments 5: assignment 5 overlaps assignment 3 of case 3 (from "2026-01-01 00:00:00", still open)

placement: contacts, promises and payments are not before their case's placed_at (rule 4): 1 row
  payments 2: column paid_at: "2025-01-03 00:00:00" is before case 1's placed_at "2026-01-01 00:00:00"

promise-due: a promise is not due before the day it was made (rule 4): 1 row
  promises 1: column due_on: "2026-01-04" is before the day of made_at "2026-01-05 10:00:00"

balance: the running sum of a case's payments never goes below zero (rule 5): 1 row
  payments 1: column amount: -200 takes the payments of case 1 below zero (to -95 at "2026-01-03 00:00:00")
EOF
expect_stderr <<'EOF'
collectkpi: check 'f.db': 24 problems under 14 rules; the data breaks the contract
EOF
no_secrets
unchanged f.db "check is read-only"

# The first 50 of a rule, then a count; --limit changes it, 0 lists all.
sqlite3 f.db "DELETE FROM teams WHERE team_id > 2;
              WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n WHERE i < 69)
              INSERT INTO teams SELECT i, 'A' FROM n;"
expect_exit 3 "$COLLECTKPI" check f.db
[ "$(grep -c '^  teams ' "$WORK/out")" = 50 ] || fail "expected 50 teams lines: $(grep -c '^  teams ' "$WORK/out")"
grep -q '^unique: ids, team names, employee numbers and case numbers are unique: 64 rows$' "$WORK/out" ||
    fail "unique count: $(grep '^unique' "$WORK/out")"
grep -qx '  ... and 14 more' "$WORK/out" || fail "no '... and 14 more' line"
expect_exit 3 "$COLLECTKPI" check f.db --limit 2
[ "$(grep -c '^  teams ' "$WORK/out")" = 2 ] || fail "--limit 2"
expect_exit 3 "$COLLECTKPI" check f.db --limit 0
[ "$(grep -c '^  teams ' "$WORK/out")" = 61 ] || fail "--limit 0: $(grep -c '^  teams ' "$WORK/out")"
! grep -q 'more$' "$WORK/out" || fail "--limit 0 still cut the list"

# Not a database or without the contract's tables: exit 1; no such file: a usage error.
echo "hello" >not.db
expect_exit 1 "$COLLECTKPI" check not.db
expect_exit 2 "$COLLECTKPI" check missing.db
grep -q "^collectkpi: cannot open database 'missing.db': no such file" "$WORK/err" || fail "missing.db: $(cat "$WORK/err")"
[ ! -e missing.db ] || fail "check created a file"
sqlite3 empty.db "CREATE TABLE x (y)"
expect_exit 1 "$COLLECTKPI" check empty.db

finish
