/* explain_review.c - scorecard.md's figures built on kpi.md's rows: the case-mix adjusted
 * expected_collected and recovery_index, and the Wilson intervals of three rates.
 *
 * The pairs and payments are the engine's witnessed rows; r[b] and the portfolio sums are the
 * engine's own (kpi_result.bucket_rate, total_review), and the arithmetic is the contract's
 * (score_wilson; expected summed per agent in the result's order, as kpi_review_finish does),
 * so the re-added value lands on what `score` prints to the last bit.
 */
#include <math.h>
#include <stdlib.h>

#include "collectkpi/score.h"
#include "explain_internal.h"

bool explain_op_needs_payments(explain_op op)
{
    return op == EXPLAIN_OP_EXPECTED || op == EXPLAIN_OP_INDEX;
}

typedef struct pair_payment {
    int64_t agent_id, case_id, amount_minor;
} pair_payment;

static int compare_pair(const void *a, const void *b)
{
    const pair_payment *x = a, *y = b;
    if (x->agent_id != y->agent_id)
        return x->agent_id < y->agent_id ? -1 : 1;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/* The part of result whose rows are the worked pairs. */
static explain_part *pairs_part(explain_result *result)
{
    for (size_t p = 0; p < result->part_count; p++)
        if (result->parts[p].count > 0 && result->parts[p].rows[0].event.kind == WITNESS_WORKLOAD)
            return &result->parts[p];
    return NULL;
}

ck_error explain_casemix_fill(const kpi_result *kr, const witness_event *events, size_t event_count,
                              explain_result *result)
{
    explain_casemix *m = &result->casemix;
    result->has_casemix = true;
    for (int b = 0; b < KPI_BUCKET_COUNT; b++) {
        m->portfolio_worked_minor[b] = kr->total_review.worked_balance_minor[b];
        m->portfolio_collected_minor[b] = kr->total_review.collected_minor[b];
        m->rate[b] = kr->bucket_rate[b];
    }
    /* the target's credited payments, by (agent, case): each belongs to a worked pair */
    pair_payment *pays = malloc((event_count + 1) * sizeof *pays);
    if (pays == NULL)
        return CK_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < event_count; i++) {
        const witness_event *e = &events[i];
        if (e->kind != WITNESS_PAYMENT || !e->has_agent)
            continue;
        pays[n++] = (pair_payment){e->agent_id, e->case_id, e->amount_minor};
        m->collected_minor[e->bucket] += e->amount_minor;
    }
    if (n > 0)
        qsort(pays, n, sizeof *pays, compare_pair);
    explain_part *part = pairs_part(result);
    for (size_t i = 0; part != NULL && i < part->count; i++) {
        explain_row *row = &part->rows[i];
        pair_payment key = {row->event.agent_id, row->event.case_id, 0};
        const pair_payment *found =
            n > 0 ? bsearch(&key, pays, n, sizeof *pays, compare_pair) : NULL;
        if (found != NULL) {
            while (found > pays && compare_pair(found - 1, &key) == 0)
                found--;
            for (; found < pays + n && compare_pair(found, &key) == 0; found++)
                row->pair_collected_minor += found->amount_minor;
        }
        m->worked_balance_minor[row->event.bucket] += row->event.amount_minor;
    }
    /* expected_collected: per agent (rows of the result, in its order) sum over b of
     * worked_balance[b] x r[b], then summed over the target's agents */
    for (int b = 0; b < KPI_BUCKET_COUNT; b++)
        m->expected_by_bucket[b] = (double)m->worked_balance_minor[b] * m->rate[b];
    m->expected_minor = 0;
    for (size_t a = 0; part != NULL && a < kr->agent_count; a++) {
        int64_t worked[KPI_BUCKET_COUNT] = {0};
        bool any = false;
        for (size_t i = 0; i < part->count; i++)
            if (part->rows[i].event.agent_id == kr->agents[a].agent_id) {
                worked[part->rows[i].event.bucket] += part->rows[i].event.amount_minor;
                any = true;
            }
        if (!any)
            continue;
        double expected = 0;
        for (int b = 0; b < KPI_BUCKET_COUNT; b++)
            expected += (double)worked[b] * m->rate[b];
        m->expected_minor += expected;
    }
    free(pays);
    return CK_OK;
}

kpi_cell explain_review_readd(const explain_result *result)
{
    kpi_cell cell = {false, 0, 0.0};
    int64_t a = result->part_count > 0 ? result->parts[0].number : 0;
    int64_t b = result->part_count > 1 ? result->parts[1].number : 0;
    stats_value v = {false, 0};
    switch (result->op) {
    case EXPLAIN_OP_EXPECTED:
        cell.defined = true;
        cell.value = result->casemix.expected_minor;
        cell.integer = llround(cell.value);
        return cell;
    case EXPLAIN_OP_INDEX: v = stats_ratio((double)a, result->casemix.expected_minor); break;
    case EXPLAIN_OP_WILSON_LO: v = score_wilson(a, b).lo; break;
    case EXPLAIN_OP_WILSON_HI: v = score_wilson(a, b).hi; break;
    default: break;
    }
    cell.defined = v.defined;
    cell.value = v.value;
    return cell;
}
