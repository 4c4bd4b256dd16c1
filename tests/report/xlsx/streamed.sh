#!/usr/bin/env bash
# streamed.sh - the list sheets (Promises, Complaints, Compliance), whose rows grow with the
# period, are streamed: written row by row to a temporary file, their texts in the cells
# (inlineStr), none in the shared strings; the sheets the charts read stay in memory (shared
# strings, chart caches). Also: no temporary file of the library is left in the folder, and
# a year's report on the demo database (lists of twelve months) is read back whole.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo d.db --end-month 2026-10 >/dev/null || fail "could not build the demo database"

expect_exit 0 "$COLLECTKPI" report d.db --month 2026-10 --no-charts --out m
expect_exit 0 "$COLLECTKPI" report d.db --year 2026 --no-charts --lang zh --out y
[ -z "$(ls -A m | grep -v -E '^(collectkpi-2026-10\.(xlsx|json)|index\.html)$')" ] ||
    fail "the month's folder holds more than its files: $(ls -A m)"
$PY - m/collectkpi-2026-10.xlsx y/collectkpi-2026.xlsx <<'PY' || fail "streamed sheets"
import re, sys, zipfile
import openpyxl

STREAMED = {"Promises", "Complaints", "Compliance"}
bad = []
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet name="([^"]+)"', book)
        for i, name in enumerate(names, 1):
            xml = z.read(f"xl/worksheets/sheet{i}.xml").decode()
            shared = len(re.findall(r'<c [^>]*t="s"', xml))
            inline = len(re.findall(r'<c [^>]*t="inlineStr"', xml))
            if name in STREAMED and (shared or not inline):
                bad.append(f"{path} {name}: {shared} shared and {inline} inline strings")
            if name not in STREAMED and inline:
                bad.append(f"{path} {name}: {inline} inline strings in a sheet kept in memory")
    # openpyxl reads the inline strings back: the list's first case number is text.
    ws = openpyxl.load_workbook(path, read_only=True)["Promises"]
    cases = [row[3] for row in ws.iter_rows(values_only=True) if row and isinstance(row[3], str)
             and row[3].startswith("C0")]
    if not cases:
        bad.append(f"{path}: no case number read back from Promises")
for line in bad:
    print(line, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
finish
