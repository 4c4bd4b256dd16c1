#!/usr/bin/env bash
# atomicity.sh - a report that cannot be written exits 1 and leaves nothing behind; bad
# names stop it before any file is written (exit 3); an existing report is only ever
# replaced by a complete one. Works as root too (no chmod tricks).
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
listing() { find . -path ./s.db -prune -o -path ./out -prune -o -path ./err -prune -o -print | sort; }
# temporaries FOLDER: the hidden temporary files a writer left in FOLDER.
temporaries() { find "$1" -maxdepth 2 -name '.*' ! -name . | sort; }

# The output folder cannot be created: its parent is a regular file.
echo "a file" >blocker
before=$(listing)
expect_exit 1 "$COLLECTKPI" report s.db --month 2026-10 --out blocker/report --no-charts
grep -q "blocker" "$WORK/err" || fail "the error does not name the folder: $(cat "$WORK/err")"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "more than one error line: $(cat "$WORK/err")"
[ "$(listing)" = "$before" ] || fail "a failed report left files behind"

# The final name is taken by a folder: the rename fails, the temporary file is removed.
mkdir -p taken/collectkpi-2026-10.xlsx
expect_exit 1 "$COLLECTKPI" report s.db --month 2026-10 --out taken --no-charts
[ "$(ls -A taken)" = "collectkpi-2026-10.xlsx" ] || fail "files left in taken/: $(ls -A taken)"
[ -d taken/collectkpi-2026-10.xlsx ] || fail "the folder in the way was replaced"

# A good report, then a run that fails on bad data: the old report stays as it was.
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out good --no-charts
cp good/collectkpi-2026-10.xlsx saved.xlsx
cp s.db bad.db
# (a name that is not UTF-8 is shown with U+FFFD, so the bad data is a name stored as a BLOB)
sqlite3 bad.db "UPDATE agents SET name = CAST('AB' AS BLOB) WHERE agent_id = 3"
expect_exit 3 "$COLLECTKPI" report bad.db --month 2026-10 --out good --no-charts
grep -q "agents row 3" "$WORK/err" || fail "the bad name's row is not named: $(cat "$WORK/err")"
cmp -s saved.xlsx good/collectkpi-2026-10.xlsx || fail "the existing report was changed"
[ -z "$(temporaries good)" ] || fail "temporary files left: $(temporaries good)"
expect_exit 3 "$COLLECTKPI" report bad.db --month 2026-10 --out fresh --no-charts
[ ! -e fresh ] || fail "bad data created the output folder"

# A successful run over an existing report leaves no temporary file.
expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out good --no-charts
[ -z "$(temporaries good)" ] || fail "temporary files left: $(temporaries good)"
# A complete report, then a run whose charts fail (gnuplot not on PATH) with other
# settings: exit 1, the new workbook and a chart-less dashboard are delivered, and the
# earlier run's charts are gone, so the folder never mixes two runs' figures.
if command -v gnuplot >/dev/null 2>&1; then
    expect_exit 0 "$COLLECTKPI" report s.db --month 2026-10 --out mixed
    [ -f mixed/charts/trends.svg ] || fail "the first run drew no charts"
    expect_exit 1 env PATH=/nonexistent "$COLLECTKPI" report s.db --month 2026-10 --out mixed --grace-days 5
    grep -q "gnuplot" "$WORK/err" || fail "the failure does not name gnuplot: $(cat "$WORK/err")"
    [ -f mixed/collectkpi-2026-10.xlsx ] && [ -f mixed/index.html ] || fail "workbook or dashboard missing"
    [ ! -e mixed/charts ] || fail "an earlier run's charts were left beside the new figures"
    grep -q -- "--no-charts" mixed/index.html || fail "the dashboard does not say why it has no charts"
    [ -z "$(ls -A mixed | grep staging)" ] || fail "a staging folder was left: $(ls -A mixed)"
else
    skipped "gnuplot is not installed: the failed-charts run was not tried"
fi
finish
