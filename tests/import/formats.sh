#!/usr/bin/env bash
# formats.sh - what a CSV export may look like: a byte-order mark, CRLF, quoted fields with
# commas, quotes and line breaks, GB18030, columns in any order or left out, blank lines,
# names that look like formulas, Chinese names; and the table taken from the file name.
. "$(dirname "$0")/lib.sh"

"$COLLECTKPI" init t.db >/dev/null || fail "init"
q() { sqlite3 t.db "$1"; }

# UTF-8 with a byte-order mark and CRLF; columns in another order; names that a spreadsheet
# would take for formulas are stored as the text they are.
printf '\xef\xbb\xbfname,team_id\r\n"North, ""Team"" \xe5\x8c\x97",1\r\n"=SUM(A1)",2\r\n"Multi\r\nline",3\r\n"+cmd|'"'"' /C calc'"'"'!A0",4\r\n@x,5\r\n' >teams.csv
expect_exit 0 "$COLLECTKPI" import t.db teams.csv
expect_stdout <<'EOF'
teams: 5 read, 5 inserted, 0 skipped as identical, 0 rejected
EOF
[ "$(q "SELECT name FROM teams WHERE team_id = 1")" = 'North, "Team" 北' ] || fail "team 1: $(q 'SELECT name FROM teams WHERE team_id = 1')"
[ "$(q "SELECT name FROM teams WHERE team_id = 2")" = '=SUM(A1)' ] || fail "team 2"
[ "$(q "SELECT hex(name) FROM teams WHERE team_id = 3")" = "$(printf 'Multi\r\nline' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ] ||
    fail "team 3 (an embedded CRLF is kept): $(q 'SELECT hex(name) FROM teams WHERE team_id = 3')"
[ "$(q "SELECT name FROM teams WHERE team_id = 4")" = "+cmd|' /C calc'!A0" ] || fail "team 4"
[ "$(q "SELECT name FROM teams WHERE team_id = 5")" = '@x' ] || fail "team 5"

# GB18030: Chinese names converted to UTF-8; line numbers count the lines of the file, a
# quoted line break included; left_on may be left out.
cat >agents.utf8 <<'EOF'
hired_on,agent_id,name,employee_no,team_id
2025-01-01,1,王伟,E1,1
2025-01-01,2,"李
娜",E2,1
2025-01-01,3,张敏,E3,2
EOF
iconv -f utf-8 -t gb18030 agents.utf8 >agents.csv || fail "iconv"
cmp -s agents.utf8 agents.csv && fail "the GB18030 file should differ from the UTF-8 one"
# without --encoding the GB18030 bytes are not UTF-8: the line is named
keep t.db
expect_exit 3 "$COLLECTKPI" import t.db agents.csv
expect_stderr <<'EOF'
agents.csv:2: column name: invalid UTF-8 at byte 1
agents.csv:3: column name: invalid UTF-8 at byte 1
agents.csv:5: column name: invalid UTF-8 at byte 1
collectkpi: import into 't.db': 3 problems; nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)
EOF
unchanged t.db "GB18030 read as UTF-8"
expect_exit 0 "$COLLECTKPI" import t.db agents.csv --encoding gb18030
[ "$(q "SELECT group_concat(name, '|') FROM (SELECT name FROM agents ORDER BY agent_id)")" = "王伟|李
娜|张敏" ] || fail "GB18030 names: $(q 'SELECT name FROM agents')"
[ "$(q "SELECT count(*) FROM agents WHERE left_on IS NULL")" = 3 ] || fail "absent left_on is NULL"
# a GB18030 byte-order mark is dropped too, and errors name the right line
{ printf '\xef\xbb\xbf'; printf 'team_id,name\n6,\xe4\xb8\x9c\n7,\xe8\xa5\xbf\n\n\nx,\xe5\x8d\x97\n'; } |
    iconv -f utf-8 -t gb18030 >teams-gb.csv
keep t.db
expect_exit 3 "$COLLECTKPI" import t.db teams-gb.csv -e GB18030
expect_stderr <<'EOF'
teams-gb.csv:6: column team_id: "x" is not an integer
collectkpi: import into 't.db': 1 problem; nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)
EOF
unchanged t.db "a bad GB18030 file"

# The table from the name (payments-2026-10.csv) or from --table; LF or CRLF; no newline at
# the end; blank lines between rows; optional columns left out take NULL or their default.
sqlite3 t.db "INSERT INTO cases VALUES (1, 'C1', 'SECRET-REF-1', 'other', '2026-01-01 00:00:00', 1000, 0, NULL, NULL)"
printf 'payment_id,case_id,paid_at,amount,method\n1,1,2026-10-01 00:00:00,100,cash\n\n2,1,2026-10-02 00:00:00,-100,cash' >payments-2026-10.csv
printf 'contact_id,case_id,contact_at,channel,direction,party,outcome\r\n1,1,2026-10-01 09:00:00,sms,outbound,none,no_answer\r\n' >october.csv
expect_exit 0 "$COLLECTKPI" import t.db payments-2026-10.csv
expect_exit 2 "$COLLECTKPI" import t.db october.csv
expect_exit 0 "$COLLECTKPI" import t.db october.csv --table contacts
[ "$(q "SELECT count(*), sum(amount) FROM payments")" = "2|0" ] || fail "payments: $(q 'SELECT * FROM payments')"
[ "$(q "SELECT quote(agent_id), duration_s FROM contacts")" = "NULL|0" ] || fail "contact defaults: $(q 'SELECT * FROM contacts')"

# An empty unquoted field is no value; "" is an empty text: fine for a name, not a time.
printf 'complaint_id,case_id,agent_id,received_at,source,category,substantiated,resolved_at\n1,,,2026-10-01 00:00:00,debtor,fees,,""\n' >complaints.csv
keep t.db
expect_exit 3 "$COLLECTKPI" import t.db complaints.csv
expect_stderr <<'EOF'
complaints.csv:2: column resolved_at: "" is not a timestamp (YYYY-MM-DD HH:MM:SS)
collectkpi: import into 't.db': 1 problem; nothing was imported (fix the rows, or load the good ones with --skip-invalid --rejects FILE)
EOF
unchanged t.db "an empty text for a timestamp"
printf 'team_id,name\n8,""\n' >teams.csv
expect_exit 0 "$COLLECTKPI" import t.db teams.csv
[ "$(q "SELECT quote(name) FROM teams WHERE team_id = 8")" = "''" ] || fail "an empty name"

# --template writes the header of every table, which imports as an empty file
expect_exit 0 "$COLLECTKPI" import --template tpl
[ "$(ls tpl | tr '\n' ' ')" = "agents.csv assignments.csv cases.csv complaints.csv contacts.csv payments.csv promises.csv surveys.csv teams.csv " ] ||
    fail "templates: $(ls tpl)"
[ "$(cat tpl/payments.csv)" = "payment_id,case_id,paid_at,amount,method" ] || fail "payments template"
[ "$(cat tpl/cases.csv)" = "case_id,case_no,debtor_ref,product,placed_at,placed_balance,dpd_at_placement,closed_at,close_reason" ] ||
    fail "cases template"
keep t.db
expect_exit 0 "$COLLECTKPI" import t.db tpl/*.csv
unchanged t.db "importing the header-only templates"

finish
