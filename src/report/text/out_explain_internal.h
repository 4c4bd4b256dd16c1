/* out_explain_internal.h - the sentences of `explain` (out_explain_sentence.c), for the
 * writers of out_explain.c. Private to report/text. */
#ifndef COLLECTKPI_OUT_EXPLAIN_INTERNAL_H
#define COLLECTKPI_OUT_EXPLAIN_INTERNAL_H

#include <stddef.h>

#include "collectkpi/codes.h"
#include "collectkpi/explain.h"
#include "collectkpi/settings.h"

/* A breach's sentence names every earlier contact its rules counted. */
#define OUT_EXPLAIN_SENTENCE_SIZE 16384

/* The contract's key of a code ("no_answer"), or "?". */
const char *out_explain_code_key(const codes_list *list, int index);
/* The sentence that says which rule let the row in. */
void out_explain_describe(const explain_result *r, const explain_row *row, settings_lang lang,
                          char *out, size_t size);
/* Why a row of --why-not did (not) count. */
void out_explain_verdict(const explain_result *r, const explain_why_row *w, settings_lang lang,
                         char *out, size_t size);
/* The last line: from the parts to the figure. */
void out_explain_arithmetic(const explain_result *r, settings_lang lang, char *out, size_t size);
/* A part's number (money for sums of amounts) and how its rows make it. */
void out_explain_part_number(const explain_part *part, char *out, size_t size);
const char *out_explain_measure(explain_measure measure, settings_lang lang);
/* A part's label as the table and the arithmetic show it ("sum of scores" in lang). */
const char *out_explain_part_label(const char *label, settings_lang lang);
/* "agent", "team" or "total" in lang. */
const char *out_explain_target_kind(const explain_result *r, settings_lang lang);

#endif
