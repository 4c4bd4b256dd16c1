/* kpi_review.c - case-mix adjusted recovery of scorecard.md from the engine's buckets.
 *
 * The engine credits each (agent, case) pair's t0 balance and payments to the bucket of the
 * case's days past due at t0; everything after that is arithmetic on sums, here: the
 * portfolio's rate per bucket over every agent, each row's expected collections at those
 * rates, and the recovery index. Team and total rows sum their agents' collected and
 * expected_collected (never an average of indexes), so the total's index is 1 up to rounding
 * whenever every bucket with collections also had a balance.
 */
#include <string.h>

#include "collectkpi/kpi.h"

static const char *const bucket_keys[KPI_BUCKET_COUNT] = {"m1", "m2", "m3", "m4_6", "m7_plus"};

const char *kpi_bucket_key(kpi_bucket bucket)
{
    return bucket < KPI_BUCKET_COUNT ? bucket_keys[bucket] : "";
}

kpi_bucket kpi_bucket_of_dpd(int64_t dpd)
{
    if (dpd <= 30)
        return KPI_BUCKET_M1;
    if (dpd <= 60)
        return KPI_BUCKET_M2;
    if (dpd <= 90)
        return KPI_BUCKET_M3;
    if (dpd <= 180)
        return KPI_BUCKET_M4_6;
    return KPI_BUCKET_M7_PLUS;
}

void kpi_review_add(kpi_review_row *dst, const kpi_review_row *src)
{
    for (int b = 0; b < KPI_BUCKET_COUNT; b++) {
        dst->worked_balance_minor[b] += src->worked_balance_minor[b];
        dst->collected_minor[b] += src->collected_minor[b];
    }
    dst->critical_complaints_upheld += src->critical_complaints_upheld;
}

/* expected_collected of a row from its own buckets. */
static double expected_of(const kpi_review_row *review, const double *rate)
{
    double expected = 0;
    for (int b = 0; b < KPI_BUCKET_COUNT; b++)
        expected += (double)review->worked_balance_minor[b] * rate[b];
    return expected;
}

static void finish_ratios(kpi_review_row *review, const kpi_row *row)
{
    review->recovery_index =
        stats_ratio((double)row->collected_minor, review->expected_collected_minor);
    review->complaints_upheld_per_1k_contacts =
        stats_ratio_i64(row->complaints_substantiated * 1000, row->contacts);
}

void kpi_review_finish(kpi_result *result)
{
    kpi_review_row *total = &result->total_review;
    memset(total, 0, sizeof *total);
    for (size_t t = 0; t < result->team_count; t++)
        memset(&result->teams[t].review, 0, sizeof result->teams[t].review);
    for (size_t i = 0; i < result->agent_count; i++) {
        const kpi_agent *agent = &result->agents[i];
        kpi_review_add(&result->teams[agent->team_index].review, &agent->review);
        kpi_review_add(total, &agent->review);
    }
    /* Agents without a row have no balance and no collections, so the result's agents are
     * every agent of the database as far as r[b] is concerned. */
    for (int b = 0; b < KPI_BUCKET_COUNT; b++) {
        stats_value r = stats_ratio_i64(total->collected_minor[b], total->worked_balance_minor[b]);
        result->bucket_rate[b] = r.defined ? r.value : 0.0;
    }
    for (size_t i = 0; i < result->agent_count; i++) {
        kpi_agent *agent = &result->agents[i];
        agent->review.expected_collected_minor = expected_of(&agent->review, result->bucket_rate);
        finish_ratios(&agent->review, &agent->row);
        result->teams[agent->team_index].review.expected_collected_minor +=
            agent->review.expected_collected_minor;
        total->expected_collected_minor += agent->review.expected_collected_minor;
    }
    for (size_t t = 0; t < result->team_count; t++)
        finish_ratios(&result->teams[t].review, &result->teams[t].row);
    finish_ratios(total, &result->total);
}
