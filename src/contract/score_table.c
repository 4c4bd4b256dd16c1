/* score_table.c - scorecard.md's rows from a kpi_result, and the column table its outputs
 * share. Agents, teams and the total are scored by the same formula; teams and the total
 * from their summed figures (kpi.md's summed rows, the summed case-mix expectation and the
 * summed compliance counts), never by averaging agents' scores or rates. */
#include "collectkpi/score.h"

#include <stdlib.h>
#include <string.h>

/* Compliance summary of a team: the sum of its agents' counts. (The total row's are
 * compliance.md's total, which adds the `system` line of automated messages: scorecard.md
 * builds every figure from compliance.md's, so `score --by total` and `compliance --by
 * total` print the same counts.) */
static void add_compliance(kpi_compliance_row *dst, const kpi_compliance_row *src)
{
    dst->outbound_contacts += src->outbound_contacts;
    dst->breaching_contacts += src->breaching_contacts;
    dst->critical_breaches += src->critical_breaches;
    dst->cases_with_breach += src->cases_with_breach;
}

/* Every figure of a row and its six scored measures, before the cap and the ranks. */
static void fill_row(score_row *out, const kpi_row *row, const kpi_review_row *review,
                     const kpi_compliance_row *compliance, const settings_score *s)
{
    memset(out, 0, sizeof *out);
    out->collected_minor = row->collected_minor;
    out->expected_collected_minor = review->expected_collected_minor;
    out->recovery_index = review->recovery_index;
    out->ptp_kept_rate = row->ptp_kept_rate;
    out->ptp_kept_interval = score_wilson(row->ptp_kept, row->ptp_kept + row->ptp_broken);
    out->rpc_rate = row->rpc_rate;
    out->rpc_interval = score_wilson(row->rpc, row->call_attempts);
    out->paying_case_rate = row->paying_case_rate;
    out->paying_case_interval = score_wilson(row->paying_cases, row->cases_worked);
    out->complaints_substantiated = row->complaints_substantiated;
    out->complaints_under_review = row->complaints_under_review;
    out->complaints_upheld_per_1k_contacts = review->complaints_upheld_per_1k_contacts;
    out->outbound_contacts = compliance->outbound_contacts;
    out->breaching_contacts = compliance->breaching_contacts;
    out->critical_breaches = compliance->critical_breaches;
    /* compliance.md's definition, from the counts (the same for agents, teams, total). */
    out->breaches_per_1k_outbound =
        stats_ratio_i64(compliance->breaching_contacts * 1000, compliance->outbound_contacts);
    out->surveys = row->surveys;
    out->csat_mean = row->csat_mean;

    score_measure *m = out->measure;
    m[SETTINGS_MEASURE_RECOVERY_INDEX] =
        (score_measure){.value = out->recovery_index, .sample = row->cases_worked};
    m[SETTINGS_MEASURE_PTP_KEPT_RATE] =
        (score_measure){.value = row->ptp_kept_rate, .sample = row->ptp_kept + row->ptp_broken};
    m[SETTINGS_MEASURE_RPC_RATE] =
        (score_measure){.value = row->rpc_rate, .sample = row->call_attempts};
    m[SETTINGS_MEASURE_COMPLAINTS_UPHELD] =
        (score_measure){.value = out->complaints_upheld_per_1k_contacts, .sample = row->contacts};
    m[SETTINGS_MEASURE_BREACHES] = (score_measure){.value = out->breaches_per_1k_outbound,
                                                   .sample = compliance->outbound_contacts};
    m[SETTINGS_MEASURE_CSAT] = (score_measure){.value = row->csat_mean, .sample = row->surveys};
    score_measures(m, s, &out->coverage, &out->score);
}

ck_error score_table_build(const kpi_result *r, score_table *out)
{
    const settings_score *s = &r->settings.score;
    size_t n = r->agent_count, teams = r->team_count;
    memset(out, 0, sizeof *out);
    out->agents = calloc(n + 1, sizeof *out->agents);
    out->teams = calloc(teams + 1, sizeof *out->teams);
    kpi_compliance_row *team_compliance = calloc(teams + 1, sizeof *team_compliance);
    stats_value *scores = calloc(n + teams + 1, sizeof *scores);
    bool *ranked = calloc(n + teams + 1, sizeof *ranked);
    size_t *group = calloc(n + 1, sizeof *group);
    int64_t *ranks = calloc(n + teams + 1, sizeof *ranks);
    ck_error err = CK_OK;
    if (!out->agents || !out->teams || !team_compliance || !scores || !ranked || !group || !ranks) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    out->agent_count = n;
    out->team_count = teams;

    for (size_t i = 0; i < n; i++) {
        const kpi_agent *agent = &r->agents[i];
        score_row *row = &out->agents[i];
        fill_row(row, &agent->row, &agent->review, &agent->compliance, s);
        add_compliance(&team_compliance[agent->team_index], &agent->compliance);
        /* The critical cap: a critical breach first, then an upheld critical complaint. */
        row->cap = agent->compliance.critical_breaches > 0        ? SCORE_CAP_BREACH
                   : agent->review.critical_complaints_upheld > 0 ? SCORE_CAP_COMPLAINT
                                                                  : SCORE_CAP_NONE;
        if (row->cap != SCORE_CAP_NONE && row->score.defined && row->score.value > s->critical_cap)
            row->score.value = s->critical_cap;
        row->note = score_agent_note(&r->period, agent->hired_on, agent->has_left_on,
                                     agent->left_on, row->coverage, row->score, s->min_coverage);
        scores[i] = row->score;
        ranked[i] = row->note == SCORE_NOTE_NONE;
        group[i] = agent->team_index;
    }
    score_rank(scores, ranked, NULL, n, ranks);
    for (size_t i = 0; i < n; i++)
        out->agents[i].rank = ranks[i];
    score_rank(scores, ranked, group, n, ranks);
    for (size_t i = 0; i < n; i++)
        out->agents[i].team_rank = ranks[i];

    for (size_t t = 0; t < teams; t++) {
        score_row *row = &out->teams[t];
        fill_row(row, &r->teams[t].row, &r->teams[t].review, &team_compliance[t], s);
        bool ok = row->coverage.defined && row->score.defined &&
                  score_micros(row->coverage.value) >= score_micros(s->min_coverage);
        row->note = ok ? SCORE_NOTE_NONE : SCORE_NOTE_LOW_COVERAGE;
        scores[t] = row->score;
        ranked[t] = ok;
    }
    score_rank(scores, ranked, NULL, teams, ranks);
    for (size_t t = 0; t < teams; t++)
        out->teams[t].rank = ranks[t];

    fill_row(&out->total, &r->total, &r->total_review, &r->compliance_total, s);
done:
    free(team_compliance);
    free(scores);
    free(ranked);
    free(group);
    free(ranks);
    if (err != CK_OK)
        score_table_free(out);
    return err;
}

void score_table_free(score_table *table)
{
    free(table->agents);
    free(table->teams);
    memset(table, 0, sizeof *table);
}

/* ---- the column table ---- */

enum {
    COL_COLLECTED,
    COL_EXPECTED,
    COL_RECOVERY_INDEX,
    COL_PTP,
    COL_PTP_LO,
    COL_PTP_HI,
    COL_RPC,
    COL_RPC_LO,
    COL_RPC_HI,
    COL_PAYING,
    COL_PAYING_LO,
    COL_PAYING_HI,
    COL_SUBSTANTIATED,
    COL_UNDER_REVIEW,
    COL_UPHELD_PER_1K,
    COL_OUTBOUND,
    COL_BREACHING,
    COL_CRITICAL,
    COL_BREACHES_PER_1K,
    COL_SURVEYS,
    COL_CSAT,
    COL_ATTAINMENT, /* six columns, one per measure */
    COL_COVERAGE = COL_ATTAINMENT + SETTINGS_MEASURE_COUNT,
    COL_SCORE,
    COL_CAPPED,
    COL_CAP_REASON,
    COL_RANK,
    COL_TEAM_RANK,
    COL_RANK_NOTE,
    COL_COUNT
};

const score_column score_columns[] = {
    {"collected", SCORE_KIND_MONEY},
    {"expected_collected", SCORE_KIND_MONEY_REAL},
    {"recovery_index", SCORE_KIND_INDEX},
    {"ptp_kept_rate", SCORE_KIND_RATE},
    {"ptp_kept_rate_lo", SCORE_KIND_RATE},
    {"ptp_kept_rate_hi", SCORE_KIND_RATE},
    {"rpc_rate", SCORE_KIND_RATE},
    {"rpc_rate_lo", SCORE_KIND_RATE},
    {"rpc_rate_hi", SCORE_KIND_RATE},
    {"paying_case_rate", SCORE_KIND_RATE},
    {"paying_case_rate_lo", SCORE_KIND_RATE},
    {"paying_case_rate_hi", SCORE_KIND_RATE},
    {"complaints_substantiated", SCORE_KIND_COUNT},
    {"complaints_under_review", SCORE_KIND_COUNT},
    {"complaints_upheld_per_1k_contacts", SCORE_KIND_PER_1K},
    {"outbound_contacts", SCORE_KIND_COUNT},
    {"breaching_contacts", SCORE_KIND_COUNT},
    {"critical_breaches", SCORE_KIND_COUNT},
    {"breaches_per_1k_outbound", SCORE_KIND_PER_1K},
    {"surveys", SCORE_KIND_COUNT},
    {"csat_mean", SCORE_KIND_MEAN},
    {"a_recovery_index", SCORE_KIND_INDEX},
    {"a_ptp_kept_rate", SCORE_KIND_INDEX},
    {"a_rpc_rate", SCORE_KIND_INDEX},
    {"a_complaints_upheld_per_1k_contacts", SCORE_KIND_INDEX},
    {"a_breaches_per_1k_outbound", SCORE_KIND_INDEX},
    {"a_csat_mean", SCORE_KIND_INDEX},
    {"coverage", SCORE_KIND_RATE},
    {"score", SCORE_KIND_POINTS},
    {"capped", SCORE_KIND_COUNT},
    {"cap_reason", SCORE_KIND_TEXT},
    {"rank", SCORE_KIND_COUNT},
    {"team_rank", SCORE_KIND_COUNT},
    {"rank_note", SCORE_KIND_TEXT},
};
const size_t score_column_count = sizeof score_columns / sizeof score_columns[0];
_Static_assert(sizeof score_columns / sizeof score_columns[0] == COL_COUNT,
               "one column entry per COL_ value");

static score_cell count_cell(int64_t v)
{
    return (score_cell){true, v, (double)v, NULL};
}

static score_cell value_cell(stats_value v)
{
    return (score_cell){v.defined, 0, v.defined ? v.value : 0.0, NULL};
}

/* Empty text is an empty cell: "not capped", "ranked". */
static score_cell text_cell(const char *text)
{
    return (score_cell){text[0] != '\0', 0, 0.0, text};
}

score_cell score_row_cell(const score_row *row, size_t column)
{
    if (column >= COL_ATTAINMENT && column < COL_COVERAGE)
        return value_cell(row->measure[column - COL_ATTAINMENT].attainment);
    switch (column) {
    case COL_COLLECTED: return count_cell(row->collected_minor);
    case COL_EXPECTED: return (score_cell){true, 0, row->expected_collected_minor, NULL};
    case COL_RECOVERY_INDEX: return value_cell(row->recovery_index);
    case COL_PTP: return value_cell(row->ptp_kept_rate);
    case COL_PTP_LO: return value_cell(row->ptp_kept_interval.lo);
    case COL_PTP_HI: return value_cell(row->ptp_kept_interval.hi);
    case COL_RPC: return value_cell(row->rpc_rate);
    case COL_RPC_LO: return value_cell(row->rpc_interval.lo);
    case COL_RPC_HI: return value_cell(row->rpc_interval.hi);
    case COL_PAYING: return value_cell(row->paying_case_rate);
    case COL_PAYING_LO: return value_cell(row->paying_case_interval.lo);
    case COL_PAYING_HI: return value_cell(row->paying_case_interval.hi);
    case COL_SUBSTANTIATED: return count_cell(row->complaints_substantiated);
    case COL_UNDER_REVIEW: return count_cell(row->complaints_under_review);
    case COL_UPHELD_PER_1K: return value_cell(row->complaints_upheld_per_1k_contacts);
    case COL_OUTBOUND: return count_cell(row->outbound_contacts);
    case COL_BREACHING: return count_cell(row->breaching_contacts);
    case COL_CRITICAL: return count_cell(row->critical_breaches);
    case COL_BREACHES_PER_1K: return value_cell(row->breaches_per_1k_outbound);
    case COL_SURVEYS: return count_cell(row->surveys);
    case COL_CSAT: return value_cell(row->csat_mean);
    case COL_COVERAGE: return value_cell(row->coverage);
    case COL_SCORE: return value_cell(row->score);
    case COL_CAPPED: return count_cell(row->cap != SCORE_CAP_NONE);
    case COL_CAP_REASON: return text_cell(score_cap_key(row->cap));
    case COL_RANK: return row->rank > 0 ? count_cell(row->rank) : value_cell((stats_value){0});
    case COL_TEAM_RANK:
        return row->team_rank > 0 ? count_cell(row->team_rank) : value_cell((stats_value){0});
    case COL_RANK_NOTE: return text_cell(score_note_key(row->note));
    default: return value_cell((stats_value){0});
    }
}

size_t score_column_find(const char *key)
{
    for (size_t i = 0; i < score_column_count; i++)
        if (strcmp(score_columns[i].key, key) == 0)
            return i;
    return SIZE_MAX;
}
