#!/usr/bin/env bash
# kill_report.sh - a report killed with kill -9 at 10 points of its run: while it writes
# the workbook and the dashboard in its staging folder, as it makes that folder, as it
# starts moving the new files in, between two of those moves, and before the last (the
# snapshot, made in the staging folder like the rest). Before the moves the
# previous report (made in Chinese, so that its bytes differ) is intact, file for file; at
# any point every file is whole (the previous one or the new one, never part of one); the
# killed run's staging folder stays, and the next run removes it and writes the report
# (once the killed run's gnuplot, which draws on in that folder, has ended).
#
# As in kill_import.sh, strace places each kill at the Nth call of a system call of the
# report process, with error=EIO keeping that call from taking effect. strace follows the
# report alone: the gnuplot it started, drawing beside the report's workbook, is not killed
# and finishes its charts in the killed run's staging folder.
. "$(dirname "$0")/../app/lib.sh"
. "$(dirname "$0")/lib.sh"
if ! command -v strace >/dev/null || ! strace -o /dev/null true 2>/dev/null; then
    echo "SKIP: strace is missing or may not trace here (ptrace refused)"
    exit 77
fi
# LeakSanitizer (in an ASan build) cannot stop the world of a traced process at its exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
charts=""
command -v gnuplot >/dev/null || { charts=--no-charts; skipped "gnuplot is missing: no charts"; }

demo_db case.db || fail "demo"
report_args=(report case.db --month 2026-10 --out out $charts)
"$COLLECTKPI" "${report_args[@]}" --out new >/dev/null 2>&1 || fail "the reference report"
# shellcheck disable=SC2086
"$COLLECTKPI" report case.db --month 2026-10 --out out --lang zh $charts >/dev/null 2>&1 ||
    fail "the previous report"

# contents DIR: each file under DIR but staging folders, with its hash.
contents() {
    (cd "$1" && find . -type f -not -path './.collectkpi-staging-*' -print0 | LC_ALL=C sort -z |
        xargs -0 sha256sum)
}
previous=$(contents out)
[ "$previous" != "$(contents new)" ] || fail "the previous and the new report are the same"

cp -a out ref
strace -o trace -e trace=write,mkdir,rename "$COLLECTKPI" "${report_args[@]}" >/dev/null 2>&1 ||
    fail "the traced report"
count() { grep -c "^$1(" trace; }
writes=$(count write)
renames=$(count rename)
[ "$writes" -ge 20 ] && [ "$renames" -ge 3 ] && [ "$(count mkdir)" -ge 2 ] ||
    fail "unexpected trace: $writes writes, $renames renames"
grep '^mkdir(' trace | sed -n 2p | grep -q 'collectkpi-staging' || fail "the 2nd mkdir is not the staging folder"
# The moves into place are the renames from or to a name right in out/: with charts the old
# charts parked in the staging folder and the new ones moved in, then the workbook, then
# the dashboard (index.html is linked into the staging folder, not renamed).
moves=$(grep '^rename(' trace | grep -nE '^rename\("out/[^/"]+",|, "out/[^/"]+"\)' | cut -d: -f1)
first_move=$(echo "$moves" | head -n 1)
workbook_move=$(grep '^rename(' trace | grep -n '"out/collectkpi-2026-10.xlsx")' | cut -d: -f1)
[ -n "$first_move" ] && [ -n "$workbook_move" ] && [ "$workbook_move" -gt "$first_move" ] ||
    fail "no moves into out/ in the trace: $(grep '^rename(' trace | grep -v /charts/)"
# The snapshot is made in the staging folder with the rest and moved in last.
snapshot_move=$(grep '^rename(' trace | grep -n '"out/collectkpi-2026-10.json")' | cut -d: -f1)
[ -n "$snapshot_move" ] && [ "$snapshot_move" = "$(echo "$moves" | tail -n 1)" ] ||
    fail "the snapshot is not the last move into out/"
grep '^rename(' trace | grep '"out/collectkpi-2026-10.json")' | grep -q 'out/.collectkpi-staging-' ||
    fail "the snapshot is not moved in from the staging folder"
rm -rf out && cp -a ref out

# staging_state: each staging folder left in out/, with its marker and the state of the
# process that marker names (what a sweep judged), for the failure messages below.
staging_state() {
    local dir pid
    for dir in out/.collectkpi-staging-*; do
        [ -d "$dir" ] || continue
        pid=$(sed -n 's/^collectkpi staging folder of process \([0-9]*\)$/\1/p' "$dir/.collectkpi-staging" 2>/dev/null)
        printf '%s: marker "%s", ' "${dir#out/}" "$(head -c 80 "$dir/.collectkpi-staging" 2>/dev/null)"
        if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
            printf 'process %s: %s; ' "$pid" "$(cut -c1-60 "/proc/$pid/stat")"
        else
            printf 'process %s gone; ' "${pid:-?}"
        fi
    done
}

# next_run WHAT: the next run removes the staging folders of dead runs and writes the report.
next_run() {
    "$COLLECTKPI" "${report_args[@]}" >/dev/null 2>&1 || fail "$1: the next report failed"
    [ -z "$(find out -maxdepth 1 -name '.collectkpi-staging-*')" ] ||
        fail "$1: the next run left the staging folders: $(ls -A out); $(staging_state)"
    [ "$(contents out)" = "$(contents new)" ] || fail "$1: the next run's report differs"
    rm -rf out && cp -a ref out
}

# working_in_out: true while a process has its working folder under out/ (the gnuplot of a
# killed report draws on in its staging folder; the next run keeps that folder while it
# does, so each check waits for it to end first).
working_in_out() {
    local out_dir link
    out_dir=$(realpath out)
    for link in /proc/[0-9]*/cwd; do
        case "$(readlink "$link" 2>/dev/null)" in "$out_dir"/*) return 0 ;; esac
    done
    return 1
}

# kill_at POINT: runs the report under strace, killed at POINT (CALL:N); false if it was not.
kill_at() {
    local call=${1%%:*} nth=${1##*:} status waited=0
    strace -o /dev/null -e trace="$call" -e inject="$call":error=EIO:signal=KILL:when="$nth" \
        "$COLLECTKPI" "${report_args[@]}" >/dev/null 2>&1
    status=$?
    [ "$status" = 137 ] || { fail "$1: the report was not killed (exit $status)"; return 1; }
    while working_in_out && [ "$waited" -lt 600 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
}

# Before the moves: the previous report stays as it was. Each run, killed ones too, first
# removes the staging folders of dead runs: after each kill only that run's own is left
# (none when it was killed making it).
for point in "write:$((writes * 1 / 8))" "write:$((writes * 2 / 8))" "write:$((writes * 3 / 8))" \
    "write:$((writes * 4 / 8))" "write:$((writes * 5 / 8))" "write:$((writes * 6 / 8))" \
    "write:$((writes * 7 / 8))" mkdir:2 "rename:$first_move"; do
    kill_at "$point" || continue
    [ "$(contents out)" = "$previous" ] || fail "$point: the previous report changed"
    stale=1
    [ "$point" = mkdir:2 ] && stale=0
    [ "$(find out -maxdepth 1 -name '.collectkpi-staging-*' | wc -l)" = "$stale" ] ||
        fail "$point: not $stale staging folder left: $(ls -A out); $(staging_state)"
done
next_run "after the kills before the moves"

# Between two moves (the workbook's, after the charts'): each file is the previous one or
# the new one.
point="rename:$workbook_move"
if kill_at "$point"; then
    while read -r hash name; do
        grep -qxF "$hash  $name" <(echo "$previous"; contents new) ||
            fail "$point: $name is neither the previous nor the new file"
    done < <(contents out)
    next_run "$point"
fi

# Before the snapshot's move: the workbook and dashboard may be new, the snapshot is still
# the previous one (it records the report sent out until the new one is wholly in place).
point="rename:$snapshot_move"
if kill_at "$point"; then
    while read -r hash name; do
        grep -qxF "$hash  $name" <(echo "$previous"; contents new) ||
            fail "$point: $name is neither the previous nor the new file"
    done < <(contents out)
    grep -qxF "$(cd out && sha256sum ./collectkpi-2026-10.json)" <(echo "$previous") ||
        fail "$point: the snapshot is not the previous one"
    next_run "$point"
fi
finish
