#!/usr/bin/env bash
# hot_journal.sh - a writer killed mid-transaction leaves a hot journal; every command
# rolls it back (read-write just for that), says so in one line and goes on, and the
# database has the bytes it had before the killed write.
. "$(dirname "$0")/../app/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

"$COLLECTKPI" demo base.db --size demo >/dev/null 2>&1 || fail "demo"
want=$(sha256sum <base.db)
for cmd in "kpi --month 2026-10" "report --month 2026-10 --no-charts --out rep" "check" "import"; do
    cp base.db h.db
    /usr/bin/python3 "$HERE/make_hot_journal.py" h.db
    [ -s h.db-journal ] || fail "$cmd: no journal was left to test with"
    [ "$(sha256sum <h.db)" != "$want" ] || fail "$cmd: the killed write changed no page"
    case $cmd in
    import)
        sqlite3 -csv -header base.db 'SELECT * FROM teams' >teams.csv # stored already: a no-op
        expect_exit 0 "$COLLECTKPI" import h.db teams.csv ;;
    *)  # shellcheck disable=SC2086
        expect_exit 0 "$COLLECTKPI" $cmd h.db ;;
    esac
    grep -q "unfinished write.*rolled back" "$WORK/err" || fail "$cmd: no note: $(cat "$WORK/err")"
    [ "$(grep -c "rolled back" "$WORK/err")" = 1 ] || fail "$cmd: not one note line"
    [ "$(sha256sum <h.db)" = "$want" ] || fail "$cmd: the bytes differ from before the killed write"
    [ ! -s h.db-journal ] || fail "$cmd: the journal is still there"
done

# Without write access the roll back is impossible: one line that says what to do.
if [ "$(id -u)" != 0 ]; then
    cp base.db ro.db
    /usr/bin/python3 "$HERE/make_hot_journal.py" ro.db
    mkdir rodir && mv ro.db ro.db-journal rodir/ && chmod a-w rodir rodir/ro.db
    expect_exit 1 "$COLLECTKPI" kpi rodir/ro.db --month 2026-10
    [ "$(wc -l <"$WORK/err")" = 1 ] && grep -q "unfinished write" "$WORK/err" ||
        fail "read-only hot journal: $(cat "$WORK/err")"
    chmod u+w rodir
fi
finish
