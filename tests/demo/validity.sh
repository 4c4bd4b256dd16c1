#!/usr/bin/env bash
# validity.sh - the demo database keeps every rule of data-model.md (each checked here with
# its own SQL, independent of the generator) and has the realism docs/demo.md promises:
# month-boundary and mid-month reassignments, reversals, automated contacts, every complaint
# category, leavers and joiners, recovery by delinquency bucket, unassigned payments,
# pending/kept/broken promises, every close reason, sensible KPI levels.
. "$SOURCE_ROOT/tests/app/lib.sh"

DB=demo.db
END_MONTH=2025-12 # the data covers 2024-12..2025-12
AFTER_END=2026-01-01
KPI_MONTH=2025-10
"$COLLECTKPI" demo "$DB" --end-month $END_MONTH --seed 1 >/dev/null 2>"$WORK/err" ||
    { fail "demo failed: $(cat "$WORK/err")"; finish; }

q() { sqlite3 -batch "$DB" "$1"; }

# zero WHAT SQL: SQL counts rows that break WHAT; there must be none.
zero() {
    local got
    got=$(q "$2")
    [ "$got" = 0 ] || fail "$1: $got offending rows"
}

# holds WHAT SQL: SQL yields 1 when WHAT holds.
holds() {
    local got
    got=$(q "$2")
    [ "$got" = 1 ] || fail "$1 (query gave '$got')"
}

# ---- the schema's own constraints (demo loads with CHECKs unevaluated, so verify) ----
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(q 'PRAGMA integrity_check' | head -5)"

# ---- rule 1: every reference points at an existing row ----
[ -z "$(q 'PRAGMA foreign_key_check')" ] || fail "foreign_key_check: $(q 'PRAGMA foreign_key_check' | head -5)"
zero "agents.team_id" "SELECT count(*) FROM agents WHERE team_id NOT IN (SELECT team_id FROM teams)"
zero "assignments refs" "SELECT count(*) FROM assignments WHERE case_id NOT IN (SELECT case_id FROM cases) OR agent_id NOT IN (SELECT agent_id FROM agents)"
zero "contacts refs" "SELECT count(*) FROM contacts WHERE case_id NOT IN (SELECT case_id FROM cases) OR (agent_id IS NOT NULL AND agent_id NOT IN (SELECT agent_id FROM agents))"
zero "promises refs" "SELECT count(*) FROM promises WHERE case_id NOT IN (SELECT case_id FROM cases) OR agent_id NOT IN (SELECT agent_id FROM agents)"
zero "payments refs" "SELECT count(*) FROM payments WHERE case_id NOT IN (SELECT case_id FROM cases)"
zero "complaints refs" "SELECT count(*) FROM complaints WHERE (case_id IS NOT NULL AND case_id NOT IN (SELECT case_id FROM cases)) OR (agent_id IS NOT NULL AND agent_id NOT IN (SELECT agent_id FROM agents))"
zero "surveys refs" "SELECT count(*) FROM surveys WHERE case_id NOT IN (SELECT case_id FROM cases) OR agent_id NOT IN (SELECT agent_id FROM agents)"

# ---- rule 2: timestamps and dates are well-formed and real ----
for tc in cases.placed_at cases.closed_at assignments.start_at assignments.end_at \
    contacts.contact_at promises.made_at payments.paid_at complaints.received_at \
    complaints.resolved_at surveys.surveyed_at; do
    t=${tc%.*} c=${tc#*.}
    zero "$tc is a real timestamp" "SELECT count(*) FROM $t WHERE $c IS NOT NULL AND (datetime($c) IS NOT $c OR length($c) <> 19)"
done
for tc in agents.hired_on agents.left_on promises.due_on; do
    t=${tc%.*} c=${tc#*.}
    zero "$tc is a real date" "SELECT count(*) FROM $t WHERE $c IS NOT NULL AND (date($c) IS NOT $c OR length($c) <> 10)"
done

# ---- rule 3: assignments ----
zero "start_at < end_at" "SELECT count(*) FROM assignments WHERE end_at IS NOT NULL AND NOT start_at < end_at"
zero "assignments of a case overlap" "SELECT count(*) FROM assignments a JOIN assignments b
    ON b.case_id = a.case_id AND a.assignment_id < b.assignment_id
    WHERE a.start_at < coalesce(b.end_at, '9999-12-31 23:59:59') AND b.start_at < coalesce(a.end_at, '9999-12-31 23:59:59')"
zero "assignment before placed_at" "SELECT count(*) FROM assignments a JOIN cases c USING (case_id) WHERE a.start_at < c.placed_at"
zero "assignment past closed_at" "SELECT count(*) FROM assignments a JOIN cases c USING (case_id)
    WHERE c.closed_at IS NOT NULL AND (a.end_at IS NULL OR a.end_at > c.closed_at)"

# ---- rule 4 ----
zero "payment before placed_at" "SELECT count(*) FROM payments p JOIN cases c USING (case_id) WHERE p.paid_at < c.placed_at"
zero "promise before placed_at" "SELECT count(*) FROM promises p JOIN cases c USING (case_id) WHERE p.made_at < c.placed_at"
zero "contact before placed_at" "SELECT count(*) FROM contacts p JOIN cases c USING (case_id) WHERE p.contact_at < c.placed_at"
zero "due_on before made_at" "SELECT count(*) FROM promises WHERE due_on < date(made_at)"

# ---- rule 5: the running sum of a case's payments never goes below zero ----
zero "running payment sum below zero" "SELECT count(*) FROM (SELECT sum(amount) OVER (PARTITION BY case_id
    ORDER BY paid_at, payment_id ROWS UNBOUNDED PRECEDING) AS s FROM payments) WHERE s < 0"

# ---- rule 6 and the column rules ----
zero "closed_at before placed_at" "SELECT count(*) FROM cases WHERE closed_at < placed_at"
zero "closed_at and close_reason not both set or both NULL" "SELECT count(*) FROM cases WHERE (closed_at IS NULL) <> (close_reason IS NULL)"
zero "non-positive placed_balance or negative dpd" "SELECT count(*) FROM cases WHERE placed_balance <= 0 OR dpd_at_placement < 0"
zero "zero payments" "SELECT count(*) FROM payments WHERE amount = 0"
zero "non-positive promises" "SELECT count(*) FROM promises WHERE amount <= 0"
zero "negative durations" "SELECT count(*) FROM contacts WHERE duration_s < 0"
zero "scores outside 1..5" "SELECT count(*) FROM surveys WHERE score NOT BETWEEN 1 AND 5"

# ---- agents act only while employed, and only on cases they hold ----
zero "assignment outside employment" "SELECT count(*) FROM assignments a JOIN agents g USING (agent_id)
    WHERE date(a.start_at) < g.hired_on OR (g.left_on IS NOT NULL AND (a.end_at IS NULL OR date(a.end_at) > g.left_on))"
for tc in contacts.contact_at promises.made_at surveys.surveyed_at complaints.received_at; do
    t=${tc%.*} c=${tc#*.}
    zero "$t outside the agent's employment" "SELECT count(*) FROM $t x JOIN agents g USING (agent_id)
        WHERE date(x.$c) < g.hired_on OR date(x.$c) > coalesce(g.left_on, '9999-12-31')"
done
for tc in contacts.contact_at promises.made_at; do
    t=${tc%.*} c=${tc#*.}
    zero "$t by an agent not holding the case" "SELECT count(*) FROM $t x WHERE x.agent_id IS NOT NULL AND NOT EXISTS
        (SELECT 1 FROM assignments a WHERE a.case_id = x.case_id AND a.agent_id = x.agent_id
         AND a.start_at <= x.$c AND (a.end_at IS NULL OR x.$c < a.end_at))"
done
zero "activity after a case closed" "SELECT (SELECT count(*) FROM contacts x JOIN cases c USING (case_id) WHERE x.contact_at > c.closed_at)
    + (SELECT count(*) FROM promises x JOIN cases c USING (case_id) WHERE x.made_at > c.closed_at)
    + (SELECT count(*) FROM payments x JOIN cases c USING (case_id) WHERE x.paid_at > c.closed_at)"
zero "cases paid more than they owed" "SELECT count(*) FROM cases c WHERE (SELECT sum(amount) FROM payments p WHERE p.case_id = c.case_id) > c.placed_balance"

# ---- sizes ----
holds "demo size: 6 teams, 60 agents, 20000 cases" "SELECT (SELECT count(*) FROM teams) = 6 AND (SELECT count(*) FROM agents) = 60 AND (SELECT count(*) FROM cases) = 20000"
holds "about 600,000 contacts" "SELECT count(*) BETWEEN 450000 AND 800000 FROM contacts"
holds "about 60,000 payments" "SELECT count(*) BETWEEN 40000 AND 90000 FROM payments"
holds "about 40,000 promises" "SELECT count(*) BETWEEN 28000 AND 60000 FROM promises"

# ---- realism ----
holds "reassignments exactly at midnight on the 1st" "SELECT count(*) >= 20 FROM assignments a JOIN assignments b
    ON b.case_id = a.case_id AND b.start_at = a.end_at WHERE a.end_at LIKE '____-__-01 00:00:00' AND b.agent_id <> a.agent_id"
holds "mid-month reassignments" "SELECT count(*) >= 20 FROM assignments a JOIN assignments b
    ON b.case_id = a.case_id AND b.start_at = a.end_at WHERE a.end_at NOT LIKE '____-__-01 00:00:00'"
holds "reversals" "SELECT count(*) >= 50 FROM payments WHERE amount < 0"
holds "partial payments (cases paying more than once)" "SELECT count(*) >= 100 FROM (SELECT case_id FROM payments WHERE amount > 0 GROUP BY case_id HAVING count(*) >= 2)"
holds "automated contacts without an agent" "SELECT count(*) >= 1000 FROM contacts WHERE agent_id IS NULL"
holds "every channel, both directions, every party and outcome" "SELECT (SELECT count(DISTINCT channel) FROM contacts) = 6
    AND (SELECT count(DISTINCT direction) FROM contacts) = 2 AND (SELECT count(DISTINCT party) FROM contacts) = 3
    AND (SELECT count(DISTINCT outcome) FROM contacts) = 9"
holds "most call attempts do not reach the debtor (RPC rate 8-30%)" "SELECT avg(party = 'debtor' AND outcome IN
    ('contacted', 'promise', 'refusal', 'dispute', 'callback_requested')) BETWEEN 0.08 AND 0.30
    FROM contacts WHERE channel = 'call' AND direction = 'outbound'"
holds "every complaint category" "SELECT count(DISTINCT category) = 11 FROM complaints"
holds "complaints substantiated, not, and under review; some resolved" "SELECT sum(substantiated = 1) > 0 AND sum(substantiated = 0) > 0
    AND sum(substantiated IS NULL) > 0 AND sum(resolved_at IS NOT NULL) > 0 AND sum(agent_id IS NULL) > 0 FROM complaints"
holds "few complaints per agent" "SELECT max(n) < 100 FROM (SELECT count(*) AS n FROM complaints WHERE agent_id IS NOT NULL GROUP BY agent_id)"
holds "every survey score" "SELECT count(DISTINCT score) = 5 FROM surveys"
holds "agents who left and agents who joined during the period" "SELECT sum(left_on IS NOT NULL) > 0
    AND sum(hired_on >= (SELECT substr(min(placed_at), 1, 10) FROM cases)) > 0 FROM agents"
holds "Chinese and English names" "SELECT (SELECT sum(name GLOB '*[A-Za-z]*') > 0 AND sum(NOT name GLOB '*[A-Za-z]*') > 0 FROM agents)
    AND (SELECT sum(name GLOB '*[A-Za-z]*') > 0 AND sum(NOT name GLOB '*[A-Za-z]*') > 0 FROM teams)"
holds "M1 cases recover far more than M6+ cases" "SELECT m1 > 3 * m6 FROM (
    SELECT (SELECT 1.0 * sum(p.amount) FROM payments p JOIN cases c USING (case_id) WHERE c.dpd_at_placement <= 30)
           / (SELECT sum(placed_balance) FROM cases WHERE dpd_at_placement <= 30) AS m1,
           (SELECT 1.0 * sum(p.amount) FROM payments p JOIN cases c USING (case_id) WHERE c.dpd_at_placement > 180)
           / (SELECT sum(placed_balance) FROM cases WHERE dpd_at_placement > 180) AS m6)"
holds "some payments while nobody holds the case, but few" "SELECT n > 0 AND n * 10 < total FROM (SELECT count(*) AS n,
    (SELECT count(*) FROM payments) AS total FROM payments p WHERE NOT EXISTS (SELECT 1 FROM assignments a
    WHERE a.case_id = p.case_id AND a.start_at <= p.paid_at AND (a.end_at IS NULL OR p.paid_at < a.end_at)))"
holds "every close reason, and open cases" "SELECT (SELECT count(DISTINCT close_reason) FROM cases) = 8
    AND (SELECT count(*) FROM cases WHERE closed_at IS NULL) > 1000"
zero "paid_in_full cases not fully paid" "SELECT count(*) FROM cases c WHERE close_reason = 'paid_in_full'
    AND (SELECT sum(amount) FROM payments p WHERE p.case_id = c.case_id) <> c.placed_balance"
zero "settled cases paid nothing or everything" "SELECT count(*) FROM cases c WHERE close_reason = 'settled'
    AND coalesce((SELECT sum(amount) FROM payments p WHERE p.case_id = c.case_id), 0) NOT BETWEEN 1 AND c.placed_balance - 1"
# Promises judged as kpi.md does (grace 0, threshold 100%, as_of = the data cut-off).
ASOF="(SELECT max(t) FROM (SELECT max(paid_at) AS t FROM payments UNION ALL SELECT max(contact_at) FROM contacts))"
holds "pending promises, some due after the end month" "SELECT sum(datetime(due_on, '+1 day') > $ASOF) > 0
    AND sum(due_on >= '$AFTER_END') > 0 FROM promises"
JUDGED="SELECT pr.amount, (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.case_id = pr.case_id
    AND p.paid_at >= pr.made_at AND p.paid_at < datetime(pr.due_on, '+1 day')) AS paid
    FROM promises pr WHERE datetime(pr.due_on, '+1 day') <= $ASOF"
holds "kept, partly kept and broken promises; kept rate 35-80%" "SELECT sum(paid >= amount) > 0 AND sum(paid > 0 AND paid < amount) > 0
    AND sum(paid <= 0) > 0 AND avg(paid >= amount) BETWEEN 0.35 AND 0.80 FROM ($JUDGED)"
holds "agents differ (RPC rates spread over 5 points)" "SELECT max(r) - min(r) > 0.05 FROM (SELECT avg(party = 'debtor'
    AND outcome IN ('contacted', 'promise', 'refusal', 'dispute', 'callback_requested')) AS r FROM contacts
    WHERE channel = 'call' AND direction = 'outbound' AND agent_id IS NOT NULL GROUP BY agent_id HAVING count(*) > 2000)"
holds "debtor_ref is an opaque token" "SELECT sum(debtor_ref GLOB 'D[0-9a-f]*' AND length(debtor_ref) = 17) = count(*) FROM cases"

# ---- the project's own checks and figures, where those commands exist ----
if "$COLLECTKPI" check --help >/dev/null 2>&1; then
    "$COLLECTKPI" check "$DB" >"$WORK/check.out" 2>&1 || fail "collectkpi check: $(head -5 "$WORK/check.out")"
fi
if "$COLLECTKPI" kpi "$DB" --month $KPI_MONTH --by total --format csv >"$WORK/kpi.csv" 2>"$WORK/err"; then
    # Column values by header name, from the total row.
    col() { awk -F, -v name="$1" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } NR == 2 { print $c }' "$WORK/kpi.csv"; }
    in_range() { awk -v x="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(x != "" && x >= lo && x <= hi) }' || fail "kpi $1 = '$2', expected $3..$4"; }
    in_range recovery_rate "$(col recovery_rate)" 0.01 0.15
    in_range rpc_rate "$(col rpc_rate)" 0.10 0.25
    in_range ptp_kept_rate "$(col ptp_kept_rate)" 0.40 0.75
    in_range paying_case_rate "$(col paying_case_rate)" 0.02 0.40
    in_range unassigned_collected "$(col unassigned_collected)" 0.01 1e12
else
    fail "collectkpi kpi failed on the demo database: $(cat "$WORK/err")"
fi
finish
