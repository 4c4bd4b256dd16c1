#!/usr/bin/env bash
# dev_full.sh - a failed write to standard output is an error: every command that prints,
# run with its standard output on /dev/full, exits 1 with exactly one line on stderr,
# "collectkpi: cannot write to standard output: No space left on device".
. "$(dirname "$0")/lib.sh"
[ -w /dev/full ] || { echo "SKIP: /dev/full is not there"; exit 77; }

WANT="collectkpi: cannot write to standard output: No space left on device"
# full CMD...: CMD with stdout on /dev/full exits 1 and prints only $WANT on stderr.
full() {
    "$@" >/dev/full 2>"$WORK/err"
    local got=$?
    [ "$got" = 1 ] || fail "'$*' >/dev/full exited $got, expected 1; stderr: $(cat "$WORK/err")"
    expect_err_line "$WANT"
}

full "$COLLECTKPI" --help
full "$COLLECTKPI" --version
full "$COLLECTKPI" help kpi
for cmd in init demo import check kpi report; do
    full "$COLLECTKPI" "$cmd" --help
done

full "$COLLECTKPI" init t.db
[ -f t.db ] || fail "init >/dev/full did not create the database"
small_db s.db || fail "could not build the small database"
full "$COLLECTKPI" check s.db
for format in table csv json; do
    full "$COLLECTKPI" kpi s.db --month 2026-10 --format "$format"
    full "$COLLECTKPI" kpi s.db --month 2026-10 --by team --format "$format"
done
full "$COLLECTKPI" report s.db --month 2026-10 --out rep --no-charts
full "$COLLECTKPI" import --template templates
printf 'team_id,name\n7,West\n' >teams.csv
full "$COLLECTKPI" import t.db teams.csv
full "$COLLECTKPI" demo d.db --end-month 2026-10

# Output larger than stdio's buffer fails part way, not only at the final flush.
full "$COLLECTKPI" kpi d.db --month 2026-10 --format json

# A command that fails for another reason keeps its own error and exit status.
"$COLLECTKPI" kpi missing.db --month 2026-10 >/dev/full 2>"$WORK/err"
[ $? = 2 ] || fail "kpi on a missing database >/dev/full: not exit 2"
expect_err_line "collectkpi: cannot open database 'missing.db': no such file (make one with 'collectkpi init' or 'collectkpi demo')"
finish
