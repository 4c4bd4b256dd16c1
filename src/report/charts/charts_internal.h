/* charts_internal.h - private to the chart script writer: charts_script.c (the frame),
 * charts_agents.c (recovery rate by agent), charts_period.c (three more charts of the report
 * period), charts_compliance.c (breaches), charts_trend.c (the two twelve-month charts) and
 * charts_put.c (the helpers all of them write through, below them so that no two files call
 * each other). Nothing outside them sees this.
 *
 * Each chart has a data function, which writes its data block (numbers only) before the
 * drawing loop, and a plot function, which writes its commands inside the loop that runs
 * once for PNG and once for SVG.
 */
#ifndef COLLECTKPI_CHARTS_INTERNAL_H
#define COLLECTKPI_CHARTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collectkpi/charts.h"
#include "collectkpi/kpi.h"
#include "collectkpi/report.h"
#include "collectkpi/report_charts.h"

enum {
    CHART_AGENTS,
    CHART_PTP,
    CHART_DAYS,
    CHART_COMPLAINTS,
    CHART_TRENDS,
    CHART_COLLECTED,
    CHART_BREACHES
};

/* A 16:9 slide; the text stays readable when the PNG is pasted into an e-mail at half size. */
#define CHARTS_WIDTH  1280
#define CHARTS_HEIGHT 720
/* The CJK font draws Latin text as well, so one font serves both languages. */
#define CHARTS_FONT "Noto Sans CJK SC,14"
/* Beyond this many teams a legend would repeat colours (the palette has REPORT_TEAM_COLOURS)
 * and be unreadable: charts show the teams in one colour and name them on the axis instead. */
#define CHARTS_LEGEND_MAX REPORT_TEAM_COLOURS
/* The one colour of bars and boxes when there are too many teams to colour each. */
#define CHARTS_ONE_COLOUR "#4e79a7"
/* Above this many agents with a rate, recovery_by_agent shows each team's spread and the
 * best and worst CHARTS_AGENT_EXTREMES agents by name instead of a bar per agent (the
 * panel's title, labels key charts.agents_extremes, says the number). */
#define CHARTS_AGENT_BARS     40
#define CHARTS_AGENT_EXTREMES 15
#define CHARTS_VALUE_MAX      20
/* Longest name (display columns, a CJK character is two) in a tic label or legend. */
#define CHARTS_NAME_COLUMNS 24

#define CHARTS_GREY  "#9d9d9d"
#define CHARTS_TOTAL "#222222"
#define CHARTS_NOTE  "#555555"

/* Complaints of one category by status, from the complaint list. */
typedef struct charts_complaint_cell {
    int64_t substantiated;
    int64_t under_review;
    int64_t not_substantiated;
} charts_complaint_cell;

typedef struct charts_script {
    FILE *out;
    const report_data *data;
    const kpi_result *cur;
    settings_lang lang;
    char period[32];
    size_t *ranked; /* agents with a recovery rate, best first */
    size_t ranked_count;
    size_t *agent_teams; /* teams with a ranked agent, by the team's recovery rate, best first */
    size_t agent_team_count;
    size_t *day_teams; /* teams with at least one resolved case, by name */
    size_t day_team_count;
    charts_complaint_cell *complaints; /* [category code] */
    size_t *complaint_order; /* the category codes with complaints, most complaints first */
    size_t complaint_category_count;
    report_trend_team *trend_teams; /* report_trend_teams: the teams of the trend months */
    size_t trend_team_count;
} charts_script;

/* charts_put.c */
const char *charts_text(const charts_script *s, const char *key);

/* A number with a '.' whatever the process locale; a rate as a ratio or NaN. */
void charts_put_number(FILE *out, double value, int places);
void charts_put_rate(FILE *out, stats_value rate);
/* "18.3%", or "-" when undefined. */
void charts_format_percent(stats_value rate, char *out, size_t size);
/* text cut to at most `columns` display columns, "…" marking a cut; returns text itself when
 * it fits, else buffer. */
const char *charts_fit(const char *text, size_t columns, char *buffer, size_t size);

/* `    set NAME 'text'` and a newline. */
void charts_put_set_text(FILE *out, const char *name, const char *text);
/* `    set NAME 'text' textcolor ...`: a grey note under the plot. */
void charts_put_note(FILE *out, const char *name, const char *text);
/* Range and ticks of axis 'x' or 'y' over [lo, hi] (display units), at most seven ticks at
 * 1, 2 or 5 x 10^k labelled with thousands separators. */
void charts_put_grouped_axis(FILE *out, char axis, int64_t lo, int64_t hi);
/* Explicit x tics at 0..n-1 named by name_of; rotated when they would not fit flat (or
 * always when options is given). Names are never put in data blocks, only here. */
void charts_put_xtics(const charts_script *s, size_t n,
                      const char *(*name_of)(const charts_script *, size_t, char *, size_t),
                      const char *options);
/* `title 'name'` (fitted) or `notitle`. */
void charts_put_title(FILE *out, const char *name, bool shown);

/* The common start of a chart in the drawing loop; title with the period when with_title. */
void charts_begin(const charts_script *s, size_t chart, bool with_title);
void charts_end(const charts_script *s);
/* The chart's body when there is nothing to draw. */
void charts_put_no_data(const charts_script *s);

/* charts_agents.c: recovery rate by agent */
ck_error charts_agents_prepare(charts_script *s);
/* True when the chart shows the spread by team and the best and worst agents, not bars. */
bool charts_agents_spread(const charts_script *s);
void charts_agents_data(const charts_script *s);
void charts_agents_plot(const charts_script *s);

/* charts_period.c */
ck_error charts_period_prepare(charts_script *s);
void charts_ptp_data(const charts_script *s);
void charts_ptp_plot(const charts_script *s);
void charts_days_data(const charts_script *s);
void charts_days_plot(const charts_script *s);
void charts_complaints_data(const charts_script *s);
void charts_complaints_plot(const charts_script *s);

/* charts_compliance.c: contact-compliance breaches by rule and team */
void charts_breaches_data(const charts_script *s);
void charts_breaches_plot(const charts_script *s);

/* charts_trend.c */
ck_error charts_trend_prepare(charts_script *s);
void charts_trends_data(const charts_script *s);
void charts_trends_plot(const charts_script *s);
void charts_collected_data(const charts_script *s);
void charts_collected_plot(const charts_script *s);

/* charts_svg_title.c: replaces gnuplot's document title "Gnuplot" of the SVG at path with
 * title (XML-escaped). */
ck_error charts_svg_title(const char *path, const char *title, ck_diag *diag);

#endif
