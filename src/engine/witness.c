/* witness.c - describes a credited row to the request's witness (witness_internal.h).
 *
 * The engine has already decided that the row counts, and for whom; these functions only
 * gather what a reader needs to check it by hand: the assignment that made the agent the
 * holder, the promise window, the days of a resolution.
 */
#include "witness_internal.h"

#include <stdlib.h>
#include <string.h>

static void emit(const engine_data *data, witness_event *event)
{
    const engine_witness *w = data->request->witness;
    w->record(w->context, event);
}

static void start_event(witness_event *event, witness_kind kind)
{
    memset(event, 0, sizeof *event);
    event->kind = kind;
}

static void set_agent(const engine_data *data, witness_event *event, size_t agent_slot)
{
    event->has_agent = agent_slot != IDMAP_NONE;
    event->agent_id = event->has_agent ? data->agents[agent_slot].agent_id : 0;
}

static void set_held(witness_event *event, const engine_assignment *a)
{
    event->held_from = a->start;
    event->held_until = a->end == ENGINE_OPEN_END ? WITNESS_OPEN_END : a->end;
}

void engine_witness_workload(const engine_data *data, const engine_case *c,
                             const engine_assignment *a, int64_t t0, int64_t outstanding)
{
    witness_event e;
    start_event(&e, WITNESS_WORKLOAD);
    set_agent(data, &e, a->agent_slot);
    e.row_id = e.case_id = c->case_id;
    e.has_case = true;
    e.at = t0;
    e.amount_minor = outstanding > 0 ? outstanding : 0;
    e.placed_at = c->placed_at;
    e.dpd = engine_case_dpd_at(c, t0);
    e.bucket = engine_case_bucket_at(c, t0);
    set_held(&e, a);
    emit(data, &e);
}

void engine_witness_payment(const engine_data *data, const engine_payment *pay, size_t agent_slot)
{
    witness_event e;
    start_event(&e, WITNESS_PAYMENT);
    set_agent(data, &e, agent_slot);
    e.row_id = pay->payment_id;
    e.at = pay->at;
    e.amount_minor = pay->amount_minor;
    e.held_until = WITNESS_OPEN_END;
    if (pay->case_slot != IDMAP_NONE) {
        const engine_case *c = &data->cases[pay->case_slot];
        e.has_case = true;
        e.case_id = c->case_id;
        /* The credited agent's assignment that holds paid_at (there is exactly one). */
        for (size_t i = 0; e.has_agent && i < c->assignment_count; i++) {
            const engine_assignment *a = &data->assignments[c->assignment_first + i];
            if (a->agent_slot == agent_slot && a->start <= pay->at && pay->at < a->end)
                set_held(&e, a);
        }
        if (e.has_agent)
            e.bucket = engine_case_bucket_at(c, engine_pair_t0(data, c, agent_slot));
    }
    emit(data, &e);
}

void engine_witness_promise(const engine_data *data, const engine_promise *promise,
                            const kpi_promise *judged)
{
    witness_event e;
    start_event(&e, WITNESS_PROMISE_DUE);
    set_agent(data, &e, promise->agent_slot);
    e.row_id = promise->promise_id;
    e.has_case = true;
    e.case_id = promise->case_id;
    e.at = promise->made_at;
    e.amount_minor = promise->amount_minor;
    e.due_on = promise->due_on;
    e.window_end = judged->window_end;
    e.paid_toward_minor = judged->paid_toward_minor;
    e.status = judged->status;
    if (judged->status != KPI_PROMISE_PENDING) {
        int64_t credited = judged->paid_toward_minor > 0 ? judged->paid_toward_minor : 0;
        e.credited_minor = credited < promise->amount_minor ? credited : promise->amount_minor;
    }
    emit(data, &e);
}

void engine_witness_resolution(const engine_data *data, const engine_case *c,
                               const engine_assignment *a, double days)
{
    witness_event e;
    start_event(&e, WITNESS_RESOLUTION);
    set_agent(data, &e, a->agent_slot);
    e.row_id = e.case_id = c->case_id;
    e.has_case = true;
    e.at = c->closed_at;
    e.placed_at = c->placed_at;
    e.days = days;
    e.close_reason = c->close_reason;
    set_held(&e, a);
    emit(data, &e);
}

void engine_witness_closure_refused(const engine_data *data, const engine_case *c,
                                    witness_refusal why)
{
    witness_event e;
    start_event(&e, WITNESS_RESOLUTION);
    e.refused = why;
    e.row_id = e.case_id = c->case_id;
    e.has_case = true;
    e.at = c->closed_at;
    e.placed_at = c->placed_at;
    e.close_reason = c->close_reason;
    emit(data, &e);
}

void engine_witness_complaint(const engine_data *data, const engine_complaint *complaint)
{
    witness_event e;
    start_event(&e, WITNESS_COMPLAINT);
    set_agent(data, &e, complaint->agent_slot);
    e.row_id = complaint->complaint_id;
    e.has_case = complaint->has_case;
    e.case_id = complaint->case_id;
    e.at = complaint->received_at;
    e.substantiated = complaint->substantiated;
    e.category = complaint->category;
    emit(data, &e);
}

void engine_witness_count(const engine_data *data, size_t agent_slot, const char *table,
                          sqlite3_stmt *stmt, const kpi_row *before, const kpi_row *after)
{
    witness_event e;
    int64_t id = sqlite3_column_int64(stmt, 1);
    if (strcmp(table, "contacts") == 0) {
        if (after->contacts == before->contacts)
            return;
        engine_witness_contact(data->request->witness, true, data->agents[agent_slot].agent_id, id,
                               0, 0, after->call_attempts != before->call_attempts,
                               after->rpc != before->rpc);
        return;
    }
    if (strcmp(table, "promises") == 0) {
        if (after->ptp_made == before->ptp_made)
            return;
        start_event(&e, WITNESS_PROMISE_MADE);
        e.amount_minor = after->ptp_made_amount_minor - before->ptp_made_amount_minor;
    } else {
        if (after->surveys == before->surveys)
            return;
        start_event(&e, WITNESS_SURVEY);
        e.amount_minor = after->survey_score_sum - before->survey_score_sum;
    }
    set_agent(data, &e, agent_slot);
    e.row_id = id;
    emit(data, &e);
}

void engine_witness_contact(const engine_witness *witness, bool has_agent, int64_t agent_id,
                            int64_t contact_id, int64_t case_id, int64_t at, bool call_attempt,
                            bool rpc)
{
    witness_event e;
    start_event(&e, WITNESS_CONTACT);
    e.has_agent = has_agent;
    e.agent_id = agent_id;
    e.row_id = contact_id;
    e.has_case = case_id != 0;
    e.case_id = case_id;
    e.at = at;
    e.call_attempt = call_attempt;
    e.rpc = rpc;
    witness->record(witness->context, &e);
}

static int compare_cause(const void *a, const void *b)
{
    const witness_cause *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

void engine_witness_compliance(const engine_witness *witness, const cc_contact *c, int64_t case_id,
                               bool has_agent, int64_t agent_id, unsigned mask, bool critical,
                               cc_cause *causes, size_t cause_count, const cc_why *why_of_c)
{
    witness_event e;
    start_event(&e, WITNESS_COMPLIANCE);
    e.has_agent = has_agent;
    e.agent_id = agent_id;
    e.row_id = c->contact_id;
    e.has_case = true;
    e.case_id = case_id;
    e.at = c->at;
    e.outbound = (c->flags & CC_OUTBOUND) != 0;
    e.rules = mask;
    e.critical = critical;
    /* one entry per contact, in the contacts' order, with every rule that counted it */
    if (cause_count > 0)
        qsort(causes, cause_count, sizeof *causes, compare_cause);
    size_t merged = 0;
    for (size_t i = 0; i < cause_count; i++) {
        if (merged > 0 && causes[merged - 1].contact_id == causes[i].contact_id)
            causes[merged - 1].rules |= causes[i].rules;
        else
            causes[merged++] = causes[i];
    }
    e.causes = causes;
    e.cause_count = merged;
    e.reach_since = why_of_c->reach_since;
    e.reach_since_kind = why_of_c->reach_since_kind;
    witness->record(witness->context, &e);
}
