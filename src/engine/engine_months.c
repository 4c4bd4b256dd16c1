/* engine_months.c - the figures of a run of consecutive months, in one pass over the data.
 *
 * A trend (twelve months), a quarter's months or a scorecard's history would otherwise run
 * the engine once per month, reading the assignments, cases, promises and contacts again
 * each time and summing every old payment again. Here the loaders read the span of all the
 * months at once (engine_load's parts with the span as the period), in one read transaction:
 * the rows of every month are the union of what the single months read, because each month's
 * picks are its overlap with the span (assignments overlapping a month are those overlapping
 * the span that reach into it, and so on). The per-agent counts (contacts, promises made,
 * surveys) are counted per month as they stream by (the contacts on other threads while this
 * one reads the cases, when request->jobs allows), and the complaints are read once. The
 * cases are read in chunks of case ids (engine_case_chunks), so that memory does not grow
 * with the months: each chunk's cases, assignments, payments and promises are loaded once and
 * credited to every month as a one-month run would credit them (the crediting filters
 * everything by data->request->period, so a month sees exactly its own rows), then freed.
 * Every figure is a count or a sum over cases, so the chunks add up to the months' figures.
 * The payments before the span are summed once: a case's balance at any t0 in the span is
 * that sum plus its kept payments before t0, the same number a one-month run gets from its
 * own (later) bound. With compliance (the scorecard's history), each month's breach pass
 * (compliance_pass.c) follows once the chunks are freed, month after month, and counts that
 * month's contacts instead of the loads: a month's contact records are in memory at a time.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "compliance_internal.h"
#include "engine_data.h"

/* A month's view of the loaded span: its promises and complaints, fresh agent rows holding
 * the month's counts, and copies of the names (engine_month_finish moves names into the
 * result). Everything else is the span's, shared. */
typedef struct month_view {
    engine_data data;
    engine_request request;
} month_view;

static void view_free(month_view *view)
{
    engine_data *d = &view->data;
    for (size_t i = 0; d->agents != NULL && i < d->agent_count; i++) {
        free(d->agents[i].employee_no);
        free(d->agents[i].name);
    }
    for (size_t i = 0; d->teams != NULL && i < d->team_count; i++)
        free(d->teams[i].name);
    free(d->agents);
    free(d->teams);
}

static char *dup_text(const char *text)
{
    return strdup(text != NULL ? text : "");
}

static ck_error view_make(const engine_data *span, size_t month, month_view *view)
{
    memset(view, 0, sizeof *view);
    view->request = *span->request;
    view->request.period = span->months[month];
    engine_data *d = &view->data;
    *d = *span;
    d->request = &view->request;
    d->month_index = month;
    d->agents = calloc(span->agent_count + 1, sizeof *d->agents);
    d->teams = calloc(span->team_count + 1, sizeof *d->teams);
    if (d->agents == NULL || d->teams == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < span->agent_count; i++) {
        engine_agent *a = &d->agents[i];
        *a = span->agents[i];
        a->employee_no = dup_text(span->agents[i].employee_no);
        a->name = dup_text(span->agents[i].name);
        if (a->employee_no == NULL || a->name == NULL)
            return CK_ERR_NOMEM;
        /* the month's counts are added when they are read (run_pass) */
        memset(&a->row, 0, sizeof a->row);
        memset(&a->review, 0, sizeof a->review);
    }
    for (size_t i = 0; i < span->team_count; i++) {
        d->teams[i] = span->teams[i];
        d->teams[i].name = dup_text(span->teams[i].name);
        if (d->teams[i].name == NULL)
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

/* Month m's rows of a list sorted by time: first[m] .. first[m + 1]. */
static ck_error month_firsts(size_t month_count, size_t **first)
{
    *first = calloc(month_count + 1, sizeof **first);
    return *first != NULL ? CK_OK : CK_ERR_NOMEM;
}

static size_t month_of_day(const engine_data *span, int64_t day)
{
    size_t m = span->month_count - 1;
    while (m > 0 && day < datetime_day_of(span->months[m].start))
        m--;
    return m;
}

static size_t month_of_time(const engine_data *span, int64_t t)
{
    size_t m = span->month_count - 1;
    while (m > 0 && t < span->months[m].start)
        m--;
    return m;
}

static int compare_promise_due(const void *a, const void *b)
{
    const engine_promise *x = a, *y = b;
    if (x->due_on != y->due_on)
        return x->due_on < y->due_on ? -1 : 1;
    return (x->promise_id > y->promise_id) - (x->promise_id < y->promise_id);
}

static int compare_complaint_received(const void *a, const void *b)
{
    const engine_complaint *x = a, *y = b;
    if (x->received_at != y->received_at)
        return x->received_at < y->received_at ? -1 : 1;
    return (x->complaint_id > y->complaint_id) - (x->complaint_id < y->complaint_id);
}

/* Sorted in place by time, each month's promises (by due date; a chunk's) are one slice. The
 * order within a month changes no figure (they are counted and summed) and is fixed by the
 * ids. */
static void slice_promises(engine_data *span, size_t *first)
{
    memset(first, 0, (span->month_count + 1) * sizeof *first);
    if (span->promise_count > 0)
        qsort(span->promises_due, span->promise_count, sizeof *span->promises_due,
              compare_promise_due);
    for (size_t i = 0; i < span->promise_count; i++)
        first[month_of_day(span, span->promises_due[i].due_on) + 1]++;
    for (size_t m = 0; m < span->month_count; m++)
        first[m + 1] += first[m];
}

/* The same for the complaints (by the time received), read once for the whole span. */
static void slice_complaints(engine_data *span, size_t *first)
{
    if (span->complaint_count > 0)
        qsort(span->complaints, span->complaint_count, sizeof *span->complaints,
              compare_complaint_received);
    for (size_t i = 0; i < span->complaint_count; i++)
        first[month_of_time(span, span->complaints[i].received_at) + 1]++;
    for (size_t m = 0; m < span->month_count; m++)
        first[m + 1] += first[m];
}

/* One month through the pass: its view of the span, its result and its resolutions so far. */
typedef struct month_state {
    month_view view;
    kpi_result *result;
    kpi_resolution *resolutions;
    size_t resolution_count;
} month_state;

static ck_error month_start(sqlite3 *db, const engine_data *span, size_t month, bool has_cutoff,
                            int64_t data_cutoff, month_state *state, ck_diag *diag)
{
    state->result = calloc(1, sizeof *state->result);
    ck_error err = state->result != NULL ? view_make(span, month, &state->view) : CK_ERR_NOMEM;
    if (err != CK_OK)
        return err;
    kpi_result *result = state->result;
    const engine_request *req = &state->view.request;
    result->period = req->period;
    result->settings = req->settings;
    result->has_cutoff = has_cutoff;
    result->data_cutoff = data_cutoff;
    result->as_of_given = req->has_as_of;
    result->as_of = req->has_as_of ? req->as_of : has_cutoff ? data_cutoff : req->period.end;
    return engine_coverage(db, &req->period, result->has_cutoff, result->data_cutoff,
                           &result->coverage, diag);
}

/* The month's view takes the span's loaded chunk (its cases, assignments, payments, bounds)
 * and the month's slice of the chunk's promises, keeping its own agents, teams, request and
 * complaints. */
static void view_take_chunk(month_view *view, const engine_data *span, const size_t *first)
{
    engine_data *d = &view->data;
    engine_data own = *d;
    *d = *span;
    d->request = own.request;
    d->month_index = own.month_index;
    d->agents = own.agents;
    d->teams = own.teams;
    d->complaints = own.complaints;
    d->complaint_count = own.complaint_count;
    d->promises_due = span->promises_due + first[own.month_index];
    d->promise_count = first[own.month_index + 1] - first[own.month_index];
}

/* The chunks of the span: each one loaded, credited to every month, freed. */
static ck_error credit_chunks(engine_data *span, month_state *states, ck_diag *diag)
{
    int64_t *bounds = NULL;
    size_t chunk_count = 1, *first = NULL;
    ck_error err = month_firsts(span->month_count, &first);
    if (err == CK_OK)
        err = engine_case_chunks(span, &bounds, &chunk_count, diag);
    span->case_chunked = chunk_count > 1;
    for (size_t k = 0; k < chunk_count && err == CK_OK; k++) {
        span->case_lo = chunk_count > 1 ? bounds[k] : INT64_MIN;
        span->case_hi = k + 1 < chunk_count ? bounds[k + 1] - 1 : INT64_MAX;
        err = engine_load_cases(span, diag);
        if (err == CK_OK)
            err = engine_index_cases(span, diag);
        if (err == CK_OK)
            slice_promises(span, first);
        for (size_t m = 0; m < span->month_count && err == CK_OK; m++) {
            month_state *state = &states[m];
            view_take_chunk(&state->view, span, first);
            err = engine_month_credit_cases(&state->view.data, state->result, &state->resolutions,
                                            &state->resolution_count, diag);
        }
        engine_data_free_cases(span);
        free(span->promises_due);
        span->promises_due = NULL;
        span->promise_count = span->promise_capacity = 0;
    }
    free(bounds);
    free(first);
    return err;
}

/* The breach pass of one month of the run (compliance.md), after the pass over the cases has
 * freed its chunks: started and waited for as engine_run does with breach_pass_after_loads
 * (the month in halves on two threads, when the request's jobs allow), so the month's contact
 * counts go to its agents' rows; *pass is the caller's to finish and free, also after an error. */
static ck_error month_breach_pass(sqlite3 *db, month_view *view, const idmap *agent_ids,
                                  cc_pass **pass, ck_diag *diag)
{
    engine_data *d = &view->data;
    view->request.breach_pass_after_loads = true; /* both threads read the month at once */
    ck_error err = engine_compliance_start(db, &view->request, agent_ids, d->agents, d->agent_count,
                                           pass, diag);
    if (err == CK_OK)
        err = engine_compliance_wait(db, *pass, d->agents, diag);
    return err;
}

/* The pass over months[0 .. month_count): out[m] is month m's result. */
static ck_error run_pass(sqlite3 *db, const engine_request *request, const period *months,
                         size_t month_count, bool has_cutoff, int64_t data_cutoff, kpi_result **out,
                         ck_diag *diag)
{
    engine_data span;
    engine_request span_request = *request;
    size_t *complaint_first = NULL;
    month_state *states = calloc(month_count, sizeof *states);
    memset(&span, 0, sizeof span);
    idmap_init(&span.agent_ids);
    idmap_init(&span.case_ids);
    span_request.period = months[0];
    span_request.period.end = months[month_count - 1].end;
    memcpy(span_request.period.end_text, months[month_count - 1].end_text,
           sizeof span_request.period.end_text);
    span_request.period.month_year = span_request.period.month = 0;
    span_request.want_lists = false;
    /* With compliance, the loads do not count the contacts: each month's breach pass does,
     * from its records (as in engine_run). */
    span.request = &span_request;
    span.db = db;
    span.months = months;
    span.month_count = month_count;
    /* the people; the cases, chunk by chunk, credited to every month while other threads count
     * the contacts; then the complaints and the other counts, which go to the months' rows */
    engine_contact_job *job = NULL;
    ck_error err = states != NULL ? engine_load_agents(&span, diag) : CK_ERR_NOMEM;
    if (err == CK_OK)
        err = engine_load_counts_start(&span, &job);
    for (size_t m = 0; m < month_count && err == CK_OK; m++)
        err = month_start(db, &span, m, has_cutoff, data_cutoff, &states[m], diag);
    if (err == CK_OK)
        err = credit_chunks(&span, states, diag);
    if (err == CK_OK)
        err = engine_load_rest(&span, job, diag);
    else
        engine_contacts_finish(&span, job, NULL);
    if (err == CK_OK && (err = month_firsts(month_count, &complaint_first)) == CK_OK)
        slice_complaints(&span, complaint_first);
    for (size_t m = 0; m < month_count && err == CK_OK; m++) {
        month_state *state = &states[m];
        engine_data *d = &state->view.data;
        d->complaints = span.complaints + complaint_first[m];
        d->complaint_count = complaint_first[m + 1] - complaint_first[m];
        /* the counts (contacts, promises made, surveys) and the credited figures are other
         * fields of the row: the sum is each one's own value */
        for (size_t i = 0; i < d->agent_count; i++)
            kpi_row_add(&d->agents[i].row, &span.month_rows[m * span.agent_count + i]);
        cc_pass *pass = NULL;
        if (span_request.want_compliance &&
            (err = month_breach_pass(db, &state->view, &span.agent_ids, &pass, diag)) != CK_OK) {
            engine_compliance_free(pass);
            break;
        }
        err = engine_month_finish(d, state->result, state->resolutions, state->resolution_count,
                                  pass, diag);
        engine_compliance_free(pass);
        state->resolutions = NULL;
        out[m] = state->result;
        state->result = NULL;
    }
    for (size_t m = 0; states != NULL && m < month_count; m++) {
        view_free(&states[m].view);
        free(states[m].resolutions);
        kpi_result_free(states[m].result);
    }
    free(states);
    free(complaint_first);
    engine_data_free(&span);
    return err;
}

ck_error engine_run_months(sqlite3 *db, const engine_request *request, size_t month_count,
                           kpi_result **out, ck_diag *diag)
{
    period *months = calloc(month_count + 1, sizeof *months);
    bool has_cutoff = false, in_transaction = false;
    int64_t data_cutoff = 0;
    for (size_t m = 0; m < month_count; m++)
        out[m] = NULL;
    ck_error err = months != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err != CK_OK || month_count == 0)
        goto done;
    /* months[m] is the calendar month m months after the one the request's period ends in. */
    for (size_t m = 0; m < month_count; m++)
        period_month_before(m == 0 ? &request->period : &months[m - 1], m == 0 ? 0 : -1,
                            &months[m]);
    /* As engine_run: one snapshot for every read, one file lock. */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
        in_transaction = true;
    if ((err = engine_data_cutoff(db, &has_cutoff, &data_cutoff, diag)) != CK_OK)
        goto done;
    err = run_pass(db, request, months, month_count, has_cutoff, data_cutoff, out, diag);
done:
    if (in_transaction)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    if (err != CK_OK)
        for (size_t m = 0; m < month_count; m++) {
            kpi_result_free(out[m]);
            out[m] = NULL;
        }
    free(months);
    return err;
}

/* A run of months on a thread of its own (engine_run_months_start). */
struct engine_months_job {
    engine_request request;
    size_t month_count;
    const char *path;
    kpi_result **out;
    ck_error err;
    ck_diag diag;
    bool started; /* a thread runs the pass */
    bool unread;  /* the thread could not read: finish runs it on the caller's connection */
    pthread_t thread;
};

static void *months_on_thread(void *arg)
{
    engine_months_job *job = arg;
    sqlite3 *db = db_open_for_thread(job->path);
    if (db == NULL) {
        job->unread = true;
    } else {
        job->err = engine_run_months(db, &job->request, job->month_count, job->out, &job->diag);
        /* busy (a writer is committing) or another failure of SQLite's: run again on the
         * caller's connection, which says what the failure is if it is real */
        job->unread = job->err == CK_ERR_DB;
    }
    sqlite3_close(db);
    return NULL;
}

ck_error engine_run_months_start(sqlite3 *db, const engine_request *request, size_t month_count,
                                 engine_months_job **out)
{
    engine_months_job *job = calloc(1, sizeof *job);
    *out = job;
    if (job == NULL)
        return CK_ERR_NOMEM;
    job->request = *request;
    job->month_count = month_count;
    job->path = sqlite3_db_filename(db, "main");
    job->out = calloc(month_count + 1, sizeof *job->out);
    if (job->out == NULL)
        return CK_ERR_NOMEM;
    /* The thread's connection reads the caller's snapshot when engine_usable_jobs says so (see
     * engine_contacts.c); once started, the job is the thread's until it is joined (so its
     * flags are set before). */
    job->started = month_count > 0 && engine_usable_jobs(db, request) > 1;
    if (job->started && job->request.chunk_assignments == 0)
        job->request.chunk_assignments = ENGINE_CHUNK_ASSIGNMENTS_BESIDE;
    if (job->started && pthread_create(&job->thread, NULL, months_on_thread, job) != 0)
        job->started = false;
    /* Without a thread the pass runs now, before the caller's other runs: its chunks are freed
     * before those runs build their results (a year's lists hold about 75 MiB), instead of
     * being read beside them in finish (the year's report with --jobs 1: 205 MiB that way).
     * Its error, if any, is finish's to report, as a thread's is. */
    if (!job->started)
        job->err = engine_run_months(db, &job->request, job->month_count, job->out, &job->diag);
    return CK_OK;
}

ck_error engine_run_months_finish(sqlite3 *db, engine_months_job *job, kpi_result **out,
                                  ck_diag *diag)
{
    if (job == NULL)
        return CK_OK;
    if (job->started)
        pthread_join(job->thread, NULL);
    ck_error err = job->out != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK && diag != NULL) {
        if (job->unread) {
            for (size_t m = 0; m < job->month_count; m++)
                kpi_result_free(job->out[m]);
            job->err = engine_run_months(db, &job->request, job->month_count, job->out, &job->diag);
        }
        err = job->err;
        if (err != CK_OK)
            *diag = job->diag;
    }
    for (size_t m = 0; job->out != NULL && m < job->month_count; m++) {
        if (diag != NULL)
            out[m] = err == CK_OK ? job->out[m] : NULL;
        if (err != CK_OK || diag == NULL)
            kpi_result_free(job->out[m]);
    }
    free(job->out);
    free(job);
    return err;
}
