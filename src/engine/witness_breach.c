/* witness_breach.c - for `explain`: the earlier contacts of a case that made a contact a
 * breach (compliance.md), found in the same records, in the same order, that the breach
 * pass's rules walked (compliance_rules.c decided the breach; this only points at what it
 * counted):
 *   burst               the outbound call less than burst_seconds before
 *   attempts_per_day    the failed outbound calls of the case earlier that day
 *   connected_per_day   the outbound connected calls of this case earlier that day (the
 *                       debtor's other cases count too and are not listed)
 *   third_party_early   the latest debtor contact before it, within the look-back
 *   seven_in_seven      the outbound calls of the case from (day - 6) to before it
 *   after_conversation  the latest connected call from (day - 6) on
 * quiet_hours needs no earlier contact: its time of day is the reason.
 */
#include <stdlib.h>

#include "collectkpi/datetime.h"
#include "witness_internal.h"

#define SEVEN_DAY_SPAN 6

/* Marks contacts[i] as a cause; the list is read out in the case's order at the end. */
static void add(bool *cause, size_t i)
{
    cause[i] = true;
}

size_t engine_breach_causes(const cc_rules *rules, const cc_contact *contacts, size_t k,
                            unsigned mask, int64_t *out, size_t max)
{
    const cc_contact *c = &contacts[k];
    const compliance_settings *s = rules->settings;
    int64_t day = datetime_day_of(c->at);
    size_t n = 0;
    bool *cause = calloc(k + 1, sizeof *cause);
    if (cause == NULL)
        return 0; /* the breach is still listed, without its earlier contacts */
    if (mask & (1u << COMPLIANCE_BURST))
        for (size_t i = k; i-- > 0;)
            if (cc_is_outbound_call(&contacts[i])) {
                add(cause, i);
                break;
            }
    if (mask & (1u << COMPLIANCE_ATTEMPTS_PER_DAY))
        for (size_t i = 0; i < k; i++)
            if (datetime_day_of(contacts[i].at) == day && cc_is_outbound_call(&contacts[i]) &&
                (contacts[i].flags & CC_FAILED))
                add(cause, i);
    if (mask & (1u << COMPLIANCE_CONNECTED_PER_DAY))
        for (size_t i = 0; i < k; i++)
            if (datetime_day_of(contacts[i].at) == day && (contacts[i].flags & CC_OUTBOUND) &&
                cc_is_connected_call(&contacts[i]))
                add(cause, i);
    if (mask & (1u << COMPLIANCE_THIRD_PARTY_EARLY)) {
        int64_t window = (day - s->unreachable_lookback_days) * DATETIME_SECONDS_PER_DAY;
        for (size_t i = k; i-- > 0;)
            if (contacts[i].flags & CC_DEBTOR) {
                if (contacts[i].at >= window)
                    add(cause, i);
                break;
            }
    }
    if (mask & (1u << COMPLIANCE_SEVEN_IN_SEVEN))
        for (size_t i = 0; i < k; i++)
            if (datetime_day_of(contacts[i].at) >= day - SEVEN_DAY_SPAN &&
                cc_is_outbound_call(&contacts[i]))
                add(cause, i);
    if (mask & (1u << COMPLIANCE_AFTER_CONVERSATION))
        for (size_t i = k; i-- > 0;)
            if (cc_is_connected_call(&contacts[i])) {
                if (datetime_day_of(contacts[i].at) >= day - SEVEN_DAY_SPAN)
                    add(cause, i);
                break;
            }
    for (size_t i = 0; i < k && n < max; i++)
        if (cause[i])
            out[n++] = contacts[i].contact_id;
    free(cause);
    return n;
}
