# lib.sh - helpers of the import/check tests (sourced after tests/app/lib.sh, whose
# expect_exit, fail and finish they use).
. "$(dirname "${BASH_SOURCE[0]}")/../app/lib.sh"

# The debtor references of base_db: no message may ever contain them.
SECRETS='SECRET-REF'

# base_db DB: two teams, two agents, an open and a closed case, their assignments and two
# payments (the second a reversal of the first).
base_db() {
    "$COLLECTKPI" init "$1" >/dev/null || return 1
    sqlite3 "$1" <<'SQL'
INSERT INTO teams VALUES (1, 'North'), (2, 'South');
INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL),
                          (2, 'E2', 'Bob', 2, '2025-01-01', NULL);
INSERT INTO cases VALUES
  (1, 'C1', 'SECRET-REF-1', 'credit_card', '2026-01-05 09:00:00', 100000, 30, NULL, NULL),
  (2, 'C2', 'SECRET-REF-2', 'mortgage', '2026-01-06 09:00:00', 50000, 0, '2026-03-01 00:00:00', 'paid_in_full');
INSERT INTO assignments VALUES (1, 1, 1, '2026-01-05 09:00:00', '2026-02-01 00:00:00'),
                               (2, 2, 2, '2026-01-06 09:00:00', '2026-03-01 00:00:00');
INSERT INTO payments VALUES (1, 1, '2026-02-01 10:00:00', 5000, 'card'),
                            (2, 1, '2026-03-01 10:00:00', -5000, 'card');
SQL
}

# keep DB: a copy to compare with after a command that must not change it.
keep() {
    cp "$1" "$1.before"
}

# unchanged DB: the file is byte for byte what keep saw (and has no journal left over).
unchanged() {
    cmp -s "$1" "$1.before" || fail "$1 changed ($*)"
    [ ! -e "$1-journal" ] || fail "$1-journal left behind"
}

# expect_stderr: the last command's stderr is exactly the text on stdin.
expect_stderr() {
    local want
    want=$(cat)
    if [ "$(cat "$WORK/err")" != "$want" ]; then
        fail "stderr differs from the expected text:
$(diff <(echo "$want") "$WORK/err")"
    fi
}

# expect_stdout: likewise for stdout.
expect_stdout() {
    local want
    want=$(cat)
    if [ "$(cat "$WORK/out")" != "$want" ]; then
        fail "stdout differs from the expected text:
$(diff <(echo "$want") "$WORK/out")"
    fi
}

# no_secrets: neither output of the last command holds a debtor reference.
no_secrets() {
    if grep -q "$SECRETS" "$WORK/out" "$WORK/err"; then
        fail "a debtor_ref value was printed: $(grep -h "$SECRETS" "$WORK/out" "$WORK/err" | head -3)"
    fi
}
