#!/usr/bin/env bash
# wal_readonly.sh - a WAL database is read by every reading command without leaving -wal or
# -shm files that were not there before, in a writable folder and on a read-only one; on a
# read-only folder changes still in its -wal are read (never stale figures from the
# database file alone), or, when SQLite cannot read them there (no -shm), one line says
# what to do.
. "$(dirname "$0")/../app/lib.sh"

small_db ref.db || fail "small_db"
"$COLLECTKPI" demo demo.db --size demo >/dev/null 2>&1 || fail "demo"
P="--month 2026-10"
# name|arguments after DB; each writes its figures on stdout (report: a folder).
reading_commands=(
    "kpi|--format csv"
    "score|--format csv"
    "compliance|--format csv"
    "check|"
    "explain|--total --figure collected --format csv"
    "report|--no-charts --out rep"
    "scorecard|--all --out cards"
)

# run_all DB TAG: every reading command on DB; stdout of each kept as out-TAG-NAME.
run_all() {
    local db=$1 tag=$2 entry name args
    for entry in "${reading_commands[@]}"; do
        name=${entry%%|*}
        args=${entry#*|}
        rm -rf rep cards
        [ "$name" = check ] && period="" || period=$P
        # shellcheck disable=SC2086
        expect_exit 0 "$COLLECTKPI" "$name" "$db" $period $args
        # check names the database in its summary line
        out=$(cat "$WORK/out")
        printf '%s\n' "${out//"$db"/DB}" >"out-$tag-$name"
        [ "$name" = report ] && { [ -s rep/collectkpi-2026-10.xlsx ] || fail "$tag: no workbook"; }
        [ "$name" = scorecard ] && { [ -n "$(ls cards)" ] || fail "$tag: no scorecards"; }
    done
}

# same_outputs TAG1 TAG2: the stdout of every command is byte-identical.
same_outputs() {
    local entry name
    for entry in "${reading_commands[@]}"; do
        name=${entry%%|*}
        cmp -s "out-$1-$name" "out-$2-$name" || fail "$name: $2 differs from $1"
    done
}

run_all ref.db ref

# 1. Writable folder: the reading commands leave the folder as it was and every byte of
#    the database as it was.
mkdir rw && cp ref.db rw/t.db && sqlite3 rw/t.db 'PRAGMA journal_mode=WAL' >/dev/null
[ "$(od -An -tu1 -j18 -N2 rw/t.db | tr -s ' ')" = " 2 2" ] || fail "rw/t.db is not in WAL mode"
[ "$(ls -A rw)" = t.db ] || fail "setup left $(ls -A rw)"
before=$(sha256sum <rw/t.db)
run_all rw/t.db rw
same_outputs ref rw
[ "$(ls -A rw)" = t.db ] || fail "a read-only open of a WAL database left $(ls -A rw)"
[ "$(sha256sum <rw/t.db)" = "$before" ] || fail "reading changed the database's bytes"

# A WAL database that fails the schema check: refused, and nothing left beside it either.
mkdir rw2 && cp ref.db rw2/t.db
sqlite3 rw2/t.db 'PRAGMA journal_mode=WAL; ALTER TABLE surveys DROP COLUMN score' >/dev/null
expect_exit 1 "$COLLECTKPI" kpi rw2/t.db $P
grep -q "has no column 'score'" "$WORK/err" || fail "schema: $(cat "$WORK/err")"
[ "$(ls -A rw2)" = t.db ] || fail "a refused WAL database was left with $(ls -A rw2)"

# A WAL database with changes in its -wal (a writer that did not close): read with them,
# and the -wal and -shm of that writer are left alone.
leave_wal() { # leave_wal DB: a committed rename of agent 3 that stays in DB-wal
    /usr/bin/python3 - "$1" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE agents SET name = 'Renamed In Wal' WHERE agent_id = 3")
db.commit()
os._exit(0)  # no close: the change stays in the -wal, as after a crash
PY
}
leave_wal rw/t.db
[ -s rw/t.db-wal ] && [ -e rw/t.db-shm ] || fail "no -wal with content to test with"
wal_before=$(sha256sum <rw/t.db-wal)
expect_exit 0 "$COLLECTKPI" kpi rw/t.db $P --format csv
grep -q "Renamed In Wal" "$WORK/out" || fail "the change in the -wal was not read"
[ "$(sha256sum <rw/t.db-wal)" = "$wal_before" ] || fail "the writer's -wal was changed"

# 2. Read-only folder: a read-only bind mount (root), else a folder without write
#    permission (any other user).
mkdir src ro
ro_folder=""
if [ "$(id -u)" = 0 ]; then
    if mount --bind src ro 2>/dev/null; then
        # shellcheck disable=SC2034 # run by lib.sh's on_exit
        EXIT_CLEANUP='umount "$WORK/ro" 2>/dev/null'
        if mount -o remount,ro,bind ro 2>/dev/null; then
            ro_folder=$WORK/ro
        fi
    fi
else
    ro_folder=$WORK/src
fi
# put_wal_db [with-wal] [no-shm]: src/t.db in WAL mode, seen (read-only) as $ro_folder/t.db.
put_wal_db() {
    chmod u+w src
    rm -f src/t.db src/t.db-wal src/t.db-shm
    cp ref.db src/t.db && sqlite3 src/t.db 'PRAGMA journal_mode=WAL' >/dev/null
    [ "${1:-}" = with-wal ] && leave_wal src/t.db
    [ "${2:-}" = no-shm ] && rm -f src/t.db-shm
    [ "$ro_folder" = "$WORK/src" ] && chmod a-w src
    return 0
}
if [ -z "$ro_folder" ]; then
    skipped "read-only folder: running as root, and a read-only bind mount failed here"
elif touch "$ro_folder/probe" 2>/dev/null; then
    rm -f "$ro_folder/probe"
    skipped "read-only folder: the folder could still be written (no way to make it read-only)"
else
    # Nothing in a -wal: the database file alone holds every row.
    put_wal_db
    run_all "$ro_folder/t.db" ro
    same_outputs ref ro
    [ "$(ls -A src)" = t.db ] || fail "read-only folder: left $(ls -A src)"

    # The same through a path SQLite's URI syntax would misread, and a demo-sized
    # database whose figures are those of the rollback-journal original.
    chmod u+w src
    mkdir "src/a b?c#d%20"
    cp demo.db "src/a b?c#d%20/t.db"
    sqlite3 "src/a b?c#d%20/t.db" 'PRAGMA journal_mode=WAL' >/dev/null
    [ "$ro_folder" = "$WORK/src" ] && chmod a-w src "src/a b?c#d%20"
    expect_exit 0 "$COLLECTKPI" kpi demo.db $P --format json
    cp "$WORK/out" want.json
    expect_exit 0 "$COLLECTKPI" kpi "$ro_folder/a b?c#d%20/t.db" $P --format json
    cmp -s "$WORK/out" want.json || fail "demo in an odd read-only path: other figures"
    chmod u+w src "src/a b?c#d%20"
    rm -rf "src/a b?c#d%20"

    # Changes in the -wal, with the -shm beside it: read, with the change.
    put_wal_db with-wal
    expect_exit 0 "$COLLECTKPI" kpi "$ro_folder/t.db" $P --format csv
    grep -q "Renamed In Wal" "$WORK/out" || fail "read-only folder: the -wal's change was not read"

    # Changes in the -wal and no -shm: SQLite cannot read them there, and the database
    # file alone would give stale figures: one line that says what to do, exit 1.
    put_wal_db with-wal no-shm
    for cmd in kpi score compliance; do
        expect_exit 1 "$COLLECTKPI" "$cmd" "$ro_folder/t.db" $P
        [ "$(wc -l <"$WORK/err")" = 1 ] || fail "$cmd: not one line: $(cat "$WORK/err")"
        grep -q "WAL database.*-wal.*writable folder" "$WORK/err" ||
            fail "$cmd: the message does not say what to do: $(cat "$WORK/err")"
    done
    expect_exit 1 "$COLLECTKPI" check "$ro_folder/t.db"
    chmod u+w src
fi
finish
