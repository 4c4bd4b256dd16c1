/* out_common.h - what the text writers (kpi, compliance and score rows) share: padding a cell
 * of the terminal table to a display width, and ending a JSON output. Private to report/text.
 */
#ifndef COLLECTKPI_OUT_COMMON_H
#define COLLECTKPI_OUT_COMMON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "collectkpi/error.h"

/* Writes text padded with spaces to `width` display columns (CJK counts two), on the left
 * when right-aligned. */
void out_put_padded(FILE *out, const char *text, size_t width, bool right);

/* Ends a JSON output: when err is CK_OK, dumps array (indented, money exact to 15 digits,
 * plus extra_flags) and a newline; always releases array. Returns err, or CK_ERR_IO when the
 * dump fails. */
ck_error out_json_finish(json_t *array, FILE *out, size_t extra_flags, ck_error err, ck_diag *diag);

#endif
