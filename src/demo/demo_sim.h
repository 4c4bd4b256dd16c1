/* demo_sim.h - what the two halves of the case simulation share.
 *
 * demo_sim.c walks each case through a month (placement, who holds it, closure) and calls
 * demo_events.c for what happens on the way (contacts, promises, payments, complaints,
 * surveys). Private to those two files.
 */
#ifndef COLLECTKPI_DEMO_SIM_H
#define COLLECTKPI_DEMO_SIM_H

#include "collectkpi/datetime.h"
#include "demo_internal.h"

/* Month-sized rates are per 30.4 days. */
#define DEMO_MONTH_SECONDS (INT64_C(2626560))

/* Delinquency buckets by dpd_at_placement: M1 1-30, M2 31-60, M3 61-90, M4-6, M6+. */
enum { B_M1, B_M2, B_M3, B_M4_6, B_M6P, BUCKETS };

/* Codes by their index in the codes.h lists (demo.c checks the lists still agree). */
enum { CH_CALL, CH_SMS, CH_EMAIL, CH_LETTER, CH_VISIT, CH_IM };
enum { DIR_OUT, DIR_IN };
enum { PARTY_DEBTOR, PARTY_THIRD, PARTY_NONE };
enum {
    OUT_NO_ANSWER,
    OUT_BUSY,
    OUT_INVALID,
    OUT_VOICEMAIL,
    OUT_CONTACTED,
    OUT_PROMISE,
    OUT_REFUSAL,
    OUT_DISPUTE,
    OUT_CALLBACK
};
enum { P_CREDIT_CARD, P_CONSUMER_LOAN, P_AUTO_LOAN, P_MORTGAGE, P_OTHER };

/* Why a payment is scheduled. */
enum {
    PAY_NONE,
    PAY_PAYOFF,
    PAY_SETTLE,
    PAY_PLAN_FIRST,
    PAY_PLAN_NEXT,
    PAY_PARTIAL,
    PAY_LATE,
    PAY_SPONTANEOUS
};

/* A case's events within the month; changes sort before contacts at the same second. */
enum {
    EV_REASSIGN,
    EV_UNASSIGN,
    EV_HANDOVER, /* arg: the leaving agent */
    EV_CLOSE,    /* arg: close reason */
    EV_CALL_OUT,
    EV_CALL_IN,
    EV_SMS,
    EV_EMAIL,
    EV_LETTER,
    EV_IM_OUT,
    EV_IM_IN,
    EV_VISIT,
    EV_AUTO,
    EV_KINDS
};

/* Contacts a contact schedules for later the same walk (not drawn per month): a call put off
 * to the evening or the next early morning, a redial, a call-back to a debtor already
 * reached today, a reminder sent off-hours by the dialler. */
enum { EV_LATE_CALL = EV_KINDS, EV_REDIAL, EV_PUSH, EV_LATE_AUTO };

#define DEMO_PENDING_MAX 8
typedef struct demo_pending {
    int64_t t;
    int32_t agent; /* who scheduled it; dropped when the case has moved on (0: the dialler) */
    uint8_t kind;
    uint8_t left; /* calls left in a redial or call-back chain, this one included */
} demo_pending;

/* One case's walk through one month. */
typedef struct demo_walk {
    demo_world *w;
    demo_rng *rng;
    int month;
    int64_t ms, me; /* the month [ms, me) */
    int32_t id;
    demo_case *c;
    int64_t close_at; /* a closure after the resolving payment, DEMO_NEVER when none */
    int close_reason;
    bool resolving;
    int64_t spont_at; /* this month's unprompted payment, 0 = none */
    int64_t spont_amount;
    demo_pending pending[DEMO_PENDING_MAX]; /* by time */
    int pending_count;
    int chain_left; /* the pending contact being made: its `left` */
} demo_walk;

/* Payment methods (codes.h order): a debtor mostly sticks to one. */
extern const double demo_method_weight[6];

/* demo_events.c */
void demo_events_contact(demo_walk *k, int64_t t, int kind);
/* Makes the first pending contact (k->pending[0], removed first) if the case still is the
 * scheduling agent's. */
void demo_events_pending(demo_walk *k);
/* A payment of `wanted` (capped at what is still owed) for the reason `kind` (PAY_*). */
void demo_events_payment(demo_walk *k, int64_t t, int64_t wanted, int kind);
void demo_events_reversal(demo_walk *k, int64_t t);
void demo_events_company_complaints(demo_world *w, int month);

static inline double demo_clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static inline int64_t demo_min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* Whole yuan, at least 1 yuan, at most `cap`. */
static inline int64_t demo_round_yuan(int64_t fen, int64_t cap)
{
    int64_t v = fen / 100 * 100;
    if (v < 100)
        v = 100;
    return v > cap ? cap : v;
}

/* A time in [a, b) during working hours (08:00-21:00) when there is one, fewer on
 * weekends; any time in [a, b) otherwise. */
static inline int64_t demo_work_time(demo_rng *rng, int64_t a, int64_t b)
{
    int64_t first = datetime_day_of(a), last = datetime_day_of(b - 1);
    for (int tries = 0; tries < 8; tries++) {
        int64_t day = demo_rng_range(rng, first, last);
        int weekday = (int)((day % 7 + 7 + 3) % 7); /* 0 = Monday; 1970-01-01 was a Thursday */
        if ((weekday == 6 && demo_rng_chance(rng, 0.6)) ||
            (weekday == 5 && demo_rng_chance(rng, 0.3)))
            continue;
        int64_t t = day * DEMO_DAY + 8 * DEMO_HOUR + demo_rng_below(rng, 13 * DEMO_HOUR);
        if (t >= a && t < b)
            return t;
    }
    return a + demo_rng_below(rng, b - a);
}

/* The morning `days` days after t: 09:00-11:00. */
static inline int64_t demo_morning_after(demo_rng *rng, int64_t t, int days)
{
    return (datetime_day_of(t) + days) * DEMO_DAY + 9 * DEMO_HOUR +
           demo_rng_below(rng, 2 * DEMO_HOUR);
}

#endif
