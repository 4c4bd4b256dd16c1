/* out_compliance.h - the compliance command's writers: the figures of compliance.md per
 * agent (with the `system` line last), per team or for the total, or the breach list, as an
 * aligned terminal table, CSV or JSON. They read a kpi_result filled with compliance and
 * never compute a figure. */
#ifndef COLLECTKPI_OUT_COMPLIANCE_H
#define COLLECTKPI_OUT_COMPLIANCE_H

#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"
#include "collectkpi/out_text.h"

typedef enum out_compliance_by {
    OUT_COMPLIANCE_BY_AGENT,
    OUT_COMPLIANCE_BY_TEAM,
    OUT_COMPLIANCE_BY_TOTAL,
    OUT_COMPLIANCE_BY_BREACH
} out_compliance_by;

ck_error out_compliance_write(FILE *out, const kpi_result *result, out_compliance_by by,
                              out_text_format format, const out_text_options *options,
                              ck_diag *diag);

/* "quiet_hours,burst": the rules of mask in the profile's order, comma-separated. */
void out_compliance_rules_text(const compliance_settings *settings, unsigned mask, char *out,
                               size_t size);

#endif
