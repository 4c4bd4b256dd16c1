#!/usr/bin/env bash
# kpi_formats.sh - `kpi` in all three formats on a hand-made database whose October 2026
# figures are worked out below.
#
# Agents (lib.sh small_db): E01 王伟 and E02 '=SUM(A1)' in team 'North, "Team" 北', E03 Emily
# Chen and E04 Idle Ian in South.
#  E01 holds case C1 (100000) from before October until 10-16 00:00: worked 1, balance at
#      P.start 100000; collects 12345 on 10-05 (recovery 12345/100000 = 0.123450); two
#      outbound calls, one reaching the debtor with a promise (rpc 1, rate 0.5); promise of
#      12000 made 10-02 due 10-06, window to 10-07 00:00, paid 12345 >= 12000: kept. The
#      as-of is the data cut-off, the agentless SMS of 10-31 18:00, so it is judged.
#  E02 holds C1 from 10-16: t0 = 10-16, balance 100000 - 12345 = 87655; collects 10000
#      (10000/87655 = 0.114084); no contacts, so rpc_rate, ptp_rate and complaints per 1k
#      are undefined; one substantiated complaint.
#  E03 holds C2 (50000) until it closes paid_in_full on 10-21 00:00 (end_at = closed_at, so
#      credited): 50 days from 09-01; collects 50000 (rate 1); 2 calls, 1 rpc; one survey 5.
#  E04 did nothing: no row.
#  Team North: 22345 / 187655 = 0.119075, complaints 1000 * 1 / 2 contacts = 500.
#  Total: 72345 / 237655 = 0.304412; ptp_rate 1 made / 2 rpc = 0.5; complaints per 1k 250.
. "$(dirname "$0")/lib.sh"
small_db s.db || fail "could not build the small database"
K() { "$COLLECTKPI" kpi s.db --month 2026-10 "$@"; }

HEAD_IDS="period_start,period_end"
FIGS="cases_worked,worked_balance,collected,recovery_rate,paying_cases,paying_case_rate,contacts,call_attempts,rpc,rpc_rate,ptp_made,ptp_made_amount,ptp_rate,ptp_due,ptp_pending,ptp_kept,ptp_broken,ptp_kept_rate,ptp_kept_amount_rate,cases_resolved,resolution_days_mean,resolution_days_median,resolution_days_p90,complaints,complaints_substantiated,complaints_per_1k_contacts,surveys,csat_mean"
P='2026-10-01 00:00:00,2026-11-01 00:00:00'
NORTH='"North, ""Team"" 北"'

printf '%s\r\n' \
  "$HEAD_IDS,team,employee_no,agent_name,$FIGS" \
  "$P,$NORTH,E01,王伟,1,1000.00,123.45,0.123450,1,1.000000,2,2,1,0.500000,1,120.00,1.000000,1,0,1,0,1.000000,1.000000,0,,,,0,0,0.000000,0," \
  "$P,$NORTH,E02,\"'=SUM(A1)\",1,876.55,100.00,0.114084,1,1.000000,0,0,0,,0,0.00,,0,0,0,0,,,0,,,,1,1,,0," \
  "$P,South,E03,Emily Chen,1,500.00,500.00,1.000000,1,1.000000,2,2,1,0.500000,0,0.00,0.000000,0,0,0,0,,,1,50.0000,50.0000,50.0000,0,0,0.000000,1,5.000000" \
  >want_agents.csv
K --format csv >got_agents.csv || fail "kpi --format csv"
diff want_agents.csv got_agents.csv >&2 || fail "agent CSV differs (< expected, > got)"
# --raw: the stored text, for scripts (the formula guard's leading ' is the only difference)
K --format csv --raw >got_raw.csv || fail "kpi --format csv --raw"
sed "s/\"'=SUM(A1)\"/=SUM(A1)/" want_agents.csv | cmp -s - got_raw.csv || fail "--raw CSV differs: $(cat got_raw.csv)"

printf '%s\r\n' \
  "$HEAD_IDS,team,$FIGS" \
  "$P,$NORTH,2,1876.55,223.45,0.119075,2,1.000000,2,2,1,0.500000,1,120.00,1.000000,1,0,1,0,1.000000,1.000000,0,,,,1,1,500.000000,0," \
  "$P,South,1,500.00,500.00,1.000000,1,1.000000,2,2,1,0.500000,0,0.00,0.000000,0,0,0,0,,,1,50.0000,50.0000,50.0000,0,0,0.000000,1,5.000000" \
  >want_teams.csv
K --format csv --by team >got_teams.csv || fail "kpi --by team"
diff want_teams.csv got_teams.csv >&2 || fail "team CSV differs"

printf '%s\r\n' \
  "$HEAD_IDS,$FIGS,unassigned_collected" \
  "$P,3,2376.55,723.45,0.304412,3,1.000000,4,4,2,0.500000,1,120.00,0.500000,1,0,1,0,1.000000,1.000000,1,50.0000,50.0000,50.0000,1,1,250.000000,1,5.000000,0.00" \
  >want_total.csv
K --format csv --by total >got_total.csv || fail "kpi --by total"
diff want_total.csv got_total.csv >&2 || fail "total CSV differs"

# JSON: same keys and values, numbers as numbers, undefined as null, money in major units.
K --format json >got.json || fail "kpi --format json"
/usr/bin/python3 - got.json <<'PY' || fail "JSON check"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["employee_no"] for r in rows] == ["E01", "E02", "E03"], rows
e1, e2, e3 = rows
assert list(e1)[:5] == ["period_start", "period_end", "team", "employee_no", "agent_name"]
assert e1["team"] == 'North, "Team" 北' and e1["agent_name"] == "王伟"
assert e1["worked_balance"] == 1000 and e1["collected"] == 123.45
assert abs(e1["recovery_rate"] - 0.12345) < 1e-12
assert e2["worked_balance"] == 876.55 and e2["rpc_rate"] is None and e2["csat_mean"] is None
assert abs(e2["recovery_rate"] - 10000 / 87655) < 1e-12
assert e3["resolution_days_median"] == 50 and e3["csat_mean"] == 5
assert isinstance(e3["cases_worked"], int)
PY
K --format json --by total >total.json
/usr/bin/python3 -c "
import json,sys; t=json.load(open('total.json'))
assert len(t)==1 and t[0]['unassigned_collected']==0 and t[0]['collected']==723.45, t
assert 'team' not in t[0] and list(t[0])[-1]=='unassigned_collected'
" || fail "JSON total"

# Table: a header and one line per agent, columns aligned by display width (CJK = 2). By
# default the ten headline figures under short labels (the old all-keys layout is
# --columns all); the last column is not padded, so lines end in a figure.
K >table.txt || fail "kpi table"
/usr/bin/python3 - table.txt <<'PY' || fail "table alignment"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines[0].startswith("Period 2026-10"), lines[0]
body = lines[1:]
assert len(body) == 4, body
assert body[0].split() == ["Team", "No.", "Agent", "Cases", "Collected", "Recovery", "Paying",
                           "RPC", "rate", "PTP", "kept", "Resolved", "Complaints",
                           "Substantiated", "CSAT"], body[0]
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
assert len({w(l) for l in body}) == 1, [w(l) for l in body]
assert "王伟" in body[1] and "123.45" in body[1] and "12.3%" in body[1]
# E02 '=SUM(A1)': no contacts, so RPC rate and CSAT are '-'; one substantiated complaint.
assert body[2].split()[-6:] == ["-", "-", "0", "1", "1", "-"], body[2]
PY
# --columns picks figures by key in the given order; 'all' is every kpi.md figure under its
# label; an unknown key or unassigned_collected off the total row is a usage error.
K --columns collected,cases_worked >cols.txt || fail "--columns"
head -2 cols.txt | tail -1 | tr -s ' ' | grep -qx "Team No. Agent Collected Cases" || fail "--columns header: $(sed -n 2p cols.txt)"
K --columns all >all.txt || fail "--columns all"
[ "$(sed -n 2p all.txt | grep -o "Worked balance.*Right-party contacts.*CSAT")" ] || fail "--columns all lacks the labels of every figure"
expect_exit 2 "$COLLECTKPI" kpi s.db --month 2026-10 --columns collected,nope
expect_err_line "collectkpi kpi: --columns: 'nope' is not a column of kpi.md; --columns all prints every one (see 'collectkpi kpi --help')"
expect_exit 2 "$COLLECTKPI" kpi s.db --month 2026-10 --columns unassigned_collected
expect_exit 2 "$COLLECTKPI" kpi s.db --month 2026-10 --bom
# --by team ends with the total line (C1 paid 12345 + 10000, C2 50000: 723.45 in all), CSV
# keeps one kind of row.
K --by team >teams.txt || fail "kpi --by team"
tail -1 teams.txt | tr -s ' ' | grep -q "^Total 3 723.45 30.4% " || fail "no total line: $(tail -1 teams.txt)"
K --by team --format csv | grep -q "Total" && fail "the team CSV has a total line"
# --columns in CSV and JSON, --bom: the same figures, the BOM only when asked.
K --by total --format csv --columns collected,unassigned_collected >t.csv || fail "csv --columns"
printf 'period_start,period_end,collected,unassigned_collected\r\n%s,723.45,0.00\r\n' "$P" | cmp -s - t.csv || fail "csv --columns: $(cat t.csv)"
K --format csv --bom | head -c 3 | od -An -tx1 | tr -d ' ' | grep -qx efbbbf || fail "--bom"
K --format csv | head -c 3 | od -An -tx1 | tr -d ' ' | grep -qx efbbbf && fail "a BOM without --bom"
K --format json --columns recovery_rate | /usr/bin/python3 -c "
import json,sys; rows=json.load(sys.stdin)
assert [list(r) for r in rows][0] == ['period_start','period_end','team','employee_no','agent_name','recovery_rate'], rows
" || fail "json --columns"

# Settings change the figures: with a 110% threshold impossible (max 100), a 50% one keeps
# nothing new here; with --as-of before the window end the promise is pending.
K --format csv --as-of '2026-10-06 12:00:00' | grep -q "E01,王伟,1,1000.00,123.45,0.123450,1,1.000000,2,2,1,0.500000,1,120.00,1.000000,1,1,0,0,,," || fail "--as-of did not make the promise pending"
# --from/--to covering October gives the same rows as --month.
"$COLLECTKPI" kpi s.db --from 2026-10-01 --to 2026-10-31 --format csv | cmp -s - got_agents.csv || fail "--from/--to October differs from --month"
# No debtor reference anywhere in any output.
cat got_* got.json total.json table.txt | grep -q "secret-debtor" && fail "a debtor_ref leaked"
finish
