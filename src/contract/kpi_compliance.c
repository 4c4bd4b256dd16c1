/* kpi_compliance.c - the arithmetic of compliance rows shared by agents, the system line,
 * teams and the total: counts are summed, the rate is recomputed from the sums
 * (compliance.md: teams and the total are sums of agent rows). */
#include "collectkpi/kpi.h"

void kpi_compliance_finish(kpi_compliance_row *row)
{
    row->breaches_per_1k_outbound =
        stats_ratio_i64(row->breaching_contacts * 1000, row->outbound_contacts);
}

void kpi_compliance_add(kpi_compliance_row *dst, const kpi_compliance_row *src)
{
    dst->outbound_contacts += src->outbound_contacts;
    dst->breaching_contacts += src->breaching_contacts;
    dst->critical_breaches += src->critical_breaches;
    dst->cases_with_breach += src->cases_with_breach;
    for (int r = 0; r < COMPLIANCE_RULE_COUNT; r++)
        dst->breaches[r] += src->breaches[r];
}

bool kpi_compliance_has_row(const kpi_compliance_row *row)
{
    bool any = row->outbound_contacts != 0 || row->breaching_contacts != 0 ||
               row->critical_breaches != 0 || row->cases_with_breach != 0;
    for (int r = 0; r < COMPLIANCE_RULE_COUNT && !any; r++)
        any = row->breaches[r] != 0;
    return any;
}
