#!/usr/bin/env bash
# spill.sh - a long period's lists (promises to follow up, breaching contacts) move to an
# unnamed temporary file in TMPDIR once they pass their memory budget (src/base/spill.c).
# COLLECTKPI_TEST_LIST_BUDGET=BYTES makes the demo database's lists take that way:
#   - the report's folder, `compliance --by breach` and every agent's scorecard are the same
#     bytes as with the lists in memory, and TMPDIR is left empty;
#   - a full TMPDIR (a small tmpfs) and a TMPDIR that does not exist are one error line,
#     exit 1, the previous report intact and no staging folder left.
# Mounts as full_disk.sh does (mounts.sh): as root, or in a user and mount namespace.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/mounts.sh"
. "$HERE/../app/lib.sh"
. "$HERE/lib.sh"

demo_db case.db || fail "demo"
PERIOD=(--from 2025-11-01 --to 2026-10-31)

# In memory (the default budget: the demo's lists are a few MiB at most) ...
expect_exit 0 "$COLLECTKPI" report case.db "${PERIOD[@]}" --no-charts --out in-memory
expect_exit 0 "$COLLECTKPI" compliance case.db "${PERIOD[@]}" --by breach --format csv
cp "$WORK/out" breaches-in-memory.csv
[ "$(wc -l <breaches-in-memory.csv)" -gt 1000 ] || fail "the demo's breach list is short: $(wc -l <breaches-in-memory.csv)"
promises=$(/usr/bin/python3 - in-memory <<'PYEOF'
import glob, sys, openpyxl
book = openpyxl.load_workbook(glob.glob(sys.argv[1] + "/*.xlsx")[0], read_only=True)
print(book["Promises"].max_row)
PYEOF
)
[ "${promises:-0}" -gt 1000 ] || fail "the demo's promise list is short: $promises rows"

# ... and in temporary files from the 16th entry or so on: the same bytes.
mkdir tmp
export COLLECTKPI_TEST_LIST_BUDGET=2048
TMPDIR=$WORK/tmp expect_exit 0 "$COLLECTKPI" report case.db "${PERIOD[@]}" --no-charts --out on-file
diff -r in-memory on-file >diff.out || fail "the report differs with its lists on file: $(head -5 diff.out)"
TMPDIR=$WORK/tmp expect_exit 0 "$COLLECTKPI" compliance case.db "${PERIOD[@]}" --by breach --format csv
cmp -s "$WORK/out" breaches-in-memory.csv || fail "compliance --by breach differs with its list on file"
# The scorecards of every agent read their breaches through an index of the list (one read
# of it for all the cards): the same bytes with the list on file.
unset COLLECTKPI_TEST_LIST_BUDGET
expect_exit 0 "$COLLECTKPI" scorecard case.db "${PERIOD[@]}" --all --out cards-in-memory
export COLLECTKPI_TEST_LIST_BUDGET=2048
TMPDIR=$WORK/tmp expect_exit 0 "$COLLECTKPI" scorecard case.db "${PERIOD[@]}" --all --out cards-on-file
diff -r cards-in-memory cards-on-file >diff.out || fail "the scorecards differ with the breach list on file: $(head -5 diff.out)"
[ "$(ls cards-on-file | wc -l)" -gt 10 ] || fail "few scorecards: $(ls cards-on-file | wc -l)"
[ -z "$(ls -A tmp)" ] || fail "left in TMPDIR: $(ls -A tmp)"

# A full TMPDIR: 64 KiB hold a few hundred promises, the demo's year lists thousands.
small_disk small 64k
before=$(listing on-file)
TMPDIR=$WORK/small expect_exit 1 "$COLLECTKPI" report case.db "${PERIOD[@]}" --no-charts --out on-file
[ "$(grep -c '^collectkpi' "$WORK/err")" = 1 ] || fail "full TMPDIR: not one error line: $(cat "$WORK/err")"
grep -Eq "No space left on device|disk is full" "$WORK/err" || fail "full TMPDIR: the error does not say the disk is full: $(cat "$WORK/err")"
grep -q "$WORK/small" "$WORK/err" || fail "full TMPDIR: the error does not name the folder: $(cat "$WORK/err")"
[ "$(listing on-file)" = "$before" ] || fail "full TMPDIR: the previous report changed"
[ -z "$(ls -A small)" ] || fail "full TMPDIR: left behind: $(ls -A small)"
[ -z "$(find . -maxdepth 1 -name '.*tmp*' -print)" ] || fail "full TMPDIR: a staging folder is left: $(ls -A)"

# A TMPDIR that is not there.
TMPDIR=$WORK/nowhere expect_exit 1 "$COLLECTKPI" compliance case.db "${PERIOD[@]}" --by breach --format csv
[ "$(grep -c '^collectkpi' "$WORK/err")" = 1 ] || fail "missing TMPDIR: not one error line: $(cat "$WORK/err")"
grep -q "$WORK/nowhere" "$WORK/err" || fail "missing TMPDIR: the error does not name the folder: $(cat "$WORK/err")"
TMPDIR=$WORK/nowhere expect_exit 1 "$COLLECTKPI" scorecard case.db "${PERIOD[@]}" --all --out cards-nowhere
[ "$(grep -c '^collectkpi' "$WORK/err")" = 1 ] || fail "missing TMPDIR (scorecard): not one error line: $(cat "$WORK/err")"
grep -q "$WORK/nowhere" "$WORK/err" || fail "missing TMPDIR (scorecard): the error does not name the folder: $(cat "$WORK/err")"
[ ! -e cards-nowhere ] || [ -z "$(ls -A cards-nowhere)" ] || fail "missing TMPDIR (scorecard): cards written: $(ls cards-nowhere | head -3)"
finish
