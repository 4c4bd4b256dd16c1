/* report_charts.h - the chart set of a report: what the charts writer draws and the
 * dashboard shows, listed once so the two always agree on the files and their titles.
 */
#ifndef COLLECTKPI_REPORT_CHARTS_H
#define COLLECTKPI_REPORT_CHARTS_H

#include <stddef.h>
#include <stdint.h>

#include "collectkpi/settings.h"

#define REPORT_CHARTS_COUNT 7

/* The chart names (file names without .png/.svg), in the order the dashboard shows them:
 * recovery_by_agent, ptp_outcomes_by_team, resolution_days_by_team, complaints_by_category,
 * trends, collected_by_month, breaches_by_rule (contact compliance, compliance.md). */
extern const char *const report_chart_names[REPORT_CHARTS_COUNT];

/* The chart's title in lang (labels key "charts.NAME.title"), or "" past the last chart. */
const char *report_chart_title(size_t index, settings_lang lang);

/* The colour of the team at index (in the order the report lists its teams), the same in the
 * charts and in the workbook's charts; past the last colour they repeat. Paul Tol's "muted"
 * scheme: nine colours that stay apart for the common colour blindnesses (no red and green
 * of the same lightness) and in print. Grey is not among them: the charts keep it for
 * "pending", "no holder" and automated messages. */
#define REPORT_TEAM_COLOURS 9

/* "#rrggbb" (lower case). */
const char *report_team_colour(size_t index);
/* The same colour as 0xRRGGBB. */
uint32_t report_team_rgb(size_t index);

#endif
