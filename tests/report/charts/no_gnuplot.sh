#!/usr/bin/env bash
# no_gnuplot.sh - `collectkpi report` without gnuplot on PATH.
#
# PATH holds only a folder of links to ordinary tools, none of them gnuplot: the report exits
# 1 with one line naming gnuplot and how to install it, after writing the workbook; with
# --no-charts it succeeds and the dashboard says the charts were left out.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
mkdir bin
for tool in sh bash cat ls env sqlite3; do
    path=$(command -v "$tool") && ln -s "$path" "bin/$tool"
done
[ -e bin/gnuplot ] && fail "the test's PATH must not have gnuplot"

expect_exit 1 env PATH="$WORK/bin" "$COLLECTKPI" report s.db --month 2026-10 --out rep
[ "$(wc -l <err)" = 1 ] || fail "expected one error line, got: $(cat err)"
grep -q '^collectkpi: .*gnuplot is not installed.*apt-get install gnuplot-nox' err ||
    fail "the message does not say which program is missing and how to install it: $(cat err)"
[ -f rep/collectkpi-2026-10.xlsx ] || fail "the workbook was not written"
[ -z "$(ls -A rep/charts 2>/dev/null)" ] || fail "charts were left behind: $(ls -A rep/charts)"

expect_exit 0 env PATH="$WORK/bin" "$COLLECTKPI" report s.db --month 2026-10 --out nc --no-charts
[ -f nc/collectkpi-2026-10.xlsx ] || fail "--no-charts: no workbook"
[ -e nc/charts ] && fail "--no-charts: a charts folder was made"
if [ -x "$PY" ]; then check_dashboard nc/index.html no; else skipped "$PY is not installed"; fi
grep -q -- '--no-charts' nc/index.html || fail "--no-charts: the page does not say why there are no charts"
finish
