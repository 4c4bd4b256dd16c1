#!/usr/bin/env bash
# compliance.sh - the compliance command on the demo database and on a hand-made one: team
# rows are sums of their agents' rows, the total is the sum of every agent row plus the
# system line, the breach list agrees with the counts, no output carries a debtor_ref, and
# bad options exit 2.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
for profile in cn us; do
    for by in agent team total breach; do
        "$COLLECTKPI" compliance demo.db --month 2026-10 --profile $profile --by $by \
            --format csv >$profile-$by.csv || fail "compliance --profile $profile --by $by"
        for format in table json; do
            "$COLLECTKPI" compliance demo.db --month 2026-10 --profile $profile --by $by \
                --format $format >$profile-$by.$format || fail "--by $by --format $format"
        done
    done
done
/usr/bin/python3 - <<'PY' || fail "sums"
import csv
from decimal import Decimal
rules = {"cn": ["quiet_hours", "attempts_per_day", "connected_per_day", "third_party_early", "burst"],
         "us": ["quiet_hours", "seven_in_seven", "after_conversation", "burst"]}
for profile, names in rules.items():
    read = lambda by: list(csv.DictReader(open(f"{profile}-{by}.csv", encoding="utf-8")))
    agents, teams, total, breaches = read("agent"), read("team"), read("total")[0], read("breach")
    counts = ["outbound_contacts"] + ["breaches_" + r for r in names] + [
        "breaching_contacts", "critical_breaches", "cases_with_breach"]
    # Columns in compliance.md's order after kpi's identity columns.
    assert list(agents[0].keys()) == ["period_start", "period_end", "team", "employee_no",
        "agent_name"] + counts[:-2] + ["critical_breaches", "breaches_per_1k_outbound",
        "cases_with_breach"], list(agents[0].keys())
    system = [a for a in agents if a["employee_no"] == "system"]
    people = [a for a in agents if a["employee_no"] != "system"]
    assert len(system) == 1 and agents[-1] is system[0], "system is the last agent row"
    assert system[0]["team"] == "" and system[0]["agent_name"] == ""
    assert [a["employee_no"] for a in people] == sorted(a["employee_no"] for a in people)
    for t in teams:
        members = [a for a in people if a["team"] == t["team"]]
        for key in counts:
            assert Decimal(t[key]) == sum(Decimal(a[key]) for a in members), (profile, t["team"], key)
    for key in counts:
        assert Decimal(total[key]) == sum(Decimal(a[key]) for a in agents), (profile, key)
        assert Decimal(total[key]) == sum(Decimal(t[key]) for t in teams) + Decimal(system[0][key])
    n, d = Decimal(total["breaching_contacts"]), Decimal(total["outbound_contacts"])
    assert abs(Decimal(total["breaches_per_1k_outbound"]) - n * 1000 / d) < Decimal("0.000001")
    # The breach list: one line per breaching contact, in time order, rules in table order.
    assert len(breaches) == int(total["breaching_contacts"]), (len(breaches), total)
    assert [b["contact_at"] for b in breaches] == sorted(b["contact_at"] for b in breaches)
    for r in names:
        listed = sum(1 for b in breaches if r in b["rules"].split(","))
        assert listed == int(total["breaches_" + r]), (profile, r, listed)
        assert listed > 0, (profile, r, "every rule should have breaches in the demo month")
    for b in breaches:
        got = b["rules"].split(",")
        assert got == [r for r in names if r in got], b
    print(profile, "checked", len(teams), "teams,", len(people), "agents,", len(breaches), "breaches")
PY
# No debtor_ref in any output: every word-like run of each output against the refs (and
# each ref as a substring of the outputs' text, in one pass per file).
sqlite3 demo.db "SELECT DISTINCT debtor_ref FROM cases" >refs.txt
/usr/bin/python3 - <<'PY' || fail "debtor_ref found in an output"
import glob, re
refs = set(open("refs.txt", encoding="utf-8").read().split("\n")) - {""}
assert len(refs) > 1000
pattern = re.compile("|".join(sorted(map(re.escape, refs), key=len, reverse=True)))
for path in glob.glob("cn-*") + glob.glob("us-*"):
    text = open(path, encoding="utf-8").read()
    found = pattern.search(text)
    assert found is None, (path, "holds a debtor_ref")
PY

# Hand-made: one breach of each kind that small_db's data makes, and the system line.
small_db small.db || fail "small_db"
sqlite3 small.db "INSERT INTO contacts VALUES (5, 1, NULL, '2026-10-03 22:15:00', 'sms', 'outbound', 'none', 'no_answer', 0);"
expect_exit 0 "$COLLECTKPI" compliance small.db --month 2026-10 --format csv
# E03's third-party call (contact 4) comes with no failed attempt: third_party_early,
# critical. The 22:15 automated sms: quiet_hours on the system line. E01: 2 outbound, none.
cat >want.csv <<'CSV'
period_start,period_end,team,employee_no,agent_name,outbound_contacts,breaches_quiet_hours,breaches_attempts_per_day,breaches_connected_per_day,breaches_third_party_early,breaches_burst,breaching_contacts,critical_breaches,breaches_per_1k_outbound,cases_with_breach
2026-10-01 00:00:00,2026-11-01 00:00:00,"North, ""Team"" 北",E01,王伟,2,0,0,0,0,0,0,0,0.000000,0
2026-10-01 00:00:00,2026-11-01 00:00:00,South,E03,Emily Chen,2,0,0,0,1,0,1,1,500.000000,1
2026-10-01 00:00:00,2026-11-01 00:00:00,,system,,1,1,0,0,0,0,1,0,1000.000000,1
CSV
tr -d '\r' <"$WORK/out" | cmp -s - want.csv || fail "small compliance csv: $(cat "$WORK/out")"
expect_exit 0 "$COLLECTKPI" compliance small.db --month 2026-10 --by breach --format csv
cat >want.csv <<'CSV'
case_no,employee_no,agent_name,contact_at,channel,party,outcome,rules
C1,system,,2026-10-03 22:15:00,sms,none,no_answer,quiet_hours
C2,E03,Emily Chen,2026-10-04 11:00:00,call,third_party,contacted,third_party_early
CSV
tr -d '\r' <"$WORK/out" | cmp -s - want.csv || fail "small breach csv: $(cat "$WORK/out")"
grep -q "secret-debtor" "$WORK/out" && fail "debtor_ref in the breach list"
# A control character in a name is escaped in the table, never printed raw.
sqlite3 small.db "UPDATE agents SET name = 'Emily' || char(27) || '[31mRed' WHERE agent_id = 3;"
expect_exit 0 "$COLLECTKPI" compliance small.db --month 2026-10 --by breach
grep -q $'\x1b' "$WORK/out" && fail "raw escape character in the table"
grep -qF 'Emily\x1B[31mRed' "$WORK/out" || fail "escaped name missing: $(cat "$WORK/out")"

# Usage errors: exit 2, one line.
expect_exit 2 "$COLLECTKPI" compliance small.db --by case
expect_err_line "collectkpi compliance: --by 'case' is not agent, team, total or breach (see 'collectkpi compliance --help')"
expect_exit 2 "$COLLECTKPI" compliance small.db --month 2026-10 --profile eu
expect_err_line "collectkpi compliance: profile 'eu' is not cn or us (see 'collectkpi compliance --help')"
printf '[compliance]\nprofile = cn\nburst_seconds = -5\n' >bad.ini
expect_exit 2 "$COLLECTKPI" compliance small.db --month 2026-10 --config bad.ini
expect_err_line "collectkpi compliance: config file 'bad.ini': line 3: burst_seconds '-5' is not a whole number from 1 to 86400 (see 'collectkpi compliance --help')"
expect_exit 0 "$COLLECTKPI" compliance --help
grep -q -- "--by agent|team|total|breach" "$WORK/out" || fail "--help"
finish
