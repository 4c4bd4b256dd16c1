#!/usr/bin/env bash
# kill_import.sh - an import killed with kill -9 at 20 points of its run: while it reads the
# CSV files, while its changed pages go to the journal and the database, at each sync of the
# commit and on the deletion of the journal (the commit point itself). After each kill a
# reading command rolls back what is left, and then the database has exactly the bytes it
# had before, and its folder holds nothing else: no journal, no temporary or rejects file.
#
# The kills are placed by system call, not by time, so that every run hits the same points:
# strace injects SIGKILL at the Nth call of a system call (error=EIO keeps the call itself
# from running: the process dies before it would have taken effect). The Ns are spread over
# the counts of a traced reference run of the same import.
. "$(dirname "$0")/../app/lib.sh"
. "$(dirname "$0")/lib.sh"
if ! command -v strace >/dev/null || ! strace -o /dev/null true 2>/dev/null; then
    echo "SKIP: strace is missing or may not trace here (ptrace refused)"
    exit 77
fi
# LeakSanitizer (in an ASan build) cannot stop the world of a traced process at its exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

demo_db full.db || fail "demo"
mkdir in db
# The import: October's contacts and payments, taken out of the demo database, and one bad
# payment row for the rejects file.
sqlite3 -csv -header full.db \
    "SELECT * FROM contacts WHERE contact_at >= '2026-10-01'" >in/contacts.csv
sqlite3 -csv -header full.db "SELECT * FROM payments WHERE paid_at >= '2026-10-01'" >in/payments.csv
echo '99999999,1,2026-10-31 10:00:00,0,cash' >>in/payments.csv
sqlite3 full.db "DELETE FROM contacts WHERE contact_at >= '2026-10-01';
                 DELETE FROM payments WHERE paid_at >= '2026-10-01'" || fail "delete"
mkdir freed
cp full.db freed/case.db # with the deleted rows' pages free
sqlite3 full.db "VACUUM" || fail "vacuum"
[ "$(sqlite3 full.db 'PRAGMA freelist_count')" = 0 ] || fail "free pages after VACUUM"
mv full.db db/case.db
before=$(sha256sum <db/case.db)
listed=$(listing db)
import_args=(import case.db "$WORK/in/contacts.csv" "$WORK/in/payments.csv"
    --skip-invalid --rejects rejects.csv)

# The reference run, traced, counts the calls.
cp -a db ref
(cd ref && strace -f -o "$WORK/trace" -e trace=read,pwrite64,fsync,fdatasync,unlink \
    "$COLLECTKPI" "${import_args[@]}" >/dev/null 2>&1) || fail "the reference import failed"
[ "$(sha256sum <ref/case.db)" != "$before" ] || fail "the reference import changed nothing"
# strace counts the calls of each thread apart (every thread is a tracee of its own, and
# `when=N` fires at the Nth call of any one of them), and import reads its CSV rows on a
# second thread: the calls of the thread that makes the most of them are counted.
count() {
    awk -v call="$1(" 'index($2, call) == 1 { n[$1]++ }
        END { m = 0; for (t in n) if (n[t] > m) m = n[t]; print m }' "$WORK/trace"
}
reads=$(count read)
writes=$(count pwrite64)
[ "$reads" -ge 10 ] && [ "$writes" -ge 20 ] && [ "$(count fdatasync)" -ge 4 ] &&
    [ "$(count unlink)" -ge 1 ] || fail "unexpected trace: $reads reads, $writes writes"
# The first unlink must be the journal's: it is the commit point.
grep -m1 " unlink(" "$WORK/trace" | grep -q -- '-journal"' || fail "the first unlink is not the journal's"

# no_leftovers DIR LISTING WHAT: DIR holds what it held before. A journal that is not hot
# may stay: one the import had not yet synced, whose header SQLite leaves zeroed until it
# is (so that no one rolls back half a journal). SQLite ignores it and the next write
# removes it; the database's bytes were compared already.
no_leftovers() {
    local now
    now=$(listing "$1" | grep -v '^\./case\.db-journal ')
    if [ -e "$1/case.db-journal" ] && [ "$(head -c 8 "$1/case.db-journal" | od -An -tx1 | tr -d ' \n')" != 0000000000000000 ]; then
        fail "$3: a hot journal is still there"
    fi
    [ "$now" = "$2" ] || fail "$3: left behind: $(listing "$1")"
}

points=()
for k in 1 2 3 4 5 6; do points+=("read:$((reads * k / 7))"); done
for k in 1 2 3 4 5 6 7 8; do points+=("pwrite64:$((writes * k / 9))"); done
# the commit: the journal's sync, the folder's, the journal header's, the database's
for k in 1 2 3 4; do points+=("fdatasync:$k"); done
points+=("fsync:1" "unlink:1") # the rejects file's sync; the journal's deletion
[ "${#points[@]}" = 20 ] || fail "not 20 kill points"

for point in "${points[@]}"; do
    call=${point%%:*}
    nth=${point##*:}
    (cd db && strace -f -o /dev/null -e trace="$call" \
        -e inject="$call":error=EIO:signal=KILL:when="$nth" \
        "$COLLECTKPI" "${import_args[@]}" >/dev/null 2>&1)
    status=$?
    [ "$status" = 137 ] || { fail "$point: the import was not killed (exit $status)"; continue; }
    # Any reading command rolls back a hot journal.
    expect_exit 0 "$COLLECTKPI" kpi db/case.db --month 2026-09
    [ "$(sha256sum <db/case.db)" = "$before" ] ||
        fail "$point: the database's bytes differ from before the import"
    no_leftovers db "$listed" "$point"
done

# With free pages: the same rows, tables and indexes as before (.dump) after kills inside
# the commit, where the import writes into the free pages.
freed_dump=$(sqlite3 freed/case.db .dump | sha256sum)
freed_listed=$(listing freed)
for point in "pwrite64:$((writes / 2))" "pwrite64:$((writes * 8 / 9))" fdatasync:4 unlink:1; do
    call=${point%%:*}
    nth=${point##*:}
    (cd freed && strace -f -o /dev/null -e trace="$call" \
        -e inject="$call":error=EIO:signal=KILL:when="$nth" \
        "$COLLECTKPI" "${import_args[@]}" >/dev/null 2>&1)
    [ $? = 137 ] || { fail "free pages, $point: the import was not killed"; continue; }
    expect_exit 0 "$COLLECTKPI" kpi freed/case.db --month 2026-09
    [ "$(sqlite3 freed/case.db .dump | sha256sum)" = "$freed_dump" ] ||
        fail "free pages, $point: the content differs from before the import"
    [ "$(sqlite3 freed/case.db 'PRAGMA integrity_check')" = ok ] ||
        fail "free pages, $point: integrity_check fails"
    no_leftovers freed "$freed_listed" "free pages, $point"
done

# After all that, the import still runs to its end and gives the reference's bytes and
# files (a stale journal is gone with its commit).
(cd db && "$COLLECTKPI" "${import_args[@]}" >/dev/null 2>&1) || fail "the final import failed"
[ "$(sha256sum <db/case.db)" = "$(sha256sum <ref/case.db)" ] || fail "the final import's bytes differ"
[ "$(listing db)" = "$(listing ref)" ] || fail "after the final import: $(listing db)"
finish
