/* test_engine.c - one test per edge case of kpi.md, on tiny hand-built databases.
 *
 * Every expected figure is worked out by hand in the comment beside it. The period is
 * October 2026 unless said otherwise: P = [2026-10-01 00:00:00, 2026-11-01 00:00:00).
 * People (fixture_people): team 1 Alpha = Ann (A001), Bob (A002); team 2 Beta = Cai (B001).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "check_double.h"

#include "collectkpi/codes.h"
#include "fixture.h"

#define EPS 1e-9

static sqlite3 *people_db(void)
{
    sqlite3 *db = fixture_open();
    fixture_people(db);
    return db;
}

/* A case row with a fixed product and dpd; balance in minor units. */
#define CASE(id, placed, balance)                                                                  \
    "INSERT INTO cases VALUES (" #id ", 'C" #id "', 'debtor-" #id "', 'credit_card', '" placed     \
    "', " #balance ", 40, NULL, NULL);"

static void test_reassignment_at_start_mid_and_end(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db,
        CASE(1, "2026-09-01 10:00:00",
             100000) "INSERT INTO assignments VALUES"
                     " (1, 1, 1, '2026-09-01 10:00:00', '2026-10-01 00:00:00')," /* Ann, ends at
                                                                                    P.start */
                     " (2, 1, 2, '2026-10-01 00:00:00', '2026-10-15 12:00:00')," /* Bob, from
                                                                                    P.start */
                     " (3, 1, 3, '2026-10-15 12:00:00', '2026-11-01 00:00:00')," /* Cai, mid-month
                                                                                    to P.end */
                     " (4, 1, 1, '2026-11-01 00:00:00', NULL);" /* Ann again from P.end */
                     "INSERT INTO payments VALUES"
                     " (1, 1, '2026-09-20 10:00:00', 10000, 'card')," /* before P: Ann's, September
                                                                       */
                     " (2, 1, '2026-10-10 10:00:00', 20000, 'card')," /* Bob holds */
                     " (3, 1, '2026-10-20 10:00:00', 5000, 'alipay');"); /* Cai holds */
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    /* Ann held the case only up to P.start and again from P.end: no moment in P, no row. */
    assert_null(fixture_agent(r, "A001"));
    const kpi_agent *bob = fixture_agent(r, "A002");
    const kpi_agent *cai = fixture_agent(r, "B001");
    assert_non_null(bob);
    assert_non_null(cai);
    /* Bob: t0 = P.start; outstanding = 100000 - 10000 (September) = 90000. */
    assert_int_equal(bob->row.cases_worked, 1);
    assert_int_equal(bob->row.worked_balance_minor, 90000);
    assert_int_equal(bob->row.collected_minor, 20000);
    assert_int_equal(bob->row.paying_cases, 1);
    /* 20000 / 90000 = 0.2222... */
    assert_double_equal(bob->row.recovery_rate.value, 20000.0 / 90000.0, EPS);
    /* Cai: t0 = 10-15 12:00; outstanding = 100000 - 10000 - 20000 = 70000. */
    assert_int_equal(cai->row.worked_balance_minor, 70000);
    assert_int_equal(cai->row.collected_minor, 5000);
    assert_double_equal(cai->row.recovery_rate.value, 5000.0 / 70000.0, EPS);
    /* Total: the case counts twice (two agents worked it): 2 cases, 160000 worked,
     * 25000 collected, rate 25000 / 160000 = 0.15625 (a ratio of sums). */
    assert_int_equal(r->total.cases_worked, 2);
    assert_int_equal(r->total.worked_balance_minor, 160000);
    assert_int_equal(r->total.collected_minor, 25000);
    assert_double_equal(r->total.recovery_rate.value, 0.15625, EPS);
    assert_int_equal(r->unassigned_collected_minor, 0);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_payment_exactly_at_end_at(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db, CASE(2, "2026-09-01 00:00:00",
                 50000) "INSERT INTO assignments VALUES"
                        " (1, 2, 1, '2026-09-01 00:00:00', '2026-10-10 09:00:00'),"
                        " (2, 2, 2, '2026-10-10 09:00:00', NULL);"
                        "INSERT INTO payments VALUES (1, 2, '2026-10-10 09:00:00', 3000, 'cash');");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    const kpi_agent *bob = fixture_agent(r, "A002");
    /* holder(t) needs start_at <= t < end_at: at 09:00:00 Ann's assignment has ended and
     * Bob's has begun, so the 3000 is Bob's. */
    assert_int_equal(ann->row.collected_minor, 0);
    assert_int_equal(bob->row.collected_minor, 3000);
    /* Ann: t0 = P.start, nothing paid yet: 50000. Bob: t0 = 10-10 09:00:00; the payment at
     * exactly t0 is not "before t0", so his worked balance is 50000 too. */
    assert_int_equal(ann->row.worked_balance_minor, 50000);
    assert_int_equal(bob->row.worked_balance_minor, 50000);
    /* Ann worked the case but collected nothing: paying_case_rate 0 / 1 = 0, defined. */
    assert_true(ann->row.paying_case_rate.defined);
    assert_double_equal(ann->row.paying_case_rate.value, 0.0, EPS);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_reversal_makes_collected_negative(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db,
        CASE(3, "2026-09-01 00:00:00",
             80000) "INSERT INTO assignments VALUES (1, 3, 1, '2026-09-01 00:00:00', NULL);"
                    "INSERT INTO payments VALUES"
                    " (1, 3, '2026-09-15 10:00:00', 20000, 'card'),"    /* September */
                    " (2, 3, '2026-10-05 10:00:00', -20000, 'card');"); /* reversed in October */
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    /* worked balance at P.start = 80000 - 20000 = 60000; collected = -20000;
     * recovery = -20000 / 60000 = -0.3333; no positive payment, so no paying case. */
    assert_int_equal(ann->row.worked_balance_minor, 60000);
    assert_int_equal(ann->row.collected_minor, -20000);
    assert_double_equal(ann->row.recovery_rate.value, -1.0 / 3.0, EPS);
    assert_int_equal(ann->row.paying_cases, 0);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_reversal_inside_promise_window(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db, CASE(4, "2026-09-01 00:00:00",
                 100000) "INSERT INTO assignments VALUES (1, 4, 1, '2026-09-01 00:00:00', NULL);"
                         "INSERT INTO promises VALUES (1, 4, 1, '2026-10-02 10:00:00', "
                         "'2026-10-05', 10000);"
                         "INSERT INTO payments VALUES"
                         " (1, 4, '2026-10-03 10:00:00', 10000, 'card'),"
                         " (2, 4, '2026-10-04 10:00:00', -10000, 'card');");
    kpi_result *r = fixture_run(db, "2026-10", "2026-11-05 00:00:00");
    const kpi_agent *ann = fixture_agent(r, "A001");
    /* Window [10-02 10:00, 10-06 00:00): paid_toward = 10000 - 10000 = 0 < 10000: broken.
     * Amount rate = min(max(0, 0), 10000) / 10000 = 0. The paid-then-reversed case still
     * counts as paying (one positive payment in P). */
    assert_int_equal(ann->row.ptp_due, 1);
    assert_int_equal(ann->row.ptp_kept, 0);
    assert_int_equal(ann->row.ptp_broken, 1);
    assert_double_equal(ann->row.ptp_kept_rate.value, 0.0, EPS);
    assert_double_equal(ann->row.ptp_kept_amount_rate.value, 0.0, EPS);
    assert_int_equal(ann->row.collected_minor, 0);
    assert_int_equal(ann->row.paying_cases, 1);
    assert_int_equal(r->promise_count, 1);
    assert_int_equal(fixture_promise(r, 0).paid_toward_minor, 0);
    assert_int_equal(fixture_promise(r, 0).status, KPI_PROMISE_BROKEN);
    assert_string_equal(fixture_promise(r, 0).case_no, "C4");
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_overlapping_promises_kept_by_one_payment(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db, CASE(5, "2026-09-01 00:00:00",
                 100000) "INSERT INTO assignments VALUES (1, 5, 1, '2026-09-01 00:00:00', NULL);"
                         "INSERT INTO promises VALUES"
                         " (1, 5, 1, '2026-10-01 09:00:00', '2026-10-10', 5000),"
                         " (2, 5, 1, '2026-10-05 09:00:00', '2026-10-12', 5000);"
                         "INSERT INTO payments VALUES (1, 5, '2026-10-08 10:00:00', 5000, "
                         "'wechat_pay');");
    kpi_result *r = fixture_run(db, "2026-10", "2026-11-05 00:00:00");
    const kpi_agent *ann = fixture_agent(r, "A001");
    /* Windows [10-01 09:00, 10-11) and [10-05 09:00, 10-13) both hold the 10-08 payment of
     * 5000; each promise is judged on its own, so both are kept: 2 / 2 = 1.0, and the
     * amount rate is (5000 + 5000) / (5000 + 5000) = 1.0. */
    assert_int_equal(ann->row.ptp_made, 2);
    assert_int_equal(ann->row.ptp_made_amount_minor, 10000);
    assert_int_equal(ann->row.ptp_kept, 2);
    assert_int_equal(ann->row.ptp_broken, 0);
    assert_double_equal(ann->row.ptp_kept_rate.value, 1.0, EPS);
    assert_double_equal(ann->row.ptp_kept_amount_rate.value, 1.0, EPS);
    /* No right-party contact was logged: ptp_rate = 2 / 0 is undefined. */
    assert_false(ann->row.ptp_rate.defined);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_grace_days_cross_month_end(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db,
        CASE(6, "2026-09-01 00:00:00",
             100000) "INSERT INTO assignments VALUES (1, 6, 1, '2026-09-01 00:00:00', NULL);"
                     "INSERT INTO promises VALUES (1, 6, 1, '2026-10-20 10:00:00', '2026-10-30', "
                     "10000);"
                     "INSERT INTO payments VALUES (1, 6, '2026-11-02 10:00:00', 10000, 'card');");
    settings s;
    settings_defaults(&s);
    /* grace 0: window [10-20 10:00, 10-31 00:00) misses the 11-02 payment: broken. */
    kpi_result *r = fixture_run_settings(db, "2026-10", "2026-11-10 00:00:00", &s);
    assert_int_equal(fixture_agent(r, "A001")->row.ptp_broken, 1);
    kpi_result_free(r);
    /* grace 3: window end = 10-30 + 3 + 1 day = 11-03 00:00; the payment is in: kept. The
     * November payment is not October's collection. */
    s.grace_days = 3;
    r = fixture_run_settings(db, "2026-10", "2026-11-10 00:00:00", &s);
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_int_equal(ann->row.ptp_kept, 1);
    assert_int_equal(ann->row.collected_minor, 0);
    assert_int_equal(r->promise_count, 0); /* kept: counted, not listed */
    kpi_result_free(r);
    /* grace 3 judged on 11-01 12:00: the window (to 11-03) is still open: pending. */
    r = fixture_run_settings(db, "2026-10", "2026-11-01 12:00:00", &s);
    ann = fixture_agent(r, "A001");
    assert_int_equal(ann->row.ptp_pending, 1);
    assert_int_equal(ann->row.ptp_kept + ann->row.ptp_broken, 0);
    assert_false(ann->row.ptp_kept_rate.defined); /* 0 / 0 */
    /* listed (pending), its window ending at midnight: 11-03 00:00 */
    assert_int_equal(r->promise_count, 1);
    assert_int_equal(fixture_promise(r, 0).window_end % 86400, 0);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_kept_threshold(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db,
        CASE(7, "2026-09-01 00:00:00",
             100000) "INSERT INTO assignments VALUES (1, 7, 1, '2026-09-01 00:00:00', NULL);"
                     "INSERT INTO promises VALUES (1, 7, 1, '2026-10-01 10:00:00', '2026-10-10', "
                     "10000);"
                     "INSERT INTO payments VALUES (1, 7, '2026-10-09 10:00:00', 8000, 'card');");
    settings s;
    settings_defaults(&s);
    /* 8000 * 100 = 800000 < 10000 * 100: broken at 100%; amount rate 8000 / 10000 = 0.8. */
    kpi_result *r = fixture_run_settings(db, "2026-10", "2026-11-01 00:00:00", &s);
    assert_int_equal(fixture_agent(r, "A001")->row.ptp_broken, 1);
    assert_double_equal(fixture_agent(r, "A001")->row.ptp_kept_amount_rate.value, 0.8, EPS);
    kpi_result_free(r);
    /* 800000 >= 10000 * 80 = 800000: kept at 80%. */
    s.kept_threshold_pct = 80;
    r = fixture_run_settings(db, "2026-10", "2026-11-01 00:00:00", &s);
    assert_int_equal(fixture_agent(r, "A001")->row.ptp_kept, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_pending_versus_judged_at_as_of(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db, CASE(8, "2026-09-01 00:00:00",
                 100000) "INSERT INTO assignments VALUES (1, 8, 1, '2026-09-01 00:00:00', NULL);"
                         "INSERT INTO promises VALUES (1, 8, 1, '2026-10-15 10:00:00', "
                         "'2026-10-20', 1000);"
                         "INSERT INTO contacts VALUES (1, 8, 1, '2026-10-20 15:00:00', 'sms', "
                         "'outbound',"
                         " 'none', 'no_answer', 0);");
    /* The window ends 10-21 00:00:00. */
    kpi_result *r = fixture_run(db, "2026-10", "2026-10-21 00:00:00");
    /* as_of = the window end: the end is not after as_of, so it is judged: broken. */
    assert_int_equal(fixture_agent(r, "A001")->row.ptp_broken, 1);
    kpi_result_free(r);
    r = fixture_run(db, "2026-10", "2026-10-20 23:59:59");
    assert_int_equal(fixture_agent(r, "A001")->row.ptp_pending, 1);
    kpi_result_free(r);
    /* No --as-of: as_of is the data cut-off, the latest contact at 10-20 15:00: pending. */
    r = fixture_run(db, "2026-10", NULL);
    assert_false(r->as_of_given);
    assert_true(r->has_cutoff);
    char text[DATETIME_TS_SIZE];
    datetime_format_ts(r->as_of, text);
    assert_string_equal(text, "2026-10-20 15:00:00");
    assert_int_equal(fixture_agent(r, "A001")->row.ptp_pending, 1);
    assert_int_equal(fixture_promise(r, 0).status, KPI_PROMISE_PENDING);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_closure_credit(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db,
                 /* Case 10: Ann holds until exactly closed_at: start < closed <= end -> Ann. */
                 "INSERT INTO cases VALUES (10, 'C10', 'd', 'auto_loan', '2026-09-01 00:00:00',"
                 " 1000, 10, '2026-10-15 12:00:00', 'paid_in_full');"
                 /* Case 11: closed at exactly P.start; Bob's assignment ends then -> Bob,
                  * in October. */
                 "INSERT INTO cases VALUES (11, 'C11', 'd', 'auto_loan', '2026-09-01 00:00:00',"
                 " 1000, 10, '2026-10-01 00:00:00', 'settled');"
                 /* Case 12: recalled is not a resolved reason: no credit. */
                 "INSERT INTO cases VALUES (12, 'C12', 'd', 'auto_loan', '2026-09-01 00:00:00',"
                 " 1000, 10, '2026-10-20 00:00:00', 'recalled');"
                 /* Case 13: closed at P.end: November's, not October's. */
                 "INSERT INTO cases VALUES (13, 'C13', 'd', 'auto_loan', '2026-09-01 00:00:00',"
                 " 1000, 10, '2026-11-01 00:00:00', 'paid_in_full');"
                 "INSERT INTO assignments VALUES"
                 " (1, 10, 1, '2026-09-01 00:00:00', '2026-10-15 12:00:00'),"
                 " (2, 11, 2, '2026-09-01 00:00:00', '2026-10-01 00:00:00'),"
                 " (3, 12, 3, '2026-09-01 00:00:00', '2026-10-20 00:00:00'),"
                 " (4, 13, 3, '2026-09-01 00:00:00', '2026-11-01 00:00:00');");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    const kpi_agent *bob = fixture_agent(r, "A002");
    const kpi_agent *cai = fixture_agent(r, "B001");
    /* Ann: 09-01 00:00 -> 10-15 12:00 = 44.5 days. */
    assert_int_equal(ann->row.cases_resolved, 1);
    assert_double_equal(ann->row.resolution_days_mean.value, 44.5, EPS);
    /* Bob: resolved 1 (30 days) although he held it at no moment in P (ends at P.start):
     * closures follow start < closed <= end, not the cases_worked overlap. */
    assert_non_null(bob);
    assert_int_equal(bob->row.cases_resolved, 1);
    assert_int_equal(bob->row.cases_worked, 0);
    assert_double_equal(bob->row.resolution_days_median.value, 30.0, EPS);
    /* Cai: worked cases 12 and 13 in P, resolved none (recalled; closed at P.end). */
    assert_int_equal(cai->row.cases_resolved, 0);
    assert_int_equal(cai->row.cases_worked, 2);
    assert_false(cai->row.resolution_days_mean.defined);
    assert_int_equal(r->total.cases_resolved, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* Inserts a case of agent `agent` placed at 2026-01-01 and closed `days` days later
 * (paid_in_full, within October), with the agent holding it to the close. */
static void resolved_case(sqlite3 *db, int id, int agent, int days)
{
    char sql[512];
    /* Closed on October (days) - offset so every close lands in October: placed = close -
     * days, close = 2026-10-02 + id minutes. */
    snprintf(sql, sizeof sql,
             "INSERT INTO cases VALUES (%d, 'R%d', 'd', 'other',"
             " datetime('2026-10-02 00:00:00', '+%d minutes', '-%d days'), 1000, 0,"
             " datetime('2026-10-02 00:00:00', '+%d minutes'), 'paid_in_full');"
             "INSERT INTO assignments VALUES (%d, %d, %d,"
             " datetime('2026-10-02 00:00:00', '+%d minutes', '-%d days'),"
             " datetime('2026-10-02 00:00:00', '+%d minutes'));",
             id, id, id, days, id, id, id, agent, id, days, id);
    fixture_exec(db, sql);
}

static void test_resolution_percentiles(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    resolved_case(db, 1, 1, 7);  /* Ann: {7} */
    resolved_case(db, 2, 2, 10); /* Bob: {10, 20} */
    resolved_case(db, 3, 2, 20);
    for (int d = 1; d <= 10; d++)
        resolved_case(db, 10 + d, 3, d); /* Cai: {1..10} */
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_row *ann = &fixture_agent(r, "A001")->row;
    const kpi_row *bob = &fixture_agent(r, "A002")->row;
    const kpi_row *cai = &fixture_agent(r, "B001")->row;
    /* n = 1 {7}: mean, median and p90 are all 7. */
    assert_double_equal(ann->resolution_days_mean.value, 7, EPS);
    assert_double_equal(ann->resolution_days_median.value, 7, EPS);
    assert_double_equal(ann->resolution_days_p90.value, 7, EPS);
    /* n = 2 {10, 20}: mean 15, median 15, p90 = 10 + 0.9 * 10 = 19. */
    assert_double_equal(bob->resolution_days_median.value, 15, EPS);
    assert_double_equal(bob->resolution_days_p90.value, 19, EPS);
    /* n = 10 {1..10}: mean 5.5, median 5.5, p90 = 9 + 0.1 = 9.1. */
    assert_double_equal(cai->resolution_days_mean.value, 5.5, EPS);
    assert_double_equal(cai->resolution_days_median.value, 5.5, EPS);
    assert_double_equal(cai->resolution_days_p90.value, 9.1, EPS);
    /* n = 3, team Alpha pools {7, 10, 20}: mean 37/3, median 10, p90 h = 1.8 ->
     * 10 + 0.8 * 10 = 18 (pooled, not an average of Ann's and Bob's figures). */
    assert_string_equal(r->teams[0].name, "Alpha");
    assert_double_equal(r->teams[0].row.resolution_days_mean.value, 37.0 / 3.0, EPS);
    assert_double_equal(r->teams[0].row.resolution_days_median.value, 10, EPS);
    assert_double_equal(r->teams[0].row.resolution_days_p90.value, 18, EPS);
    /* Total pools 13 values 1,2,3,4,5,6,7,7,8,9,10,10,20: median h = 6 -> 7;
     * p90 h = 10.8 -> 10 + 0.8 * (10 - 10) = 10; mean = 92 / 13. */
    assert_double_equal(r->total.resolution_days_median.value, 7, EPS);
    assert_double_equal(r->total.resolution_days_p90.value, 10, EPS);
    assert_double_equal(r->total.resolution_days_mean.value, 92.0 / 13.0, EPS);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_contacts_and_zero_denominators(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db,
        CASE(
            20, "2026-09-01 00:00:00",
            1000) "INSERT INTO contacts VALUES"
                  " (1, 20, 1, '2026-10-02 10:00:00', 'call', 'outbound', 'debtor', 'contacted', "
                  "60),"
                  " (2, 20, 1, '2026-10-02 11:00:00', 'call', 'outbound', 'third_party', "
                  "'contacted', 30),"
                  " (3, 20, 1, '2026-10-02 12:00:00', 'call', 'outbound', 'debtor', 'no_answer', "
                  "0),"
                  " (4, 20, 1, '2026-10-03 10:00:00', 'call', 'inbound', 'debtor', 'promise', 90),"
                  " (5, 20, 1, '2026-10-03 11:00:00', 'sms', 'outbound', 'none', 'no_answer', 0),"
                  " (6, 20, NULL, '2026-10-03 12:00:00', 'sms', 'outbound', 'none', 'no_answer', "
                  "0),"
                  " (7, 20, 2, '2026-10-04 10:00:00', 'email', 'outbound', 'none', 'no_answer', 0),"
                  " (8, 20, 1, '2026-11-01 00:00:00', 'call', 'outbound', 'debtor', 'contacted', "
                  "10);");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_row *ann = &fixture_agent(r, "A001")->row;
    const kpi_row *bob = &fixture_agent(r, "A002")->row;
    /* Ann in October: contacts 1-5 = 5 (8 is at P.end); call attempts are the outbound
     * calls 1, 2, 3 = 3; rpc only 1 (2 reached a third party, 3 no answer, 4 is inbound):
     * rpc_rate = 1/3. */
    assert_int_equal(ann->contacts, 5);
    assert_int_equal(ann->call_attempts, 3);
    assert_int_equal(ann->rpc, 1);
    assert_double_equal(ann->rpc_rate.value, 1.0 / 3.0, EPS);
    /* Ann holds no case: recovery = 0 / 0 and paying_case_rate = 0 / 0 are undefined;
     * complaints_per_1k = 0 * 1000 / 5 = 0 is defined; no surveys: csat undefined;
     * ptp_rate = 0 / 1 = 0. */
    assert_false(ann->recovery_rate.defined);
    assert_false(ann->paying_case_rate.defined);
    assert_true(ann->complaints_per_1k_contacts.defined);
    assert_double_equal(ann->complaints_per_1k_contacts.value, 0, EPS);
    assert_false(ann->csat_mean.defined);
    assert_true(ann->ptp_rate.defined);
    /* Bob: one email: no call attempts, rpc_rate 0 / 0 undefined. */
    assert_int_equal(bob->contacts, 1);
    assert_false(bob->rpc_rate.defined);
    /* The automated message (agent NULL) is nobody's: the total has 5 + 1 = 6. */
    assert_int_equal(r->total.contacts, 6);
    /* Cai did nothing: no row. */
    assert_null(fixture_agent(r, "B001"));
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_agent_with_only_a_complaint(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db,
                 CASE(30, "2026-09-01 00:00:00",
                      1000) "INSERT INTO complaints VALUES"
                            " (1, 30, 3, '2026-10-05 10:00:00', 'regulator', 'harassment', 1,"
                            "  '2026-10-09 10:00:00'),"
                            " (2, NULL, NULL, '2026-10-06 10:00:00', 'debtor', 'fees', NULL, NULL),"
                            " (3, 30, 3, '2026-09-30 23:59:59', 'debtor', 'service', 0, NULL);"
                            "INSERT INTO surveys VALUES (1, 30, 2, '2026-10-07 10:00:00', 4),"
                            " (2, 30, 2, '2026-10-08 10:00:00', 5);");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *cai = fixture_agent(r, "B001");
    /* Cai's only activity is complaint 1 (complaint 3 is September's): she has a row with
     * complaints 1, substantiated 1, and per 1k contacts 1000 / 0 = undefined. */
    assert_non_null(cai);
    assert_int_equal(cai->row.complaints, 1);
    assert_int_equal(cai->row.complaints_substantiated, 1);
    assert_false(cai->row.complaints_per_1k_contacts.defined);
    assert_int_equal(cai->row.cases_worked, 0);
    /* Bob: two surveys (4 + 5) / 2 = 4.5. */
    assert_double_equal(fixture_agent(r, "A002")->row.csat_mean.value, 4.5, EPS);
    /* The complaints list has both October complaints, the one naming nobody too. */
    assert_int_equal(r->complaint_count, 2);
    assert_int_equal(r->complaints[0].category,
                     codes_find(&codes_complaint_category, "harassment"));
    assert_string_equal(r->complaints[0].case_no, "C30");
    /* Received 10-05 10:00, resolved 10-09 10:00: 4 days; the open one has none. */
    assert_true(r->complaints[0].days_to_resolve.defined);
    assert_double_equal(r->complaints[0].days_to_resolve.value, 4.0, EPS);
    assert_false(r->complaints[1].days_to_resolve.defined);
    assert_null(r->complaints[1].case_no);
    assert_int_equal(r->complaints[1].agent_index, KPI_NO_INDEX);
    assert_int_equal(r->complaints[1].substantiated, -1);
    /* Total complaints are the agents' sum: the anonymous complaint is in no row. */
    assert_int_equal(r->total.complaints, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* A complaint still under review (substantiated NULL) is counted but not substantiated:
 * only a 1 is. Cai has three October complaints: NULL, 0 and 1. */
static void test_complaint_under_review(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db, CASE(40, "2026-09-01 00:00:00",
                          1000) "INSERT INTO complaints VALUES"
                                " (1, 40, 3, '2026-10-05 10:00:00', 'debtor', 'harassment', NULL,"
                                "  NULL),"
                                " (2, 40, 3, '2026-10-06 10:00:00', 'debtor', 'fees', 0,"
                                "  '2026-10-07 10:00:00'),"
                                " (3, 40, 3, '2026-10-07 10:00:00', 'regulator', 'service', 1,"
                                "  '2026-10-08 10:00:00');");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *cai = fixture_agent(r, "B001");
    assert_non_null(cai);
    /* complaints = 3 (NULL, 0, 1 all received in October); substantiated = 1 (only the 1:
     * the one under review is not yet substantiated, the 0 was found unsubstantiated). */
    assert_int_equal(cai->row.complaints, 3);
    assert_int_equal(cai->row.complaints_substantiated, 1);
    /* The total is the agents' sum: 3 and 1. */
    assert_int_equal(r->total.complaints, 3);
    assert_int_equal(r->total.complaints_substantiated, 1);
    /* The list keeps the three states apart: -1 (under review), 0, 1, in received order. */
    assert_int_equal(r->complaint_count, 3);
    assert_int_equal(r->complaints[0].substantiated, -1);
    assert_int_equal(r->complaints[1].substantiated, 0);
    assert_int_equal(r->complaints[2].substantiated, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_unassigned_collected(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db,
                 CASE(40, "2026-09-01 00:00:00",
                      90000) "INSERT INTO assignments VALUES"
                             " (1, 40, 1, '2026-09-01 00:00:00', '2026-10-05 00:00:00'),"
                             " (2, 40, 2, '2026-10-10 00:00:00', NULL);"
                             "INSERT INTO payments VALUES"
                             " (1, 40, '2026-10-07 10:00:00', 4000, 'cash')," /* nobody holds it */
                             " (2, 40, '2026-10-12 10:00:00', 1000, 'cash');"); /* Bob's */
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    /* 4000 had no holder: only in the total's unassigned_collected; the agents' total
     * collected is Bob's 1000. Bob's worked balance at 10-10 = 90000 - 4000 = 86000. */
    assert_int_equal(r->unassigned_collected_minor, 4000);
    assert_int_equal(r->total.collected_minor, 1000);
    assert_int_equal(fixture_agent(r, "A002")->row.worked_balance_minor, 86000);
    assert_int_equal(fixture_agent(r, "A001")->row.worked_balance_minor, 90000);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_outstanding_never_negative(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db, CASE(50, "2026-09-01 00:00:00",
                 1000) "INSERT INTO assignments VALUES (1, 50, 1, '2026-09-01 00:00:00', NULL);"
                       "INSERT INTO payments VALUES (1, 50, '2026-09-10 10:00:00', 1500, 'card');");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    /* outstanding = max(0, 1000 - 1500) = 0; recovery 0 / 0 is undefined. */
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_int_equal(ann->row.worked_balance_minor, 0);
    assert_int_equal(ann->row.cases_worked, 1);
    assert_false(ann->row.recovery_rate.defined);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_team_rows_are_ratios_of_sums(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db,
        CASE(60, "2026-09-01 00:00:00", 10000)
            CASE(61, "2026-09-01 00:00:00",
                 90000) "INSERT INTO assignments VALUES (1, 60, 1, '2026-09-01 00:00:00', NULL),"
                        " (2, 61, 2, '2026-09-01 00:00:00', NULL);"
                        "INSERT INTO payments VALUES (1, 60, '2026-10-02 10:00:00', 5000, 'card'),"
                        " (2, 61, '2026-10-02 10:00:00', 9000, 'card');");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    /* Ann 5000 / 10000 = 50%, Bob 9000 / 90000 = 10%. Team Alpha = 14000 / 100000 = 14%,
     * not the 30% an average of rates would give. */
    assert_int_equal(r->team_count, 1);
    assert_double_equal(r->teams[0].row.recovery_rate.value, 0.14, EPS);
    assert_double_equal(r->total.recovery_rate.value, 0.14, EPS);
    assert_int_equal(r->teams[0].row.paying_cases, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_change_against_last_month(void **state)
{
    (void)state;
    kpi_row now, before;
    memset(&now, 0, sizeof now);
    memset(&before, 0, sizeof before);
    now.collected_minor = 12345; /* 123.45 now, 200.00 before: -76.55, exact in minor units */
    before.collected_minor = 20000;
    now.recovery_rate = (stats_value){true, 0.25};
    before.recovery_rate = (stats_value){true, 0.2}; /* +0.05 (5 percentage points) */
    const kpi_column *collected = kpi_column_find("collected");
    const kpi_column *rate = kpi_column_find("recovery_rate");
    kpi_cell c = kpi_cell_change(kpi_row_cell(&now, collected), kpi_row_cell(&before, collected));
    assert_true(c.defined);
    assert_int_equal(c.integer, -7655);
    c = kpi_cell_change(kpi_row_cell(&now, rate), kpi_row_cell(&before, rate));
    assert_double_equal(c.value, 0.05, EPS);
    /* Undefined last month (0 / 0) makes the change undefined, never "+25 pp". */
    before.recovery_rate = (stats_value){false, 0.0};
    assert_false(kpi_cell_change(kpi_row_cell(&now, rate), kpi_row_cell(&before, rate)).defined);
}

static void test_empty_period(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    /* Nothing at all: no agent or team rows, a total of zeros and undefined rates, and
     * as_of = P.end because there is no payment or contact to take a cut-off from. */
    assert_int_equal(r->agent_count, 0);
    assert_int_equal(r->team_count, 0);
    assert_false(r->total.recovery_rate.defined);
    assert_false(r->has_cutoff);
    assert_int_equal(r->as_of, r->period.end);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_coverage_of_the_period(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(
        db, CASE(80, "2026-09-01 00:00:00",
                 1000) "INSERT INTO assignments VALUES (80, 80, "
                       "1, '2026-09-01 00:00:00', NULL);"
                       "INSERT INTO payments VALUES (80, 80, '2026-10-15 12:00:00', 100, 'card');"
                       "INSERT INTO contacts VALUES (80, 80, NULL, '2026-10-10 09:00:00', 'sms', "
                       "'outbound', 'none', 'no_answer', 0);");
    /* The cut-off is the payment of 10-15 12:00. October: days 10-01 .. 10-15 covered, 15 of
     * 31; it has a payment and a contact: partial, not empty. */
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    assert_int_equal(r->coverage.period_days, 31);
    assert_int_equal(r->coverage.covered_days, 15);
    assert_true(r->coverage.any_payment);
    assert_true(r->coverage.any_contact);
    assert_true(kpi_result_partial(r));
    assert_false(kpi_result_empty(r));
    assert_false(kpi_result_comparable(r));
    kpi_result_free(r);
    /* November: after the cut-off, 0 of 30 days, nothing in it. */
    r = fixture_run(db, "2026-11", NULL);
    assert_int_equal(r->coverage.period_days, 30);
    assert_int_equal(r->coverage.covered_days, 0);
    assert_true(kpi_result_empty(r));
    assert_true(kpi_result_partial(r));
    kpi_result_free(r);
    /* September: wholly before the cut-off (30 of 30) but before the data: empty only. The
     * earliest record is the contact of 10-10 09:00. */
    r = fixture_run(db, "2026-09", NULL);
    assert_int_equal(r->coverage.covered_days, 30);
    assert_false(kpi_result_partial(r));
    assert_true(kpi_result_empty(r));
    assert_int_equal(r->coverage.data_first, r->period.end + 9 * 86400 + 9 * 3600);
    kpi_result_free(r);
    /* An agentless contact alone makes a period not empty (it was worked, just unassigned):
     * the day of 10-10 in a --from/--to of 10-10 .. 10-10 is covered, 1 of 1. */
    engine_request req;
    memset(&req, 0, sizeof req);
    settings_defaults(&req.settings);
    ck_diag diag = {{0}};
    assert_int_equal(period_from_dates_text("2026-10-10", "2026-10-10", &req.period, &diag), CK_OK);
    assert_int_equal(engine_run(db, &req, &r, &diag), CK_OK);
    assert_int_equal(r->coverage.period_days, 1);
    assert_int_equal(r->coverage.covered_days, 1);
    assert_false(r->coverage.any_payment);
    assert_true(r->coverage.any_contact);
    assert_true(kpi_result_comparable(r));
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_complaints_under_review(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db, CASE(31, "2026-09-01 00:00:00", 1000) "INSERT INTO complaints VALUES"
                                                           " (1, 31, 1, '2026-10-05 10:00:00', "
                                                           "'debtor', 'harassment', 1, NULL),"
                                                           " (2, 31, 1, '2026-10-06 10:00:00', "
                                                           "'debtor', 'fees', NULL, NULL),"
                                                           " (3, 31, 1, '2026-10-07 10:00:00', "
                                                           "'debtor', 'fees', 0, NULL),"
                                                           " (4, 31, 3, '2026-10-08 10:00:00', "
                                                           "'debtor', 'service', NULL, NULL),"
                                                           " (5, 31, 3, '2026-09-08 10:00:00', "
                                                           "'debtor', 'service', NULL, NULL);");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    /* Ann: 3 complaints, 1 substantiated, 1 undecided (NULL), 1 not substantiated. Cai: 1
     * undecided in October (complaint 5 is September's). Team Alpha 1, total 1 + 1 = 2. */
    assert_int_equal(fixture_agent(r, "A001")->row.complaints_under_review, 1);
    assert_int_equal(fixture_agent(r, "B001")->row.complaints_under_review, 1);
    assert_int_equal(r->total.complaints, 4);
    assert_int_equal(r->total.complaints_under_review, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* engine_run of October 2026 with the default settings, on a database that must fail: the
 * run's error (no result is left). */
static ck_error run_failing_october(sqlite3 *db, ck_diag *diag)
{
    engine_request req;
    memset(&req, 0, sizeof req);
    assert_int_equal(period_from_month_text("2026-10", &req.period, diag), CK_OK);
    settings_defaults(&req.settings);
    kpi_result *r = NULL;
    ck_error err = engine_run(db, &req, &r, diag);
    assert_null(r);
    return err;
}

static void test_bad_timestamp_is_reported(void **state)
{
    (void)state;
    sqlite3 *db = fixture_open();
    /* A foreign database without our CHECKs could hold a date that is not real. */
    fixture_exec(db, "PRAGMA ignore_check_constraints = 1;");
    fixture_people(db);
    fixture_exec(
        db, CASE(70, "2026-09-01 00:00:00",
                 1000) "INSERT INTO assignments VALUES (9, 70, 1, '2026-09-31 00:00:00', NULL);");
    ck_diag diag = {{0}};
    assert_int_equal(run_failing_october(db, &diag), CK_ERR_DATA);
    assert_string_equal(diag.text, "assignments row 9: start_at is not a real timestamp "
                                   "'YYYY-MM-DD HH:MM:SS'; run 'collectkpi check' on the database");
    sqlite3_close(db);
}

/* A quarter read in chunks of one case each (chunk_assignments 1), on a database whose table is
 * a view over another (views.sh) that gives one id as TEXT: the chunks keep to the range of the
 * period's INTEGER ids only when every id is one (engine_chunks.c), so the TEXT id, which sorts
 * after every number and would fall outside any range, is read and named, not skipped. */
static ck_error run_chunked_quarter(sqlite3 *db, ck_diag *diag)
{
    engine_request req;
    memset(&req, 0, sizeof req);
    assert_int_equal(period_from_quarter_text("2026Q4", &req.period, diag), CK_OK);
    settings_defaults(&req.settings);
    req.chunk_assignments = 1;
    kpi_result *r = NULL;
    ck_error err = engine_run(db, &req, &r, diag);
    kpi_result_free(r);
    return err;
}

static void test_chunks_read_ids_that_are_not_integers(void **state)
{
    (void)state;
    static const char rows[] =
        CASE(71, "2026-09-01 00:00:00", 1000) CASE(72, "2026-09-01 00:00:00", 1000)
            CASE(73, "2026-09-01 00:00:00",
                 1000) "INSERT INTO assignments VALUES"
                       " (1, 71, 1, '2026-09-01 00:00:00', NULL),"
                       " (2, 72, 2, '2026-09-01 00:00:00', NULL),"
                       " (3, 73, 3, '2026-09-01 00:00:00', NULL);"
                       "INSERT INTO promises VALUES"
                       " (1, 71, 1, '2026-10-01 10:00:00', '2026-10-05', 100),"
                       " (2, 72, 2, '2026-10-01 10:00:00', '2026-10-05', 100),"
                       " (3, 73, 3, '2026-10-01 10:00:00', '2026-10-05', 100);";
    static const char *const views[] = {
        "ALTER TABLE assignments RENAME TO assignments_t;"
        "CREATE VIEW assignments AS SELECT CASE assignment_id WHEN 2 THEN 'a2'"
        " ELSE assignment_id END AS assignment_id, case_id, agent_id, start_at, end_at"
        " FROM assignments_t;",
        "ALTER TABLE promises RENAME TO promises_t;"
        "CREATE VIEW promises AS SELECT CASE promise_id WHEN 2 THEN 'p2' ELSE promise_id END"
        " AS promise_id, case_id, agent_id, made_at, due_on, amount FROM promises_t;",
    };
    static const char *const named[] = {
        "assignments row 0: column assignment_id is stored as TEXT, not INTEGER; run "
        "'collectkpi check' on the database",
        "promises row 0: column promise_id is stored as TEXT, not INTEGER; run 'collectkpi "
        "check' on the database",
    };
    for (size_t i = 0; i < 2; i++) {
        sqlite3 *db = people_db();
        fixture_exec(db, rows);
        ck_diag diag = {{0}};
        /* the tables as they are: three chunks, all read */
        assert_int_equal(run_chunked_quarter(db, &diag), CK_OK);
        fixture_exec(db, views[i]);
        assert_int_equal(run_chunked_quarter(db, &diag), CK_ERR_DATA);
        assert_string_equal(diag.text, named[i]);
        sqlite3_close(db);
    }
}

/* SQLite sums the payments before the period (engine_sums.c) and stops with "integer
 * overflow" rather than wrap; the case whose sum overflowed is named, whether it is the first
 * group of the sum or a later one, in a one-month run and in a quarter read in chunks of one
 * case. Each amount is within int64: 5e18 + 5e18 = 1e19 > 9,223,372,036,854,775,807. */
static void test_old_payments_overflow_names_the_case(void **state)
{
    (void)state;
    static const char *const overflowing[] = {"71", "73"};
    for (size_t i = 0; i < 2; i++) {
        sqlite3 *db = people_db();
        fixture_exec(db, CASE(71, "2026-09-01 00:00:00", 1000) CASE(72, "2026-09-01 00:00:00", 1000)
                             CASE(73, "2026-09-01 00:00:00",
                                  1000) "INSERT INTO assignments VALUES"
                                        " (1, 71, 1, '2026-09-01 00:00:00', NULL),"
                                        " (2, 72, 2, '2026-09-01 00:00:00', NULL),"
                                        " (3, 73, 3, '2026-09-01 00:00:00', NULL);"
                                        "INSERT INTO payments VALUES"
                                        " (1, 72, '2026-09-10 00:00:00', 10, 'cash');");
        char sql[256];
        snprintf(sql, sizeof sql,
                 "INSERT INTO payments VALUES (2, %s, '2026-09-11 00:00:00', 5000000000000000000,"
                 " 'cash'), (3, %s, '2026-09-12 00:00:00', 5000000000000000000, 'cash');",
                 overflowing[i], overflowing[i]);
        fixture_exec(db, sql);
        char want[256];
        snprintf(want, sizeof want,
                 "cases row %s: its payments before the period sum beyond the int64 range; run "
                 "'collectkpi check' on the database",
                 overflowing[i]);
        ck_diag diag = {{0}};
        assert_int_equal(run_failing_october(db, &diag), CK_ERR_DATA);
        assert_string_equal(diag.text, want);
        memset(&diag, 0, sizeof diag);
        assert_int_equal(run_chunked_quarter(db, &diag), CK_ERR_DATA);
        assert_string_equal(diag.text, want);
        sqlite3_close(db);
    }
}

/* The codes of a contact are compared as C strings (engine_contacts.c value_is), as the breach
 * pass compares them: a foreign database without the CHECKs may hold a code with a NUL after it
 * ('call' NUL 'x', contact 1), which is 'call' to both; 'callx' (2) and 'cal' (3) are not calls.
 * Ann: contacts 1, 2, 3 = 3; call attempts: 1 only (outbound 'call'); rpc: 1 (debtor,
 * contacted). */
static void test_codes_compared_as_c_strings(void **state)
{
    (void)state;
    sqlite3 *db = fixture_open();
    fixture_exec(db, "PRAGMA ignore_check_constraints = 1;");
    fixture_people(db);
    fixture_exec(db, CASE(20, "2026-09-01 00:00:00",
                          1000) "INSERT INTO contacts VALUES"
                                " (1, 20, 1, '2026-10-02 10:00:00', CAST(x'63616C6C0078' AS TEXT),"
                                " 'outbound', 'debtor', 'contacted', 60),"
                                " (2, 20, 1, '2026-10-02 11:00:00', 'callx', 'outbound', 'debtor',"
                                " 'contacted', 60),"
                                " (3, 20, 1, '2026-10-02 12:00:00', 'cal', 'outbound', 'debtor',"
                                " 'contacted', 60);");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_row *ann = &fixture_agent(r, "A001")->row;
    assert_int_equal(ann->contacts, 3);
    assert_int_equal(ann->call_attempts, 1);
    assert_int_equal(ann->rpc, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reassignment_at_start_mid_and_end),
        cmocka_unit_test(test_payment_exactly_at_end_at),
        cmocka_unit_test(test_reversal_makes_collected_negative),
        cmocka_unit_test(test_reversal_inside_promise_window),
        cmocka_unit_test(test_overlapping_promises_kept_by_one_payment),
        cmocka_unit_test(test_grace_days_cross_month_end),
        cmocka_unit_test(test_kept_threshold),
        cmocka_unit_test(test_pending_versus_judged_at_as_of),
        cmocka_unit_test(test_closure_credit),
        cmocka_unit_test(test_resolution_percentiles),
        cmocka_unit_test(test_contacts_and_zero_denominators),
        cmocka_unit_test(test_agent_with_only_a_complaint),
        cmocka_unit_test(test_complaint_under_review),
        cmocka_unit_test(test_unassigned_collected),
        cmocka_unit_test(test_outstanding_never_negative),
        cmocka_unit_test(test_team_rows_are_ratios_of_sums),
        cmocka_unit_test(test_change_against_last_month),
        cmocka_unit_test(test_empty_period),
        cmocka_unit_test(test_coverage_of_the_period),
        cmocka_unit_test(test_complaints_under_review),
        cmocka_unit_test(test_bad_timestamp_is_reported),
        cmocka_unit_test(test_chunks_read_ids_that_are_not_integers),
        cmocka_unit_test(test_old_payments_overflow_names_the_case),
        cmocka_unit_test(test_codes_compared_as_c_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
