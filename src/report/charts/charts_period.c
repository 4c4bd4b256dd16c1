/* charts_period.c - the four charts of the report period (see charts_internal.h):
 * recovery rate by agent, PTP outcomes by team, resolution days by team, complaints by
 * category and team. They plot the engine's agent and team rows and the period's lists as
 * they are; the only arithmetic is ordering, counting list entries and laying bars out.
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "collectkpi/codes.h"
#include "collectkpi/format.h"
#include "gpquote.h"
#include "collectkpi/labels.h"
#include "collectkpi/report_charts.h"

/* ---- preparation: orders and counts shared by a chart's data block and its plot ---- */

/* The team of an agent index from a list, or team_count when there is none. */
static size_t team_of(const kpi_result *r, size_t agent)
{
    if (agent < r->agent_count && r->agents[agent].team_index < r->team_count)
        return r->agents[agent].team_index;
    return r->team_count;
}

static ck_error find_day_teams(charts_script *s)
{
    const kpi_result *r = s->cur;
    bool *has = calloc(r->team_count + 1, sizeof *has);
    s->day_teams = calloc(r->team_count + 1, sizeof *s->day_teams);
    if (has == NULL || s->day_teams == NULL) {
        free(has);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->resolution_count; i++)
        has[team_of(r, r->resolutions[i].agent_index)] = true;
    for (size_t t = 0; t < r->team_count; t++)
        if (has[t])
            s->day_teams[s->day_team_count++] = t;
    free(has);
    return CK_OK;
}

/* Complaints per category and status, and the categories in use by count, largest first
 * (equal counts in the order of the category codes). */
static ck_error count_complaints(charts_script *s)
{
    const kpi_result *r = s->cur;
    size_t categories = codes_complaint_category.count;
    s->complaints = calloc(categories, sizeof *s->complaints);
    s->complaint_order = calloc(categories, sizeof *s->complaint_order);
    if (s->complaints == NULL || s->complaint_order == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < r->complaint_count; i++) {
        const kpi_complaint *c = &r->complaints[i];
        if (c->category < 0 || (size_t)c->category >= categories)
            continue;
        charts_complaint_cell *cell = &s->complaints[c->category];
        if (c->substantiated == 1)
            cell->substantiated++;
        else if (c->substantiated == 0)
            cell->not_substantiated++;
        else
            cell->under_review++;
    }
    for (size_t c = 0; c < categories; c++) {
        const charts_complaint_cell *cell = &s->complaints[c];
        int64_t count = cell->substantiated + cell->under_review + cell->not_substantiated;
        if (count == 0)
            continue;
        /* insertion by count: ten categories at most */
        size_t k = s->complaint_category_count++;
        while (k > 0) {
            const charts_complaint_cell *before = &s->complaints[s->complaint_order[k - 1]];
            if (before->substantiated + before->under_review + before->not_substantiated >= count)
                break;
            s->complaint_order[k] = s->complaint_order[k - 1];
            k--;
        }
        s->complaint_order[k] = c;
    }
    return CK_OK;
}

ck_error charts_period_prepare(charts_script *s)
{
    ck_error err = find_day_teams(s);
    if (err == CK_OK)
        err = count_complaints(s);
    return err;
}

/* ---- 2. PTP outcomes by team ------------------------------------------------------------ */

static const char *team_tic(const charts_script *s, size_t i, char *buffer, size_t size)
{
    return charts_fit(s->cur->teams[i].name, CHARTS_NAME_COLUMNS, buffer, size);
}

void charts_ptp_data(const charts_script *s)
{
    FILE *out = s->out;
    fputs("\n# 2. ptp_outcomes_by_team: ptp_kept, ptp_broken, ptp_pending; one row per team by "
          "name.\n$ptp_outcomes_by_team << EOD\n",
          out);
    for (size_t t = 0; t < s->cur->team_count; t++) {
        const kpi_row *row = &s->cur->teams[t].row;
        fprintf(out, "%lld %lld %lld\n", (long long)row->ptp_kept, (long long)row->ptp_broken,
                (long long)row->ptp_pending);
    }
    fputs("EOD\n", out);
}

void charts_ptp_plot(const charts_script *s)
{
    FILE *out = s->out;
    const kpi_result *r = s->cur;
    int64_t top = 0; /* the highest stack: kept + broken + pending = ptp_due */
    for (size_t t = 0; t < r->team_count; t++)
        if (r->teams[t].row.ptp_due > top)
            top = r->teams[t].row.ptp_due;
    charts_begin(s, CHART_PTP, true);
    if (top == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    fputs("    set style data histograms\n    set style histogram rowstacked\n"
          "    set style fill solid 1.0 border lc rgb 'white'\n    set boxwidth 0.6 relative\n"
          "    set xrange [-0.6:",
          out);
    charts_put_number(out, (double)r->team_count - 0.4, 1);
    fputs("]\n", out);
    charts_put_grouped_axis(out, 'y', 0, top + top / 10 + 1); /* room for the rate labels */
    charts_put_set_text(out, "ylabel", labels_column("ptp_due", s->lang));
    charts_put_xtics(s, r->team_count, team_tic, NULL);
    if (r->team_count <= CHARTS_VALUE_MAX) {
        charts_put_note(out, "xlabel", charts_text(s, "charts.kept_rate_note"));
        for (size_t t = 0; t < r->team_count; t++) {
            char rate[32];
            charts_format_percent(r->teams[t].row.ptp_kept_rate, rate, sizeof rate);
            fprintf(out, "    set label %zu ", t + 1);
            gpquote_write(out, rate);
            fprintf(out, " at %zu, %lld center offset 0, 0.8\n", t,
                    (long long)r->teams[t].row.ptp_due);
        }
    }
    fputs("    set key outside right top\n"
          "    plot $ptp_outcomes_by_team using 1 lc rgb '#009e73' title ",
          out);
    gpquote_write(out, labels_column("ptp_kept", s->lang));
    fputs(", \\\n        '' using 2 lc rgb '#d55e00' title ", out);
    gpquote_write(out, labels_column("ptp_broken", s->lang));
    fputs(", \\\n        '' using 3 lc rgb '#bbbbbb' title ", out);
    gpquote_write(out, labels_column("ptp_pending", s->lang));
    fputc('\n', out);
    charts_end(s);
}

/* ---- 3. Resolution days by team --------------------------------------------------------- */

static const char *day_team_tic(const charts_script *s, size_t i, char *buffer, size_t size)
{
    return charts_fit(s->cur->teams[s->day_teams[i]].name, CHARTS_NAME_COLUMNS, buffer, size);
}

void charts_days_data(const charts_script *s)
{
    FILE *out = s->out;
    const kpi_result *r = s->cur;
    fputs("\n# 3. resolution_days_by_team: the days from placement to resolution of each "
          "resolved case;\n#    one block (index 0, 1, ...) per team with resolved cases, by "
          "name.\n$resolution_days_by_team << EOD\n",
          out);
    for (size_t k = 0; k < s->day_team_count; k++) {
        if (k > 0)
            fputs("\n\n", out);
        for (size_t i = 0; i < r->resolution_count; i++) {
            if (team_of(r, r->resolutions[i].agent_index) == s->day_teams[k]) {
                charts_put_number(out, r->resolutions[i].days, 4);
                fputc('\n', out);
            }
        }
    }
    fputs("EOD\n", out);
}

void charts_days_plot(const charts_script *s)
{
    FILE *out = s->out;
    charts_begin(s, CHART_DAYS, true);
    if (s->day_team_count == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    fputs("    set style boxplot outliers pointtype 7\n    set pointsize 0.6\n"
          "    set style fill solid 0.35 border\n    set boxwidth 0.5 absolute\n"
          "    set yrange [0:*]\n    set xrange [-0.7:",
          out);
    charts_put_number(out, (double)s->day_team_count - 0.3, 1);
    fputs("]\n", out);
    charts_put_set_text(out, "ylabel", charts_text(s, "charts.days_axis"));
    charts_put_note(out, "xlabel", charts_text(s, "charts.boxplot_note"));
    charts_put_xtics(s, s->day_team_count, day_team_tic, NULL);
    fputs("    unset key\n    plot ", out);
    for (size_t k = 0; k < s->day_team_count; k++)
        /* Team colours only while each team has its own; beyond, one colour (the axis names
         * the teams) rather than a repeating palette that pairs unrelated teams. */
        fprintf(out, "%s$resolution_days_by_team index %zu using (%zu):1 with boxplot lc rgb '%s'",
                k > 0 ? ", \\\n        " : "", k, k,
                s->cur->team_count <= CHARTS_LEGEND_MAX ? report_team_colour(s->day_teams[k])
                                                        : CHARTS_ONE_COLOUR);
    fputc('\n', out);
    charts_end(s);
}

/* ---- 4. Complaints by category -------------------------------------------------------- */

/* Horizontal stacked bars, the most frequent category at the top: the category names are
 * long, so they sit on the y axis. Each bar is split by the complaints' status, in colours
 * told apart with any colour vision (Okabe and Ito): substantiated, under review (fewer
 * upheld complaints may only mean slower reviews), not substantiated. The split by team is in
 * the Teams table and sheet; a bar of a handful of complaints cut into a dozen team colours
 * could not be read. */

static const char *const status_colour[3] = {"#d55e00", "#e69f00", "#bbbbbb"};

static int64_t category_count(const charts_complaint_cell *cell)
{
    return cell->substantiated + cell->under_review + cell->not_substantiated;
}

void charts_complaints_data(const charts_script *s)
{
    FILE *out = s->out;
    fputs("\n# 4. complaints_by_category: y position (0 = the bottom bar), category code (its "
          "place in\n#    data-model.md's list, from 0), substantiated, under review, not "
          "substantiated;\n#    the categories with complaints, the most complaints at the top."
          "\n$complaints_by_category << EOD\n",
          out);
    size_t n = s->complaint_category_count;
    for (size_t k = 0; k < n; k++) {
        size_t c = s->complaint_order[k];
        const charts_complaint_cell *cell = &s->complaints[c];
        fprintf(out, "%zu %zu %lld %lld %lld\n", n - 1 - k, c, (long long)cell->substantiated,
                (long long)cell->under_review, (long long)cell->not_substantiated);
    }
    fputs("EOD\n", out);
}

void charts_complaints_plot(const charts_script *s)
{
    FILE *out = s->out;
    size_t n = s->complaint_category_count;
    charts_begin(s, CHART_COMPLAINTS, n == 0);
    if (n == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    /* The title as a label where the other charts have theirs: gnuplot would move its title
     * down with the room made for the legend under it. */
    char title[256];
    snprintf(title, sizeof title, "%s · %s", report_chart_title(CHART_COMPLAINTS, s->lang),
             s->period);
    fputs("    set label 100 ", out);
    gpquote_write(out, title);
    fputs(" at screen 0.5, screen 0.943 center font ',18'\n", out);
    int64_t top = category_count(&s->complaints[s->complaint_order[0]]);
    fputs("    set grid noytics xtics lc rgb '#e3e3e3'\n    set yrange [-0.6:", out);
    charts_put_number(out, (double)n - 0.4, 1);
    fputs("]\n    set ytics (", out);
    for (size_t k = 0; k < n; k++) {
        fputs(k > 0 ? ", \\\n        " : "", out);
        gpquote_write_tic(
            out, labels_code(&codes_complaint_category, (int)s->complaint_order[k], s->lang));
        fprintf(out, " %zu", n - 1 - k);
    }
    fputs(")\n", out);
    /* A tenth more room on the right for the count at the end of the longest bar. */
    charts_put_grouped_axis(out, 'x', 0, top + top / 10 + 1);
    charts_put_set_text(out, "xlabel", labels_column("complaints", s->lang));
    for (size_t k = 0; k < n; k++) {
        char count[32];
        format_integer_grouped(category_count(&s->complaints[s->complaint_order[k]]), count,
                               sizeof count);
        fprintf(out, "    set label %zu ", k + 1);
        gpquote_write(out, count);
        fprintf(out, " at %lld, %zu left offset 0.5, 0\n",
                (long long)category_count(&s->complaints[s->complaint_order[k]]), n - 1 - k);
    }
    /* One row of legend between the title and the plot, the period's counts in it. */
    fputs("    set style fill solid 1.0 border lc rgb 'white'\n    set tmargin at screen 0.83\n"
          "    set key at screen 0.5, screen 0.905 center top horizontal reverse Left "
          "samplen 1.5 width 2\n    plot ",
          out);
    const kpi_row *total = &s->cur->total;
    const int64_t totals[3] = {total->complaints_substantiated, total->complaints_under_review,
                               total->complaints - total->complaints_substantiated -
                                   total->complaints_under_review};
    static const char *const keys[3] = {"charts.substantiated", "charts.under_review",
                                        "charts.not_substantiated"};
    static const char *const starts[3] = {"0", "$3", "($3 + $4)"};
    static const char *const ends[3] = {"$3", "($3 + $4)", "($3 + $4 + $5)"};
    for (int status = 0; status < 3; status++) {
        char count[32];
        format_integer_grouped(totals[status], count, sizeof count);
        snprintf(title, sizeof title, s->lang == SETTINGS_LANG_ZH ? "%s：%s" : "%s: %s",
                 charts_text(s, keys[status]), count);
        fprintf(out,
                "%s$complaints_by_category using ((%s + %s) / 2):1:(%s):(%s):($1 - 0.32):"
                "($1 + 0.32) with boxxyerror lc rgb '%s' title ",
                status > 0 ? ", \\\n        " : "", starts[status], ends[status], starts[status],
                ends[status], status_colour[status]);
        gpquote_write(out, title);
    }
    fputc('\n', out);
    charts_end(s);
}
