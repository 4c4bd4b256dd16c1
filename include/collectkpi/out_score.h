/* out_score.h - the score command's writers: a terminal table for people, and the CSV and
 * JSON of scorecard.md "Machine-readable output". They read a score_table and never compute
 * a figure. */
#ifndef COLLECTKPI_OUT_SCORE_H
#define COLLECTKPI_OUT_SCORE_H

#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"
#include "collectkpi/out_text.h"
#include "collectkpi/score.h"

/* columns: NULL for the format's default (CSV/JSON: every column of scorecard.md in order;
 * table: a readable selection that fits 160 columns), "all" for every column, or a comma-
 * separated list of column keys (identity keys such as employee_no included), in the order
 * given. */
ck_error out_score_check_columns(const char *columns, out_text_by by, ck_diag *diag);
ck_error out_score_write(FILE *out, const kpi_result *result, const score_table *scores,
                         out_text_by by, out_text_format format, const char *columns,
                         ck_diag *diag);

#endif
