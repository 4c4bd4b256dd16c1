/* report_charts.h - the chart set of a report: what the charts writer draws and the
 * dashboard shows, listed once so the two always agree on the files and their titles.
 */
#ifndef COLLECTKPI_REPORT_CHARTS_H
#define COLLECTKPI_REPORT_CHARTS_H

#include <stddef.h>

#include "collectkpi/settings.h"

#define REPORT_CHARTS_COUNT 7

/* The chart names (file names without .png/.svg), in the order the dashboard shows them:
 * recovery_by_agent, ptp_outcomes_by_team, resolution_days_by_team, complaints_by_category,
 * trends, collected_by_month, breaches_by_rule (contact compliance, compliance.md). */
extern const char *const report_chart_names[REPORT_CHARTS_COUNT];

/* The chart's title in lang (labels key "charts.NAME.title"), or "" past the last chart. */
const char *report_chart_title(size_t index, settings_lang lang);

#endif
