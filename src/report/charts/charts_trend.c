/* charts_trend.c - the two charts of the twelve trend months (see charts_internal.h):
 * recovery rate and PTP kept rate per team and total (lines), and collected per month
 * (bars). They plot each month's engine rows as they are; teams are matched by team_id, so
 * a renamed team keeps one line (under its latest name).
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "gpquote.h"
#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/period.h"
#include "collectkpi/report_charts.h"

ck_error charts_trend_prepare(charts_script *s)
{
    return report_trend_teams(s->data, &s->trend_teams, &s->trend_team_count);
}

static size_t current_team(const charts_script *s, int64_t team_id)
{
    for (size_t t = 0; t < s->cur->team_count; t++)
        if (s->cur->teams[t].team_id == team_id)
            return t;
    return SIZE_MAX;
}

/* The same colour as in the other charts for a team of the report month; teams that are
 * gone by then take the colours after those. */
static const char *trend_colour(const charts_script *s, size_t k)
{
    size_t t = current_team(s, s->trend_teams[k].team_id);
    if (t != SIZE_MAX)
        return charts_team_colour(t);
    size_t gone = 0;
    for (size_t j = 0; j < k; j++)
        gone += current_team(s, s->trend_teams[j].team_id) == SIZE_MAX;
    return charts_team_colour(s->cur->team_count + gone);
}

static const stats_value *rate_at(const kpi_row *row, size_t offset)
{
    return (const stats_value *)(const void *)((const char *)row + offset);
}

static const kpi_row *team_row(const kpi_result *month, int64_t team_id)
{
    for (size_t t = 0; t < month->team_count; t++)
        if (month->teams[t].team_id == team_id)
            return &month->teams[t].row;
    return NULL;
}

/* Month tics: "11" over "2025" where the year starts or changes, else "12", "01", ...; so
 * twelve months fit flat under a panel half the chart wide. Only numbers: no user text. */
static void put_month_tics(const charts_script *s)
{
    FILE *out = s->out;
    fputs("    set xtics (", out);
    for (size_t i = 0; i < s->data->trend_count; i++) {
        const period *p = &s->data->trend[i]->period;
        char text[32];
        fputs(i == 0 ? "" : i % 6 == 0 ? ", \\\n        " : ", ", out);
        if (p->month_year == 0) { /* not a calendar month: its full label */
            period_label(p, text, sizeof text);
            gpquote_write_tic(out, text);
        } else {
            snprintf(text, sizeof text, "%02d", p->month);
            gpquote_write_tic(out, text);
            /* a December first: its year would run into January's beside it */
            bool first = i == 0 && !(p->month == 12 && s->data->trend_count > 1);
            if (first || p->month == 1)
                fprintf(out, ".\"\\n\".'%04d'", p->month_year);
        }
        fprintf(out, " %zu", i);
    }
    fputs(")\n", out);
}

/* One block per rate: month position, total, then the teams in trend_teams order. */
static void data_rate(const charts_script *s, const char *name, size_t offset)
{
    FILE *out = s->out;
    fprintf(out, "$%s << EOD\n", name);
    for (size_t m = 0; m < s->data->trend_count; m++) {
        const kpi_result *month = s->data->trend[m];
        /* A month the data has not reached is a gap, not a drop to zero. */
        bool empty = kpi_result_empty(month);
        fprintf(out, "%zu ", m);
        if (empty)
            fputs("NaN", out);
        else
            charts_put_rate(out, *rate_at(&month->total, offset));
        for (size_t k = 0; k < s->trend_team_count; k++) {
            const kpi_row *row = team_row(month, s->trend_teams[k].team_id);
            fputc(' ', out);
            if (row != NULL && !empty)
                charts_put_rate(out, *rate_at(row, offset));
            else
                fputs("NaN", out);
        }
        fputc('\n', out);
    }
    fputs("EOD\n", out);
}

void charts_trends_data(const charts_script *s)
{
    fputs("\n# 5. trends: month position, the total's rate, then each team's (in the order of the\n"
          "#    plot clauses); NaN where a rate is undefined or the team had no row that month.\n",
          s->out);
    data_rate(s, "trend_recovery_rate", offsetof(kpi_row, recovery_rate));
    data_rate(s, "trend_ptp_kept_rate", offsetof(kpi_row, ptp_kept_rate));
}

static bool has_rate(const charts_script *s, size_t offset)
{
    for (size_t m = 0; m < s->data->trend_count; m++)
        if (rate_at(&s->data->trend[m]->total, offset)->defined)
            return true;
    return false;
}

static void plot_panel(const charts_script *s, const char *block, const char *column, size_t offset,
                       bool key)
{
    FILE *out = s->out;
    fputs("    set title ", out);
    gpquote_write(out, labels_column(column, s->lang));
    fputs(" font ',16'\n", out);
    /* Lines need not start at zero (bars do); a panel without a single defined rate gets a
     * fixed range, else gnuplot stops on it. */
    fputs(has_rate(s, offset) ? "    set autoscale y\n" : "    set yrange [0:100]\n", out);
    fputs(key ? "    set key at screen 0.99, screen 0.86 right top\n" : "    unset key\n", out);
    /* Too many teams to tell apart: each a thin grey line under the total. */
    bool crowded = s->trend_team_count > CHARTS_LEGEND_MAX;
    fprintf(out, "    plot $%s", block);
    for (size_t k = 0; k < s->trend_team_count; k++) {
        if (crowded)
            fprintf(out, "%s using 1:(100 * $%zu) with lines lw 1 lc rgb '#cfcfcf' notitle",
                    k > 0 ? ", \\\n        ''" : "", k + 3);
        else
            fprintf(out, "%s using 1:(100 * $%zu) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '%s' ",
                    k > 0 ? ", \\\n        ''" : "", k + 3, trend_colour(s, k));
        if (!crowded)
            charts_put_title(out, s->trend_teams[k].name, key);
    }
    if (crowded && key) {
        fputs(", \\\n        keyentry with lines lw 1 lc rgb '#cfcfcf' title ", out);
        gpquote_write(out, charts_text(s, "charts.each_team"));
    }
    fprintf(out,
            "%s using 1:(100 * $2) with linespoints lw 3.5 pt 7 ps 0.9 lc rgb '" CHARTS_TOTAL "' ",
            s->trend_team_count > 0 ? ", \\\n        ''" : "");
    charts_put_title(out, charts_text(s, "common.total"), key);
    fputc('\n', out);
}

/* "Twelve-month trend · 2025-11 – 2026-10" */
static void range_title(const charts_script *s, size_t chart, char *out, size_t size)
{
    const report_data *d = s->data;
    char first[32], last[32];
    period_label(&d->trend[0]->period, first, sizeof first);
    period_label(&d->trend[d->trend_count - 1]->period, last, sizeof last);
    snprintf(out, size, "%s · %s – %s", report_chart_title(chart, s->lang), first, last);
}

void charts_trends_plot(const charts_script *s)
{
    FILE *out = s->out;
    const report_data *d = s->data;
    charts_begin(s, CHART_TRENDS, d->trend_count == 0);
    if (d->trend_count == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    char title[256];
    range_title(s, CHART_TRENDS, title, sizeof title);
    fputs("    set multiplot layout 1, 2 title ", out);
    gpquote_write(out, title);
    fputs(" font ',18' margins 0.07, 0.78, 0.17, 0.86 spacing 0.07\n"
          "    set format y '%g%%'\n    set xrange [-0.5:",
          out);
    charts_put_number(out, (double)d->trend_count - 0.5, 1);
    fputs("]\n", out);
    put_month_tics(s);
    plot_panel(s, "trend_recovery_rate", "recovery_rate", offsetof(kpi_row, recovery_rate), false);
    plot_panel(s, "trend_ptp_kept_rate", "ptp_kept_rate", offsetof(kpi_row, ptp_kept_rate), true);
    fputs("    unset multiplot\n", out);
    charts_end(s);
}

/* ---- 6. Collected per month ------------------------------------------------------------- */

/* The no-holder part and, darker to be read as text, its amount above a bar. */
#define NO_HOLDER      "#bab0ac"
#define NO_HOLDER_TEXT "#776e69"

void charts_collected_data(const charts_script *s)
{
    FILE *out = s->out;
    fputs("\n# 6. collected_by_month: collected (the total row: agents' payments), "
          "unassigned_collected;\n#    minor units, one row per trend month, oldest first.\n"
          "$collected_by_month << EOD\n",
          out);
    for (size_t m = 0; m < s->data->trend_count; m++) {
        const kpi_result *month = s->data->trend[m];
        fprintf(out, "%lld %lld\n", (long long)month->total.collected_minor,
                (long long)month->unassigned_collected_minor);
    }
    fputs("EOD\n", out);
}

void charts_collected_plot(const charts_script *s)
{
    FILE *out = s->out;
    const report_data *d = s->data;
    charts_begin(s, CHART_COLLECTED, d->trend_count == 0);
    if (d->trend_count == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    char title[256];
    range_title(s, CHART_COLLECTED, title, sizeof title);
    /* The title where the other charts have theirs, the legend in one row under it: inside
     * the plot it hid the first months' amounts. (gnuplot's own title would move down with
     * the room made for the legend.) */
    fputs("    set label 100 ", out);
    gpquote_write(out, title);
    fputs(" at screen 0.5, screen 0.943 center font ',18'\n    set tmargin at screen 0.83\n", out);
    /* The axis must hold each month's stack; its bounds are layout, not a figure. */
    int64_t lo = 0, hi = 0;
    for (size_t m = 0; m < d->trend_count; m++) {
        int64_t agents = d->trend[m]->total.collected_minor;
        int64_t unassigned = d->trend[m]->unassigned_collected_minor;
        int64_t up = (agents > 0 ? agents : 0) + (unassigned > 0 ? unassigned : 0);
        int64_t down = (agents < 0 ? agents : 0) + (unassigned < 0 ? unassigned : 0);
        hi = up > hi ? up : hi;
        lo = down < lo ? down : lo;
    }
    fputs("    set style data histograms\n    set style histogram rowstacked\n"
          "    set style fill solid 1.0 border lc rgb 'white'\n    set boxwidth 0.6 relative\n"
          "    set xrange [-0.6:",
          out);
    charts_put_number(out, (double)d->trend_count - 0.4, 1);
    fputs("]\n", out);
    /* Major units: minor / 100, rounded outwards. */
    hi += hi / 16; /* room above the highest bar for an amount written over it */
    charts_put_grouped_axis(out, 'y', lo / 100 - (lo % 100 != 0), hi / 100 + (hi % 100 != 0));
    char axis[128];
    snprintf(axis, sizeof axis, "%s (%s)", labels_column("collected", s->lang),
             s->cur->settings.currency);
    charts_put_set_text(out, "ylabel", axis);
    put_month_tics(s);
    /* A month's no-holder part thinner than a fortieth of the axis (about a dozen pixels)
     * cannot be seen: its amount is written above the bar instead, in the part's grey. */
    int64_t span = hi - lo;
    bool labelled = false;
    for (size_t m = 0; m < d->trend_count; m++) {
        int64_t agents = d->trend[m]->total.collected_minor;
        int64_t unassigned = d->trend[m]->unassigned_collected_minor;
        if (unassigned == 0 || (unassigned > 0 ? unassigned : -unassigned) >= span / 40)
            continue;
        char amount[FORMAT_TEXT_SIZE];
        format_money_grouped(unassigned, amount, sizeof amount);
        fprintf(out, "    set label %zu ", m + 1);
        gpquote_write(out, amount);
        fprintf(out, " at %zu, ", m);
        charts_put_number(out,
                          (double)(agents > 0 ? agents : 0) / 100.0 +
                              (double)(unassigned > 0 ? unassigned : 0) / 100.0,
                          2);
        fputs(" center offset 0, 0.7 font ',10' textcolor rgb '" NO_HOLDER_TEXT "'\n", out);
        labelled = true;
    }
    if (labelled) { /* under the year line of the month tics */
        fputs("    set xlabel ", out);
        gpquote_write(out, charts_text(s, "charts.no_holder_note"));
        fputs(" offset 0, -1 textcolor rgb '" CHARTS_NOTE "'\n", out);
    }
    fputs(labelled ? "    set bmargin 6\n" : "    set bmargin 4.5\n", out);
    fputs("    set key at screen 0.5, screen 0.905 center top horizontal reverse Left samplen 1.5 "
          "width 2\n"
          "    plot $collected_by_month using ($1 / 100.0) lc rgb '#4e79a7' title ",
          out);
    gpquote_write(out, charts_text(s, "charts.collected_agents"));
    fputs(", \\\n        '' using ($2 / 100.0) lc rgb '" NO_HOLDER "' title ", out);
    gpquote_write(out, labels_column("unassigned_collected", s->lang));
    fputc('\n', out);
    charts_end(s);
}
