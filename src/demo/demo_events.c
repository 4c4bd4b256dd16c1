/* demo_events.c - what happens on a demo case: contacts and their
 * outcomes, promises to pay and how they turn out, payments, reversals, complaints and
 * surveys. Called by demo_sim.c's month walk, one event at a time in time order.
 *
 * The mixes are a call centre's: most outbound calls find nobody (no answer, busy,
 * voicemail, a dead number); a minority reach the debtor (right-party contact) or a third
 * party. A right-party conversation may end in a promise; whether it is kept depends on the
 * debtor's willingness (lower in older delinquency buckets) and the agent's skill.
 * Complaints follow rough contacts: pushy agents draw more of them.
 *
 * Most agents keep the contact rules of compliance.md: they talk to a relative only once the
 * debtor is unreachable (three failed calls on an earlier day, or a dead number, within 30
 * days and since the debtor was last reached), and call in working hours. A few agents have
 * a habit (DEMO_HABIT_*) that breaks them, and the dialler now and then sends a reminder
 * off-hours; docs/demo.md lists them.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "collectkpi/codes.h"
#include "demo_sim.h"

const double demo_method_weight[6] = {0.30, 0.12, 0.03, 0.25, 0.25, 0.05};

/* How often a call reaches anyone, by delinquency bucket. */
static const double bucket_reach[BUCKETS] = {1.0, 0.92, 0.82, 0.72, 0.60};

/* Complaint categories (codes.h order) by what led to them. */
static const double category_after_call[] = {30, 12, 6, 0, 5, 6, 8, 7, 7, 13, 6};

static const double category_after_third_party[] = {20, 0, 0, 65, 15, 0, 0, 0, 0, 0, 0};

static const double category_after_dispute[] = {0, 0, 0, 0, 0, 0, 0, 55, 30, 15, 0};

static const double category_company[] = {0, 0, 0, 0, 10, 0, 0, 20, 25, 30, 15};

static const double source_after_debtor[] = {75, 5, 10, 10};

static const double source_after_third_party[] = {15, 70, 0, 15};

static const double source_company[] = {30, 0, 45, 25};

/* The debtor counts as unreachable at t (compliance.md "Unreachable", as the case's own
 * record of failed calls and debtor contacts says). */
static bool unreachable_at(const demo_case *c, int64_t t)
{
    return demo_case_time(c, unreachable_from) != 0 && demo_case_time(c, unreachable_from) <= t &&
           datetime_day_of(t) - 30 <= c->evidence_day;
}

static void note_evidence(demo_case *c, int64_t t, int64_t from)
{
    if (!unreachable_at(c, t))
        demo_case_set(c, unreachable_from, from);
    c->evidence_day = (int32_t)datetime_day_of(t);
}

/* What a contact tells about reaching the debtor: a debtor contact wipes the slate; a dead
 * number, or the third failed call of a day, is evidence from then (the next day) on. */
static void note_reach(demo_case *c, int64_t t, int channel, int direction, int party, int outcome)
{
    if (party == PARTY_DEBTOR) {
        demo_case_set(c, unreachable_from, 0);
        c->failed_calls = 0;
        return;
    }
    if (channel != CH_CALL || direction != DIR_OUT || outcome > OUT_VOICEMAIL)
        return;
    int32_t day = (int32_t)datetime_day_of(t);
    if (outcome == OUT_INVALID)
        note_evidence(c, t, t + 1);
    if (day != c->failed_day || c->failed_calls == 0) {
        c->failed_day = day;
        c->failed_calls = 0;
    }
    if (++c->failed_calls == 3)
        note_evidence(c, t, (day + 1) * DEMO_DAY);
}

static void push_contact(demo_walk *k, int64_t t, int32_t agent, int channel, int direction,
                         int party, int outcome, int64_t duration)
{
    note_reach(k->c, t, channel, direction, party, outcome);
    int64_t day = (t - k->ms) / DEMO_DAY;
    demo_world *w = k->w;
    demo_contact *row =
        demo_rows_new_contact(w->pipe, &w->rows->days[day < 0                  ? 0
                                                      : day >= DEMO_MONTH_DAYS ? DEMO_MONTH_DAYS - 1
                                                                               : day]);
    if (row == NULL) {
        w->out_of_memory = true;
        return;
    }
    row->case_id = k->id;
    row->duration_s = (int32_t)duration;
    /* The order of contacts_by_time: contact_at, agent_id (NULL first), then the codes as
     * text; 22 bits of seconds in the month, 16 of agent, 10 of code ranks. */
    row->key = (uint64_t)(t - k->ms) << DEMO_KEY_TIME_SHIFT |
               (uint64_t)agent << DEMO_KEY_AGENT_SHIFT | (uint64_t)w->rank_channel[channel] << 7 |
               (uint64_t)w->rank_direction[direction] << 6 | (uint64_t)w->rank_party[party] << 4 |
               w->rank_outcome[outcome];
}

static void push_payment(demo_walk *k, int64_t t, int64_t amount, int method)
{
    demo_payment *row = DEMO_NEW_ROW(k->w->rows->payments);
    if (row == NULL) {
        k->w->out_of_memory = true;
        return;
    }
    row->at = t;
    row->amount = amount;
    row->case_id = k->id;
    row->method = (uint8_t)method;
}

static void push_promise(demo_walk *k, int64_t made_at, int64_t due_day, int64_t amount,
                         int32_t agent)
{
    demo_promise *row = DEMO_NEW_ROW(k->w->rows->promises);
    if (row == NULL) {
        k->w->out_of_memory = true;
        return;
    }
    row->made_at = made_at;
    row->due_day = due_day;
    row->amount = amount;
    row->case_id = k->id;
    row->agent_id = agent;
}

/* Substantiation and resolution as seen at the end of the data: recent complaints are
 * mostly still under review. */
static void judge_complaint(demo_world *w, demo_complaint *row, double aggression)
{
    demo_rng *rng = &w->rng;
    bool recent = w->data_end - row->at < 30 * DEMO_DAY;
    if (demo_rng_chance(rng, recent ? 0.6 : 0.08)) {
        row->substantiated = -1;
        return;
    }
    row->substantiated = demo_rng_chance(rng, demo_clamp(0.18 * aggression, 0.08, 0.75)) ? 1 : 0;
    int64_t resolved = row->at + demo_rng_range(rng, 2 * DEMO_DAY, 28 * DEMO_DAY);
    row->resolved_at = resolved < w->data_end ? resolved : 0;
}

/* A complaint about agent's contact at t, received a few hours to three days later. */
static void complaint(demo_walk *k, int64_t t, int32_t agent, const double *categories,
                      const double *sources)
{
    demo_world *w = k->w;
    const demo_agent *a = &w->agents[agent];
    int64_t at = demo_work_time(k->rng, t + DEMO_HOUR, t + 3 * DEMO_DAY);
    if (at >= w->data_end || at >= a->leave_at)
        return;
    demo_complaint *row = DEMO_NEW_ROW(w->complaints);
    if (row == NULL) {
        w->out_of_memory = true;
        return;
    }
    row->at = at;
    row->case_id = k->id;
    row->agent_id = agent;
    row->category = (uint8_t)demo_rng_pick(k->rng, categories, 11);
    row->source = (uint8_t)demo_rng_pick(k->rng, sources, 4);
    judge_complaint(w, row, a->aggression);
}

static void survey(demo_walk *k, int64_t t, int32_t agent, int outcome)
{
    demo_world *w = k->w;
    const demo_agent *a = &w->agents[agent];
    int64_t at = t + demo_rng_range(k->rng, 600, 20 * DEMO_HOUR);
    double mean = 3.7 + 2.0 * (a->courtesy - 1.0) -
                  (outcome == OUT_REFUSAL || outcome == OUT_DISPUTE ? 0.9 : 0.0);
    double score = demo_clamp(floor(mean + 0.9 * demo_rng_gauss(k->rng) + 0.5), 1, 5);
    if (at >= w->data_end || at >= a->leave_at)
        return;
    demo_survey *row = DEMO_NEW_ROW(w->surveys);
    if (row == NULL) {
        w->out_of_memory = true;
        return;
    }
    row->at = at;
    row->case_id = k->id;
    row->agent_id = agent;
    row->score = (int32_t)score;
}

static int pick_method(demo_walk *k)
{
    if (demo_rng_chance(k->rng, 0.8))
        return k->c->method;
    return demo_rng_pick(k->rng, demo_method_weight, 6);
}

/* The resolving payment closes the case a little later (same month). */
static void resolve(demo_walk *k, int64_t t, int reason)
{
    k->resolving = true;
    k->close_at = demo_min64(t + demo_rng_range(k->rng, 300, 3 * DEMO_HOUR), k->me - 1);
    if (k->close_at < t)
        k->close_at = t;
    k->close_reason = reason;
    demo_case_set(k->c, pay_at, 0);
    demo_case_set(k->c, rev_at, 0);
}

/* A payment time in [lo, hi): often on the last day (the due date), else any day. */
static int64_t pay_time(demo_rng *rng, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    if (demo_rng_chance(rng, 0.45) && hi - DEMO_DAY > lo)
        lo = hi - DEMO_DAY;
    if (demo_rng_chance(rng, 0.85))
        return demo_work_time(rng, lo, hi);
    return lo + demo_rng_below(rng, hi - lo);
}

/* The next instalment of a plan, with the promise row that stands for it when the plan is
 * tracked that way: paid on time (76%), paid short (10%), or missed, which ends the plan
 * (the promise stays, broken). */
static void schedule_instalment(demo_walk *k, int64_t t)
{
    demo_case *c = k->c;
    int64_t remaining = c->balance - c->paid;
    bool fortnightly = (c->flags & DEMO_CASE_FORTNIGHTLY) != 0;
    int64_t due = fortnightly ? demo_work_time(k->rng, t + 13 * DEMO_DAY, t + 16 * DEMO_DAY)
                              : demo_work_time(k->rng, t + 28 * DEMO_DAY, t + 33 * DEMO_DAY);
    int64_t amount = c->plan_left <= 1 ? remaining : demo_min64(c->plan_amount, remaining);
    if (amount <= 0)
        return;
    if (c->holder != 0 && (c->flags & DEMO_CASE_TRACKED_PLAN)) {
        push_promise(k, t, datetime_day_of(due), amount, c->holder);
        demo_case_set(c, promise_until, (datetime_day_of(due) + 1) * DEMO_DAY);
    }
    double u = demo_rng_unit(k->rng);
    if (u < 0.86) {
        demo_case_set(c, pay_at, due);
        c->pay_amount = u < 0.76 ? amount : amount * demo_rng_range(k->rng, 40, 90) / 100 + 1;
        c->pay_kind = PAY_PLAN_NEXT;
    } else
        c->plan_left = 0;
}

void demo_events_payment(demo_walk *k, int64_t t, int64_t wanted, int kind)
{
    demo_case *c = k->c;
    int64_t remaining = c->balance - c->paid;
    int64_t amount = demo_min64(wanted, remaining);
    bool whole = amount == wanted;
    if (amount <= 0)
        return;
    int method = pick_method(k);
    push_payment(k, t, amount, method);
    c->paid += amount;
    c->flags |= DEMO_CASE_PAID_THIS_MONTH;
    if (kind == PAY_PLAN_FIRST) {
        /* Most plans are tracked instalment by instalment as promises; the others are
         * standing orders that just pay. */
        if (demo_rng_chance(k->rng, 0.75))
            c->flags |= DEMO_CASE_TRACKED_PLAN;
        else
            c->flags &= (uint8_t)~DEMO_CASE_TRACKED_PLAN;
        c->plan_left = c->plan_k > 1 ? (uint8_t)(c->plan_k - 1) : 1;
        c->plan_amount = amount;
    } else if (kind == PAY_PLAN_NEXT && c->plan_left > 0)
        c->plan_left--;
    if (c->paid >= c->balance) {
        bool plan = kind == PAY_PLAN_NEXT && c->plan_left == 0;
        resolve(k, t, plan ? CODES_CLOSE_PLAN_COMPLETED : CODES_CLOSE_PAID_IN_FULL);
        return;
    }
    if (kind == PAY_SETTLE && whole) {
        resolve(k, t, CODES_CLOSE_SETTLED);
        return;
    }
    if ((kind == PAY_PLAN_FIRST || kind == PAY_PLAN_NEXT) && c->plan_left > 0)
        schedule_instalment(k, t);
    /* A bounced transfer or a charge-back takes (part of) this payment back. */
    if (demo_case_time(c, rev_at) == 0 && demo_rng_chance(k->rng, 0.035)) {
        demo_case_set(c, rev_at, t + demo_rng_range(k->rng, DEMO_DAY, 6 * DEMO_DAY));
        c->rev_amount = demo_rng_chance(k->rng, 0.85) ? amount : (amount + 1) / 2;
        c->rev_method = (uint8_t)method;
    }
}

void demo_events_reversal(demo_walk *k, int64_t t)
{
    demo_case *c = k->c;
    int64_t amount = demo_min64(c->rev_amount, c->paid); /* never below zero */
    demo_case_set(c, rev_at, 0);
    if (amount <= 0)
        return;
    push_payment(k, t, -amount, c->rev_method);
    c->paid -= amount;
}

static void make_promise(demo_walk *k, int64_t t, int32_t agent, double skill)
{
    demo_case *c = k->c;
    demo_rng *rng = k->rng;
    int64_t remaining = c->balance - c->paid;
    static const double payoff[BUCKETS] = {0.30, 0.22, 0.15, 0.10, 0.06};
    static const double settle[BUCKETS] = {0.00, 0.05, 0.12, 0.18, 0.22};
    static const double plan[BUCKETS] = {0.50, 0.52, 0.52, 0.50, 0.45};
    double w[4] = {payoff[c->bucket] + (remaining < 500000 ? 0.25 : 0.0), settle[c->bucket],
                   plan[c->bucket], 0};
    w[3] = 1.0 - w[0] - w[1] - w[2] > 0.1 ? 1.0 - w[0] - w[1] - w[2] : 0.1;
    int type = demo_rng_pick(rng, w, 4);
    int64_t amount;
    int kind;
    switch (type) {
    case 0:
        amount = remaining;
        kind = PAY_PAYOFF;
        break;
    case 1:
        amount = demo_round_yuan(remaining * demo_rng_range(rng, 50, 85) / 100, remaining);
        kind = PAY_SETTLE;
        break;
    case 2:
        /* Monthly or fortnightly instalments. */
        if (demo_rng_chance(rng, 0.45)) {
            c->flags |= DEMO_CASE_FORTNIGHTLY;
            c->plan_k = (uint8_t)demo_rng_range(rng, 4, 20);
        } else {
            c->flags &= (uint8_t)~DEMO_CASE_FORTNIGHTLY;
            c->plan_k = (uint8_t)demo_rng_range(rng, 3, 12);
        }
        amount = demo_round_yuan((remaining + c->plan_k - 1) / c->plan_k + 99, remaining);
        kind = PAY_PLAN_FIRST;
        break;
    default:
        amount = demo_round_yuan(remaining * demo_rng_range(rng, 10, 35) / 100, remaining);
        kind = PAY_PARTIAL;
        break;
    }
    static const double due_weight[] = {0.05, 0.35, 0.35, 0.25};
    static const int due_days[][2] = {{0, 0}, {1, 3}, {4, 7}, {8, 14}};
    int d = demo_rng_pick(rng, due_weight, 4);
    int64_t due_day = datetime_day_of(t) + demo_rng_range(rng, due_days[d][0], due_days[d][1]);
    int64_t window_end = (due_day + 1) * DEMO_DAY;
    push_promise(k, t, due_day, amount, agent);
    demo_case_set(c, promise_until, window_end);

    /* Kept, partly kept, broken (sometimes paid late). */
    double keep = demo_clamp(0.12 + 0.38 * c->will * sqrt(skill), 0.05, 0.85);
    if (kind == PAY_PAYOFF && remaining > 2000000)
        keep *= 0.8;
    double u = demo_rng_unit(rng);
    if (u < keep) {
        demo_case_set(c, pay_at, pay_time(rng, t + 600, window_end));
        c->pay_amount = amount;
        c->pay_kind = (uint8_t)kind;
    } else if (u < keep + 0.12) {
        demo_case_set(c, pay_at, pay_time(rng, t + 600, window_end));
        c->pay_amount = amount * demo_rng_range(rng, 20, 80) / 100;
        if (c->pay_amount < 1)
            c->pay_amount = 1;
        c->pay_kind = PAY_PARTIAL;
    } else if (demo_rng_chance(rng, 0.25)) {
        int64_t late = window_end + demo_rng_range(rng, 0, 9) * DEMO_DAY;
        demo_case_set(c, pay_at, demo_work_time(rng, late, late + DEMO_DAY));
        c->pay_amount = amount * demo_rng_range(rng, 30, 100) / 100;
        if (c->pay_amount < 1)
            c->pay_amount = 1;
        c->pay_kind = PAY_LATE;
    }
}

/* A conversation with the debtor (a right-party call, an inbound call, an IM reply, a
 * visit): a promise when none is open and the debtor is willing, otherwise one of the
 * other right-party outcomes. */
static int converse(demo_walk *k, int64_t t, int32_t agent, double skill, bool inbound)
{
    demo_case *c = k->c;
    bool open =
        t < demo_case_time(c, promise_until) || c->plan_left > 0 || demo_case_time(c, pay_at) != 0;
    double p = demo_clamp(0.46 * skill * c->will * (inbound ? 1.6 : 1.0), 0.0, 0.85);
    if (!open && demo_rng_chance(k->rng, p)) {
        make_promise(k, t, agent, skill);
        return OUT_PROMISE;
    }
    double u = demo_rng_unit(k->rng);
    double refusal = demo_clamp(0.10 / (0.4 + c->will), 0.05, 0.35);
    if (u < 0.05)
        return OUT_DISPUTE;
    if (u < 0.05 + refusal)
        return OUT_REFUSAL;
    if (u < 0.20 + refusal)
        return OUT_CALLBACK;
    return OUT_CONTACTED;
}

/* Puts a contact off to t (dropped past the month's end or when too many wait). */
static void schedule(demo_walk *k, int64_t t, int kind, int32_t agent, int left)
{
    if (t >= k->me || k->pending_count >= DEMO_PENDING_MAX)
        return;
    int i = k->pending_count++;
    while (i > 0 && k->pending[i - 1].t > t) {
        k->pending[i] = k->pending[i - 1];
        i--;
    }
    k->pending[i] = (demo_pending){t, agent, (uint8_t)kind, (uint8_t)left};
}

/* A talk with a relative is fine once the debtor is unreachable; most agents otherwise
 * ask for the debtor and hang up (a call that reached nobody); one time in five hundred they
 * slip, so a clean agent's critical breach is a rare event, as it is in a well-run centre. */
static bool may_talk_to_relative(demo_walk *k, const demo_agent *a, int64_t t)
{
    return (a->habits & DEMO_HABIT_RELATIVES) || unreachable_at(k->c, t) ||
           demo_rng_chance(k->rng, 0.002);
}

void demo_events_pending(demo_walk *k)
{
    demo_pending p = k->pending[0];
    k->pending_count--;
    for (int i = 0; i < k->pending_count; i++)
        k->pending[i] = k->pending[i + 1];
    if (k->resolving || (p.kind != EV_LATE_AUTO && k->c->holder != p.agent))
        return; /* the case is closing or in other hands: the contact is not made */
    k->chain_left = p.left;
    demo_events_contact(k, p.t, p.kind);
}

void demo_events_contact(demo_walk *k, int64_t t, int kind)
{
    demo_case *c = k->c;
    demo_rng *rng = k->rng;
    bool bad = (c->flags & DEMO_CASE_BAD_NUMBER) != 0;
    if (kind == EV_AUTO || kind == EV_LATE_AUTO) { /* the dialler's reminders: no agent */
        /* A misconfigured schedule now and then sends one at 22:xx or 07:xx. */
        if (kind == EV_AUTO && demo_rng_chance(rng, 0.015)) {
            int64_t day = datetime_day_of(t);
            int64_t late = day * DEMO_DAY + 22 * DEMO_HOUR + demo_rng_below(rng, DEMO_HOUR);
            schedule(k, late, EV_LATE_AUTO, 0, 1);
            return;
        }
        int channel = demo_rng_chance(rng, 0.85) ? CH_SMS : CH_EMAIL;
        push_contact(k, t, 0, channel, DIR_OUT, PARTY_NONE,
                     bad && channel == CH_SMS ? OUT_INVALID : OUT_NO_ANSWER, 0);
        return;
    }
    int32_t agent = c->holder;
    if (agent == 0)
        return; /* in the pool: only automated messages go out */
    const demo_agent *a = &k->w->agents[agent];
    double skill = a->skill * (datetime_day_of(t) - a->hired_day < 60 ? 0.8 : 1.0);
    bool waiting =
        t < demo_case_time(c, promise_until) || demo_case_time(c, pay_at) != 0 || c->plan_left > 0;
    int outcome, channel = CH_CALL, direction = DIR_OUT;
    int64_t duration = 0;
    bool redialler = (a->habits & DEMO_HABIT_REDIAL) != 0;
    switch (kind) {
    case EV_PUSH: { /* a redialler calling back a debtor already reached today */
        static const int pushed[] = {OUT_CONTACTED, OUT_REFUSAL, OUT_CALLBACK};
        /* One draw after the other, in this order: C leaves the order in which a call's
         * arguments are evaluated open, and compilers differ (the demo must not). */
        int64_t push_seconds = demo_rng_range(rng, 30, 240);
        int push_outcome = pushed[demo_rng_below(rng, 3)];
        push_contact(k, t, agent, CH_CALL, DIR_OUT, PARTY_DEBTOR, push_outcome, push_seconds);
        if (k->chain_left > 1)
            schedule(k, t + demo_rng_range(rng, 15 * 60, 50 * 60), EV_PUSH, agent,
                     k->chain_left - 1);
        if (demo_rng_chance(rng, 0.002 * a->aggression))
            complaint(k, t, agent, category_after_call, source_after_debtor);
        return;
    }
    case EV_CALL_OUT:
    case EV_LATE_CALL:
    case EV_REDIAL: {
        if (kind == EV_CALL_OUT && !demo_rng_chance(rng, a->effort / 1.3 * (waiting ? 0.35 : 1.0)))
            return;
        if (kind == EV_CALL_OUT && (a->habits & DEMO_HABIT_LATE)) {
            /* Puts the call off to the evening (20:45-22:45), now and then to the next
             * morning before eight. */
            int64_t day = datetime_day_of(t);
            double u = demo_rng_unit(rng);
            int64_t later =
                u < 0.12
                    ? day * DEMO_DAY + 20 * DEMO_HOUR + 45 * 60 + demo_rng_below(rng, 2 * DEMO_HOUR)
                : u < 0.15
                    ? (day + 1) * DEMO_DAY + 7 * DEMO_HOUR + 15 * 60 + demo_rng_below(rng, 45 * 60)
                    : 0;
            if (later > t) {
                schedule(k, later, EV_LATE_CALL, agent, 1);
                return;
            }
        }
        double reach = demo_clamp(0.32 * sqrt(skill) * bucket_reach[c->bucket], 0.02, 0.6);
        if (bad || !demo_rng_chance(rng, reach)) {
            static const double miss[] = {0.55, 0.15, 0.05, 0.25}; /* OUT_NO_ANSWER.. */
            if ((a->habits & DEMO_HABIT_RELATIVES) && demo_rng_chance(rng, 0.08)) {
                /* Nobody answers: rings the emergency contact straight away. */
                push_contact(k, t, agent, CH_CALL, DIR_OUT, PARTY_THIRD, OUT_CONTACTED,
                             demo_rng_range(rng, 30, 180));
                if (demo_rng_chance(rng, 0.004 * a->aggression))
                    complaint(k, t, agent, category_after_third_party, source_after_third_party);
                return;
            }
            outcome = bad ? (demo_rng_chance(rng, 0.7) ? OUT_INVALID : OUT_NO_ANSWER)
                          : demo_rng_pick(rng, miss, 4);
            duration = outcome == OUT_VOICEMAIL ? demo_rng_range(rng, 15, 45) : 0;
            push_contact(k, t, agent, CH_CALL, DIR_OUT, PARTY_NONE, outcome, duration);
            if (demo_rng_chance(rng, 0.0005 * a->aggression))
                complaint(k, t, agent, category_after_call, source_after_debtor);
            /* A redialler tries again within minutes, up to eight times in a row. */
            if (kind == EV_REDIAL && k->chain_left > 1)
                schedule(k, t + demo_rng_range(rng, 45, 280), EV_REDIAL, agent, k->chain_left - 1);
            else if (kind != EV_REDIAL && redialler && demo_rng_chance(rng, 0.1)) {
                int redials = (int)demo_rng_range(rng, 1, 8); /* drawn first (see EV_PUSH) */
                schedule(k, t + demo_rng_range(rng, 45, 280), EV_REDIAL, agent, redials);
            }
            return;
        }
        if (demo_rng_chance(rng, 0.18)) { /* a relative, a colleague, a neighbour */
            if (!may_talk_to_relative(k, a, t)) {
                push_contact(k, t, agent, CH_CALL, DIR_OUT, PARTY_NONE, OUT_NO_ANSWER, 0);
                return;
            }
            static const double third[] = {0.5, 0.3, 0.2};
            static const int third_outcome[] = {OUT_CONTACTED, OUT_CALLBACK, OUT_REFUSAL};
            outcome = third_outcome[demo_rng_pick(rng, third, 3)];
            push_contact(k, t, agent, CH_CALL, DIR_OUT, PARTY_THIRD, outcome,
                         demo_rng_range(rng, 30, 180));
            if (demo_rng_chance(rng, 0.004 * a->aggression))
                complaint(k, t, agent, category_after_third_party, source_after_third_party);
            return;
        }
        outcome = converse(k, t, agent, skill, false);
        duration = demo_rng_range(rng, 60, 900);
        if (redialler && demo_rng_chance(rng, 0.25)) {   /* and calls back, and back again */
            int pushes = (int)demo_rng_range(rng, 2, 4); /* drawn first (see EV_PUSH) */
            schedule(k, t + demo_rng_range(rng, 15 * 60, 50 * 60), EV_PUSH, agent, pushes);
        }
        break;
    }
    case EV_CALL_IN:
        direction = DIR_IN;
        outcome = converse(k, t, agent, skill, true);
        duration = demo_rng_range(rng, 60, 600);
        break;
    case EV_SMS:
    case EV_EMAIL:
    case EV_LETTER:
        if (!demo_rng_chance(rng, a->effort / 1.3))
            return;
        channel = kind == EV_SMS ? CH_SMS : kind == EV_EMAIL ? CH_EMAIL : CH_LETTER;
        push_contact(k, t, agent, channel, DIR_OUT, PARTY_NONE,
                     bad && channel == CH_SMS ? OUT_INVALID : OUT_NO_ANSWER, 0);
        return;
    case EV_IM_OUT:
        channel = CH_IM;
        if (!demo_rng_chance(rng, 0.35)) {
            push_contact(k, t, agent, CH_IM, DIR_OUT, PARTY_NONE, OUT_NO_ANSWER, 0);
            return;
        }
        outcome = converse(k, t, agent, skill, false);
        break;
    case EV_IM_IN:
        channel = CH_IM;
        direction = DIR_IN;
        outcome = converse(k, t, agent, skill, true);
        break;
    case EV_VISIT: { /* field visits only for larger balances */
        if (c->balance - c->paid < 3000000)
            return;
        double u = demo_rng_unit(rng);
        if (u < 0.25) {
            push_contact(k, t, agent, CH_VISIT, DIR_OUT, PARTY_NONE, OUT_NO_ANSWER, 0);
            return;
        }
        if (u < 0.45) {
            bool talk = may_talk_to_relative(k, a, t);
            push_contact(k, t, agent, CH_VISIT, DIR_OUT, talk ? PARTY_THIRD : PARTY_NONE,
                         talk ? OUT_CONTACTED : OUT_NO_ANSWER,
                         talk ? demo_rng_range(rng, 300, 1200) : 0);
            return;
        }
        channel = CH_VISIT;
        outcome = converse(k, t, agent, skill, false);
        duration = demo_rng_range(rng, 900, 3600);
        break;
    }
    default: return;
    }
    push_contact(k, t, agent, channel, direction, PARTY_DEBTOR, outcome, duration);
    if (outcome == OUT_DISPUTE && demo_rng_chance(rng, 0.02))
        complaint(k, t, agent, category_after_dispute, source_after_debtor);
    else if (demo_rng_chance(rng, 0.0006 * a->aggression))
        complaint(k, t, agent, category_after_call, source_after_debtor);
    if (demo_rng_chance(rng, 0.05))
        survey(k, t, agent, outcome);
}

/* Complaints about the centre rather than one agent (fees, service), from creditors and
 * regulators; about half name a case. */
void demo_events_company_complaints(demo_world *w, int month)
{
    demo_rng *rng = &w->rng;
    int64_t ms = w->month_start[month], me = w->month_start[month + 1];
    int count = demo_rng_poisson(rng, 1.0 + w->agent_count * 0.02);
    for (int j = 0; j < count; j++) {
        demo_complaint *row = DEMO_NEW_ROW(w->complaints);
        if (row == NULL) {
            w->out_of_memory = true;
            return;
        }
        row->at = demo_work_time(rng, ms, me);
        int32_t placed = w->placed_by_month[month];
        row->case_id =
            placed > 0 && demo_rng_chance(rng, 0.5) ? (int32_t)demo_rng_range(rng, 1, placed) : 0;
        row->category = (uint8_t)demo_rng_pick(rng, category_company, 11);
        row->source = (uint8_t)demo_rng_pick(rng, source_company, 4);
        judge_complaint(w, row, 1.0);
    }
}
