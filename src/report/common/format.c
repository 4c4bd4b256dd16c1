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
    case KPI_KIND_COUNT:
        if (style == FORMAT_STYLE_PAGE)
            format_integer_grouped(cell.integer, text, sizeof text);
        else
            snprintf(text, sizeof text, "%lld", (long long)cell.integer);
        break;
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
