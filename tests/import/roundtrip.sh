#!/usr/bin/env bash
# roundtrip.sh - a demo database exported table by table with the sqlite3 shell and
# imported into a fresh database gives the same rows and the same KPI figures.
. "$(dirname "$0")/lib.sh"

"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || fail "demo"
expect_exit 0 "$COLLECTKPI" check demo.db

tables="teams agents cases assignments contacts promises payments complaints surveys"
mkdir csv
for t in $tables; do
    sqlite3 -header -csv demo.db "SELECT * FROM $t" >"csv/$t.csv" || fail "export $t"
done
"$COLLECTKPI" init new.db >/dev/null || fail "init"
# the shell's glob names them alphabetically; import loads them in dependency order
expect_exit 0 "$COLLECTKPI" import new.db csv/*.csv
[ -z "$(grep -v ' 0 rejected$' "$WORK/out")" ] || fail "rows rejected: $(cat "$WORK/out")"
[ -z "$(grep -v ' 0 skipped as identical' "$WORK/out")" ] || fail "rows skipped: $(cat "$WORK/out")"

for t in $tables; do
    # quote() tells NULL from '' and 5 from '5': the stored values and their types
    cols=$(sqlite3 demo.db "SELECT group_concat('quote(' || name || ')', ', ') FROM pragma_table_info('$t')")
    id=$(sqlite3 demo.db "SELECT name FROM pragma_table_info('$t') WHERE pk = 1")
    if [ "$(sqlite3 demo.db "SELECT $cols FROM $t ORDER BY $id" | md5sum)" != \
         "$(sqlite3 new.db "SELECT $cols FROM $t ORDER BY $id" | md5sum)" ]; then
        fail "table $t differs after the round trip"
    fi
done
expect_exit 0 "$COLLECTKPI" check new.db

for month in 2026-10 2026-03; do
    "$COLLECTKPI" kpi demo.db --month "$month" --format csv >a.csv 2>a.err || fail "kpi demo.db $month: $(cat a.err)"
    "$COLLECTKPI" kpi new.db --month "$month" --format csv >b.csv 2>b.err || fail "kpi new.db $month: $(cat b.err)"
    [ -s a.csv ] || fail "kpi $month printed nothing"
    cmp -s a.csv b.csv || fail "kpi $month differs after the round trip: $(diff a.csv b.csv | head -5)"
done

# importing the export again changes nothing
keep new.db
expect_exit 0 "$COLLECTKPI" import new.db csv/*.csv
unchanged new.db "importing the export again"

finish
