/* engine_months.c - the figures of a run of consecutive months, read a few months at a time.
 *
 * A trend (twelve months), a quarter's months or a scorecard's history would otherwise run
 * the engine once per month, reading the assignments, cases, promises and contacts again
 * each time and summing every old payment again. Here the loaders read a pass's months
 * (a span of up to ENGINE_MONTHS_PER_PASS) at once, engine_load with the span as the period,
 * all passes in one read transaction: the rows of every month are the union of
 * what the single months read, because each month's picks are its overlap with the span
 * (assignments overlapping a month are those overlapping the span that reach into it, and so
 * on). The per-agent counts (contacts, promises made, surveys) are counted per month as they
 * stream by. Then each month is credited from the loaded rows as a one-month run would credit
 * them: the crediting filters everything by data->request->period, so a month sees exactly
 * its own rows. The payments before the span are summed once a pass: a case's balance at any
 * t0 in the span is that sum plus its kept payments before t0, the same number a one-month run
 * gets from its own (later) bound. Rows picked by time (contacts, payments, promises,
 * complaints, surveys, closures) are read once for the whole run; the assignments and the
 * sums of older payments, which are not picked by time, once a pass.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/engine.h"
#include "engine_data.h"

/* The most months one pass reads at once (see engine_run_months). At the large size (a
 * million cases) one month takes about 115 MiB with the page cache, each further month about
 * 35 MiB of case, assignment, payment and promise rows: two months stay under 200 MiB. */
#define ENGINE_MONTHS_PER_PASS 2

/* A month's view of the loaded span: its promises and complaints, fresh agent rows holding
 * the month's counts, and copies of the names (engine_month_figures moves names into the
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
        a->row = span->month_rows[month * span->agent_count + i];
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

/* Each month's promises (by due month) and complaints (by received month) are one slice:
 * first[m] is month m's first index, first[month_count] the count. */
typedef struct month_slices {
    size_t *promise_first;
    size_t *complaint_first;
} month_slices;

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

/* Sorted in place by time, each month's promises (by due date) and complaints are one slice.
 * The order within a month changes no figure (they are counted and summed) and is fixed by
 * the ids. */
static ck_error slice_months(engine_data *span, month_slices *slices)
{
    size_t n = span->month_count;
    slices->promise_first = calloc(n + 1, sizeof *slices->promise_first);
    slices->complaint_first = calloc(n + 1, sizeof *slices->complaint_first);
    if (slices->promise_first == NULL || slices->complaint_first == NULL)
        return CK_ERR_NOMEM;
    if (span->promise_count > 0)
        qsort(span->promises_due, span->promise_count, sizeof *span->promises_due,
              compare_promise_due);
    if (span->complaint_count > 0)
        qsort(span->complaints, span->complaint_count, sizeof *span->complaints,
              compare_complaint_received);
    for (size_t i = 0; i < span->promise_count; i++)
        slices->promise_first[month_of_day(span, span->promises_due[i].due_on) + 1]++;
    for (size_t i = 0; i < span->complaint_count; i++)
        slices->complaint_first[month_of_time(span, span->complaints[i].received_at) + 1]++;
    for (size_t m = 0; m < n; m++) {
        slices->promise_first[m + 1] += slices->promise_first[m];
        slices->complaint_first[m + 1] += slices->complaint_first[m];
    }
    return CK_OK;
}

/* One month's result from the loaded span. */
static ck_error month_result(sqlite3 *db, engine_data *span, const month_slices *slices,
                             size_t month, bool has_cutoff, int64_t data_cutoff, kpi_result **out,
                             ck_diag *diag)
{
    month_view view;
    memset(&view, 0, sizeof view);
    kpi_result *result = calloc(1, sizeof *result);
    ck_error err = result != NULL ? view_make(span, month, &view) : CK_ERR_NOMEM;
    if (err != CK_OK)
        goto done;
    const engine_request *req = &view.request;
    result->period = req->period;
    result->settings = req->settings;
    result->has_cutoff = has_cutoff;
    result->data_cutoff = data_cutoff;
    result->as_of_given = req->has_as_of;
    result->as_of = req->has_as_of ? req->as_of : has_cutoff ? data_cutoff : req->period.end;
    err = engine_coverage(db, &req->period, result->has_cutoff, result->data_cutoff,
                          &result->coverage, diag);
    if (err != CK_OK)
        goto done;
    engine_data *d = &view.data;
    d->promises_due = span->promises_due + slices->promise_first[month];
    d->promise_count = slices->promise_first[month + 1] - slices->promise_first[month];
    d->complaints = span->complaints + slices->complaint_first[month];
    d->complaint_count = slices->complaint_first[month + 1] - slices->complaint_first[month];
    err = engine_month_figures(d, result, diag);
done:
    view_free(&view);
    if (err != CK_OK) {
        kpi_result_free(result);
        result = NULL;
    }
    *out = result;
    return err;
}

/* One pass over months[0 .. month_count): the loads read their union at once. */
static ck_error run_pass(sqlite3 *db, const engine_request *request, const period *months,
                         size_t month_count, bool has_cutoff, int64_t data_cutoff, kpi_result **out,
                         ck_diag *diag)
{
    engine_data span;
    engine_request span_request = *request;
    month_slices slices = {NULL, NULL};
    memset(&span, 0, sizeof span);
    idmap_init(&span.agent_ids);
    idmap_init(&span.case_ids);
    span_request.period = months[0];
    span_request.period.end = months[month_count - 1].end;
    memcpy(span_request.period.end_text, months[month_count - 1].end_text,
           sizeof span_request.period.end_text);
    span_request.period.month_year = span_request.period.month = 0;
    span_request.want_lists = false;
    span_request.want_compliance = false;
    span.request = &span_request;
    span.db = db;
    span.months = months;
    span.month_count = month_count;
    ck_error err = engine_load(&span, diag);
    if (err == CK_OK)
        err = engine_index_cases(&span, diag);
    if (err == CK_OK)
        err = slice_months(&span, &slices);
    for (size_t m = 0; m < month_count && err == CK_OK; m++)
        err = month_result(db, &span, &slices, m, has_cutoff, data_cutoff, &out[m], diag);
    free(slices.promise_first);
    free(slices.complaint_first);
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
    /* As engine_run: one snapshot for every read (all passes), one file lock. */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
        in_transaction = true;
    if ((err = engine_data_cutoff(db, &has_cutoff, &data_cutoff, diag)) != CK_OK)
        goto done;
    /* A pass keeps the rows of its months' cases in memory, which grows with the months it
     * spans; ENGINE_MONTHS_PER_PASS bounds it. Passes cover disjoint months, so only the
     * reads that are not by time (the assignments, the sums of older payments) repeat. */
    for (size_t first = 0; first < month_count && err == CK_OK; first += ENGINE_MONTHS_PER_PASS) {
        size_t count = month_count - first;
        if (count > ENGINE_MONTHS_PER_PASS)
            count = ENGINE_MONTHS_PER_PASS;
        err = run_pass(db, request, months + first, count, has_cutoff, data_cutoff, out + first,
                       diag);
    }
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
