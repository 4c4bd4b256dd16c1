/* labels.h - every human-facing text of the reports, in English and Chinese, in one table.
 *
 * Column keys, sheet names and file names never change with the language; only what these
 * functions return does. Writers ask here instead of spelling texts themselves.
 */
#ifndef COLLECTKPI_LABELS_H
#define COLLECTKPI_LABELS_H

#include <stddef.h>

#include "collectkpi/codes.h"
#include "collectkpi/settings.h"

/* Short human label of a kpi.md column key ("Recovery rate" / "回收率"), or the key. */
const char *labels_column(const char *key, settings_lang lang);
/* One-sentence definition of a column in plain words, or "". */
const char *labels_column_definition(const char *key, settings_lang lang);
/* Label of a code (complaint category, source, close reason, ...) or the code itself. */
const char *labels_code(const codes_list *list, int index, settings_lang lang);
/* How labels_resolved_reasons names each close reason. */
typedef enum labels_reason_form {
    LABELS_REASON_CODE,          /* paid_in_full */
    LABELS_REASON_LABEL,         /* Paid in full / 全额结清 */
    LABELS_REASON_LABEL_AND_CODE /* Paid in full (paid_in_full) */
} labels_reason_form;

/* The close reasons that count as resolved under s, joined by separator, into out. */
void labels_resolved_reasons(const settings *s, settings_lang lang, labels_reason_form form,
                             const char *separator, char *out, size_t size);
/* A label of the review scores (labels_score.c): scorecard.md column keys and "score.*"
 * texts; kpi.md column keys fall back to labels_column. */
const char *labels_score(const char *key, settings_lang lang);
/* The plain-words definition of a review column, or labels_column_definition's. */
const char *labels_score_definition(const char *key, settings_lang lang);
/* "Critical complaint categories: Threat, Abusive language, ..." (or "none") of s: the
 * complaint categories whose upheld complaints cap a score, as every report that shows
 * scores prints them beside the other score settings. */
void labels_score_critical_categories(const settings_score *s, settings_lang lang, char *out,
                                      size_t size);
/* A general text by key ("report.title"), or the key itself when there is none. */
const char *labels_text(const char *key, settings_lang lang);

/* Contact compliance (labels_compliance.c): a rule's short name ("Rapid redial"), a
 * severity's name ("Critical"), and a rule's one-line definition under the profile and values
 * of s ("An outbound call less than 300 seconds after ..."), into out. */
const char *labels_compliance_rule(compliance_rule rule, settings_lang lang);
const char *labels_compliance_severity(compliance_severity severity, settings_lang lang);
void labels_compliance_rule_definition(compliance_rule rule, const compliance_settings *s,
                                       settings_lang lang, char *out, size_t size);

#endif
