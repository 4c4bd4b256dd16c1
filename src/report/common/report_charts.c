/* report_charts.c - the chart set's names and titles (see report_charts.h). */
#include "collectkpi/report_charts.h"

#include <stdlib.h>

#include "collectkpi/labels.h"

const char *const report_chart_names[REPORT_CHARTS_COUNT] = {
    "recovery_by_agent",
    "ptp_outcomes_by_team",
    "resolution_days_by_team",
    "complaints_by_category",
    "trends",
    "collected_by_month",
    "breaches_by_rule",
};

static const char *const title_keys[REPORT_CHARTS_COUNT] = {
    "charts.recovery_by_agent.title",
    "charts.ptp_outcomes_by_team.title",
    "charts.resolution_days_by_team.title",
    "charts.complaints_by_category.title",
    "charts.trends.title",
    "charts.collected_by_month.title",
    "charts.breaches_by_rule.title",
};

const char *report_chart_title(size_t index, settings_lang lang)
{
    return index < REPORT_CHARTS_COUNT ? labels_text(title_keys[index], lang) : "";
}

/* Tol's muted colours, ordered so that neighbours (stacked segments, adjacent bars) differ in
 * both hue and lightness; a single-series chart takes the first, a calm teal. */
static const char *const team_colours[REPORT_TEAM_COLOURS] = {
    "#44aa99", /* teal */
    "#cc6677", /* rose */
    "#332288", /* indigo */
    "#ddcc77", /* sand */
    "#117733", /* green */
    "#882255", /* wine */
    "#88ccee", /* cyan */
    "#999933", /* olive */
    "#aa4499", /* purple */
};

const char *report_team_colour(size_t index)
{
    return team_colours[index % REPORT_TEAM_COLOURS];
}

uint32_t report_team_rgb(size_t index)
{
    return (uint32_t)strtoul(report_team_colour(index) + 1, NULL, 16);
}
