/* score.h - the review scores of scorecard.md, computed from a kpi_result.
 *
 * Pure arithmetic: no SQLite, no files, no language. score_table_build turns the engine's
 * result (kpi.md figures, the case-mix buckets and the compliance summary) into one
 * score_row per agent, per team and for the total; the writers read the rows through the
 * column table below, so CSV, JSON, the terminal table and the workbook show the same values.
 */
#ifndef COLLECTKPI_SCORE_H
#define COLLECTKPI_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"
#include "collectkpi/settings.h"
#include "collectkpi/stats.h"

/* The 97.5th percentile of the standard normal distribution, as scorecard.md fixes it. */
#define SCORE_WILSON_Z 1.959964

/* 95% Wilson score interval of k successes in n trials; both ends undefined when n is 0.
 * The ends are kept in [0, 1], and are exactly 0 for k = 0 and exactly 1 for k = n, where
 * the exact formula puts them (rounding would otherwise miss by a hair). */
typedef struct score_interval {
    stats_value lo, hi;
} score_interval;
score_interval score_wilson(int64_t k, int64_t n);

/* Attainment of a value against its target, clamped to [0, 1.2]: higher-is-better
 * value / target; lower-is-better target / value, and 1.2 when the value is 0. Undefined
 * when the value is (or target <= 0, which the settings never allow). */
#define SCORE_ATTAINMENT_MAX 1.2
stats_value score_attainment(stats_value value, double target, bool lower_is_better);

/* A number rounded to six decimals as an integer count of millionths: what ranks, RAG and
 * the coverage threshold compare, so two figures that print the same compare the same. */
int64_t score_micros(double value);

typedef enum score_rag {
    SCORE_RAG_GREY,
    SCORE_RAG_RED,
    SCORE_RAG_AMBER,
    SCORE_RAG_GREEN
} score_rag;
/* green when a >= 1, amber when a >= amber_at, else red (both at six decimals); grey when
 * the measure is not scored. */
score_rag score_rag_of(bool scored, double attainment, double amber_at);
const char *score_rag_key(score_rag rag); /* "green" .. "grey" */

/* Why a measure is or is not scored. */
typedef enum score_reason {
    SCORE_REASON_SCORED,
    SCORE_REASON_NO_WEIGHT,  /* weight 0: the measure is dropped */
    SCORE_REASON_UNDEFINED,  /* no value (its denominator is 0) */
    SCORE_REASON_LOW_SAMPLE, /* sample below min_sample */
} score_reason;
const char *score_reason_key(score_reason reason); /* "", "no_weight", "undefined", "low_sample" */

typedef struct score_measure {
    stats_value value;
    int64_t sample;
    score_reason reason;
    stats_value attainment; /* defined when scored */
    score_rag rag;
} score_measure;

/* Scores one row: each measure's reason, attainment and RAG from its value and sample, then
 * coverage (weights of scored measures / all weights) and the score (100 x weighted mean
 * attainment over scored measures; undefined when none is). No cap. */
void score_measures(score_measure measures[SETTINGS_MEASURE_COUNT], const settings_score *s,
                    stats_value *coverage, stats_value *score);

/* Competition ranks (1, 2, 2, 4) of the defined scores with ranked[i] set, compared at six
 * decimals; group (NULL = one group) ranks only among rows of the same group. rank[i] = 0
 * for a row that is not ranked. */
void score_rank(const stats_value *scores, const bool *ranked, const size_t *group, size_t n,
                int64_t *rank);

typedef enum score_cap { SCORE_CAP_NONE, SCORE_CAP_BREACH, SCORE_CAP_COMPLAINT } score_cap;
typedef enum score_note {
    SCORE_NOTE_NONE,
    SCORE_NOTE_NEW,
    SCORE_NOTE_LEFT,
    SCORE_NOTE_LOW_COVERAGE
} score_note;
const char *score_cap_key(score_cap cap);    /* "", "breach", "complaint" */
const char *score_note_key(score_note note); /* "", "new", "left", "low_coverage" */

/* Why an agent is not ranked (SCORE_NOTE_NONE: ranked): employed through all of P (hired on
 * or before its first date, not left before its last), coverage at least min_coverage (at
 * six decimals) and a defined score. An unranked agent who is neither new nor left is
 * low_coverage (also when min_coverage is 0 and nothing is scored). */
score_note score_agent_note(const period *p, int64_t hired_on, bool has_left_on, int64_t left_on,
                            stats_value coverage, stats_value score, double min_coverage);

typedef struct score_row {
    int64_t collected_minor;
    double expected_collected_minor;
    stats_value recovery_index;
    stats_value ptp_kept_rate, paying_case_rate, rpc_rate;
    score_interval ptp_kept_interval, rpc_interval, paying_case_interval;
    int64_t complaints_substantiated, complaints_under_review;
    stats_value complaints_upheld_per_1k_contacts;
    int64_t outbound_contacts, breaching_contacts, critical_breaches;
    stats_value breaches_per_1k_outbound;
    int64_t surveys;
    stats_value csat_mean;
    score_measure measure[SETTINGS_MEASURE_COUNT];
    stats_value coverage, score; /* score after the cap */
    score_cap cap;               /* capped = cap != SCORE_CAP_NONE; always none on teams */
    int64_t rank, team_rank;     /* 0 = empty */
    score_note note;
} score_row;

typedef struct score_table {
    score_row *agents; /* parallel to kpi_result.agents */
    size_t agent_count;
    score_row *teams; /* parallel to kpi_result.teams */
    size_t team_count;
    score_row total;
} score_table;

/* Every row of scorecard.md from r (its settings.score decide targets, weights, caps).
 * CK_ERR_NOMEM only; *out is the caller's to score_table_free. */
ck_error score_table_build(const kpi_result *r, score_table *out);
void score_table_free(score_table *table);

/* The figure columns of scorecard.md's machine-readable output, after the identity columns
 * (collected .. rank_note), in order. */
typedef enum score_kind {
    SCORE_KIND_COUNT,      /* integer */
    SCORE_KIND_MONEY,      /* int64 minor units */
    SCORE_KIND_MONEY_REAL, /* a real number of minor units (expected_collected) */
    SCORE_KIND_RATE,       /* 0..1: rates, their intervals, coverage */
    SCORE_KIND_INDEX,      /* recovery index, attainment: 1 = on target */
    SCORE_KIND_PER_1K,
    SCORE_KIND_MEAN,   /* mean survey score */
    SCORE_KIND_POINTS, /* the score, 0..120 */
    SCORE_KIND_TEXT,
} score_kind;

typedef struct score_column {
    const char *key;
    score_kind kind;
} score_column;

extern const score_column score_columns[];
extern const size_t score_column_count;

typedef struct score_cell {
    bool defined; /* false: empty in CSV, null in JSON */
    int64_t integer;
    double value;
    const char *text;
} score_cell;
/* Column i (index into score_columns) of a row. */
score_cell score_row_cell(const score_row *row, size_t column);
/* The index of the column with this key, or SIZE_MAX. */
size_t score_column_find(const char *key);

#endif
