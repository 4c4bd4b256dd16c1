#!/usr/bin/env bash
# cli.sh - init, help, and every usage error's exit code and message.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$COLLECTKPI" --help
grep -q "kpi" "$WORK/out" || fail "--help does not list kpi"
expect_exit 0 "$COLLECTKPI" --version
for cmd in init kpi; do
    expect_exit 0 "$COLLECTKPI" "$cmd" --help
    grep -q "usage: collectkpi $cmd" "$WORK/out" || fail "$cmd --help has no usage line"
done

# init makes a database with every contract table; a second init refuses to overwrite.
expect_exit 0 "$COLLECTKPI" init t.db
for t in teams agents cases assignments contacts promises payments complaints surveys; do
    [ "$(sqlite3 t.db "SELECT count(*) FROM sqlite_master WHERE name='$t'")" = 1 ] || fail "no table $t"
done
expect_exit 1 "$COLLECTKPI" init t.db
expect_err_line "collectkpi: cannot create database 't.db': it exists already; choose a new file name or remove it first"
(mkdir -p elsewhere && cd elsewhere && "$COLLECTKPI" init x.db >/dev/null) || fail "init from another folder"

# Usage errors: exit 2, one line.
expect_exit 2 "$COLLECTKPI"
expect_exit 2 "$COLLECTKPI" nosuchcommand
expect_err_line "collectkpi: 'nosuchcommand' is not a command: see 'collectkpi --help' for the commands"
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-13
expect_err_line "collectkpi kpi: '2026-13' is not a month; write it as YYYY-MM, e.g. 2026-10 (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --by branch
expect_err_line "collectkpi kpi: --by 'branch' is not agent, team or total (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --format xml
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --bogus
expect_err_line "collectkpi kpi: unknown option '--bogus' (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi t.db --month
expect_exit 2 "$COLLECTKPI" kpi t.db --from 2026-10-05
expect_exit 2 "$COLLECTKPI" kpi t.db --from 2026-10-05 --to 2026-10-01
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --from 2026-10-01 --to 2026-10-02
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --as-of '2026-02-30 00:00:00'
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --grace-days -1
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --kept-threshold-pct 0
expect_exit 2 "$COLLECTKPI" kpi
expect_err_line "collectkpi kpi: missing the database file argument (see 'collectkpi kpi --help')"
printf '[kpi]\ngrace_days = lots\n' >bad.ini
expect_exit 2 "$COLLECTKPI" kpi t.db --month 2026-10 --config bad.ini
expect_err_line "collectkpi kpi: config file 'bad.ini': line 2: grace days 'lots' is not a whole number from 0 to 365 (see 'collectkpi kpi --help')"

# A missing database is a usage error and is not created.
expect_exit 2 "$COLLECTKPI" kpi missing.db --month 2026-10
expect_err_line "collectkpi: cannot open database 'missing.db': no such file (make one with 'collectkpi init' or 'collectkpi demo')"
[ -e missing.db ] && fail "kpi created missing.db"

# Not SQLite, or SQLite without the contract's tables: exit 1 naming what is wrong.
echo "just text" >notdb.db
expect_exit 1 "$COLLECTKPI" kpi notdb.db --month 2026-10
expect_err_line "collectkpi: cannot open database 'notdb.db': file is not a database"
sqlite3 other.db "CREATE TABLE teams (team_id INTEGER PRIMARY KEY, name TEXT)"
expect_exit 1 "$COLLECTKPI" kpi other.db --month 2026-10
expect_err_line "collectkpi: cannot open database 'other.db': it has no table 'agents' (not a collectkpi case database?)"
"$COLLECTKPI" init cols.db >/dev/null
sqlite3 cols.db "ALTER TABLE surveys DROP COLUMN score"
expect_exit 1 "$COLLECTKPI" kpi cols.db --month 2026-10
expect_err_line "collectkpi: cannot open database 'cols.db': table 'surveys' has no column 'score'"

# Reading never writes: the database bytes are unchanged by kpi.
small_db s.db
before=$(sha256sum s.db)
expect_exit 0 "$COLLECTKPI" kpi s.db --month 2026-10 --format csv
[ "$before" = "$(sha256sum s.db)" ] || fail "kpi changed the database file"

# A database made by another tool, without the project's indexes: right figures, one note.
sqlite3 s.db .schema | grep -v "CREATE INDEX" >schema.sql
sqlite3 noidx.db <schema.sql
sqlite3 s.db .dump | grep "^INSERT" | sqlite3 noidx.db
"$COLLECTKPI" kpi noidx.db --month 2026-10 --format csv >noidx.csv 2>noidx.err || fail "kpi on an index-less database"
"$COLLECTKPI" kpi s.db --month 2026-10 --format csv >idx.csv 2>/dev/null
cmp -s noidx.csv idx.csv || fail "figures differ without the indexes"
grep -q "has no index on" noidx.err || fail "no note about the missing indexes"
[ "$(wc -l <noidx.err)" = 1 ] || fail "the index note is not one line"
[ -z "$(sqlite3 noidx.db "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_%'")" ] || fail "kpi added an index"
finish
