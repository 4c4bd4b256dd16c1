/* engine_data.h - private to engine.c and engine_load.c: the rows one engine run needs,
 * read from SQLite into compact arrays (engine_load.c), then turned into figures
 * (engine.c). Nothing outside the engine sees these structs. */
#ifndef COLLECTKPI_ENGINE_DATA_H
#define COLLECTKPI_ENGINE_DATA_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/engine.h"
#include "collectkpi/idmap.h"
#include "collectkpi/spill.h"

#define ENGINE_OPEN_END INT64_MAX /* end_at NULL: the assignment is still open */

typedef struct engine_agent {
    int64_t agent_id;
    char *employee_no;
    char *name;
    size_t team_slot;
    kpi_row row;
    kpi_review_row review; /* case-mix buckets and complaint counts of scorecard.md */
    int64_t hired_on;      /* days */
    bool has_left_on;
    int64_t left_on; /* days */
} engine_agent;

typedef struct engine_team {
    int64_t team_id;
    char *name;
} engine_team;

typedef struct engine_case {
    int64_t case_id;
    int64_t placed_at;
    int64_t placed_balance_minor;
    int64_t dpd_at_placement;
    int64_t closed_at;                         /* valid when close_reason >= 0 */
    int close_reason;                          /* index in codes_close_reason, -1 while open */
    int64_t paid_before_bound_minor;           /* sum of payments with paid_at < payment_bound */
    size_t assignment_first, assignment_count; /* into assignments, sorted by start */
    size_t payment_first, payment_count;       /* into case_payments, sorted by time */
} engine_case;

typedef struct engine_assignment {
    size_t case_slot;
    size_t agent_slot;
    int64_t start;
    int64_t end; /* ENGINE_OPEN_END when open */
} engine_assignment;

typedef struct engine_payment {
    size_t case_slot; /* IDMAP_NONE for a case the run has no other interest in */
    int64_t at;
    int64_t amount_minor;
    int64_t payment_id; /* named when a sum with it overflows */
} engine_payment;

typedef struct engine_promise {
    int64_t promise_id;
    int64_t case_id; /* for the lists, once the cases are freed */
    size_t case_slot;
    size_t agent_slot;
    int64_t made_at;
    int64_t due_on;
    int64_t amount_minor;
} engine_promise;

/* A listed promise (broken or pending) until the lists are built, with what its follow-up
 * needs of its case once the case's chunk is freed. promise.agent_index is the agent's slot. */
typedef struct engine_listed {
    kpi_promise promise;
    int64_t case_id;
    int64_t placed_balance_minor;
    size_t holder_slot; /* set by the follow-up: engine_promise_followup */
} engine_listed;

typedef struct engine_complaint {
    int64_t complaint_id;
    int64_t case_id; /* valid when has_case */
    bool has_case;
    size_t agent_slot; /* IDMAP_NONE when it names no agent */
    int64_t received_at;
    int source, category, substantiated;
    bool resolved;
    int64_t resolved_at;
} engine_complaint;

typedef struct engine_data {
    const engine_request *request;
    sqlite3 *db;
    /* Payments before this moment are only summed per case; later ones are kept. It is the
     * earlier of the period start and the earliest made_at of a promise due in the period,
     * so every promise window lies after it. */
    int64_t payment_bound;
    int64_t payment_end; /* period end plus the grace days: the last promise window end */

    engine_agent *agents;
    size_t agent_count;
    idmap agent_ids;
    engine_team *teams;
    size_t team_count;

    engine_case *cases;
    size_t case_count, case_capacity;
    idmap case_ids;
    /* The cases of interest in case_id order, for merging with id-ordered scans. */
    struct engine_case_ref {
        int64_t case_id;
        size_t slot;
    } * cases_by_id;

    engine_assignment *assignments;
    size_t assignment_count, assignment_capacity;
    engine_payment *case_payments; /* payments >= payment_bound of cases of interest */
    size_t case_payment_count, case_payment_capacity;
    /* Per month of the run (one for a run of one period): the payments in it of the cases
     * the run keeps no rows for, summed as they are read. No agent held such a case then,
     * so they are unassigned collections; keeping them would cost memory, not figures. */
    int64_t *unlinked_minor;
    size_t month_index; /* the month being credited (a month's view, engine_months.c) */
    engine_promise *promises_due;
    size_t promise_count, promise_capacity;
    engine_complaint *complaints;
    size_t complaint_count, complaint_capacity;
    /* Lists: the judged promises that are broken or pending, gathered over the chunks
     * (engine_listed records; NULL until the first). A spill: past the request's
     * list_memory_budget they wait in a temporary file, not in memory. */
    spill *listed;

    /* A run of consecutive months (engine_run_months): the request's period spans them, the
     * loads read them all at once, and the per-agent counts of engine_load_rest go to
     * month_rows[month * agent_count + agent slot] instead of the agents' rows. month_count
     * is 0 for a run of one period. */
    const period *months;
    size_t month_count;
    kpi_row *month_rows;

    /* A run in chunks of cases (engine_run on a long period): the case loads read only the
     * cases with case_lo <= case_id <= case_hi (INT64_MIN, INT64_MAX: an open end). */
    bool case_chunked;
    int64_t case_lo, case_hi;
    /* Each chunk reads the promises due by a scan of the table (see engine_chunks.c). */
    bool promises_by_scan;
    /* The smallest and largest id of the period's assignments and of its promises due (set
     * with the chunks, engine_chunks.c, when every one of those ids is an INTEGER): the chunks
     * scan these id ranges of the tables, the rest of which holds none of the rows they
     * read. */
    bool assignment_ids_known, promise_ids_known;
    int64_t assignment_id_lo, assignment_id_hi;
    int64_t promise_id_lo, promise_id_hi;

    /* The first sum of money that overflowed: the figures are not computed, the run fails
     * (exit 3) naming the row whose amount took the sum past the int64 range. */
    bool overflow;
    const char *overflow_table;
    int64_t overflow_id;
} engine_data;

/* *sum += amount, or records the overflow (table, id: the row that caused it) in data. */
void engine_add_money(engine_data *data, int64_t *sum, int64_t amount, const char *table,
                      int64_t id);

/* engine.c: sorts the assignments and kept payments by case and time and records each case's
 * range (CK_ERR_DATA on overlapping assignments). */
ck_error engine_index_cases(engine_data *data, ck_diag *diag);
/* engine.c, a month of a run of months (no lists), in two steps: credits the
 * loaded cases (a chunk's, when the run reads chunks) of data->request->period to data's
 * agents, adding to what earlier chunks credited, and appends the month's resolutions to
 * *resolutions (malloc'ed, grown); result's period, settings and as_of are the caller's and
 * its unassigned collections grow. */
ck_error engine_month_credit_cases(engine_data *data, kpi_result *result,
                                   kpi_resolution **resolutions, size_t *resolution_count,
                                   ck_diag *diag);
/* Then, after every chunk: credits data's complaints and builds result's agent, team and total
 * rows, and with pass (the month's breach pass, waited for; NULL without compliance) its
 * compliance rows. The agents' and teams' names move to the result; resolutions are freed. */
struct cc_pass;
ck_error engine_month_finish(engine_data *data, kpi_result *result, kpi_resolution *resolutions,
                             size_t resolution_count, struct cc_pass *pass, ck_diag *diag);

typedef struct engine_contact_job engine_contact_job;

/* engine_load.c: fills data from the database in the order the computation needs:
 * engine_load_agents (the checks of the time columns' storage, teams, agents), then the rows
 * (engine_load_rows): engine_load_counts_start (the contacts' count, on other threads when
 * request->jobs allows, while this one goes on), engine_load_cases (the cases of interest
 * with their assignments, closures, promises due and payments; a chunk's only when
 * case_chunked) and engine_load_rest (complaints, the contacts' counts joined, the other
 * per-agent counts), in that order. After a failure between start and rest, the job is
 * joined and freed with engine_contacts_finish(data, job, NULL). */
ck_error engine_load(engine_data *data, ck_diag *diag);
ck_error engine_load_agents(engine_data *data, ck_diag *diag);
ck_error engine_load_rows(engine_data *data, ck_diag *diag);
ck_error engine_load_counts_start(engine_data *data, engine_contact_job **job);
ck_error engine_load_cases(engine_data *data, ck_diag *diag);
ck_error engine_load_rest(engine_data *data, engine_contact_job *job, ck_diag *diag);
/* engine_sums.c: each case of interest's payments before payment_bound, summed into its
 * paid_before_bound_minor (cases_by_id must be made): engine_sums_start starts a thread with
 * its own connection when the run may use one (engine_usable_jobs), which reads only
 * cases_by_id and writes only its own array, so the calling thread may read the cases'
 * details meanwhile; engine_sums_finish joins it (or sums on the calling thread), reports its
 * failure in diag and fills the cases. With diag NULL it only joins and frees. */
typedef struct engine_sums_job engine_sums_job;
ck_error engine_sums_start(const engine_data *data, engine_sums_job **job);
ck_error engine_sums_finish(engine_data *data, engine_sums_job *job, ck_diag *diag);

/* The assignments one chunk holds at most (engine_chunks.c): at the large size a month has
 * about 350,000, and its run takes about 160 MiB with the page cache. */
#define ENGINE_CHUNK_ASSIGNMENTS 350000
/* The same for a run of months beside another run (engine_run_months_start): the two runs'
 * rows share the memory, so the pass holds a smaller chunk at a time. */
#define ENGINE_CHUNK_ASSIGNMENTS_BESIDE 175000

/* engine_chunks.c: the chunks of cases a run of data->request->period reads one at a time so
 * that its memory does not grow with the period: *bounds (malloc'ed) holds each chunk's first
 * case_id, bounds[0] = INT64_MIN; chunk k ends before bounds[k + 1] (the last is open). One
 * chunk (*chunk_count 1, *bounds NULL) for a period of a month or less, or few cases. Sets
 * data->promises_by_scan and the id ranges. */
ck_error engine_case_chunks(engine_data *data, int64_t **bounds, size_t *chunk_count,
                            ck_diag *diag);
/* The coverage of period p by the data (kpi.h kpi_coverage); cutoff is the data cut-off
 * when has_cutoff. */
ck_error engine_coverage(sqlite3 *db, const period *p, bool has_cutoff, int64_t cutoff,
                         kpi_coverage *out, ck_diag *diag);
/* engine_contacts.c: the month of a run of months a row falls in, by the text of its last
 * column (its time), compared as the query compared it with the run's bounds. */
size_t engine_month_of_row(const engine_data *data, sqlite3_stmt *stmt);
/* engine_contacts.c: the contacts of the request's period counted into the agents' rows
 * (month_rows in a run of months), on request->jobs - 1 other threads when that is safe (see
 * there), which read while the calling thread goes on: engine_contacts_start starts them
 * (*job is the caller's to finish, also after a failure), engine_contacts_finish joins them,
 * reads on the calling thread what they did not (all of it on one thread) and adds the counts:
 * the same counts, and the same first error, as one thread. With diag NULL it only joins and
 * frees (the run has failed already). The threads read only data's agent map, months and
 * request: the calling thread may fill the rest of data meanwhile. */
ck_error engine_contacts_start(const engine_data *data, engine_contact_job **job);
ck_error engine_contacts_finish(engine_data *data, engine_contact_job *job, ck_diag *diag);
/* engine_contacts.c: how many threads the run may read with: request->jobs when other
 * connections are sure to read the run's snapshot (see there), else 1. */
size_t engine_usable_jobs(sqlite3 *db, const engine_request *request);
/* engine_load.c: a TEXT column's value as a malloc'ed string, "" for NULL, bytes that are not
 * UTF-8 (or a NUL) replaced (see there); NULL when memory runs out. */
char *engine_column_strdup(sqlite3_stmt *stmt, int col);
/* engine_case_nos.c: the case_no of each case id (lists only); out[i] is malloc'ed, NULL when
 * the case is gone. */
ck_error engine_load_case_nos(sqlite3 *db, const int64_t *case_ids, size_t count, char **out,
                              ck_diag *diag);
/* The case numbers engine_keep_case_nos reads at a time: their malloc'ed copies never add up
 * to a long list's. */
#define ENGINE_CASE_NO_BATCH 4096
/* engine_load_case_nos kept in the result's text blocks (the lists' case numbers, which the
 * result owns): out[i] NULL when the case is gone. */
ck_error engine_keep_case_nos(sqlite3 *db, kpi_result *result, const int64_t *case_ids,
                              size_t count, const char **out, ck_diag *diag);
/* Frees what only the crediting of cases needs (cases, assignments, payments and their
 * maps); agents, teams, promises and complaints stay for building the result. */
void engine_data_free_cases(engine_data *data);
void engine_data_free(engine_data *data);

/* casemix.c: the bucket of scorecard.md of an (agent, case) pair. */
/* bucket(dpd(case, t)), dpd = dpd_at_placement + whole days from date(placed_at) to date(t). */
kpi_bucket engine_case_bucket_at(const engine_case *c, int64_t t);
/* scorecard.md's days past due of the case at t: dpd_at_placement + (date(t) - date(placed_at)). */
int64_t engine_case_dpd_at(const engine_case *c, int64_t t);
/* The pair's t0 of kpi.md: max(P.start, the earliest start_at among the agent's assignments
 * of the case that overlap P); P.start when the agent has none (not reached by callers). */
int64_t engine_pair_t0(const engine_data *data, const engine_case *c, size_t agent_slot);
/* engine_followup.c (lists only), once after every chunk: the follow-up facts and case numbers
 * of data's listed promises (each case looked up once however many promises it has, and the
 * contacts read once for all of them), written into each engine_listed record. Its
 * promise.case_no goes to result's text blocks; holder_slot is the agent slot of the case's
 * holder at as_of when that is another agent than the promise's (promise.agent_index, still a
 * slot), IDMAP_NONE otherwise: the caller names it (the agents' names may have moved to the
 * result already). */
ck_error engine_promise_followup(engine_data *data, kpi_result *result, ck_diag *diag);
/* engine_lists.c (lists only): keeps a judged promise of the loaded chunk when it is broken or
 * pending (data->listed); then, after every chunk and after result's agent rows are built,
 * moves the listed promises (followed up), the complaints and the resolutions into result.
 * result_index_of_agent maps agent slots to result->agents. */
ck_error engine_list_promise(engine_data *data, const engine_promise *promise,
                             const kpi_promise *judged, ck_diag *diag);
ck_error engine_build_lists(engine_data *data, kpi_result *result,
                            const size_t *result_index_of_agent, kpi_resolution **resolutions,
                            size_t resolution_count, ck_diag *diag);
void engine_complaint_followup(const settings *s, int64_t as_of, kpi_complaint *complaint);

/* kpi.md's "in P", once for the crediting and for `explain --why-not` (which says why a row
 * the engine never credited stayed out): a moment at in [P.start, P.end); an assignment
 * [start, end) held at some moment of P; a date (due_on) from date(P.start) to
 * date(P.end - 1), as days [*first, *end). */
static inline bool engine_at_in_period(const period *p, int64_t at)
{
    return at >= p->start && at < p->end;
}
static inline bool engine_span_in_period(const period *p, int64_t start, int64_t end)
{
    return start < p->end && end > p->start;
}
static inline void engine_period_days(const period *p, int64_t *first, int64_t *end)
{
    *first = datetime_day_of(p->start);
    *end = datetime_day_of(p->end - 1) + 1;
}

/* The same days as dates, the bounds of the promises due in p: from <= due_on < to. */
static inline void engine_period_due_texts(const period *p, char from[DATETIME_DATE_SIZE],
                                           char to[DATETIME_DATE_SIZE])
{
    int64_t first, end;
    engine_period_days(p, &first, &end);
    datetime_format_date(first, from);
    datetime_format_date(end, to);
}

#endif
