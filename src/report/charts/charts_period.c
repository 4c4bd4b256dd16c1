/* charts_period.c - the four charts of the report period (see charts_internal.h):
 * recovery rate by agent, PTP outcomes by team, resolution days by team, complaints by
 * category and team. They plot the engine's agent and team rows and the period's lists as
 * they are; the only arithmetic is ordering, counting list entries and laying bars out.
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "collectkpi/codes.h"
#include "gpquote.h"
#include "collectkpi/labels.h"

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

static ck_error count_complaints(charts_script *s)
{
    const kpi_result *r = s->cur;
    size_t categories = codes_complaint_category.count;
    s->complaints_by_team = r->team_count <= CHARTS_LEGEND_MAX;
    s->slots = s->complaints_by_team ? r->team_count + 1 : 1;
    s->complaints = calloc(categories * s->slots, sizeof *s->complaints);
    if (s->complaints == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < r->complaint_count; i++) {
        const kpi_complaint *c = &r->complaints[i];
        if (c->category < 0 || (size_t)c->category >= categories)
            continue;
        size_t slot = s->complaints_by_team ? team_of(r, c->agent_index) : 0;
        charts_complaint_cell *cell = &s->complaints[(size_t)c->category * s->slots + slot];
        if (c->substantiated == 1)
            cell->substantiated++;
        else
            cell->other++;
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
          "    plot $ptp_outcomes_by_team using 1 lc rgb '#59a14f' title ",
          out);
    gpquote_write(out, labels_column("ptp_kept", s->lang));
    fputs(", \\\n        '' using 2 lc rgb '#e15759' title ", out);
    gpquote_write(out, labels_column("ptp_broken", s->lang));
    fputs(", \\\n        '' using 3 lc rgb '#bab0ac' title ", out);
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
        fprintf(out, "%s$resolution_days_by_team index %zu using (%zu):1 with boxplot lc rgb '%s'",
                k > 0 ? ", \\\n        " : "", k, k, charts_team_colour(s->day_teams[k]));
    fputc('\n', out);
    charts_end(s);
}

/* ---- 4. Complaints by category and team ------------------------------------------------- */

/* Horizontal stacked bars: the category names are long, so they sit on the y axis. Each
 * segment is a box from its start to its end along x, per team, substantiated first. */

static const charts_complaint_cell *cell_at(const charts_script *s, size_t category, size_t slot)
{
    return &s->complaints[category * s->slots + slot];
}

static bool category_used(const charts_script *s, size_t category)
{
    for (size_t slot = 0; slot < s->slots; slot++)
        if (cell_at(s, category, slot)->substantiated + cell_at(s, category, slot)->other > 0)
            return true;
    return false;
}

static bool slot_used(const charts_script *s, size_t slot)
{
    for (size_t c = 0; c < codes_complaint_category.count; c++)
        if (cell_at(s, c, slot)->substantiated + cell_at(s, c, slot)->other > 0)
            return true;
    return false;
}

/* The slot's number in the data block: 1.. a team by name, 0 no agent named (all: 1). */
static size_t slot_number(const charts_script *s, size_t slot)
{
    if (!s->complaints_by_team)
        return 1;
    return slot < s->cur->team_count ? slot + 1 : 0;
}

static const char *slot_colour(const charts_script *s, size_t slot)
{
    if (!s->complaints_by_team || slot < s->cur->team_count)
        return charts_team_colour(slot);
    return CHARTS_GREY;
}

static const char *slot_name(const charts_script *s, size_t slot)
{
    if (!s->complaints_by_team)
        return charts_text(s, "charts.all_teams");
    if (slot < s->cur->team_count)
        return s->cur->teams[slot].name;
    return charts_text(s, "charts.no_agent");
}

static size_t used_categories(const charts_script *s)
{
    size_t n = 0;
    for (size_t c = 0; c < codes_complaint_category.count; c++)
        n += category_used(s, c);
    return n;
}

void charts_complaints_data(const charts_script *s)
{
    FILE *out = s->out;
    fputs("\n# 4. complaints_by_category: one segment per line: y position (the first category "
          "at the\n#    top), team number (by name; 0 = no agent named), 1 = substantiated, "
          "0 = not or\n#    under review, segment start, segment end (complaints). With more than "
          "twelve teams\n#    the team number is 1 for all.\n"
          "$complaints_by_category << EOD\n",
          out);
    size_t y = used_categories(s);
    for (size_t c = 0; c < codes_complaint_category.count; c++) {
        if (!category_used(s, c))
            continue;
        y--;
        int64_t start = 0;
        for (size_t slot = 0; slot < s->slots; slot++) {
            const charts_complaint_cell *cell = cell_at(s, c, slot);
            size_t team = slot_number(s, slot);
            const int64_t parts[2] = {cell->substantiated, cell->other};
            for (int k = 0; k < 2; k++) {
                if (parts[k] == 0)
                    continue;
                fprintf(out, "%zu %zu %d %lld %lld\n", y, team, k == 0, (long long)start,
                        (long long)(start + parts[k]));
                start += parts[k];
            }
        }
    }
    fputs("EOD\n", out);
}

static const char *category_tic(const charts_script *s, size_t n, char *buffer, size_t size)
{
    (void)buffer;
    (void)size;
    for (size_t c = 0; c < codes_complaint_category.count; c++)
        if (category_used(s, c) && n-- == 0)
            return labels_code(&codes_complaint_category, (int)c, s->lang);
    return "";
}

void charts_complaints_plot(const charts_script *s)
{
    FILE *out = s->out;
    size_t categories = used_categories(s);
    int64_t top = 0; /* the longest bar, for the axis only */
    for (size_t c = 0; c < codes_complaint_category.count; c++) {
        int64_t length = 0;
        for (size_t slot = 0; slot < s->slots; slot++)
            length += cell_at(s, c, slot)->substantiated + cell_at(s, c, slot)->other;
        top = length > top ? length : top;
    }
    charts_begin(s, CHART_COMPLAINTS, true);
    if (categories == 0) {
        charts_put_no_data(s);
        charts_end(s);
        return;
    }
    fputs("    set grid noytics xtics lc rgb '#e3e3e3'\n    set yrange [-0.6:", out);
    charts_put_number(out, (double)categories - 0.4, 1);
    fputs("]\n    set ytics (", out);
    for (size_t i = 0; i < categories; i++) {
        char buffer[256];
        fputs(i > 0 ? ", \\\n        " : "", out);
        gpquote_write_tic(out, category_tic(s, i, buffer, sizeof buffer));
        fprintf(out, " %zu", categories - 1 - i);
    }
    fputs(")\n", out);
    charts_put_grouped_axis(out, 'x', 0, top);
    charts_put_set_text(out, "xlabel", labels_column("complaints", s->lang));
    fputs("    set key outside right top\n    plot ", out);
    for (size_t slot = 0; slot < s->slots; slot++) {
        const char *colour = slot_colour(s, slot);
        for (int substantiated = 1; substantiated >= 0; substantiated--) {
            int64_t n = 0;
            for (size_t c = 0; c < codes_complaint_category.count; c++)
                n +=
                    substantiated ? cell_at(s, c, slot)->substantiated : cell_at(s, c, slot)->other;
            if (n == 0)
                continue; /* no clause without points: gnuplot would warn */
            fprintf(out,
                    "$complaints_by_category using ($2 == %zu && $3 == %d ? ($4 + $5) / 2 : "
                    "NaN):1:4:5:($1 - 0.3):($1 + 0.3) with boxxyerror lc rgb '%s' fs %s border "
                    "lc rgb '%s' notitle, \\\n        ",
                    slot_number(s, slot), substantiated, colour,
                    substantiated ? "solid 1.0" : "transparent solid 0.3",
                    substantiated ? "white" : colour);
        }
    }
    /* The legend: one entry per team (when few enough) and "no agent", then the shading. */
    for (size_t slot = 0; slot < s->slots; slot++) {
        if (!slot_used(s, slot))
            continue;
        fprintf(out, "keyentry with boxes fs solid 1.0 lc rgb '%s' ", slot_colour(s, slot));
        charts_put_title(out, slot_name(s, slot), true);
        fputs(", \\\n        ", out);
    }
    /* The counts in the legend, with the undecided ones named: fewer upheld complaints
     * may only mean slower reviews. */
    const kpi_row *total = &s->data->current->total;
    char title[256];
    snprintf(title, sizeof title, "%s: %lld", charts_text(s, "charts.substantiated"),
             (long long)total->complaints_substantiated);
    fputs("keyentry with boxes fs solid 1.0 lc rgb '#555555' title ", out);
    gpquote_write(out, title);
    snprintf(title, sizeof title,
             s->lang == SETTINGS_LANG_ZH ? "%s：%lld，其中 %lld %s" : "%s: %lld, %lld %s",
             charts_text(s, "charts.not_substantiated"),
             (long long)(total->complaints - total->complaints_substantiated),
             (long long)total->complaints_under_review, charts_text(s, "dashboard.under_review"));
    fputs(
        ", \\\n        keyentry with boxes fs transparent solid 0.3 border lc rgb '#555555' lc rgb "
        "'#555555' title ",
        out);
    gpquote_write(out, title);
    fputc('\n', out);
    charts_end(s);
}
