/* kpi.h - the result of one engine run: the figures of kpi.md, ready for any writer.
 *
 * This header is all a writer (text, workbook, charts, dashboard) needs; it has no SQL in
 * it. The engine (engine.h) fills a kpi_result; writers only read it. Money is int64_t minor
 * units; a rate is a stats_value (defined flag + value). Nothing here is localised: labels
 * come from labels.h.
 */
#ifndef COLLECTKPI_KPI_H
#define COLLECTKPI_KPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/period.h"
#include "collectkpi/settings.h"
#include "collectkpi/spill.h"
#include "collectkpi/stats.h"

#define KPI_NO_INDEX SIZE_MAX

/* One row of figures: an agent's, a team's or the total. The columns of kpi.md in order,
 * then the numerators and denominators that team and total rows are summed from. */
typedef struct kpi_row {
    int64_t cases_worked;
    int64_t worked_balance_minor;
    int64_t collected_minor;
    stats_value recovery_rate;
    int64_t paying_cases;
    stats_value paying_case_rate;
    int64_t contacts;
    int64_t call_attempts;
    int64_t rpc;
    stats_value rpc_rate;
    int64_t ptp_made;
    int64_t ptp_made_amount_minor;
    stats_value ptp_rate;
    int64_t ptp_due;
    int64_t ptp_pending;
    int64_t ptp_kept;
    int64_t ptp_broken;
    stats_value ptp_kept_rate;
    stats_value ptp_kept_amount_rate;
    int64_t cases_resolved;
    stats_value resolution_days_mean;
    stats_value resolution_days_median;
    stats_value resolution_days_p90;
    int64_t complaints;
    int64_t complaints_substantiated;
    stats_value complaints_per_1k_contacts;
    int64_t surveys;
    stats_value csat_mean;

    /* Summable parts of the rates above (not output columns). */
    int64_t ptp_judged_amount_minor; /* sum of amount over kept and broken promises */
    int64_t ptp_credited_paid_minor; /* sum of min(max(paid_toward,0),amount) over them */
    int64_t survey_score_sum;
    /* Of the complaints, those not yet decided (substantiated NULL): shown beside the
     * substantiated count, which would otherwise look like good news while reviews lag. */
    int64_t complaints_under_review;
} kpi_row;

/* How a column is formatted: the kind decides CSV places, cell formats and chart axes. */
typedef enum kpi_kind {
    KPI_KIND_COUNT,  /* integer */
    KPI_KIND_MONEY,  /* int64 minor units */
    KPI_KIND_RATE,   /* ratio 0..1 (or more), six places in CSV, percent in reports */
    KPI_KIND_DAYS,   /* days, four places in CSV */
    KPI_KIND_PER_1K, /* complaints per 1,000 contacts, six places in CSV */
    KPI_KIND_SCORE,  /* mean survey score 1..5, six places in CSV */
} kpi_kind;

typedef struct kpi_column {
    const char *key; /* the contract's column name, never translated */
    kpi_kind kind;
    size_t offset; /* of the int64_t or stats_value in kpi_row */
} kpi_column;

/* The figure columns of kpi.md in contract order (cases_worked .. csat_mean). */
extern const kpi_column kpi_columns[];
extern const size_t kpi_column_count;

/* A column's value in a row: for counts and money `integer`, for the rest `value`. */
typedef struct kpi_cell {
    bool defined;
    int64_t integer;
    double value;
} kpi_cell;
kpi_cell kpi_row_cell(const kpi_row *row, const kpi_column *column);
/* The change of a figure from one period to another (now - before), for "change against
 * last month": defined when both are; counts and money subtract exactly in `integer`. */
kpi_cell kpi_cell_change(kpi_cell now, kpi_cell before);
/* The column with this key, or NULL. */
const kpi_column *kpi_column_find(const char *key);

/* Contact-compliance figures of compliance.md for one agent (or the `system` line, a team,
 * the total), filled by the engine's breach pass. The per-rule counts, the breach list and
 * the profile's settings are added beside it by the breach pass; the scorecard reads only
 * these summary fields. */
typedef struct kpi_compliance_row {
    int64_t outbound_contacts;
    int64_t breaching_contacts;
    int64_t critical_breaches;
    stats_value breaches_per_1k_outbound;
    int64_t cases_with_breach;
    /* breaches_RULE: contacts in the period that break each rule, indexed by compliance_rule
     * (rules outside the chosen profile stay 0). */
    int64_t breaches[COMPLIANCE_RULE_COUNT];
} kpi_compliance_row;

/* Delinquency buckets of scorecard.md by days past due (dpd) when the agent took the case:
 * m1 0-30, m2 31-60, m3 61-90, m4_6 91-180, m7_plus over 180. */
typedef enum kpi_bucket {
    KPI_BUCKET_M1,
    KPI_BUCKET_M2,
    KPI_BUCKET_M3,
    KPI_BUCKET_M4_6,
    KPI_BUCKET_M7_PLUS,
    KPI_BUCKET_COUNT
} kpi_bucket;

/* The bucket's key ("m1" .. "m7_plus"). */
const char *kpi_bucket_key(kpi_bucket bucket);
/* bucket(dpd); a negative dpd (a case taken before it was placed: bad data) is m1. */
kpi_bucket kpi_bucket_of_dpd(int64_t dpd);

/* The figures of scorecard.md that go beyond kpi.md for one agent, team or the total: the
 * case-mix split of worked_balance and collected, the expected collections the portfolio's
 * bucket rates give for that mix, and the complaint figures a review needs. */
typedef struct kpi_review_row {
    int64_t worked_balance_minor[KPI_BUCKET_COUNT]; /* sums to kpi_row.worked_balance */
    int64_t collected_minor[KPI_BUCKET_COUNT];      /* sums to kpi_row.collected */
    double expected_collected_minor;    /* sum of worked_balance[b] * r[b]: a real number */
    stats_value recovery_index;         /* collected / expected_collected */
    int64_t critical_complaints_upheld; /* substantiated, in a critical category */
    stats_value complaints_upheld_per_1k_contacts;
} kpi_review_row;
/* Recomputes breaches_per_1k_outbound from the counts. */
void kpi_compliance_finish(kpi_compliance_row *row);
/* Adds the counts of src into dst (the rate is left for kpi_compliance_finish). */
void kpi_compliance_add(kpi_compliance_row *dst, const kpi_compliance_row *src);
/* True when any count is non-zero: the agent (or system line) has a compliance row. */
bool kpi_compliance_has_row(const kpi_compliance_row *row);

/* One breaching contact in the period (lists only): compliance.md's breach list. */
typedef struct kpi_breach {
    int64_t contact_id;
    /* In the result's text blocks (kpi_result_keep_text), one copy per case: not its own. */
    const char *case_no;
    size_t agent_index; /* into kpi_result.agents; KPI_NO_INDEX for an automated contact */
    int64_t contact_at; /* seconds */
    int channel;        /* index into codes_channel */
    int direction;      /* index into codes_direction */
    int party;          /* index into codes_party */
    int outcome;        /* index into codes_outcome */
    unsigned rules;     /* bit r set: breaks compliance_rule r */
} kpi_breach;

typedef struct kpi_agent {
    int64_t agent_id;
    char *employee_no;
    char *name;
    size_t team_index; /* into kpi_result.teams */
    kpi_row row;
    kpi_compliance_row compliance;
    kpi_review_row review;
    int64_t hired_on; /* days */
    bool has_left_on;
    int64_t left_on; /* days, valid when has_left_on */
} kpi_agent;

typedef struct kpi_team {
    int64_t team_id;
    char *name;
    kpi_row row;
    kpi_review_row review;
    kpi_compliance_row compliance; /* the sum of its agents' compliance rows */
} kpi_team;

typedef enum kpi_promise_status {
    KPI_PROMISE_KEPT,
    KPI_PROMISE_BROKEN,
    KPI_PROMISE_PENDING
} kpi_promise_status;

/* A promise due in the period that is broken or still pending, judged (lists only). Its
 * strings are not its own: they live in the result's text blocks (kpi_result_keep_text) or
 * are an agent row's, and go with the result. */
typedef struct kpi_promise {
    int64_t promise_id;
    const char *case_no; /* NULL when the case is gone */
    size_t agent_index;  /* into kpi_result.agents */
    int64_t made_at;     /* seconds */
    int64_t due_on;      /* days */
    int64_t window_end;  /* seconds, exclusive */
    int64_t amount_minor;
    int64_t paid_toward_minor;
    kpi_promise_status status;
    /* Follow-up: the case had a contact up to as_of, last_contact_at below. (Beside status,
     * the two share an 8-byte slot: 120 bytes a promise, not 128, and a long period lists
     * hundreds of thousands.) */
    bool has_last_contact;

    /* What the follow-up list shows beside the promise. All at as_of. */
    int64_t shortfall_minor; /* amount - max(paid_toward, 0), at least 0 */
    /* Broken: day(as_of) - day(window_end), the whole days since the window closed (0: it
     * closed on the as-of day); 0 otherwise. */
    int64_t days_overdue;
    /* holder(case, as_of) when an agent holds the case then and it is not the promise's agent
     * (the case was reassigned); NULL otherwise. */
    const char *holder_employee_no;
    const char *holder_name;
    int64_t last_contact_at;   /* seconds: the case's latest contact_at <= as_of */
    int64_t outstanding_minor; /* kpi.md outstanding(case, as_of + 1 s): every payment up to
                                  and including as_of counted */
} kpi_promise;

/* A complaint received in the period (lists only). */
typedef struct kpi_complaint {
    int64_t complaint_id;
    char *case_no;      /* NULL when the complaint names no case */
    size_t agent_index; /* KPI_NO_INDEX when it names no agent */
    int64_t received_at;
    int source;        /* index into codes_complaint_source */
    int category;      /* index into codes_complaint_category */
    int substantiated; /* 1, 0, or -1 = under review */
    bool resolved;
    int64_t resolved_at;
    stats_value days_to_resolve; /* (resolved_at - received_at) in days; undefined while open */
    /* Still open: (as_of - received_at) in days, at least 0; undefined once resolved. */
    stats_value days_open;
    bool overdue; /* open for more than settings.complaint_handling_days */
} kpi_complaint;

/* A case resolved in the period: what the resolution-days figures are taken over. */
typedef struct kpi_resolution {
    size_t agent_index;
    double days;
} kpi_resolution;

/* How far the data reaches into the period: the facts of the trust guard. A report of a
 * period the data does not (fully) cover must say so, and a change against such a period
 * is not news. Days are calendar days; a day of the period counts as covered when it is
 * not after the day of the data cut-off: a feed loaded up to 23:54 on the last day covers
 * the whole month. */
typedef struct kpi_coverage {
    int64_t data_first;   /* earliest paid_at or contact_at, seconds (when has_cutoff) */
    int64_t period_days;  /* calendar days of the period */
    int64_t covered_days; /* of those, days the data covers (0 .. period_days) */
    bool any_payment;     /* a payment with paid_at in the period, credited or not */
    bool any_contact;     /* a contact with contact_at in the period, any agent or none */
} kpi_coverage;

typedef struct kpi_result {
    period period;
    settings settings;
    int64_t as_of;       /* seconds */
    bool as_of_given;    /* from --as-of, not the data cut-off */
    bool has_cutoff;     /* the database has at least one payment or contact */
    int64_t data_cutoff; /* latest paid_at or contact_at, seconds */
    kpi_coverage coverage;

    kpi_agent *agents; /* agents with a non-zero count or money column, by employee_no */
    size_t agent_count;
    kpi_team *teams; /* teams with at least one agent row, by name */
    size_t team_count;
    kpi_row total;
    int64_t unassigned_collected_minor;
    kpi_review_row total_review;
    /* r[b] of scorecard.md: the portfolio's collected[b] / worked_balance[b] over every
     * agent (0 when nobody worked a case in the bucket). */
    double bucket_rate[KPI_BUCKET_COUNT];

    /* Filled only when the request asked for lists. */
    /* Due in the period and broken or pending, by agent then due date: the follow-up list.
     * Kept promises are counted in the rows (ptp_kept) and not listed: at a million promises
     * a year, their rows would cost memory no output uses. kpi_promise records, read with
     * kpi_result_promise: a long period's list waits in a temporary file, not in memory
     * (spill.h). NULL when the request asked for no lists. */
    spill *promises;
    size_t promise_count;
    kpi_complaint *complaints; /* received in the period, by time */
    size_t complaint_count;
    kpi_resolution *resolutions; /* by agent then days */
    size_t resolution_count;

    /* Filled only when the request asked for compliance (compliance.md): the agents' rows
     * are kpi_agent.compliance and kpi_team.compliance; the settings used are
     * settings.compliance. */
    bool has_compliance;
    kpi_compliance_row compliance_system; /* automated contacts (agent_id NULL) */
    kpi_compliance_row compliance_total;  /* every agent row plus the system line */
    /* Lists only: kpi_breach records by contact_at, then contact_id, read with
     * kpi_result_breach; like the promises, a long period's wait in a temporary file. */
    spill *breaches;
    size_t breach_count;

    /* The promises' and breaches' strings (kpi_result_keep_text): packed in blocks, not one
     * allocation each. */
    struct kpi_text_block *text_blocks;
} kpi_result;

void kpi_result_free(kpi_result *result);
/* A copy of text[0..length) with a NUL after it, kept in the result's text blocks until
 * kpi_result_free; NULL when out of memory. */
const char *kpi_result_keep_text(kpi_result *result, const char *text, size_t length);

/* Copies promise `index` (below promise_count) of the list to *out; CK_ERR_IO (a temporary
 * file that cannot be read) with the reason in diag. */
ck_error kpi_result_promise(const kpi_result *result, size_t index, kpi_promise *out,
                            ck_diag *diag);

/* Copies breach `index` (below breach_count) of the list to *out; as kpi_result_promise. */
ck_error kpi_result_breach(const kpi_result *result, size_t index, kpi_breach *out, ck_diag *diag);

/* The period ends after the data: some of its days are not covered (kpi_coverage). */
bool kpi_result_partial(const kpi_result *result);
/* The period has no payment and no contact at all. */
bool kpi_result_empty(const kpi_result *result);
/* Whether a change against or from this result may be called good or bad news: a
 * result that exists, covers its whole period and is not empty. */
bool kpi_result_comparable(const kpi_result *result);

/* Recompute a row's rates from its counts and the given resolution days (sorted
 * ascending). Used for agent rows and, after summing, for team and total rows. */
void kpi_row_finish(kpi_row *row, const double *sorted_days, size_t day_count);
/* Add the counts and money of src into dst (rates are left for kpi_row_finish); false when
 * a sum of money overflowed (dst is then unusable). */
bool kpi_row_add(kpi_row *dst, const kpi_row *src);
/* True when any count or money column is non-zero (an agent with a row). */
bool kpi_row_has_activity(const kpi_row *row);

/* Adds src's buckets and complaint counts into dst (the rest is left for
 * kpi_review_finish). */
void kpi_review_add(kpi_review_row *dst, const kpi_review_row *src);
/* Given every agent's review buckets (and contacts in the kpi rows), sums them into the
 * team and total review rows, sets bucket_rate, and computes expected_collected,
 * recovery_index and complaints_upheld_per_1k_contacts of every agent, team and the total
 * (scorecard.md "Case-mix adjusted recovery"). */
void kpi_review_finish(kpi_result *result);

#endif
