#!/usr/bin/env bash
# jobs.sh - --jobs N reads the contacts on N threads: every output is byte-identical to
# --jobs 1 (kpi in each format, by team, a range of days, the report's folder with its
# twelve-month trend; score and compliance, whose breach pass runs on a thread of its own
# beside the kpi loads, for a month, a quarter and a range, with the breach list and both
# profiles), the first bad contact row named is the same (and the report's first bad row,
# in the period or in a trend month of the pass on its own thread), a WAL database (read by
# one thread) gives the same bytes, and a bad --jobs value is a usage error.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
for jobs in 1 2 3 8; do
    "$COLLECTKPI" kpi demo.db --month 2026-10 --format csv --jobs $jobs >kpi-$jobs.csv || fail "kpi --jobs $jobs"
    "$COLLECTKPI" kpi demo.db --month 2026-10 --format json --by team --jobs $jobs >team-$jobs.json || fail "kpi json --jobs $jobs"
    "$COLLECTKPI" kpi demo.db --from 2026-03-05 --to 2026-09-20 --format csv --jobs $jobs >range-$jobs.csv || fail "kpi range --jobs $jobs"
    "$COLLECTKPI" score demo.db --month 2026-10 --format csv --jobs $jobs >score-$jobs.csv || fail "score --jobs $jobs"
    "$COLLECTKPI" score demo.db --quarter 2026Q3 --by total --format json --jobs $jobs >scoreq-$jobs.json || fail "score --quarter --jobs $jobs"
    "$COLLECTKPI" compliance demo.db --month 2026-10 --by breach --format csv --jobs $jobs >breach-$jobs.csv || fail "compliance --jobs $jobs"
    "$COLLECTKPI" compliance demo.db --from 2026-06-10 --to 2026-09-20 --profile us --format csv --jobs $jobs >comprange-$jobs.csv || fail "compliance range --jobs $jobs"
done
grep -q "third_party_early" breach-1.csv || fail "the breach list names no third_party_early breach"
for jobs in 2 3 8; do
    for f in kpi team range score scoreq breach comprange; do
        ext=csv
        [ $f = team ] || [ $f = scoreq ] && ext=json
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
# The breach pass's thread meets the same bad rows: score names the early one too, whatever
# --jobs, for a month and for a quarter (read a month at a time).
for jobs in 1 2; do
    expect_exit 3 "$COLLECTKPI" score bad.db --month 2026-10 --jobs $jobs
    cp err score-err-$jobs
    expect_exit 3 "$COLLECTKPI" compliance bad.db --quarter 2026Q4 --jobs $jobs
    cp err compq-err-$jobs
done
grep -q "contacts row .*: agent_id names no agent" score-err-1 || fail "score, bad contact: $(cat score-err-1)"
cmp -s score-err-1 score-err-2 && cmp -s compq-err-1 compq-err-2 || fail "score's first bad row depends on --jobs: $(cat score-err-1 score-err-2 compq-err-1 compq-err-2)"
# A run that fails in the kpi rows while the pass's thread still reads ends with that error,
# as kpi does (a second assignment overlapping a case's open one in the month).
cp demo.db bad-load.db
sqlite3 bad-load.db "INSERT INTO assignments (case_id, agent_id, start_at, end_at)
  SELECT case_id, agent_id, '2026-10-10 10:00:00', '2026-10-12 10:00:00' FROM assignments
   WHERE start_at < '2026-10-01' AND end_at IS NULL ORDER BY assignment_id LIMIT 1;" || fail "bad load row"
for jobs in 1 2; do
    expect_exit 3 "$COLLECTKPI" score bad-load.db --month 2026-10 --jobs $jobs
    grep -q "has assignments that overlap" err || fail "score --jobs $jobs: $(cat err)"
    cp err score-load-err-$jobs
done
cmp -s score-load-err-1 score-load-err-2 || fail "score's load error depends on --jobs"
# The report's trend months go through their pass on a thread of its own beside the period's
# run: a bad row in the period ends the report with the period's error while the pass still
# reads, and a bad row in a trend month of the pass (March) with the pass's own error, the
# same as on one thread.
cp demo.db bad-trend.db
sqlite3 bad-trend.db "INSERT INTO assignments (case_id, agent_id, start_at, end_at)
  SELECT case_id, agent_id, '2026-03-10 10:00:00', '2026-03-12 10:00:00' FROM assignments
   WHERE start_at < '2026-03-01' AND (end_at IS NULL OR end_at > '2026-03-13')
   ORDER BY assignment_id LIMIT 1;" || fail "bad trend row"
for jobs in 1 2; do
    expect_exit 3 "$COLLECTKPI" report bad-load.db --month 2026-10 --out rep-bad --no-charts --jobs $jobs
    grep -q "has assignments that overlap" err || fail "report --jobs $jobs: $(cat err)"
    cp err report-load-err-$jobs
    expect_exit 3 "$COLLECTKPI" report bad-trend.db --month 2026-10 --out rep-bad --no-charts --jobs $jobs
    grep -q "has assignments that overlap" err || fail "report, trend month, --jobs $jobs: $(cat err)"
    cp err report-trend-err-$jobs
done
[ ! -e rep-bad ] || fail "a failed report left a folder"
cmp -s report-load-err-1 report-load-err-2 || fail "report's load error depends on --jobs"
cmp -s report-trend-err-1 report-trend-err-2 || fail "report's trend error depends on --jobs"
cmp -s report-load-err-1 report-trend-err-1 && fail "the trend month's error names the period's row"
# A WAL database is read by one thread: the same bytes.
cp demo.db wal.db
[ "$(sqlite3 wal.db 'PRAGMA journal_mode=WAL')" = wal ] || fail "WAL"
"$COLLECTKPI" kpi wal.db --month 2026-10 --format csv --jobs 3 >wal.csv || fail "kpi on WAL"
cmp -s kpi-1.csv wal.csv || fail "WAL database, --jobs 3"
"$COLLECTKPI" compliance wal.db --month 2026-10 --by breach --format csv --jobs 3 >wal-breach.csv || fail "compliance on WAL"
cmp -s breach-1.csv wal-breach.csv || fail "WAL database, compliance --jobs 3"
# (the report names its database: the same file name, in a folder of its own)
mkdir wal && cp demo.db wal/demo.db
[ "$(sqlite3 wal/demo.db 'PRAGMA journal_mode=WAL')" = wal ] || fail "WAL (report)"
"$COLLECTKPI" report wal/demo.db --month 2026-10 --out rep-wal --no-charts --jobs 3 >/dev/null || fail "report on WAL"
for f in $(cd rep-1 && find . -type f); do
    cmp -s "rep-1/$f" "rep-wal/$f" || fail "WAL database: report file $f differs with --jobs 3"
done
expect_exit 2 "$COLLECTKPI" kpi demo.db --month 2026-10 --jobs 0
expect_err_line "collectkpi kpi: --jobs '0' is not a whole number from 1 to 64 (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi demo.db --month 2026-10 --jobs 2x
finish
