#!/usr/bin/env bash
# views.sh - contract tables may be views over another platform's tables (fixtures/
# platform_views.sql renames every table and many columns and maps them back with views):
# every reading command gives the very bytes it gives on the tables, without a note about
# indexes a view cannot have; check accepts the views; import refuses to write into a view
# before it reads anything, in one line, and changes nothing.
. "$(dirname "$0")/../app/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

mkdir tables views
"$COLLECTKPI" demo tables/demo.db --size demo >/dev/null 2>&1 || fail "demo"
cp tables/demo.db views/demo.db
sqlite3 views/demo.db <"$HERE/fixtures/platform_views.sql" || fail "platform_views.sql"
[ "$(sqlite3 views/demo.db "SELECT count(*) FROM sqlite_master WHERE type = 'view'")" = 9 ] ||
    fail "the fixture did not make nine views"
[ "$(sqlite3 views/demo.db "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'payments'")" = 0 ] ||
    fail "payments is still a table"

# Every reading command and output format, run on both databases from their own folder (the
# dashboard names the database file).
P="--month 2026-10"
commands=(
    "kpi $P"
    "kpi $P --format csv"
    "kpi $P --format json"
    "kpi $P --by team --format csv"
    "score $P --format csv"
    "compliance $P --format csv"
    "compliance $P --by breach --format json"
    "check"
    "report $P --out rep"
    "explain $P --total --figure collected"
    "scorecard $P --all --out cards"
)
for dir in tables views; do
    (
        cd "$dir" || exit 1
        n=0
        for cmd in "${commands[@]}"; do
            n=$((n + 1))
            # shellcheck disable=SC2086
            set -- $cmd
            name=$1
            shift
            "$COLLECTKPI" "$name" demo.db "$@" >"out$n" 2>"err$n"
            echo $? >"rc$n"
        done
    )
done
n=0
for cmd in "${commands[@]}"; do
    n=$((n + 1))
    [ "$(cat tables/rc$n)" = 0 ] || fail "$cmd on the tables: exit $(cat tables/rc$n): $(cat tables/err$n)"
    [ "$(cat views/rc$n)" = 0 ] || fail "$cmd on the views: exit $(cat views/rc$n): $(cat views/err$n)"
    cmp -s tables/out$n views/out$n || fail "$cmd: the views give other output"
    cmp -s tables/err$n views/err$n || fail "$cmd: the views give other messages: $(cat views/err$n)"
done
diff -r tables/rep views/rep >/dev/null || fail "report: the folders differ: $(diff -rq tables/rep views/rep)"
diff -r tables/cards views/cards >/dev/null || fail "scorecard: the workbooks differ"
grep -q "follows the contract" views/out8 || fail "check on the views: $(cat views/out8)"

# A view that lacks a contract column is named like a table that lacks it.
cp views/demo.db broken.db
sqlite3 broken.db "DROP VIEW payments; CREATE VIEW payments AS SELECT id AS payment_id, account_id AS case_id, booked_at AS paid_at, amount_fen AS amount FROM pf_receipt" ||
    fail "broken view"
expect_exit 1 "$COLLECTKPI" kpi broken.db $P
expect_err_line "collectkpi: cannot open database 'broken.db': table 'payments' has no column 'method'"
expect_exit 1 "$COLLECTKPI" check broken.db

# import never writes into a view: refused before anything is read or written, also with
# --rejects (no rejects file), and also for a file that would change nothing.
before=$(sha256sum <views/demo.db)
sqlite3 -csv -header tables/demo.db 'SELECT * FROM teams' >teams.csv
printf 'payment_id,case_id,paid_at,amount,method\n999999,1,2026-10-30 10:00:00,100,card\n' >payments.csv
for files in "teams.csv" "payments.csv" "teams.csv payments.csv"; do
    # shellcheck disable=SC2086
    expect_exit 1 "$COLLECTKPI" import views/demo.db $files
    [ "$(wc -l <"$WORK/err")" = 1 ] || fail "import $files: not one line: $(cat "$WORK/err")"
    grep -q "'teams' is a view\|'payments' is a view" "$WORK/err" ||
        fail "import $files: the message does not say it is a view: $(cat "$WORK/err")"
done
expect_exit 1 "$COLLECTKPI" import views/demo.db payments.csv --skip-invalid --rejects rej.csv
[ ! -e rej.csv ] || fail "a rejects file was written for a refused import"
[ "$(sha256sum <views/demo.db)" = "$before" ] || fail "import changed the database of views"
[ -z "$(ls views/demo.db-* 2>/dev/null)" ] || fail "import left $(ls views/demo.db-*)"
finish
