/* charts_agents.c - the recovery rate by agent chart (see charts_internal.h).
 *
 * Up to CHARTS_AGENT_BARS agents with a rate: one bar per agent, best first, coloured by team.
 * Beyond that a bar per agent is a smear of colour without names (a thousand agents leave a
 * pixel each), so the chart has two panels instead: the spread of each team's agents as a box
 * plot (teams by their recovery rate, best first), and the best and the worst
 * CHARTS_AGENT_EXTREMES agents by name as horizontal bars with their rate written beside them.
 * Both forms plot the engine's rates as they are: the only arithmetic is ordering.
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "collectkpi/labels.h"
#include "collectkpi/report_charts.h"
#include "gpquote.h"

/* ---- preparation ------------------------------------------------------------------------ */

typedef struct ranked_item {
    double rate;
    size_t index;
} ranked_item;

/* Best recovery rate first; equal rates in index order (employee_no, or team name). */
static int compare_ranked(const void *a, const void *b)
{
    const ranked_item *x = a, *y = b;
    if (x->rate != y->rate)
        return x->rate > y->rate ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static ck_error rank_agents(charts_script *s)
{
    const kpi_result *r = s->cur;
    ranked_item *ranks = calloc(r->agent_count + 1, sizeof *ranks);
    s->ranked = calloc(r->agent_count + 1, sizeof *s->ranked);
    if (ranks == NULL || s->ranked == NULL) {
        free(ranks);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->agent_count; i++)
        if (r->agents[i].row.recovery_rate.defined)
            ranks[s->ranked_count++] = (ranked_item){r->agents[i].row.recovery_rate.value, i};
    qsort(ranks, s->ranked_count, sizeof *ranks, compare_ranked);
    for (size_t i = 0; i < s->ranked_count; i++)
        s->ranked[i] = ranks[i].index;
    free(ranks);
    return CK_OK;
}

/* The teams with at least one ranked agent, by the team's own recovery rate, best first (a
 * team without a rate last, by name). */
static ck_error rank_agent_teams(charts_script *s)
{
    const kpi_result *r = s->cur;
    bool *has = calloc(r->team_count + 1, sizeof *has);
    ranked_item *ranks = calloc(r->team_count + 1, sizeof *ranks);
    s->agent_teams = calloc(r->team_count + 1, sizeof *s->agent_teams);
    ck_error err = CK_ERR_NOMEM;
    if (has == NULL || ranks == NULL || s->agent_teams == NULL)
        goto done;
    for (size_t i = 0; i < s->ranked_count; i++)
        if (r->agents[s->ranked[i]].team_index < r->team_count)
            has[r->agents[s->ranked[i]].team_index] = true;
    size_t n = 0;
    for (size_t t = 0; t < r->team_count; t++) {
        const stats_value *rate = &r->teams[t].row.recovery_rate;
        if (has[t])
            ranks[n++] = (ranked_item){rate->defined ? rate->value : -1.0, t};
    }
    qsort(ranks, n, sizeof *ranks, compare_ranked);
    for (size_t k = 0; k < n; k++)
        s->agent_teams[k] = ranks[k].index;
    s->agent_team_count = n;
    err = CK_OK;
done:
    free(has);
    free(ranks);
    return err;
}

ck_error charts_agents_prepare(charts_script *s)
{
    ck_error err = rank_agents(s);
    if (err == CK_OK)
        err = rank_agent_teams(s);
    return err;
}

bool charts_agents_spread(const charts_script *s)
{
    return s->ranked_count > CHARTS_AGENT_BARS;
}

/* ---- data ------------------------------------------------------------------------------- */

void charts_agents_data(const charts_script *s)
{
    FILE *out = s->out;
    const kpi_result *r = s->cur;
    fputs("\n# 1. recovery_by_agent: position, recovery_rate, team number (1 = the first team "
          "by name);\n#    the agents that have a recovery rate, best first.\n"
          "$recovery_by_agent << EOD\n",
          out);
    for (size_t i = 0; i < s->ranked_count; i++) {
        const kpi_agent *a = &r->agents[s->ranked[i]];
        fprintf(out, "%zu ", i);
        charts_put_rate(out, a->row.recovery_rate);
        fprintf(out, " %zu\n", a->team_index + 1);
    }
    fputs("EOD\n", out);
    if (!charts_agents_spread(s))
        return;
    fputs("\n#    recovery_by_team: the same agents' recovery_rate, one block (index 0, 1, ...) "
          "per team,\n#    the teams by their recovery rate, best first (the box plot).\n"
          "$recovery_by_team << EOD\n",
          out);
    for (size_t k = 0; k < s->agent_team_count; k++) {
        if (k > 0)
            fputs("\n\n", out);
        for (size_t i = 0; i < s->ranked_count; i++) {
            const kpi_agent *a = &r->agents[s->ranked[i]];
            if (a->team_index == s->agent_teams[k]) {
                charts_put_rate(out, a->row.recovery_rate);
                fputc('\n', out);
            }
        }
    }
    fputs("EOD\n", out);
}

/* ---- the bars: one per agent ------------------------------------------------------------ */

static const char *agent_tic(const charts_script *s, size_t i, char *buffer, size_t size)
{
    const kpi_agent *a = &s->cur->agents[s->ranked[i]];
    char fitted[256];
    snprintf(buffer, size, "%s %s", a->employee_no,
             charts_fit(a->name, CHARTS_NAME_COLUMNS, fitted, sizeof fitted));
    return buffer;
}

/* "Not shown, no balance worked: 3", or "" when every agent has a rate. */
static void unrated_note(const charts_script *s, char *note, size_t size)
{
    note[0] = '\0';
    if (s->cur->agent_count > s->ranked_count)
        snprintf(note, size, "%s%zu", charts_text(s, "charts.agents_unrated"),
                 s->cur->agent_count - s->ranked_count);
}

/* The portfolio's rate as the title of its dashed line: "Portfolio 6.1%". */
static void portfolio_title(const charts_script *s, char *title, size_t size)
{
    char rate[32];
    charts_format_percent(s->cur->total.recovery_rate, rate, sizeof rate);
    snprintf(title, size, "%s %s", charts_text(s, "charts.portfolio"), rate);
}

static void put_portfolio_value(const charts_script *s)
{
    if (s->cur->total.recovery_rate.defined) {
        fputs("100 * ", s->out);
        charts_put_rate(s->out, s->cur->total.recovery_rate);
    } else {
        fputs("NaN", s->out);
    }
}

static void plot_bars(const charts_script *s)
{
    FILE *out = s->out;
    const kpi_result *r = s->cur;
    charts_put_set_text(out, "ylabel", labels_column("recovery_rate", s->lang));
    fputs("    set format y '%g%%'\n    set yrange [0:*]\n    set xrange [-0.6:", out);
    charts_put_number(out, (double)s->ranked_count - 0.4, 1);
    fputs("]\n    set boxwidth 0.8 absolute\n    set style fill solid 1.0 noborder\n", out);
    charts_put_xtics(s, s->ranked_count, agent_tic,
                     s->ranked_count > 20 ? "rotate by 90 right font ',10'"
                                          : "rotate by 90 right font ',11'");
    char note[256];
    unrated_note(s, note, sizeof note);
    if (note[0] != '\0')
        charts_put_note(out, "xlabel", note);
    fputs("    set key outside right top\n    plot ", out);
    for (size_t t = 0; t < r->team_count; t++) {
        bool has = false;
        for (size_t i = 0; i < s->ranked_count && !has; i++)
            has = r->agents[s->ranked[i]].team_index == t;
        if (!has)
            continue;
        fprintf(out,
                "$recovery_by_agent using 1:($3 == %zu ? 100 * $2 : NaN) with boxes lc rgb '%s' ",
                t + 1, report_team_colour(t));
        charts_put_title(out, r->teams[t].name, r->team_count <= CHARTS_LEGEND_MAX);
        fputs(", \\\n        ", out);
    }
    char title[256];
    portfolio_title(s, title, sizeof title);
    put_portfolio_value(s);
    fputs(" with lines dt 2 lw 2 lc rgb '" CHARTS_TOTAL "' title ", out);
    gpquote_write(out, title);
    fputc('\n', out);
}

/* ---- the spread: teams as boxes, the best and the worst agents by name ----------------- */

/* With few teams the boxes and bars keep the team colours of the other charts; with more the
 * colours would repeat, so all are one colour and the names say the team. */
static const char *spread_colour(const charts_script *s, size_t team)
{
    return s->cur->team_count <= CHARTS_LEGEND_MAX ? report_team_colour(team) : CHARTS_ONE_COLOUR;
}

static const char *box_tic(const charts_script *s, size_t k, char *buffer, size_t size)
{
    return charts_fit(s->cur->teams[s->agent_teams[k]].name, CHARTS_NAME_COLUMNS, buffer, size);
}

/* The panel row of the agent at rank position i, or SIZE_MAX when it is not shown: the best
 * fill the top rows (2E+1 .. E+2), the worst the bottom ones (E-1 .. 0); rows E and E+1 are
 * the gap that says how many agents lie between. */
static size_t extreme_row(const charts_script *s, size_t i)
{
    const size_t e = CHARTS_AGENT_EXTREMES;
    if (i < e)
        return 2 * e + 1 - i;
    if (i >= s->ranked_count - e)
        return s->ranked_count - 1 - i;
    return SIZE_MAX;
}

/* "E0059 Daniel Lam · East 1": the team is named, since the bars are not always coloured by
 * team. */
static void extreme_tic(const charts_script *s, size_t i, char *buffer, size_t size)
{
    const kpi_agent *a = &s->cur->agents[s->ranked[i]];
    char name[256], team[256];
    const char *team_name =
        a->team_index < s->cur->team_count ? s->cur->teams[a->team_index].name : "";
    snprintf(buffer, size, "%s %s · %s", a->employee_no,
             charts_fit(a->name, CHARTS_NAME_COLUMNS - 6, name, sizeof name),
             charts_fit(team_name, CHARTS_NAME_COLUMNS / 2, team, sizeof team));
}

static void plot_team_boxes(const charts_script *s, const char *note)
{
    FILE *out = s->out;
    fputs("    set lmargin at screen 0.07\n    set rmargin at screen 0.54\n"
          "    set tmargin at screen 0.86\n    set bmargin at screen 0.27\n"
          "    set title ",
          out);
    gpquote_write(out, charts_text(s, "charts.agents_by_team"));
    fputs(" font ',14'\n", out);
    charts_put_set_text(out, "ylabel", labels_column("recovery_rate", s->lang));
    fputs("    set format y '%g%%'\n    set yrange [0:*]\n"
          "    set style boxplot outliers pointtype 7\n    set pointsize 0.6\n"
          "    set style fill solid 0.35 border\n    set boxwidth 0.6 absolute\n"
          "    set xrange [-0.7:",
          out);
    charts_put_number(out, (double)s->agent_team_count - 0.3, 1);
    fputs("]\n", out);
    /* Half the chart's width: only a few names fit flat. */
    charts_put_xtics(s, s->agent_team_count, box_tic,
                     s->agent_team_count > 30   ? "rotate by 90 right font ',8'"
                     : s->agent_team_count > 12 ? "rotate by 90 right font ',9'"
                                                : "rotate by 30 right font ',11'");
    /* The notes sit under the whole chart, once. */
    fputs("    set label 101 ", out);
    gpquote_write(out, charts_text(s, "charts.agents_box_note"));
    fputs(" at screen 0.5, screen 0.06 center textcolor rgb '" CHARTS_NOTE "'\n", out);
    if (note[0] != '\0') {
        fputs("    set label 102 ", out);
        gpquote_write(out, note);
        fputs(" at screen 0.5, screen 0.02 center textcolor rgb '" CHARTS_NOTE "'\n", out);
    }
    char title[256];
    portfolio_title(s, title, sizeof title);
    fputs("    set key top right opaque\n    plot ", out);
    for (size_t k = 0; k < s->agent_team_count; k++)
        fprintf(out,
                "$recovery_by_team index %zu using (%zu):(100 * $1) with boxplot lc rgb '%s' "
                "notitle, \\\n        ",
                k, k, spread_colour(s, s->agent_teams[k]));
    put_portfolio_value(s);
    fputs(" with lines dt 2 lw 2 lc rgb '" CHARTS_TOTAL "' title ", out);
    gpquote_write(out, title);
    fputs("\n    unset label 101\n    unset label 102\n", out);
}

/* The step of the extremes panel's rate axis: the smallest of 0.1, 0.2, 0.5, 1, 2, 5, 10,
 * ... (percent) that leaves at most four steps up to the best agent's rate and the room after
 * it; in a panel a sixth of the chart wide, more labels ran together ("8%10%12%"). */
static double extremes_tic_step(const charts_script *s)
{
    const kpi_result *r = s->cur;
    double top = 0.0;
    for (size_t i = 0; i < s->ranked_count; i++) {
        stats_value rate = r->agents[s->ranked[i]].row.recovery_rate;
        if (rate.defined && 100.0 * rate.value > top)
            top = 100.0 * rate.value;
    }
    if (r->total.recovery_rate.defined && 100.0 * r->total.recovery_rate.value > top)
        top = 100.0 * r->total.recovery_rate.value;
    top *= 1.15; /* the offset on the right (set offsets) */
    static const double mantissa[3] = {1.0, 2.0, 5.0};
    double scale = 0.1;
    for (;;) {
        for (size_t m = 0; m < 3; m++)
            if (top <= 4.0 * mantissa[m] * scale)
                return mantissa[m] * scale;
        scale *= 10.0;
    }
}

static void plot_extremes(const charts_script *s)
{
    FILE *out = s->out;
    const kpi_result *r = s->cur;
    const size_t e = CHARTS_AGENT_EXTREMES;
    fputs("    set lmargin at screen 0.77\n    set rmargin at screen 0.95\n"
          "    set title ",
          out);
    gpquote_write(out, charts_text(s, "charts.agents_extremes"));
    fputs(" font ',14'\n    unset ylabel\n    set xtics 0, ", out);
    charts_put_number(out, extremes_tic_step(s), 1);
    fputs(" norotate font ',10'\n"
          "    set format x '%g%%'\n    set xrange [0:*]\n    set offsets 0, graph 0.15, 0, 0\n"
          "    set grid xtics noytics\n"
          "    set style fill solid 1.0 noborder\n    set yrange [-0.7:",
          out);
    /* A row above the best agent for the portfolio line's name. */
    charts_put_number(out, (double)(2 * e + 1) + 1.7, 1);
    fputs("]\n    set ytics font ',10' (", out);
    for (size_t i = 0; i < s->ranked_count; i++) {
        size_t row = extreme_row(s, i);
        if (row == SIZE_MAX)
            continue;
        char tic[512];
        extreme_tic(s, i, tic, sizeof tic);
        fputs(i > 0 ? ", \\\n        " : "", out);
        gpquote_write_tic(out, tic);
        fprintf(out, " %zu", row);
    }
    fputs(")\n", out);
    /* The rate at the end of each bar, formatted as everywhere else in the report. */
    for (size_t i = 0; i < s->ranked_count; i++) {
        size_t row = extreme_row(s, i);
        if (row == SIZE_MAX)
            continue;
        char rate[32];
        charts_format_percent(r->agents[s->ranked[i]].row.recovery_rate, rate, sizeof rate);
        fprintf(out, "    set label %zu ", row + 1);
        gpquote_write(out, rate);
        fputs(" at ", out);
        charts_put_number(out, 100.0 * r->agents[s->ranked[i]].row.recovery_rate.value, 4);
        fprintf(out, ", %zu left offset 0.4, 0 font ',9'\n", row);
    }
    char between[256];
    snprintf(between, sizeof between, "%s%zu%s", charts_text(s, "charts.agents_between.before"),
             s->ranked_count - 2 * e, charts_text(s, "charts.agents_between.after"));
    fputs("    set label 100 ", out);
    gpquote_write(out, between);
    fprintf(out,
            " at graph 0.5, first %zu.5 center boxed front textcolor rgb '" CHARTS_NOTE "'\n"
            "    set style textbox opaque noborder\n",
            e);
    /* The portfolio line behind the bars, lighter than they are and named at its top: drawn
     * dark across the bars it looked like part of them. */
    if (r->total.recovery_rate.defined) {
        fputs("    set arrow 1 from ", out);
        put_portfolio_value(s);
        fputs(", graph 0 to ", out);
        put_portfolio_value(s);
        fprintf(out, ", first %zu.7 nohead back dt 2 lw 1.5 lc rgb '" CHARTS_NOTE "'\n", 2 * e + 1);
        char title[256];
        portfolio_title(s, title, sizeof title);
        fputs("    set label 99 ", out);
        gpquote_write(out, title);
        fputs(" at ", out);
        put_portfolio_value(s);
        fprintf(out, ", first %zu.15 center font ',9' textcolor rgb '" CHARTS_NOTE "'\n",
                2 * e + 2);
    }
    fputs("    unset key\n    plot ", out);
    /* One clause per team colour in use (one for all with many teams); a row that is not
     * shown is NaN and drawn by none. */
    bool by_team = r->team_count <= CHARTS_LEGEND_MAX;
    size_t clauses = 0;
    for (size_t t = 0; t <= r->team_count && (by_team || clauses == 0); t++) {
        bool has = !by_team;
        for (size_t i = 0; i < s->ranked_count && !has; i++)
            has = extreme_row(s, i) != SIZE_MAX && r->agents[s->ranked[i]].team_index == t;
        if (!has)
            continue;
        fprintf(out, "%s$recovery_by_agent using (100 * $2 / 2):",
                clauses++ > 0 ? ", \\\n        " : "");
        fprintf(out, "($1 < %zu ? %zu - $1 : $1 >= %zu ? %zu - $1 : NaN)", e, 2 * e + 1,
                s->ranked_count - e, s->ranked_count - 1);
        if (by_team)
            fprintf(out, ":($3 == %zu ? 100 * $2 / 2 : NaN)", t + 1);
        else
            fputs(":(100 * $2 / 2)", out);
        fprintf(out, ":(0.35) with boxxyerror lc rgb '%s' notitle", spread_colour(s, t));
    }
    fputc('\n', out);
}

static void plot_spread(const charts_script *s)
{
    FILE *out = s->out;
    char title[256], note[256];
    snprintf(title, sizeof title, "%s · %s", report_chart_title(CHART_AGENTS, s->lang), s->period);
    unrated_note(s, note, sizeof note);
    fputs("    set multiplot title ", out);
    gpquote_write(out, title);
    fputs(" font ',18'\n", out);
    plot_team_boxes(s, note);
    plot_extremes(s);
    fputs("    unset multiplot\n", out);
}

void charts_agents_plot(const charts_script *s)
{
    bool spread = charts_agents_spread(s);
    charts_begin(s, CHART_AGENTS, !spread);
    if (s->ranked_count == 0)
        charts_put_no_data(s);
    else if (spread)
        plot_spread(s);
    else
        plot_bars(s);
    charts_end(s);
}
