#!/usr/bin/env bash
# full_disk_messages.sh - a full disk is named as the cause ("No space left on device") in
# the one error line of the workbook, the charts and the scorecards, never as "gnuplot ran
# but did not draw ..." (gnuplot exits 0 after a failed write, leaving a file cut short),
# and libxlsxwriter's own "[ERROR]" lines never reach standard error. The disk is a small
# tmpfs, filled up to the free space each case needs.
. "$(dirname "$0")/../app/lib.sh"

# A tmpfs needs root, or a user and mount namespace of our own (unshare -rm) for others.
if [ "$(id -u)" != 0 ] && [ -z "${FULL_DISK_IN_NAMESPACE:-}" ]; then
    if unshare -rm true 2>/dev/null; then
        FULL_DISK_IN_NAMESPACE=1 exec unshare -rm bash "$0"
    fi
fi
mkdir full
if ! mount -t tmpfs -o size=8m tmpfs full 2>"$WORK/mount-err"; then
    skipped "cannot mount a tmpfs here: $(cat "$WORK/mount-err")"
    finish
fi
# shellcheck disable=SC2034 # run by lib.sh's on_exit
EXIT_CLEANUP='umount "$WORK/full" 2>/dev/null'

"$COLLECTKPI" demo demo.db --size demo >/dev/null 2>&1 || fail "demo"
"$COLLECTKPI" report demo.db --month 2026-10 --no-charts --out ref >/dev/null || fail "report"
workbook_bytes=$(stat -c %s ref/collectkpi-2026-10.xlsx)

# leave_free BYTES: fills the tmpfs so that about BYTES stay free.
leave_free() {
    rm -rf full/*
    local avail
    avail=$(df -B1 --output=avail full | tail -1)
    head -c $((avail - $1)) /dev/zero >full/filler 2>/dev/null
    avail=$(df -B1 --output=avail full | tail -1)
    [ "$avail" -le $(($1 + 8192)) ] || fail "could not fill the disk: $avail bytes free"
}

# one_enospc_line WHAT: stderr is one line that names the cause, without the library's lines.
one_enospc_line() {
    [ "$(wc -l <"$WORK/err")" = 1 ] || fail "$1: not one line: $(cat "$WORK/err")"
    grep -q "No space left on device" "$WORK/err" || fail "$1: the cause is not named: $(cat "$WORK/err")"
    ! grep -q "\[ERROR\]\|ZIP_ERRNO\|did not draw" "$WORK/err" || fail "$1: $(cat "$WORK/err")"
}

# The workbook does not fit.
leave_free 100000
expect_exit 1 "$COLLECTKPI" report demo.db --month 2026-10 --out full/rep
one_enospc_line "workbook"
grep -q "cannot write the workbook" "$WORK/err" || fail "workbook: $(cat "$WORK/err")"
[ ! -e full/rep ] || fail "workbook: left the folder it made: $(ls -A full/rep)"

# Room for the workbook but not for the charts as well. gnuplot draws while the workbook is
# written, so either may be the one that meets the full disk first: the line is the
# workbook's or the charts', and names the full disk either way; nothing is left.
if command -v gnuplot >/dev/null; then
    leave_free $((workbook_bytes + 150000))
    expect_exit 1 "$COLLECTKPI" report demo.db --month 2026-10 --out full/rep
    one_enospc_line "charts"
    grep -q "cannot draw the charts\|cannot write the workbook" "$WORK/err" || fail "charts: $(cat "$WORK/err")"
    [ ! -e full/rep/charts ] || fail "charts: a part of the chart set was left: $(ls full/rep/charts)"
    ! ls -A full/rep | grep -q staging || fail "charts: a staging folder was left"
else
    skipped "gnuplot is not installed: the charts case"
fi

# Scorecards: the first one that does not fit stops the run with one line.
leave_free 20000
expect_exit 1 "$COLLECTKPI" scorecard demo.db --month 2026-10 --all --out full/cards
one_enospc_line "scorecard"
! ls -A full/cards 2>/dev/null | grep -q '\.tmp' || fail "scorecard: a temporary file was left"

# Standard output on a full device.
"$COLLECTKPI" kpi demo.db --month 2026-10 >/dev/full 2>"$WORK/err"
[ $? = 1 ] || fail "kpi >/dev/full did not exit 1"
one_enospc_line "kpi >/dev/full"
finish
