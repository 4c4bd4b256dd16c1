/* engine.c - turns the rows engine_load.c read into the figures of kpi.md.
 *
 * The order of work follows kpi.md's sections: who held a case when (assignments), what
 * that makes each agent's workload and collections, how each promise due in the period
 * was judged, which closures count as resolutions, then the team and total rows, which are
 * sums of agent rows with every rate recomputed from the sums.
 */
#include "collectkpi/engine.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "collectkpi/vec.h"
#include "compliance_internal.h"
#include "engine_data.h"
#include "witness_internal.h"

static int compare_assignment(const void *a, const void *b)
{
    const engine_assignment *x = a, *y = b;
    if (x->case_slot != y->case_slot)
        return x->case_slot < y->case_slot ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

static int compare_payment(const void *a, const void *b)
{
    const engine_payment *x = a, *y = b;
    if (x->case_slot != y->case_slot)
        return x->case_slot < y->case_slot ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

static ck_error overlap_error(engine_data *data, int64_t case_id, ck_diag *diag)
{
    char *case_no = NULL;
    ck_error err = engine_load_case_nos(data->db, &case_id, 1, &case_no, diag);
    if (err != CK_OK)
        return err;
    ck_diag_set(diag,
                "case '%s' has assignments that overlap (two agents or two spells at once); "
                "run 'collectkpi check' on the database",
                case_no != NULL ? case_no : "?");
    free(case_no);
    return CK_ERR_DATA;
}

/* Sorts assignments and kept payments by case and time and records each case's range. Two
 * assignments of a case that overlap (rule 3) would credit the case twice; sorted, they are
 * neighbours, so finding them costs nothing. */
ck_error engine_index_cases(engine_data *data, ck_diag *diag)
{
    /* qsort's pointer must not be NULL even for zero elements. */
    if (data->assignment_count > 0)
        qsort(data->assignments, data->assignment_count, sizeof *data->assignments,
              compare_assignment);
    if (data->case_payment_count > 0)
        qsort(data->case_payments, data->case_payment_count, sizeof *data->case_payments,
              compare_payment);
    for (size_t i = 0; i < data->assignment_count; i++) {
        const engine_assignment *a = &data->assignments[i];
        engine_case *c = &data->cases[a->case_slot];
        if (c->assignment_count++ == 0)
            c->assignment_first = i;
        else if (a[-1].end > a->start)
            return overlap_error(data, c->case_id, diag);
    }
    for (size_t i = 0; i < data->case_payment_count; i++) {
        engine_case *c = &data->cases[data->case_payments[i].case_slot];
        if (c->payment_count++ == 0)
            c->payment_first = i;
    }
    return CK_OK;
}

/* holder(case, t): the agent of the assignment with start_at <= t < end_at. */
static size_t holder_at(const engine_data *data, size_t case_slot, int64_t t)
{
    if (case_slot == IDMAP_NONE)
        return IDMAP_NONE;
    const engine_case *c = &data->cases[case_slot];
    for (size_t i = 0; i < c->assignment_count; i++) {
        const engine_assignment *a = &data->assignments[c->assignment_first + i];
        if (a->start <= t && t < a->end)
            return a->agent_slot;
    }
    return IDMAP_NONE;
}

/* Sum of the case's payments with from <= paid_at < to, both at or after payment_bound. */
static int64_t paid_between(engine_data *data, const engine_case *c, int64_t from, int64_t to)
{
    int64_t sum = 0;
    for (size_t i = 0; i < c->payment_count; i++) {
        const engine_payment *p = &data->case_payments[c->payment_first + i];
        if (p->at >= to)
            break;
        if (p->at >= from)
            engine_add_money(data, &sum, p->amount_minor, "payments", p->payment_id);
    }
    return sum;
}

/* cases_worked and worked_balance: each (agent, case) held at some moment in P once, at
 * t0 = max(P.start, the agent's earliest overlapping start_at on that case). */
static void credit_workload(engine_data *data)
{
    const period *p = &data->request->period;
    for (size_t slot = 0; slot < data->case_count; slot++) {
        const engine_case *c = &data->cases[slot];
        if (c->assignment_count == 0)
            continue; /* data->assignments may be NULL: no pointer arithmetic on it */
        const engine_assignment *list = data->assignments + c->assignment_first;
        for (size_t i = 0; i < c->assignment_count; i++) {
            const engine_assignment *a = &list[i];
            if (!engine_span_in_period(p, a->start, a->end))
                continue;
            /* Sorted by start: an earlier overlapping assignment of the same agent on this
             * case already counted it. */
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                seen = list[j].agent_slot == a->agent_slot &&
                       engine_span_in_period(p, list[j].start, list[j].end);
            if (seen)
                continue;
            int64_t t0 = a->start > p->start ? a->start : p->start;
            int64_t paid = c->paid_before_bound_minor;
            engine_add_money(data, &paid, paid_between(data, c, data->payment_bound, t0), "cases",
                             c->case_id);
            /* paid >= 0 by rule 5 and the balance is within the contract's limit, but a
             * database that breaks both must not wrap */
            int64_t outstanding = 0;
            if (__builtin_sub_overflow(c->placed_balance_minor, paid, &outstanding))
                engine_add_money(data, &outstanding, paid < 0 ? INT64_MAX : INT64_MIN, "cases",
                                 c->case_id);
            kpi_row *row = &data->agents[a->agent_slot].row;
            if (data->request->witness != NULL)
                engine_witness_workload(data, c, a, t0, outstanding);
            row->cases_worked++;
            engine_add_money(data, &row->worked_balance_minor, outstanding > 0 ? outstanding : 0,
                             "cases", c->case_id);
            engine_add_money(data,
                             &data->agents[a->agent_slot]
                                  .review.worked_balance_minor[engine_case_bucket_at(c, t0)],
                             outstanding > 0 ? outstanding : 0, "cases", c->case_id);
        }
    }
}

typedef struct agent_case {
    size_t agent_slot, case_slot;
} agent_case;

static int compare_agent_case(const void *a, const void *b)
{
    const agent_case *x = a, *y = b;
    if (x->agent_slot != y->agent_slot)
        return x->agent_slot < y->agent_slot ? -1 : 1;
    return (x->case_slot > y->case_slot) - (x->case_slot < y->case_slot);
}

/* collected, paying_cases and the total's unassigned_collected (added to *unassigned): the
 * period's payments of the kept cases (each case's are sorted by time), then those of the other
 * cases, summed when they were read. A chunk's cases are no other chunk's, so the distinct
 * (agent, case) pairs of paying_cases add up over chunks. */
static ck_error credit_payments(engine_data *data, int64_t *unassigned)
{
    const period *p = &data->request->period;
    agent_case *paying = NULL;
    size_t paying_count = 0, paying_capacity = 0;
    for (size_t slot = 0; slot < data->case_count; slot++) {
        const engine_case *c = &data->cases[slot];
        if (c->payment_count == 0)
            continue; /* case_payments is NULL when no kept case has a payment */
        const engine_payment *list = data->case_payments + c->payment_first;
        for (size_t i = 0; i < c->payment_count && list[i].at < p->end; i++) {
            const engine_payment *pay = &list[i];
            if (!engine_at_in_period(p, pay->at))
                continue;
            size_t agent = holder_at(data, slot, pay->at);
            if (data->request->witness != NULL)
                engine_witness_payment(data, pay, agent);
            if (agent == IDMAP_NONE) {
                engine_add_money(data, unassigned, pay->amount_minor, "payments", pay->payment_id);
                continue;
            }
            engine_add_money(data, &data->agents[agent].row.collected_minor, pay->amount_minor,
                             "payments", pay->payment_id);
            /* The holder at paid_at held the case in P, so the pair is one of cases_worked
             * and its bucket is the one its t0 balance went to. */
            engine_add_money(data,
                             &data->agents[agent].review.collected_minor[engine_case_bucket_at(
                                 c, engine_pair_t0(data, c, agent))],
                             pay->amount_minor, "payments", pay->payment_id);
            if (pay->amount_minor > 0 &&
                !VEC_PUSH(paying, paying_count, paying_capacity, ((agent_case){agent, slot}))) {
                free(paying);
                return CK_ERR_NOMEM;
            }
        }
    }
    engine_add_money(data, unassigned, data->unlinked_minor[data->month_index], "payments", 0);
    if (paying_count > 0)
        qsort(paying, paying_count, sizeof *paying, compare_agent_case);
    for (size_t i = 0; i < paying_count; i++)
        if (i == 0 || compare_agent_case(&paying[i - 1], &paying[i]) != 0)
            data->agents[paying[i].agent_slot].row.paying_cases++;
    free(paying);
    return CK_OK;
}

/* paid * 100 >= amount * pct without overflow: amount is within the contract's limit and
 * pct at most 100, so the right side fits; a paid sum too large to multiply is past it. */
static bool kept(int64_t paid, int64_t amount, int pct)
{
    int64_t left, right;
    if (__builtin_mul_overflow(amount, (int64_t)pct, &right))
        return false; /* not reached: the loader refuses amounts past the limit */
    if (__builtin_mul_overflow(paid, (int64_t)100, &left))
        return paid > 0;
    return left >= right;
}

/* Judges one promise (kpi.md "Promises to pay"); fills what the lists show. */
static void judge_promise(engine_data *data, const engine_promise *promise, int64_t as_of,
                          kpi_promise *out)
{
    const settings *s = &data->request->settings;
    const engine_case *c = &data->cases[promise->case_slot];
    out->window_end = (promise->due_on + s->grace_days + 1) * DATETIME_SECONDS_PER_DAY;
    out->paid_toward_minor = paid_between(data, c, promise->made_at, out->window_end);
    if (out->window_end > as_of)
        out->status = KPI_PROMISE_PENDING;
    else if (kept(out->paid_toward_minor, promise->amount_minor, s->kept_threshold_pct))
        out->status = KPI_PROMISE_KEPT;
    else
        out->status = KPI_PROMISE_BROKEN;
}

/* Judges the loaded promises into the agents' rows; with lists, keeps the broken and pending
 * ones (engine_list_promise). */
static ck_error credit_promises(engine_data *data, int64_t as_of, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (size_t i = 0; i < data->promise_count; i++) {
        const engine_promise *promise = &data->promises_due[i];
        kpi_promise one;
        kpi_promise *j = &one;
        memset(j, 0, sizeof *j);
        judge_promise(data, promise, as_of, j);
        if (data->request->witness != NULL)
            engine_witness_promise(data, promise, j);
        if (data->request->want_lists && !data->request->breach_list_only &&
            (err = engine_list_promise(data, promise, j, diag)) != CK_OK)
            return err;
        kpi_row *row = &data->agents[promise->agent_slot].row;
        row->ptp_due++;
        if (j->status == KPI_PROMISE_PENDING) {
            row->ptp_pending++;
            continue;
        }
        if (j->status == KPI_PROMISE_KEPT)
            row->ptp_kept++;
        else
            row->ptp_broken++;
        int64_t credited = j->paid_toward_minor > 0 ? j->paid_toward_minor : 0;
        engine_add_money(data, &row->ptp_judged_amount_minor, promise->amount_minor, "promises",
                         promise->promise_id);
        engine_add_money(data, &row->ptp_credited_paid_minor,
                         credited < promise->amount_minor ? credited : promise->amount_minor,
                         "promises", promise->promise_id);
    }
    return CK_OK;
}

/* Resolutions: a case closed in P with a resolved reason, credited to the assignment with
 * start_at < closed_at <= end_at. Appends (agent slot, days) pairs to out (room for one per
 * case). */
static void credit_closures(engine_data *data, kpi_resolution *out, size_t *count)
{
    const period *p = &data->request->period;
    unsigned resolved_mask = data->request->settings.resolved_mask;
    for (size_t slot = 0; slot < data->case_count; slot++) {
        const engine_case *c = &data->cases[slot];
        if (c->close_reason < 0 || !engine_at_in_period(p, c->closed_at))
            continue;
        if (!(resolved_mask & (1u << c->close_reason))) {
            if (data->request->witness != NULL)
                engine_witness_closure_refused(data, c, WITNESS_NOT_RESOLVED);
            continue;
        }
        bool credited = false;
        for (size_t i = 0; i < c->assignment_count && !credited; i++) {
            const engine_assignment *a = &data->assignments[c->assignment_first + i];
            if (a->start < c->closed_at && c->closed_at <= a->end) {
                data->agents[a->agent_slot].row.cases_resolved++;
                out[(*count)++] =
                    (kpi_resolution){a->agent_slot, (double)(c->closed_at - c->placed_at) /
                                                        (double)DATETIME_SECONDS_PER_DAY};
                if (data->request->witness != NULL)
                    engine_witness_resolution(data, c, a, out[*count - 1].days);
                credited = true;
            }
        }
        if (!credited && data->request->witness != NULL)
            engine_witness_closure_refused(data, c, WITNESS_NO_HOLDER);
    }
}

static void credit_complaints(engine_data *data)
{
    for (size_t i = 0; i < data->complaint_count; i++) {
        const engine_complaint *c = &data->complaints[i];
        if (c->agent_slot == IDMAP_NONE)
            continue;
        if (data->request->witness != NULL)
            engine_witness_complaint(data, c);
        kpi_row *row = &data->agents[c->agent_slot].row;
        row->complaints++;
        row->complaints_substantiated += c->substantiated == 1;
        row->complaints_under_review += c->substantiated == -1;
        data->agents[c->agent_slot].review.critical_complaints_upheld +=
            c->substantiated == 1 &&
            (data->request->settings.score.critical_category_mask & (1u << c->category)) != 0;
    }
}

/* ---- building the result: agent rows, team rows, the total, the lists ---- */

typedef struct build_state {
    engine_data *data;
    kpi_result *result;
    size_t *result_index_of_agent; /* agent slot -> index in result->agents or KPI_NO_INDEX */
    kpi_resolution *resolutions;   /* agent slots, sorted by agent then days */
    size_t resolution_count;
    ck_diag *diag;
} build_state;

static int compare_resolution(const void *a, const void *b)
{
    const kpi_resolution *x = a, *y = b;
    if (x->agent_index != y->agent_index)
        return x->agent_index < y->agent_index ? -1 : 1;
    return (x->days > y->days) - (x->days < y->days);
}

static int compare_agent_entry(const void *a, const void *b)
{
    const kpi_agent *x = a, *y = b;
    int c = strcmp(x->employee_no, y->employee_no);
    return c != 0 ? c : (x->agent_id > y->agent_id) - (x->agent_id < y->agent_id);
}

static int compare_team_entry(const void *a, const void *b)
{
    const kpi_team *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : (x->team_id > y->team_id) - (x->team_id < y->team_id);
}

/* Days of the resolutions of one team's agents (all agents for KPI_NO_INDEX), sorted. */
static ck_error pooled_days(const kpi_resolution *list, size_t count, const kpi_result *result,
                            size_t team_index, double **out, size_t *out_count)
{
    double *days = malloc((count + 1) * sizeof *days);
    size_t n = 0;
    if (days == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < count; i++)
        if (team_index == KPI_NO_INDEX ||
            result->agents[list[i].agent_index].team_index == team_index)
            days[n++] = list[i].days;
    qsort(days, n, sizeof *days, stats_compare_double);
    *out = days;
    *out_count = n;
    return CK_OK;
}

static ck_error build_agents(build_state *st)
{
    engine_data *data = st->data;
    kpi_result *result = st->result;
    /* Agent rows: only agents with any count or money in the period (kpi.md). */
    result->agents = calloc(data->agent_count + 1, sizeof *result->agents);
    if (result->agents == NULL)
        return CK_ERR_NOMEM;
    for (size_t slot = 0; slot < data->agent_count; slot++) {
        engine_agent *agent = &data->agents[slot];
        if (!kpi_row_has_activity(&agent->row))
            continue;
        kpi_agent *out = &result->agents[result->agent_count++];
        out->agent_id = agent->agent_id;
        out->employee_no = agent->employee_no; /* ownership moves to the result */
        out->name = agent->name;
        agent->employee_no = agent->name = NULL;
        out->team_index = agent->team_slot; /* a team slot until build_teams */
        out->row = agent->row;
        out->review = agent->review;
        out->hired_on = agent->hired_on;
        out->has_left_on = agent->has_left_on;
        out->left_on = agent->left_on;
    }
    qsort(result->agents, result->agent_count, sizeof *result->agents, compare_agent_entry);
    for (size_t slot = 0; slot < data->agent_count; slot++)
        st->result_index_of_agent[slot] = KPI_NO_INDEX;
    for (size_t i = 0; i < result->agent_count; i++)
        st->result_index_of_agent[idmap_find(&data->agent_ids, result->agents[i].agent_id)] = i;
    /* Resolutions refer to result agents from here on. */
    for (size_t i = 0; i < st->resolution_count; i++)
        st->resolutions[i].agent_index = st->result_index_of_agent[st->resolutions[i].agent_index];
    qsort(st->resolutions, st->resolution_count, sizeof *st->resolutions, compare_resolution);
    size_t r = 0;
    for (size_t i = 0; i < result->agent_count; i++) {
        size_t first = r;
        while (r < st->resolution_count && st->resolutions[r].agent_index == i)
            r++;
        double *days = malloc((r - first + 1) * sizeof *days);
        if (days == NULL)
            return CK_ERR_NOMEM;
        for (size_t k = first; k < r; k++)
            days[k - first] = st->resolutions[k].days;
        kpi_row_finish(&result->agents[i].row, days, r - first);
        free(days);
    }
    return CK_OK;
}

static ck_error build_teams(build_state *st)
{
    engine_data *data = st->data;
    kpi_result *result = st->result;
    size_t *result_index_of_team = malloc((data->team_count + 1) * sizeof *result_index_of_team);
    ck_error err = CK_OK;
    result->teams = calloc(data->team_count + 1, sizeof *result->teams);
    if (result->teams == NULL || result_index_of_team == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    for (size_t t = 0; t < data->team_count; t++)
        result_index_of_team[t] = KPI_NO_INDEX;
    for (size_t i = 0; i < result->agent_count; i++) {
        size_t t = result->agents[i].team_index;
        if (result_index_of_team[t] == KPI_NO_INDEX) {
            kpi_team *team = &result->teams[result->team_count];
            team->team_id = data->teams[t].team_id;
            team->name = data->teams[t].name;
            data->teams[t].name = NULL;
            result_index_of_team[t] = result->team_count++;
        }
    }
    qsort(result->teams, result->team_count, sizeof *result->teams, compare_team_entry);
    /* Re-point agents at the sorted team list. */
    for (size_t i = 0; i < result->agent_count; i++) {
        int64_t team_id = data->teams[result->agents[i].team_index].team_id;
        for (size_t t = 0; t < result->team_count; t++)
            if (result->teams[t].team_id == team_id)
                result->agents[i].team_index = t;
    }
    for (size_t i = 0; i < result->agent_count && err == CK_OK; i++) {
        if (!kpi_row_add(&result->teams[result->agents[i].team_index].row,
                         &result->agents[i].row) ||
            !kpi_row_add(&result->total, &result->agents[i].row)) {
            ck_diag_set(st->diag,
                        "the money of team '%s' or of all agents sums beyond the int64 range; "
                        "run 'collectkpi check' on the database",
                        result->teams[result->agents[i].team_index].name);
            err = CK_ERR_DATA;
        }
    }
    for (size_t t = 0; t <= result->team_count && err == CK_OK; t++) {
        bool is_total = t == result->team_count;
        double *days = NULL;
        size_t day_count = 0;
        err = pooled_days(st->resolutions, st->resolution_count, result,
                          is_total ? KPI_NO_INDEX : t, &days, &day_count);
        if (err == CK_OK)
            kpi_row_finish(is_total ? &result->total : &result->teams[t].row, days, day_count);
        free(days);
    }
done:
    free(result_index_of_team);
    return err;
}

/* Credits the loaded cases' workload, payments, promises and closures to the agent rows
 * (kpi.md), adding to what earlier chunks credited: with lists, data->listed gains the chunk's
 * broken and pending promises; st->resolutions gains the closures. Fails (CK_ERR_DATA) when a
 * sum of money overflowed. */
static ck_error credit_cases(engine_data *data, kpi_result *result, build_state *st, ck_diag *diag)
{
    credit_workload(data);
    ck_error err = credit_payments(data, &result->unassigned_collected_minor);
    if (err != CK_OK)
        return err;
    /* room for this chunk's closures in P (at most one resolution each); a run of months keeps
     * every month's list through the chunks, so room for every case would add up */
    size_t closed = 0;
    for (size_t slot = 0; slot < data->case_count; slot++)
        closed += data->cases[slot].close_reason >= 0 &&
                  engine_at_in_period(&data->request->period, data->cases[slot].closed_at);
    kpi_resolution *grown =
        realloc(st->resolutions, (st->resolution_count + closed + 1) * sizeof *grown);
    if (grown == NULL)
        return CK_ERR_NOMEM;
    st->resolutions = grown;
    if (st->result_index_of_agent == NULL &&
        (st->result_index_of_agent =
             malloc((data->agent_count + 1) * sizeof *st->result_index_of_agent)) == NULL)
        return CK_ERR_NOMEM;
    if ((err = credit_promises(data, result->as_of, diag)) != CK_OK)
        return err;
    if (data->overflow) {
        ck_diag_set(diag,
                    "%s row %lld: a sum of money with this row's amount goes beyond the int64 "
                    "range (each amount is at most %lld minor units); run 'collectkpi check' "
                    "on the database",
                    data->overflow_table, (long long)data->overflow_id,
                    (long long)SCHEMA_MONEY_MAX);
        return CK_ERR_DATA;
    }
    credit_closures(data, st->resolutions, &st->resolution_count);
    return CK_OK;
}

/* The loaded period: its cases (credit_cases), then its complaints. */
static ck_error credit_period(engine_data *data, kpi_result *result, build_state *st, ck_diag *diag)
{
    ck_error err = credit_cases(data, result, st, diag);
    if (err == CK_OK)
        credit_complaints(data);
    return err;
}

/* A long period without witness, in chunks of cases (engine_case_chunks), the people loaded:
 * each chunk's cases loaded, credited and freed (while other threads count the contacts, or
 * the breach pass reads its months and counts them), then the complaints and the per-agent
 * counts. Every figure is a count or a sum over cases (paying_cases over (agent, case) pairs,
 * the resolutions a list), so the chunks add up to the figures of one load; with lists, each
 * chunk keeps its listed promises (engine_lists.c), which are one case's each. */
static ck_error load_and_credit_chunked(engine_data *data, kpi_result *result, build_state *st,
                                        const int64_t *bounds, size_t chunk_count, ck_diag *diag)
{
    engine_contact_job *job = NULL;
    ck_error err = engine_load_counts_start(data, &job);
    data->case_chunked = true;
    for (size_t k = 0; k < chunk_count && err == CK_OK; k++) {
        data->case_lo = bounds[k];
        data->case_hi = k + 1 < chunk_count ? bounds[k + 1] - 1 : INT64_MAX;
        err = engine_load_cases(data, diag);
        if (err == CK_OK)
            err = engine_index_cases(data, diag);
        if (err == CK_OK)
            err = credit_cases(data, result, st, diag);
        engine_data_free_cases(data);
        free(data->promises_due);
        data->promises_due = NULL;
        data->promise_count = data->promise_capacity = 0;
    }
    if (err != CK_OK) {
        engine_contacts_finish(data, job, NULL);
        return err;
    }
    err = engine_load_rest(data, job, diag);
    if (err == CK_OK)
        credit_complaints(data);
    return err;
}

ck_error engine_month_credit_cases(engine_data *data, kpi_result *result,
                                   kpi_resolution **resolutions, size_t *resolution_count,
                                   ck_diag *diag)
{
    build_state st;
    memset(&st, 0, sizeof st);
    st.resolutions = *resolutions;
    st.resolution_count = *resolution_count;
    ck_error err = credit_cases(data, result, &st, diag);
    *resolutions = st.resolutions;
    *resolution_count = st.resolution_count;
    free(st.result_index_of_agent);
    return err;
}

ck_error engine_month_finish(engine_data *data, kpi_result *result, kpi_resolution *resolutions,
                             size_t resolution_count, cc_pass *pass, ck_diag *diag)
{
    build_state st;
    memset(&st, 0, sizeof st);
    st.data = data;
    st.result = result;
    st.diag = diag;
    st.resolutions = resolutions;
    st.resolution_count = resolution_count;
    credit_complaints(data);
    st.result_index_of_agent = malloc((data->agent_count + 1) * sizeof *st.result_index_of_agent);
    ck_error err = st.result_index_of_agent != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK && (err = build_agents(&st)) == CK_OK && (err = build_teams(&st)) == CK_OK)
        kpi_review_finish(result);
    /* as engine_run: the compliance rows once the agents' and teams' rows are built */
    if (err == CK_OK && pass != NULL)
        err = engine_compliance_finish(data->db, pass, result, st.result_index_of_agent, diag);
    free(st.resolutions);
    free(st.result_index_of_agent);
    return err;
}

ck_error engine_run(sqlite3 *db, const engine_request *request, kpi_result **out, ck_diag *diag)
{
    engine_data data;
    build_state st;
    cc_pass *pass = NULL;
    bool in_transaction = false;
    int64_t *chunk_bounds = NULL;
    size_t chunk_count = 1;
    memset(&data, 0, sizeof data);
    memset(&st, 0, sizeof st);
    data.request = request;
    data.db = db;
    idmap_init(&data.agent_ids);
    idmap_init(&data.case_ids);
    *out = NULL;
    kpi_result *result = calloc(1, sizeof *result);
    ck_error err = result ? CK_OK : CK_ERR_NOMEM;
    if (err != CK_OK)
        goto done;
    result->period = request->period;
    result->settings = request->settings;
    /* One read transaction for the whole run: every query sees the same snapshot, and
     * SQLite takes its file lock once instead of once per statement (which, for the
     * per-case lookups, would cost more than the lookups themselves). */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
        in_transaction = true;
    err = engine_data_cutoff(db, &result->has_cutoff, &result->data_cutoff, diag);
    if (err != CK_OK)
        goto done;
    err = engine_coverage(db, &request->period, result->has_cutoff, result->data_cutoff,
                          &result->coverage, diag);
    if (err != CK_OK)
        goto done;
    result->as_of_given = request->has_as_of;
    result->as_of = request->has_as_of   ? request->as_of
                    : result->has_cutoff ? result->data_cutoff
                                         : request->period.end;
    if ((err = engine_load_agents(&data, diag)) != CK_OK)
        goto done;
    /* The breach pass reads the contacts (on a second thread when it may) while the kpi rows
     * load, from before the chunks of cases are cut (a long period's cut reads every
     * assignment of the period on this thread alone); its records give the agent rows their
     * contact counts (engine_load skips that query). */
    if (request->want_compliance && !request->breach_pass_after_loads &&
        (err = engine_compliance_start(db, request, &data.agent_ids, data.agents, data.agent_count,
                                       &pass, diag)) != CK_OK)
        goto done;
    /* Explain's witness needs every case of the period at once; any other run of a long
     * period is read in chunks of cases (memory stays flat; the lists keep only their own
     * compact rows; the breach pass reads its own records, a month at a time). */
    if (request->witness == NULL &&
        (err = engine_case_chunks(&data, &chunk_bounds, &chunk_count, diag)) != CK_OK)
        goto done;
    if (chunk_count > 1) {
        if (pass != NULL)
            engine_compliance_rows_in_chunks(pass);
        if ((err = load_and_credit_chunked(&data, result, &st, chunk_bounds, chunk_count, diag)) !=
            CK_OK)
            goto done;
    } else {
        if ((err = engine_load_rows(&data, diag)) != CK_OK)
            goto done;
        if ((err = engine_index_cases(&data, diag)) != CK_OK)
            goto done;
        if ((err = credit_period(&data, result, &st, diag)) != CK_OK)
            goto done;
    }
    /* The cases are credited: their rows go before the pass reads the months its thread has
     * not read beside the loads, so the two never take memory at the same time. The pass's
     * contact counts come before the rows are built. */
    engine_data_free_cases(&data);
    if (request->want_compliance && pass == NULL) {
#if defined(__GLIBC__)
        /* The case rows were many small blocks (strings, map nodes) that glibc keeps in its
         * heap once freed: give those pages back before the pass's months take their place. */
        malloc_trim(0);
#endif
        if ((err = engine_compliance_start(db, request, &data.agent_ids, data.agents,
                                           data.agent_count, &pass, diag)) != CK_OK)
            goto done;
    }
    if (pass != NULL && (err = engine_compliance_wait(db, pass, data.agents, diag)) != CK_OK)
        goto done;

    st.data = &data;
    st.result = result;
    st.diag = diag;
    if ((err = build_agents(&st)) != CK_OK || (err = build_teams(&st)) != CK_OK)
        goto done;
    kpi_review_finish(result);
    if (request->want_lists && !request->breach_list_only)
        err = engine_build_lists(&data, result, st.result_index_of_agent, &st.resolutions,
                                 st.resolution_count, diag);
    if (err == CK_OK && pass != NULL)
        err = engine_compliance_finish(db, pass, result, st.result_index_of_agent, diag);
done:
    /* A thread still reading (the run failed before waiting for it) ends before its agent map
     * and the snapshot go. */
    engine_compliance_free(pass);
    if (in_transaction)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    free(chunk_bounds);
    free(st.resolutions);
    free(st.result_index_of_agent);
    engine_data_free(&data);
    if (err != CK_OK) {
        kpi_result_free(result);
        result = NULL;
    }
    *out = result;
    return err;
}
