/* out_explain_review.h - the parts of `explain`'s output for scorecard.md's figures built on
 * kpi.md's rows (out_explain_review.c): the case-mix block of expected_collected and
 * recovery_index, and the arithmetic of those and of the Wilson intervals. Private to
 * report/text (out_explain.c). */
#ifndef COLLECTKPI_OUT_EXPLAIN_REVIEW_H
#define COLLECTKPI_OUT_EXPLAIN_REVIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "collectkpi/explain.h"
#include "collectkpi/settings.h"

/* The arithmetic line of r in lang when its op is one of scorecard.md's (value: the re-added
 * value as printed); false for other ops. */
bool out_explain_review_arithmetic(const explain_result *r, const char *value, settings_lang lang,
                                   char *out, size_t size);
/* Bucket b of r's case-mix block in one line: "m2: worked_balance 1200.00 x r[m2] ...". */
void out_explain_casemix_line(const explain_result *r, int b, settings_lang lang, char *out,
                              size_t size);
/* The block as JSON: an array of one object per bucket. */
json_t *out_explain_casemix_json(const explain_result *r);

#endif
