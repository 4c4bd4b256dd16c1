/* charts_put.c - what every chart of the script writes through (see charts_internal.h):
 * numbers with a '.' decimal point, names fitted to a width and quoted by gpquote, axes,
 * titles and the start and end of a chart. The chart files (charts_period.c,
 * charts_trend.c) and the frame (charts_script.c) sit above this file and call into it;
 * it calls none of them.
 */
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "collectkpi/datetime.h"
#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/report_charts.h"
#include "collectkpi/utf8.h"
#include "gpquote.h"

/* Team colours (Tableau 10 without its grey, which marks "pending" and "no holder"). */
static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#499894"};

const char *charts_team_colour(size_t i)
{
    return palette[i % (sizeof palette / sizeof palette[0])];
}

const char *charts_text(const charts_script *s, const char *key)
{
    return labels_text(key, s->lang);
}

void charts_put_number(FILE *out, double value, int places)
{
    char text[FORMAT_TEXT_SIZE];
    format_decimal(value, places, text, sizeof text);
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
    format_cell(format_rate_cell(rate), KPI_KIND_RATE, FORMAT_STYLE_TERMINAL, out, size);
}

const char *charts_fit(const char *text, size_t columns, char *buffer, size_t size)
{
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026, one column */
    size_t used = 0, width = 0, pos = 0, cut = 0;
    while (text[pos] != '\0') {
        /* A stray byte takes one column (gpquote shows it as U+FFFD). */
        size_t n = utf8_sequence_length(text + pos), w = 1;
        char one[5] = {0};
        if (n != 0) {
            memcpy(one, text + pos, n);
            w = utf8_display_width(one);
        } else {
            n = 1;
        }
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
        char label[FORMAT_TEXT_SIZE];
        format_integer_grouped(v, label, sizeof label);
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

/* A chart is often pasted on its own, without the report's banner: over a period the data
 * does not cover it says so in its bottom left corner. */
static void put_coverage_note(const charts_script *s)
{
    const kpi_result *r = s->cur;
    if (!kpi_result_partial(r) && !kpi_result_empty(r))
        return;
    char cutoff[32] = "", note[256];
    if (r->has_cutoff)
        datetime_format_ts(r->data_cutoff, cutoff);
    snprintf(note, sizeof note,
             s->lang == SETTINGS_LANG_ZH ? "数据不完整：%lld 天中 %lld 天有数据（截至 %s）"
                                         : "Incomplete data: %lld of %lld days (data to %s)",
             s->lang == SETTINGS_LANG_ZH ? (long long)r->coverage.period_days
                                         : (long long)r->coverage.covered_days,
             s->lang == SETTINGS_LANG_ZH ? (long long)r->coverage.covered_days
                                         : (long long)r->coverage.period_days,
             cutoff);
    fputs("    set label 99 ", s->out);
    gpquote_write(s->out, note);
    fputs(" at screen 0.01, screen 0.02 left front font ',12' textcolor rgb '#b00020'\n", s->out);
}

void charts_begin(const charts_script *s, size_t chart, bool with_title)
{
    FILE *out = s->out;
    fprintf(out, "\n    # %zu. %s\n", chart + 1, report_chart_names[chart]);
    fprintf(out, "    reset\n    set output '%s.'.ext\n", report_chart_names[chart]);
    fputs("    set border 3 lc rgb '#555555'\n    set tics nomirror out\n"
          "    set grid ytics lc rgb '#e3e3e3'\n",
          out);
    if (with_title) {
        char title[256];
        snprintf(title, sizeof title, "%s · %s", report_chart_title(chart, s->lang), s->period);
        fputs("    set title ", out);
        gpquote_write(out, title);
        fputs(" font ',18'\n", out);
    }
    put_coverage_note(s);
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
