#!/usr/bin/env bash
# report_out.sh - report --out never deletes what is not its own: a user's file named
# charts, a folder of other files there, or a folder in place of index.html stop the
# report (exit 1) before anything is written; staging folders that killed runs left are
# removed by the next run (by their marker, never by name alone); SIGTERM and SIGINT
# remove the current one and exit 1.
. "$(dirname "$0")/../app/lib.sh"

small_db t.db || fail "small_db"
run_report() { expect_exit "$1" "$COLLECTKPI" report t.db --month 2026-10 --no-charts --out "$2"; }

mkdir out1
echo "my notes" >out1/charts
run_report 1 out1
[ "$(cat out1/charts)" = "my notes" ] || fail "the user's file 'charts' was touched"
[ ! -e out1/index.html ] || fail "a report was written beside the user's charts file"
grep -q "charts" "$WORK/err" || fail "the message does not name charts: $(cat "$WORK/err")"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "not one line: $(cat "$WORK/err")"

mkdir -p out2/charts
echo "keep" >out2/charts/thesis.docx
run_report 1 out2
[ "$(cat out2/charts/thesis.docx)" = keep ] || fail "a foreign file in charts/ was deleted"

mkdir -p out3/index.html
run_report 1 out3
[ -d out3/index.html ] || fail "a folder named index.html was replaced"

mkdir out5 && ln -s ../out1 out5/charts
run_report 1 out5
[ -L out5/charts ] || fail "a link named charts was replaced"

# A charts folder of an earlier run is ours: replaced (with --no-charts: removed).
mkdir -p out6/charts && echo x >out6/charts/recovery.svg
run_report 0 out6
[ ! -e out6/charts ] || fail "the earlier charts were kept beside figures they do not show"

# Stale staging folders: one with the marker of a process that is gone is removed, one
# without a marker (the user's) and one of a running process are kept.
mkdir -p out7/.collectkpi-staging-dead01 out7/.collectkpi-staging-user01 out7/.collectkpi-staging-live01
sleep 0 & dead=$!
wait $dead
echo "collectkpi staging folder of process $dead" >out7/.collectkpi-staging-dead01/.collectkpi-staging
echo partial >out7/.collectkpi-staging-dead01/collectkpi-2026-10.xlsx
echo "mine" >out7/.collectkpi-staging-user01/notes.txt
echo "collectkpi staging folder of process $$" >out7/.collectkpi-staging-live01/.collectkpi-staging
run_report 0 out7
[ ! -e out7/.collectkpi-staging-dead01 ] || fail "a stale staging folder was kept"
[ -e out7/.collectkpi-staging-user01/notes.txt ] || fail "a user's folder was removed by name"
[ -e out7/.collectkpi-staging-live01 ] || fail "the staging folder of a running process was removed"
[ "$(ls -A out7 | grep -c staging)" = 2 ] || fail "leftovers: $(ls -A out7)"

# SIGTERM / SIGINT during a report of a bigger database: exit 1 (or 0 when the signal came
# after the end), never a staging folder left, never a half report.
"$COLLECTKPI" demo big.db >/dev/null 2>&1 || fail "demo"
stopped=0
for delay in 0.2 0.5 0.9 1.4 2.0; do
    for sig in TERM INT; do
        rm -rf sig
        "$COLLECTKPI" report big.db --month 2026-10 --out sig >/dev/null 2>"$WORK/err" &
        pid=$!
        sleep "$delay"
        kill -s "$sig" "$pid" 2>/dev/null
        wait "$pid"
        rc=$?
        case $rc in
        0) ;;
        1) stopped=$((stopped + 1)) ;;
        *) fail "SIG$sig after ${delay}s: exit $rc: $(cat "$WORK/err")" ;;
        esac
        if [ -d sig ]; then
            ls -A sig | grep -q staging && fail "SIG$sig after ${delay}s left $(ls -A sig)"
            ls -A sig | grep -q '\.tmp' && fail "SIG$sig after ${delay}s left $(ls -A sig)"
        fi
    done
done
[ "$stopped" -gt 0 ] || echo "note: every report finished before its signal"
finish
