#!/usr/bin/env bash
# months.sh - engine_run_months against one-month engine_run calls (test_months compares
# every figure of every row): on the demo database over 24 months (its 13 months of data
# and the empty months before), once with a fixed --as-of, and on randomised small
# databases (random_db.py) whose rows crowd the month boundaries.
# usage (meson): months.sh TEST_MONTHS [RANDOM_DBS]
. "$SOURCE_ROOT/tests/app/lib.sh"
TEST_MONTHS=$1
RANDOM_DBS=${2:-100}
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
"$TEST_MONTHS" demo.db 2024-11 24 >out 2>&1 || fail "demo database, 24 months: $(cat out)"
grep -q "24 months, [1-9][0-9]* agent rows compared" out || fail "demo: nothing compared: $(cat out)"
grep -q "24 months with compliance, [1-9][0-9]* agent rows and [1-9][0-9]* breaching contacts compared" out ||
    fail "demo: no month compared with compliance: $(cat out)"
grep -q "with compliance: [1-9][0-9]* agent rows compared" out ||
    fail "demo: nothing compared with compliance: $(cat out)"
grep -q "with compliance, pass after the chunks: [1-9][0-9]* agent rows compared" out ||
    fail "demo: nothing compared with the pass after the chunks: $(cat out)"
grep -q "with compliance, lists in chunks, pass after them: [1-9][0-9]* agent rows compared" out ||
    fail "demo: nothing compared with lists in chunks: $(cat out)"
grep -q "# [1-9][0-9]* promises, [1-9][0-9]* complaints, [1-9][0-9]* resolutions, [1-9][0-9]* breaches listed alike" out ||
    fail "demo: lists empty, nothing compared: $(cat out)"
grep -q "# [1-9][0-9]* breaches listed alike, no other list" out ||
    fail "demo: nothing compared with the breach list alone: $(cat out)"
"$TEST_MONTHS" demo.db 2026-02 7 "2026-06-15 12:00:00" >out 2>&1 || fail "demo, as-of: $(cat out)"
for seed in $(seq 1 "$RANDOM_DBS"); do
    rm -f r.db
    "$COLLECTKPI" init r.db >/dev/null || { fail "init"; break; }
    /usr/bin/python3 "$SOURCE_ROOT/tests/engine/random_db.py" r.db "$seed" || { fail "random_db.py $seed"; break; }
    "$TEST_MONTHS" r.db 2025-08 12 >out 2>&1 || { fail "random database seed $seed: $(cat out)"; break; }
done
finish
