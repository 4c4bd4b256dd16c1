#!/usr/bin/env bash
# sums.sh - on the demo database, every team row equals the sum over its agents and the
# total the sum over all agents (counts and money), and every rate is the ratio of the
# summed parts: the figures hang together however they are cut.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
for by in agent team total; do
    "$COLLECTKPI" kpi demo.db --month 2026-10 --by $by --format csv >$by.csv || fail "kpi --by $by"
done
# The people's table fits 160 columns with a thousand-separated total line at the end.
"$COLLECTKPI" kpi demo.db --month 2026-10 >table.txt || fail "kpi table"
"$COLLECTKPI" kpi demo.db --month 2026-10 --by team >teams.txt || fail "kpi table by team"
/usr/bin/python3 - <<'PY' || fail "table width"
import unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for name in ("table.txt", "teams.txt"):
    lines = open(name, encoding="utf-8").read().splitlines()
    widest = max(w(l) for l in lines[1:])
    assert widest <= 160, (name, widest)
last = open("teams.txt", encoding="utf-8").read().splitlines()[-1].split()
assert last[0] == "Total" and "," in last[1], last  # thousands of cases worked: "11,080"
PY
/usr/bin/python3 - <<'PY' || fail "sums"
import csv
from decimal import Decimal
agents = list(csv.DictReader(open("agent.csv", encoding="utf-8")))
teams = list(csv.DictReader(open("team.csv", encoding="utf-8")))
total = list(csv.DictReader(open("total.csv", encoding="utf-8")))[0]
assert len(agents) >= 40, len(agents)
assert [a["employee_no"] for a in agents] == sorted(a["employee_no"] for a in agents)
assert [t["team"] for t in teams] == sorted([t["team"] for t in teams], key=lambda s: s.encode())
summed = ["cases_worked", "worked_balance", "collected", "paying_cases", "contacts",
          "call_attempts", "rpc", "ptp_made", "ptp_made_amount", "ptp_due", "ptp_pending",
          "ptp_kept", "ptp_broken", "cases_resolved", "complaints",
          "complaints_substantiated", "surveys"]
def add(rows, key):
    return sum(Decimal(r[key]) for r in rows)
def ratio(n, d):
    return None if d == 0 else n / d
def close(text, value, places):
    if value is None:
        return text == ""
    return text != "" and abs(Decimal(text) - Decimal(value).quantize(Decimal(10) ** -places)) <= Decimal(10) ** -places
groups = [(t, [a for a in agents if a["team"] == t["team"]]) for t in teams] + [(total, agents)]
for row, members in groups:
    assert members, row
    for key in summed:
        assert Decimal(row[key]) == add(members, key), (row.get("team", "total"), key)
    s = {k: Decimal(row[k]) for k in summed}
    checks = {
        "recovery_rate": ratio(s["collected"], s["worked_balance"]),
        "paying_case_rate": ratio(s["paying_cases"], s["cases_worked"]),
        "rpc_rate": ratio(s["rpc"], s["call_attempts"]),
        "ptp_rate": ratio(s["ptp_made"], s["rpc"]),
        "ptp_kept_rate": ratio(s["ptp_kept"], s["ptp_kept"] + s["ptp_broken"]),
        "complaints_per_1k_contacts": ratio(s["complaints"] * 1000, s["contacts"]),
    }
    for key, value in checks.items():
        assert close(row[key], value, 6), (row.get("team", "total"), key, row[key], value)
assert Decimal(total["unassigned_collected"]) > 0, "the demo data should have unassigned payments"
print("checked", len(teams), "teams and the total over", len(agents), "agents")
PY
finish
