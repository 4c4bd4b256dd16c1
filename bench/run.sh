#!/usr/bin/env bash
# bench/run.sh - how fast is `collectkpi kpi` on the large demo database, compared with the
# time SQLite itself needs just to scan the rows a month's figures read? And what does the
# month's contact-compliance check (`collectkpi compliance`) add to kpi's time?
#
# See bench/README.md for what it measures and the
# figures recorded on the project machine.
#
# usage: bench/run.sh [--rebuild-db]
#   env: BUILD (default build-bench, a release build), END_MONTH (2025-12), SEED (1), MONTH (2025-10),
#        GRACE_DAYS (0; must match the engine's settings)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
END_MONTH=${END_MONTH:-2025-12} # fixed, so the cached database never depends on today
SEED=${SEED:-1}
MONTH=${MONTH:-2025-10}         # month 22 of the 24 the large database covers
GRACE_DAYS=${GRACE_DAYS:-0}
CACHE=$ROOT/bench/cache
DB=$CACHE/large-$END_MONTH-seed$SEED.db
BIN=$BUILD/src/collectkpi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

REBUILD_DB=0
for arg in "$@"; do
    case $arg in
    --rebuild-db) REBUILD_DB=1 ;;
    -h | --help)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "bench/run.sh: unknown argument '$arg' (see --help)" >&2
        exit 2
        ;;
    esac
done

# ---- a release build (ninja only rebuilds what changed) ----
if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" "$ROOT" --buildtype=release >/dev/null
fi
ninja -C "$BUILD" -j1 src/collectkpi >/dev/null

# measure LABEL CMD...: runs CMD under /usr/bin/time -v, records wall seconds and peak RSS.
RESULTS=()
measure() {
    local label=$1
    shift
    /usr/bin/time -v -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || {
        echo "bench/run.sh: '$*' failed:" >&2
        cat "$TMP/err" >&2
        exit 1
    }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$TMP/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$TMP/time")
    RESULTS+=("$label|$wall|$rss")
    LAST_WALL=$wall
    LAST_RSS=$rss
}

# ---- the large database, made once and cached ----
mkdir -p "$CACHE"
if [ "$REBUILD_DB" = 1 ] || [ ! -f "$DB" ]; then
    rm -f "$DB"
    echo "generating $DB (demo --size large, a few minutes) ..." >&2
    measure "demo --size large" "$BIN" demo "$DB" --size large --seed "$SEED" --end-month "$END_MONTH"
    head -3 "$TMP/out" >&2
fi

# ---- the bare scans: the rows the engine reads for one month, nothing computed ----
# BEGIN bare queries: keep these in step with src/engine_load.c (the lead's engine).
start="$MONTH-01 00:00:00"
end=$(date -d "$MONTH-01 +1 month" +%Y-%m-%d)
end_ts="$end 00:00:00"
end_grace=$(date -d "$end +$GRACE_DAYS day" +%Y-%m-%d)" 00:00:00"
cat >"$TMP/bare.sql" <<SQL
-- assignments overlapping the period
SELECT count(*), sum(case_id), sum(agent_id), max(start_at), max(end_at) FROM assignments
 WHERE start_at < '$end_ts' AND (end_at IS NULL OR end_at >= '$start');
-- the worked cases' own rows (placed_at, balance), looked up by id
SELECT count(*), sum(c.placed_balance), max(c.placed_at) FROM cases c WHERE c.case_id IN
 (SELECT case_id FROM assignments WHERE start_at < '$end_ts' AND (end_at IS NULL OR end_at >= '$start'));
-- cases closed in the period
SELECT count(*), sum(case_id) FROM cases WHERE closed_at >= '$start' AND closed_at < '$end_ts';
-- payments: all history up to the period end plus grace days (worked balances need it)
SELECT count(*), sum(case_id), sum(amount), max(paid_at) FROM payments WHERE paid_at < '$end_grace';
-- contacts in the period (covering index contacts_by_time)
SELECT count(*), sum(agent_id), sum(channel = 'call' AND direction = 'outbound'),
       sum(party = 'debtor' AND outcome IN ('contacted', 'promise', 'refusal', 'dispute', 'callback_requested'))
  FROM contacts WHERE contact_at >= '$start' AND contact_at < '$end_ts' AND agent_id IS NOT NULL;
-- promises due in the period, and made in the period
SELECT count(*), sum(case_id), sum(agent_id), sum(amount), max(made_at) FROM promises
 WHERE due_on >= '$MONTH-01' AND due_on < '$end';
SELECT count(*), sum(agent_id), sum(amount) FROM promises WHERE made_at >= '$start' AND made_at < '$end_ts';
-- complaints and surveys received in the period
SELECT count(*), sum(agent_id), sum(substantiated), max(resolved_at) FROM complaints
 WHERE received_at >= '$start' AND received_at < '$end_ts';
SELECT count(*), sum(agent_id), sum(score) FROM surveys WHERE surveyed_at >= '$start' AND surveyed_at < '$end_ts';
SQL
# END bare queries

# Warm the page cache once so both sides read from memory.
sqlite3 -readonly "$DB" <"$TMP/bare.sql" >/dev/null

measure "kpi --month $MONTH --format csv" "$BIN" kpi "$DB" --month "$MONTH" --format csv
kpi_wall=$LAST_WALL kpi_rss=$LAST_RSS
# The same month with the contact-compliance check (its default profile, cn, which reads the
# 30-day look-back): the kpi figures plus the breach pass.
measure "compliance --month $MONTH --format csv" "$BIN" compliance "$DB" --month "$MONTH" --format csv
compliance_wall=$LAST_WALL compliance_rss=$LAST_RSS
measure "sqlite3: bare scans of the same rows" sqlite3 -readonly "$DB" -init /dev/null -batch -cmd ".read $TMP/bare.sql" ".quit"
bare_wall=$LAST_WALL
measure "kpi --month $MONTH --jobs 1 (one thread)" "$BIN" kpi "$DB" --month "$MONTH" --format csv --jobs 1
if "$BIN" report --help >/dev/null 2>&1; then
    measure "report --month $MONTH" "$BIN" report "$DB" --month "$MONTH" --out "$TMP/report"
    report_wall=$LAST_WALL
    # The report's twelve-month trend reads the rows of the twelve months ending with MONTH:
    # the same bare scans from the first trend month's start.
    first12=$(date -d "$MONTH-01 -11 month" +%Y-%m)
    sed -e "s/'$start'/'$first12-01 00:00:00'/g" -e "s/'$MONTH-01'/'$first12-01'/g" "$TMP/bare.sql" >"$TMP/bare12.sql"
    measure "sqlite3: bare scans of the twelve months" sqlite3 -readonly "$DB" -init /dev/null -batch -cmd ".read $TMP/bare12.sql" ".quit"
    bare12_wall=$LAST_WALL
else
    RESULTS+=("report: not measured, no 'report' command in this build|-|-")
fi

# ---- the table ----
echo
echo "database: $DB ($(du -m "$DB" | cut -f1) MiB)"
printf '%-44s %10s %14s\n' "what" "wall s" "peak RSS MiB"
for row in "${RESULTS[@]}"; do
    IFS='|' read -r label wall rss <<<"$row"
    printf '%-44s %10s %14s\n' "$label" "$wall" "$rss"
done
# (parentheses: a bare '>' in an awk print statement would redirect to a file)
ratio=$(awk -v k="$kpi_wall" -v b="$bare_wall" 'BEGIN { printf("%.2f", (b > 0) ? k / b : 0) }')
verdict_ratio=$(awk -v r="$ratio" 'BEGIN { print((r + 0 <= 3) ? "ok" : "OVER") }')
verdict_rss=$(awk -v m="$kpi_rss" 'BEGIN { print((m + 0 < 200) ? "ok" : "OVER") }')
echo
echo "kpi / bare scans: ${ratio}x (target <= 3x: $verdict_ratio; issue 11: <= 1.0x)"
if [ -n "${bare12_wall:-}" ]; then
    ratio12=$(awk -v r="$report_wall" -v b="$bare12_wall" 'BEGIN { printf("%.2f", (b > 0) ? r / b : 0) }')
    echo "report / bare scans of the twelve months: ${ratio12}x (target <= 1.5x)"
fi
echo "kpi peak RSS: ${kpi_rss} MiB (target < 200 MiB: $verdict_rss)"
compliance_ratio=$(awk -v c="$compliance_wall" -v k="$kpi_wall" 'BEGIN { printf("%.2f", (k > 0) ? c / k : 0) }')
verdict_compliance=$(awk -v r="$compliance_ratio" 'BEGIN { print((r + 0 <= 1.5) ? "ok" : "OVER") }')
verdict_compliance_rss=$(awk -v m="$compliance_rss" 'BEGIN { print((m + 0 < 200) ? "ok" : "OVER") }')
echo "compliance / kpi: ${compliance_ratio}x (target <= 1.5x: $verdict_compliance)"
echo "compliance peak RSS: ${compliance_rss} MiB (target < 200 MiB: $verdict_compliance_rss)"
