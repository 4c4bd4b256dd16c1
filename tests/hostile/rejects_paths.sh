#!/usr/bin/env bash
# rejects_paths.sh - a wrong --rejects never destroys data: the database, its journal, an
# input, a folder, '', a device and a link are refused (exit 2, one line) before anything
# is written, and a rejects file that cannot be written rolls the whole import back.
. "$(dirname "$0")/../import/lib.sh"

base_db t.db || fail "base_db"
printf 'payment_id,case_id,paid_at,amount,method\n10,1,2026-02-05 00:00:00,700,cash\n11,1,2026-02-30 00:00:00,5,cash\n' >payments.csv
printf 'case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement\n3,C3,SECRET-REF-3,other,2026-01-01 00:00:00,100,0\n' >cases.csv
keep t.db
cp payments.csv payments.keep

refused() { # refused WHY REJECTS [FILES...]: exit 2, one stderr line, nothing changed
    local why=$1 rejects=$2
    shift 2
    expect_exit 2 "$COLLECTKPI" import t.db "${@:-payments.csv}" --skip-invalid --rejects "$rejects"
    [ "$(wc -l <"$WORK/err")" = 1 ] || fail "$why: not one line: $(cat "$WORK/err")"
    unchanged t.db "$why"
    cmp -s payments.csv payments.keep || fail "$why: payments.csv changed"
}

refused "the database" t.db
refused "the database by another name" ./t.db
refused "the journal" t.db-journal
refused "the wal" t.db-wal
refused "an input" payments.csv
mkdir folder
refused "a folder" folder
refused "empty" ''
refused "a device" /dev/null
[ -c /dev/null ] || fail "/dev/null was replaced"
ln -s target.csv link.csv
refused "a dangling link" link.csv
[ -L link.csv ] && [ ! -e target.csv ] || fail "the link was replaced or followed"
echo keep >target.csv
refused "a link to a file" link.csv
[ "$(cat target.csv)" = keep ] || fail "the link's target was written"
# Several tables: rejects X.csv become X-payments.csv and X-cases.csv; the derived name of
# one table must not be an input either.
cp payments.csv x-payments.csv
refused "a derived name that is an input" x.csv x-payments.csv cases.csv
cmp -s x-payments.csv payments.keep || fail "x-payments.csv changed"
ln -s /dev/null y-cases.csv
refused "a derived name that is a link" y.csv payments.csv cases.csv

# The rejects are written before the commit: when they cannot be written (the file size
# limit stands in for a full disk), the good row is not committed either.
head -c 3000 /dev/urandom | base64 -w0 >long
{
    echo 'payment_id,case_id,paid_at,amount,method'
    echo '20,1,2026-02-05 00:00:00,700,cash'
    for i in $(seq 21 80); do echo "$i,1,2026-02-05 00:00:00,700,$(cat long)"; done
} >payments.csv
(
    trap '' XFSZ
    ulimit -f 64 # 64 KiB: the database is smaller, the rejects (60 x 4 KB) are not
    "$COLLECTKPI" import t.db payments.csv --skip-invalid --rejects big.csv >"$WORK/out" 2>"$WORK/err"
    echo $? >"$WORK/rc"
)
[ "$(cat "$WORK/rc")" = 1 ] || fail "rejects not writable: exit $(cat "$WORK/rc"): $(cat "$WORK/err")"
unchanged t.db "rejects not writable"
[ ! -e big.csv ] || fail "a partial big.csv was left"
ls -a | grep -q 'tmp' && fail "a temporary file was left: $(ls -a)"
finish
