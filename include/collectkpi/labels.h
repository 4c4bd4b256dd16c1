/* labels.h - every human-facing text of the reports, in English and Chinese, in one table.
 *
 * Column keys, sheet names and file names never change with the language; only what these
 * functions return does. Writers ask here instead of spelling texts themselves.
 */
#ifndef COLLECTKPI_LABELS_H
#define COLLECTKPI_LABELS_H

#include "collectkpi/codes.h"
#include "collectkpi/settings.h"

/* Short human label of a kpi.md column key ("Recovery rate" / "回收率"), or the key. */
const char *labels_column(const char *key, settings_lang lang);
/* One-sentence definition of a column in plain words, or "". */
const char *labels_column_definition(const char *key, settings_lang lang);
/* Label of a code (complaint category, source, close reason, ...) or the code itself. */
const char *labels_code(const codes_list *list, int index, settings_lang lang);
/* A general text by key ("report.title"), or the key itself when there is none. */
const char *labels_text(const char *key, settings_lang lang);

#endif
