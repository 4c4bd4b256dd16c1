/* format.c - KPI values as text (see format.h). */
#include "collectkpi/format.h"

#include <stdio.h>
#include <string.h>

#include "collectkpi/money.h"

/* The magnitude of value (INT64_MIN safe) in groups of three digits, after its sign. */
static void grouped(unsigned long long magnitude, bool negative, char *out, size_t size)
{
    char digits[24], text[40];
    snprintf(digits, sizeof digits, "%llu", magnitude);
    size_t n = strlen(digits), pos = 0;
    if (negative)
        text[pos++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            text[pos++] = ',';
        text[pos++] = digits[i];
    }
    text[pos] = '\0';
    snprintf(out, size, "%s", text);
}

static unsigned long long magnitude_of(int64_t value)
{
    return value < 0 ? (unsigned long long)0 - (unsigned long long)value
                     : (unsigned long long)value;
}

void format_integer_grouped(int64_t value, char *out, size_t size)
{
    grouped(magnitude_of(value), value < 0, out, size);
}

void format_money_grouped(int64_t minor, char *out, size_t size)
{
    unsigned long long magnitude = magnitude_of(minor);
    char major[40];
    grouped(magnitude / 100, minor < 0, major, sizeof major);
    snprintf(out, size, "%s.%02u", major, (unsigned)(magnitude % 100));
}

void format_decimal(double value, int places, char *out, size_t size)
{
    snprintf(out, size, "%.*f", places, value);
    for (char *p = out; *p != '\0'; p++)
        if (*p == ',')
            *p = '.';
}

void format_cell(kpi_cell cell, kpi_kind kind, format_style style, char *out, size_t size)
{
    if (!cell.defined) {
        snprintf(out, size, "%s",
                 style == FORMAT_STYLE_PAGE ? FORMAT_UNDEFINED_PAGE : FORMAT_UNDEFINED_TERMINAL);
        return;
    }
    char text[FORMAT_TEXT_SIZE];
    switch (kind) {
    case KPI_KIND_COUNT: format_integer_grouped(cell.integer, text, sizeof text); break;
    case KPI_KIND_MONEY: format_money_grouped(cell.integer, text, sizeof text); break;
    case KPI_KIND_RATE:
        format_decimal(cell.value * 100.0, 1, text, sizeof text - 1);
        strcat(text, "%");
        break;
    case KPI_KIND_DAYS: format_decimal(cell.value, 1, text, sizeof text); break;
    case KPI_KIND_PER_1K:
    case KPI_KIND_SCORE: format_decimal(cell.value, 2, text, sizeof text); break;
    }
    snprintf(out, size, "%s", text);
}

void format_cell_machine(kpi_cell cell, kpi_kind kind, char *out, size_t size)
{
    out[0] = '\0';
    if (!cell.defined)
        return;
    switch (kind) {
    case KPI_KIND_COUNT: snprintf(out, size, "%lld", (long long)cell.integer); break;
    case KPI_KIND_MONEY: {
        char text[MONEY_TEXT_SIZE];
        money_format_plain(cell.integer, text);
        snprintf(out, size, "%s", text);
        break;
    }
    case KPI_KIND_DAYS: format_decimal(cell.value, 4, out, size); break;
    case KPI_KIND_RATE:
    case KPI_KIND_PER_1K:
    case KPI_KIND_SCORE: format_decimal(cell.value, 6, out, size); break;
    }
}

kpi_cell format_rate_cell(stats_value rate)
{
    return (kpi_cell){.defined = rate.defined, .value = rate.value};
}

bool format_coverage_note(const kpi_result *r, settings_lang lang, char *out, size_t size)
{
    bool zh = lang == SETTINGS_LANG_ZH;
    out[0] = '\0';
    bool empty = kpi_result_empty(r);
    if (!empty && !kpi_result_partial(r))
        return false;
    if (!r->has_cutoff) {
        snprintf(out, size, "%s",
                 zh ? "数据库中没有任何还款或联络记录：以下数字不是业绩结果。"
                    : "The database has no payments or contacts: these figures are not results.");
        return true;
    }
    char label[32], when[DATETIME_TS_SIZE];
    period_label(&r->period, label, sizeof label);
    /* The data stops before the period ends, or (an empty period before the data) starts
     * after it. */
    bool ends_early = r->data_cutoff < r->period.end;
    datetime_format_ts(ends_early ? r->data_cutoff : r->coverage.data_first, when);
    long long covered = (long long)r->coverage.covered_days;
    long long days = (long long)r->coverage.period_days;
    if (empty && zh)
        snprintf(out, size,
                 "%s 没有任何还款或联络记录：数据%s于 %s（覆盖本期间 %lld 天中的 %lld "
                 "天）。以下数字不是业绩结果，环比变化不标注好坏。",
                 label, ends_early ? "截止" : "始", when, days, covered);
    else if (empty)
        snprintf(out, size,
                 "No payment or contact in %s: the data %s at %s (it covers %lld of the %lld "
                 "days). These figures are not results; changes are not marked good or bad.",
                 label, ends_early ? "ends" : "starts", when, covered, days);
    else if (zh)
        snprintf(out, size,
                 "数据不完整：数据截止于 %s，仅覆盖 %s 共 %lld 天中的 %lld 天，此后的数据缺失；"
                 "环比变化不标注好坏。",
                 when, label, days, covered);
    else
        snprintf(out, size,
                 "Incomplete data: the data ends at %s and covers %lld of the %lld days of %s; "
                 "figures after it are missing, and changes are not marked good or bad.",
                 when, covered, days, label);
    return true;
}
