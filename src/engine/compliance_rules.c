/* compliance_rules.c - the rules of compliance.md, applied to one case's contacts in order.
 *
 * One walk over the case keeps just the state the rules need: the failed calls of the
 * current day (attempts_per_day), the previous outbound call (burst), the outbound calls of
 * the last seven days (seven_in_seven), the last conversation (after_conversation) and where
 * the latest debtor contact was (third_party_early). connected_per_day groups by debtor
 * across cases and is decided before the walk (compliance.c); the walk only reads its flag.
 */
#include "compliance_internal.h"

#include "collectkpi/datetime.h"

/* Failed calls of one day that make a debtor unreachable from the next day on. */
#define UNREACHABLE_FAILED_CALLS 3
/* seven_in_seven and after_conversation look at c's day and the six days before it. */
#define SEVEN_DAY_SPAN 6

/* Unreachable at contacts[i] (compliance.md "Unreachable"): after s and before c, an
 * outbound call with outcome invalid_number, or 3 failed calls on one day before c's day.
 * s is the latest of W, placed_at and the latest debtor contact before c; contacts from
 * after_debtor on come after that debtor contact in (contact_at, contact_id) order, and of
 * them only those at or after W and placed_at count. */
static bool unreachable_at(const cc_rules *rules, const cc_contact *contacts, size_t i,
                           size_t after_debtor, int64_t placed_at)
{
    int64_t day = datetime_day_of(contacts[i].at);
    int64_t window_start =
        (day - rules->settings->unreachable_lookback_days) * DATETIME_SECONDS_PER_DAY;
    int64_t lower = window_start > placed_at ? window_start : placed_at;
    int64_t run_day = INT64_MIN;
    int run = 0;
    for (size_t k = after_debtor; k < i; k++) {
        const cc_contact *y = &contacts[k];
        if (y->at < lower || !cc_is_outbound_call(y) || !(y->flags & CC_FAILED))
            continue;
        if (y->flags & CC_INVALID_NUMBER)
            return true;
        int64_t y_day = datetime_day_of(y->at);
        if (y_day >= day)
            continue; /* failed calls of c's own day do not count */
        if (y_day != run_day) {
            run_day = y_day;
            run = 0;
        }
        if (++run >= UNREACHABLE_FAILED_CALLS)
            return true;
    }
    return false;
}

void cc_case_rules(const cc_rules *rules, const cc_contact *contacts, size_t count,
                   int64_t placed_at, unsigned *masks)
{
    const compliance_settings *s = rules->settings;
    bool cn = s->profile == COMPLIANCE_PROFILE_CN;
    int32_t from = s->contact_from_s[s->profile], until = s->contact_until_s[s->profile];
    int64_t day = INT64_MIN;
    int failed_today = 0;     /* failed outbound calls of the case on `day` so far */
    bool has_call = false;    /* an outbound call came before */
    int64_t last_call_at = 0; /* ... at this time */
    size_t window_first = 0;  /* first contact not older than day - 6 */
    int calls_in_window = 0;  /* outbound calls in [window_first, i) */
    bool has_conversation = false;
    int64_t conversation_day = 0;
    size_t after_debtor = 0; /* the contact after the latest debtor contact */
    for (size_t i = 0; i < count; i++) {
        const cc_contact *c = &contacts[i];
        int64_t c_day = datetime_day_of(c->at);
        if (c_day != day) {
            day = c_day;
            failed_today = 0;
        }
        while (window_first < i &&
               datetime_day_of(contacts[window_first].at) < c_day - SEVEN_DAY_SPAN) {
            if (cc_is_outbound_call(&contacts[window_first]))
                calls_in_window--;
            window_first++;
        }
        bool outbound = (c->flags & CC_OUTBOUND) != 0;
        bool outbound_call = cc_is_outbound_call(c);
        unsigned mask = 0;
        if (c->at >= rules->period_start && c->at < rules->period_end) {
            int64_t time_of_day = c->at - c_day * DATETIME_SECONDS_PER_DAY;
            if (outbound && (rules->quiet_channels & (1u << c->channel)) &&
                (time_of_day < from || time_of_day >= until))
                mask |= 1u << COMPLIANCE_QUIET_HOURS;
            if (outbound_call && has_call && c->at - last_call_at < s->burst_seconds)
                mask |= 1u << COMPLIANCE_BURST;
            if (cn) {
                if (outbound_call && failed_today >= s->failed_calls_per_day)
                    mask |= 1u << COMPLIANCE_ATTEMPTS_PER_DAY;
                if (c->flags & CC_OVER_CONNECTED)
                    mask |= 1u << COMPLIANCE_CONNECTED_PER_DAY;
                if (outbound && (c->flags & CC_THIRD_PARTY) &&
                    (rules->third_party_channels & (1u << c->channel)) &&
                    !unreachable_at(rules, contacts, i, after_debtor, placed_at))
                    mask |= 1u << COMPLIANCE_THIRD_PARTY_EARLY;
            } else {
                if (outbound_call && calls_in_window >= s->calls_per_seven_days)
                    mask |= 1u << COMPLIANCE_SEVEN_IN_SEVEN;
                if (outbound_call && has_conversation && conversation_day >= c_day - SEVEN_DAY_SPAN)
                    mask |= 1u << COMPLIANCE_AFTER_CONVERSATION;
            }
        }
        masks[i] = mask;
        /* c is now "before" every later contact. */
        if (outbound_call) {
            has_call = true;
            last_call_at = c->at;
            calls_in_window++;
            failed_today += (c->flags & CC_FAILED) != 0;
        }
        if (cc_is_connected_call(c)) {
            has_conversation = true;
            conversation_day = c_day;
        }
        if (c->flags & CC_DEBTOR)
            after_debtor = i + 1;
    }
}
