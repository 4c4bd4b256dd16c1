/* compliance_rules.c - the rules of compliance.md, applied to one case's contacts in order.
 *
 * One walk over the case keeps just the state the rules need: the failed calls of the
 * current day (attempts_per_day), the previous outbound call (burst), the outbound calls of
 * the last seven days (seven_in_seven), the last conversation (after_conversation) and where
 * the latest debtor contact was (third_party_early). connected_per_day groups by debtor
 * across cases and is decided before the walk (compliance.c); the walk only reads its flag.
 *
 * When `explain` asks (why != NULL), the walk also says which earlier contacts each rule
 * counted for a breach: the contacts its own state points at (the day's first contact, the
 * seven-day window, the previous call, the last conversation, the unreachable test's calls),
 * taken with the same predicates that fed the counters.
 */
#include <stdlib.h>

#include "compliance_internal.h"

#include "collectkpi/datetime.h"
#include "collectkpi/vec.h"

/* Failed calls of one day that make a debtor unreachable from the next day on. */
#define UNREACHABLE_FAILED_CALLS 3
/* seven_in_seven and after_conversation look at c's day and the six days before it. */
#define SEVEN_DAY_SPAN 6

/* What failed_today counts (attempts_per_day) and the unreachable test looks at. */
static bool is_failed_call(const cc_contact *c)
{
    return cc_is_outbound_call(c) && (c->flags & CC_FAILED);
}

bool cc_why_add(cc_why_list *list, const cc_contact *cause, unsigned rule_bit)
{
    cc_cause item = {cause->contact_id, cause->case_id, cause->at, rule_bit};
    if (!VEC_PUSH(list->causes, list->cause_count, list->cause_capacity, item)) {
        list->out_of_memory = true;
        return false;
    }
    return true;
}

/* The contacts of [from, to) that pass counted (the predicate of the rule's counter). */
static void why_add_range(cc_why_list *why, const cc_contact *contacts, size_t from, size_t to,
                          bool (*counted)(const cc_contact *), unsigned rule_bit)
{
    for (size_t k = from; k < to; k++)
        if (counted(&contacts[k]) && !cc_why_add(why, &contacts[k], rule_bit))
            return;
}

/* Unreachable at contacts[i] (compliance.md "Unreachable"): after s and before c, an
 * outbound call with outcome invalid_number, or 3 failed calls on one day before c's day.
 * s is the latest of W, placed_at and the latest debtor contact before c; contacts from
 * after_debtor on come after that debtor contact in (contact_at, contact_id) order, and of
 * them only those at or after W and placed_at count. */
static bool unreachable_at(const cc_rules *rules, const cc_contact *contacts, size_t i,
                           size_t after_debtor, int64_t placed_at, cc_why_list *why,
                           cc_why *why_of_c)
{
    int64_t day = datetime_day_of(contacts[i].at);
    int64_t window_start =
        (day - rules->settings->unreachable_lookback_days) * DATETIME_SECONDS_PER_DAY;
    int64_t lower = window_start > placed_at ? window_start : placed_at;
    int64_t run_day = INT64_MIN;
    int run = 0;
    if (why != NULL) {
        /* s, and the debtor contact when it is what sets s: a cause of its own */
        const cc_contact *debtor = after_debtor > 0 ? &contacts[after_debtor - 1] : NULL;
        why_of_c->reach_since = lower;
        why_of_c->reach_since_kind =
            placed_at > window_start ? WITNESS_SINCE_PLACED : WITNESS_SINCE_LOOKBACK;
        if (debtor != NULL && debtor->at >= lower) {
            why_of_c->reach_since = debtor->at;
            why_of_c->reach_since_kind = WITNESS_SINCE_DEBTOR;
            cc_why_add(why, debtor, 1u << COMPLIANCE_THIRD_PARTY_EARLY);
        }
    }
    for (size_t k = after_debtor; k < i; k++) {
        const cc_contact *y = &contacts[k];
        if (y->at < lower || !is_failed_call(y))
            continue;
        if (y->flags & CC_INVALID_NUMBER)
            return true;
        /* a failed call after s the test looked at (and found not enough) */
        if (why != NULL)
            cc_why_add(why, y, 1u << COMPLIANCE_THIRD_PARTY_EARLY);
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

/* The causes of contacts[i]: [cause_first, cause_count) of why. */
static void why_begin(cc_why_list *why, size_t i)
{
    cc_why *w = &why->per_contact[i];
    w->cause_first = why->cause_count;
    w->cause_count = 0;
    w->reach_since = 0;
    w->reach_since_kind = WITNESS_SINCE_LOOKBACK;
}

void cc_case_rules(const cc_rules *rules, const cc_contact *contacts, size_t count,
                   int64_t placed_at, unsigned *masks, cc_why_list *why)
{
    const compliance_settings *s = rules->settings;
    bool cn = s->profile == COMPLIANCE_PROFILE_CN;
    int32_t from = s->contact_from_s[s->profile], until = s->contact_until_s[s->profile];
    int64_t day = INT64_MIN;
    size_t day_first = 0;     /* first contact of the case on `day` */
    int failed_today = 0;     /* failed outbound calls of the case on `day` so far */
    bool has_call = false;    /* an outbound call came before */
    int64_t last_call_at = 0; /* ... at this time */
    size_t last_call = 0;     /* ... this contact */
    size_t window_first = 0;  /* first contact not older than day - 6 */
    int calls_in_window = 0;  /* outbound calls in [window_first, i) */
    bool has_conversation = false;
    int64_t conversation_day = 0;
    size_t conversation = 0;
    size_t after_debtor = 0; /* the contact after the latest debtor contact */
    if (why != NULL) {
        why->cause_count = 0;
        if (!VEC_RESERVE(why->per_contact, why->per_contact_capacity, count + 1)) {
            why->out_of_memory = true;
            why = NULL; /* the breaches are still found, without their causes */
        }
    }
    for (size_t i = 0; i < count; i++) {
        const cc_contact *c = &contacts[i];
        int64_t c_day = datetime_day_of(c->at);
        if (c_day != day) {
            day = c_day;
            day_first = i;
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
        cc_why *w = NULL;
        if (why != NULL) {
            why_begin(why, i);
            w = &why->per_contact[i];
        }
        if (c->at >= rules->period_start && c->at < rules->period_end) {
            int64_t time_of_day = c->at - c_day * DATETIME_SECONDS_PER_DAY;
            if (outbound && (rules->quiet_channels & (1u << c->channel)) &&
                (time_of_day < from || time_of_day >= until))
                mask |= 1u << COMPLIANCE_QUIET_HOURS;
            if (outbound_call && has_call && c->at - last_call_at < s->burst_seconds) {
                mask |= 1u << COMPLIANCE_BURST;
                if (why != NULL)
                    cc_why_add(why, &contacts[last_call], 1u << COMPLIANCE_BURST);
            }
            if (cn) {
                if (outbound_call && failed_today >= s->failed_calls_per_day) {
                    mask |= 1u << COMPLIANCE_ATTEMPTS_PER_DAY;
                    if (why != NULL)
                        why_add_range(why, contacts, day_first, i, is_failed_call,
                                      1u << COMPLIANCE_ATTEMPTS_PER_DAY);
                }
                if (c->flags & CC_OVER_CONNECTED)
                    mask |= 1u << COMPLIANCE_CONNECTED_PER_DAY;
                if (outbound && (c->flags & CC_THIRD_PARTY) &&
                    (rules->third_party_channels & (1u << c->channel))) {
                    size_t mark = why != NULL ? why->cause_count : 0;
                    if (!unreachable_at(rules, contacts, i, after_debtor, placed_at, why, w))
                        mask |= 1u << COMPLIANCE_THIRD_PARTY_EARLY;
                    else if (why != NULL)
                        why->cause_count = mark; /* reachable: no breach, no causes */
                }
            } else {
                if (outbound_call && calls_in_window >= s->calls_per_seven_days) {
                    mask |= 1u << COMPLIANCE_SEVEN_IN_SEVEN;
                    if (why != NULL)
                        why_add_range(why, contacts, window_first, i, cc_is_outbound_call,
                                      1u << COMPLIANCE_SEVEN_IN_SEVEN);
                }
                if (outbound_call && has_conversation &&
                    conversation_day >= c_day - SEVEN_DAY_SPAN) {
                    mask |= 1u << COMPLIANCE_AFTER_CONVERSATION;
                    if (why != NULL)
                        cc_why_add(why, &contacts[conversation],
                                   1u << COMPLIANCE_AFTER_CONVERSATION);
                }
            }
        }
        masks[i] = mask;
        if (w != NULL)
            w->cause_count = why->cause_count - w->cause_first;
        /* c is now "before" every later contact. */
        if (outbound_call) {
            has_call = true;
            last_call_at = c->at;
            last_call = i;
            calls_in_window++;
            failed_today += is_failed_call(c);
        }
        if (cc_is_connected_call(c)) {
            has_conversation = true;
            conversation_day = c_day;
            conversation = i;
        }
        if (c->flags & CC_DEBTOR)
            after_debtor = i + 1;
    }
}
