#!/usr/bin/env bash
# scorecard.sh - `collectkpi scorecard`: one workbook per agent that equals `collectkpi score`
# for the same options (and, month by month, its six months of history equal `score` of each
# month), prints on one portrait A4 page, has its six-month charts, lists the
# agent's complaints by case number only, is byte-identical on a re-run and in both
# languages; usage errors exit 2 and a bad employee number (a file name) exits 3.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
expect_exit 0 "$COLLECTKPI" scorecard demo.db --month 2026-10 --all
[ -d scorecards/2026-10 ] || fail "no default folder scorecards/2026-10"
"$COLLECTKPI" score demo.db --month 2026-10 --format csv >score.csv || fail "score csv"
[ "$(find scorecards/2026-10 -name '*.xlsx' | wc -l)" = "$(($(wc -l <score.csv) - 1))" ] ||
    fail "one scorecard per agent with a score row"
find scorecards -name '.*' | grep -q . && fail "temporary files left behind"
# Same inputs, same bytes.
cp scorecards/2026-10/E0001.xlsx first.xlsx
expect_exit 0 "$COLLECTKPI" scorecard demo.db --month 2026-10 --agent E0001
grep -q "wrote scorecards/2026-10/E0001.xlsx" "$WORK/out" || fail "scorecard says what it wrote"
cmp -s first.xlsx scorecards/2026-10/E0001.xlsx || fail "a re-run changed the bytes"
expect_exit 0 "$COLLECTKPI" scorecard demo.db --month 2026-10 --all --lang zh --out zh
sqlite3 demo.db 'SELECT debtor_ref FROM cases' >refs
$PY - scorecards/2026-10 zh score.csv refs <<'PY' || fail "scorecard read-back"
import csv, os, sys, zipfile, openpyxl
en_dir, zh_dir, score_csv, refs = sys.argv[1:5]
rows = {r["employee_no"]: r for r in csv.DictReader(open(score_csv, encoding="utf-8"))}
secrets = [l.strip() for l in open(refs) if l.strip()]
MEASURES = ["recovery_index", "ptp_kept_rate", "rpc_rate", "complaints_upheld_per_1k_contacts",
            "breaches_per_1k_outbound", "csat_mean"]
def close(cell, text):
    if text == "": return cell is None
    return cell is not None and abs(cell - float(text)) <= 5e-7 * max(1, abs(float(text)))
checked = 0
for emp, want in rows.items():
    for folder, lang in ((en_dir, "en"), (zh_dir, "zh")):
        path = os.path.join(folder, emp + ".xlsx")
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == ["Scorecard"], wb.sheetnames
        ws = wb["Scorecard"]
        setup = ws.page_setup
        assert setup.orientation == "portrait" and str(setup.paperSize) == "9", (emp, "A4 portrait")
        assert ws.sheet_properties.pageSetUpPr.fitToPage, (emp, "fit to page")
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight in (None, 1), (emp, "one page")
        cells = {}
        for line in ws.iter_rows():
            for c in line:
                if c.value is not None:
                    cells[(c.row, c.column)] = c.value
        title = cells[(1, 1)]
        assert emp in title and want["agent_name"] in title, title
        assert ("考核评分卡" in title) == (lang == "zh"), title
        # The period in days, both included, as a reviewer reads it.
        assert "2026-10-01 – 2026-10-31" in cells[(2, 1)], cells[(2, 1)]
        # The score row: below the header row that starts with the score's label.
        score_row = next(r for (r, col), v in cells.items() if col == 1 and isinstance(v, str)
                         and v.startswith(("Score (0-120)", "得分（0-120）")) and r < 8)
        assert close(cells.get((score_row + 1, 1)), want["score"]), (emp, "score")
        assert close(cells.get((score_row + 1, 2)), want["coverage"]), (emp, "coverage")
        rank_text = str(cells.get((score_row + 1, 3)))
        if want["rank"] == "":
            assert rank_text == "-", (emp, rank_text)
        else:
            assert rank_text.startswith((want["rank"] + " of ", "第" + want["rank"] + "名")), (emp, rank_text, want["rank"])
        # The six measures follow their header row, in scorecard.md's order.
        header = next(r for (r, col), v in cells.items() if col == 1 and v in ("Measure", "指标"))
        for i, m in enumerate(MEASURES):
            assert close(cells.get((header + 1 + i, 2)), want[m]), (emp, m)
            assert close(cells.get((header + 1 + i, 5)), want["a_" + m]), (emp, "a_" + m)
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 2, (emp, names)
            blob = b"".join(z.read(n) for n in names)
        for s in secrets:
            assert s.encode() not in blob, (emp, "a debtor reference in the workbook")
        checked += 1
assert checked == 2 * len(rows)
PY
# The agent's breaching contacts by case number, as many as compliance --by breach lists
# (at most eight, then a line with the rest).
"$COLLECTKPI" compliance demo.db --month 2026-10 --by breach --format csv >breaches.csv || fail "breach list"
$PY - scorecards/2026-10 breaches.csv <<'PY' || fail "breaches on the scorecard"
import collections, csv, os, sys, openpyxl
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert rows, "the demo month has breaches"
counts = collections.Counter(r["employee_no"] for r in rows if r["employee_no"] != "system")
def check(emp):
    ws = openpyxl.load_workbook(os.path.join(sys.argv[1], emp + ".xlsx"))["Scorecard"]
    want = [r for r in rows if r["employee_no"] == emp]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    start = values.index("Rules broken")
    cases = {r["case_no"] for r in want}
    listed = [v for v in values[start:] if isinstance(v, str) and v in cases]
    assert len(listed) == min(8, len(want)), (emp, len(listed), len(want))
    # Rules by their names, not their keys (the CSV's rules column holds the keys).
    if any("third_party_early" in r["rules"] for r in want[:8]):
        assert "Third party contacted too early" in " ".join(map(str, values[start:])), emp
    assert not any(isinstance(v, str) and "third_party_early" in v for v in values[start:]), emp
    if len(want) > 8:
        assert any(isinstance(v, str) and v.startswith(f"... and {len(want) - 8} more")
                   for v in values), emp
for emp in (counts.most_common(1)[0][0], min(counts, key=counts.get)):
    check(emp)
PY
# The six months of history (one pass of the engine over them, each month's compliance check
# following it): each card's score and recovery index of each month are those of `score` for
# that month alone, for a monthly card and one of six months (--from --to, whose last month
# is not the period, so all six come from the pass; --quarter takes the same path).
for m in 2026-04 2026-05 2026-06 2026-07 2026-08 2026-09; do
    "$COLLECTKPI" score demo.db --month $m --format csv >"score-$m.csv" || fail "score $m"
done
cp score.csv score-2026-10.csv
expect_exit 0 "$COLLECTKPI" scorecard demo.db --from 2026-04-01 --to 2026-09-30 --all --out half
$PY - scorecards/2026-10 half <<'PY' || fail "history on the scorecard"
import csv, datetime, os, sys, openpyxl
scores = {}
for month in ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"):
    for r in csv.DictReader(open(f"score-{month}.csv", encoding="utf-8")):
        scores[(month, r["employee_no"])] = r
def same(cell, text):
    if text == "": return cell is None
    return cell is not None and abs(cell - float(text)) <= 5e-7 * max(1, abs(float(text)))
def check(folder, months):
    cards = sorted(os.listdir(folder))
    assert cards, folder
    compared = 0
    for name in cards:
        emp = name[:-len(".xlsx")]
        ws = openpyxl.load_workbook(os.path.join(folder, name))["Scorecard"]
        history = [(r[0].value, r[1].value, r[2].value) for r in ws.iter_rows(max_col=3)
                   if isinstance(r[0].value, datetime.datetime) and r[0].value.day == 1
                   and r[0].value.hour == 0]
        assert [h[0].strftime("%Y-%m") for h in history] == months, (emp, history)
        for when, score, index in history:
            want = scores.get((when.strftime("%Y-%m"), emp))
            if want is None:
                assert score is None and index is None, (emp, when, score, index)
                continue
            assert same(score, want["score"]) and same(index, want["recovery_index"]), \
                (emp, when, score, index, want["score"], want["recovery_index"])
            compared += 1
    assert compared > len(cards) * 4, (folder, compared)
    print(f"# {folder}: {compared} history months compared")
check(sys.argv[1], ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"])
check(sys.argv[2], ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"])
PY
# The agent's complaints by case number (a hand-made database: E02 has one upheld complaint).
small_db s.db || fail "small database"
expect_exit 0 "$COLLECTKPI" scorecard s.db --month 2026-10 --agent E02 --out small
$PY - small/E02.xlsx <<'PY' || fail "complaints on the scorecard"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Scorecard"]
values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
assert "C1" in values, "the complaint's case number"
assert "Yes" in values, "upheld"
assert not any("secret-debtor" in str(v) for v in values)
PY
# Usage errors and bad data.
expect_exit 2 "$COLLECTKPI" scorecard demo.db --month 2026-10
expect_err_line "collectkpi scorecard: give either --agent EMPLOYEE_NO or --all (see 'collectkpi scorecard --help')"
expect_exit 2 "$COLLECTKPI" scorecard demo.db --month 2026-10 --all --agent E0001
expect_exit 2 "$COLLECTKPI" scorecard demo.db --month 2026-10 --agent NOBODY
expect_exit 2 "$COLLECTKPI" scorecard demo.db --quarter 2026Q7 --all
expect_exit 0 "$COLLECTKPI" scorecard --help
sqlite3 s.db "UPDATE agents SET employee_no = '../evil' WHERE agent_id = 1"
expect_exit 3 "$COLLECTKPI" scorecard s.db --month 2026-10 --all --out bad
grep -q "agents row 1: employee_no cannot be a file name" "$WORK/err" || fail "bad name: $(cat "$WORK/err")"
[ -e evil.xlsx ] && fail "wrote outside the folder"
[ -n "$(ls bad 2>/dev/null)" ] && fail "a bad name left files behind"
# A quarter's cards are filed under the quarter.
expect_exit 0 "$COLLECTKPI" scorecard demo.db --quarter 2026Q3 --agent E0001
[ -f scorecards/2026Q3/E0001.xlsx ] || fail "no scorecards/2026Q3/E0001.xlsx"
finish
