/* test_followup.c - the follow-up facts the engine adds to the lists (kpi.h kpi_promise and
 * kpi_complaint): shortfall, days overdue, the holder at as_of after a reassignment, the last
 * contact up to as_of and the outstanding balance at as_of of each broken or pending promise;
 * days open and the overdue flag of each open complaint.
 *
 * Every expected value is worked out by hand beside it. P = October 2026, grace 0, kept
 * threshold 100 %, as_of = 2026-10-31 12:00:00 (given). People (fixture_people): Ann A001,
 * Bob A002 (team Alpha), Cai B001 (team Beta).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "check_double.h"

#include "fixture.h"

#define EPS   1e-9
#define AS_OF "2026-10-31 12:00:00"

#define CASE(id, placed, balance)                                                                  \
    "INSERT INTO cases VALUES (" #id ", 'C" #id "', 'debtor-" #id "', 'credit_card', '" placed     \
    "', " #balance ", 40, NULL, NULL);"

/* Case 40 (100000): Ann from 09-01 to 10-12, then Bob. Ann's promise 1 made 10-05 10:00, due
 *   10-10, 30000; 10-08 +10000 in the window, 10-15 -2000 after it, 10-31 12:00:00 +5000 at
 *   as_of, 10-31 12:00:01 +7000 after as_of. Contacts 10-05 10:00, 10-31 12:00:00 (= as_of),
 *   10-31 12:00:01 (after as_of).
 * Case 41 (50000): Cai throughout. Promise 2 made 10-20, due 10-31, 8000, paid 10-25 +9000;
 *   promise 4 made 10-01, due 10-05, 1000, paid 10-03 +1000 (kept). No contact.
 * Case 42 (20000): Ann from 09-01 to 10-20, then nobody. Promise 3 made 10-01 09:00, due
 *   10-03, 5000; 09-15 +4000 before it, 10-02 15:00 -3000 (a reversal) inside its window. */
static sqlite3 *followup_db(void)
{
    sqlite3 *db = fixture_open();
    fixture_people(db);
    fixture_exec(db, CASE(40, "2026-09-01 00:00:00", 100000) CASE(41, "2026-09-01 00:00:00", 50000)
                         CASE(42, "2026-09-01 00:00:00", 20000));
    fixture_exec(db,
                 "INSERT INTO assignments VALUES"
                 " (1, 40, 1, '2026-09-01 00:00:00', '2026-10-12 00:00:00'),"
                 " (2, 40, 2, '2026-10-12 00:00:00', NULL),"
                 " (3, 41, 3, '2026-09-01 00:00:00', NULL),"
                 " (4, 42, 1, '2026-09-01 00:00:00', '2026-10-20 00:00:00');"
                 "INSERT INTO promises VALUES"
                 " (1, 40, 1, '2026-10-05 10:00:00', '2026-10-10', 30000),"
                 " (2, 41, 3, '2026-10-20 10:00:00', '2026-10-31', 8000),"
                 " (3, 42, 1, '2026-10-01 09:00:00', '2026-10-03', 5000),"
                 " (4, 41, 3, '2026-10-01 09:00:00', '2026-10-05', 1000);"
                 "INSERT INTO payments VALUES"
                 " (1, 40, '2026-10-08 09:00:00', 10000, 'card'),"
                 " (2, 40, '2026-10-15 09:00:00', -2000, 'card'),"
                 " (3, 40, '2026-10-31 12:00:00', 5000, 'card'),"
                 " (4, 40, '2026-10-31 12:00:01', 7000, 'card'),"
                 " (5, 41, '2026-10-25 09:00:00', 9000, 'card'),"
                 " (6, 41, '2026-10-03 09:00:00', 1000, 'card'),"
                 " (7, 42, '2026-09-15 09:00:00', 4000, 'card'),"
                 " (8, 42, '2026-10-02 15:00:00', -3000, 'card');"
                 "INSERT INTO contacts VALUES"
                 " (1, 40, 1, '2026-10-05 10:00:00', 'call', 'outbound', 'debtor', 'promise', 60),"
                 " (2, 40, 2, '2026-10-31 12:00:00', 'call', 'outbound', 'debtor', 'contacted',"
                 " 30),"
                 " (3, 40, 2, '2026-10-31 12:00:01', 'sms', 'outbound', 'none', 'no_answer', 0);");
    return db;
}

/* The listed promise `id`, copied into the test's slot (the list may be on a file). */
static kpi_promise found_promise;

static const kpi_promise *promise(const kpi_result *r, int64_t id)
{
    for (size_t i = 0; i < r->promise_count; i++)
        if ((found_promise = fixture_promise(r, i)).promise_id == id)
            return &found_promise;
    fail_msg("no promise %lld", (long long)id);
    return NULL;
}

static int64_t ts(const char *text)
{
    int64_t t = 0;
    assert_true(datetime_parse_ts(text, strlen(text), &t));
    return t;
}

/* Promise 1: window [10-05 10:00, 10-11 00:00); paid_toward 10000 < 30000: broken.
 * shortfall 30000 - 10000 = 20000; days overdue day(10-31) - day(10-11) = 20; the case moved
 * to Bob on 10-12, so the holder at as_of is Bob (A002); the last contact up to as_of is the
 * one at exactly as_of (10-31 12:00:00; the one a second later is not counted); outstanding
 * 100000 - (10000 - 2000 + 5000) = 87000 (the payment at as_of counts, the one after not). */
static void test_broken_promise_of_a_reassigned_case(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    kpi_result *r = fixture_run(db, "2026-10", AS_OF);
    const kpi_promise *p = promise(r, 1);
    assert_int_equal(p->status, KPI_PROMISE_BROKEN);
    assert_int_equal(p->paid_toward_minor, 10000);
    assert_int_equal(p->shortfall_minor, 20000);
    assert_int_equal(p->days_overdue, 20);
    assert_non_null(p->holder_employee_no);
    assert_string_equal(p->holder_employee_no, "A002");
    assert_string_equal(p->holder_name, "Bob");
    assert_true(p->has_last_contact);
    assert_int_equal(p->last_contact_at, ts("2026-10-31 12:00:00"));
    assert_int_equal(p->outstanding_minor, 87000);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* Promise 2: window ends 11-01 00:00, after as_of: pending. paid_toward 9000 >= 8000, so the
 * shortfall is 0 (never negative); not broken: 0 days overdue; Cai still holds the case: no
 * holder shown; case 41 has no contact; outstanding 50000 - (1000 + 9000) = 40000. */
static void test_pending_promise_still_with_its_agent(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    kpi_result *r = fixture_run(db, "2026-10", AS_OF);
    const kpi_promise *p = promise(r, 2);
    assert_int_equal(p->status, KPI_PROMISE_PENDING);
    assert_int_equal(p->shortfall_minor, 0);
    assert_int_equal(p->days_overdue, 0);
    assert_null(p->holder_employee_no);
    assert_null(p->holder_name);
    assert_false(p->has_last_contact);
    assert_int_equal(p->outstanding_minor, 40000);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* Promise 3: window [10-01 09:00, 10-04 00:00); paid_toward = -3000 (the reversal): broken.
 * shortfall 5000 - max(-3000, 0) = 5000; days overdue day(10-31) - day(10-04) = 27; nobody
 * holds case 42 at as_of (Ann's assignment ended 10-20): no holder shown; no contact;
 * outstanding 20000 - (4000 - 3000) = 19000. */
static void test_broken_promise_with_a_reversal_and_no_holder(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    kpi_result *r = fixture_run(db, "2026-10", AS_OF);
    const kpi_promise *p = promise(r, 3);
    assert_int_equal(p->status, KPI_PROMISE_BROKEN);
    assert_int_equal(p->paid_toward_minor, -3000);
    assert_int_equal(p->shortfall_minor, 5000);
    assert_int_equal(p->days_overdue, 27);
    assert_null(p->holder_employee_no);
    assert_false(p->has_last_contact);
    assert_int_equal(p->outstanding_minor, 19000);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* Promise 4: kept (1000 of 1000 in its window): counted in Cai's row (kept 1, and promise 2
 * pending), not listed: the list holds promises 1, 2 and 3 only. */
static void test_kept_promise_is_not_listed(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    kpi_result *r = fixture_run(db, "2026-10", AS_OF);
    assert_int_equal(r->promise_count, 3);
    for (size_t i = 0; i < r->promise_count; i++)
        assert_int_not_equal(fixture_promise(r, i).promise_id, 4);
    const kpi_agent *cai = fixture_agent(r, "B001");
    assert_int_equal(cai->row.ptp_kept, 1);
    assert_int_equal(cai->row.ptp_pending, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* A broken promise judged on the day its window closed: as_of 10-11 08:00, window end 10-11
 * 00:00: 0 days overdue. At that moment Bob does not hold case 40 yet (from 10-12): Ann holds
 * it, the promise's own agent: no holder shown; last contact 10-05 10:00; outstanding
 * 100000 - 10000 = 90000. */
static void test_broken_on_the_as_of_day(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    kpi_result *r = fixture_run(db, "2026-10", "2026-10-11 08:00:00");
    const kpi_promise *p = promise(r, 1);
    assert_int_equal(p->status, KPI_PROMISE_BROKEN);
    assert_int_equal(p->days_overdue, 0);
    assert_null(p->holder_employee_no);
    assert_true(p->has_last_contact);
    assert_int_equal(p->last_contact_at, ts("2026-10-05 10:00:00"));
    assert_int_equal(p->outstanding_minor, 90000);
    kpi_result_free(r);
    sqlite3_close(db);
}

static const kpi_complaint *complaint(const kpi_result *r, int64_t id)
{
    for (size_t i = 0; i < r->complaint_count; i++)
        if (r->complaints[i].complaint_id == id)
            return &r->complaints[i];
    fail_msg("no complaint %lld", (long long)id);
    return NULL;
}

/* As of 10-31 12:00: complaint 1 received 10-10 12:00, open 21.0 days > 15: overdue.
 * Complaint 2 received 10-20 00:00: 11.5 days, not overdue at 15, overdue at a limit of 10.
 * Complaint 3 received 10-16 12:00: exactly 15.0 days, not more than 15: not overdue.
 * Complaint 4 resolved 10-12: no days open, never overdue. */
static void test_complaint_days_open_and_overdue(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    fixture_exec(db, "INSERT INTO complaints VALUES"
                     " (1, 40, 1, '2026-10-10 12:00:00', 'debtor', 'harassment', NULL, NULL),"
                     " (2, 40, 2, '2026-10-20 00:00:00', 'debtor', 'fees', 1, NULL),"
                     " (3, 41, 3, '2026-10-16 12:00:00', 'debtor', 'service', 0, NULL),"
                     " (4, 41, 3, '2026-10-02 12:00:00', 'debtor', 'service', 0,"
                     " '2026-10-12 12:00:00');");
    kpi_result *r = fixture_run(db, "2026-10", AS_OF);
    assert_true(complaint(r, 1)->days_open.defined);
    assert_double_equal(complaint(r, 1)->days_open.value, 21.0, EPS);
    assert_true(complaint(r, 1)->overdue);
    assert_double_equal(complaint(r, 2)->days_open.value, 11.5, EPS);
    assert_false(complaint(r, 2)->overdue);
    assert_double_equal(complaint(r, 3)->days_open.value, 15.0, EPS);
    assert_false(complaint(r, 3)->overdue);
    assert_false(complaint(r, 4)->days_open.defined);
    assert_false(complaint(r, 4)->overdue);
    kpi_result_free(r);

    settings s;
    settings_defaults(&s);
    assert_int_equal(s.complaint_handling_days, 15);
    s.complaint_handling_days = 10;
    r = fixture_run_settings(db, "2026-10", AS_OF, &s);
    assert_true(complaint(r, 2)->overdue);
    assert_true(complaint(r, 3)->overdue);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* The last contact of a promise's case is found among every contact up to as_of, by case id,
 * in one of three ways: ids at most 8 apart per listed case by a map from id to case (case
 * ids 7 and 8: span 1, under 8 x 2 cases), ids further apart by a bit per id over the listed
 * cases' span (7 and 70: span 63), ids far apart by a binary search (2^40 apart). Cases
 * LOW and HIGH each have a broken promise of Ann's (made 10-01, due 10-03, 1000, nothing
 * paid) and contacts 10-20 (LOW) and 10-21 (HIGH); case LOW - 2 (below the span) and HIGH + 2
 * (above it) have no promise and a later contact (10-30) that must not be taken. */
static void check_last_contacts(const char *low, const char *high, const char *below,
                                const char *above)
{
    sqlite3 *db = fixture_open();
    fixture_people(db);
    char sql[2048];
    snprintf(sql, sizeof sql,
             "INSERT INTO cases VALUES (%s, 'CL', 'd1', 'credit_card', '2026-09-01 00:00:00', "
             "5000, 40, NULL, NULL), (%s, 'CH', 'd2', 'credit_card', '2026-09-01 00:00:00', "
             "5000, 40, NULL, NULL), (%s, 'CB', 'd3', 'credit_card', '2026-09-01 00:00:00', "
             "5000, 40, NULL, NULL), (%s, 'CA', 'd4', 'credit_card', '2026-09-01 00:00:00', "
             "5000, 40, NULL, NULL);"
             "INSERT INTO assignments VALUES (1, %s, 1, '2026-09-01 00:00:00', NULL),"
             " (2, %s, 1, '2026-09-01 00:00:00', NULL);"
             "INSERT INTO promises VALUES (1, %s, 1, '2026-10-01 09:00:00', '2026-10-03', 1000),"
             " (2, %s, 1, '2026-10-01 09:00:00', '2026-10-03', 1000);"
             "INSERT INTO contacts VALUES"
             " (1, %s, 1, '2026-10-20 10:00:00', 'call', 'outbound', 'debtor', 'contacted', 9),"
             " (2, %s, 1, '2026-10-21 10:00:00', 'call', 'outbound', 'debtor', 'contacted', 9),"
             " (3, %s, 1, '2026-10-30 10:00:00', 'call', 'outbound', 'debtor', 'contacted', 9),"
             " (4, %s, 1, '2026-10-30 10:00:00', 'call', 'outbound', 'debtor', 'contacted', 9);",
             low, high, below, above, low, high, low, high, low, high, below, above);
    fixture_exec(db, sql);
    kpi_result *r = fixture_run(db, "2026-10", AS_OF);
    const kpi_promise *p = promise(r, 1);
    assert_int_equal(p->status, KPI_PROMISE_BROKEN);
    assert_true(p->has_last_contact);
    assert_int_equal(p->last_contact_at, ts("2026-10-20 10:00:00"));
    p = promise(r, 2);
    assert_true(p->has_last_contact);
    assert_int_equal(p->last_contact_at, ts("2026-10-21 10:00:00"));
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_last_contact_adjacent_case_ids(void **state)
{
    (void)state;
    check_last_contacts("7", "8", "5", "10");
}

static void test_last_contact_dense_case_ids(void **state)
{
    (void)state;
    check_last_contacts("7", "70", "5", "72");
}

/* 2^40 ids apart: far past the bits' 16 MiB, so the binary search decides. */
static void test_last_contact_sparse_case_ids(void **state)
{
    (void)state;
    check_last_contacts("7", "1099511627783", "5", "1099511627785");
}

/* Without lists the engine does no follow-up work at all (and there is no list to fill). */
static void test_no_lists_no_followup(void **state)
{
    (void)state;
    sqlite3 *db = followup_db();
    engine_request req;
    memset(&req, 0, sizeof req);
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-10", &req.period, &diag), CK_OK);
    settings_defaults(&req.settings);
    kpi_result *r = NULL;
    assert_int_equal(engine_run(db, &req, &r, &diag), CK_OK);
    assert_int_equal(r->promise_count, 0);
    assert_null(r->promises);
    kpi_result_free(r);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_promise_of_a_reassigned_case),
        cmocka_unit_test(test_pending_promise_still_with_its_agent),
        cmocka_unit_test(test_broken_promise_with_a_reversal_and_no_holder),
        cmocka_unit_test(test_kept_promise_is_not_listed),
        cmocka_unit_test(test_broken_on_the_as_of_day),
        cmocka_unit_test(test_complaint_days_open_and_overdue),
        cmocka_unit_test(test_no_lists_no_followup),
        cmocka_unit_test(test_last_contact_adjacent_case_ids),
        cmocka_unit_test(test_last_contact_dense_case_ids),
        cmocka_unit_test(test_last_contact_sparse_case_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
