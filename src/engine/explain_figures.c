/* explain_figures.c - which credited rows make each figure, and how they combine.
 *
 * This is the list of figures with the parts of their arithmetic ("collected / worked_balance"),
 * not a second definition of them: which rows count, and for whom, the engine decides and
 * tells the witness; here a part only picks the kind of row it adds (credited payments,
 * judged promises ...) and how (count, sum, distinct cases).
 */
#include "explain_internal.h"

#include <stdio.h>
#include <string.h>

#define ONE(sel, measure, label)                                                                   \
    1,                                                                                             \
    {                                                                                              \
        {                                                                                          \
            sel, measure, label                                                                    \
        }                                                                                          \
    }
#define TWO(sel0, m0, l0, sel1, m1, l1)                                                            \
    2,                                                                                             \
    {                                                                                              \
        {sel0, m0, l0},                                                                            \
        {                                                                                          \
            sel1, m1, l1                                                                           \
        }                                                                                          \
    }

static const explain_figure_spec figures[] = {
    {"cases_worked", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_WORKLOAD, EXPLAIN_COUNT, "cases_worked"), -1},
    {"worked_balance", KPI_KIND_MONEY, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_WORKLOAD, EXPLAIN_SUM, "worked_balance"), -1},
    {"collected", KPI_KIND_MONEY, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_CREDITED_PAYMENT, EXPLAIN_SUM, "collected"), -1},
    {"recovery_rate", KPI_KIND_RATE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_CREDITED_PAYMENT, EXPLAIN_SUM, "collected", SEL_WORKLOAD, EXPLAIN_SUM,
         "worked_balance"),
     -1},
    {"paying_cases", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PAYING_PAYMENT, EXPLAIN_DISTINCT_CASES, "paying_cases"), -1},
    {"paying_case_rate", KPI_KIND_RATE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_PAYING_PAYMENT, EXPLAIN_DISTINCT_CASES, "paying_cases", SEL_WORKLOAD, EXPLAIN_COUNT,
         "cases_worked"),
     -1},
    {"contacts", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_CONTACT, EXPLAIN_COUNT, "contacts"), -1},
    {"call_attempts", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_CALL_ATTEMPT, EXPLAIN_COUNT, "call_attempts"), -1},
    {"rpc", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_RPC, EXPLAIN_COUNT, "rpc"), -1},
    {"rpc_rate", KPI_KIND_RATE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_RPC, EXPLAIN_COUNT, "rpc", SEL_CALL_ATTEMPT, EXPLAIN_COUNT, "call_attempts"), -1},
    {"ptp_made", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PTP_MADE, EXPLAIN_COUNT, "ptp_made"), -1},
    {"ptp_made_amount", KPI_KIND_MONEY, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PTP_MADE, EXPLAIN_SUM, "ptp_made_amount"), -1},
    {"ptp_rate", KPI_KIND_RATE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_PTP_MADE, EXPLAIN_COUNT, "ptp_made", SEL_RPC, EXPLAIN_COUNT, "rpc"), -1},
    {"ptp_due", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PTP_DUE, EXPLAIN_COUNT, "ptp_due"), -1},
    {"ptp_pending", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PTP_PENDING, EXPLAIN_COUNT, "ptp_pending"), -1},
    {"ptp_kept", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PTP_KEPT, EXPLAIN_COUNT, "ptp_kept"), -1},
    {"ptp_broken", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_PTP_BROKEN, EXPLAIN_COUNT, "ptp_broken"), -1},
    {"ptp_kept_rate", KPI_KIND_RATE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_PTP_KEPT, EXPLAIN_COUNT, "ptp_kept", SEL_PTP_JUDGED, EXPLAIN_COUNT,
         "(ptp_kept + ptp_broken)"),
     -1},
    {"ptp_kept_amount_rate", KPI_KIND_RATE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_PTP_JUDGED, EXPLAIN_SUM_CREDITED, "min(max(paid_toward, 0), amount)", SEL_PTP_JUDGED,
         EXPLAIN_SUM, "amount"),
     -1},
    {"cases_resolved", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_RESOLUTION, EXPLAIN_COUNT, "cases_resolved"), -1},
    {"resolution_days_mean", KPI_KIND_DAYS, EXPLAIN_OP_MEAN, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_RESOLUTION, EXPLAIN_DAYS, "resolution days"), -1},
    {"resolution_days_median", KPI_KIND_DAYS, EXPLAIN_OP_PERCENTILE, 0.5, EXPLAIN_FROM_KPI,
     ONE(SEL_RESOLUTION, EXPLAIN_DAYS, "resolution days"), -1},
    {"resolution_days_p90", KPI_KIND_DAYS, EXPLAIN_OP_PERCENTILE, 0.9, EXPLAIN_FROM_KPI,
     ONE(SEL_RESOLUTION, EXPLAIN_DAYS, "resolution days"), -1},
    {"complaints", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_COMPLAINT, EXPLAIN_COUNT, "complaints"), -1},
    {"complaints_substantiated", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_COMPLAINT_UPHELD, EXPLAIN_COUNT, "complaints_substantiated"), -1},
    {"complaints_per_1k_contacts", KPI_KIND_PER_1K, EXPLAIN_OP_PER_1K, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_COMPLAINT, EXPLAIN_COUNT, "complaints", SEL_CONTACT, EXPLAIN_COUNT, "contacts"), -1},
    {"surveys", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_KPI,
     ONE(SEL_SURVEY, EXPLAIN_COUNT, "surveys"), -1},
    {"csat_mean", KPI_KIND_SCORE, EXPLAIN_OP_RATIO, 0, EXPLAIN_FROM_KPI,
     TWO(SEL_SURVEY, EXPLAIN_SUM, "sum of scores", SEL_SURVEY, EXPLAIN_COUNT, "surveys"), -1},
    {"unassigned_collected", KPI_KIND_MONEY, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_UNASSIGNED,
     ONE(SEL_UNASSIGNED_PAYMENT, EXPLAIN_SUM, "unassigned_collected"), -1},
    /* compliance.md */
    {"outbound_contacts", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_COMPLIANCE,
     ONE(SEL_OUTBOUND, EXPLAIN_COUNT, "outbound_contacts"), -1},
    {"breaching_contacts", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_COMPLIANCE,
     ONE(SEL_BREACHING, EXPLAIN_COUNT, "breaching_contacts"), -1},
    {"critical_breaches", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_COMPLIANCE,
     ONE(SEL_CRITICAL, EXPLAIN_COUNT, "critical_breaches"), -1},
    {"breaches_per_1k_outbound", KPI_KIND_PER_1K, EXPLAIN_OP_PER_1K, 0, EXPLAIN_FROM_COMPLIANCE,
     TWO(SEL_BREACHING, EXPLAIN_COUNT, "breaching_contacts", SEL_OUTBOUND, EXPLAIN_COUNT,
         "outbound_contacts"),
     -1},
    {"cases_with_breach", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_COMPLIANCE,
     ONE(SEL_BREACHING, EXPLAIN_DISTINCT_CASES, "cases_with_breach"), -1},
    /* scorecard.md, in score's column order */
    {"expected_collected", KPI_KIND_MONEY, EXPLAIN_OP_EXPECTED, 0, EXPLAIN_FROM_REVIEW,
     ONE(SEL_WORKLOAD, EXPLAIN_SUM, "worked_balance"), -1},
    {"recovery_index", KPI_KIND_RATE, EXPLAIN_OP_INDEX, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_CREDITED_PAYMENT, EXPLAIN_SUM, "collected", SEL_WORKLOAD, EXPLAIN_SUM,
         "worked_balance"),
     -1},
    {"ptp_kept_rate_lo", KPI_KIND_RATE, EXPLAIN_OP_WILSON_LO, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_PTP_KEPT, EXPLAIN_COUNT, "ptp_kept", SEL_PTP_JUDGED, EXPLAIN_COUNT,
         "(ptp_kept + ptp_broken)"),
     -1},
    {"ptp_kept_rate_hi", KPI_KIND_RATE, EXPLAIN_OP_WILSON_HI, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_PTP_KEPT, EXPLAIN_COUNT, "ptp_kept", SEL_PTP_JUDGED, EXPLAIN_COUNT,
         "(ptp_kept + ptp_broken)"),
     -1},
    {"rpc_rate_lo", KPI_KIND_RATE, EXPLAIN_OP_WILSON_LO, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_RPC, EXPLAIN_COUNT, "rpc", SEL_CALL_ATTEMPT, EXPLAIN_COUNT, "call_attempts"), -1},
    {"rpc_rate_hi", KPI_KIND_RATE, EXPLAIN_OP_WILSON_HI, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_RPC, EXPLAIN_COUNT, "rpc", SEL_CALL_ATTEMPT, EXPLAIN_COUNT, "call_attempts"), -1},
    {"paying_case_rate_lo", KPI_KIND_RATE, EXPLAIN_OP_WILSON_LO, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_PAYING_PAYMENT, EXPLAIN_DISTINCT_CASES, "paying_cases", SEL_WORKLOAD, EXPLAIN_COUNT,
         "cases_worked"),
     -1},
    {"paying_case_rate_hi", KPI_KIND_RATE, EXPLAIN_OP_WILSON_HI, 0, EXPLAIN_FROM_REVIEW,
     TWO(SEL_PAYING_PAYMENT, EXPLAIN_DISTINCT_CASES, "paying_cases", SEL_WORKLOAD, EXPLAIN_COUNT,
         "cases_worked"),
     -1},
    {"complaints_under_review", KPI_KIND_COUNT, EXPLAIN_OP_VALUE, 0, EXPLAIN_FROM_SCORE,
     ONE(SEL_COMPLAINT_UNDER_REVIEW, EXPLAIN_COUNT, "complaints_under_review"), -1},
    {"complaints_upheld_per_1k_contacts", KPI_KIND_PER_1K, EXPLAIN_OP_PER_1K, 0, EXPLAIN_FROM_SCORE,
     TWO(SEL_COMPLAINT_UPHELD, EXPLAIN_COUNT, "complaints_substantiated", SEL_CONTACT,
         EXPLAIN_COUNT, "contacts"),
     -1},
    {"score", KPI_KIND_SCORE, EXPLAIN_OP_SCORE, 0, EXPLAIN_FROM_SCORE, 0, {{0, 0, NULL}}, -1},
};
static const size_t figure_count = sizeof figures / sizeof figures[0];

/* breaches_RULE: one figure per rule of the profile (keys in compliance_rule order). */
static const explain_figure_spec rule_figure = {
    NULL, KPI_KIND_COUNT,          EXPLAIN_OP_VALUE,
    0,    EXPLAIN_FROM_COMPLIANCE, ONE(SEL_RULE, EXPLAIN_COUNT, NULL),
    -1};
static const char *const rule_figure_keys[COMPLIANCE_RULE_COUNT] = {"breaches_quiet_hours",
                                                                    "breaches_attempts_per_day",
                                                                    "breaches_connected_per_day",
                                                                    "breaches_third_party_early",
                                                                    "breaches_burst",
                                                                    "breaches_seven_in_seven",
                                                                    "breaches_after_conversation"};

static explain_figure_spec rule_spec(compliance_rule rule)
{
    explain_figure_spec spec = rule_figure;
    spec.key = rule_figure_keys[rule];
    spec.parts[0].label = spec.key;
    spec.rule = (int)rule;
    return spec;
}

bool explain_figure_find(const char *key, compliance_profile profile, explain_figure_spec *out)
{
    for (size_t i = 0; i < figure_count; i++)
        if (strcmp(figures[i].key, key) == 0) {
            *out = figures[i];
            return true;
        }
    const compliance_rule *rules;
    size_t count = compliance_profile_rules(profile, &rules);
    for (size_t i = 0; i < count; i++)
        if (strcmp(key, rule_figure_keys[rules[i]]) == 0) {
            *out = rule_spec(rules[i]);
            return true;
        }
    return false;
}

size_t explain_figure_all(compliance_profile profile, explain_figure_spec *out)
{
    size_t n = 0;
    const compliance_rule *rules;
    size_t rule_count = compliance_profile_rules(profile, &rules);
    for (size_t i = 0; i < figure_count; i++) {
        out[n++] = figures[i];
        /* the rules' columns come right after outbound_contacts, as in compliance.md */
        if (strcmp(figures[i].key, "outbound_contacts") == 0)
            for (size_t r = 0; r < rule_count; r++)
                out[n++] = rule_spec(rules[r]);
    }
    return n;
}

bool explain_figure_known(const char *key, compliance_profile profile)
{
    explain_figure_spec spec;
    return explain_figure_find(key, profile, &spec);
}

const char *explain_figure_keys(void)
{
    return "cases_worked, worked_balance, collected, recovery_rate, paying_cases, "
           "paying_case_rate, contacts, call_attempts, rpc, rpc_rate, ptp_made, ptp_made_amount, "
           "ptp_rate, ptp_due, ptp_pending, ptp_kept, ptp_broken, ptp_kept_rate, "
           "ptp_kept_amount_rate, cases_resolved, resolution_days_mean, resolution_days_median, "
           "resolution_days_p90, complaints, complaints_substantiated, "
           "complaints_per_1k_contacts, surveys, csat_mean, unassigned_collected (--total), "
           "outbound_contacts, breaches_RULE, breaching_contacts, critical_breaches, "
           "breaches_per_1k_outbound, cases_with_breach, expected_collected, recovery_index, "
           "ptp_kept_rate_lo, ptp_kept_rate_hi, rpc_rate_lo, rpc_rate_hi, paying_case_rate_lo, "
           "paying_case_rate_hi, complaints_under_review, "
           "complaints_upheld_per_1k_contacts, score";
}

witness_kind explain_select_kind(explain_select select)
{
    switch (select) {
    case SEL_WORKLOAD: return WITNESS_WORKLOAD;
    case SEL_CREDITED_PAYMENT:
    case SEL_PAYING_PAYMENT:
    case SEL_UNASSIGNED_PAYMENT: return WITNESS_PAYMENT;
    case SEL_CONTACT:
    case SEL_CALL_ATTEMPT:
    case SEL_RPC: return WITNESS_CONTACT;
    case SEL_PTP_MADE: return WITNESS_PROMISE_MADE;
    case SEL_PTP_DUE:
    case SEL_PTP_PENDING:
    case SEL_PTP_KEPT:
    case SEL_PTP_BROKEN:
    case SEL_PTP_JUDGED: return WITNESS_PROMISE_DUE;
    case SEL_RESOLUTION: return WITNESS_RESOLUTION;
    case SEL_COMPLAINT:
    case SEL_COMPLAINT_UPHELD:
    case SEL_COMPLAINT_UNDER_REVIEW: return WITNESS_COMPLAINT;
    case SEL_SURVEY: return WITNESS_SURVEY;
    case SEL_OUTBOUND:
    case SEL_BREACHING:
    case SEL_CRITICAL:
    case SEL_RULE: return WITNESS_COMPLIANCE;
    }
    return WITNESS_KIND_COUNT;
}

bool explain_part_takes(const explain_figure_spec *figure, const explain_part_spec *part,
                        const witness_event *e)
{
    if (e->kind != explain_select_kind(part->select) || e->refused != WITNESS_CREDITED)
        return false;
    switch (part->select) {
    case SEL_CREDITED_PAYMENT: return e->has_agent;
    case SEL_PAYING_PAYMENT: return e->has_agent && e->amount_minor > 0;
    case SEL_UNASSIGNED_PAYMENT: return !e->has_agent;
    case SEL_CALL_ATTEMPT: return e->call_attempt;
    case SEL_RPC: return e->rpc;
    case SEL_PTP_PENDING: return e->status == KPI_PROMISE_PENDING;
    case SEL_PTP_KEPT: return e->status == KPI_PROMISE_KEPT;
    case SEL_PTP_BROKEN: return e->status == KPI_PROMISE_BROKEN;
    case SEL_PTP_JUDGED: return e->status != KPI_PROMISE_PENDING;
    case SEL_COMPLAINT_UPHELD: return e->substantiated == 1;
    case SEL_COMPLAINT_UNDER_REVIEW: return e->substantiated == -1;
    case SEL_OUTBOUND: return e->outbound;
    case SEL_BREACHING: return e->rules != 0;
    case SEL_CRITICAL: return e->critical;
    case SEL_RULE: return (e->rules & (1u << figure->rule)) != 0;
    default: return true;
    }
}
