#!/usr/bin/env bash
# rowlimit.sh - a list longer than a sheet holds. Excel's sheets end at row 1,048,576 and
# libxlsxwriter refuses a row below, so a long period's Promises or Compliance list (a
# thousand agents over three years) would make the whole report fail. The list stops one row
# above the end instead, and the sheet's last row says how many rows were left out (with the
# counts above the list still whole). Where a list just fits: test_list_fit.c.
. "$(dirname "$0")/lib.sh"
N=1048600
left_out=$("$ROWLIMIT_DRIVER" long en "$N" "$N") || fail "the driver failed on lists of $N rows"
# The two lists' first and last rows and the sheets' last row (the sheets are some 100 MB
# of XML: only their ends are parsed).
$PY - long/collectkpi-2026-10.xlsx "$N" "$left_out" <<'PY' || fail "lists of $N rows"
import re, sys, zipfile
path, total, said = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# what xlsx_write said it left out (the report command's warning): the notes' counts
told = dict((what, int(n)) for n, what in re.findall(r"(\d+) (promises|complaints|breaches)", said))
LAST = 1048576  # a sheet's last row
errors = []
with zipfile.ZipFile(path) as z:
    names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
    if told.get("complaints") != 0:
        errors.append(f"complaints said left out: {said!r}")
    for sheet, prefix, what in (("Promises", "P", "promises"), ("Compliance", "B", "breaches")):
        xml = z.read(f"xl/worksheets/sheet{names.index(sheet) + 1}.xml").decode()
        case = re.compile(r'<row r="(\d+)"[^>]*>(?:(?!</row>).)*?<t>' + prefix + r'(\d{9})</t>')
        first = case.search(xml)
        tail = xml[xml.rfind("<row ", 0, xml.rfind("<row ")):]  # the last two rows
        rows = re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', tail)
        if first is None or len(rows) != 2:
            errors.append(f"{sheet}: no list rows found")
            continue
        (above, above_xml), (last, last_xml) = rows
        above_case = re.search(r"<t>" + prefix + r"(\d{9})</t>", above_xml)
        note = " ".join(re.findall(r"<t[^>]*>([^<]*)</t>", last_xml))
        left_out = re.search(r"(\d+) more rows of this list are not shown", note)
        shown = int(above) - int(first.group(1)) + 1
        checks = [
            (first.group(2) == "000000000", f"the list starts with {prefix}{first.group(2)}"),
            (int(last) == LAST, f"the sheet ends on row {last}, not {LAST}"),
            (left_out is not None, f"no note on the last row: {note!r}"),
            (above_case is not None and int(above_case.group(1)) == shown - 1,
             f"row {above} is not the list's {shown}th"),
            (left_out is not None and shown + int(left_out.group(1)) == total,
             f"{shown} rows shown + {left_out and left_out.group(1)} left out != {total}"),
            (left_out is not None and told.get(what) == int(left_out.group(1)),
             f"xlsx_write said {said!r}, the sheet {left_out and left_out.group(1)}"),
        ]
        errors += [f"{sheet}: {why}" for ok, why in checks if not ok]
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
finish
