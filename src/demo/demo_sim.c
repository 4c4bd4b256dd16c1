/* demo_sim.c - the demo centre's cases, simulated month by month.
 *
 * Each month every open case walks through its own events in time order: assignment
 * changes (midnight handovers at month boundaries, mid-month reassignments, an agent's
 * leaving, spells in the unassigned pool), contacts, promises, payments, reversals and
 * closure. A case's state carries over from month to month (a payment promised on the 30th
 * and due on the 5th lands next month), so rows come out roughly in time order and every
 * rule of data-model.md holds by construction:
 * - an assignment starts at or after placed_at and ends at or before closed_at; a case has
 *   one holder at a time, so its intervals never overlap; closing a case ends its holder;
 * - contacts, promises and payments fall between placed_at and closed_at;
 * - a reversal only ever takes back (part of) one earlier payment, so the running sum of a
 *   case's payments never goes below zero;
 * - agents only act between hired_on and left_on (demo_people_pick sees to that).
 * Recovery depends on the delinquency bucket (dpd_at_placement) and the agent's skill.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/interrupt.h"
#include "demo_sim.h"

#define MAX_EVENTS 96

static const double bucket_weight[BUCKETS] = {0.30, 0.20, 0.15, 0.15, 0.20};
static const int bucket_dpd[BUCKETS][2] = {{1, 30}, {31, 60}, {61, 90}, {91, 180}, {181, 720}};
/* Willingness to pay, by delinquency bucket. */
static const double bucket_will[BUCKETS] = {1.0, 0.70, 0.48, 0.30, 0.14};

/* Products (codes.h order) with the median and spread of their placed balances in yuan. */
static const double product_weight[] = {0.45, 0.30, 0.10, 0.05, 0.10};
static const double product_median[] = {15000, 30000, 80000, 400000, 5000};
static const double product_sigma[] = {0.8, 0.7, 0.5, 0.5, 0.8};
static const double product_min[] = {1000, 3000, 10000, 50000, 300};
static const double product_max[] = {300000, 500000, 600000, 3000000, 100000};

/* Candidate contacts per case and 30.4 days; outbound attempts are thinned afterwards by
 * the holder's effort and the case's state. */
static const double contact_rate[EV_KINDS] = {
    [EV_CALL_OUT] = 4.2, [EV_CALL_IN] = 0.22, [EV_SMS] = 0.5,
    [EV_EMAIL] = 0.15,   [EV_LETTER] = 0.12,  [EV_IM_OUT] = 0.35,
    [EV_IM_IN] = 0.06,   [EV_VISIT] = 0.05,   [EV_AUTO] = 0.9,
};

typedef struct event {
    int64_t t;
    int kind;
    int32_t arg;
} event;

static void end_holder(demo_walk *k, int64_t t)
{
    demo_case *c = k->c;
    if (c->holder == 0)
        return;
    /* A zero-length spell (a handover at the very second of a closure) leaves no row. */
    if (demo_case_time(c, holder_since) < t) {
        demo_assignment *row = DEMO_NEW_ROW(k->w->rows->assignments);
        if (row == NULL)
            k->w->out_of_memory = true;
        else {
            row->start_at = demo_case_time(c, holder_since);
            row->end_at = t;
            row->case_id = k->id;
            row->agent_id = c->holder;
        }
    }
    k->w->agents[c->holder].load--;
    c->holder = 0;
}

static void assign(demo_walk *k, int64_t t)
{
    demo_case *c = k->c;
    int32_t previous = c->holder;
    /* Most reassignments stay within the team. */
    int32_t team =
        previous != 0 && demo_rng_chance(k->rng, 0.6) ? k->w->agents[previous].team_id : 0;
    int32_t agent = demo_people_pick(k->w, t, k->month, team, previous);
    end_holder(k, t);
    if (agent == 0) {
        demo_case_set(c, pool_until, k->me); /* nobody free: try again next month */
        return;
    }
    c->holder = agent;
    demo_case_set(c, holder_since, t);
    demo_case_set(c, pool_until, 0);
    k->w->agents[agent].load++;
}

static void unassign(demo_walk *k, int64_t t)
{
    end_holder(k, t);
    demo_case_set(k->c, pool_until,
                  demo_morning_after(k->rng, t, (int)demo_rng_range(k->rng, 1, 6)));
}

static void close_case(demo_walk *k, int64_t t, int reason)
{
    demo_case *c = k->c;
    end_holder(k, t);
    demo_case_set(c, closed_at, t);
    c->close_reason = (uint8_t)reason;
    demo_case_set(c, pay_at, 0);
    demo_case_set(c, rev_at, 0);
    demo_case_set(c, pool_until, 0);
    c->plan_left = 0;
}

static void add_event(event *ev, int *n, int64_t t, int kind, int32_t arg)
{
    if (*n >= MAX_EVENTS)
        return;
    ev[*n].t = t;
    ev[*n].kind = kind;
    ev[*n].arg = arg;
    (*n)++;
}

static void sort_events(event *ev, int n)
{
    for (int i = 1; i < n; i++) {
        event e = ev[i];
        int j = i - 1;
        while (j >= 0 && (ev[j].t > e.t || (ev[j].t == e.t && ev[j].kind > e.kind))) {
            ev[j + 1] = ev[j];
            j--;
        }
        ev[j + 1] = e;
    }
}

/* A closure at the month boundary (recalled by the creditor, written off): -1 for none. */
static int boundary_closure(demo_walk *k)
{
    const demo_case *c = k->c;
    int64_t age_months = (k->ms - c->placed_at) / DEMO_MONTH_SECONDS;
    bool little_paid = c->paid * 10 < c->balance;
    /* The placement term ends: the creditor takes the case back unless a plan is running. */
    if (age_months >= c->term_months && c->plan_left == 0)
        return CODES_CLOSE_RECALLED;
    if (age_months >= 6 && little_paid && c->plan_left == 0 && demo_rng_chance(k->rng, 0.06))
        return CODES_CLOSE_RECALLED;
    if (c->bucket == B_M6P && age_months >= 8 && c->paid * 20 < c->balance &&
        demo_rng_chance(k->rng, 0.05))
        return CODES_CLOSE_WRITTEN_OFF;
    if (demo_rng_chance(k->rng, 0.003))
        return CODES_CLOSE_RECALLED;
    return -1;
}

/* Closures that can come any day: legal action, the debtor's death or bankruptcy. */
static void plan_midmonth_closure(demo_walk *k, event *ev, int *n, int64_t from)
{
    const demo_case *c = k->c;
    int64_t age_months = (k->ms - c->placed_at) / DEMO_MONTH_SECONDS;
    int reason = -1;
    if (c->product != P_CREDIT_CARD && c->product != P_OTHER && c->bucket >= B_M3 &&
        age_months >= 3 && demo_rng_chance(k->rng, 0.01))
        reason = CODES_CLOSE_LEGAL;
    else if (demo_rng_chance(k->rng, 0.0006))
        reason = CODES_CLOSE_DECEASED;
    else if (demo_rng_chance(k->rng, 0.0012))
        reason = CODES_CLOSE_BANKRUPT;
    if (reason >= 0 && from < k->me)
        add_event(ev, n, demo_work_time(k->rng, from, k->me), EV_CLOSE, reason);
}

/* Who holds the case this month: a handover at midnight on the 1st, the holder's leaving,
 * now and then a mid-month move; some moves leave the case in the pool for a few days. */
static void plan_changes(demo_walk *k, event *ev, int *n)
{
    demo_case *c = k->c;
    demo_rng *rng = k->rng;
    if (c->holder == 0)
        return; /* in the pool: its timer brings it back */
    bool moved = false;
    if (demo_rng_chance(rng, 0.10 + (c->idle_months >= 3 ? 0.12 : 0.0))) {
        moved = true;
        add_event(ev, n, k->ms, demo_rng_chance(rng, 0.85) ? EV_REASSIGN : EV_UNASSIGN, 0);
    }
    const demo_agent *a = &k->w->agents[c->holder];
    if (!moved && a->leave_at < k->me)
        add_event(ev, n, a->leave_at > k->ms ? a->leave_at : k->ms, EV_HANDOVER, c->holder);
    if (demo_rng_chance(rng, 0.03)) {
        /* One draw after the other: the order of a call's arguments is the compiler's. */
        int move = demo_rng_chance(rng, 0.7) ? EV_REASSIGN : EV_UNASSIGN;
        add_event(ev, n, demo_work_time(rng, k->ms, k->me), move, 0);
    }
}

/* A payment nobody asked for this month (after a letter, on payday), besides whatever is
 * promised or planned; debtors who have paid before tend to keep paying a little. */
static void plan_spontaneous_payment(demo_walk *k, int64_t from, bool first)
{
    demo_case *c = k->c;
    if (from >= k->me)
        return;
    double hazard = first ? 0.14 : c->paid > 0 ? 0.6 : 0.10;
    if (!demo_rng_chance(k->rng, hazard * c->will))
        return;
    int64_t remaining = c->balance - c->paid;
    k->spont_at = demo_rng_chance(k->rng, 0.8) ? demo_work_time(k->rng, from, k->me)
                                               : from + demo_rng_below(k->rng, k->me - from);
    k->spont_amount =
        demo_rng_chance(k->rng, 0.10)
            ? remaining
            : demo_round_yuan(remaining * demo_rng_range(k->rng, 2, 10) / 100, remaining);
}

/* Returns true when a change closed the case. */
static bool do_change(demo_walk *k, const event *e)
{
    demo_case *c = k->c;
    switch (e->kind) {
    case EV_REASSIGN: assign(k, e->t); break;
    case EV_UNASSIGN:
        if (c->holder != 0)
            unassign(k, e->t);
        break;
    case EV_HANDOVER:
        if (c->holder == e->arg) {
            if (demo_rng_chance(k->rng, 0.7))
                assign(k, e->t);
            else
                unassign(k, e->t);
        }
        break;
    case EV_CLOSE:
        if (!k->resolving) {
            close_case(k, e->t, e->arg);
            return true;
        }
        break;
    default: break;
    }
    return false;
}

static void sim_case_month(demo_world *w, int month, int32_t id)
{
    demo_case *c = &w->cases[id];
    demo_walk k;
    memset(&k, 0, sizeof k);
    k.w = w;
    k.rng = &w->rng;
    k.month = month;
    k.ms = w->month_start[month];
    k.me = w->month_start[month + 1];
    k.id = id;
    k.c = c;
    k.close_at = DEMO_NEVER;
    demo_rng *rng = k.rng;
    event ev[MAX_EVENTS];
    int n = 0;
    bool first = c->placed_at >= k.ms;
    int64_t from = first ? c->placed_at : k.ms;
    c->flags &= (uint8_t)~DEMO_CASE_PAID_THIS_MONTH;

    if (first) {
        if (demo_rng_chance(rng, 0.75))
            add_event(ev, &n, c->placed_at, EV_REASSIGN, 0);
        else /* waits in the pool for a day or three */
            demo_case_set(c, pool_until,
                          demo_morning_after(rng, c->placed_at, (int)demo_rng_range(rng, 1, 3)));
    } else {
        int reason = boundary_closure(&k);
        if (reason >= 0) {
            close_case(&k, k.ms, reason);
            return;
        }
        plan_changes(&k, ev, &n);
        plan_midmonth_closure(&k, ev, &n, k.ms + DEMO_HOUR);
    }
    plan_spontaneous_payment(&k, from + DEMO_HOUR, first);

    double share = (double)(k.me - from) / (double)DEMO_MONTH_SECONDS;
    for (int kind = EV_CALL_OUT; kind < EV_KINDS && from + 60 < k.me; kind++) {
        double boost = first && kind == EV_CALL_OUT ? 1.3 : 1.0;
        int count = demo_rng_poisson(rng, contact_rate[kind] * share * boost);
        for (int j = 0; j < count; j++)
            add_event(ev, &n, demo_work_time(rng, from + 60, k.me), kind, 0);
    }
    sort_events(ev, n);

    int i = 0;
    for (;;) {
        int64_t te = i < n ? ev[i].t : DEMO_NEVER;
        int64_t pool_until = demo_case_time(c, pool_until), pay_at = demo_case_time(c, pay_at),
                rev_at = demo_case_time(c, rev_at);
        int64_t tq = c->holder == 0 && pool_until != 0 ? pool_until : DEMO_NEVER;
        int64_t tp = pay_at != 0 ? pay_at : DEMO_NEVER;
        int64_t tr = rev_at != 0 ? rev_at : DEMO_NEVER;
        int64_t ts = k.spont_at != 0 && !k.resolving ? k.spont_at : DEMO_NEVER;
        int64_t tl = k.pending_count > 0 ? k.pending[0].t : DEMO_NEVER;
        int64_t t = demo_min64(demo_min64(demo_min64(te, tq), demo_min64(tp, tr)),
                               demo_min64(demo_min64(ts, tl), k.close_at));
        if (t >= k.me)
            break;
        if (te == t && ev[i].kind <= EV_CLOSE) {
            if (do_change(&k, &ev[i++]))
                return;
        } else if (tq == t)
            assign(&k, t);
        else if (k.close_at == t) {
            close_case(&k, t, k.close_reason);
            return;
        } else if (tp == t) {
            int64_t wanted = c->pay_amount;
            int kind = c->pay_kind;
            demo_case_set(c, pay_at, 0);
            c->pay_kind = PAY_NONE;
            demo_events_payment(&k, t, wanted, kind);
        } else if (ts == t) {
            k.spont_at = 0;
            demo_events_payment(&k, t, k.spont_amount, PAY_SPONTANEOUS);
            /* Small payers often pay again a week or two later. */
            int64_t again = t + demo_rng_range(rng, 3 * DEMO_DAY, 15 * DEMO_DAY);
            if (!k.resolving && again < k.me && demo_rng_chance(rng, 0.45)) {
                k.spont_at = demo_work_time(rng, again, k.me);
                k.spont_amount = k.spont_amount * demo_rng_range(rng, 50, 150) / 100 + 100;
            }
        } else if (tr == t)
            demo_events_reversal(&k, t);
        else if (tl == t)
            demo_events_pending(&k);
        else {
            if (!k.resolving)
                demo_events_contact(&k, ev[i].t, ev[i].kind);
            i++;
        }
    }
    if (c->flags & DEMO_CASE_PAID_THIS_MONTH)
        c->idle_months = 0;
    else if (c->idle_months < 255)
        c->idle_months++;
}

void demo_sim_month(demo_world *w, int month)
{
    int32_t placed = w->placed_by_month[month + 1];
    for (int32_t id = 1; id <= placed; id++) {
        /* A month of the large size takes seconds: Ctrl-C is looked at every 4096 cases,
         * and the caller stops on it (the month is left half done). */
        if ((id & 4095) == 0 && interrupt_requested())
            return;
        if (demo_case_time(&w->cases[id], closed_at) == 0)
            sim_case_month(w, month, id);
    }
    demo_events_company_complaints(w, month);
}

void demo_sim_finish(demo_world *w)
{
    for (int32_t id = 1; id <= w->case_count; id++) {
        const demo_case *c = &w->cases[id];
        if (demo_case_time(c, closed_at) != 0 || c->holder == 0)
            continue;
        demo_assignment *row = DEMO_NEW_ROW(w->rows->assignments);
        if (row == NULL) {
            w->out_of_memory = true;
            return;
        }
        row->start_at = demo_case_time(c, holder_since);
        row->end_at = 0;
        row->case_id = id;
        row->agent_id = c->holder;
    }
}

/* Placement batches arrive on weekday mornings. */
static int64_t placement_time(demo_rng *rng, int64_t a, int64_t b)
{
    int64_t first = datetime_day_of(a), last = datetime_day_of(b - 1);
    for (int tries = 0; tries < 8; tries++) {
        int64_t day = demo_rng_range(rng, first, last);
        int weekday = (int)((day % 7 + 7 + 3) % 7);
        if (weekday >= 5)
            continue;
        return day * DEMO_DAY + 8 * DEMO_HOUR + demo_rng_below(rng, 3 * DEMO_HOUR);
    }
    return first * DEMO_DAY + 8 * DEMO_HOUR + demo_rng_below(rng, 3 * DEMO_HOUR);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void rank_codes(const codes_list *list, uint8_t *rank)
{
    for (size_t i = 0; i < list->count; i++) {
        rank[i] = 0;
        for (size_t j = 0; j < list->count; j++)
            if (strcmp(list->codes[j], list->codes[i]) < 0)
                rank[i]++;
    }
}

ck_error demo_sim_create_cases(demo_world *w, int32_t case_count)
{
    demo_rng *rng = &w->rng;
    int64_t *times = malloc(((size_t)case_count + 1) * sizeof *times);
    w->cases = calloc((size_t)case_count + 1, sizeof *w->cases);
    if (times == NULL || w->cases == NULL) {
        free(times);
        return CK_ERR_NOMEM;
    }
    w->case_count = case_count;
    rank_codes(&codes_channel, w->rank_channel);
    rank_codes(&codes_direction, w->rank_direction);
    rank_codes(&codes_party, w->rank_party);
    rank_codes(&codes_outcome, w->rank_outcome);

    /* The book taken over in the first ten days, then a steady flow every month. */
    int32_t initial = case_count * 18 / 100, rest = case_count - initial, id = 1;
    w->placed_by_month[0] = 0;
    for (int k = 0; k < w->months; k++) {
        int64_t ms = w->month_start[k], me = w->month_start[k + 1];
        int32_t flow =
            (int32_t)((int64_t)rest * (k + 1) / w->months - (int64_t)rest * k / w->months);
        int32_t count = flow + (k == 0 ? initial : 0);
        for (int32_t j = 0; j < count; j++)
            times[id + j] = k == 0 && j < initial ? placement_time(rng, ms, ms + 10 * DEMO_DAY)
                                                  : placement_time(rng, ms, me);
        qsort(times + id, (size_t)count, sizeof *times, cmp_i64);
        id += count;
        w->placed_by_month[k + 1] = id - 1;
    }

    for (id = 1; id <= case_count; id++) {
        if ((id & 4095) == 0 && interrupt_requested())
            break; /* the caller stops on it */
        demo_case *c = &w->cases[id];
        c->placed_at = times[id];
        int p = demo_rng_pick(rng, product_weight, 5);
        double yuan = exp(log(product_median[p]) + product_sigma[p] * demo_rng_gauss(rng));
        yuan = demo_clamp(yuan, product_min[p], product_max[p]);
        c->product = (uint8_t)p;
        c->balance = (int64_t)yuan * 100 + demo_rng_below(rng, 100);
        c->bucket = (uint8_t)demo_rng_pick(rng, bucket_weight, BUCKETS);
        c->dpd = (uint16_t)demo_rng_range(rng, bucket_dpd[c->bucket][0], bucket_dpd[c->bucket][1]);
        /* One debtor in eight will not pay whoever calls. */
        double will = demo_rng_chance(rng, 0.12) ? 0.1 : exp(0.45 * demo_rng_gauss(rng));
        c->will = (float)demo_clamp(bucket_will[c->bucket] * will, 0.01, 2.5);
        if (demo_rng_chance(rng, 0.12))
            c->flags |= DEMO_CASE_BAD_NUMBER;
        c->method = (uint8_t)demo_rng_pick(rng, demo_method_weight, 6);
        static const double term_weight[] = {0.3, 0.3, 0.4};
        c->term_months = (uint8_t)(6 + 3 * demo_rng_pick(rng, term_weight, 3));
        /* Some debtors owe on more than one account. */
        if (id > 1 && demo_rng_chance(rng, 0.04))
            c->debtor = w->cases[demo_rng_range(rng, 1, id - 1)].debtor;
        else
            c->debtor = ++w->debtor_count;
    }
    free(times);
    return CK_OK;
}

void demo_sim_free(demo_world *w)
{
    free(w->cases);
    w->cases = NULL;
}

void demo_sim_debtor_ref(const demo_world *w, int32_t debtor, char out[20])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t state = w->seed ^ UINT64_C(0x5DEECE66D) ^ ((uint64_t)debtor << 20);
    uint64_t v = demo_splitmix64(&state);
    out[0] = 'D';
    for (int i = 0; i < 16; i++)
        out[1 + i] = hex[(v >> (60 - 4 * i)) & 15];
    out[17] = '\0';
}
