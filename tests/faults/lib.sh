# lib.sh - what the fault scripts share (sourced after tests/app/lib.sh): the demo database
# they start from, and a listing of a folder to compare before and after a fault.

# demo_db FILE: the demo database ending October 2026 (the month the scripts read).
demo_db() {
    "$COLLECTKPI" demo "$1" --end-month 2026-10 >/dev/null 2>&1
}

# small_disk DIR SIZE: a tmpfs of SIZE at DIR (the script sourced mounts.sh first), unmounted
# at the exit; skips the test when it cannot be mounted.
mounts=()
# shellcheck disable=SC2034 # run by tests/app/lib.sh's on_exit
EXIT_CLEANUP='for m in "${mounts[@]}"; do umount "$m"; done'
small_disk() {
    mkdir -p "$1"
    if ! mount -t tmpfs -o size="$2" tmpfs "$1" 2>mount.err; then
        echo "SKIP: cannot mount a tmpfs: $(cat mount.err)"
        exit 77
    fi
    mounts+=("$WORK/$1")
}

# listing DIR: every name under DIR with its size, hidden ones too, one per line, sorted.
listing() {
    (cd "$1" && find . -mindepth 1 -printf '%p %s\n' | LC_ALL=C sort)
}
