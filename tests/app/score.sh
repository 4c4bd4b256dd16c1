#!/usr/bin/env bash
# score.sh - the score command on the demo database: team and total rows equal scorecard.md's
# formulas applied to sums of agent rows (recomputed here from the agent CSVs of `kpi` and
# `score`; the total's compliance counts add compliance.md's system line), the columns are exactly scorecard.md's in order, and usage errors exit 2 with
# one line naming the key and line.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
for period in "--month 2026-10" "--quarter 2026Q3"; do
    # shellcheck disable=SC2086
    "$COLLECTKPI" kpi demo.db $period --format csv >kpi.csv || fail "kpi $period"
    # shellcheck disable=SC2086
    "$COLLECTKPI" compliance demo.db $period --format csv >comp.csv || fail "compliance $period"
    for by in agent team total; do
        # shellcheck disable=SC2086
        "$COLLECTKPI" score demo.db $period --by $by --format csv >$by.csv || fail "score $period --by $by"
    done
    /usr/bin/python3 - <<'PY' || fail "score sums $period"
import csv, math
from decimal import Decimal
kpi = {r["employee_no"]: r for r in csv.DictReader(open("kpi.csv", encoding="utf-8"))}
agents = list(csv.DictReader(open("agent.csv", encoding="utf-8")))
teams = list(csv.DictReader(open("team.csv", encoding="utf-8")))
total = list(csv.DictReader(open("total.csv", encoding="utf-8")))[0]
system = [r for r in csv.DictReader(open("comp.csv", encoding="utf-8")) if r["employee_no"] == "system"]
assert len(system) == 1 and int(system[0]["outbound_contacts"]) > 0, "the demo has automated messages"
assert [a["employee_no"] for a in agents] == list(kpi), "agents are the kpi rows, in order"
Z = 1.959964
# name: (target, weight, min_sample, lower is better)
MEASURES = {"recovery_index": (1.0, 25, 30, False), "ptp_kept_rate": (0.6, 10, 20, False),
            "rpc_rate": (0.2, 5, 100, False),
            "complaints_upheld_per_1k_contacts": (0.5, 20, 500, True),
            "breaches_per_1k_outbound": (1.0, 30, 200, True), "csat_mean": (4.0, 10, 5, False)}
def num(t): return None if t == "" else float(t)
def ratio(n, d): return None if d == 0 else n / d
def wilson(k, n):
    if n == 0: return None, None
    p = k / n
    c = p + Z * Z / (2 * n); m = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)); s = 1 + Z * Z / n
    return max(0.0, (c - m) / s) if k else 0.0, min(1.0, (c + m) / s) if k < n else 1.0
def same(text, value, what, tol=1.5e-6):
    if value is None:
        assert text == "", (what, text)
    else:
        assert text != "" and abs(float(text) - value) <= tol * max(1.0, abs(value)), (what, text, value)
def recompute(members, extra=()):
    # extra: compliance rows added to the members' compliance counts (the total's system line)
    k = lambda key: sum(int(kpi[a["employee_no"]][key]) for a in members)
    s = lambda key: sum(int(a[key]) for a in members) + sum(int(e[key]) for e in extra if key in e)
    collected = sum(Decimal(a["collected"]) for a in members)
    expected = sum(Decimal(a["expected_collected"]) for a in members)
    v = {"collected": float(collected), "expected_collected": float(expected),
         "recovery_index": ratio(float(collected), float(expected)),
         "ptp_kept_rate": ratio(k("ptp_kept"), k("ptp_kept") + k("ptp_broken")),
         "rpc_rate": ratio(k("rpc"), k("call_attempts")),
         "paying_case_rate": ratio(k("paying_cases"), k("cases_worked")),
         "complaints_substantiated": s("complaints_substantiated"),
         "complaints_under_review": s("complaints_under_review"),
         "complaints_upheld_per_1k_contacts": ratio(s("complaints_substantiated") * 1000, k("contacts")),
         "outbound_contacts": s("outbound_contacts"), "breaching_contacts": s("breaching_contacts"),
         "critical_breaches": s("critical_breaches"),
         "breaches_per_1k_outbound": ratio(s("breaching_contacts") * 1000, s("outbound_contacts")),
         "surveys": k("surveys")}
    scores = [float(kpi[a["employee_no"]]["csat_mean"]) * int(kpi[a["employee_no"]]["surveys"])
              for a in members if kpi[a["employee_no"]]["csat_mean"] != ""]
    v["csat_mean"] = ratio(sum(scores), v["surveys"])
    for name, (k1, n1) in {"ptp_kept_rate": ("ptp_kept", None), "rpc_rate": ("rpc", "call_attempts"),
                           "paying_case_rate": ("paying_cases", "cases_worked")}.items():
        if name == "ptp_kept_rate":
            lo, hi = wilson(k("ptp_kept"), k("ptp_kept") + k("ptp_broken"))
        else:
            lo, hi = wilson(k(k1), k(n1))
        v[name + "_lo"], v[name + "_hi"] = lo, hi
    samples = {"recovery_index": k("cases_worked"), "ptp_kept_rate": k("ptp_kept") + k("ptp_broken"),
               "rpc_rate": k("call_attempts"), "complaints_upheld_per_1k_contacts": k("contacts"),
               "breaches_per_1k_outbound": v["outbound_contacts"], "csat_mean": v["surveys"]}
    scored_w = weighted = 0.0
    for name, (target, weight, minimum, lower) in MEASURES.items():
        value = v[name]
        if value is None or samples[name] < minimum or weight == 0:
            v["a_" + name] = None
            continue
        a = (1.2 if value == 0 else target / value) if lower else value / target
        a = min(1.2, max(0.0, a))
        v["a_" + name] = a
        scored_w += weight; weighted += weight * a
    v["coverage"] = scored_w / 100
    v["score"] = None if scored_w == 0 else 100 * weighted / scored_w
    return v
def check(row, members, what, extra=()):
    for key, value in recompute(members, extra).items():
        same(row[key], value, (what, key))
    assert row["capped"] == "0" and row["cap_reason"] == "" and row["team_rank"] == "", what
for t in teams:
    check(t, [a for a in agents if a["team"] == t["team"]], t["team"])
check(total, agents, "total", [{k: system[0][k] for k in ("outbound_contacts", "breaching_contacts", "critical_breaches")}])
assert total["rank"] == "" and total["rank_note"] == ""
# The total's index is 1 up to rounding: every bucket with money also had a balance.
assert abs(float(total["recovery_index"]) - 1) < 1e-6, total["recovery_index"]
# Team ranks: 1 + teams with a higher score (six decimals), among ranked teams.
ranked = [t for t in teams if t["rank_note"] == ""]
for t in teams:
    if t["rank_note"]:
        assert t["rank"] == "" and t["rank_note"] == "low_coverage", t
        continue
    higher = sum(1 for u in ranked if round(float(u["score"]), 6) > round(float(t["score"]), 6))
    assert int(t["rank"]) == 1 + higher, (t["team"], t["rank"], higher)
# Agent ranks and team ranks by the same rule; unranked agents carry a note and no rank.
ranked = [a for a in agents if a["rank_note"] == ""]
assert ranked, "some agents are ranked"
for a in agents:
    if a["rank_note"]:
        assert a["rank"] == "" and a["team_rank"] == "", a["employee_no"]
        continue
    mine = round(float(a["score"]), 6)
    assert int(a["rank"]) == 1 + sum(1 for b in ranked if round(float(b["score"]), 6) > mine)
    assert int(a["team_rank"]) == 1 + sum(1 for b in ranked if b["team"] == a["team"] and round(float(b["score"]), 6) > mine)
    assert a["capped"] == "0" or float(a["score"]) <= 60
PY
done

# The compliance figures are compliance.md's, agent by agent and for the total: teams are sums
# of agent rows, and the total is compliance.md's total, which adds the system line of
# automated messages (scorecard.md builds every figure from compliance.md's).
"$COLLECTKPI" compliance demo.db --month 2026-10 --format csv >compliance.csv || fail "compliance"
"$COLLECTKPI" compliance demo.db --month 2026-10 --by total --format csv >compliance-total.csv || fail "compliance total"
"$COLLECTKPI" score demo.db --month 2026-10 --format csv >agent.csv || fail "score csv"
"$COLLECTKPI" score demo.db --month 2026-10 --by total --format csv >total.csv || fail "score total"
/usr/bin/python3 - <<'PY' || fail "compliance columns"
import csv
comp = {r["employee_no"]: r for r in csv.DictReader(open("compliance.csv", encoding="utf-8"))}
comp_total = list(csv.DictReader(open("compliance-total.csv", encoding="utf-8")))[0]
agents = list(csv.DictReader(open("agent.csv", encoding="utf-8")))
total = list(csv.DictReader(open("total.csv", encoding="utf-8")))[0]
keys = ["outbound_contacts", "breaching_contacts", "critical_breaches", "breaches_per_1k_outbound"]
assert sum(int(a["outbound_contacts"]) for a in agents) > 0, "the compliance pass ran"
for a in agents:
    c = comp.get(a["employee_no"])
    for k in keys:
        assert (c[k] if c else ("0" if k != "breaches_per_1k_outbound" else "")) == a[k], (a["employee_no"], k)
    # A critical breach caps the score and names the cause.
    if int(a["critical_breaches"]) > 0:
        assert a["capped"] == "1" and a["cap_reason"] == "breach", a["employee_no"]
        assert a["score"] == "" or float(a["score"]) <= 60.0, a["employee_no"]
system = comp["system"]
assert int(system["outbound_contacts"]) > 0, "the demo data has automated messages"
for k in keys[:3]:
    assert int(total[k]) == sum(int(a[k]) for a in agents) + int(system[k]), k
for k in keys:
    assert total[k] == comp_total[k], (k, total[k], comp_total[k])
PY

# Exactly scorecard.md's columns, in order.
"$COLLECTKPI" score demo.db --month 2026-10 --format csv >agent.csv || fail "score csv"
want="period_start,period_end,team,employee_no,agent_name,hired_on,left_on,collected,expected_collected,recovery_index,ptp_kept_rate,ptp_kept_rate_lo,ptp_kept_rate_hi,rpc_rate,rpc_rate_lo,rpc_rate_hi,paying_case_rate,paying_case_rate_lo,paying_case_rate_hi,complaints_substantiated,complaints_under_review,complaints_upheld_per_1k_contacts,outbound_contacts,breaching_contacts,critical_breaches,breaches_per_1k_outbound,surveys,csat_mean,a_recovery_index,a_ptp_kept_rate,a_rpc_rate,a_complaints_upheld_per_1k_contacts,a_breaches_per_1k_outbound,a_csat_mean,coverage,score,capped,cap_reason,rank,team_rank,rank_note"
[ "$(head -1 agent.csv | tr -d '\r')" = "$want" ] || fail "agent columns: $(head -1 agent.csv)"
"$COLLECTKPI" score demo.db --month 2026-10 --by team --format csv | head -1 | tr -d '\r' |
    grep -q '^period_start,period_end,team,collected,' || fail "team columns"
"$COLLECTKPI" score demo.db --month 2026-10 --by total --format csv | head -1 | tr -d '\r' |
    grep -q '^period_start,period_end,collected,' || fail "total columns"
# JSON: the same keys and values (undefined and empty text as null).
"$COLLECTKPI" score demo.db --month 2026-10 --format json >agent.json || fail "score json"
/usr/bin/python3 - <<'PY' || fail "json equals csv"
import csv, json
rows = list(csv.DictReader(open("agent.csv", encoding="utf-8")))
objs = json.load(open("agent.json", encoding="utf-8"))
assert len(rows) == len(objs)
for r, o in zip(rows, objs):
    assert list(r) == list(o), "same keys in the same order"
    for k, text in r.items():
        v = o[k]
        if text == "":
            assert v is None, (k, v)
        elif isinstance(v, str):
            assert v == text, (k, v, text)
        else:
            assert abs(float(text) - v) <= 5e-7 * max(1, abs(v)), (k, text, v)
PY
# Same inputs, same bytes.
"$COLLECTKPI" score demo.db --month 2026-10 --format csv | cmp -s - agent.csv || fail "not deterministic"
# The table: score and rank first, within 160 columns, every agent.
"$COLLECTKPI" score demo.db --month 2026-10 >table.txt || fail "score table"
awk 'length($0) > 160 { bad = 1 } END { exit bad }' table.txt || fail "the table is wider than 160 columns"
/usr/bin/python3 - <<'PY' || fail "table width in display columns"
import unicodedata
for line in open("table.txt", encoding="utf-8"):
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n"))
    assert width <= 160, (width, line)
PY
grep -q '^Rank  Team rk  Score  ' table.txt || fail "table header: $(sed -n 6p table.txt)"
# The settings above it name the critical complaint categories (the defaults, by code).
grep -qx 'Critical complaint categories: abusive_language, threat, third_party_disclosure, privacy, misrepresentation' table.txt ||
    fail "the table does not print the critical complaint categories"
[ "$(grep -c ' E0[0-9]* ' table.txt)" = "$(($(wc -l <agent.csv) - 1))" ] || fail "one table line per agent"
# --columns picks and orders, in any format; all = every column.
"$COLLECTKPI" score demo.db --month 2026-10 --format csv --columns employee_no,score,rank >cols.csv || fail "--columns"
[ "$(head -1 cols.csv | tr -d '\r')" = "employee_no,score,rank" ] || fail "--columns header"
"$COLLECTKPI" score demo.db --month 2026-10 --columns all --by total >/dev/null || fail "--columns all"
expect_exit 2 "$COLLECTKPI" score demo.db --month 2026-10 --columns score,bogus
expect_err_line "collectkpi score: --columns: 'bogus' is not a score column; --columns all prints every one (see 'collectkpi score --help')"
expect_exit 2 "$COLLECTKPI" score demo.db --month 2026-10 --by team --columns employee_no
expect_exit 2 "$COLLECTKPI" score demo.db --month 2026-10 --by person
expect_exit 2 "$COLLECTKPI" score demo.db --quarter 2026Q0
expect_exit 0 "$COLLECTKPI" score --help
grep -q "usage: collectkpi score DB" "$WORK/out" || fail "score --help"

# Settings: a changed weight changes the score; bad values exit 2 naming key and line.
printf '[score.recovery_index]\nweight = 0\n' >w.ini
"$COLLECTKPI" score demo.db --month 2026-10 --format csv --config w.ini >w.csv || fail "score --config"
/usr/bin/python3 - <<'PY' || fail "weight 0 drops recovery"
import csv
for r in csv.DictReader(open("w.csv", encoding="utf-8")):
    assert r["a_recovery_index"] == "", r["employee_no"]
PY
printf '[score.ptp_kept_rate]\ntarget = 0.5\nweight = -2\n' >neg.ini
expect_exit 2 "$COLLECTKPI" score demo.db --month 2026-10 --config neg.ini
expect_err_line "collectkpi score: config file 'neg.ini': line 3: [score.ptp_kept_rate] weight '-2' is not a number from 0 to 1000000 (0 drops the measure) (see 'collectkpi score --help')"
printf '[score.complaints_upheld_per_1k_contacts]\ntarget = 0\n' >zero.ini
expect_exit 2 "$COLLECTKPI" score demo.db --month 2026-10 --config zero.ini
expect_err_line "collectkpi score: config file 'zero.ini': line 2: [score.complaints_upheld_per_1k_contacts] target '0' is not a number above 0 (lower is better: the target divides by the value) (see 'collectkpi score --help')"
printf '\n[score.speed]\nweight = 5\n' >unknown.ini
expect_exit 2 "$COLLECTKPI" score demo.db --month 2026-10 --config unknown.ini
grep -q "config file 'unknown.ini': line 3: unknown measure 'speed' in section \[score.speed\]" "$WORK/err" ||
    fail "unknown measure: $(cat "$WORK/err")"
# kpi reads the same file and rejects it the same way.
expect_exit 2 "$COLLECTKPI" kpi demo.db --month 2026-10 --config neg.ini
finish
