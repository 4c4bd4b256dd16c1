#!/usr/bin/env bash
# work_folder.sh - the temporary folder a test works in ($WORK, made by lib.sh) is removed by
# the test's own exit, after the cleanup the test added, and by nothing else: not by a
# background job killed as soon as it is started. Such a job is a copy of the test's shell,
# EXIT trap included, until it has set itself up; killed in that moment it ran the trap and
# removed the folder under the running test (interrupt.sh lost its folder this way when a
# command stopped at once and its guard job was killed right after being started). No test
# sets an EXIT trap of its own, which would bypass lib.sh's check.
TESTS=$(cd "$(dirname "$0")/.." && pwd)
. "$TESTS/app/lib.sh"

# 200 jobs killed the moment they start. Before the fix the first one, or one of the first
# few, removed $WORK. The job never ends by itself and starts no process.
for try in $(seq 200); do
    # (a killed copy may complain of jobs it inherited: not this test's business)
    { (while :; do :; done) & } 2>/dev/null
    job=$!
    kill "$job"
    wait "$job" 2>/dev/null
    if [ ! -d "$WORK" ]; then
        echo "FAIL: a job killed at its start removed the test's folder (try $try)" >&2
        exit 1
    fi
done

# The test's own exit still runs the test's cleanup, then removes its folder, even when a
# killed job ran the trap before.
cat >child.sh <<EOF
. "$TESTS/app/lib.sh"
echo "\$WORK"
EXIT_CLEANUP='touch "$WORK/cleanup-ran"'
{ (while :; do :; done) & } 2>/dev/null
kill \$!
wait \$! 2>/dev/null
[ -d "\$WORK" ] || echo "FAIL: the job removed the folder" >&2
exit 3
EOF
child_work=$(bash child.sh 2>child.err)
rc=$?
[ "$rc" = 3 ] || fail "the test's exit status $rc, expected 3 (the trap changed it)"
[ ! -s child.err ] || fail "$(cat child.err)"
[ -n "$child_work" ] && [ "$child_work" != "$WORK" ] || fail "no folder of its own: '$child_work'"
[ ! -e "$child_work" ] || fail "the folder $child_work was left at the test's exit"
[ -e cleanup-ran ] || fail "the test's EXIT_CLEANUP did not run"

# Every test leaves its exit to lib.sh (its own cleanup goes into EXIT_CLEANUP).
own_traps=$(grep -rlE --include='*.sh' '(^|[;&|[:space:]])trap[[:space:]].*EXIT' "$TESTS" |
    grep -v "/app/lib.sh$" | grep -v "/app/work_folder.sh$")
[ -z "$own_traps" ] || fail "tests that set an EXIT trap of their own: $own_traps"
finish
