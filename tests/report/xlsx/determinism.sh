#!/usr/bin/env bash
# determinism.sh - the same inputs and options give the same bytes: two runs, a run in
# another time zone, and a run over an existing report are identical; the workbook's
# creation time is the as-of time, not the wall clock.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
R() { "$COLLECTKPI" report s.db --month 2026-10 --no-charts "$@"; }

for lang in en zh; do
    expect_exit 0 R --lang "$lang" --out "a-$lang"
    sleep 1
    expect_exit 0 env TZ=Asia/Shanghai "$COLLECTKPI" report s.db --month 2026-10 --no-charts \
        --lang "$lang" --out "b-$lang"
    cmp "a-$lang/collectkpi-2026-10.xlsx" "b-$lang/collectkpi-2026-10.xlsx" >&2 ||
        fail "two $lang runs differ"
    expect_exit 0 R --lang "$lang" --out "a-$lang"
    cmp "a-$lang/collectkpi-2026-10.xlsx" "b-$lang/collectkpi-2026-10.xlsx" >&2 ||
        fail "a $lang run over an existing report differs"
done
cmp -s a-en/collectkpi-2026-10.xlsx a-zh/collectkpi-2026-10.xlsx &&
    fail "the en and zh workbooks are identical"

# Created = as-of: the data cut-off (the latest contact, 2026-10-31 18:00:00) by default.
$PY - a-en/collectkpi-2026-10.xlsx <<'PY' || fail "creation time of the workbook"
import sys, zipfile
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-10-31T18:00:00Z" in core, core
PY
expect_exit 0 R --out c --as-of '2026-11-05 08:30:00'
$PY - c/collectkpi-2026-10.xlsx <<'PY' || fail "creation time with --as-of"
import sys, zipfile
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
assert "2026-11-05T08:30:00Z" in core, core
PY
finish
