/* out_text.h - the kpi command's writers: aligned terminal table, CSV and JSON (kpi.md
 * "Machine-readable output"). They read a kpi_result and never compute a figure. */
#ifndef COLLECTKPI_OUT_TEXT_H
#define COLLECTKPI_OUT_TEXT_H

#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"

typedef enum out_text_by { OUT_TEXT_BY_AGENT, OUT_TEXT_BY_TEAM, OUT_TEXT_BY_TOTAL } out_text_by;
typedef enum out_text_format { OUT_TEXT_TABLE, OUT_TEXT_CSV, OUT_TEXT_JSON } out_text_format;

ck_error out_text_write(FILE *out, const kpi_result *result, out_text_by by, out_text_format format,
                        ck_diag *diag);

#endif
