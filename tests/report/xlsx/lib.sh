# lib.sh - helpers of the report tests (sourced): the integration helpers (fail, expect_exit,
# small_db, a fresh $WORK folder) plus what the workbook checks share.
. "$SOURCE_ROOT/tests/app/lib.sh"
PY="/usr/bin/python3 -W ignore"
HERE="$SOURCE_ROOT/tests/report/xlsx"

# kpi_dir DB DIR OPTIONS...: what `collectkpi kpi` says for the same options, as readback.py
# wants it: agents/teams/total in CSV and JSON, and the twelve trend months ending at --month;
# and what `collectkpi compliance` says: compliance/{agents,teams,total,breaches}.csv,
# agents.json and previous-total.csv (the month before, for the Summary's change).
kpi_dir() {
    local db=$1 dir=$2 month=$3
    shift 3
    mkdir -p "$dir/trend"
    local by format
    for by in agent team total; do
        for format in csv json; do
            local name=$by
            [ "$by" = agent ] && name=agents
            [ "$by" = team ] && name=teams
            # --raw: the stored names, as the workbook holds them (the CSV formula guard
            # would add a leading ' to '=SUM(A1)')
            "$COLLECTKPI" kpi "$db" --month "$month" --by "$by" --format "$format" --raw "$@" \
                >"$dir/$name.$format" || fail "kpi --by $by --format $format"
        done
    done
    mkdir -p "$dir/compliance"
    for by in agent team total breach; do
        local name=${by}s
        [ "$by" = total ] && name=total
        [ "$by" = breach ] && name=breaches
        "$COLLECTKPI" compliance "$db" --month "$month" --by "$by" --format csv "$@" \
            >"$dir/compliance/$name.csv" || fail "compliance --by $by"
    done
    "$COLLECTKPI" compliance "$db" --month "$month" --by agent --format json "$@" \
        >"$dir/compliance/agents.json" || fail "compliance --format json"
    local y=${month%-*} m=${month#*-} i
    m=$((10#$m))
    local before
    before=$(printf '%04d-%02d' $(((y * 12 + m - 2) / 12)) $(((y * 12 + m - 2) % 12 + 1)))
    # The month before may be before the data (the report shows it empty): --allow-empty.
    "$COLLECTKPI" compliance "$db" --month "$before" --by total --format csv --allow-empty "$@" \
        >"$dir/compliance/previous-total.csv" || fail "compliance --month $before"
    for i in $(seq 0 11); do
        local idx=$((y * 12 + m - 1 - i))
        local mon
        mon=$(printf '%04d-%02d' $((idx / 12)) $((idx % 12 + 1)))
        # A trend month before the data is empty, and the report shows it so: --allow-empty.
        "$COLLECTKPI" kpi "$db" --month "$mon" --by total --format json --allow-empty "$@" \
            >"$dir/trend/$mon-total.json" || fail "kpi --month $mon --by total"
        "$COLLECTKPI" kpi "$db" --month "$mon" --by team --format json --allow-empty "$@" \
            >"$dir/trend/$mon-team.json" || fail "kpi --month $mon --by team"
    done
}
