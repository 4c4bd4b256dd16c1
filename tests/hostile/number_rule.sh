#!/usr/bin/env bash
# number_rule.sh - one rule for numbers on the command line, in the configuration file and
# in CSV fields: digits (and a '-' where negatives are allowed), no space before, inside or
# after, no '+'. Before, --grace-days ' 3' and '+3' passed while '3 ' failed, and import
# took an amount of ' 100' (libcsv trimmed it).
. "$(dirname "$0")/../app/lib.sh"

small_db t.db || fail "small_db"
P="--month 2026-10"

# Command-line options: each bad spelling is a usage error naming the value.
for bad in " 3" "3 " "+3" "" "3.0" "0x3" "-0" "1e1" "3 0"; do
    expect_exit 2 "$COLLECTKPI" kpi t.db $P --grace-days "$bad"
    grep -q "grace days '$bad' is not a whole number" "$WORK/err" ||
        fail "--grace-days '$bad': $(cat "$WORK/err")"
    expect_exit 2 "$COLLECTKPI" report t.db $P --kept-threshold-pct "$bad" --no-charts --out r
    expect_exit 2 "$COLLECTKPI" check t.db --limit "$bad"
    expect_exit 2 "$COLLECTKPI" demo d.db --seed "$bad"
    [ ! -e d.db ] || fail "demo --seed '$bad' wrote a database"
done
expect_exit 0 "$COLLECTKPI" kpi t.db $P --grace-days 3
expect_exit 0 "$COLLECTKPI" kpi t.db $P --grace-days 003 --kept-threshold-pct 90
expect_exit 0 "$COLLECTKPI" check t.db --limit 0

# The configuration file: the spaces around '=' belong to the INI syntax (inih drops them),
# the value itself follows the rule.
printf '[kpi]\ngrace_days   =   3   \n' >spaced.ini
expect_exit 0 "$COLLECTKPI" kpi t.db $P --config spaced.ini
for bad in "+3" "3 0" "0x3" "-0"; do
    printf '[kpi]\ngrace_days = %s\n' "$bad" >bad.ini
    expect_exit 2 "$COLLECTKPI" kpi t.db $P --config bad.ini
    grep -q "bad.ini.*line 2" "$WORK/err" || fail "config grace_days '$bad': $(cat "$WORK/err")"
done
for bad in "+1.0" "1e0" ".5" "5." "inf" "0x1p0"; do
    printf '[score.rpc_rate]\ntarget = %s\n' "$bad" >bad.ini
    expect_exit 2 "$COLLECTKPI" score t.db $P --config bad.ini
    grep -q "target '$bad' is not a number" "$WORK/err" || fail "config target '$bad': $(cat "$WORK/err")"
done
printf '[score.rpc_rate]\ntarget = 0.35\nweight = 25\nmin_sample = 007\n' >good.ini
expect_exit 0 "$COLLECTKPI" score t.db $P --config good.ini
printf '[compliance]\nburst_seconds = +300\n' >bad.ini
expect_exit 2 "$COLLECTKPI" compliance t.db $P --config bad.ini

# CSV fields: an amount, an id or a reference with a space or a '+' is refused (exit 3,
# nothing written), quoted or not; the same digits without them load.
before=$(sha256sum <t.db)
for bad in " 100" "100 " "+100" '" 100"' "1 00" "	100"; do
    printf 'payment_id,case_id,paid_at,amount,method\n50,1,2026-10-30 10:00:00,%s,card\n' "$bad" >payments.csv
    expect_exit 3 "$COLLECTKPI" import t.db payments.csv
    grep -q "column amount: .* is not an integer" "$WORK/err" || fail "amount '$bad': $(cat "$WORK/err")"
done
printf 'payment_id,case_id,paid_at,amount,method\n 50,1,2026-10-30 10:00:00,100,card\n' >payments.csv
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
grep -q "column payment_id" "$WORK/err" || fail "id ' 50': $(cat "$WORK/err")"
printf 'payment_id,case_id,paid_at,amount,method\n50,+1,2026-10-30 10:00:00,100,card\n' >payments.csv
expect_exit 3 "$COLLECTKPI" import t.db payments.csv
grep -q "column case_id" "$WORK/err" || fail "case_id '+1': $(cat "$WORK/err")"
[ "$(sha256sum <t.db)" = "$before" ] || fail "a refused import changed the database"
printf 'payment_id,case_id,paid_at,amount,method\n50,1,2026-10-30 10:00:00,0100,card\n' >payments.csv
expect_exit 0 "$COLLECTKPI" import t.db payments.csv
[ "$(sqlite3 t.db 'SELECT amount, typeof(amount) FROM payments WHERE payment_id = 50')" = "100|integer" ] ||
    fail "the amount 0100 was not stored as 100"

# Fields are taken as written: a name keeps its spaces (nothing is trimmed).
printf 'team_id,name\n7, Spaced Team \n' >teams.csv
expect_exit 0 "$COLLECTKPI" import t.db teams.csv
[ "$(sqlite3 t.db 'SELECT name FROM teams WHERE team_id = 7')" = " Spaced Team " ] ||
    fail "a name lost its spaces: '$(sqlite3 t.db 'SELECT name FROM teams WHERE team_id = 7')'"
finish
