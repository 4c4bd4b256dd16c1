/* charts_script.c - the one gnuplot script that draws the chart set (see charts.h).
 *
 * The script has two parts: data blocks that hold only
 * numbers (the engine's figures, unchanged: rates as ratios, money as minor units), and one
 * loop that draws every chart once as PNG and once as SVG. Every text (titles, names of
 * agents, teams and categories) is a single-quoted string written by gpquote, and the
 * terminals are noenhanced, so nothing in a name is ever run or interpreted. Nothing here
 * computes a figure: the charts sort, group and count list entries, and pick axis ticks.
 *
 * This file is the frame; the charts are in charts_period.c, charts_trend.c and
 * charts_compliance.c, and the
 * helpers all of them write through in charts_put.c, below both.
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "collectkpi/period.h"

static void put_header(const charts_script *s)
{
    fprintf(s->out,
            "# charts.gp - the charts of the collectkpi report for %s, written by collectkpi "
            "%s.\n#\n"
            "# Re-run it in this folder to draw every chart again as NAME.png and NAME.svg:\n"
            "#     gnuplot charts.gp\n"
            "# Restyle freely. The data blocks ($name << EOD) hold the report's figures as plain\n"
            "# numbers (rates as ratios, money in minor units); every name and label is a\n"
            "# single-quoted string, in which a quote is written twice ('O''Brien').\n\n"
            "set encoding utf8\nchart_font = '%s'\n",
            s->period, s->data->program_version != NULL ? s->data->program_version : "",
            CHARTS_FONT);
}

ck_error charts_script_write(FILE *out, const report_data *data, ck_diag *diag)
{
    charts_script s = {.out = out, .data = data, .cur = data->current};
    s.lang = data->lang;
    period_label(&s.cur->period, s.period, sizeof s.period);
    ck_error err = charts_agents_prepare(&s);
    if (err == CK_OK)
        err = charts_period_prepare(&s);
    if (err == CK_OK)
        err = charts_trend_prepare(&s);
    if (err != CK_OK) {
        ck_diag_set(diag, "out of memory while writing the chart script");
        goto done;
    }
    put_header(&s);
    charts_agents_data(&s);
    charts_ptp_data(&s);
    charts_days_data(&s);
    charts_complaints_data(&s);
    charts_trends_data(&s);
    charts_collected_data(&s);
    charts_breaches_data(&s);
    fprintf(out,
            "\n# Each chart twice: PNG for slides and e-mail, SVG for the dashboard.\n"
            "do for [ext in 'png svg'] {\n"
            "    if (ext eq 'png') {\n"
            "        set terminal pngcairo size %d, %d noenhanced font chart_font\n"
            "    } else {\n"
            "        set terminal svg size %d, %d noenhanced font chart_font "
            "background rgb 'white'\n"
            "    }\n",
            CHARTS_WIDTH, CHARTS_HEIGHT, CHARTS_WIDTH, CHARTS_HEIGHT);
    charts_agents_plot(&s);
    charts_ptp_plot(&s);
    charts_days_plot(&s);
    charts_complaints_plot(&s);
    charts_trends_plot(&s);
    charts_collected_plot(&s);
    charts_breaches_plot(&s);
    fputs("}\n", out);
    if (ferror(out)) {
        err = CK_ERR_IO;
        ck_diag_set(diag, "cannot write the chart script");
    }
done:
    free(s.ranked);
    free(s.agent_teams);
    free(s.day_teams);
    free(s.complaints);
    free(s.complaint_order);
    free(s.trend_teams);
    return err;
}
