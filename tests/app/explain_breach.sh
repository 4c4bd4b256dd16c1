#!/usr/bin/env bash
# explain_breach.sh - every breaching contact of the demo database's October 2026, under both
# profiles, names exactly the earlier contacts its rules counted (compliance.md): for each
# rule it breaks, the contacts `explain` lists as counted by that rule are the set worked out
# here in Python straight from the contacts table, and that set reaches the rule's limit:
#   attempts_per_day    the case's failed outbound calls earlier that day (>= 6)
#   connected_per_day   the debtor's outbound connected calls earlier that day, any of its
#                       cases (>= 3; a fixture adds a debtor whose calls span two cases)
#   burst               the case's previous outbound call (< 300 s before)
#   third_party_early   the debtor contact that sets s (when it does) and the failed calls
#                       after s, none invalid_number and fewer than 3 on each earlier day
#   seven_in_seven      the case's outbound calls from day - 6 (>= 7)
#   after_conversation  the case's latest connected call, from day - 6 on
#   quiet_hours         no earlier contact; the sentence gives the local time and the hours
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }

# A debtor with two cases gets four outbound connected calls on 2026-10-20, two on each case:
# the fourth (case B, 11:00) breaks connected_per_day because of the three before it, two of
# them on case A.
read -r CASE_A CASE_B < <(sqlite3 -separator ' ' demo.db "
    SELECT MIN(case_id), MAX(case_id) FROM cases GROUP BY debtor_ref HAVING COUNT(*) = 2
    ORDER BY MIN(case_id) LIMIT 1")
AGENT_ID=$(sqlite3 demo.db "SELECT MIN(agent_id) FROM agents")
[ -n "$CASE_A" ] && [ -n "$CASE_B" ] && [ -n "$AGENT_ID" ] || { fail "no two-case debtor"; finish; }
sqlite3 demo.db "
INSERT INTO contacts (case_id, agent_id, contact_at, channel, direction, party, outcome)
VALUES ($CASE_A, $AGENT_ID, '2026-10-20 10:00:00', 'call', 'outbound', 'debtor', 'contacted'),
       ($CASE_A, $AGENT_ID, '2026-10-20 10:20:00', 'call', 'outbound', 'debtor', 'refusal'),
       ($CASE_B, $AGENT_ID, '2026-10-20 10:40:00', 'call', 'outbound', 'debtor', 'promise'),
       ($CASE_B, $AGENT_ID, '2026-10-20 11:00:00', 'call', 'outbound', 'debtor', 'dispute');" ||
    fail "fixture"
FIXTURE=$(sqlite3 demo.db "SELECT MAX(contact_id) FROM contacts")

for profile in cn us; do
    expect_exit 0 "$COLLECTKPI" explain demo.db --month 2026-10 --total --profile $profile \
        --figure breaching_contacts --format json
    cp out breaches-$profile.json
done

/usr/bin/python3 - "$FIXTURE" <<'PY' || fail "the listed earlier contacts are not what the rules counted"
import datetime, json, sqlite3, sys
from collections import defaultdict

fixture = int(sys.argv[1])
db = sqlite3.connect("demo.db")
FAILED = {"no_answer", "busy", "invalid_number", "voicemail"}
CONVERSATION = {"contacted", "promise", "refusal", "dispute", "callback_requested"}
contacts = {}
by_case = defaultdict(list)
for cid, case_id, at, channel, direction, party, outcome in db.execute(
        "SELECT contact_id, case_id, contact_at, channel, direction, party, outcome FROM contacts"):
    c = dict(id=cid, case=case_id, at=at, day=at[:10], channel=channel, direction=direction,
             party=party, outcome=outcome)
    contacts[cid] = c
    by_case[case_id].append(c)
for cs in by_case.values():
    cs.sort(key=lambda c: (c["at"], c["id"]))
placed, debtor_of = {}, {}
for case_id, placed_at, ref in db.execute("SELECT case_id, placed_at, debtor_ref FROM cases"):
    placed[case_id], debtor_of[case_id] = placed_at, ref
cases_of_debtor = defaultdict(list)
for case_id, ref in debtor_of.items():
    cases_of_debtor[ref].append(case_id)

def before(c):
    return [y for y in by_case[c["case"]] if (y["at"], y["id"]) < (c["at"], c["id"])]

def outbound_call(y):
    return y["channel"] == "call" and y["direction"] == "outbound"

def failed(y):
    return outbound_call(y) and y["outcome"] in FAILED

def connected(y):
    return y["channel"] == "call" and y["party"] == "debtor" and y["outcome"] in CONVERSATION

def ids(ys):
    return {y["id"] for y in ys}

def day_minus(day, n):
    return (datetime.date.fromisoformat(day) - datetime.timedelta(days=n)).isoformat()

def seconds(at):
    return datetime.datetime.fromisoformat(at).timestamp()

def expected(rule, c):
    earlier = before(c)
    if rule == "attempts_per_day":
        want = ids(y for y in earlier if y["day"] == c["day"] and failed(y))
        assert len(want) >= 6, (rule, c)
        return want
    if rule == "connected_per_day":
        want = set()
        for case_id in cases_of_debtor[debtor_of[c["case"]]]:
            want |= ids(y for y in by_case[case_id] if y["day"] == c["day"] and
                        (y["at"], y["id"]) < (c["at"], c["id"]) and outbound_call(y) and connected(y))
        assert len(want) >= 3, (rule, c)
        return want
    if rule == "burst":
        calls = [y for y in earlier if outbound_call(y)]
        assert calls and seconds(c["at"]) - seconds(calls[-1]["at"]) < 300, (rule, c)
        return {calls[-1]["id"]}
    if rule == "third_party_early":
        lower = max(day_minus(c["day"], 30) + " 00:00:00", placed[c["case"]])
        debtor = [k for k, y in enumerate(earlier) if y["party"] == "debtor"]
        after = debtor[-1] + 1 if debtor else 0
        want = set()
        if debtor and earlier[debtor[-1]]["at"] >= lower:
            want.add(earlier[debtor[-1]]["id"])
        looked = [y for y in earlier[after:] if y["at"] >= lower and failed(y)]
        assert not any(y["outcome"] == "invalid_number" for y in looked), (rule, c)
        per_day = defaultdict(int)
        for y in looked:
            if y["day"] < c["day"]:
                per_day[y["day"]] += 1
        assert all(n < 3 for n in per_day.values()), (rule, c)
        return want | ids(looked)
    if rule == "seven_in_seven":
        want = ids(y for y in earlier if y["day"] >= day_minus(c["day"], 6) and outbound_call(y))
        assert len(want) >= 7, (rule, c)
        return want
    if rule == "after_conversation":
        talks = [y for y in earlier if connected(y)]
        assert talks and talks[-1]["day"] >= day_minus(c["day"], 6), (rule, c)
        return {talks[-1]["id"]}
    if rule == "quiet_hours":
        return set()
    raise AssertionError(rule)

seen = defaultdict(int)
for profile in ("cn", "us"):
    rows = json.load(open(f"breaches-{profile}.json", encoding="utf-8"))["parts"][0]["rows"]
    assert rows, profile
    for r in rows:
        c = contacts[r["contact_id"]]
        rules = r["rules"].split(",")
        listed = defaultdict(set)
        for e in r["earlier"]:
            y = contacts[e["contact_id"]]
            assert (e["time"], e["channel"], e["outcome"]) == (y["at"], y["channel"], y["outcome"]), e
            for rule in e["counted_by"].split(","):
                assert rule in rules, (profile, r["contact_id"], e)
                listed[rule].add(e["contact_id"])
        for rule in rules:
            want = expected(rule, c)
            assert listed[rule] == want, (profile, rule, r["contact_id"], sorted(listed[rule]), sorted(want))
            seen[(profile, rule)] += 1
            if rule == "quiet_hours":
                assert f"quiet_hours: outbound {c['channel']} at {c['at'][11:]} local time" in r["rule"], r["rule"]
            if rule == "connected_per_day" and r["contact_id"] == fixture:
                # the debtor's other case is named by its case number
                cases = {e["case_no"] for e in r["earlier"]}
                assert len(cases) == 2 and r["case_no"] in cases, r
                seen["fixture"] += 1
for need in (("cn", "attempts_per_day"), ("cn", "connected_per_day"), ("cn", "burst"),
             ("cn", "third_party_early"), ("cn", "quiet_hours"), ("us", "seven_in_seven"),
             ("us", "after_conversation"), ("us", "quiet_hours"), "fixture"):
    assert seen[need] > 0, (need, dict(seen))
print(dict(seen), file=sys.stderr)
PY

# The table names the other case's calls by case number, and no output has a debtor_ref.
CASE_A_NO=$(sqlite3 demo.db "SELECT case_no FROM cases WHERE case_id = $CASE_A")
grep -q "connected_per_day: 3 outbound connected calls of the debtor's cases earlier on 2026-10-20, limit 3: $CASE_A_NO 2026-10-20 10:00:00" \
    <("$COLLECTKPI" explain demo.db --month 2026-10 --total --figure breaches_connected_per_day) ||
    fail "the table does not name the other case's calls"
sqlite3 demo.db "SELECT debtor_ref FROM cases" >refs.txt
if grep -F -q -f refs.txt breaches-*.json; then fail "a debtor_ref in explain's output"; fi
finish
