/* report.h - everything the report writers (workbook, charts, dashboard) are given.
 *
 * The report command fills it by running the engine for the period, the month before and
 * the twelve trend months; the writers only read it. No SQL, no file of the database.
 */
#ifndef COLLECTKPI_REPORT_H
#define COLLECTKPI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"
#include "collectkpi/schema.h"
#include "collectkpi/settings.h"
#include "collectkpi/score.h"

#define REPORT_TREND_MONTHS 12

/* A figure the report already sent out that now prints differently (snapshot.h): late data
 * arrived. scope is "total", "team" or "agent"; name the team or employee_no; values as the
 * CSV prints them ("" when undefined, "-" when the figure did not exist); cut-offs as
 * timestamps ("" when none). */
typedef struct report_restated {
    char *scope, *name, *key;
    char *old_value, *new_value;
    char *old_cutoff, *new_cutoff;
} report_restated;
void report_restated_free(report_restated *list, size_t count);
/* The Summary sheet and the dashboard list this many; the rest is counted. */
#define REPORT_RESTATED_SHOWN 40

typedef struct report_data {
    const kpi_result *current;  /* the report period, with promise/complaint lists */
    const kpi_result *previous; /* period_before(current): for "change"; may be NULL */
    /* trend[0] is the oldest month, trend[trend_count-1] the month the period ends in. */
    const kpi_result *const *trend;
    size_t trend_count;
    /* The language of every label. It is the writers' alone: the engine that made the
     * results knows no language, so it is not part of a kpi_result. */
    settings_lang lang;
    const char *database_name; /* file name only, no folders */
    /* Rows per contract table, schema order, for the Definitions sheet. When
     * table_counts_wait is set, the workbook asks it for them instead, at the end of that
     * sheet, its last: the command may still be counting them on another thread while the
     * other sheets are written (the count of the largest table takes a second). Its error
     * stops the workbook. */
    int64_t table_counts[SCHEMA_TABLE_COUNT];
    ck_error (*table_counts_wait)(void *ctx, int64_t counts[SCHEMA_TABLE_COUNT], ck_diag *diag);
    void *table_counts_ctx;
    const char *program_version;
    const score_table *scores; /* scorecard.md rows of `current`; NULL: no Scores sheet */
    /* Figures restated since an earlier report of the period (snapshot.h); none: no block. */
    const report_restated *restated;
    size_t restated_count;
} report_data;

/* The portfolio's headline figures, the same on the Summary sheet and the dashboard: the
 * recovery group, then the complaints group (compliance = true). rise is +1 when a rise is
 * good news, -1 when it is bad, 0 when it is neither. */
typedef struct report_headline {
    const char *key; /* a kpi.md column */
    int rise;
    bool compliance;
} report_headline;
extern const report_headline report_headlines[];
extern const size_t report_headline_count;

/* Whether a change of a headline figure from the previous period to the current one, whose
 * sign as shown is sign (-1, 0, +1), is good news (+1), bad news (-1) or neither (0). It is
 * neither when the figure has no direction, the shown change is zero, there is no previous
 * period, or either period is not fully covered by the data or empty
 * (kpi_result_comparable). */
int report_change_tone(const report_data *data, const report_headline *headline, int sign);

/* The share of complaints still under review, 0 when there is no complaint. A change of
 * substantiated complaints is neither good nor bad news while this share differs between
 * the two periods by more than REPORT_REVIEW_GAP_POINTS percentage points: fewer upheld
 * complaints may only mean slower reviews. */
#define REPORT_REVIEW_GAP_POINTS 10
double report_review_share(const kpi_row *row);
bool report_review_shares_differ(const kpi_row *now, const kpi_row *before);

/* The RAG colour of a kpi.md or scorecard.md column on a row with scores (scorecard.md: by
 * the target, never by the other rows): the measure's RAG for ptp_kept_rate, rpc_rate,
 * csat_mean, recovery_index, complaints_upheld_per_1k_contacts and breaches_per_1k_outbound;
 * red for complaints_substantiated above 0 (a complaint under review colours nothing). False
 * when the column is not coloured or scores is NULL. The workbook and the dashboard both ask
 * here, so they colour the same cells the same way. */
bool report_rag_of_column(const score_row *scores, const kpi_row *row, const char *key,
                          score_rag *rag);

/* The review order of the agents (scorecard.md ranks): ranked agents by rank, then the
 * unranked by their note; the employee number breaks ties. Returns a new array of
 * r->agent_count indexes into r->agents and scores->agents (the caller frees it), NULL when
 * out of memory; *ranked gets the number of ranked agents, who come first. The Scores
 * sheet and the dashboard's ranking both list agents in this order. */
size_t *report_score_order(const kpi_result *r, const score_table *scores, size_t *ranked);

/* A team of the trend: one that has a row in any trend month, matched by team_id across
 * months and named as in the newest month it appears in (a renamed team stays one line). */
typedef struct report_trend_team {
    int64_t team_id;
    const char *name; /* borrowed from that month's kpi_result */
} report_trend_team;

/* The teams of the trend months sorted by name, then team_id, in *teams (the caller
 * frees it; never NULL on success, even with no team). CK_ERR_NOMEM. */
ck_error report_trend_teams(const report_data *data, report_trend_team **teams, size_t *count);

#endif
