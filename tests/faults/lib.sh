# lib.sh - what the fault scripts share (sourced after tests/app/lib.sh): the demo database
# they start from, and a listing of a folder to compare before and after a fault.

# demo_db FILE: the demo database ending October 2026 (the month the scripts read).
demo_db() {
    "$COLLECTKPI" demo "$1" --end-month 2026-10 >/dev/null 2>&1
}

# listing DIR: every name under DIR with its size, hidden ones too, one per line, sorted.
listing() {
    (cd "$1" && find . -mindepth 1 -printf '%p %s\n' | LC_ALL=C sort)
}
