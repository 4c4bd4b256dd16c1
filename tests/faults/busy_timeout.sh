#!/usr/bin/env bash
# busy_timeout.sh - while another program holds a lock on the database, every command waits
# for it (default 10 s, [database] busy_timeout_ms) instead of failing at once with
# "database is locked"; with busy_timeout_ms = 0 it fails at once (exit 1, one line). import
# sets its timeout before its first read (the schema check), so it waits too.
#
# No timing is measured: the lock is held until the test releases it, and a waiting command
# must still be running when it does.
. "$(dirname "$0")/../app/lib.sh"
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

small_db case.db || fail "small_db"
sqlite3 -csv -header case.db 'SELECT * FROM teams' >teams.csv # stored already: a no-op import
printf '[database]\nbusy_timeout_ms = 0\n' >now.ini
printf '[database]\nbusy_timeout_ms = 60000\n' >wait.ini

# hold: start the lock holder and wait until it holds the lock.
hold() {
    rm -f ready release
    /usr/bin/python3 "$HERE/hold_lock.py" case.db ready release &
    holder=$!
    while [ ! -e ready ]; do
        kill -0 "$holder" 2>/dev/null || { fail "the lock holder died"; return 1; }
        sleep 0.05
    done
}

commands=("kpi case.db --month 2026-10" "score case.db --month 2026-10"
    "compliance case.db --month 2026-10" "report case.db --month 2026-10 --no-charts --out rep"
    "check case.db" "import case.db teams.csv")
hold || exit 1
for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086
    expect_exit 1 "$COLLECTKPI" $cmd --config now.ini
    [ "$(wc -l <"$WORK/err")" = 1 ] && grep -q "database is locked" "$WORK/err" ||
        fail "$cmd with busy_timeout_ms = 0: $(cat "$WORK/err")"
done
touch release
wait "$holder"

for config in "" "--config wait.ini"; do
    for cmd in "${commands[@]}"; do
        hold || exit 1
        # shellcheck disable=SC2086
        "$COLLECTKPI" $cmd $config >out 2>err &
        waiting=$!
        sleep 0.5
        kill -0 "$waiting" 2>/dev/null || fail "$cmd $config: did not wait for the lock: $(cat err)"
        touch release
        wait "$holder"
        wait "$waiting" || fail "$cmd $config: failed after the lock was released: $(cat err)"
    done
done

# The setting is checked like every other.
printf '[database]\nbusy_timeout_ms = 3600001\n' >bad.ini
expect_exit 2 "$COLLECTKPI" check case.db --config bad.ini
grep -q "busy timeout '3600001' is not a whole number of milliseconds from 0 to 3600000" "$WORK/err" ||
    fail "bad busy_timeout_ms: $(cat "$WORK/err")"
expect_exit 2 "$COLLECTKPI" import case.db teams.csv --config missing.ini
expect_exit 2 "$COLLECTKPI" kpi case.db --month 2026-10 --config bad.ini
finish
