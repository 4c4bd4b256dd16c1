#!/usr/bin/env bash
# overflow_types.sh - amounts past the contract's limit (10^15 minor units a row), sums that
# overflow, values of the wrong storage class, overlapping assignments, names longer than
# 200 characters and periods past 9999-12-31: import and check refuse them, the engine stops
# with exit 3 naming the row, never a wrong figure; the period is a usage error.
. "$(dirname "$0")/../import/lib.sh"

# hostile DB SQL: one team, two agents, case 1 (assigned to agent 1 since January), and SQL
# written with the contract's CHECKs off, the way another program could write it.
hostile() {
    rm -f "$1"
    "$COLLECTKPI" init "$1" >/dev/null || return 1
    sqlite3 "$1" "PRAGMA ignore_check_constraints = 1;
INSERT INTO teams VALUES (1, 'T');
INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL), (2, 'E2', 'Bob', 1, '2025-01-01', NULL);
INSERT INTO cases VALUES (1, 'C1', 'SECRET-REF-1', 'other', '2026-01-01 00:00:00', 100000, 0, NULL, NULL);
INSERT INTO assignments VALUES (1, 1, 1, '2026-01-01 00:00:00', NULL);
$2"
}

# engine_stops NAME SQL PATTERN: kpi (each format) and report exit 3 with one line that
# matches PATTERN and print nothing else; check exits 3 too.
engine_stops() {
    hostile "$1.db" "$2" || fail "$1: sqlite3"
    for format in table json csv; do
        expect_exit 3 "$COLLECTKPI" kpi "$1.db" --month 2026-10 --format "$format"
        [ "$(wc -l <"$WORK/err")" = 1 ] && grep -q -- "$3" "$WORK/err" ||
            fail "$1 (kpi $format): $(cat "$WORK/err")"
        [ ! -s "$WORK/out" ] || fail "$1 (kpi $format): a partial output was printed"
    done
    expect_exit 3 "$COLLECTKPI" report "$1.db" --month 2026-10 --no-charts --out "rep-$1"
    grep -q -- "$3" "$WORK/err" || fail "$1 (report): $(cat "$WORK/err")"
    [ ! -e "rep-$1/index.html" ] || fail "$1: a report was written"
    expect_exit 3 "$COLLECTKPI" check "$1.db"
    no_secrets
}

P="INSERT INTO payments VALUES"
engine_stops two_max "$P (1, 1, '2026-10-01 00:00:00', 9223372036854775807, 'cash'), (2, 1, '2026-10-02 00:00:00', 9223372036854775807, 'cash');" \
    "payments row 1: column amount is 9223372036854775807, outside the contract's range"
engine_stops one_9e18 "$P (1, 1, '2026-10-01 00:00:00', 9000000000000000000, 'cash');" "payments row 1: column amount"
engine_stops min_amount "$P (1, 1, '2026-10-01 00:00:00', 10, 'cash'), (2, 1, '2026-10-01 00:00:01', -9223372036854775808, 'cash');" \
    "payments row 2: column amount"
engine_stops placed_max "UPDATE cases SET placed_balance = 9223372036854775807;" "cases row 1: column placed_balance"
engine_stops promise_max "INSERT INTO promises VALUES (1, 1, 1, '2026-10-01 00:00:00', '2026-10-05', 9223372036854775807);" \
    "promises row 1: column amount"
engine_stops promise_made_max "INSERT INTO promises VALUES (1, 1, 1, '2026-10-01 00:00:00', '2026-11-05', 9223372036854775807);" \
    "promises row 1: column amount"
# each amount within the limit, but 9,300 of them sum past INT64_MAX: in the period (summed
# by the engine) and before it (summed by SQLite)
engine_stops sum_in_period "INSERT INTO payments SELECT value, 1, '2026-10-01 00:00:00', 1000000000000000, 'cash' FROM generate_series(1, 9300);" \
    "payments row 9224: a sum of money with this row's amount goes beyond the int64 range"
engine_stops sum_before "INSERT INTO payments SELECT value, 1, '2026-01-01 00:00:00', 1000000000000000, 'cash' FROM generate_series(1, 9300);" \
    "cases row 1: its payments before the period sum beyond the int64 range"
# wrong storage classes
engine_stops text_amount "$P (1, 1, '2026-10-01 00:00:00', 'abc', 'cash');" "payments row 1: column amount is stored as TEXT, not INTEGER"
engine_stops text_amount_before "$P (1, 1, '2026-02-01 00:00:00', 'abc', 'cash');" "cases row 1: a payment of this case has an amount that is not stored as INTEGER"
engine_stops blob_paid_at "$P (1, 1, CAST('2026-10-01 00:00:00' AS BLOB), 100, 'cash');" "payments row 1: column paid_at is stored as BLOB, not TEXT"
engine_stops blob_contact_at "INSERT INTO contacts VALUES (1, 1, 1, CAST('2026-10-01 00:00:00' AS BLOB), 'call', 'outbound', 'debtor', 'contacted', 5);" \
    "contacts row 1: column contact_at is stored as BLOB"
engine_stops blob_paid_at_before "$P (1, 1, CAST('2026-02-01 00:00:00' AS BLOB), 100, 'cash');" "payments row 1: column paid_at is stored as BLOB, not TEXT"
# a code compared by the engine (a call attempt is channel 'call'), and by compliance
engine_stops blob_channel "INSERT INTO contacts VALUES (1, 1, 1, '2026-10-01 10:00:00', CAST('call' AS BLOB), 'outbound', 'debtor', 'contacted', 5);" \
    "contacts row 1: column channel is stored as BLOB, not TEXT"
expect_exit 3 "$COLLECTKPI" compliance blob_channel.db --month 2026-10
grep -q "contacts row 1: column channel is stored as BLOB" "$WORK/err" || fail "compliance blob_channel: $(cat "$WORK/err")"
engine_stops blob_start_at "UPDATE assignments SET start_at = CAST(start_at AS BLOB);" "assignments row 1: column start_at is stored as BLOB"
engine_stops blob_due_on "INSERT INTO promises VALUES (1, 1, 1, '2026-10-01 00:00:00', CAST('2026-10-05' AS BLOB), 100);" \
    "promises row 1: column due_on is stored as BLOB"
engine_stops blob_placed_at "UPDATE cases SET placed_at = CAST(placed_at AS BLOB);" "cases row 1: column placed_at is stored as BLOB"
engine_stops blob_name "UPDATE agents SET name = CAST(name AS BLOB) WHERE agent_id = 1;" "agents row 1: column name is stored as BLOB"
engine_stops real_amount "$P (1, 1, '2026-10-01 00:00:00', 4.5, 'cash');" "payments row 1: column amount is stored as REAL"
# overlapping assignments would count the case twice
engine_stops overlap "INSERT INTO assignments VALUES (2, 1, 2, '2026-10-01 00:00:00', '2026-10-05 00:00:00');" \
    "case 'C1' has assignments that overlap"
# handing over at the same moment is no overlap
hostile handover.db "UPDATE assignments SET end_at = '2026-10-01 00:00:00'; INSERT INTO assignments VALUES (2, 1, 2, '2026-10-01 00:00:00', NULL);"
expect_exit 0 "$COLLECTKPI" kpi handover.db --month 2026-10 --allow-empty

# check names every kind of problem
hostile checked.db "$P (1, 1, '2026-10-01 00:00:00', 1000000000000001, 'cash'), (2, 1, CAST('2026-10-02 00:00:00' AS BLOB), 5, 'cash');
UPDATE agents SET name = '$(printf 'n%.0s' $(seq 201))' WHERE agent_id = 2;
INSERT INTO teams VALUES (2, CAST('South' AS BLOB));"
expect_exit 3 "$COLLECTKPI" check checked.db
for want in "payments 1: column amount: 1000000000000001 must be between -1000000000000000 and 1000000000000000" \
    "payments 2: column paid_at is stored as BLOB, not TEXT" \
    "agents 2: column name is 201 characters long; the longest allowed is 200" \
    "teams 2: column name is stored as BLOB, not TEXT"; do
    grep -qF "$want" "$WORK/out" || fail "check does not say '$want': $(cat "$WORK/out")"
done

# import refuses amounts past the limit and long names; exactly the limit is fine
base_db t.db || fail "base_db"
keep t.db
printf 'payment_id,case_id,paid_at,amount,method\n10,1,2026-02-05 00:00:00,1000000000000001,cash\n' >payments.csv
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
grep -q "1000000000000001 must be between" "$WORK/err" || fail "import over the limit: $(cat "$WORK/err")"
unchanged t.db "amount over the limit"
printf 'team_id,name\n3,%s\n' "$(printf '北%.0s' $(seq 201))" >teams.csv
expect_exit 3 "$COLLECTKPI" import t.db teams.csv
grep -q "201 characters long" "$WORK/err" || fail "import long name: $(cat "$WORK/err")"
printf 'team_id,name\n3,%s\n' "$(printf '北%.0s' $(seq 200))" >teams.csv
printf 'payment_id,case_id,paid_at,amount,method\n10,1,2026-02-05 00:00:00,1000000000000000,cash\n' >payments.csv
expect_exit 0 "$COLLECTKPI" import t.db teams.csv payments.csv

# the last day a period may cover, and one past it
hostile dates.db ""
expect_exit 2 "$COLLECTKPI" kpi dates.db --from 2026-10-01 --to 9999-12-31
expect_exit 2 "$COLLECTKPI" kpi dates.db --month 9999-12
expect_exit 2 "$COLLECTKPI" kpi dates.db --from 1899-12-01 --to 1899-12-31
expect_exit 0 "$COLLECTKPI" kpi dates.db --from 9999-11-01 --to 9999-12-30 --grace-days 365 --format csv --by total --allow-empty
grep -q "^9999-11-01 00:00:00,9999-12-31 00:00:00," "$WORK/out" || fail "period to 9999-12-30: $(cat "$WORK/out")"
finish
