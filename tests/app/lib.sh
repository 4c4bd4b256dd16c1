# lib.sh - shared helpers of the integration tests (sourced). Each test runs the real
# binary ($COLLECTKPI) in a fresh temporary folder and exits non-zero on the first failure.
set -u
: "${COLLECTKPI:?set COLLECTKPI to the built binary}"
WORK=$(mktemp -d)
WORK_SHELL=$BASHPID
# EXIT_CLEANUP: what a test adds to the cleanup at its exit (an umount), run before $WORK
# is removed.
EXIT_CLEANUP=""
# on_exit: the cleanup, in the test's own shell only. A subshell or background job the test
# starts is a copy of this shell, trap included, until it has set itself up: killed in that
# moment (a guard process killed as soon as it is started), the copy runs this trap, and
# without the check it would remove the folder the test still works in.
on_exit() {
    [ "$BASHPID" = "$WORK_SHELL" ] || return 0
    eval "$EXIT_CLEANUP"
    rm -rf "$WORK"
}
trap on_exit EXIT
cd "$WORK" || exit 1
FAILED=0

fail() {
    echo "FAIL: $*" >&2
    FAILED=1
}

# expect_exit CODE CMD...: runs CMD, checks its exit status; stderr is kept in $WORK/err.
expect_exit() {
    local want=$1
    shift
    "$@" >"$WORK/out" 2>"$WORK/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        fail "'$*' exited $got, expected $want; stderr: $(cat "$WORK/err")"
    fi
}

# expect_err_line TEXT: the last command printed exactly one stderr line, equal to TEXT.
expect_err_line() {
    local lines
    lines=$(wc -l <"$WORK/err")
    if [ "$lines" != 1 ] || [ "$(cat "$WORK/err")" != "$1" ]; then
        fail "stderr was '$(cat "$WORK/err")', expected the one line '$1'"
    fi
}

# skipped WHAT: part of the test could not run (a missing program); when nothing failed, the
# test ends with meson's "skipped" status 77, which CI counts as a failure.
SKIPPED=""
skipped() {
    echo "SKIP: $*"
    SKIPPED="$SKIPPED $*"
}

finish() {
    [ "$FAILED" = 0 ] || exit 1
    [ -z "$SKIPPED" ] || exit 77
    echo "ok"
    exit 0
}

# A small database built by hand, whose October 2026 figures are worked out in
# kpi_formats.sh. The last row is an inbound SMS no agent handled on 10-31 18:00: it credits
# no one, and makes the data cut-off fall on October's last day, so October is fully
# covered (a test of a partly covered month deletes it: guard.sh).
small_db() {
    "$COLLECTKPI" init "$1" >/dev/null || return 1
    sqlite3 "$1" <<'SQL'
INSERT INTO teams VALUES (1, 'North, "Team" 北'), (2, 'South');
INSERT INTO agents VALUES (1, 'E01', '王伟', 1, '2025-01-01', NULL),
                          (2, 'E02', '=SUM(A1)', 1, '2025-01-01', NULL),
                          (3, 'E03', 'Emily Chen', 2, '2025-01-01', NULL),
                          (4, 'E04', 'Idle Ian', 2, '2025-01-01', NULL);
INSERT INTO cases VALUES (1, 'C1', 'secret-debtor-1', 'credit_card', '2026-09-01 00:00:00', 100000, 35, NULL, NULL),
                         (2, 'C2', 'secret-debtor-2', 'consumer_loan', '2026-09-01 00:00:00', 50000, 100, '2026-10-21 00:00:00', 'paid_in_full');
INSERT INTO assignments VALUES (1, 1, 1, '2026-09-01 00:00:00', '2026-10-16 00:00:00'),
                               (2, 1, 2, '2026-10-16 00:00:00', NULL),
                               (3, 2, 3, '2026-09-01 00:00:00', '2026-10-21 00:00:00');
INSERT INTO payments VALUES (1, 1, '2026-10-05 10:00:00', 12345, 'alipay'),
                            (2, 1, '2026-10-20 10:00:00', 10000, 'card'),
                            (3, 2, '2026-10-20 09:00:00', 50000, 'bank_transfer');
INSERT INTO contacts VALUES (1, 1, 1, '2026-10-02 10:00:00', 'call', 'outbound', 'debtor', 'promise', 120),
                            (2, 1, 1, '2026-10-03 10:00:00', 'call', 'outbound', 'none', 'no_answer', 0),
                            (3, 2, 3, '2026-10-04 10:00:00', 'call', 'outbound', 'debtor', 'contacted', 60),
                            (4, 2, 3, '2026-10-04 11:00:00', 'call', 'outbound', 'third_party', 'contacted', 60),
                            (9, 1, NULL, '2026-10-31 18:00:00', 'sms', 'inbound', 'debtor', 'contacted', 0);
INSERT INTO promises VALUES (1, 1, 1, '2026-10-02 10:00:00', '2026-10-06', 12000);
INSERT INTO complaints VALUES (1, 1, 2, '2026-10-25 10:00:00', 'debtor', 'harassment', 1, NULL);
INSERT INTO surveys VALUES (1, 2, 3, '2026-10-22 10:00:00', 5);
SQL
}
