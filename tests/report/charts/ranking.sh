#!/usr/bin/env bash
# ranking.sh - the dashboard's review ranking equals `collectkpi score --format csv`: the top
# table holds the ten best ranked agents in rank order (ties by employee number), the bottom
# table the last ten of that order the top did not show, the unranked table every agent
# without a rank, by reason (new, left, low coverage) then employee number, with the reason
# written out; each measure cell carries the RAG class its attainment gives against the
# target (grey when not scored), and the Agents and Teams tables colour PTP kept, RPC rate and
# satisfaction by the same RAG, never by the other rows. English and Chinese, and with
# settings that leave more agents unranked (low coverage).
. "$(dirname "$0")/lib.sh"
[ -x "$PY" ] || { echo "SKIP: $PY is not installed"; exit 77; }
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
# 0.95 coverage: an agent whose satisfaction survey sample is too small (90%) is unranked.
printf '[score]\nmin_coverage = 0.95\namber_at = 0.95\n' >strict.ini
for run in "en" "zh" "en --config strict.ini"; do
    # shellcheck disable=SC2086
    set -- $run
    lang=$1
    shift
    out="out-$lang-$#"
    expect_exit 0 "$COLLECTKPI" report demo.db --month 2026-10 --lang "$lang" --out "$out" --no-charts "$@"
    check_dashboard "$out/index.html" no
    expect_exit 0 "$COLLECTKPI" score demo.db --month 2026-10 --format csv "$@"
    cp "$WORK/out" "$out/score.csv"
    expect_exit 0 "$COLLECTKPI" score demo.db --month 2026-10 --by team --format csv "$@"
    cp "$WORK/out" "$out/team.csv"
    amber=0.9
    [ $# -gt 0 ] && amber=0.95
    $PY - "$out/index.html" "$out/score.csv" "$out/team.csv" "$lang" "$amber" "$#" <<'PY' || fail "ranking ($run)"
import csv, sys
from html.parser import HTMLParser

page, score_csv, team_csv, lang, amber, strict = sys.argv[1:7]
amber, strict = float(amber), strict != "0"
MEASURES = ["recovery_index", "ptp_kept_rate", "rpc_rate", "complaints_upheld_per_1k_contacts",
            "breaches_per_1k_outbound", "csat_mean"]
NOTE_ORDER = {"new": 0, "left": 1, "low_coverage": 2}
NOTE_TEXT = {"en": {"new": "New in period", "left": "Left in period",
                    "low_coverage": "Too few measures scored"},
             "zh": {"new": "期内入职", "left": "期内离职", "low_coverage": "可评分指标不足"}}[lang]

class Tables(HTMLParser):
    """Every <table>: its data-part (ranking) or section, and its body rows as lists of
    (attributes, text) cells."""
    def __init__(self):
        super().__init__()
        self.tables, self.section, self.cell, self.in_body = [], None, None, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.section = a.get("id")
        elif tag == "table":
            self.tables.append({"part": a.get("data-part"), "section": self.section, "rows": []})
        elif tag in ("tbody", "tfoot"):
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.in_body:
            self.cell = [a, ""]
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(tuple(self.cell))
            self.cell = None
        elif tag in ("tbody", "tfoot"):
            self.in_body = False
    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data

text = open(page, encoding="utf-8").read()
assert {"en": "Critical complaint categories: ", "zh": "严重投诉类别："}[lang] in text, "categories"
assert f"{amber * 100:g}%" in text, "the legend prints amber_at"
parser = Tables()
parser.feed(open(page, encoding="utf-8").read())
parts = {t["part"]: t["rows"] for t in parser.tables if t["part"]}
rows = list(csv.DictReader(open(score_csv, encoding="utf-8")))
assert len(rows) >= 25, len(rows)

def rag(a):
    if a == "":
        return "grey"
    micros = round(float(a) * 1e6)
    return "green" if micros >= 1_000_000 else "amber" if micros >= round(amber * 1e6) else "red"

def field(cells, name):
    found = [c for c in cells if c[0].get("data-field") == name]
    assert len(found) == 1, (name, cells)
    return found[0]

ranked = sorted((r for r in rows if r["rank"] != ""),
                key=lambda r: (int(r["rank"]), r["employee_no"]))
unranked = sorted((r for r in rows if r["rank"] == ""),
                  key=lambda r: (NOTE_ORDER[r["rank_note"]], r["employee_no"]))
top = ranked[:10]
bottom = ranked[10:][-10:]
assert len(ranked) > 20 and unranked, (len(ranked), len(unranked))
if strict:
    assert any(r["rank_note"] == "low_coverage" for r in unranked), "no low-coverage agent"
assert ("bottom" in parts) == bool(bottom) and ("unranked" in parts) == bool(unranked), parts.keys()
for part, want in (("top", top), ("bottom", bottom), ("unranked", unranked)):
    got = parts[part]
    assert [field(c, "employee_no")[1] for c in got] == [r["employee_no"] for r in want], \
        (part, [field(c, "employee_no")[1] for c in got], [r["employee_no"] for r in want])
    for cells, r in zip(got, want):
        assert cells[0][1] == r["agent_name"], (cells[0], r["agent_name"])
        if part == "unranked":
            note = field(cells, "rank_note")
            assert note[0]["data-note"] == r["rank_note"], (note, r["rank_note"])
            assert note[1] == NOTE_TEXT[r["rank_note"]], (note, r["rank_note"])
        else:
            assert field(cells, "rank")[1] == r["rank"], (field(cells, "rank"), r["rank"])
        team_rank = field(cells, "team_rank")[1]
        assert team_rank == (r["team_rank"] or "–"), (team_rank, r["team_rank"])
        score = field(cells, "score")[1]
        want_score = "–" if r["score"] == "" else f"{float(r['score']):.1f}"
        assert score == want_score, (score, r["score"])
        assert (field(cells, "cap_reason")[1] != "") == (r["capped"] == "1"), (cells, r["capped"])
        for m in MEASURES:
            cell = field(cells, m)
            assert f"rag-{rag(r['a_' + m])}" in cell[0]["class"].split(), (m, cell, r["a_" + m])
            # A measure not scored but with a value is shown in brackets.
            bracketed = cell[1].startswith("(")
            assert bracketed == (r["a_" + m] == "" and r[m] != ""), (m, cell, r[m])

# The Agents and Teams tables: RAG by target where there is one, nothing elsewhere.
COLUMNS = ["cases_worked", "collected", "recovery_rate", "complaints", "complaints_substantiated",
           "complaints_per_1k_contacts", "csat_mean", "contacts", "rpc_rate", "ptp_kept_rate",
           "cases_resolved", "resolution_days_median"]
COLOURED = {"csat_mean": "csat_mean", "rpc_rate": "rpc_rate", "ptp_kept_rate": "ptp_kept_rate"}
def check_table(table_rows, by_name, name_of):
    assert len(table_rows) == len(by_name), (len(table_rows), len(by_name))
    for cells in table_rows:
        r = by_name[name_of(cells)]
        for i, key in enumerate(COLUMNS):
            classes = [c for c in cells[1 + i][0]["class"].split() if c.startswith("rag-")]
            if key in COLOURED:
                assert classes == ["rag-" + rag(r["a_" + COLOURED[key]])], (key, cells[1 + i], r)
            elif key == "complaints_substantiated":
                want = ["rag-red"] if int(r[key]) > 0 else []
                assert classes == want, (key, cells[1 + i], r[key])
            else:
                assert classes == [], (key, cells[1 + i])
sections = {t["section"]: t["rows"] for t in parser.tables if not t["part"]}
by_employee = {r["employee_no"]: r for r in rows}
check_table(sections["agents"], by_employee, lambda cells: cells[-1][1])
teams = {r["team"]: r for r in csv.DictReader(open(team_csv, encoding="utf-8"))}
check_table(sections["teams"][:-1], teams, lambda cells: cells[0][1])
PY
done
finish
