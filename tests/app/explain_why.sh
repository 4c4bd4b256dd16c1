#!/usr/bin/env bash
# explain_why.sh - `explain --why-not CASE_NO` on the demo database, October 2026: each kind
# of row that did not count says why, as the engine decided it: a payment credited to the
# agent who held the case then (not the one asked about), a payment nobody held the case
# for, a promise still pending, a closure whose reason resolves nothing, a resolved closure
# that no assignment ended with, rows outside the period; a row that counted says so. Case
# numbers come from explain's own listings.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
M=(--month 2026-10)
X() { "$COLLECTKPI" explain demo.db "${M[@]}" "$@" --format json; }

# verdicts FILE: "table verdict employee_no" per why-not row
verdicts() {
    /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for w in d["why_not"]:
    print(w["table"], w["verdict"], w["employee_no"] or "-", w["why"])' "$1"
}
# first_case FILE [FILTER]: the case_no of the first listed row (whose rule contains FILTER)
first_case() {
    /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
f = sys.argv[2] if len(sys.argv) > 2 else ""
print(next(r["case_no"] for p in d["parts"] for r in p["rows"] if f in r["rule"]))' "$@"
}

X --total --figure collected >total.json || fail "total collected"
# A payment E_B was credited with: counted for E_B, "other_agent" (naming E_B) for anyone else.
read -r CASE HOLDER < <(/usr/bin/python3 -c '
import json
d = json.load(open("total.json", encoding="utf-8"))
r = d["parts"][0]["rows"][0]
print(r["case_no"], r["employee_no"])')
OTHER=E0001
[ "$HOLDER" = E0001 ] && OTHER=E0002
X --agent "$HOLDER" --figure collected --why-not "$CASE" >why1.json || fail "why-not holder"
verdicts why1.json >v1.txt
grep -q "^payments counted $HOLDER" v1.txt || fail "the holder's payment is not counted: $(cat v1.txt)"
X --agent "$OTHER" --figure collected --why-not "$CASE" >why2.json || fail "why-not other"
verdicts why2.json >v2.txt
grep -q "^payments other_agent $HOLDER credited to $HOLDER, not to $OTHER: payment of " v2.txt ||
    fail "no other_agent verdict naming $HOLDER: $(cat v2.txt)"
grep -q "^payments counted" v2.txt && fail "counted for an agent who did not hold the case"
# Payments of the case before October are outside the period, if it has any.
if sqlite3 demo.db "SELECT 1 FROM payments JOIN cases USING (case_id) WHERE case_no = '$CASE'
      AND paid_at < '2026-10-01'" | grep -q 1; then
    grep -q "^payments outside_period" v2.txt || fail "no outside_period verdict"
fi

# A payment while nobody held the case: only the total's unassigned_collected takes it.
X --total --figure unassigned_collected >unassigned.json || fail "unassigned"
if [ "$(/usr/bin/python3 -c 'import json; print(json.load(open("unassigned.json"))["parts"][0]["number"] != 0)')" = True ]; then
    CASE=$(first_case unassigned.json)
    X --agent E0001 --figure collected --why-not "$CASE" >why3.json || fail "why-not unassigned"
    verdicts why3.json | grep -q "^payments unassigned - no agent held the case" ||
        fail "no unassigned verdict: $(verdicts why3.json)"
else
    fail "the demo has no unassigned payment to test with"
fi

# A promise due in October whose window ends after as_of: pending, for ptp_kept.
X --total --figure ptp_pending >pending.json || fail "pending"
read -r CASE AGENT < <(/usr/bin/python3 -c '
import json
d = json.load(open("pending.json", encoding="utf-8"))
r = d["parts"][0]["rows"][0]
print(r["case_no"], r["employee_no"])')
X --agent "$AGENT" --figure ptp_kept --why-not "$CASE" >why4.json || fail "why-not pending"
verdicts why4.json | grep -q "^promises pending $AGENT still pending, neither kept nor broken: promise of " ||
    fail "no pending verdict: $(verdicts why4.json)"

# A case closed in October with a reason that resolves nothing.
CASE=$(sqlite3 demo.db "SELECT case_no FROM cases WHERE closed_at >= '2026-10-01'
  AND closed_at < '2026-11-01' AND close_reason NOT IN ('paid_in_full', 'settled', 'plan_completed')
  ORDER BY case_id LIMIT 1")
[ -n "$CASE" ] || fail "the demo has no unresolved closure in October"
X --total --figure cases_resolved --why-not "$CASE" >why5.json || fail "why-not closure"
verdicts why5.json | grep -q "^cases not_resolved - closed with reason [a-z_]*, which does not resolve a case" ||
    fail "no not_resolved verdict: $(verdicts why5.json)"

# A case closed in October with a resolved reason while no assignment ended with the closure:
# the engine credits nobody, and says so (not "a reason that resolves nothing").
CASE=$(sqlite3 demo.db "SELECT case_no FROM cases c WHERE closed_at >= '2026-10-01'
  AND closed_at < '2026-11-01' AND close_reason IN ('paid_in_full', 'settled', 'plan_completed')
  AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = c.case_id
                  AND a.start_at < c.closed_at AND (a.end_at IS NULL OR c.closed_at <= a.end_at))
  ORDER BY case_id LIMIT 1")
[ -n "$CASE" ] || fail "the demo has no resolved closure without a holder in October"
X --total --figure cases_resolved --why-not "$CASE" >why6.json || fail "why-not closure without holder"
verdicts why6.json | grep -q "^cases no_holder - closed with reason [a-z_]*, a resolved reason, but no assignment ended with the closure" ||
    fail "no no_holder verdict: $(verdicts why6.json)"

# The table form names the assignment's span and agent.
expect_exit 0 "$COLLECTKPI" explain demo.db "${M[@]}" --agent "$HOLDER" --figure cases_worked --why-not "$(first_case why1.json 2>/dev/null || echo "$CASE")"
grep -q "^why-not " out || fail "table: no why-not block"
grep -q "^  assignments " out || fail "table: no assignment line"
finish
