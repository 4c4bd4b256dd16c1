/* kpi.c - the column table of kpi.md and the row arithmetic shared by agents, teams and the
 * total. A team or total row is the sum of its agents' counts and money with every rate
 * recomputed from the summed parts (kpi.md: "never by averaging rates"). */
#include "collectkpi/kpi.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define COL(key, kind)                                                                             \
    {                                                                                              \
#key, kind, offsetof(kpi_row, key)                                                         \
    }
#define MONEY(key)                                                                                 \
    {                                                                                              \
#key, KPI_KIND_MONEY, offsetof(kpi_row, key##_minor)                                       \
    }

const kpi_column kpi_columns[] = {
    COL(cases_worked, KPI_KIND_COUNT),
    MONEY(worked_balance),
    MONEY(collected),
    COL(recovery_rate, KPI_KIND_RATE),
    COL(paying_cases, KPI_KIND_COUNT),
    COL(paying_case_rate, KPI_KIND_RATE),
    COL(contacts, KPI_KIND_COUNT),
    COL(call_attempts, KPI_KIND_COUNT),
    COL(rpc, KPI_KIND_COUNT),
    COL(rpc_rate, KPI_KIND_RATE),
    COL(ptp_made, KPI_KIND_COUNT),
    MONEY(ptp_made_amount),
    COL(ptp_rate, KPI_KIND_RATE),
    COL(ptp_due, KPI_KIND_COUNT),
    COL(ptp_pending, KPI_KIND_COUNT),
    COL(ptp_kept, KPI_KIND_COUNT),
    COL(ptp_broken, KPI_KIND_COUNT),
    COL(ptp_kept_rate, KPI_KIND_RATE),
    COL(ptp_kept_amount_rate, KPI_KIND_RATE),
    COL(cases_resolved, KPI_KIND_COUNT),
    COL(resolution_days_mean, KPI_KIND_DAYS),
    COL(resolution_days_median, KPI_KIND_DAYS),
    COL(resolution_days_p90, KPI_KIND_DAYS),
    COL(complaints, KPI_KIND_COUNT),
    COL(complaints_substantiated, KPI_KIND_COUNT),
    COL(complaints_per_1k_contacts, KPI_KIND_PER_1K),
    COL(surveys, KPI_KIND_COUNT),
    COL(csat_mean, KPI_KIND_SCORE),
};
const size_t kpi_column_count = sizeof kpi_columns / sizeof kpi_columns[0];

kpi_cell kpi_row_cell(const kpi_row *row, const kpi_column *column)
{
    kpi_cell cell = {false, 0, 0.0};
    const char *base = (const char *)row + column->offset;
    if (column->kind == KPI_KIND_COUNT || column->kind == KPI_KIND_MONEY) {
        memcpy(&cell.integer, base, sizeof cell.integer);
        cell.defined = true;
        cell.value = (double)cell.integer;
    } else {
        stats_value v;
        memcpy(&v, base, sizeof v);
        cell.defined = v.defined;
        cell.value = v.defined ? v.value : 0.0;
    }
    return cell;
}

kpi_cell kpi_cell_change(kpi_cell now, kpi_cell before)
{
    kpi_cell change = {false, 0, 0.0};
    if (!now.defined || !before.defined)
        return change;
    change.defined = true;
    change.integer = now.integer - before.integer;
    change.value = now.value - before.value;
    return change;
}

const kpi_column *kpi_column_find(const char *key)
{
    for (size_t i = 0; i < kpi_column_count; i++)
        if (strcmp(kpi_columns[i].key, key) == 0)
            return &kpi_columns[i];
    return NULL;
}

void kpi_row_finish(kpi_row *row, const double *sorted_days, size_t day_count)
{
    row->recovery_rate = stats_ratio_i64(row->collected_minor, row->worked_balance_minor);
    row->paying_case_rate = stats_ratio_i64(row->paying_cases, row->cases_worked);
    row->rpc_rate = stats_ratio_i64(row->rpc, row->call_attempts);
    row->ptp_rate = stats_ratio_i64(row->ptp_made, row->rpc);
    row->ptp_kept_rate = stats_ratio_i64(row->ptp_kept, row->ptp_kept + row->ptp_broken);
    row->ptp_kept_amount_rate =
        stats_ratio_i64(row->ptp_credited_paid_minor, row->ptp_judged_amount_minor);
    row->resolution_days_mean = stats_mean(sorted_days, day_count);
    row->resolution_days_median = stats_percentile_inc(sorted_days, day_count, 0.5);
    row->resolution_days_p90 = stats_percentile_inc(sorted_days, day_count, 0.9);
    row->complaints_per_1k_contacts = stats_ratio_i64(row->complaints * 1000, row->contacts);
    row->csat_mean = stats_ratio_i64(row->survey_score_sum, row->surveys);
}

bool kpi_row_add(kpi_row *dst, const kpi_row *src)
{
    /* the money sums can overflow on hostile data (each row is within the contract's
     * limit, but many rows add up); counts cannot (they count rows) */
    bool overflow = __builtin_add_overflow(dst->worked_balance_minor, src->worked_balance_minor,
                                           &dst->worked_balance_minor);
    overflow |=
        __builtin_add_overflow(dst->collected_minor, src->collected_minor, &dst->collected_minor);
    overflow |= __builtin_add_overflow(dst->ptp_made_amount_minor, src->ptp_made_amount_minor,
                                       &dst->ptp_made_amount_minor);
    overflow |= __builtin_add_overflow(dst->ptp_judged_amount_minor, src->ptp_judged_amount_minor,
                                       &dst->ptp_judged_amount_minor);
    overflow |= __builtin_add_overflow(dst->ptp_credited_paid_minor, src->ptp_credited_paid_minor,
                                       &dst->ptp_credited_paid_minor);
    dst->cases_worked += src->cases_worked;
    dst->paying_cases += src->paying_cases;
    dst->contacts += src->contacts;
    dst->call_attempts += src->call_attempts;
    dst->rpc += src->rpc;
    dst->ptp_made += src->ptp_made;
    dst->ptp_due += src->ptp_due;
    dst->ptp_pending += src->ptp_pending;
    dst->ptp_kept += src->ptp_kept;
    dst->ptp_broken += src->ptp_broken;
    dst->cases_resolved += src->cases_resolved;
    dst->complaints += src->complaints;
    dst->complaints_substantiated += src->complaints_substantiated;
    dst->surveys += src->surveys;
    dst->survey_score_sum += src->survey_score_sum;
    dst->complaints_under_review += src->complaints_under_review;
    return !overflow;
}

bool kpi_row_has_activity(const kpi_row *row)
{
    for (size_t i = 0; i < kpi_column_count; i++) {
        const kpi_column *c = &kpi_columns[i];
        if (c->kind != KPI_KIND_COUNT && c->kind != KPI_KIND_MONEY)
            continue;
        if (kpi_row_cell(row, c).integer != 0)
            return true;
    }
    return false;
}

/* A block of texts: most hold many, a text longer than a block holds it alone. */
struct kpi_text_block {
    struct kpi_text_block *next;
    size_t used, size;
    char text[];
};

#define KPI_TEXT_BLOCK_SIZE ((size_t)64 * 1024)

void kpi_result_free(kpi_result *result)
{
    if (result == NULL)
        return;
    for (size_t i = 0; i < result->agent_count; i++) {
        free(result->agents[i].employee_no);
        free(result->agents[i].name);
    }
    for (size_t i = 0; i < result->team_count; i++)
        free(result->teams[i].name);
    for (size_t i = 0; i < result->complaint_count; i++)
        free(result->complaints[i].case_no);
    spill_free(result->breaches);
    free(result->agents);
    free(result->teams);
    spill_free(result->promises);
    free(result->complaints);
    free(result->resolutions);
    while (result->text_blocks != NULL) {
        struct kpi_text_block *next = result->text_blocks->next;
        free(result->text_blocks);
        result->text_blocks = next;
    }
    free(result);
}

ck_error kpi_result_promise(const kpi_result *result, size_t index, kpi_promise *out, ck_diag *diag)
{
    assert(result->promises != NULL && index < result->promise_count);
    return spill_get(result->promises, index, out, diag);
}

ck_error kpi_result_breach(const kpi_result *result, size_t index, kpi_breach *out, ck_diag *diag)
{
    assert(result->breaches != NULL && index < result->breach_count);
    return spill_get(result->breaches, index, out, diag);
}

const char *kpi_result_keep_text(kpi_result *result, const char *text, size_t length)
{
    struct kpi_text_block *block = result->text_blocks;
    if (length >= SIZE_MAX / 2)
        return NULL;
    if (block == NULL || block->size - block->used < length + 1) {
        size_t size = length + 1 > KPI_TEXT_BLOCK_SIZE ? length + 1 : KPI_TEXT_BLOCK_SIZE;
        block = malloc(sizeof *block + size);
        if (block == NULL)
            return NULL;
        block->used = 0;
        block->size = size;
        block->next = result->text_blocks;
        result->text_blocks = block;
    }
    char *copy = block->text + block->used;
    if (length > 0)
        memcpy(copy, text, length);
    copy[length] = '\0';
    block->used += length + 1;
    return copy;
}

bool kpi_result_partial(const kpi_result *result)
{
    return result->coverage.covered_days < result->coverage.period_days;
}

bool kpi_result_empty(const kpi_result *result)
{
    return !result->coverage.any_payment && !result->coverage.any_contact;
}

bool kpi_result_comparable(const kpi_result *result)
{
    return result != NULL && !kpi_result_partial(result) && !kpi_result_empty(result);
}
