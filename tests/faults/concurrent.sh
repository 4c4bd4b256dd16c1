#!/usr/bin/env bash
# concurrent.sh - another program commits every 20 ms while kpi (30 runs), score (10: its
# compliance pass reads on a thread of its own, which falls back to the run's connection
# when the writer's lock stops it) and report (5) read. Every run succeeds (it waits for the writer's lock) and reads one snapshot: with a
# writer of a table no figure reads, the output is the one made without a writer; with a
# writer that adds and removes a payment and a contact together, it is the output of one
# of the two states, never of a mix. Both with a rollback journal and in WAL mode.
. "$(dirname "$0")/../app/lib.sh"
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

demo_db case.db || fail "demo"
kpi_args=(kpi case.db --month 2026-10 --format csv)
"$COLLECTKPI" "${kpi_args[@]}" >alone.csv || fail "kpi alone"
score_args=(score case.db --month 2026-10 --format csv)
"$COLLECTKPI" "${score_args[@]}" >alone-score.csv || fail "score alone"
"$COLLECTKPI" report case.db --month 2026-10 --no-charts --out alone >/dev/null || fail "report alone"
# The two states of the flip writer, made without a writer.
cp case.db flip.db
/usr/bin/python3 - flip.db <<'PY' || fail "flip state"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO payments VALUES (900000001, 1, '2026-10-15 12:00:00', 777, 'cash')")
db.execute("INSERT INTO contacts VALUES (900000001, 1, (SELECT agent_id FROM assignments"
           " WHERE case_id = 1 ORDER BY start_at DESC LIMIT 1), '2026-10-15 11:00:00',"
           " 'call', 'outbound', 'debtor', 'contacted', 60)")
db.commit()
PY
"$COLLECTKPI" kpi flip.db --month 2026-10 --format csv >flipped.csv || fail "kpi flipped"
cmp -s alone.csv flipped.csv && fail "the flip changes no figure"
"$COLLECTKPI" score flip.db --month 2026-10 --format csv >flipped-score.csv || fail "score flipped"
cmp -s alone-score.csv flipped-score.csv && fail "the flip changes no score figure"

# contents DIR: each file of a report folder with its hash.
contents() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }

# with_writer MODE KPI_RUNS REPORT_RUNS: runs kpi, score (10 runs) and report while writer.py
# MODE commits.
with_writer() {
    local mode=$1 kpi_runs=$2 report_runs=$3 i writer commits
    rm -f stop
    /usr/bin/python3 "$HERE/writer.py" case.db "$mode" stop >commits &
    writer=$!
    for ((i = 0; i < kpi_runs; i++)); do
        "$COLLECTKPI" "${kpi_args[@]}" >run.csv 2>run.err || { fail "$mode: kpi run $i: $(cat run.err)"; continue; }
        if [ "$mode" = other ]; then
            cmp -s run.csv alone.csv || fail "$mode: kpi run $i printed other figures"
        else
            cmp -s run.csv alone.csv || cmp -s run.csv flipped.csv ||
                fail "$mode: kpi run $i printed figures of neither state"
        fi
    done
    for ((i = 0; i < 10; i++)); do
        "$COLLECTKPI" "${score_args[@]}" >run.csv 2>run.err || { fail "$mode: score run $i: $(cat run.err)"; continue; }
        if [ "$mode" = other ]; then
            cmp -s run.csv alone-score.csv || fail "$mode: score run $i printed other figures"
        else
            cmp -s run.csv alone-score.csv || cmp -s run.csv flipped-score.csv ||
                fail "$mode: score run $i printed figures of neither state"
        fi
    done
    for ((i = 0; i < report_runs; i++)); do
        rm -rf rep
        "$COLLECTKPI" report case.db --month 2026-10 --no-charts --out rep >/dev/null 2>run.err ||
            { fail "$mode: report run $i: $(cat run.err)"; continue; }
        [ "$(contents rep)" = "$(contents alone)" ] || fail "$mode: report run $i differs"
    done
    touch stop
    wait "$writer" || fail "$mode: the writer failed"
    commits=$(cat commits)
    [ "${commits:-0}" -ge 10 ] || fail "$mode: the writer committed only ${commits:-0} times"
    # the flip writer stops in either state; back to the first for the next round
    sqlite3 case.db "DELETE FROM payments WHERE payment_id = 900000001;
                     DELETE FROM contacts WHERE contact_id = 900000001"
}

with_writer other 30 5
with_writer flip 30 0
sqlite3 case.db 'PRAGMA journal_mode = WAL' >/dev/null || fail "WAL"
with_writer other 10 2
with_writer flip 30 0
finish
