/* explain_internal.h - private to explain.c, explain_figures.c and explain_why.c. */
#ifndef COLLECTKPI_EXPLAIN_INTERNAL_H
#define COLLECTKPI_EXPLAIN_INTERNAL_H

#include <sqlite3.h>

#include "collectkpi/explain_engine.h"

/* Which of the witnessed rows a part takes (explain_figures.c). */
typedef enum explain_select {
    SEL_WORKLOAD,
    SEL_CREDITED_PAYMENT,
    SEL_PAYING_PAYMENT, /* positive, credited */
    SEL_UNASSIGNED_PAYMENT,
    SEL_CONTACT,
    SEL_CALL_ATTEMPT,
    SEL_RPC,
    SEL_PTP_MADE,
    SEL_PTP_DUE,
    SEL_PTP_PENDING,
    SEL_PTP_KEPT,
    SEL_PTP_BROKEN,
    SEL_PTP_JUDGED, /* kept or broken */
    SEL_RESOLUTION,
    SEL_COMPLAINT,
    SEL_COMPLAINT_UPHELD,
    SEL_COMPLAINT_UNDER_REVIEW,
    SEL_SURVEY,
    SEL_OUTBOUND,
    SEL_BREACHING,
    SEL_CRITICAL,
    SEL_RULE, /* breaks figure_spec.rule */
} explain_select;

typedef enum explain_source {
    EXPLAIN_FROM_KPI,        /* kpi_row */
    EXPLAIN_FROM_COMPLIANCE, /* kpi_compliance_row: needs the breach pass */
    EXPLAIN_FROM_SCORE,      /* score_row: needs the breach pass */
    EXPLAIN_FROM_REVIEW,     /* score_row's figures made of kpi.md's rows only */
    EXPLAIN_FROM_UNASSIGNED, /* the total's unassigned_collected */
} explain_source;

typedef struct explain_part_spec {
    explain_select select;
    explain_measure measure;
    const char *label;
} explain_part_spec;

typedef struct explain_figure_spec {
    const char *key;
    kpi_kind kind;
    explain_op op;
    double percentile;
    explain_source source;
    size_t part_count;
    explain_part_spec parts[2];
    int rule; /* SEL_RULE: the compliance_rule */
} explain_figure_spec;

/* The figure called key under profile's rules into *out; false when there is none. */
bool explain_figure_find(const char *key, compliance_profile profile, explain_figure_spec *out);
/* Every figure (for profile's rules) in the order of the specifications into out, which
 * holds EXPLAIN_FIGURE_MAX; returns their number. */
#define EXPLAIN_FIGURE_MAX 64
size_t explain_figure_all(compliance_profile profile, explain_figure_spec *out);
/* The witness kind a selector reads. */
witness_kind explain_select_kind(explain_select select);
/* Whether the part takes the event (already of the selector's kind and the target's). */
bool explain_part_takes(const explain_figure_spec *figure, const explain_part_spec *part,
                        const witness_event *event);

/* explain_review.c: the case-mix block of an EXPLAIN_OP_EXPECTED or _INDEX result, whose
 * parts are built: each listed pair's payments out of events[0..event_count) (the target's
 * credited payments among them), the buckets, r[b] and expected_collected from kr. */
ck_error explain_casemix_fill(const kpi_result *kr, const witness_event *events, size_t event_count,
                              explain_result *result);
/* The value of the scorecard.md ops (EXPLAIN_OP_EXPECTED .. _WILSON_HI) from the parts. */
kpi_cell explain_review_readd(const explain_result *result);
/* Whether a figure's op needs the target's credited payments besides its parts' rows. */
bool explain_op_needs_payments(explain_op op);

/* --why-not (explain_why.c): every row of the case in the tables behind the figure, with
 * what the engine did with it (why_events: the case's events, any agent). is_target says
 * whether an agent_id belongs to the target. */
typedef bool (*explain_is_target)(const void *context, const witness_event *event);
/* Every agent's employee_no by agent_id (sorted). */
typedef struct explain_agents {
    int64_t *ids;
    char **employee_nos;
    size_t count;
} explain_agents;
/* The employee_no of agent_id (malloc'ed); NULL when unknown or out of memory. */
char *explain_agents_name(const explain_agents *agents, int64_t agent_id);
ck_error explain_agents_load(sqlite3 *db, explain_agents *agents, ck_diag *diag);
void explain_agents_free(explain_agents *agents);
ck_error explain_why_not(sqlite3 *db, const explain_figure_spec *figure, int64_t case_id,
                         const witness_event *why_events, size_t why_count,
                         explain_is_target is_target, const void *context,
                         const explain_agents *agents, explain_result *result, ck_diag *diag);

#endif
