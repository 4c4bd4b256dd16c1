#!/usr/bin/env bash
# jobs.sh - --jobs N reads the contacts on N threads: every output is byte-identical to
# --jobs 1 (kpi in each format, by team, a range of days, the report's folder with its
# twelve-month trend), the first bad contact row named is the same, a WAL database (read by
# one thread) gives the same bytes, and a bad --jobs value is a usage error.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
for jobs in 1 2 3 8; do
    "$COLLECTKPI" kpi demo.db --month 2026-10 --format csv --jobs $jobs >kpi-$jobs.csv || fail "kpi --jobs $jobs"
    "$COLLECTKPI" kpi demo.db --month 2026-10 --format json --by team --jobs $jobs >team-$jobs.json || fail "kpi json --jobs $jobs"
    "$COLLECTKPI" kpi demo.db --from 2026-03-05 --to 2026-09-20 --format csv --jobs $jobs >range-$jobs.csv || fail "kpi range --jobs $jobs"
    "$COLLECTKPI" score demo.db --month 2026-10 --format csv --jobs $jobs >score-$jobs.csv || fail "score --jobs $jobs"
done
for jobs in 2 3 8; do
    for f in kpi team range score; do
        ext=csv
        [ $f = team ] && ext=json
        cmp -s $f-1.$ext $f-$jobs.$ext || fail "$f --jobs $jobs differs from --jobs 1"
    done
done
grep -q "^2026-10-01" kpi-1.csv || fail "kpi printed no agent row"
for jobs in 1 3; do
    "$COLLECTKPI" report demo.db --month 2026-10 --out rep-$jobs --no-charts --jobs $jobs >/dev/null || fail "report --jobs $jobs"
done
for f in $(cd rep-1 && find . -type f); do
    cmp -s "rep-1/$f" "rep-3/$f" || fail "report file $f differs with --jobs 3"
done
# Two contacts naming no agent, early and late in the month: each thread count names the
# early one, as one thread does.
cp demo.db bad.db
sqlite3 bad.db "INSERT INTO contacts (case_id, agent_id, contact_at, channel, direction, party, outcome)
  VALUES (1, 999999, '2026-10-28 10:00:00', 'call', 'outbound', 'debtor', 'contacted'),
         (1, 999998, '2026-10-02 10:00:00', 'call', 'outbound', 'debtor', 'contacted');" || fail "bad rows"
for jobs in 1 2 3; do
    expect_exit 3 "$COLLECTKPI" kpi bad.db --month 2026-10 --jobs $jobs
    cp err err-$jobs
done
grep -q "agent_id names no agent" err-1 || fail "bad contact: $(cat err-1)"
cmp -s err-1 err-2 && cmp -s err-1 err-3 || fail "the first bad row depends on --jobs: $(cat err-1 err-2 err-3)"
# A WAL database is read by one thread: the same bytes.
cp demo.db wal.db
[ "$(sqlite3 wal.db 'PRAGMA journal_mode=WAL')" = wal ] || fail "WAL"
"$COLLECTKPI" kpi wal.db --month 2026-10 --format csv --jobs 3 >wal.csv || fail "kpi on WAL"
cmp -s kpi-1.csv wal.csv || fail "WAL database, --jobs 3"
expect_exit 2 "$COLLECTKPI" kpi demo.db --month 2026-10 --jobs 0
expect_err_line "collectkpi kpi: --jobs '0' is not a whole number from 1 to 64 (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi demo.db --month 2026-10 --jobs 2x
finish
