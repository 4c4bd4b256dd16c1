#!/usr/bin/env bash
# scores_sheet.sh - the workbook's Scores sheet read back with openpyxl equals `collectkpi
# score`: one row per agent, sorted by rank with the unranked last, the same figures, each
# measure's cell filled by its RAG colour against the target, not-scored measures grey with
# the reason in the sample cell; in English and Chinese, with changed settings too.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
printf '[score]\namber_at = 0.95\n[score.ptp_kept_rate]\nmin_sample = 40\n' >hr.ini
for run in "en" "zh" "en --config hr.ini"; do
    # shellcheck disable=SC2086
    set -- $run
    lang=$1
    shift
    out="out-$lang-$#"
    expect_exit 0 "$COLLECTKPI" report demo.db --month 2026-10 --lang "$lang" --out "$out" --no-charts "$@"
    expect_exit 0 "$COLLECTKPI" score demo.db --month 2026-10 --format csv "$@"
    cp "$WORK/out" "$out/score.csv"
    expect_exit 0 "$COLLECTKPI" score demo.db --month 2026-10 --by team --format csv "$@"
    cp "$WORK/out" "$out/team.csv"
    amber=0.9
    [ $# -gt 0 ] && amber=0.95
    $PY - "$out/collectkpi-2026-10.xlsx" "$out/score.csv" "$lang" "$amber" "$out/team.csv" <<'PY' || fail "Scores sheet ($run)"
import csv, sys, openpyxl
book, score_csv, lang, amber = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
wb = openpyxl.load_workbook(book)
assert wb.sheetnames.index("Scores") == wb.sheetnames.index("Teams") + 1, wb.sheetnames
ws = wb["Scores"]
keys = [c.value for c in ws[6]]
rows = {r["employee_no"]: r for r in csv.DictReader(open(score_csv, encoding="utf-8"))}
team_rows = {r["team"]: r for r in csv.DictReader(open(sys.argv[5], encoding="utf-8"))}
MEASURES = ["recovery_index", "ptp_kept_rate", "rpc_rate", "complaints_upheld_per_1k_contacts",
            "breaches_per_1k_outbound", "csat_mean"]
# The review list first (it prints one page across), then team rank and employee number, then
# each measure's target, attainment and sample.
assert keys[:13] == ["rank", "agent_name", "score", "coverage", "team", "rank_note", "cap_reason",
                     "recovery_index", "ptp_kept_rate", "rpc_rate",
                     "complaints_upheld_per_1k_contacts", "breaches_per_1k_outbound",
                     "csat_mean"], keys
assert keys[13:15] == ["team_rank", "employee_no"], keys
# English labels break before their bracket in these narrow columns (the viewer cut
# "Score (0-" over "120)"); Chinese ones are left whole to the viewer's wrap.
labels = [c.value for c in ws[5]]
if lang == "en":
    assert labels[2] == "Score\n(0-120)" and labels[7] == "Recovery index\n(case-mix)", labels
else:
    assert labels[2] == "得分（0-120）" and not [t for t in labels if t and "\n" in t], labels
assert keys[15:18] == ["target_recovery_index", "a_recovery_index", "n_recovery_index"], keys
# Printing: landscape at a legible fixed scale, the header rows and rank + agent on every
# page, a break before the detail and before its second half.
assert ws.page_setup.orientation == "landscape" and ws.page_setup.scale >= 70, ws.page_setup
assert ws.print_title_rows == "$4:$6" and ws.print_title_cols == "$A:$B", (ws.print_title_rows, ws.print_title_cols)
assert [b.id for b in ws.col_breaks.brk] == [13, 24], [b.id for b in ws.col_breaks.brk]
assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
for m in MEASURES:
    assert m in keys and "a_" + m in keys and "target_" + m in keys and "n_" + m in keys, m
FILL = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE", "grey": "EDEDED"}
def num(text): return None if text == "" else float(text)
def close(cell, text):
    want = num(text)
    if want is None: return cell is None
    return cell is not None and abs(cell - want) <= 5e-7 * max(1, abs(want))
seen, last_rank, unranked_started = [], 0, False
col = {k: i for i, k in enumerate(keys)}
for line in ws.iter_rows(min_row=7):
    v = [c.value for c in line]
    emp = v[col["employee_no"]]
    want = rows[emp]
    seen.append(emp)
    for k in ("rank", "team_rank", "score", "coverage"):
        assert close(v[col[k]], want[k]), (emp, k, v[col[k]], want[k])
    assert v[col["team"]] == want["team"] and v[col["agent_name"]] == want["agent_name"], emp
    # Sorted by rank; unranked last, each with its reason.
    if want["rank"] == "":
        unranked_started = True
        assert v[col["rank_note"]], (emp, "an unranked agent says why")
    else:
        assert not unranked_started, (emp, "a ranked agent after an unranked one")
        assert int(want["rank"]) >= last_rank, emp
        last_rank = int(want["rank"])
        assert v[col["rank_note"]] in (None, ""), emp
    assert bool(v[col["cap_reason"]]) == (want["capped"] == "1"), emp
    for m in MEASURES:
        assert close(v[col[m]], want[m]), (emp, m)
        assert close(v[col["a_" + m]], want["a_" + m]), (emp, "a_" + m)
        a = num(want["a_" + m])
        rag = "grey" if a is None else "green" if round(a, 6) >= 1 else "amber" if round(a, 6) >= amber else "red"
        fill = line[col[m]].fill.fgColor.rgb[-6:]
        assert fill == FILL[rag], (emp, m, fill, rag)
        sample = v[col["n_" + m]]
        if a is None:
            assert isinstance(sample, str) and sample, (emp, m, sample)
            assert line[col["n_" + m]].fill.fgColor.rgb[-6:] == FILL["grey"], (emp, m)
        else:
            assert isinstance(sample, (int, float)), (emp, m, sample)
assert sorted(seen) == sorted(rows), "every agent once"
# Agents and Teams: RAG fills against the targets, the review columns after kpi.md's.
for sheet, id_key, wanted in (("Agents", "employee_no", rows), ("Teams", "team", team_rows)):
    ws2 = wb[sheet]
    keys2 = [c.value for c in ws2[2]]
    assert keys2[-2:] == ["complaints_under_review", "recovery_index"], (sheet, keys2[-3:])
    c2 = {k: i for i, k in enumerate(keys2)}
    for line in ws2.iter_rows(min_row=3):
        if line[c2[id_key]].value not in wanted:
            continue  # the Teams total row
        want = wanted[line[c2[id_key]].value]
        assert str(line[c2["complaints_under_review"]].value) == want["complaints_under_review"], want[id_key]
        for m in ("ptp_kept_rate", "rpc_rate", "csat_mean", "recovery_index"):
            a = num(want["a_" + m])
            rag = "grey" if a is None else "green" if round(a, 6) >= 1 else "amber" if round(a, 6) >= amber else "red"
            fill = line[c2[m]].fill.fgColor.rgb[-6:]
            assert fill == FILL[rag], (sheet, want[id_key], m, fill, rag)
        subst = line[c2["complaints_substantiated"]]
        assert (subst.fill.fgColor.rgb[-6:] == FILL["red"]) == (subst.value > 0), want[id_key]
        assert line[c2["complaints"]].fill.fill_type is None, "only upheld complaints are coloured"
defs = {c.value for c in wb["Definitions"]["A"]}
for key in ("complaints_under_review", "recovery_index", "expected_collected", "score", "rank",
            "rank_note", "cap_reason", "a_MEASURE", "n_MEASURE"):
    assert key in defs, ("Definitions lacks", key)
texts = " ".join(str(ws.cell(row=r, column=1).value) for r in (1, 2, 3))
assert ("考核评分" in texts) == (lang == "zh"), texts
assert f"{amber * 100:g}%" in texts, ("the legend prints amber_at", texts)
assert ("Critical complaint categories" in texts or "严重投诉类别" in texts), ("the categories", texts)
PY
done
finish
