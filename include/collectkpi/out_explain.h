/* out_explain.h - writes what `explain` found (explain.h): a table for people, CSV or JSON.
 *
 * Each listed row carries a sentence naming the rule of kpi.md (compliance.md) that let it
 * in, and the output ends with the arithmetic from the rows to the figure. The sentences are
 * in lang (English quotes the specification's terms; keys, codes and JSON names stay the
 * contract's in both).
 */
#ifndef COLLECTKPI_OUT_EXPLAIN_H
#define COLLECTKPI_OUT_EXPLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/explain.h"
#include "collectkpi/out_text.h"
#include "collectkpi/settings.h"

/* Writes each result of list; with many (--figure all) JSON is an array of the objects, and
 * the table and CSV list one figure after another. */
ck_error out_explain_write(FILE *out, const explain_list *list, bool many, out_text_format format,
                           settings_lang lang, ck_diag *diag);

#endif
