#!/usr/bin/env bash
# full_disk.sh - a full disk under the report folder, under the database's folder and under
# the rejects file: one error line that says so, exit 1, and nothing lost: the previous
# report intact and no staging folder left, the database's bytes unchanged and no journal
# or rejects file left.
#
# The full disks are small tmpfs mounts: as root, or else inside a user and mount namespace
# (unshare -rm). Where neither is allowed the test is skipped (exit 77) with the reason.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/mounts.sh"
. "$HERE/../app/lib.sh"
. "$HERE/lib.sh"
# one_line_full WHAT [ANY]: the last command's one error line (after the problems an import
# lists) says that the disk is full; with ANY, only that there is one error line.
one_line_full() {
    local errors
    errors=$(grep -c '^collectkpi' "$WORK/err")
    [ "$errors" = 1 ] && [ "$(tail -n 1 "$WORK/err" | cut -c1-11)" = collectkpi: ] ||
        fail "$1: not one error line at the end: $(cat "$WORK/err")"
    [ -n "${2:-}" ] || grep -Eq "No space left on device|disk is full" "$WORK/err" ||
        fail "$1: the error does not name the full disk: $(cat "$WORK/err")"
}
contents() { (cd "$1" && find . -print0 | LC_ALL=C sort -z | xargs -0 ls -ld --time-style=+ | awk '{print $1, $5, $7}'; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }

demo_db case.db || fail "demo"

# The report: the previous one fits, a second one beside it (in the staging folder) does not.
# A run needs room for its files (about 400 KiB) and, while the workbook is packed, for
# libxlsxwriter's temporary parts, which are made in the staging folder (about 1.4 MiB: the
# list sheets' rows are streamed there): one run fits from about 1.8 MiB, a second one beside
# the first from about 2.1 MiB.
small_disk repdir 1920k
expect_exit 0 "$COLLECTKPI" report case.db --month 2026-10 --no-charts --lang zh --out repdir
before=$(contents repdir)
for charts in --no-charts ""; do
    # shellcheck disable=SC2086
    expect_exit 1 "$COLLECTKPI" report case.db --month 2026-10 $charts --out repdir
    # (what gnuplot says of a full disk is not ours to word: one line, exit 1)
    if [ -n "$charts" ]; then one_line_full "report $charts"; else one_line_full "report" any; fi
    [ "$(contents repdir)" = "$before" ] || fail "report $charts: the previous report changed: $(ls -A repdir)"
done

# The import: the database's folder has room for the database and little more.
sqlite3 -csv -header case.db "SELECT * FROM contacts WHERE contact_at >= '2026-10-01'" >contacts.csv
sqlite3 case.db "DELETE FROM contacts WHERE contact_at >= '2026-10-01'; VACUUM" || fail "delete"
size_kb=$(( $(stat -c %s case.db) / 1024 + 256 ))
small_disk dbdir "${size_kb}k"
cp case.db dbdir/case.db
before=$(sha256sum <dbdir/case.db)
expect_exit 1 "$COLLECTKPI" import dbdir/case.db contacts.csv
one_line_full "import into a full folder"
[ "$(sha256sum <dbdir/case.db)" = "$before" ] || fail "import: the database changed"
[ "$(ls -A dbdir)" = case.db ] || fail "import: left behind: $(ls -A dbdir)"
expect_exit 0 "$COLLECTKPI" kpi dbdir/case.db --month 2026-09

# The rejects: every contact made bad (an unknown channel), the rejects go to a full disk;
# the import writes them before its commit, so it fails and commits nothing.
small_disk rejects 8k
sed '2,$ s/,call,/,pigeon,/; 2,$ s/,sms,/,pigeon,/; 2,$ s/,email,/,pigeon,/; 2,$ s/,visit,/,pigeon,/' \
    contacts.csv >bad.csv
before=$(sha256sum <case.db)
expect_exit 1 "$COLLECTKPI" import case.db bad.csv --table contacts --skip-invalid --rejects rejects/bad.csv
one_line_full "rejects on a full disk"
[ "$(sha256sum <case.db)" = "$before" ] || fail "rejects: the database changed"
[ -z "$(ls -A rejects)" ] || fail "rejects: left behind: $(ls -A rejects)"
finish
