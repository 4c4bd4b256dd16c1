/* labels_internal.h - the row types of the label tables, shared by labels.c (the report's
 * general tables and the lookups), labels_compliance.c (the contact-compliance texts of
 * compliance.md, kept apart so the rules' wording sits in one place) and labels_followup.c
 * (the Agent trend sheet and the follow-up lists). Not a public interface.
 */
#ifndef COLLECTKPI_LABELS_INTERNAL_H
#define COLLECTKPI_LABELS_INTERNAL_H

#include <stddef.h>

#include "collectkpi/codes.h"

typedef struct column_label {
    const char *key;
    const char *en, *zh;
    const char *en_definition, *zh_definition;
} column_label;

typedef struct code_label {
    const codes_list *list;
    const char *code;
    const char *en, *zh;
} code_label;

typedef struct text_label {
    const char *key;
    const char *en, *zh;
} text_label;

/* labels_compliance.c: consulted after labels.c's own tables. */
extern const column_label labels_compliance_columns[];
extern const size_t labels_compliance_column_count;
extern const code_label labels_compliance_codes[];
extern const size_t labels_compliance_code_count;
extern const text_label labels_compliance_texts[];
extern const size_t labels_compliance_text_count;

/* labels_followup.c: the texts of the Agent trend sheet and the follow-up lists' added columns
 * and blocks, consulted after the compliance texts. */
extern const text_label labels_followup_texts[];
extern const size_t labels_followup_text_count;

/* labels_explain.c: the sentences of `explain`, consulted last. */
extern const text_label labels_explain_texts[];
extern const size_t labels_explain_text_count;

#endif
