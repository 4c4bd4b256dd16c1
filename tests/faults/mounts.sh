# mounts.sh - sourced first (before tests/app/lib.sh) by the fault scripts that mount small
# tmpfs disks: they run as root, or else again inside a user and mount namespace
# (unshare -rm); where neither is allowed the script is skipped (exit 77) with the reason.
# The mounts themselves are lib.sh's small_disk.
if [ "$(id -u)" != 0 ] && [ -z "${FULL_DISK_IN_NAMESPACE:-}" ]; then
    if command -v unshare >/dev/null && unshare -rm true 2>/dev/null; then
        FULL_DISK_IN_NAMESPACE=1 exec unshare -rm bash "$0" "$@"
    fi
    echo "SKIP: not root, and unshare -rm (a user namespace to mount a tmpfs in) is refused"
    exit 77
fi
