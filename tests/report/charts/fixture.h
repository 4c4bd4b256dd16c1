/* fixture.h - a small fixed report (three teams, five agents, three trend months) for the
 * charts and dashboard tests. Its names are hostile on purpose: quotes, backslashes,
 * backquoted and $(...) shell commands that would create /tmp/collectkpi-pwned-* if anything
 * ran them, gnuplot's % and @, and HTML markup.
 */
#ifndef CHARTS_TEST_FIXTURE_H
#define CHARTS_TEST_FIXTURE_H

#include <stdbool.h>

#include "collectkpi/report.h"
#include "collectkpi/settings.h"

/* The files a command injection would create; the tests check they never appear. The
 * names are short enough (24 columns) to reach the script whole, not shortened with "…". */
#define FIXTURE_PWNED_BACKQUOTE "/tmp/ckpi-pwned1" /* agent A001: `touch ...` */
#define FIXTURE_PWNED_DOLLAR    "/tmp/ckpi-pw2"    /* the first team: $(touch ...) */

#define FIXTURE_TEAMS  3
#define FIXTURE_AGENTS 5
#define FIXTURE_MONTHS 3

typedef struct fixture {
    kpi_team teams[FIXTURE_TEAMS];
    kpi_agent agents[FIXTURE_AGENTS];
    kpi_complaint complaints[5];
    kpi_resolution resolutions[8];
    kpi_team month_teams[FIXTURE_MONTHS][FIXTURE_TEAMS];
    kpi_result current, previous, months[FIXTURE_MONTHS];
    const kpi_result *trend[FIXTURE_MONTHS];
    report_data report;
} fixture;

/* Fills f with the fixed report in lang. empty: no agents, teams, lists or trend months,
 * so every chart says "no data". f->report points into f. */
void fixture_build(fixture *f, settings_lang lang, bool empty);

/* A report at the scale of `collectkpi demo --size large` (1,000 agents in 50 teams, 40,000
 * resolved cases, 2,000 complaints, twelve trend months), made up from a fixed pseudo-random
 * sequence: for looking at crowded charts and timing the chart set. */
typedef struct fixture_large {
    kpi_team *teams;
    kpi_agent *agents;
    kpi_resolution *resolutions;
    kpi_complaint *complaints;
    kpi_team *month_teams; /* [12][50] */
    char *names;           /* the team and agent names */
    kpi_result current, months[12];
    const kpi_result *trend[12];
    report_data report;
} fixture_large;

/* false when out of memory. */
bool fixture_build_large(fixture_large *f, settings_lang lang);
void fixture_large_free(fixture_large *f);

#endif
