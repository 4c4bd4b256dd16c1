/* out_text.h - the kpi command's writers: aligned terminal table, CSV and JSON (kpi.md
 * "Machine-readable output"). They read a kpi_result and never compute a figure. */
#ifndef COLLECTKPI_OUT_TEXT_H
#define COLLECTKPI_OUT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"

typedef enum out_text_by { OUT_TEXT_BY_AGENT, OUT_TEXT_BY_TEAM, OUT_TEXT_BY_TOTAL } out_text_by;
typedef enum out_text_format { OUT_TEXT_TABLE, OUT_TEXT_CSV, OUT_TEXT_JSON } out_text_format;

/* How the rows are written. columns: NULL for the default (the table: a curated set of
 * about ten figures with short labels, fitting 160 columns; CSV and JSON: every column of
 * kpi.md), "all" for every figure, or a comma-separated list of kpi.md keys (and, with
 * --by total, unassigned_collected) in the order wanted. The identity columns (period,
 * team, agent) are always there. bom: CSV starts with a UTF-8 byte order mark, for
 * spreadsheets on Windows that would otherwise misread the names. */
typedef struct out_text_options {
    out_text_by by;
    out_text_format format;
    const char *columns;
    bool bom;
    /* How text columns are written. The terminal table always shows control characters
     * as escapes (utf8_escape_terminal). In CSV a text that starts with '=', '+', '-', '@',
     * a tab or a carriage return gets a leading "'" (OWASP's advice against formula
     * injection: a spreadsheet would run "=cmd|' /C calc'!A0" as a formula) unless raw is
     * set, for scripts that want the stored text; numeric columns are never touched. JSON
     * is never altered. */
    bool raw;
} out_text_options;

/* CK_ERR_USAGE with diag naming the first key that is not a column. */
ck_error out_text_check_columns(const char *columns, out_text_by by, ck_diag *diag);

ck_error out_text_write(FILE *out, const kpi_result *result, const out_text_options *options,
                        ck_diag *diag);

/* One CSV field: quoted when it holds a comma, quote or line break; a text field (is_text)
 * guarded as out_text_options.raw says; first says no comma goes before it. */
void out_text_csv_field(FILE *out, const char *text, bool first, bool is_text,
                        const out_text_options *options);

#endif
