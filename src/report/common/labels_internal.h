/* labels_internal.h - private to labels.c and labels_followup.c. */
#ifndef COLLECTKPI_LABELS_INTERNAL_H
#define COLLECTKPI_LABELS_INTERNAL_H

#include "collectkpi/settings.h"

/* The texts of the Agent trend sheet, the follow-up lists' added columns, the wide prints and
 * the charts' added notes, by key; NULL when the key is not one of them. labels_text falls
 * back to it. */
const char *labels_followup_text(const char *key, settings_lang lang);

#endif
