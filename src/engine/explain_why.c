/* explain_why.c - `explain --why-not CASE_NO`: the case's rows in the tables behind the
 * figure, each with what the engine did with it.
 *
 * A row the engine credited is found among the witness's events (the case's events, for any
 * agent, or the figure's own rows for the target); what it says about the row (credited to
 * another agent, unassigned, a promise still pending, a closure whose reason resolves
 * nothing or that no assignment ended with) is the engine's decision. A row the engine never
 * looked at lies outside the period, by the engine's own test of "in P" (engine_data.h).
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/db.h"
#include "collectkpi/vec.h"
#include "engine_data.h"
#include "explain_internal.h"

typedef struct why_load {
    const explain_figure_spec *figure;
    witness_kind kind;
    const witness_event *events; /* the case's events */
    size_t event_count;
    explain_is_target is_target;
    const void *context;
    explain_result *result;
    size_t capacity;
} why_load;

static bool text_ts(sqlite3_stmt *stmt, int col, int64_t *out)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    *out = 0;
    return text != NULL && datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, col), out);
}

/* The part row's event for this table row, if the figure lists it for the target. */
static const witness_event *counted(const explain_result *result, witness_kind kind, int64_t row_id,
                                    int64_t agent_id, int64_t held_from)
{
    for (size_t p = 0; p < result->part_count; p++)
        for (size_t i = 0; i < result->parts[p].count; i++) {
            const witness_event *e = &result->parts[p].rows[i].event;
            if (e->kind == kind && e->row_id == row_id &&
                (kind != WITNESS_WORKLOAD ||
                 (e->agent_id == agent_id && e->held_from == held_from)))
                return e;
        }
    return NULL;
}

static const witness_event *find_event(const why_load *load, int64_t row_id, int64_t agent_id,
                                       int64_t held_from)
{
    for (size_t i = 0; i < load->event_count; i++) {
        const witness_event *e = &load->events[i];
        if (e->kind == load->kind && e->row_id == row_id &&
            (load->kind != WITNESS_WORKLOAD ||
             (e->agent_id == agent_id && e->held_from == held_from)))
            return e;
    }
    return NULL;
}

/* Whether the figure takes any event of this kind (for the target). */
static bool figure_takes(const explain_figure_spec *figure, const witness_event *e)
{
    for (size_t p = 0; p < figure->part_count; p++)
        if (explain_part_takes(figure, &figure->parts[p], e))
            return true;
    return false;
}

static ck_error add_why(why_load *load, explain_why_row *row, bool has_agent, int64_t agent_id,
                        bool in_period, const explain_agents *agents)
{
    explain_result *r = load->result;
    const witness_event *e =
        find_event(load, row->row_id, agent_id, load->kind == WITNESS_WORKLOAD ? row->at : 0);
    const witness_event *listed = counted(r, load->kind, row->row_id, agent_id, row->at);
    if (listed != NULL) {
        row->verdict = EXPLAIN_COUNTED;
        if (listed->has_agent) {
            has_agent = true;
            agent_id = listed->agent_id;
        }
    } else if (e != NULL) {
        row->has_event = true;
        row->event = *e;
        if (e->refused == WITNESS_NOT_RESOLVED)
            row->verdict = EXPLAIN_NOT_RESOLVED;
        else if (e->refused == WITNESS_NO_HOLDER)
            row->verdict = EXPLAIN_NO_HOLDER;
        else if (e->kind == WITNESS_PAYMENT && !e->has_agent)
            row->verdict = EXPLAIN_UNASSIGNED;
        else if (!load->is_target(load->context, e))
            row->verdict = EXPLAIN_OTHER_AGENT;
        else if (e->kind == WITNESS_PROMISE_DUE && e->status == KPI_PROMISE_PENDING &&
                 !figure_takes(load->figure, e))
            row->verdict = EXPLAIN_PENDING;
        else
            row->verdict = EXPLAIN_NOT_IN_FIGURE;
        if (e->has_agent) {
            has_agent = true;
            agent_id = e->agent_id;
        }
    } else if (!in_period) {
        row->verdict = EXPLAIN_OUTSIDE_PERIOD;
    } else if (has_agent) {
        /* rows counted per agent without a case (contacts, promises made, surveys): in the
         * period and not the target's rows, they are another agent's (or not of this figure) */
        witness_event probe = {.has_agent = true, .agent_id = agent_id};
        row->verdict =
            load->is_target(load->context, &probe) ? EXPLAIN_NOT_IN_FIGURE : EXPLAIN_OTHER_AGENT;
    } else {
        row->verdict = EXPLAIN_NOT_CREDITED;
    }
    if (has_agent && (row->employee_no = explain_agents_name(agents, agent_id)) == NULL)
        return CK_ERR_NOMEM;
    return VEC_PUSH(r->why, r->why_count, load->capacity, *row) ? CK_OK : CK_ERR_NOMEM;
}

typedef struct why_row_ctx {
    why_load *load;
    const explain_agents *agents;
} why_row_ctx;

static ck_error take_row(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    why_row_ctx *c = ctx;
    why_load *load = c->load;
    const period *p = &load->result->period;
    explain_why_row row;
    memset(&row, 0, sizeof row);
    row.row_id = sqlite3_column_int64(stmt, 0);
    row.code = -1;
    row.until = INT64_MAX;
    bool has_agent = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
    int64_t agent_id = sqlite3_column_int64(stmt, 1);
    text_ts(stmt, 2, &row.at);
    bool in_period = engine_at_in_period(p, row.at);
    switch (load->kind) {
    case WITNESS_WORKLOAD:
        row.table = "assignments";
        if (sqlite3_column_type(stmt, 3) != SQLITE_NULL)
            text_ts(stmt, 3, &row.until);
        in_period = engine_span_in_period(p, row.at, row.until);
        break;
    case WITNESS_PAYMENT:
        row.table = "payments";
        row.amount_minor = sqlite3_column_int64(stmt, 3);
        break;
    case WITNESS_PROMISE_MADE:
    case WITNESS_PROMISE_DUE: {
        row.table = "promises";
        row.amount_minor = sqlite3_column_int64(stmt, 3);
        if (load->kind == WITNESS_PROMISE_DUE) {
            /* due_on is a date: in P as the engine loads promises due */
            const char *due = (const char *)sqlite3_column_text(stmt, 4);
            int64_t day = 0, first, end;
            if (due != NULL)
                datetime_parse_date(due, (size_t)sqlite3_column_bytes(stmt, 4), &day);
            row.until = day * DATETIME_SECONDS_PER_DAY;
            engine_period_days(p, &first, &end);
            in_period = day >= first && day < end;
        }
        break;
    }
    case WITNESS_RESOLUTION:
        row.table = "cases";
        row.code = codes_find(&codes_close_reason, (const char *)sqlite3_column_text(stmt, 3));
        break;
    case WITNESS_CONTACT:
    case WITNESS_COMPLIANCE:
        row.table = "contacts";
        row.code = codes_find(&codes_outcome, (const char *)sqlite3_column_text(stmt, 3));
        break;
    case WITNESS_COMPLAINT: row.table = "complaints"; break;
    case WITNESS_SURVEY:
        row.table = "surveys";
        row.amount_minor = sqlite3_column_int64(stmt, 3);
        break;
    default: return CK_OK;
    }
    return add_why(load, &row, has_agent, agent_id, in_period, c->agents);
}

static const char *why_sql(witness_kind kind)
{
    switch (kind) {
    case WITNESS_WORKLOAD:
        return "SELECT assignment_id, agent_id, start_at, end_at FROM assignments"
               " WHERE case_id = ?1 ORDER BY start_at, assignment_id";
    case WITNESS_PAYMENT:
        return "SELECT payment_id, NULL, paid_at, amount FROM payments WHERE case_id = ?1"
               " ORDER BY paid_at, payment_id";
    case WITNESS_PROMISE_MADE:
    case WITNESS_PROMISE_DUE:
        return "SELECT promise_id, agent_id, made_at, amount, due_on FROM promises"
               " WHERE case_id = ?1 ORDER BY made_at, promise_id";
    case WITNESS_RESOLUTION:
        return "SELECT case_id, NULL, closed_at, close_reason FROM cases"
               " WHERE case_id = ?1 AND closed_at IS NOT NULL";
    case WITNESS_CONTACT:
    case WITNESS_COMPLIANCE:
        return "SELECT contact_id, agent_id, contact_at, outcome FROM contacts WHERE case_id = ?1"
               " ORDER BY contact_at, contact_id";
    case WITNESS_COMPLAINT:
        return "SELECT complaint_id, agent_id, received_at FROM complaints WHERE case_id = ?1"
               " ORDER BY received_at, complaint_id";
    case WITNESS_SURVEY:
        return "SELECT survey_id, agent_id, surveyed_at, score FROM surveys WHERE case_id = ?1"
               " ORDER BY surveyed_at, survey_id";
    default: return NULL;
    }
}

ck_error explain_why_not(sqlite3 *db, const explain_figure_spec *figure, int64_t case_id,
                         const witness_event *why_events, size_t why_count,
                         explain_is_target is_target, const void *context,
                         const explain_agents *agents, explain_result *result, ck_diag *diag)
{
    why_load load = {figure, WITNESS_KIND_COUNT, why_events, why_count, is_target, context, result,
                     0};
    unsigned done = 0;
    ck_error err = CK_OK;
    for (size_t p = 0; p < figure->part_count && err == CK_OK; p++) {
        witness_kind kind = explain_select_kind(figure->parts[p].select);
        if (done & (1u << kind))
            continue;
        done |= 1u << kind;
        load.kind = kind;
        why_row_ctx ctx = {&load, agents};
        const db_param param = DB_INT(case_id);
        err = db_each_row(db, why_sql(kind), &param, 1, take_row, &ctx, diag);
    }
    return err;
}
