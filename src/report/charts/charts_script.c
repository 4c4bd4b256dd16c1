/* charts_script.c - the one gnuplot script that draws the chart set (see charts.h).
 *
 * Owned by the charts area (issue 4). The script has two parts: data blocks that hold only
 * numbers (the engine's figures, unchanged: rates as ratios, money as minor units), and one
 * loop that draws every chart once as PNG and once as SVG. Every text (titles, names of
 * agents, teams and categories) is a single-quoted string written by gpquote, and the
 * terminals are noenhanced, so nothing in a name is ever run or interpreted. Nothing here
 * computes a figure: the charts sort, group and count list entries, and pick axis ticks.
 *
 * This file is the frame and the helpers; the charts are in charts_period.c and
 * charts_trend.c.
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "gpquote.h"
#include "collectkpi/labels.h"
#include "collectkpi/period.h"
#include "collectkpi/utf8.h"

const char *const charts_names[CHARTS_COUNT] = {
    "recovery_by_agent",
    "ptp_outcomes_by_team",
    "resolution_days_by_team",
    "complaints_by_category",
    "trends",
    "collected_by_month",
};

static const char *const title_keys[CHARTS_COUNT] = {
    "charts.recovery_by_agent.title",
    "charts.ptp_outcomes_by_team.title",
    "charts.resolution_days_by_team.title",
    "charts.complaints_by_category.title",
    "charts.trends.title",
    "charts.collected_by_month.title",
};

/* Team colours (Tableau 10 without its grey, which marks "pending" and "no holder"). */
static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#499894"};

const char *charts_title(size_t index, settings_lang lang)
{
    return index < CHARTS_COUNT ? labels_text(title_keys[index], lang) : "";
}

const char *charts_team_colour(size_t i)
{
    return palette[i % (sizeof palette / sizeof palette[0])];
}

const char *charts_text(const charts_script *s, const char *key)
{
    return labels_text(key, s->lang);
}

static void decimal_point(char *text)
{
    for (char *p = text; *p != '\0'; p++)
        if (*p == ',')
            *p = '.';
}

void charts_put_number(FILE *out, double value, int places)
{
    char text[64];
    snprintf(text, sizeof text, "%.*f", places, value);
    decimal_point(text);
    fputs(text, out);
}

void charts_put_rate(FILE *out, stats_value rate)
{
    if (rate.defined)
        charts_put_number(out, rate.value, 6);
    else
        fputs("NaN", out);
}

void charts_format_percent(stats_value rate, char *out, size_t size)
{
    if (!rate.defined) {
        snprintf(out, size, "-");
        return;
    }
    snprintf(out, size, "%.1f%%", rate.value * 100.0);
    decimal_point(out);
}

/* Bytes of the UTF-8 sequence at s (1 for a stray byte, which gpquote replaces). */
static size_t sequence_bytes(const char *s)
{
    unsigned char lead = (unsigned char)s[0];
    size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

const char *charts_fit(const char *text, size_t columns, char *buffer, size_t size)
{
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026, one column */
    size_t used = 0, width = 0, pos = 0, cut = 0;
    while (text[pos] != '\0') {
        size_t n = sequence_bytes(text + pos);
        char one[5] = {0};
        memcpy(one, text + pos, n);
        size_t w = utf8_valid(one, n, NULL) ? utf8_display_width(one) : 1;
        if (width + w <= columns - 1)
            cut = pos + n; /* where the text is cut if it has to be */
        width += w;
        pos += n;
        if (width > columns)
            break;
    }
    if (width <= columns)
        return text;
    used = cut < size - sizeof ellipsis ? cut : 0;
    memcpy(buffer, text, used);
    memcpy(buffer + used, ellipsis, sizeof ellipsis);
    return buffer;
}

void charts_put_set_text(FILE *out, const char *name, const char *text)
{
    fprintf(out, "    set %s ", name);
    gpquote_write(out, text);
    fputc('\n', out);
}

void charts_put_note(FILE *out, const char *name, const char *text)
{
    fprintf(out, "    set %s ", name);
    gpquote_write(out, text);
    fputs(" textcolor rgb '" CHARTS_NOTE "'\n", out);
}

static void format_grouped(int64_t value, char *out, size_t size)
{
    unsigned long long magnitude =
        value < 0 ? (unsigned long long)0 - (unsigned long long)value : (unsigned long long)value;
    char digits[24], grouped[40];
    snprintf(digits, sizeof digits, "%llu", magnitude);
    size_t n = strlen(digits), pos = 0;
    if (value < 0)
        grouped[pos++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[pos++] = ',';
        grouped[pos++] = digits[i];
    }
    grouped[pos] = '\0';
    snprintf(out, size, "%s", grouped);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && a < 0);
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    return a / b + (a % b != 0 && a > 0);
}

/* gnuplot's own formats cannot group thousands in C.UTF-8, so the ticks are spelled out. */
void charts_put_grouped_axis(FILE *out, char axis, int64_t lo, int64_t hi)
{
    static const int64_t steps[] = {1, 2, 5};
    int64_t span = hi - lo > 0 ? hi - lo : 1, base = 1, step = 1;
    for (size_t m = 0; span > step * 6;) {
        if (++m == 3) {
            m = 0;
            base *= 10;
        }
        step = base * steps[m];
    }
    int64_t first = floor_div(lo, step) * step, last = ceil_div(hi, step) * step;
    if (last <= first)
        last = first + step;
    fprintf(out, "    set %crange [%lld:%lld]\n    set %ctics (", axis, (long long)first,
            (long long)last, axis);
    for (int64_t v = first; v <= last; v += step) {
        char label[40];
        format_grouped(v, label, sizeof label);
        if (v != first)
            fputs(", ", out);
        gpquote_write_tic(out, label);
        fprintf(out, " %lld", (long long)v);
    }
    fputs(")\n", out);
}

void charts_put_xtics(const charts_script *s, size_t n,
                      const char *(*name_of)(const charts_script *, size_t, char *, size_t),
                      const char *options)
{
    FILE *out = s->out;
    size_t widest = 0;
    for (size_t i = 0; i < n && options == NULL; i++) {
        char buffer[256];
        size_t w = utf8_display_width(name_of(s, i, buffer, sizeof buffer));
        widest = w > widest ? w : widest;
    }
    /* About 130 columns of tick text fit flat under a 1280-pixel plot; beyond 20 names,
     * only upright ones do. */
    if (options == NULL)
        options = n * (widest + 3) <= 130 ? ""
                  : n <= 20               ? "rotate by 30 right"
                                          : "rotate by 90 right font ',10'";
    fprintf(out, "    set xtics %s%s(", options, options[0] != '\0' ? " " : "");
    for (size_t i = 0; i < n; i++) {
        char buffer[256];
        if (i > 0)
            fputs(i % 4 == 0 ? ", \\\n        " : ", ", out);
        gpquote_write_tic(out, name_of(s, i, buffer, sizeof buffer));
        fprintf(out, " %zu", i);
    }
    fputs(")\n", out);
}

void charts_put_title(FILE *out, const char *name, bool shown)
{
    if (!shown) {
        fputs("notitle", out);
        return;
    }
    char buffer[256];
    fputs("title ", out);
    gpquote_write(out, charts_fit(name, CHARTS_NAME_COLUMNS, buffer, sizeof buffer));
}

void charts_begin(const charts_script *s, size_t chart, bool with_title)
{
    FILE *out = s->out;
    fprintf(out, "\n    # %zu. %s\n", chart + 1, charts_names[chart]);
    fprintf(out, "    reset\n    set output '%s.'.ext\n", charts_names[chart]);
    fputs("    set border 3 lc rgb '#555555'\n    set tics nomirror out\n"
          "    set grid ytics lc rgb '#e3e3e3'\n",
          out);
    if (with_title) {
        char title[256];
        snprintf(title, sizeof title, "%s · %s", charts_title(chart, s->lang), s->period);
        fputs("    set title ", out);
        gpquote_write(out, title);
        fputs(" font ',18'\n", out);
    }
}

void charts_end(const charts_script *s)
{
    fputs("    unset output\n", s->out);
}

void charts_put_no_data(const charts_script *s)
{
    fputs("    unset border\n    unset xtics\n    unset ytics\n    unset grid\n    unset key\n"
          "    set xrange [0:1]\n    set yrange [0:1]\n    set label 1 ",
          s->out);
    gpquote_write(s->out, charts_text(s, "charts.no_data"));
    fputs(" at graph 0.5, graph 0.5 center font ',20' textcolor rgb '#777777'\n"
          "    plot NaN notitle\n",
          s->out);
}

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
    s.lang = s.cur->settings.lang;
    period_label(&s.cur->period, s.period, sizeof s.period);
    ck_error err = charts_period_prepare(&s);
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
    fputs("}\n", out);
    if (ferror(out)) {
        err = CK_ERR_IO;
        ck_diag_set(diag, "cannot write the chart script");
    }
done:
    free(s.ranked);
    free(s.day_teams);
    free(s.complaints);
    free(s.trend_teams);
    return err;
}
