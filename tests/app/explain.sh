#!/usr/bin/env bash
# explain.sh - `collectkpi explain` on the demo database, October 2026: for every figure of
# every agent, every team and the total (a property test, not a sample), the rows it lists
# re-add to its parts (a count is the number of rows, a sum the sum of their amounts, a
# distinct count the distinct (agent, case) pairs), the parts give the figure by its
# arithmetic (a / b, a x 1000 / b, mean, PERCENTILE.INC, computed here in Python from the
# listed rows), and that value is the one `kpi`, `compliance` and `score` print in CSV.
# No debtor reference appears in any output. Then the usage errors and --why-not.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
M=(--month 2026-10)
for by in agent team total; do
    "$COLLECTKPI" kpi demo.db "${M[@]}" --by $by --format csv >kpi-$by.csv || fail "kpi --by $by"
    "$COLLECTKPI" compliance demo.db "${M[@]}" --by $by --format csv >cc-$by.csv ||
        fail "compliance --by $by"
    "$COLLECTKPI" score demo.db "${M[@]}" --by $by --format csv >score-$by.csv ||
        fail "score --by $by"
done
/usr/bin/python3 - <<'PY' >targets.txt || fail "targets"
import csv
for r in csv.DictReader(open("kpi-agent.csv", encoding="utf-8")):
    print("--agent\t" + r["employee_no"])
for r in csv.DictReader(open("kpi-team.csv", encoding="utf-8")):
    print("--team\t" + r["team"])
print("--total\t")
PY
mkdir explained
n=0
while IFS=$'\t' read -r flag name; do
    n=$((n + 1))
    if [ "$flag" = --total ]; then
        "$COLLECTKPI" explain demo.db "${M[@]}" --total --figure all --format json \
            >explained/$n.json || fail "explain --total"
    else
        "$COLLECTKPI" explain demo.db "${M[@]}" "$flag" "$name" --figure all --format json \
            >explained/$n.json || fail "explain $flag $name"
    fi
done <targets.txt
[ "$n" -ge 40 ] || fail "only $n targets"

/usr/bin/python3 - "$n" <<'PY' || fail "the listed rows do not re-add to the figures"
import csv, glob, json, math, sys
from decimal import Decimal

def rows_by(path, key):
    return {(r.get(key) or "total"): r for r in csv.DictReader(open(path, encoding="utf-8"))}

printed = {}
for by, key in (("agent", "employee_no"), ("team", "team"), ("total", None)):
    # compliance last: its total counts the system line, score's columns of the same name
    # (outbound_contacts ...) do not
    for prefix in ("score", "kpi", "cc"):
        for k, r in rows_by(f"{prefix}-{by}.csv", key or "-").items():
            printed.setdefault((by, k), {}).update(r)

def percentile(xs, p):
    h = (len(xs) - 1) * p
    lo = math.floor(h)
    v = xs[lo]
    if lo + 1 < len(xs) and h - lo > 0:
        v += (h - lo) * (xs[lo + 1] - xs[lo])
    return v

def part_number(part):
    rows = part["rows"]
    m = part["measure"]
    if m in ("count", "days"):
        return len(rows)
    if m == "sum":
        return sum(r["amount_minor"] for r in rows)
    if m == "sum_credited":
        return sum(r["credited_minor"] for r in rows)
    if m == "distinct_cases":
        return len({(r["employee_no"], r["case_no"]) for r in rows})
    raise AssertionError(m)

def casemix_expected(fig, where):
    # scorecard.md: each listed pair adds its t0 balance to worked_balance[b] of its agent;
    # r[b] = every agent's collected[b] / worked_balance[b] (0 when 0); expected_collected =
    # sum over the target's agents of sum over b of worked_balance[b] x r[b]
    mix = {m["bucket"]: m for m in fig["casemix"]}
    pairs = [r for p in fig["parts"] for r in p["rows"] if "bucket" in r]
    worked, collected, per_agent = {}, {}, {}
    for r in pairs:
        b = r["bucket"]
        worked[b] = worked.get(b, 0) + r["amount_minor"]
        collected[b] = collected.get(b, 0) + r["pair_collected_minor"]
        per_agent.setdefault(r["employee_no"], {})
        per_agent[r["employee_no"]][b] = per_agent[r["employee_no"]].get(b, 0) + r["amount_minor"]
    for b, m in mix.items():
        assert m["worked_balance_minor"] == worked.get(b, 0), (where, b)
        assert m["collected_minor"] == collected.get(b, 0), (where, b)
        pw, pc = m["portfolio_worked_balance_minor"], m["portfolio_collected_minor"]
        rate = 0 if pw == 0 else pc / pw
        assert abs(m["rate"] - rate) <= 1e-12 * max(1, rate), (where, b, m["rate"], rate)
        if fig["target"] == "total":
            assert (pw, pc) == (worked.get(b, 0), collected.get(b, 0)), (where, b)
    if fig["figure"] == "recovery_index":
        # the pairs' payments are the payments listed in collected
        assert sum(collected.values()) == fig["parts"][0]["number"], where
    return sum(sum(w * mix[b]["rate"] for b, w in buckets.items()) for buckets in per_agent.values())

def wilson(k, n, lo):
    # scorecard.md: z = 1.959964, p = k/n,
    # (p + z^2/2n -+ z sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n), undefined when n = 0
    if n == 0:
        return None
    z, p = 1.959964, k / n
    root = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    v = (p + z * z / (2 * n) + (-root if lo else root)) / (1 + z * z / n)
    return min(1.0, max(0.0, v))

places = {"rate": 6, "money": 2, "days": 4, "other": 6}
checked = 0
for path in sorted(glob.glob("explained/*.json")):
    for fig in json.load(open(path, encoding="utf-8")):
        key = fig["figure"]
        by = fig["target"]
        who = fig["name"] if by != "total" else "total"
        where = f"{by} {who} {key}"
        for part in fig["parts"]:
            assert part_number(part) == part["number"], (where, part["label"])
            for r in part["rows"]:
                assert r["case_no"] or "complaint" in r["rule"], (where, r)
                if "rules" not in r:
                    continue
                # a breach names the earlier contacts its rules counted (compliance.md)
                rules = r["rules"].split(",") if r["rules"] else []
                earlier = r["earlier"]
                assert all(e["time"] <= r["time"] for e in earlier), (where, r)
                failed = [e for e in earlier if e["time"][:10] == r["time"][:10]
                          and e["channel"] == "call" and e["direction"] == "outbound"
                          and e["outcome"] in ("no_answer", "busy", "invalid_number", "voicemail")]
                if "attempts_per_day" in rules:
                    assert len(failed) >= 6, (where, r["time"], earlier)
                if "burst" in rules:
                    calls = [e for e in earlier if e["channel"] == "call" and e["direction"] == "outbound"]
                    assert calls, (where, r)
                if not rules:
                    assert earlier == [], (where, r)
        parts = [p["number"] for p in fig["parts"]]
        days = sorted(r["days"] for p in fig["parts"] for r in p["rows"] if "days" in r)
        arithmetic = fig["arithmetic"]
        if key == "score":
            value = fig["kpi_value"]  # the measures are checked against score's columns below
            ms = {m["measure"]: m for m in fig["score"]["measures"]}
            row = printed.get((by, who), {})
            for m, a in ms.items():
                text = row.get("a_" + m, "")
                if a["attainment"] is None or not a["scored"]:
                    assert text == "", (where, m, text)
                else:
                    assert abs(Decimal(text) - Decimal(a["attainment"])) <= Decimal("0.000001"), (where, m, text)
        elif key in ("expected_collected", "recovery_index"):
            expected = casemix_expected(fig, where)
            if key == "expected_collected":
                value = Decimal(expected) / 100
            else:
                value = None if expected == 0 else parts[0] / expected
        elif key.endswith("_lo") or key.endswith("_hi"):
            value = wilson(parts[0], parts[1], key.endswith("_lo"))
        elif len(parts) == 1 and fig["parts"][0]["measure"] != "days":
            value = parts[0]
            if fig["parts"][0]["measure"] in ("sum", "sum_credited") and key not in ("csat_mean",):
                value = Decimal(value) / 100
        elif key == "resolution_days_mean":
            value = None if not days else sum(days) / len(days)
        elif key in ("resolution_days_median", "resolution_days_p90"):
            value = None if not days else percentile(days, 0.5 if "median" in key else 0.9)
        elif " x 1000 / " in arithmetic:
            value = None if parts[1] == 0 else parts[0] * 1000 / parts[1]
        else:
            value = None if parts[1] == 0 else parts[0] / parts[1]
        row = printed.get((by, who))
        if row is None or key not in row:
            # no row in that output (compliance lists agents with a breach-pass count): every
            # count is 0 and every rate undefined
            assert value in (0, None), (where, value)
            checked += 1
            continue
        text = row.get(key, "")
        if value is None:
            assert text == "", (where, text)
        else:
            assert text != "", (where, value)
            digits = len(text.split(".")[1]) if "." in text else 0
            assert abs(Decimal(text) - Decimal(value)) <= Decimal(10) ** -digits / 2 + Decimal("1e-9"), (where, value, text)
        checked += 1
n = int(sys.argv[1])
assert checked >= n * 46, checked
print(f"{checked} figures re-added", file=sys.stderr)
PY

# No debtor reference anywhere (case numbers only).
sqlite3 demo.db "SELECT debtor_ref FROM cases" >refs.txt 2>/dev/null ||
    /usr/bin/python3 -c "
import sqlite3; print('\n'.join(r[0] for r in sqlite3.connect('demo.db').execute('SELECT debtor_ref FROM cases')))" >refs.txt
if grep -F -q -f refs.txt explained/*.json; then fail "a debtor_ref in explain's output"; fi

# One figure, every format: the table ends with the arithmetic and kpi's value.
AGENT=$(sed -n 's/^--agent\t//p' targets.txt | head -1)
expect_exit 0 "$COLLECTKPI" explain demo.db "${M[@]}" --agent "$AGENT" --figure recovery_rate
grep -q '^recovery_rate = collected / worked_balance = [0-9.]* / [0-9.]* = 0\.[0-9]\{6\}$' out ||
    fail "table arithmetic: $(tail -3 out)"
grep -q '^kpi prints ' out || fail "table: no kpi value"
expect_exit 0 "$COLLECTKPI" explain demo.db "${M[@]}" --agent "$AGENT" --figure collected --format csv
head -1 out | grep -q '^figure,part,case_no,employee_no,time,amount,rule' || fail "csv header"
tail -1 out | grep -q '^collected,result,,,,[0-9]*\.[0-9][0-9],' || fail "csv result line"
grep -q 'while '"$AGENT"' held the case from ' out || fail "csv: no holder rule"

# Usage errors: exit 2, one line.
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --figure collected
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --total --agent "$AGENT" --figure collected
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --total
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --total --figure nonsense
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --agent NOBODY --figure collected
expect_err_line "collectkpi explain: no agent with employee_no 'NOBODY' in the database (see 'collectkpi explain --help')"
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --agent "$AGENT" --figure unassigned_collected
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --agent "$AGENT" --figure collected --why-not NOCASE
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --agent "$AGENT" --figure all --why-not C00000001
expect_exit 0 "$COLLECTKPI" explain --help
finish
