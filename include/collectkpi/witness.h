/* witness.h - what the engine tells an observer about each row it lets into a figure.
 *
 * `collectkpi explain` must list the rows behind a figure from the same rule code that
 * computed it, never from a second reading of kpi.md. So the engine, at each place where a
 * row is credited (a payment to its holder, a promise judged, a closure to the assignment
 * that ended with it, a contact counted ...), hands a witness_event to the request's
 * witness when there is one. A normal run has none and pays one NULL test per row.
 */
#ifndef COLLECTKPI_WITNESS_H
#define COLLECTKPI_WITNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/kpi.h"

#define WITNESS_OPEN_END INT64_MAX /* held_until of an assignment that is still open */

typedef enum witness_kind {
    WITNESS_WORKLOAD,     /* an (agent, case) pair of cases_worked; amount = outstanding at t0 */
    WITNESS_PAYMENT,      /* a payment in P: credited to its holder, or unassigned (no agent) */
    WITNESS_CONTACT,      /* a contact of the agent in P (contacts, call_attempts, rpc) */
    WITNESS_PROMISE_MADE, /* a promise with made_at in P (ptp_made, ptp_made_amount) */
    WITNESS_PROMISE_DUE,  /* a promise with due_on in P, judged */
    WITNESS_RESOLUTION,   /* a case closed in P with a resolved reason, credited */
    WITNESS_COMPLAINT,    /* a complaint received in P naming the agent */
    WITNESS_SURVEY,       /* a survey in P naming the agent; amount = score */
    WITNESS_COMPLIANCE,   /* a contact in P the breach pass counted (agent or system) */
    WITNESS_KIND_COUNT
} witness_kind;

/* An earlier contact a rule of compliance.md counted when it found a breach: rules has bit
 * r for each compliance_rule whose count took it. case_id is another case of the same
 * debtor for connected_per_day's calls. */
typedef struct witness_cause {
    int64_t contact_id;
    int64_t case_id;
    int64_t at; /* seconds */
    unsigned rules;
} witness_cause;

/* What set s, the start of third_party_early's unreachable test: the latest of these. */
typedef enum witness_reach_since {
    WITNESS_SINCE_LOOKBACK, /* W: 00:00 of the day unreachable_lookback_days before c's day */
    WITNESS_SINCE_PLACED,   /* the case's placed_at */
    WITNESS_SINCE_DEBTOR,   /* the latest debtor contact of the case before c (a cause) */
} witness_reach_since;

/* Why the engine let a row it looked at stay out of every figure (WITNESS_CREDITED: it did
 * not). Only closures in P are told this way; the rows of the other kinds the engine never
 * credits are outside P or name no agent. */
typedef enum witness_refusal {
    WITNESS_CREDITED,
    WITNESS_NOT_RESOLVED, /* a closure whose reason is not one of the resolved reasons */
    WITNESS_NO_HOLDER,    /* a resolved closure that no assignment ended with */
} witness_refusal;

typedef struct witness_event {
    witness_kind kind;
    witness_refusal refused; /* not WITNESS_CREDITED: in no figure, told for --why-not */
    bool has_agent;          /* false: an unassigned payment or an automated (system) contact */
    int64_t agent_id;
    /* payment_id, contact_id, promise_id, complaint_id, survey_id; the case_id for
     * workload pairs and resolutions */
    int64_t row_id;
    bool has_case;
    int64_t case_id;
    /* seconds: t0 (workload), paid_at, made_at, closed_at, received_at, contact_at
     * (compliance); 0 where the engine reads only counts (contact and survey counts) */
    int64_t at;
    int64_t amount_minor; /* outstanding at t0, a payment's or promise's amount; survey score */
    /* The assignment that let the row in (workload, payment, resolution). */
    int64_t held_from, held_until; /* held_until WITNESS_OPEN_END when open */
    kpi_bucket bucket;             /* workload and credited payments: the pair's bucket */
    int64_t dpd;                   /* workload: the case's days past due at t0 */
    /* Promises due: the window [made_at, window_end), what was paid in it, the verdict and
     * the part of paid_toward credited to ptp_kept_amount_rate (min(max(paid, 0), amount)). */
    int64_t due_on; /* days */
    int64_t window_end;
    int64_t paid_toward_minor;
    int64_t credited_minor;
    kpi_promise_status status;
    /* Resolutions. */
    int64_t placed_at;
    double days;
    int close_reason; /* index into codes_close_reason */
    /* Contacts counted for kpi.md. */
    bool call_attempt, rpc;
    /* Complaints: 1, 0, or -1 under review. */
    int substantiated;
    int category; /* index into codes_complaint_category */
    /* Compliance: the contact's direction and the rules it breaks (bit r: compliance_rule). */
    bool outbound;
    unsigned rules;
    bool critical;
    /* The earlier contacts the breach's rules counted, in (contact_at, contact_id) order, one
     * entry per contact (its rules: every rule that counted it); valid only during the record
     * call. */
    const witness_cause *causes;
    size_t cause_count;
    /* third_party_early: s, and what set it. */
    int64_t reach_since;
    witness_reach_since reach_since_kind;
} witness_event;

/* The observer: record gets every event of the run, in the engine's order. It keeps what it
 * wants (and remembers its own allocation failure: the engine does not stop for it). */
typedef struct engine_witness {
    void (*record)(void *context, const witness_event *event);
    void *context;
} engine_witness;

#endif
