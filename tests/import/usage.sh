#!/usr/bin/env bash
# usage.sh - --help and the usage errors of import and check: exit 2 and one line.
. "$(dirname "$0")/lib.sh"

for cmd in import check; do
    expect_exit 0 "$COLLECTKPI" "$cmd" --help
    grep -q "^usage: collectkpi $cmd DB" "$WORK/out" || fail "$cmd --help has no usage line"
    expect_exit 0 "$COLLECTKPI" help "$cmd"
done
expect_exit 0 "$COLLECTKPI" --help
grep -q '^  import ' "$WORK/out" && grep -q '^  check ' "$WORK/out" || fail "--help lists import and check"

base_db t.db || fail "base_db"
keep t.db
printf 'team_id,name\n3,East\n' >teams.csv

usage() { # usage MESSAGE ARGS...: exit 2 with "collectkpi import: MESSAGE (see ...)"
    local cmd=$1 message=$2
    shift 2
    expect_exit 2 "$COLLECTKPI" "$cmd" "$@"
    expect_err_line "collectkpi $cmd: $message (see 'collectkpi $cmd --help')"
}
usage import "expected the database and at least one CSV file"
usage import "expected the database and at least one CSV file" t.db
usage import "unknown option '--bogus'" t.db teams.csv --bogus
usage import "option '--table' needs a value" t.db teams.csv --table
usage import "unknown table 'team'" t.db teams.csv --table team
usage import "unknown encoding 'latin1' (utf-8 or gb18030)" t.db teams.csv --encoding latin1
usage import "--skip-invalid and --rejects FILE go together, so that no bad row is lost" t.db teams.csv --skip-invalid
usage import "--skip-invalid and --rejects FILE go together, so that no bad row is lost" t.db teams.csv --rejects r.csv
usage import "--rejects 'teams.csv' is one of the input files" t.db teams.csv --skip-invalid --rejects teams.csv
usage import "--template DIR takes no other arguments" --template tpl t.db
cp teams.csv export.csv
usage import "cannot tell the table of 'export.csv' from its name; name the file after its table (payments.csv) or use --table" t.db teams.csv export.csv
unchanged t.db "usage errors"

# files that are not there: a usage error too, nothing written
expect_exit 2 "$COLLECTKPI" import t.db teams.csv payments.csv
expect_err_line "collectkpi: import into 't.db' failed; nothing was imported: cannot read 'payments.csv': No such file or directory"
unchanged t.db "a missing CSV file"
expect_exit 2 "$COLLECTKPI" import nosuch.db teams.csv
[ ! -e nosuch.db ] || fail "import created a database"
# a folder or a pipe is no CSV file (import reads each file more than once); a file that
# is no database
mkdir payments-dir.csv
expect_exit 2 "$COLLECTKPI" import t.db payments-dir.csv
expect_err_line "collectkpi: import into 't.db' failed; nothing was imported: 'payments-dir.csv' is not a regular file (import reads files, not pipes)"
expect_exit 2 "$COLLECTKPI" import t.db /dev/stdin --table teams </dev/null
echo "not a database" >plain.db
expect_exit 1 "$COLLECTKPI" import plain.db teams.csv
unchanged t.db "unreadable inputs"

usage check "expected one argument, the database file"
usage check "expected one argument, the database file" t.db t.db
usage check "--limit needs a number >= 0, not '-1'" t.db --limit -1
usage check "unknown option '--fix'" t.db --fix

finish
