#!/usr/bin/env bash
# interrupt.sh - Ctrl-C (SIGINT) and SIGTERM stop every command soon, even inside a slow
# SQLite query or while gnuplot draws: exit 1 with one line that says "interrupted", and no
# output: nothing on stdout, no report folder content, no staging folder, no temporary
# file, a database left as it was. The slow query is a contract table that is a view
# computing a billion-step recursive count (minutes of work); the slow gnuplot is a stand-in
# that sleeps. The bound on the time after the signal is generous (a loaded machine), far
# below the time the work would take.
. "$(dirname "$0")/../app/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

BOUND_S=5

# stop_after DELAY SIG OUT CMD...: starts CMD (stdout into OUT, stderr into $WORK/err), sends
# SIG after DELAY seconds, waits; sets rc and took_ms (from the signal to the exit). A
# command still running 30 s after the signal is killed and fails the test. DELAY @FILE
# sends SIG as soon as FILE exists instead (looked for every 10 ms, for at most 30 s): for
# work that is not slow by design, whose length depends on the machine (an import of half a
# million contacts took 0.63 s on a quick host, less than the second that was waited).
stop_after() {
    local delay=$1 sig=$2 out=$3 t0 guard tries=0
    shift 3
    "$@" >"$out" 2>"$WORK/err" &
    local pid=$!
    if [ "${delay#@}" != "$delay" ]; then
        while [ ! -e "${delay#@}" ] && kill -0 "$pid" 2>/dev/null && [ $tries -lt 3000 ]; do
            sleep 0.01
            tries=$((tries + 1))
        done
        [ -e "${delay#@}" ] || fail "$*: ${delay#@} never appeared"
    else
        sleep "$delay"
    fi
    t0=$(date +%s%N)
    kill -s "$sig" "$pid" 2>/dev/null || fail "$*: finished before SIG$sig (the work is not slow)"
    # (the guard's sleep outlives the guard killed below: away from the test's output, which
    # meson reads to its end, it does not hold the test open for 30 s)
    (sleep 30 && kill -9 "$pid" 2>/dev/null) >/dev/null 2>&1 &
    guard=$!
    wait "$pid"
    rc=$?
    took_ms=$((($(date +%s%N) - t0) / 1000000))
    kill "$guard" 2>/dev/null
    wait "$guard" 2>/dev/null
}

# stopped_cleanly WHAT: exit 1, one stderr line naming the interruption, within the bound.
stopped_cleanly() {
    [ "$rc" = 1 ] || fail "$1: exit $rc, expected 1: $(cat "$WORK/err")"
    [ "$(wc -l <"$WORK/err")" = 1 ] || fail "$1: not one line: $(cat "$WORK/err")"
    grep -q "interrupted" "$WORK/err" || fail "$1: the line does not say interrupted: $(cat "$WORK/err")"
    [ "$took_ms" -lt $((BOUND_S * 1000)) ] || fail "$1: took ${took_ms} ms after the signal"
    echo "$1: stopped ${took_ms} ms after the signal"
}

# A database whose teams view takes minutes to read (every command reads teams).
small_db base.db || fail "small_db"
cp base.db slow.db
sqlite3 slow.db <<'SQL' || fail "slow view"
ALTER TABLE teams RENAME TO pf_team;
CREATE VIEW teams AS
    SELECT team_id, name FROM pf_team
    WHERE (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)
           SELECT max(x) FROM c) > 0;
SQL
slow_before=$(sha256sum <slow.db)

P="--month 2026-10"
n=0
for cmd in "kpi $P" "kpi $P --format json" "score $P" "compliance $P" "check" \
    "explain $P --total --figure collected" \
    "report $P --out rep" "scorecard $P --all --out cards"; do
    for sig in INT TERM; do
        n=$((n + 1))
        rm -rf rep cards
        # shellcheck disable=SC2086
        set -- $cmd
        name=$1
        shift
        stop_after 1 "$sig" "out$n" "$COLLECTKPI" "$name" slow.db "$@"
        stopped_cleanly "$cmd (SIG$sig)"
        [ ! -s "out$n" ] || fail "$cmd (SIG$sig): wrote on stdout: $(head -3 "out$n")"
        [ -z "$(ls -A rep cards 2>/dev/null)" ] || fail "$cmd (SIG$sig): left $(ls -A rep cards)"
    done
done
[ "$(sha256sum <slow.db)" = "$slow_before" ] || fail "a reading command changed the database"
[ -z "$(ls -A | grep -e '^slow.db-' -e '^\.')" ] || fail "left $(ls -A | grep -e '^slow.db-' -e '^\.')"

# gnuplot that takes long (a stand-in that sleeps): the report stops it and itself.
mkdir bin
# (each stand-in notes its pid: other runs of this test may have stand-ins of their own)
printf '#!/bin/sh\necho $$ >>"%s/gnuplot.pids"\nexec sleep 1177\n' "$WORK" >bin/gnuplot
chmod +x bin/gnuplot
for sig in INT TERM; do
    rm -rf rep
    PATH="$WORK/bin:$PATH" stop_after 1.5 "$sig" out "$COLLECTKPI" report base.db $P --out rep
    stopped_cleanly "report while gnuplot runs (SIG$sig)"
    [ ! -e rep ] || fail "report while gnuplot runs: left the folder it made: $(ls -A rep)"
done
for gnuplot_pid in $(cat gnuplot.pids 2>/dev/null); do
    grep -qa 1177 "/proc/$gnuplot_pid/cmdline" 2>/dev/null &&
        fail "the slow gnuplot (pid $gnuplot_pid) still runs after the report stopped"
done

# demo: the simulation and the bulk load stop; no database, no temporary file.
for sig in INT TERM; do
    rm -f d.db .d.db*
    stop_after 0.5 "$sig" out "$COLLECTKPI" demo d.db --size large
    stopped_cleanly "demo (SIG$sig)"
    [ -z "$(ls -A | grep 'd\.db')" ] || fail "demo (SIG$sig): left $(ls -A | grep 'd\.db')"
done

# import: the transaction is rolled back; the database has its bytes of before. The signal
# comes when the import's rollback journal appears, that is inside its one transaction, as
# soon as it writes the first page (a few milliseconds in, of 0.6 s and more).
"$COLLECTKPI" demo demo.db --size demo >/dev/null 2>&1 || fail "demo"
"$COLLECTKPI" init imp.db >/dev/null || fail "init"
mkdir csv
for t in teams agents cases assignments contacts; do
    sqlite3 -csv -header demo.db "SELECT * FROM $t" >"csv/$t.csv"
done
imp_before=$(sha256sum <imp.db)
for sig in INT TERM; do
    rm -f imp.db-journal # (an empty one left would answer at once; it is checked below)
    stop_after @imp.db-journal "$sig" out "$COLLECTKPI" import imp.db csv/teams.csv csv/agents.csv \
        csv/cases.csv csv/assignments.csv csv/contacts.csv
    stopped_cleanly "import (SIG$sig)"
    [ "$(sha256sum <imp.db)" = "$imp_before" ] || fail "import (SIG$sig): the database changed"
    [ ! -s imp.db-journal ] || fail "import (SIG$sig): a journal was left"
done
finish
