#!/usr/bin/env bash
# config_paths.sh - an empty database name is a usage error (init printed "created " and
# exited 0, demo worked for seconds and failed); --config reads only a regular file of at
# most 1 MiB (a folder was accepted, /dev/zero hung); a line longer than inih's buffer is an
# error naming the line and the limit, never a silently cut value.
. "$(dirname "$0")/../app/lib.sh"

expect_exit 2 "$COLLECTKPI" init ''
expect_err_line "collectkpi init: the database file name is empty (see 'collectkpi init --help')"
expect_exit 2 timeout 5 "$COLLECTKPI" demo ''
expect_err_line "collectkpi demo: the database file name is empty (see 'collectkpi demo --help')"

small_db s.db || fail "small_db"
K() { timeout 10 "$COLLECTKPI" kpi s.db --month 2026-10 "$@"; }
mkdir folder
expect_exit 2 K --config folder
grep -q "config file 'folder': it is a folder, not a regular file" "$WORK/err" || fail "folder: $(cat "$WORK/err")"
expect_exit 2 K --config /dev/zero
grep -q "a device or other special file" "$WORK/err" || fail "/dev/zero: $(cat "$WORK/err")"
mkfifo fifo
expect_exit 2 K --config fifo
grep -q "a device or other special file" "$WORK/err" || fail "fifo: $(cat "$WORK/err")"
head -c 1048577 /dev/zero | tr '\0' '#' >big.ini
expect_exit 2 K --config big.ini
grep -q "1048577 bytes long; a configuration file may have at most 1048576" "$WORK/err" || fail "big: $(cat "$WORK/err")"

# a comment of 250 bytes on line 3: named with the limit (inih said "not an INI line")
{ echo "[kpi]"; echo "grace_days = 3"; printf '#%.0s' $(seq 250); echo; } >long_comment.ini
expect_exit 2 K --config long_comment.ini
expect_err_line "collectkpi kpi: config file 'long_comment.ini': line 3: 250 bytes long; a line may have at most 198 (split a long list over several files or shorten the comment) (see 'collectkpi kpi --help')"
# a long resolved_close_reasons was cut to 'paid_' and read without a word
{ echo "[kpi]"; printf 'resolved_close_reasons = %s\n' "$(printf 'paid_in_full, %.0s' $(seq 14))settled"; } >long_list.ini
expect_exit 2 K --config long_list.ini
grep -q "line 2: .* bytes long; a line may have at most 198" "$WORK/err" || fail "long list: $(cat "$WORK/err")"
# exactly 198 bytes is read (and its value used: grace 7 shows in the header)
{ echo "[kpi]"; line="grace_days = 7 "; while [ ${#line} -lt 197 ]; do line="$line "; done; echo "${line};"; } >edge.ini
[ "$(sed -n 2p edge.ini | wc -c)" = 199 ] || fail "edge.ini line 2 is not 198 bytes + newline"
expect_exit 0 K --config edge.ini
grep -q "grace 7 days" "$WORK/out" || fail "198-byte line not read: $(head -1 "$WORK/out")"
finish
