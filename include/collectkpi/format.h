/* format.h - KPI values as text for people and for machines, the same in every writer.
 *
 * The terminal table, the CSV and JSON, the chart labels and the dashboard all turn the
 * engine's cells into text here, so a figure reads the same wherever it is shown. Decimals
 * always use '.', whatever the process locale; thousands are grouped with ','.
 */
#ifndef COLLECTKPI_FORMAT_H
#define COLLECTKPI_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/kpi.h"

/* What an undefined cell reads as (a rate with nothing to divide by). */
#define FORMAT_UNDEFINED_TERMINAL "-"
#define FORMAT_UNDEFINED_PAGE     "\xE2\x80\x93" /* an en dash */

/* Room for any text below and its NUL. */
#define FORMAT_TEXT_SIZE 64

/* "-1,234,567" */
void format_integer_grouped(int64_t value, char *out, size_t size);
/* "-12,345.60" from minor units, without a float. */
void format_money_grouped(int64_t minor, char *out, size_t size);
/* "%.*f" with a '.' as the decimal point. */
void format_decimal(double value, int places, char *out, size_t size);

/* How a cell reads to people. Rates are "15.8%", days "12.3", per-1k and scores "1.25",
 * money grouped with two places in both. */
typedef enum format_style {
    /* The kpi command's aligned table: counts grouped like money, undefined "-" (ASCII, so
     * the columns line up on any terminal). */
    FORMAT_STYLE_TERMINAL,
    /* The dashboard: counts grouped, undefined an en dash "–". */
    FORMAT_STYLE_PAGE
} format_style;

/* A cell of a column of this kind as people read it. */
void format_cell(kpi_cell cell, kpi_kind kind, format_style style, char *out, size_t size);
/* A cell as the CSV (and kpi.md) spells it: counts as digits, money with exactly two places,
 * days with four, rates, per-1k and scores with six; "" when undefined. */
void format_cell_machine(kpi_cell cell, kpi_kind kind, char *out, size_t size);
/* A rate as a cell (for a stats_value outside a kpi_row). */
kpi_cell format_rate_cell(stats_value rate);

/* The banner of a period the data does not cover (kpi_result_partial or _empty): the data
 * cut-off and how many of the period's days the data covers, one sentence in lang. False,
 * with out empty, when the data covers the period; the banner is at most 512 bytes. */
#define FORMAT_COVERAGE_NOTE_SIZE 512
bool format_coverage_note(const kpi_result *result, settings_lang lang, char *out, size_t size);

#endif
