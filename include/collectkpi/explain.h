/* explain.h - the rows behind one figure, from the engine's own crediting (witness.h).
 *
 * explain_run (explain_engine.h) runs the engine once with a witness, keeps the rows credited to
 * the target (an agent, a team's agents or everyone) that make the figure's numerator and
 * denominator, names them (case numbers, employee numbers, contact details) and re-adds them. The
 * re-added value and the engine's value are both in the result, so a writer can show the
 * arithmetic and anyone can see that it lands on the figure `kpi` prints.
 */
#ifndef COLLECTKPI_EXPLAIN_H
#define COLLECTKPI_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/kpi.h"
#include "collectkpi/score.h"
#include "collectkpi/witness.h"

typedef enum explain_target {
    EXPLAIN_AGENT, /* name: employee_no */
    EXPLAIN_TEAM,  /* name: team name */
    EXPLAIN_TOTAL
} explain_target;

struct engine_request;
typedef struct explain_request {
    const struct engine_request *engine; /* period, settings, as-of; explain_run adds the rest */
    explain_target target;
    const char *target_name;
    const char *figure;       /* a key of kpi.md, compliance.md or scorecard.md, or "all" */
    const char *why_not_case; /* a case_no, or NULL */
} explain_request;

/* How a part's rows make its number. */
typedef enum explain_measure {
    EXPLAIN_COUNT,          /* the number of rows */
    EXPLAIN_SUM,            /* the sum of amount_minor (money, or survey scores) */
    EXPLAIN_SUM_CREDITED,   /* the sum of credited_minor (promises) */
    EXPLAIN_DISTINCT_CASES, /* distinct (agent, case) pairs, as rows are summed to teams */
    EXPLAIN_DAYS,           /* the resolution days, sorted */
} explain_measure;

/* How the parts make the figure. */
typedef enum explain_op {
    EXPLAIN_OP_VALUE,      /* part 0's number */
    EXPLAIN_OP_RATIO,      /* part 0 / part 1 */
    EXPLAIN_OP_PER_1K,     /* part 0 * 1000 / part 1 */
    EXPLAIN_OP_MEAN,       /* the mean of part 0's days */
    EXPLAIN_OP_PERCENTILE, /* PERCENTILE.INC of part 0's days */
    EXPLAIN_OP_SCORE,      /* scorecard.md: the measures of the score row */
    EXPLAIN_OP_EXPECTED,   /* scorecard.md: sum over buckets of worked_balance[b] x r[b] */
    EXPLAIN_OP_INDEX,      /* part 0 (collected) / expected_collected */
    EXPLAIN_OP_WILSON_LO,  /* the 95% Wilson interval of k = part 0, n = part 1: lower end */
    EXPLAIN_OP_WILSON_HI,  /* ... upper end */
} explain_op;

/* An earlier contact that made a breach (witness_event.causes), named for display. */
typedef struct explain_cause {
    int64_t contact_id;
    int64_t case_id;
    char *case_no; /* its case (another case of the debtor for connected_per_day) */
    int64_t at;
    unsigned rules;                         /* bit r: compliance_rule r counted it */
    int channel, direction, party, outcome; /* code indexes; -1 unknown */
} explain_cause;

typedef struct explain_row {
    witness_event event;
    char *case_no;     /* NULL: no case */
    char *employee_no; /* the credited agent; NULL for unassigned or automated rows */
    /* Read for display where the engine counts without them: contacts' and surveys' time,
     * contacts' codes (indexes into codes_channel ...; -1 when not read). */
    int64_t at;
    int channel, direction, party, outcome;
    explain_cause *causes; /* a breach's earlier contacts, oldest first */
    size_t cause_count;
    /* A worked pair of a case-mix figure: the payments credited to the pair's agent on its
     * case in P (they fall in the pair's bucket). */
    int64_t pair_collected_minor;
} explain_row;

/* scorecard.md's case-mix adjustment behind expected_collected and recovery_index. */
typedef struct explain_casemix {
    /* the target's, re-added from the listed pairs and their payments */
    int64_t worked_balance_minor[KPI_BUCKET_COUNT];
    int64_t collected_minor[KPI_BUCKET_COUNT];
    /* every agent's sums (the engine's) and r[b] = collected / worked_balance (0 when 0) */
    int64_t portfolio_worked_minor[KPI_BUCKET_COUNT];
    int64_t portfolio_collected_minor[KPI_BUCKET_COUNT];
    double rate[KPI_BUCKET_COUNT];
    /* worked_balance[b] x r[b], and their sum summed per agent as the engine sums rows */
    double expected_by_bucket[KPI_BUCKET_COUNT];
    double expected_minor;
} explain_casemix;

typedef struct explain_part {
    const char *label; /* what the rows make: "collected", "ptp_kept + ptp_broken" */
    explain_measure measure;
    explain_row *rows; /* by time, then id */
    size_t count;
    int64_t number; /* count, distinct pairs or sum; for EXPLAIN_DAYS the row count */
} explain_part;

/* One row of the case's history for --why-not, and what the engine did with it. */
typedef enum explain_verdict {
    EXPLAIN_COUNTED,        /* in the figure's rows for the target */
    EXPLAIN_OTHER_AGENT,    /* credited, to an agent outside the target */
    EXPLAIN_UNASSIGNED,     /* a payment in P with no holder */
    EXPLAIN_PENDING,        /* a promise due in P whose window ends after as_of */
    EXPLAIN_NOT_IN_FIGURE,  /* credited to the target, but the figure does not take it */
    EXPLAIN_OUTSIDE_PERIOD, /* the engine never credited it: its time is outside P */
    EXPLAIN_NOT_RESOLVED,   /* a closure whose reason is not a resolved one */
    EXPLAIN_NOT_CREDITED,   /* in P but credited to nobody (no agent on the row) */
    EXPLAIN_NO_HOLDER,      /* a resolved closure no assignment ended with */
} explain_verdict;

typedef struct explain_why_row {
    const char *table; /* "payments", "promises", "cases", "assignments", "contacts" ... */
    int64_t row_id;
    int64_t at, until; /* seconds; until only for assignments (INT64_MAX: open) */
    int64_t amount_minor;
    char *employee_no; /* the row's own agent, or the holder credited; NULL: none */
    explain_verdict verdict;
    bool has_event;
    witness_event event; /* what the engine recorded for the row, when it did */
    int code;            /* close_reason index for cases; outcome for contacts; else -1 */
} explain_why_row;

typedef struct explain_result {
    period period;
    settings settings;
    int64_t as_of;
    bool has_cutoff;
    int64_t data_cutoff;
    explain_target target;
    char *target_name; /* employee_no or team name; NULL for the total */
    char *agent_name;  /* the agent's name (agent target) */
    char *figure;
    kpi_kind kind; /* how the figure's value is written */
    explain_op op;
    double percentile; /* EXPLAIN_OP_PERCENTILE */
    explain_part parts[2];
    size_t part_count;
    double *days; /* EXPLAIN_DAYS, sorted ascending */
    size_t day_count;
    kpi_cell readded;  /* what the listed rows give */
    kpi_cell reported; /* the engine's figure for the target (what kpi prints) */
    /* EXPLAIN_OP_SCORE: the target's score row and the settings it was scored with. */
    score_row score;
    /* EXPLAIN_OP_EXPECTED and EXPLAIN_OP_INDEX */
    bool has_casemix;
    explain_casemix casemix;
    /* --why-not */
    char *why_case_no;
    explain_why_row *why;
    size_t why_count;
} explain_result;

void explain_result_free(explain_result *result);

/* What one `explain` run found: one result, or one per figure for `--figure all`. */
typedef struct explain_list {
    explain_result **items;
    size_t count;
} explain_list;
void explain_list_free(explain_list *list);

#endif
