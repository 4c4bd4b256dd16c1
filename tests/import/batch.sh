#!/usr/bin/env bash
# batch.sh - a large load writes its clean rows many to one statement (src/import/row_batch.h),
# and every row's outcome, message and order are still those of a load that writes one row
# at a time: rows with problems in the middle of waiting rows, an id stored already, a code
# taken, ids out of order, and a batch SQLite refuses as a whole (another tool's generated
# NOT NULL column), which is then written row by row. A table with a trigger is never
# batched (RAISE(FAIL) would keep part of a refused batch), and a trigger that ends the
# transaction stops the import with nothing kept. The files have more than 10,000 rows, so
# that the load drops the table's indexes and batches (smaller loads keep them and write
# row by row).
. "$(dirname "$0")/lib.sh"

base_db t.db || fail "base_db"

# ---- cases: 20,000 new ones (ids 3 .. 20002, numbers K000003 ..), in the layout the
# sqlite3 shell prints (timestamps quoted), so that the stored rows can be compared with it.
awk 'BEGIN {
    print "case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason"
    for (id = 3; id <= 20002; id++)
        printf "%d,K%06d,SECRET-REF-%d,credit_card,\"2026-01-10 09:00:00\",%d,%d,,\n", id, id, id, 1000 + id, id % 90
}' >good-cases.csv
# Planted among them (line = id - 1: the header is line 1):
#  line  5003 (id  5004): product "boat", a rule of the row alone (found on the reading thread);
#  line  8001 (id  8002): case_no "C1", the stored case 1's: not after the last code, so it is
#                         written alone and SQLite's UNIQUE refuses it;
#  line 12001: id 100 again with another balance: stored already (written in an earlier batch);
#  line 12002: id 101 again with the same content: skipped as identical;
#  line 19001 (id 19002): id 90000, new but out of order: written alone, and the rows after
#                         it (ids under 90000) alone too;
#  line 19500 (id 19501): placed_balance "x", a rule of the row alone.
awk -F, -v OFS=, '
    NR == 5003 { $4 = "boat" }
    NR == 8001 { $2 = "C1" }
    NR == 12001 { $1 = 100; $2 = "K000100"; $3 = "SECRET-REF-100"; $6 = 5 }
    NR == 12002 { $0 = "101,K000101,SECRET-REF-101,credit_card,\"2026-01-10 09:00:00\",1101,11,," }
    NR == 19001 { $1 = 90000; $2 = "K090000"; $3 = "SECRET-REF-90000" }
    NR == 19500 { $6 = "x" }
    { print }' good-cases.csv >cases.csv
expect_exit 0 "$COLLECTKPI" import t.db cases.csv --skip-invalid --rejects rejects.csv
expect_stdout <<'EOF'
cases: 20000 read, 19995 inserted, 1 skipped as identical, 4 rejected
EOF
# every problem once, in the file's order (the order of the lines with problems)
[ "$(grep -c . "$WORK/err")" = 5 ] || fail "$(head -n 8 "$WORK/err")"
[ "$(head -n 4 "$WORK/err" | cut -d: -f2 | tr '\n' ' ')" = "5003 8001 12001 19500 " ] ||
    fail "problems out of order or missing: $(head -n 8 "$WORK/err")"
grep -q '^cases.csv:5003: column product' "$WORK/err" || fail "no product problem"
grep -q '^cases.csv:8001: column case_no: "C1" is already used by case 1$' "$WORK/err" ||
    fail "the taken code is not named: $(head -n 8 "$WORK/err")"
grep -q '^cases.csv:12001: case_id 100 exists already with other content (different: placed_balance' \
    "$WORK/err" || fail "the stored id is not compared"
no_secrets
# the rejects, in line order
[ "$(cut -d, -f1 rejects.csv | tr '\n' ' ')" = "case_id 5004 8002 100 19501 " ] ||
    fail "rejects: $(cut -d, -f1 rejects.csv | head -n 8 | tr '\n' ' ')"
# the stored rows are the file's rows but the rejected and the repeated ones
sqlite3 -csv t.db "SELECT * FROM cases WHERE case_id > 2 ORDER BY case_id" >stored.csv
awk 'NR > 1 && NR != 5003 && NR != 8001 && NR != 12001 && NR != 12002 && NR != 19500' cases.csv |
    sort -t, -k1,1n >want.csv
cmp -s stored.csv want.csv || fail "stored cases differ from the file's: $(diff stored.csv want.csv | head -5)"
# and the indexes are back
[ "$(sqlite3 t.db "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'")" -ge 2 ] ||
    fail "the cases' indexes were not made again"
expect_exit 0 "$COLLECTKPI" check t.db

# payments_file [BELOW_ZERO]: payments 3 .. 30002 (line = id - 1) of case 1, amount 1, but
# 1000, 1010 and 9000 of 777 (refused below by another tool's schema), 1005 of 0 (a rule),
# 4000 of case 99999 (no such case); with BELOW_ZERO, 8996 is case 2's -5, which takes its
# payments below zero (found after the table, by the rules over each case).
payments_file() {
    awk -v below_zero="${1:-}" 'BEGIN {
        print "payment_id,case_id,paid_at,amount,method"
        for (id = 3; id <= 30002; id++) {
            amount = (id == 1000 || id == 1010 || id == 9000) ? 777 : (id == 1005) ? 0 : 1
            case_id = (id == 4000) ? 99999 : 1
            if (below_zero != "" && id == 8996) { case_id = 2; amount = -5 }
            printf "%d,%d,\"2026-02-%02d 10:00:00\",%d,card\n", id, case_id, 1 + id % 28, amount
        }
    }' >payments.csv
}

# expect_payments DB SUMMARY LINES REJECTED_IDS REFUSAL: the import's summary line, the
# lines of its problems in order, the ids in the rejects file, 3 refusals with SQLite's
# message REFUSAL, and the stored rows: every other one, amount 1.
expect_payments() {
    local db=$1 summary=$2 lines=$3 ids=$4 refusal=$5 n
    [ "$(cat "$WORK/out")" = "$summary" ] || fail "$db: $(cat "$WORK/out")"
    n=$(echo "$lines" | wc -w)
    [ "$(cut -d: -f2 "$WORK/err" | head -n "$n" | tr '\n' ' ')" = "$lines " ] ||
        fail "$db: problems out of order or missing: $(head -n 8 "$WORK/err")"
    [ "$(grep -c "refused the row: $refusal" "$WORK/err")" = 3 ] ||
        fail "$db: the refusals are not reported: $(head -n 8 "$WORK/err")"
    [ "$(cut -d, -f1 rejects.csv | sort -n | tr '\n' ' ')" = "payment_id $ids " ] ||
        fail "$db: rejects: $(cut -d, -f1 rejects.csv | head -n 8 | tr '\n' ' ')"
    n=$((30000 - $(echo "$ids" | wc -w)))
    [ "$(sqlite3 "$db" "SELECT count(*), sum(amount), min(payment_id), max(payment_id)
                        FROM payments WHERE payment_id > 2")" = "$n|$n|3|30002" ] ||
        fail "$db: stored payments: $(sqlite3 "$db" 'SELECT count(*), sum(amount) FROM payments WHERE payment_id > 2')"
}

# ---- a batch SQLite refuses as a whole. Another tool's column, generated from the amount
# and NOT NULL, refuses the amount 777 (1 / 0 is NULL in SQLite). Each block of 1,024
# records (the header is record 0, id i is record i - 2) starts batches of 32 afresh: the
# block of records 8192 - 9215 starts at id 8194, so ids 8994 - 9025 are one full batch,
# which holds the refused 9000: none of it is written, then its rows go in one by one and
# only 9000 is refused. 1000 and 1010 wait with fewer than 32 rows when a row with a problem
# (1005) and the end of the first block (id 1025) write the rows waiting before them one by
# one. Each refusal is reported with SQLite's message, in the file's order beside the rows
# the rules reject.
sqlite3 t.db "ALTER TABLE payments ADD COLUMN guard INTEGER
              GENERATED ALWAYS AS (1 / (amount - 777)) VIRTUAL NOT NULL" || fail "guard column"
payments_file
expect_exit 0 "$COLLECTKPI" import t.db payments.csv --skip-invalid --rejects rejects.csv
expect_payments t.db "payments: 30000 read, 29995 inserted, 0 skipped as identical, 5 rejected" \
    "999 1004 1009 3999 8999" "1000 1005 1010 4000 9000" \
    "NOT NULL constraint failed: payments.guard"
# the rest of the refused batch, and the rows waiting beside 1000 and 1010, are there
[ "$(sqlite3 t.db "SELECT count(*) FROM payments WHERE payment_id BETWEEN 8994 AND 9025")" = 31 ] ||
    fail "the rows of the refused batch were not written one by one"
[ "$(sqlite3 t.db "SELECT count(*) FROM payments WHERE payment_id BETWEEN 995 AND 1025")" = 28 ] ||
    fail "the rows waiting beside a refused one were not written"

# ---- payments of a table with a trigger (another tool's): never batched. Its RAISE(FAIL)
# keeps the rows a statement wrote before the refused one, so a refused batch could not be
# written again row by row; one row at a time, each refusal is that row's. The late problem
# of 8996 (line 8995) comes after the table's other problems.
base_db t2.db || fail "base_db"
sqlite3 t2.db "CREATE TRIGGER no_777 BEFORE INSERT ON payments WHEN NEW.amount = 777
              BEGIN SELECT RAISE(FAIL, 'amounts of 777 are not taken here'); END" || fail "trigger"
payments_file below_zero
expect_exit 0 "$COLLECTKPI" import t2.db payments.csv --skip-invalid --rejects rejects.csv
expect_payments t2.db "payments: 30000 read, 29994 inserted, 0 skipped as identical, 6 rejected" \
    "999 1004 1009 3999 8999 8995" "1000 1005 1010 4000 8996 9000" \
    "amounts of 777 are not taken here"
expect_exit 0 "$COLLECTKPI" check t2.db

# ---- a trigger that ends the transaction (RAISE(ROLLBACK)): the import stops there with a
# database error (exit 1), and nothing of it is kept (before, the rows after it went in
# outside any transaction)
sqlite3 t2.db "DROP TRIGGER no_777; CREATE TRIGGER no_778 BEFORE INSERT ON payments
              WHEN NEW.amount = 778 BEGIN SELECT RAISE(ROLLBACK, 'amounts of 778 end it all'); END" ||
    fail "trigger"
awk 'BEGIN {
    print "payment_id,case_id,paid_at,amount,method"
    for (id = 40000; id <= 70000; id++)
        printf "%d,1,\"2026-02-%02d 10:00:00\",%d,card\n", id, 1 + id % 28, (id == 50000 ? 778 : 1)
}' >payments.csv
keep t2.db
expect_exit 1 "$COLLECTKPI" import t2.db payments.csv --skip-invalid --rejects rejects.csv
grep -q "amounts of 778 end it all (the database ended the import's transaction)" "$WORK/err" ||
    fail "the ended transaction is not said: $(head -n 3 "$WORK/err")"
unchanged t2.db "an import whose transaction a trigger ended"

# ---- a trigger that drops a row (RAISE(IGNORE)): the row is not stored, so it is a
# problem of its own, never counted as inserted
sqlite3 t2.db "DROP TRIGGER no_778; CREATE TRIGGER no_779 BEFORE INSERT ON payments
               WHEN NEW.amount = 779 BEGIN SELECT RAISE(IGNORE); END" || fail "trigger"
printf '%s\n' 'payment_id,case_id,paid_at,amount,method' '80000,1,2026-02-02 10:00:00,779,card' \
    '80001,1,2026-02-02 10:00:00,5,card' >payments.csv
expect_exit 0 "$COLLECTKPI" import t2.db payments.csv --skip-invalid --rejects rejects.csv
[ "$(cat "$WORK/out")" = "payments: 2 read, 1 inserted, 0 skipped as identical, 1 rejected" ] ||
    fail "ignored row: $(cat "$WORK/out")"
grep -q '^payments.csv:2: the database did not store the row (a trigger of its own ignored it)$' \
    "$WORK/err" || fail "the ignored row is not said: $(head -n 3 "$WORK/err")"
[ "$(sqlite3 t2.db 'SELECT group_concat(payment_id) FROM payments WHERE payment_id >= 80000')" = 80001 ] ||
    fail "ignored row: stored $(sqlite3 t2.db 'SELECT group_concat(payment_id) FROM payments WHERE payment_id >= 80000')"
finish
