/* report_headline.c - the headline figures, whether their change is news, and which figures
 * carry a RAG colour (report.h).
 *
 * The Summary sheet and the dashboard show the same figures and colour a change the same
 * way, so a reader who sees both is never told two stories.
 */
#include "collectkpi/report.h"

#include <stdlib.h>
#include <string.h>

const report_headline report_headlines[] = {
    {"collected", 1, false},
    {"recovery_rate", 1, false},
    {"paying_case_rate", 1, false},
    {"ptp_kept_rate", 1, false},
    {"cases_resolved", 1, false},
    {"complaints", -1, true},
    {"complaints_substantiated", -1, true},
    {"complaints_per_1k_contacts", -1, true},
    {"csat_mean", 1, true},
    {"contacts", 0, true},
};
const size_t report_headline_count = sizeof report_headlines / sizeof report_headlines[0];

double report_review_share(const kpi_row *row)
{
    stats_value share = stats_ratio_i64(row->complaints_under_review, row->complaints);
    return share.defined ? share.value : 0.0;
}

bool report_review_shares_differ(const kpi_row *now, const kpi_row *before)
{
    double gap = (report_review_share(now) - report_review_share(before)) * 100.0;
    return gap > REPORT_REVIEW_GAP_POINTS || gap < -REPORT_REVIEW_GAP_POINTS;
}

int report_change_tone(const report_data *data, const report_headline *headline, int sign)
{
    if (sign == 0 || headline->rise == 0 || data->previous == NULL)
        return 0;
    /* Against a month the data has not reached, every figure "changes": that is no news. */
    if (!kpi_result_comparable(data->current) || !kpi_result_comparable(data->previous))
        return 0;
    if (strcmp(headline->key, "complaints_substantiated") == 0 &&
        report_review_shares_differ(&data->current->total, &data->previous->total))
        return 0;
    return sign == headline->rise ? 1 : -1;
}

void report_restated_free(report_restated *list, size_t count)
{
    for (size_t i = 0; list != NULL && i < count; i++) {
        free(list[i].scope);
        free(list[i].name);
        free(list[i].key);
        free(list[i].old_value);
        free(list[i].new_value);
        free(list[i].old_cutoff);
        free(list[i].new_cutoff);
    }
    free(list);
}

bool report_rag_of_column(const score_row *scores, const kpi_row *row, const char *key,
                          score_rag *rag)
{
    if (scores == NULL)
        return false;
    if (strcmp(key, "complaints_substantiated") == 0) {
        if (row->complaints_substantiated <= 0)
            return false;
        *rag = SCORE_RAG_RED;
        return true;
    }
    static const struct {
        const char *key;
        settings_measure measure;
    } coloured[] = {
        {"ptp_kept_rate", SETTINGS_MEASURE_PTP_KEPT_RATE},
        {"rpc_rate", SETTINGS_MEASURE_RPC_RATE},
        {"csat_mean", SETTINGS_MEASURE_CSAT},
        {"recovery_index", SETTINGS_MEASURE_RECOVERY_INDEX},
        {"complaints_upheld_per_1k_contacts", SETTINGS_MEASURE_COMPLAINTS_UPHELD},
        {"breaches_per_1k_outbound", SETTINGS_MEASURE_BREACHES},
    };
    for (size_t i = 0; i < sizeof coloured / sizeof coloured[0]; i++)
        if (strcmp(key, coloured[i].key) == 0) {
            *rag = scores->measure[coloured[i].measure].rag;
            return true;
        }
    return false;
}

typedef struct score_order_entry {
    size_t agent;
    const score_row *row;
    const char *employee_no;
} score_order_entry;

static int compare_score_order(const void *a, const void *b)
{
    const score_order_entry *x = a, *y = b;
    bool xr = x->row->rank > 0, yr = y->row->rank > 0;
    if (xr != yr)
        return xr ? -1 : 1;
    if (xr && x->row->rank != y->row->rank)
        return x->row->rank < y->row->rank ? -1 : 1;
    if (!xr && x->row->note != y->row->note)
        return x->row->note < y->row->note ? -1 : 1;
    return strcmp(x->employee_no, y->employee_no);
}

size_t *report_score_order(const kpi_result *r, const score_table *scores, size_t *ranked)
{
    score_order_entry *entries = calloc(r->agent_count + 1, sizeof *entries);
    size_t *order = calloc(r->agent_count + 1, sizeof *order);
    *ranked = 0;
    if (entries == NULL || order == NULL) {
        free(entries);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < r->agent_count; i++) {
        entries[i] = (score_order_entry){i, &scores->agents[i], r->agents[i].employee_no};
        *ranked += scores->agents[i].rank > 0;
    }
    qsort(entries, r->agent_count, sizeof *entries, compare_score_order);
    for (size_t i = 0; i < r->agent_count; i++)
        order[i] = entries[i].agent;
    free(entries);
    return order;
}
