/* report_headline.c - the headline figures and whether their change is news (report.h).
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
