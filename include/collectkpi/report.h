/* report.h - everything the report writers (workbook, charts, dashboard) are given.
 *
 * cmd_report.c fills it by running the engine for the period, the month before and the
 * twelve trend months; the writers only read it. No SQL, no file of the database.
 */
#ifndef COLLECTKPI_REPORT_H
#define COLLECTKPI_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "collectkpi/kpi.h"
#include "collectkpi/score.h"

#define REPORT_TREND_MONTHS 12

typedef struct report_data {
    const kpi_result *current;  /* the report period, with promise/complaint lists */
    const kpi_result *previous; /* the calendar month before (for "change"); may be NULL */
    /* trend[0] is the oldest month, trend[trend_count-1] the month the period ends in. */
    const kpi_result *const *trend;
    size_t trend_count;
    const char *database_name; /* file name only, no folders */
    int64_t table_counts[9];   /* rows per contract table, in db_tables order */
    const char *program_version;
    const score_table *scores; /* scorecard.md rows of `current`; NULL: no Scores sheet */
} report_data;

#endif
