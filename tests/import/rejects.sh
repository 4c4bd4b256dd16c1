#!/usr/bin/env bash
# rejects.sh - --skip-invalid --rejects FILE: the good rows are loaded, every bad row is
# written to FILE as it was read plus a column `reason`, nothing is lost.
. "$(dirname "$0")/lib.sh"

base_db t.db || fail "base_db"
q() { sqlite3 t.db "$1"; }

# One table: FILE is exactly the rejects of it, in the file's own column order. A row blamed
# by the rules over the whole case (the running balance) is written as it was read too.
cat >payments.csv <<'EOF'
amount,payment_id,case_id,paid_at,method
700,10,1,2026-02-05 00:00:00,cash
-900,11,1,2026-02-06 00:00:00,"card"
5,12,1,2026-02-30 00:00:00,"odd, ""quoted"" method"
6,13,,2026-02-07 00:00:00,""
8,14,2,2026-02-07 00:00:00,wechat_pay
EOF
expect_exit 0 "$COLLECTKPI" import t.db payments.csv --skip-invalid --rejects bad.csv
expect_stdout <<'EOF'
payments: 5 read, 2 inserted, 0 skipped as identical, 3 rejected
EOF
expect_stderr <<'EOF'
payments.csv:4: column paid_at: "2026-02-30 00:00:00" is not a real date
payments.csv:4: column method: "odd, \"quoted\" method" is not one of bank_transfer, card, cash, alipay, wechat_pay, other
payments.csv:5: column case_id is required
payments.csv:5: column method: "" is not one of bank_transfer, card, cash, alipay, wechat_pay, other
payments.csv:3: column amount: -900 takes the payments of case 1 below zero (to -200 at "2026-03-01 10:00:00", with payment 2)
collectkpi: payments: 3 bad rows left out, written to bad.csv
EOF
cat >want.csv <<'EOF'
amount,payment_id,case_id,paid_at,method,reason
5,12,1,2026-02-30 00:00:00,"odd, ""quoted"" method","column paid_at: ""2026-02-30 00:00:00"" is not a real date; column method: ""odd, \""quoted\"" method"" is not one of bank_transfer, card, cash, alipay, wechat_pay, other"
6,13,,2026-02-07 00:00:00,"","column case_id is required; column method: """" is not one of bank_transfer, card, cash, alipay, wechat_pay, other"
-900,11,1,2026-02-06 00:00:00,card,"column amount: -900 takes the payments of case 1 below zero (to -200 at ""2026-03-01 10:00:00"", with payment 2)"
EOF
cmp -s want.csv bad.csv || fail "bad.csv: $(diff want.csv bad.csv)"
[ "$(q "SELECT group_concat(payment_id) FROM (SELECT payment_id FROM payments ORDER BY 1)")" = "1,2,10,14" ] || fail "loaded: $(q 'SELECT * FROM payments')"

# The rejects file imports again once fixed (here: after dropping the reason column, the
# balance row is still bad, so it comes back).
cut -d, -f1-5 bad.csv | sed -n '1p;4p' >payments-retry.csv
expect_exit 0 "$COLLECTKPI" import t.db payments-retry.csv --skip-invalid --rejects bad2.csv
[ "$(wc -l <bad2.csv)" = 2 ] || fail "bad2.csv: $(cat bad2.csv)"

# Several tables: one FILE-TABLE.csv each; a case left out takes its payments with it; a
# CRLF and BOM file is written back as UTF-8 with LF.
printf '\xef\xbb\xbfcase_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement\r\n3,C3,SECRET-REF-3,other,2026-01-01 00:00:00,100,0\r\n4,C4,SECRET-REF-4,boat,2026-01-01 00:00:00,100,0\r\n' >cases.csv
printf 'payment_id,case_id,paid_at,amount,method\n30,3,2026-01-02 00:00:00,50,cash\n31,4,2026-01-02 00:00:00,50,cash\n' >payments.csv
keep t.db
expect_exit 1 "$COLLECTKPI" import t.db payments.csv cases.csv --skip-invalid --rejects rej/bad.csv
unchanged t.db "no folder for the rejects"
mkdir rej
expect_exit 0 "$COLLECTKPI" import t.db payments.csv cases.csv --skip-invalid --rejects rej/bad.csv
expect_stdout <<'EOF'
cases: 2 read, 1 inserted, 0 skipped as identical, 1 rejected
payments: 2 read, 1 inserted, 0 skipped as identical, 1 rejected
EOF
expect_stderr <<'EOF'
cases.csv:3: column product: "boat" is not one of credit_card, consumer_loan, auto_loan, mortgage, other
payments.csv:3: column case_id: there is no case 4
collectkpi: cases: 1 bad row left out, written to rej/bad-cases.csv
collectkpi: payments: 1 bad row left out, written to rej/bad-payments.csv
EOF
no_secrets
[ "$(ls rej | tr '\n' ' ')" = "bad-cases.csv bad-payments.csv " ] || fail "rejects files: $(ls rej)"
cat >want.csv <<'EOF'
case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,reason
4,C4,SECRET-REF-4,boat,2026-01-01 00:00:00,100,0,"column product: ""boat"" is not one of credit_card, consumer_loan, auto_loan, mortgage, other"
EOF
cmp -s want.csv rej/bad-cases.csv || fail "bad-cases.csv: $(diff want.csv rej/bad-cases.csv)"
cat >want.csv <<'EOF'
payment_id,case_id,paid_at,amount,method,reason
31,4,2026-01-02 00:00:00,50,cash,column case_id: there is no case 4
EOF
cmp -s want.csv rej/bad-payments.csv || fail "bad-payments.csv: $(diff want.csv rej/bad-payments.csv)"
[ "$(q "SELECT count(*) FROM cases WHERE case_id = 3")" = 1 ] || fail "case 3 not loaded"

# Nothing bad: the rejects file holds just the header. A bad header is still an error
# before any row: nothing is written, not even the rejects file.
printf 'payment_id,case_id,paid_at,amount,method\n40,3,2026-01-03 00:00:00,5,cash\n' >payments-ok.csv
expect_exit 0 "$COLLECTKPI" import t.db payments-ok.csv --skip-invalid --rejects none.csv
[ "$(cat none.csv)" = "payment_id,case_id,paid_at,amount,method,reason" ] || fail "none.csv: $(cat none.csv)"
keep t.db
printf 'payment_id,case_id,paid,amount,method\n' >payments.csv
expect_exit 3 "$COLLECTKPI" import t.db payments.csv --skip-invalid --rejects hdr.csv
expect_stderr <<'EOF'
payments.csv:1: unknown column "paid" (payments has: payment_id, case_id, paid_at, amount, method)
payments.csv:1: the header lacks the column paid_at (payments needs: payment_id, case_id, paid_at, amount, method)
collectkpi: import into 't.db': 2 problems; nothing was imported (a bad header or malformed CSV stops the whole run)
EOF
unchanged t.db "bad header with --skip-invalid"
[ ! -e hdr.csv ] || fail "a rejects file after a header error"
[ -z "$(ls -A | grep tmp)" ] || fail "temporary files left: $(ls -A | grep tmp)"

finish
