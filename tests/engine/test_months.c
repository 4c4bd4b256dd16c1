/* test_months.c - engine_run_months gives, month by month, exactly the figures of one-month
 * engine_run calls: every agent, team and total row, every count, sum of money and rate
 * (compared bit for bit), the review rows, the coverage and as_of. It does so reading the
 * cases in one chunk and in about eight (small_chunks), and a run of the whole span as one
 * period gives the same figures in those chunks as in one (with the breach pass beside the
 * chunks or after them, and with lists, as the report's period runs it: then the lists too,
 * promise by promise, complaint by complaint, resolution by resolution and breach by breach,
 * are those of one load, so a chunk boundary that dropped or repeated a promise fails). The
 * runs of months and the run in chunks read on other threads as well (jobs 2 and 3), the
 * one-month runs on this one.
 *
 * usage: test_months DB FIRST_MONTH MONTHS [AS_OF]
 * The database is given by the caller: months.sh runs it on the demo database (all its
 * months) and on randomised small databases (random_db.py), whose rows sit on the month
 * boundaries and reach far before the span (old payments, promises made long ago).
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "fixture.h"

typedef struct months_case {
    const char *db_path;
    const char *first_month;
    size_t month_count;
    const char *as_of; /* NULL: the data cut-off */
} months_case;

static months_case the_case;

/* A chunk size (engine_request.chunk_assignments) that cuts the database's assignments into
 * about eight chunks, whatever its size: many chunks, yet each read of the period a few
 * times only. */
static size_t small_chunks(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM assignments", -1, &stmt, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    size_t count = (size_t)sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return count / 8 + 1;
}

static void same_value(const stats_value *a, const stats_value *b, const char *what)
{
    if (a->defined != b->defined || memcmp(&a->value, &b->value, sizeof a->value) != 0)
        fail_msg("%s: %d %.17g against %d %.17g", what, a->defined, a->value, b->defined, b->value);
}

static void same_row(const kpi_row *a, const kpi_row *b, const char *who)
{
    char what[160];
    for (size_t i = 0; i < kpi_column_count; i++) {
        kpi_cell x = kpi_row_cell(a, &kpi_columns[i]), y = kpi_row_cell(b, &kpi_columns[i]);
        snprintf(what, sizeof what, "%s %s", who, kpi_columns[i].key);
        if (x.defined != y.defined || x.integer != y.integer ||
            memcmp(&x.value, &y.value, sizeof x.value) != 0)
            fail_msg("%s: %d %lld %.17g against %d %lld %.17g", what, x.defined,
                     (long long)x.integer, x.value, y.defined, (long long)y.integer, y.value);
    }
    assert_int_equal(a->ptp_judged_amount_minor, b->ptp_judged_amount_minor);
    assert_int_equal(a->ptp_credited_paid_minor, b->ptp_credited_paid_minor);
    assert_int_equal(a->survey_score_sum, b->survey_score_sum);
    assert_int_equal(a->complaints_under_review, b->complaints_under_review);
}

static void same_review(const kpi_review_row *a, const kpi_review_row *b, const char *who)
{
    char what[160];
    for (size_t k = 0; k < KPI_BUCKET_COUNT; k++) {
        assert_int_equal(a->worked_balance_minor[k], b->worked_balance_minor[k]);
        assert_int_equal(a->collected_minor[k], b->collected_minor[k]);
    }
    assert_memory_equal(&a->expected_collected_minor, &b->expected_collected_minor,
                        sizeof a->expected_collected_minor);
    snprintf(what, sizeof what, "%s recovery_index", who);
    same_value(&a->recovery_index, &b->recovery_index, what);
    assert_int_equal(a->critical_complaints_upheld, b->critical_complaints_upheld);
    snprintf(what, sizeof what, "%s complaints_upheld_per_1k_contacts", who);
    same_value(&a->complaints_upheld_per_1k_contacts, &b->complaints_upheld_per_1k_contacts, what);
}

/* Every figure of one month: single is engine_run's, multi engine_run_months'. */
static void same_result(const kpi_result *single, const kpi_result *multi)
{
    char who[160];
    assert_int_equal(single->period.start, multi->period.start);
    assert_int_equal(single->period.end, multi->period.end);
    assert_int_equal(single->as_of, multi->as_of);
    assert_int_equal(single->as_of_given, multi->as_of_given);
    assert_int_equal(single->has_cutoff, multi->has_cutoff);
    assert_int_equal(single->data_cutoff, multi->data_cutoff);
    assert_int_equal(single->coverage.data_first, multi->coverage.data_first);
    assert_int_equal(single->coverage.period_days, multi->coverage.period_days);
    assert_int_equal(single->coverage.covered_days, multi->coverage.covered_days);
    assert_int_equal(single->coverage.any_payment, multi->coverage.any_payment);
    assert_int_equal(single->coverage.any_contact, multi->coverage.any_contact);
    assert_int_equal(single->agent_count, multi->agent_count);
    for (size_t i = 0; i < single->agent_count; i++) {
        const kpi_agent *a = &single->agents[i], *b = &multi->agents[i];
        snprintf(who, sizeof who, "%s agent %lld", single->period.start_text,
                 (long long)a->agent_id);
        assert_int_equal(a->agent_id, b->agent_id);
        assert_string_equal(a->employee_no, b->employee_no);
        assert_string_equal(a->name, b->name);
        assert_int_equal(a->team_index, b->team_index);
        assert_int_equal(a->hired_on, b->hired_on);
        assert_int_equal(a->has_left_on, b->has_left_on);
        assert_int_equal(a->left_on, b->left_on);
        same_row(&a->row, &b->row, who);
        same_review(&a->review, &b->review, who);
    }
    assert_int_equal(single->team_count, multi->team_count);
    for (size_t t = 0; t < single->team_count; t++) {
        snprintf(who, sizeof who, "%s team %lld", single->period.start_text,
                 (long long)single->teams[t].team_id);
        assert_int_equal(single->teams[t].team_id, multi->teams[t].team_id);
        assert_string_equal(single->teams[t].name, multi->teams[t].name);
        same_row(&single->teams[t].row, &multi->teams[t].row, who);
        same_review(&single->teams[t].review, &multi->teams[t].review, who);
    }
    snprintf(who, sizeof who, "%s total", single->period.start_text);
    same_row(&single->total, &multi->total, who);
    same_review(&single->total_review, &multi->total_review, who);
    assert_int_equal(single->unassigned_collected_minor, multi->unassigned_collected_minor);
    assert_memory_equal(single->bucket_rate, multi->bucket_rate, sizeof single->bucket_rate);
}

/* The case's database, opened read-only, and a request for its first month (its as-of). */
static sqlite3 *case_request(engine_request *request)
{
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    assert_int_equal(db_open_readonly(the_case.db_path, &db, &diag), CK_OK);
    memset(request, 0, sizeof *request);
    settings_defaults(&request->settings);
    assert_int_equal(period_from_month_text(the_case.first_month, &request->period, &diag), CK_OK);
    if (the_case.as_of != NULL) {
        request->has_as_of = true;
        assert_true(datetime_parse_ts(the_case.as_of, strlen(the_case.as_of), &request->as_of));
    }
    return db;
}

/* The one-month engine_run of month m of the request's run (on this thread). */
static kpi_result *single_month(sqlite3 *db, const engine_request *request, size_t m)
{
    engine_request one = *request;
    period_month_before(&request->period, -(int)m, &one.period);
    kpi_result *single = NULL;
    ck_diag diag = {{0}};
    if (engine_run(db, &one, &single, &diag) != CK_OK)
        fail_msg("engine_run: %s", diag.text);
    return single;
}

static void months_match_single_runs(void **state)
{
    (void)state;
    ck_diag diag = {{0}};
    engine_request request;
    sqlite3 *db = case_request(&request);
    kpi_result **multi = calloc(the_case.month_count, sizeof *multi);
    kpi_result **chunked = calloc(the_case.month_count, sizeof *chunked);
    assert_non_null(multi);
    assert_non_null(chunked);
    engine_request threaded = request;
    threaded.jobs = 2; /* the contacts and the old payments on other threads */
    ck_error err = engine_run_months(db, &threaded, the_case.month_count, multi, &diag);
    if (err != CK_OK)
        fail_msg("engine_run_months: %s", diag.text);
    engine_request small = request;
    small.chunk_assignments = small_chunks(db);
    small.jobs = 3; /* two threads count the contacts while this one reads the chunks */
    err = engine_run_months(db, &small, the_case.month_count, chunked, &diag);
    if (err != CK_OK)
        fail_msg("engine_run_months in chunks: %s", diag.text);
    size_t agent_rows = 0;
    for (size_t m = 0; m < the_case.month_count; m++) {
        kpi_result *single = single_month(db, &request, m);
        same_result(single, multi[m]);
        same_result(single, chunked[m]);
        agent_rows += single->agent_count;
        kpi_result_free(single);
        kpi_result_free(multi[m]);
        kpi_result_free(chunked[m]);
    }
    printf("# %zu months, %zu agent rows compared\n", the_case.month_count, agent_rows);
    free(multi);
    free(chunked);
    sqlite3_close(db);
}

/* How the second run of run_span_twice reads the span. */
typedef enum second_run {
    SECOND_IN_CHUNKS,         /* chunks of a few cases, the breach pass beside them */
    SECOND_PASS_AFTER_CHUNKS, /* the same, the breach pass after the chunks */
    SECOND_LISTS_PASS_AFTER,  /* chunks with lists (the report's period), the pass after */
    SECOND_BREACH_LIST_ONLY,  /* chunks with the breach list alone (compliance --by breach) */
} second_run;

/* The whole span as one period (kpi --from --to), run twice: as one load on one thread
 * (*whole) and as second says on two threads (*chunked); want_compliance adds the breach pass
 * (score, compliance), whose months two threads read (the last month in two halves), against
 * one month after another on one thread. With SECOND_LISTS_PASS_AFTER both runs want lists. */
static void run_span_twice(bool want_compliance, second_run second, kpi_result **whole,
                           kpi_result **chunked, char from[DATETIME_DATE_SIZE],
                           char to[DATETIME_DATE_SIZE])
{
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    assert_int_equal(db_open_readonly(the_case.db_path, &db, &diag), CK_OK);
    engine_request request;
    memset(&request, 0, sizeof request);
    settings_defaults(&request.settings);
    period first, last;
    assert_int_equal(period_from_month_text(the_case.first_month, &first, &diag), CK_OK);
    period_month_before(&first, -(int)(the_case.month_count - 1), &last);
    datetime_format_date(datetime_day_of(first.start), from);
    datetime_format_date(datetime_day_of(last.end) - 1, to);
    assert_int_equal(period_from_dates_text(from, to, &request.period, &diag), CK_OK);
    if (the_case.as_of != NULL) {
        request.has_as_of = true;
        assert_true(datetime_parse_ts(the_case.as_of, strlen(the_case.as_of), &request.as_of));
    }
    request.want_compliance = want_compliance;
    request.want_lists = second == SECOND_LISTS_PASS_AFTER || second == SECOND_BREACH_LIST_ONLY;
    request.chunk_assignments = SIZE_MAX; /* one chunk */
    request.jobs = 1;
    if (engine_run(db, &request, whole, &diag) != CK_OK)
        fail_msg("engine_run: %s", diag.text);
    request.chunk_assignments = small_chunks(db);
    request.jobs = 2;
    request.breach_pass_after_loads = second != SECOND_IN_CHUNKS;
    request.breach_list_only = second == SECOND_BREACH_LIST_ONLY;
    /* the report's period, beside the trend's pass: the breach pass reads months in thirds */
    request.beside_another_pass = second == SECOND_LISTS_PASS_AFTER;
    /* and its lists in temporary files from about the eighth entry on (spill.h): the lists
     * read back, followed up and sorted there are the ones kept in memory */
    request.list_memory_budget = 8 * sizeof(kpi_promise);
    if (engine_run(db, &request, chunked, &diag) != CK_OK)
        fail_msg("engine_run in chunks: %s", diag.text);
    sqlite3_close(db);
}

/* In chunks of a few cases, the figures of one chunk. */
static void span_in_chunks_matches_one_load(void **state)
{
    (void)state;
    kpi_result *whole = NULL, *chunked = NULL;
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    run_span_twice(false, SECOND_IN_CHUNKS, &whole, &chunked, from, to);
    same_result(whole, chunked);
    printf("# %s .. %s: %zu agent rows compared\n", from, to, whole->agent_count);
    kpi_result_free(whole);
    kpi_result_free(chunked);
}

static void same_compliance(const kpi_compliance_row *a, const kpi_compliance_row *b,
                            const char *who)
{
    if (a->outbound_contacts != b->outbound_contacts ||
        a->breaching_contacts != b->breaching_contacts ||
        a->critical_breaches != b->critical_breaches ||
        a->cases_with_breach != b->cases_with_breach ||
        a->breaches_per_1k_outbound.defined != b->breaches_per_1k_outbound.defined ||
        a->breaches_per_1k_outbound.value != b->breaches_per_1k_outbound.value)
        fail_msg("%s: compliance figures differ", who);
    for (size_t r = 0; r < COMPLIANCE_RULE_COUNT; r++)
        if (a->breaches[r] != b->breaches[r])
            fail_msg("%s: breaches of rule %zu differ", who, r);
}

static void same_string(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
        fail_msg("%s: '%s' against '%s'", what, a != NULL ? a : "(null)", b != NULL ? b : "(null)");
}

/* The lists of a run in chunks (b) against those of one load (a), entry by entry in their
 * order: a promise dropped or listed twice at a chunk boundary shifts or changes the count. */
static void same_breaches(const kpi_result *a, const kpi_result *b);

static void same_lists(const kpi_result *a, const kpi_result *b)
{
    char what[160];
    assert_int_equal(a->promise_count, b->promise_count);
    for (size_t i = 0; i < a->promise_count; i++) {
        kpi_promise xp = fixture_promise(a, i), yp = fixture_promise(b, i);
        const kpi_promise *x = &xp, *y = &yp;
        snprintf(what, sizeof what, "promise %zu (id %lld)", i, (long long)x->promise_id);
        if (x->promise_id != y->promise_id || x->agent_index != y->agent_index ||
            x->made_at != y->made_at || x->due_on != y->due_on || x->window_end != y->window_end ||
            x->amount_minor != y->amount_minor || x->paid_toward_minor != y->paid_toward_minor ||
            x->status != y->status || x->shortfall_minor != y->shortfall_minor ||
            x->days_overdue != y->days_overdue || x->has_last_contact != y->has_last_contact ||
            x->last_contact_at != y->last_contact_at ||
            x->outstanding_minor != y->outstanding_minor)
            fail_msg("%s differs (against id %lld)", what, (long long)y->promise_id);
        assert_int_not_equal(x->status, KPI_PROMISE_KEPT); /* kept ones are not listed */
        same_string(x->case_no, y->case_no, what);
        same_string(x->holder_employee_no, y->holder_employee_no, what);
        same_string(x->holder_name, y->holder_name, what);
    }
    assert_int_equal(a->complaint_count, b->complaint_count);
    for (size_t i = 0; i < a->complaint_count; i++) {
        const kpi_complaint *x = &a->complaints[i], *y = &b->complaints[i];
        snprintf(what, sizeof what, "complaint %lld", (long long)x->complaint_id);
        assert_int_equal(x->complaint_id, y->complaint_id);
        same_string(x->case_no, y->case_no, what);
        assert_int_equal(x->agent_index, y->agent_index);
        assert_int_equal(x->received_at, y->received_at);
        assert_int_equal(x->substantiated, y->substantiated);
        assert_int_equal(x->resolved, y->resolved);
        same_value(&x->days_to_resolve, &y->days_to_resolve, what);
        same_value(&x->days_open, &y->days_open, what);
        assert_int_equal(x->overdue, y->overdue);
    }
    assert_int_equal(a->resolution_count, b->resolution_count);
    for (size_t i = 0; i < a->resolution_count; i++) {
        assert_int_equal(a->resolutions[i].agent_index, b->resolutions[i].agent_index);
        assert_memory_equal(&a->resolutions[i].days, &b->resolutions[i].days,
                            sizeof a->resolutions[i].days);
    }
    same_breaches(a, b);
}

/* The breach lists of a run in chunks (b) against those of one load (a). */
static void same_breaches(const kpi_result *a, const kpi_result *b)
{
    char what[160];
    assert_int_equal(a->breach_count, b->breach_count);
    for (size_t i = 0; i < a->breach_count; i++) {
        kpi_breach xb = fixture_breach(a, i), yb = fixture_breach(b, i);
        const kpi_breach *x = &xb, *y = &yb;
        snprintf(what, sizeof what, "breach %lld", (long long)x->contact_id);
        assert_int_equal(x->contact_id, y->contact_id);
        same_string(x->case_no, y->case_no, what);
        assert_int_equal(x->agent_index, y->agent_index);
        assert_int_equal(x->contact_at, y->contact_at);
        assert_int_equal(x->rules, y->rules);
    }
}

/* The span with the breach pass, run twice (run_span_twice): every kpi figure and every
 * compliance figure of the second run are those of one load on one thread, and so are its
 * lists when it has them. */
static void compliance_matches_one_load(second_run second, const char *how)
{
    kpi_result *whole = NULL, *chunked = NULL;
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    run_span_twice(true, second, &whole, &chunked, from, to);
    same_result(whole, chunked);
    assert_true(whole->has_compliance && chunked->has_compliance);
    char who[160];
    for (size_t i = 0; i < whole->agent_count; i++) {
        snprintf(who, sizeof who, "agent %lld", (long long)whole->agents[i].agent_id);
        same_compliance(&whole->agents[i].compliance, &chunked->agents[i].compliance, who);
    }
    for (size_t t = 0; t < whole->team_count; t++)
        same_compliance(&whole->teams[t].compliance, &chunked->teams[t].compliance, "team");
    same_compliance(&whole->compliance_system, &chunked->compliance_system, "system");
    same_compliance(&whole->compliance_total, &chunked->compliance_total, "total");
    if (second == SECOND_LISTS_PASS_AFTER) {
        same_lists(whole, chunked);
        printf("# %zu promises, %zu complaints, %zu resolutions, %zu breaches listed alike\n",
               whole->promise_count, whole->complaint_count, whole->resolution_count,
               whole->breach_count);
    }
    if (second == SECOND_BREACH_LIST_ONLY) {
        same_breaches(whole, chunked);
        /* the breach list alone has no other (months.sh checks the demo's lists are not
         * empty) */
        assert_int_equal(chunked->promise_count, 0);
        assert_null(chunked->promises);
        assert_null(chunked->complaints);
        assert_null(chunked->resolutions);
        printf("# %zu breaches listed alike, no other list\n", chunked->breach_count);
    }
    printf("# %s .. %s with compliance%s: %zu agent rows compared\n", from, to, how,
           whole->agent_count);
    kpi_result_free(whole);
    kpi_result_free(chunked);
}

/* In chunks, the pass's first month read beside them (score, compliance over a quarter). */
static void span_with_compliance_in_chunks_matches_one_load(void **state)
{
    (void)state;
    compliance_matches_one_load(SECOND_IN_CHUNKS, "");
}

/* In chunks, the pass started only once they are all credited (breach_pass_after_loads). */
static void span_with_pass_after_chunks_matches_one_load(void **state)
{
    (void)state;
    compliance_matches_one_load(SECOND_PASS_AFTER_CHUNKS, ", pass after the chunks");
}

/* In chunks with lists, the pass after them (the report's period). */
static void span_with_lists_and_pass_after_matches_one_load(void **state)
{
    (void)state;
    compliance_matches_one_load(SECOND_LISTS_PASS_AFTER, ", lists in chunks, pass after them");
}

/* In chunks with the breach list alone (compliance --by breach). */
static void span_with_breach_list_only_matches_one_load(void **state)
{
    (void)state;
    compliance_matches_one_load(SECOND_BREACH_LIST_ONLY, ", breach list only");
}

/* With want_compliance, each month of the run also gets its breach pass (the scorecard's
 * history): month by month, every figure and every compliance row (agents, teams, the
 * system line, the total) is that of a one-month engine_run with compliance, on two threads
 * (the pass's own second thread reads part of each month) and on one. */
static void months_with_compliance_match_single_runs(void **state)
{
    (void)state;
    ck_diag diag = {{0}};
    engine_request request;
    sqlite3 *db = case_request(&request);
    request.want_compliance = true;
    kpi_result **threaded = calloc(the_case.month_count, sizeof *threaded);
    kpi_result **alone = calloc(the_case.month_count, sizeof *alone);
    assert_non_null(threaded);
    assert_non_null(alone);
    engine_request two = request;
    two.jobs = 2;
    ck_error err = engine_run_months(db, &two, the_case.month_count, threaded, &diag);
    if (err != CK_OK)
        fail_msg("engine_run_months with compliance: %s", diag.text);
    engine_request one_thread = request;
    one_thread.jobs = 1;
    one_thread.chunk_assignments = small_chunks(db);
    err = engine_run_months(db, &one_thread, the_case.month_count, alone, &diag);
    if (err != CK_OK)
        fail_msg("engine_run_months with compliance on one thread: %s", diag.text);
    size_t agent_rows = 0;
    int64_t breaching = 0;
    for (size_t m = 0; m < the_case.month_count; m++) {
        kpi_result *single = single_month(db, &request, m);
        for (int k = 0; k < 2; k++) {
            const kpi_result *multi = k == 0 ? threaded[m] : alone[m];
            same_result(single, multi);
            assert_true(single->has_compliance && multi->has_compliance);
            char who[160];
            for (size_t i = 0; i < single->agent_count; i++) {
                snprintf(who, sizeof who, "%s agent %lld", single->period.start_text,
                         (long long)single->agents[i].agent_id);
                same_compliance(&single->agents[i].compliance, &multi->agents[i].compliance, who);
            }
            for (size_t t = 0; t < single->team_count; t++)
                same_compliance(&single->teams[t].compliance, &multi->teams[t].compliance, "team");
            same_compliance(&single->compliance_system, &multi->compliance_system, "system");
            same_compliance(&single->compliance_total, &multi->compliance_total, "total");
            assert_int_equal(multi->breach_count, 0); /* no lists in a run of months */
        }
        agent_rows += single->agent_count;
        breaching += single->compliance_total.breaching_contacts;
        kpi_result_free(single);
        kpi_result_free(threaded[m]);
        kpi_result_free(alone[m]);
    }
    printf("# %zu months with compliance, %zu agent rows and %lld breaching contacts compared\n",
           the_case.month_count, agent_rows, (long long)breaching);
    free(threaded);
    free(alone);
    sqlite3_close(db);
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: test_months DB FIRST_MONTH MONTHS [AS_OF]\n");
        return 2;
    }
    the_case.db_path = argv[1];
    the_case.first_month = argv[2];
    the_case.month_count = (size_t)strtoul(argv[3], NULL, 10);
    the_case.as_of = argc == 5 ? argv[4] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_match_single_runs),
        cmocka_unit_test(months_with_compliance_match_single_runs),
        cmocka_unit_test(span_in_chunks_matches_one_load),
        cmocka_unit_test(span_with_compliance_in_chunks_matches_one_load),
        cmocka_unit_test(span_with_pass_after_chunks_matches_one_load),
        cmocka_unit_test(span_with_lists_and_pass_after_matches_one_load),
        cmocka_unit_test(span_with_breach_list_only_matches_one_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
