/* test_compliance.c - one test per boundary of compliance.md, on tiny hand-built databases
 * (in memory; one test copies its database to a file so that the breach pass gets its thread).
 *
 * Every expected outcome is worked out by hand in the comment beside it. The period is
 * October 2026: P = [2026-10-01 00:00:00, 2026-11-01 00:00:00). People (fixture_people):
 * team 1 Alpha = Ann (A001, agent 1), Bob (A002, agent 2); team 2 Beta = Cai (B001, agent 3).
 * Calls of one case are spaced 10 minutes apart unless a test is about burst (300 s), so
 * only the rule under test fires. A contact's rules are read from the breach list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "check_double.h"

#include "collectkpi/codes.h"
#include "collectkpi/db.h"
#include "collectkpi/score.h"
#include "fixture.h"

#define EPS 1e-9

#define Q  (1u << COMPLIANCE_QUIET_HOURS)
#define A  (1u << COMPLIANCE_ATTEMPTS_PER_DAY)
#define CD (1u << COMPLIANCE_CONNECTED_PER_DAY)
#define T  (1u << COMPLIANCE_THIRD_PARTY_EARLY)
#define B  (1u << COMPLIANCE_BURST)
#define S7 (1u << COMPLIANCE_SEVEN_IN_SEVEN)
#define AC (1u << COMPLIANCE_AFTER_CONVERSATION)

/* A case of debtor `debtor` placed on 2026-08-01 (before every contact of the tests). */
#define CASE(id, debtor)                                                                           \
    "INSERT INTO cases VALUES (" #id ", 'C" #id "', '" debtor "', 'credit_card', "                 \
    "'2026-08-01 00:00:00', 100000, 40, NULL, NULL);"
/* A contact: id, case, agent (NULL for automated), time, channel, direction, party, outcome. */
#define CONTACT(id, case_id, agent, at, channel, direction, party, outcome)                        \
    "INSERT INTO contacts VALUES (" #id ", " #case_id ", " #agent ", '" at "', '" channel          \
    "', '" direction "', '" party "', '" outcome "', 0);"
/* An outbound call by Ann that reached nobody, or the debtor. */
#define FAILED(id, case_id, at) CONTACT(id, case_id, 1, at, "call", "outbound", "none", "no_answer")
#define CONNECTED(id, case_id, at)                                                                 \
    CONTACT(id, case_id, 1, at, "call", "outbound", "debtor", "contacted")
#define THIRD(id, case_id, at)                                                                     \
    CONTACT(id, case_id, 1, at, "call", "outbound", "third_party", "contacted")

/* Runs each statement of a NULL-terminated list. */
static void exec_rows(sqlite3 *db, const char *const *rows)
{
    for (size_t i = 0; rows[i] != NULL; i++)
        fixture_exec(db, rows[i]);
}

static sqlite3 *people_db(void)
{
    sqlite3 *db = fixture_open();
    fixture_people(db);
    return db;
}

static kpi_result *run_profile(sqlite3 *db, const char *month, compliance_profile profile,
                               const settings *base)
{
    engine_request req;
    memset(&req, 0, sizeof req);
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text(month, &req.period, &diag), CK_OK);
    if (base != NULL)
        req.settings = *base;
    else
        settings_defaults(&req.settings);
    req.settings.compliance.profile = profile;
    req.want_lists = true;
    req.want_compliance = true;
    kpi_result *r = NULL;
    ck_error err = engine_run(db, &req, &r, &diag);
    if (err != CK_OK)
        fail_msg("engine_run: %s", diag.text);
    assert_true(r->has_compliance);
    return r;
}

/* The cn profile over the days from .. to (both included). */
static kpi_result *run_cn_days(sqlite3 *db, const char *from, const char *to)
{
    engine_request req;
    memset(&req, 0, sizeof req);
    ck_diag diag = {{0}};
    assert_int_equal(period_from_dates_text(from, to, &req.period, &diag), CK_OK);
    settings_defaults(&req.settings);
    req.settings.compliance.profile = COMPLIANCE_PROFILE_CN;
    req.want_lists = true;
    req.want_compliance = true;
    kpi_result *r = NULL;
    if (engine_run(db, &req, &r, &diag) != CK_OK)
        fail_msg("engine_run: %s", diag.text);
    assert_true(r->has_compliance);
    return r;
}

static kpi_result *run_cn(sqlite3 *db)
{
    return run_profile(db, "2026-10", COMPLIANCE_PROFILE_CN, NULL);
}

static kpi_result *run_us(sqlite3 *db)
{
    return run_profile(db, "2026-10", COMPLIANCE_PROFILE_US, NULL);
}

/* The rules contact_id breaks in the result's breach list (0: not listed). */
static unsigned rules_of(const kpi_result *r, int64_t contact_id)
{
    for (size_t i = 0; i < r->breach_count; i++)
        if (fixture_breach(r, i).contact_id == contact_id)
            return fixture_breach(r, i).rules;
    return 0;
}

static void test_quiet_hours_cn(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* One case per contact so that no other rule sees two of them. */
    exec_rows(
        db, (const char *const[]){
                CASE(1, "d1"), CASE(2, "d2"), CASE(3, "d3"), CASE(4, "d4"), CASE(5, "d5"),
                CASE(6, "d6"), CASE(7, "d7"), CASE(8, "d8"), CASE(9, "d9"),
                FAILED(1, 1, "2026-10-05 07:59:59"), FAILED(2, 2, "2026-10-05 08:00:00"),
                FAILED(3, 3, "2026-10-05 21:59:59"), FAILED(4, 4, "2026-10-05 22:00:00"),
                CONTACT(5, 5, 1, "2026-10-05 23:00:00", "sms", "outbound", "none", "no_answer"),
                CONTACT(6, 6, 1, "2026-10-05 23:00:00", "email", "outbound", "none", "no_answer"),
                CONTACT(7, 7, 1, "2026-10-05 23:00:00", "letter", "outbound", "none", "no_answer"),
                CONTACT(8, 8, 1, "2026-10-05 23:00:00", "call", "inbound", "debtor", "contacted"),
                CONTACT(9, 9, 1, "2026-10-05 06:00:00", "visit", "outbound", "debtor", "contacted"),
                NULL});
    kpi_result *r = run_cn(db);
    /* Quiet is before 08:00:00 or at/after 22:00:00: 07:59:59 and 22:00:00 break it,
     * 08:00:00 and 21:59:59 do not. */
    assert_int_equal(rules_of(r, 1), Q);
    assert_int_equal(rules_of(r, 2), 0);
    assert_int_equal(rules_of(r, 3), 0);
    assert_int_equal(rules_of(r, 4), Q);
    /* cn checks call, sms, im and visit: the sms and the 06:00 visit break it; email and
     * letter are not in cn's channel set; an inbound call is never the agent's doing. */
    assert_int_equal(rules_of(r, 5), Q);
    assert_int_equal(rules_of(r, 6), 0);
    assert_int_equal(rules_of(r, 7), 0);
    assert_int_equal(rules_of(r, 8), 0);
    assert_int_equal(rules_of(r, 9), Q);
    const kpi_agent *ann = fixture_agent(r, "A001");
    /* Ann: outbound = 8 (all but the inbound call), breaching = 4 (ids 1, 4, 5, 9), none
     * critical, 4 * 1000 / 8 = 500 per 1,000, 4 distinct cases. */
    assert_int_equal(ann->compliance.outbound_contacts, 8);
    assert_int_equal(ann->compliance.breaches[COMPLIANCE_QUIET_HOURS], 4);
    assert_int_equal(ann->compliance.breaching_contacts, 4);
    assert_int_equal(ann->compliance.critical_breaches, 0);
    assert_double_equal(ann->compliance.breaches_per_1k_outbound.value, 500.0, EPS);
    assert_int_equal(ann->compliance.cases_with_breach, 4);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_quiet_hours_us(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(
        db, (const char *const[]){
                CASE(1, "d1"), CASE(2, "d2"), CASE(3, "d3"), CASE(4, "d4"), CASE(5, "d5"),
                FAILED(1, 1, "2026-10-05 20:59:59"), FAILED(2, 2, "2026-10-05 21:00:00"),
                FAILED(3, 3, "2026-10-05 07:59:59"),
                CONTACT(4, 4, 1, "2026-10-05 21:30:00", "email", "outbound", "none", "no_answer"),
                CONTACT(5, 5, 1, "2026-10-05 21:30:00", "letter", "outbound", "none", "no_answer"),
                NULL});
    kpi_result *r = run_us(db);
    /* us quiet hours start at 21:00:00: 20:59:59 fine, 21:00:00 breaks; 07:59:59 breaks;
     * us also checks email, never letters. */
    assert_int_equal(rules_of(r, 1), 0);
    assert_int_equal(rules_of(r, 2), Q);
    assert_int_equal(rules_of(r, 3), Q);
    assert_int_equal(rules_of(r, 4), Q);
    assert_int_equal(rules_of(r, 5), 0);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_attempts_per_day(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(db, (const char *const[]){
                      CASE(1, "d1"), CASE(2, "d2"), CASE(3, "d3"),
                      /* case 1: seven failed calls on 10-05 */
                      FAILED(1, 1, "2026-10-05 09:00:00"), FAILED(2, 1, "2026-10-05 09:10:00"),
                      FAILED(3, 1, "2026-10-05 09:20:00"), FAILED(4, 1, "2026-10-05 09:30:00"),
                      FAILED(5, 1, "2026-10-05 09:40:00"), FAILED(6, 1, "2026-10-05 09:50:00"),
                      FAILED(7, 1, "2026-10-05 10:00:00"),
                      /* case 2: six failed calls, then a 7th that connects */
                      FAILED(11, 2, "2026-10-05 09:00:00"), FAILED(12, 2, "2026-10-05 09:10:00"),
                      FAILED(13, 2, "2026-10-05 09:20:00"), FAILED(14, 2, "2026-10-05 09:30:00"),
                      FAILED(15, 2, "2026-10-05 09:40:00"), FAILED(16, 2, "2026-10-05 09:50:00"),
                      CONNECTED(17, 2, "2026-10-05 10:00:00"),
                      /* case 3: three failed the day before, five on 10-05, then a 6th */
                      FAILED(21, 3, "2026-10-04 19:00:00"), FAILED(22, 3, "2026-10-04 19:10:00"),
                      FAILED(23, 3, "2026-10-04 19:20:00"), FAILED(24, 3, "2026-10-05 09:00:00"),
                      FAILED(25, 3, "2026-10-05 09:10:00"), FAILED(26, 3, "2026-10-05 09:20:00"),
                      FAILED(27, 3, "2026-10-05 09:30:00"), FAILED(28, 3, "2026-10-05 09:40:00"),
                      FAILED(29, 3, "2026-10-05 09:50:00"), NULL});
    kpi_result *r = run_cn(db);
    /* The 6th call has 5 failed calls before it that day: fine. The 7th has 6: breach. */
    assert_int_equal(rules_of(r, 6), 0);
    assert_int_equal(rules_of(r, 7), A);
    /* Dialling on after six unanswered attempts breaks it even when the 7th connects. */
    assert_int_equal(rules_of(r, 17), A);
    /* Case 3: only 10-05's failed calls count: the 6th of 10-05 (id 29) has 5 before it. */
    assert_int_equal(rules_of(r, 29), 0);
    assert_int_equal(r->breach_count, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_connected_per_day_across_cases(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* Cases 1 and 2 are one debtor ('same'); case 3 is another debtor. */
    exec_rows(db,
              (const char *const[]){
                  CASE(1, "same"), CASE(2, "same"), CASE(3, "other"),
                  CONNECTED(1, 1, "2026-10-05 10:00:00"),
                  CONTACT(2, 1, 1, "2026-10-05 10:30:00", "call", "inbound", "debtor", "promise"),
                  CONTACT(3, 2, 2, "2026-10-05 11:00:00", "call", "outbound", "debtor", "refusal"),
                  CONNECTED(4, 3, "2026-10-05 11:30:00"), CONNECTED(5, 1, "2026-10-05 12:00:00"),
                  CONTACT(6, 2, 2, "2026-10-05 13:00:00", "call", "outbound", "debtor", "promise"),
                  CONNECTED(7, 1, "2026-10-06 09:00:00"), NULL});
    kpi_result *r = run_cn(db);
    /* Debtor 'same' on 10-05, outbound connected calls only: id 1 (0 before), id 3 (1),
     * id 5 (2: the 3rd call, fine), id 6 (3 before: the 4th, breach, Bob's). The inbound
     * call (id 2) and the other debtor's call (id 4) do not count; 10-06 starts again. */
    assert_int_equal(rules_of(r, 5), 0);
    assert_int_equal(rules_of(r, 6), CD);
    assert_int_equal(rules_of(r, 7), 0);
    assert_int_equal(r->breach_count, 1);
    const kpi_agent *bob = fixture_agent(r, "A002");
    assert_int_equal(bob->compliance.breaches[COMPLIANCE_CONNECTED_PER_DAY], 1);
    assert_int_equal(bob->compliance.cases_with_breach, 1);
    /* No output carries the debtor: the breach names case C2 only. */
    assert_string_equal(fixture_breach(r, 0).case_no, "C2");
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_third_party_early(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(
        db,
        (const char *const[]){
            CASE(1, "d1"), CASE(2, "d2"), CASE(3, "d3"), CASE(4, "d4"), CASE(5, "d5"),
            CASE(6, "d6"), CASE(7, "d7"),
            /* 1: third failed call on 10-05, third party the same day */
            FAILED(11, 1, "2026-10-05 09:00:00"), FAILED(12, 1, "2026-10-05 09:10:00"),
            FAILED(13, 1, "2026-10-05 09:20:00"), THIRD(14, 1, "2026-10-05 10:00:00"),
            /* 2: the same attempts, third party the next day */
            FAILED(21, 2, "2026-10-05 09:00:00"), FAILED(22, 2, "2026-10-05 09:10:00"),
            FAILED(23, 2, "2026-10-05 09:20:00"), THIRD(24, 2, "2026-10-06 10:00:00"),
            /* 3: three failed calls on 09-10, third party 30 days later (10-10) */
            FAILED(31, 3, "2026-09-10 09:00:00"), FAILED(32, 3, "2026-09-10 09:10:00"),
            FAILED(33, 3, "2026-09-10 09:20:00"), THIRD(34, 3, "2026-10-10 10:00:00"),
            /* 4: the same, third party 31 days later (10-11) */
            FAILED(41, 4, "2026-09-10 09:00:00"), FAILED(42, 4, "2026-09-10 09:10:00"),
            FAILED(43, 4, "2026-09-10 09:20:00"), THIRD(44, 4, "2026-10-11 10:00:00"),
            /* 5: one invalid_number call, then a third party the same day */
            CONTACT(51, 5, 1, "2026-10-05 09:00:00", "call", "outbound", "none", "invalid_number"),
            THIRD(52, 5, "2026-10-05 10:00:00"),
            /* 6: unreachable on 10-03, the debtor answers on 10-04, third party on 10-06 */
            FAILED(61, 6, "2026-10-03 09:00:00"), FAILED(62, 6, "2026-10-03 09:10:00"),
            FAILED(63, 6, "2026-10-03 09:20:00"),
            CONTACT(64, 6, 1, "2026-10-04 09:00:00", "sms", "inbound", "debtor", "contacted"),
            THIRD(65, 6, "2026-10-06 10:00:00"),
            /* 7: no attempt at all; an sms to a relative breaks it too, an email does not */
            CONTACT(71, 7, 1, "2026-10-05 09:00:00", "sms", "outbound", "third_party", "contacted"),
            CONTACT(72, 7, 1, "2026-10-05 10:00:00", "email", "outbound", "third_party",
                    "contacted"),
            NULL});
    kpi_result *r = run_cn(db);
    /* 1: the three failures are on c's own day; only an earlier day counts: breach. */
    assert_int_equal(rules_of(r, 14), T);
    /* 2: three failed calls on 10-05, an earlier day than 10-06: unreachable, fine. */
    assert_int_equal(rules_of(r, 24), 0);
    /* 3: W = 00:00 of 10-10 - 30 days = 09-10 00:00: the 09-10 calls count: fine. */
    assert_int_equal(rules_of(r, 34), 0);
    /* 4: W = 09-11 00:00: the 09-10 calls are too old: breach. */
    assert_int_equal(rules_of(r, 44), T);
    /* 5: a dead number (invalid_number) makes the debtor unreachable at once. */
    assert_int_equal(rules_of(r, 52), 0);
    /* 6: the debtor contact of 10-04 is s; no failed call after it: breach again. */
    assert_int_equal(rules_of(r, 65), T);
    /* 7: sms to a third party with no attempt: breach; email is not in the rule's set. */
    assert_int_equal(rules_of(r, 71), T);
    assert_int_equal(rules_of(r, 72), 0);
    /* Ann: breaching 14, 44, 65, 71 = 4, each critical (third_party_early is critical). */
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_int_equal(ann->compliance.breaches[COMPLIANCE_THIRD_PARTY_EARLY], 4);
    assert_int_equal(ann->compliance.critical_breaches, 4);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_third_party_same_second_as_debtor_contact(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* Order is (contact_at, contact_id): a failed call at the same second as the debtor
     * contact but with a higher id comes after it and counts; with a lower id it comes
     * before it and is wiped by it. */
    exec_rows(db,
              (const char *const[]){
                  CASE(1, "d1"), CASE(2, "d2"), FAILED(11, 1, "2026-10-03 09:00:00"),
                  FAILED(12, 1, "2026-10-03 09:10:00"),
                  CONTACT(13, 1, 1, "2026-10-03 09:20:00", "sms", "inbound", "debtor", "contacted"),
                  FAILED(14, 1, "2026-10-03 09:20:00"), FAILED(15, 1, "2026-10-03 09:30:00"),
                  FAILED(16, 1, "2026-10-03 09:40:00"), THIRD(17, 1, "2026-10-04 10:00:00"),
                  FAILED(21, 2, "2026-10-03 09:00:00"), FAILED(22, 2, "2026-10-03 09:10:00"),
                  FAILED(23, 2, "2026-10-03 09:20:00"),
                  CONTACT(24, 2, 1, "2026-10-03 09:20:00", "sms", "inbound", "debtor", "contacted"),
                  THIRD(25, 2, "2026-10-04 10:00:00"), NULL});
    kpi_result *r = run_cn(db);
    /* Case 1: after the debtor contact (id 13) come ids 14, 15, 16: three failed calls on
     * 10-03, before 10-04: unreachable, fine. */
    assert_int_equal(rules_of(r, 17), 0);
    /* Case 2: id 23 shares the second but precedes id 24 (the debtor contact): only
     * nothing counts after it: breach. */
    assert_int_equal(rules_of(r, 25), T);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_burst(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(db,
              (const char *const[]){
                  CASE(1, "d1"), FAILED(1, 1, "2026-10-05 10:00:00"),
                  FAILED(2, 1, "2026-10-05 10:04:59"), FAILED(3, 1, "2026-10-05 10:09:59"),
                  CONTACT(4, 1, 1, "2026-10-05 10:10:30", "call", "inbound", "debtor", "contacted"),
                  CONTACT(5, 1, 1, "2026-10-05 10:11:00", "sms", "outbound", "none", "no_answer"),
                  FAILED(6, 1, "2026-10-05 11:00:00"), FAILED(7, 1, "2026-10-05 11:00:00"), NULL});
    kpi_result *r = run_cn(db);
    /* 10:04:59 is 299 s after 10:00:00: breach; 10:09:59 is 300 s after 10:04:59: fine.
     * The inbound call and the sms are not outbound calls: neither breaks nor counts as
     * "the previous call". Two calls at the same second: the later id breaks it (0 < 300). */
    assert_int_equal(rules_of(r, 1), 0);
    assert_int_equal(rules_of(r, 2), B);
    assert_int_equal(rules_of(r, 3), 0);
    assert_int_equal(rules_of(r, 5), 0);
    assert_int_equal(rules_of(r, 6), 0);
    assert_int_equal(rules_of(r, 7), B);
    /* burst is minor: 2 breaching, 0 critical. */
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_int_equal(ann->compliance.breaching_contacts, 2);
    assert_int_equal(ann->compliance.critical_breaches, 0);
    assert_int_equal(ann->compliance.cases_with_breach, 1);
    kpi_result_free(r);
    /* The same under us. */
    r = run_us(db);
    assert_int_equal(rules_of(r, 2), B);
    assert_int_equal(rules_of(r, 3), 0);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_seven_in_seven(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* Seven calls on day 1 (10-01), one on day 7 (10-07), one on day 8 (10-08). */
    exec_rows(db,
              (const char *const[]){
                  CASE(1, "d1"), FAILED(1, 1, "2026-10-01 09:00:00"),
                  FAILED(2, 1, "2026-10-01 09:10:00"), FAILED(3, 1, "2026-10-01 09:20:00"),
                  FAILED(4, 1, "2026-10-01 09:30:00"), FAILED(5, 1, "2026-10-01 09:40:00"),
                  FAILED(6, 1, "2026-10-01 09:50:00"), FAILED(7, 1, "2026-10-01 10:00:00"),
                  FAILED(8, 1, "2026-10-07 10:00:00"), FAILED(9, 1, "2026-10-08 10:00:00"), NULL});
    kpi_result *r = run_us(db);
    /* The 7th call of 10-01 has 6 before it: fine. Day 7 (10-07): days 10-01..10-07 hold 7
     * calls before it: breach. Day 8 (10-08): days 10-02..10-08 hold 1 (10-07): fine. */
    assert_int_equal(rules_of(r, 7), 0);
    assert_int_equal(rules_of(r, 8), S7);
    assert_int_equal(rules_of(r, 9), 0);
    /* cn has no seven_in_seven: 10-07's call is its day's first, fine; only the 7th call
     * of 10-01 breaks a cn rule (attempts_per_day: six failed calls before it that day). */
    kpi_result_free(r);
    r = run_cn(db);
    assert_int_equal(r->breach_count, 1);
    assert_int_equal(rules_of(r, 7), A);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_after_conversation(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(
        db, (const char *const[]){
                CASE(1, "d1"), CASE(2, "d2"), CONNECTED(1, 1, "2026-10-10 10:00:00"),
                FAILED(2, 1, "2026-10-10 15:00:00"), FAILED(3, 1, "2026-10-16 10:00:00"),
                FAILED(4, 1, "2026-10-17 10:00:00"),
                /* case 2: the debtor called in (inbound conversation) */
                CONTACT(11, 2, 1, "2026-10-20 10:00:00", "call", "inbound", "debtor", "promise"),
                FAILED(12, 2, "2026-10-21 10:00:00"),
                CONTACT(13, 2, 1, "2026-10-21 11:00:00", "sms", "outbound", "debtor", "contacted"),
                NULL});
    kpi_result *r = run_us(db);
    /* The conversation itself has none before it: fine. Later that day: breach. Day 7 of
     * the 7 (10-16 - 6 = 10-10): breach. Day 8 (10-17): fine. */
    assert_int_equal(rules_of(r, 1), 0);
    assert_int_equal(rules_of(r, 2), AC);
    assert_int_equal(rules_of(r, 3), AC);
    assert_int_equal(rules_of(r, 4), 0);
    /* An inbound conversation counts; the rule is about calls, so the sms is fine, and
     * the inbound call never breaks anything. */
    assert_int_equal(rules_of(r, 11), 0);
    assert_int_equal(rules_of(r, 12), AC);
    assert_int_equal(rules_of(r, 13), 0);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* people_db with an automated sms at 22:30 (no agent), an sms at noon, and two calls of
 * case 2 by Ann and Cai (Ann's unanswered at 23:00, Cai's at 23:00 the next day) beside an inbound
 * call: the rows of the system line's tests. */
static sqlite3 *system_line_db(void)
{
    sqlite3 *db = people_db();
    exec_rows(
        db, (const char *const[]){
                CASE(1, "d1"), CASE(2, "d2"),
                CONTACT(1, 1, NULL, "2026-10-05 22:30:00", "sms", "outbound", "none", "no_answer"),
                CONTACT(2, 1, NULL, "2026-10-05 12:00:00", "sms", "outbound", "none", "no_answer"),
                FAILED(3, 2, "2026-10-05 23:00:00"),
                CONTACT(4, 2, 3, "2026-10-06 23:00:00", "call", "outbound", "none", "busy"),
                CONTACT(5, 2, 3, "2026-10-06 12:00:00", "call", "inbound", "debtor", "contacted"),
                NULL});
    return db;
}

static void test_automated_contacts_system_line(void **state)
{
    (void)state;
    sqlite3 *db = system_line_db();
    kpi_result *r = run_cn(db);
    /* The 22:30 automated sms breaks quiet_hours on the system line: outbound 2, breaching
     * 1, 1 case, 500 per 1,000. */
    assert_int_equal(rules_of(r, 1), Q);
    assert_int_equal(r->compliance_system.outbound_contacts, 2);
    assert_int_equal(r->compliance_system.breaches[COMPLIANCE_QUIET_HOURS], 1);
    assert_int_equal(r->compliance_system.breaching_contacts, 1);
    assert_int_equal(r->compliance_system.cases_with_breach, 1);
    assert_double_equal(r->compliance_system.breaches_per_1k_outbound.value, 500.0, EPS);
    assert_int_equal(fixture_breach(r, 0).agent_index, KPI_NO_INDEX);
    /* Ann (Alpha): 1 outbound, 1 breach, case 2. Cai (Beta): 1 outbound (the inbound call
     * is not), 1 breach, case 2. Alpha = Ann's row; Beta = Cai's. The total = Ann + Cai +
     * system: outbound 4, breaching 3, cases_with_breach 1 + 1 + 1 = 3 (summed, like
     * cases_worked, though case 2 is both agents'), 3 * 1000 / 4 = 750. */
    const kpi_agent *ann = fixture_agent(r, "A001"), *cai = fixture_agent(r, "B001");
    assert_int_equal(ann->compliance.outbound_contacts, 1);
    assert_int_equal(cai->compliance.outbound_contacts, 1);
    assert_int_equal(cai->compliance.breaching_contacts, 1);
    assert_int_equal(r->team_count, 2);
    assert_int_equal(r->teams[0].compliance.breaching_contacts, 1); /* Alpha */
    assert_int_equal(r->teams[1].compliance.breaching_contacts, 1); /* Beta */
    assert_int_equal(r->compliance_total.outbound_contacts, 4);
    assert_int_equal(r->compliance_total.breaching_contacts, 3);
    assert_int_equal(r->compliance_total.breaches[COMPLIANCE_QUIET_HOURS], 3);
    assert_int_equal(r->compliance_total.cases_with_breach, 3);
    assert_double_equal(r->compliance_total.breaches_per_1k_outbound.value, 750.0, EPS);
    /* The breach list is in (contact_at, contact_id) order: 10-05 22:30 (system), 10-05
     * 23:00 (Ann), 10-06 23:00 (Cai). */
    assert_int_equal(r->breach_count, 3);
    assert_int_equal(fixture_breach(r, 0).contact_id, 1);
    assert_int_equal(fixture_breach(r, 1).contact_id, 3);
    assert_int_equal(fixture_breach(r, 2).contact_id, 4);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_score_total_adds_system_line(void **state)
{
    (void)state;
    sqlite3 *db = system_line_db(); /* the rows of test_automated_contacts_system_line */
    kpi_result *r = run_cn(db);
    score_table t;
    assert_int_equal(score_table_build(r, &t), CK_OK);
    /* scorecard.md builds its figures from compliance.md's: the score's total row is
     * compliance.md's total, which adds the system line (outbound 2, breaching 1): Ann 1 +
     * Cai 1 + system 2 = 4 outbound, 1 + 1 + 1 = 3 breaching, 3 * 1000 / 4 = 750, no
     * critical breach. */
    assert_int_equal(t.total.outbound_contacts, 4);
    assert_int_equal(t.total.breaching_contacts, 3);
    assert_int_equal(t.total.critical_breaches, 0);
    assert_true(t.total.breaches_per_1k_outbound.defined);
    assert_double_equal(t.total.breaches_per_1k_outbound.value, 750.0, EPS);
    /* Teams are their agents' sums (the system line is in no team): Alpha = Ann, 1 of 1 =
     * 1000 per 1,000; Beta = Cai, the same. */
    assert_int_equal(t.team_count, 2);
    assert_int_equal(t.teams[0].outbound_contacts, 1);
    assert_int_equal(t.teams[0].breaching_contacts, 1);
    assert_double_equal(t.teams[0].breaches_per_1k_outbound.value, 1000.0, EPS);
    assert_int_equal(t.teams[1].outbound_contacts, 1);
    assert_int_equal(t.teams[1].breaching_contacts, 1);
    score_table_free(&t);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* A period of two months is checked a month at a time (compliance_pass.c): each month reads
 * its own look-back, and cases_with_breach counts the agent's cases of the whole period. */
static void test_period_of_two_months(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(db, (const char *const[]){
                      CASE(1, "d1"), CASE(2, "d2"), CASE(3, "d3"), CASE(4, "d4"),
                      /* case 1: a call in quiet hours in each month */
                      FAILED(1, 1, "2026-09-10 23:00:00"), FAILED(2, 1, "2026-10-10 23:00:00"),
                      /* case 2: two calls 180 s apart across the first of October */
                      FAILED(11, 2, "2026-09-30 23:58:00"), FAILED(12, 2, "2026-10-01 00:01:00"),
                      /* case 3: three failed calls on 09-29, a third party on 10-02 */
                      FAILED(21, 3, "2026-09-29 10:00:00"), FAILED(22, 3, "2026-09-29 10:10:00"),
                      FAILED(23, 3, "2026-09-29 10:20:00"), THIRD(24, 3, "2026-10-02 10:00:00"),
                      /* case 4: a third party with nothing before */
                      THIRD(31, 4, "2026-09-15 10:00:00"), NULL});
    kpi_result *r = run_cn_days(db, "2026-09-01", "2026-10-31");
    /* 1 and 2 are at 23:00 (quiet from 22:00). 11 is at 23:58 (quiet); 12 at 00:01 is
     * quiet too and comes 180 s < 300 s after 11, read by October's look-back: burst. */
    assert_int_equal(rules_of(r, 1), Q);
    assert_int_equal(rules_of(r, 2), Q);
    assert_int_equal(rules_of(r, 11), Q);
    assert_int_equal(rules_of(r, 12), Q | B);
    /* 24: W = 10-02 - 30 days = 09-02, s = W (placed 08-01, no debtor contact); the three
     * failed calls of 09-29 (in October's far look-back) make case 3 unreachable from 09-30
     * on: no breach. 31: nothing before it: third_party_early. */
    assert_int_equal(rules_of(r, 21), 0);
    assert_int_equal(rules_of(r, 24), 0);
    assert_int_equal(rules_of(r, 31), T);
    /* All Ann's: 9 outbound calls, breaching 1, 2, 11, 12, 31 = 5, critical 1 (31); quiet
     * hours 4, burst 1, third party 1. Cases with a breach: 1, 2 and 4 = 3, though cases 1
     * and 2 have one in each month (counted per month they would make 5). */
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_int_equal(ann->compliance.outbound_contacts, 9);
    assert_int_equal(ann->compliance.breaching_contacts, 5);
    assert_int_equal(ann->compliance.critical_breaches, 1);
    assert_int_equal(ann->compliance.breaches[COMPLIANCE_QUIET_HOURS], 4);
    assert_int_equal(ann->compliance.breaches[COMPLIANCE_BURST], 1);
    assert_int_equal(ann->compliance.breaches[COMPLIANCE_THIRD_PARTY_EARLY], 1);
    assert_int_equal(ann->compliance.cases_with_breach, 3);
    assert_int_equal(r->compliance_total.cases_with_breach, 3);
    /* kpi.md's counts from the same records: 9 contacts, 9 call attempts, no rpc (the two
     * third-party calls are not the debtor). */
    assert_int_equal(ann->row.contacts, 9);
    assert_int_equal(ann->row.call_attempts, 9);
    assert_int_equal(ann->row.rpc, 0);
    /* The list in (contact_at, contact_id) order across both months. */
    assert_int_equal(r->breach_count, 5);
    assert_int_equal(fixture_breach(r, 0).contact_id, 1);
    assert_int_equal(fixture_breach(r, 1).contact_id, 31);
    assert_int_equal(fixture_breach(r, 2).contact_id, 11);
    assert_int_equal(fixture_breach(r, 3).contact_id, 12);
    assert_int_equal(fixture_breach(r, 4).contact_id, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* An assignment of case `case_id` to Ann from 2026-08-01 on (the period's chunks of cases are
 * cut by assignments). */
#define ASSIGNED(id, case_id)                                                                      \
    "INSERT INTO assignments VALUES (" #id ", " #case_id ", 1, '2026-08-01 00:00:00', NULL);"

/* September and October on two threads, read from a file (engine_usable_jobs): the breach
 * pass cuts October at 00:00 of 10-24, three quarters into it (compliance_pass.c make_jobs), so
 * 10-24 on is read apart from the rest of the month, with its own look-back. jobs_want: 1 (one
 * thread, no cut) or 2; chunked: no lists and a chunk of cases per assignment, so the run cuts
 * its cases into chunks while the pass's thread already reads (want_lists off: counts only). */
static kpi_result *run_cut(const char *path, size_t jobs_want, bool chunked)
{
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    assert_int_equal(db_open_readonly(path, &db, &diag), CK_OK);
    engine_request req;
    memset(&req, 0, sizeof req);
    assert_int_equal(period_from_dates_text("2026-09-01", "2026-10-31", &req.period, &diag), CK_OK);
    settings_defaults(&req.settings);
    req.settings.compliance.profile = COMPLIANCE_PROFILE_CN;
    req.want_compliance = true;
    req.want_lists = !chunked;
    req.jobs = jobs_want;
    req.chunk_assignments = chunked ? 1 : 0;
    kpi_result *r = NULL;
    if (engine_run(db, &req, &r, &diag) != CK_OK)
        fail_msg("engine_run: %s", diag.text);
    assert_true(r->has_compliance);
    sqlite3_close(db);
    return r;
}

static void test_last_month_cut_on_two_threads(void **state)
{
    (void)state;
    sqlite3 *memory = people_db();
    exec_rows(memory,
              (const char *const[]){
                  CASE(1, "d1"), CASE(2, "d2"), CASE(3, "d3"), CASE(4, "d4"), ASSIGNED(1, 1),
                  ASSIGNED(2, 2), ASSIGNED(3, 3), ASSIGNED(4, 4),
                  /* case 1: two calls 180 s apart across the cut */
                  FAILED(1, 1, "2026-10-23 23:58:00"), FAILED(2, 1, "2026-10-24 00:01:00"),
                  /* case 2: three failed calls on 10-20, before the cut; a third party on 10-25 */
                  FAILED(11, 2, "2026-10-20 10:00:00"), FAILED(12, 2, "2026-10-20 10:10:00"),
                  FAILED(13, 2, "2026-10-20 10:20:00"), THIRD(14, 2, "2026-10-25 10:00:00"),
                  /* case 3: a third party on the cut's day with nothing before */
                  THIRD(21, 3, "2026-10-24 10:00:00"),
                  /* case 4: the debtor reached on 10-23, a third party the next morning */
                  CONNECTED(31, 4, "2026-10-23 15:00:00"), THIRD(32, 4, "2026-10-24 09:00:00"),
                  NULL});
    char path[64];
    snprintf(path, sizeof path, "test_compliance_cut_%ld.db", (long)getpid());
    remove(path);
    char vacuum[128];
    snprintf(vacuum, sizeof vacuum, "VACUUM INTO '%s';", path);
    fixture_exec(memory, vacuum);
    sqlite3_close(memory);
    kpi_result *two = run_cut(path, 2, false);
    kpi_result *one = run_cut(path, 1, false);
    kpi_result *chunked = run_cut(path, 2, true);
    remove(path);
    /* 1 at 23:58 and 2 at 00:01 are in quiet hours (22:00 - 08:00); 2 comes 180 s < 300 s
     * after 1, which the piece from 10-24 on reads in its look-back (10-24 - 300 s): burst. */
    assert_int_equal(rules_of(two, 1), Q);
    assert_int_equal(rules_of(two, 2), Q | B);
    /* 14: W = 10-25 - 30 days = 09-25, s = W (placed 08-01, no debtor contact); the three
     * failed calls of 10-20 (before the cut: the piece's far look-back) make case 2
     * unreachable from 10-21 on: no breach. 11, 12, 13: 10 minutes apart, 0, 1, 2 failed
     * calls before each that day (< 3): none. */
    assert_int_equal(rules_of(two, 11), 0);
    assert_int_equal(rules_of(two, 13), 0);
    assert_int_equal(rules_of(two, 14), 0);
    /* 21: nothing before it: third_party_early. 32: s = the debtor contact 31 of 10-23
     * 15:00 (before the cut), no failed call after it: reachable, third_party_early. */
    assert_int_equal(rules_of(two, 21), T);
    assert_int_equal(rules_of(two, 31), 0);
    assert_int_equal(rules_of(two, 32), T);
    /* Ann: outbound 1, 2, 11, 12, 13, 14, 21, 31, 32 = 9; breaching 1, 2, 21, 32 = 4, critical
     * 2 (21, 32); quiet hours 2, burst 1, third party 2; cases with a breach 1, 3, 4 = 3.
     * kpi.md's counts from the same records: 9 contacts, 9 call attempts, rpc 1 (31). */
    const kpi_result *runs[] = {two, one, chunked};
    for (size_t k = 0; k < 3; k++) {
        const kpi_agent *ann = fixture_agent(runs[k], "A001");
        assert_non_null(ann);
        assert_int_equal(ann->compliance.outbound_contacts, 9);
        assert_int_equal(ann->compliance.breaching_contacts, 4);
        assert_int_equal(ann->compliance.critical_breaches, 2);
        assert_int_equal(ann->compliance.breaches[COMPLIANCE_QUIET_HOURS], 2);
        assert_int_equal(ann->compliance.breaches[COMPLIANCE_BURST], 1);
        assert_int_equal(ann->compliance.breaches[COMPLIANCE_THIRD_PARTY_EARLY], 2);
        assert_int_equal(ann->compliance.cases_with_breach, 3);
        assert_int_equal(ann->row.contacts, 9);
        assert_int_equal(ann->row.call_attempts, 9);
        assert_int_equal(ann->row.rpc, 1);
    }
    /* One thread (no cut) lists the same breaches in the same order. */
    assert_int_equal(two->breach_count, 4);
    assert_int_equal(one->breach_count, two->breach_count);
    for (size_t i = 0; i < two->breach_count; i++) {
        assert_int_equal(fixture_breach(one, i).contact_id, fixture_breach(two, i).contact_id);
        assert_int_equal(fixture_breach(one, i).rules, fixture_breach(two, i).rules);
    }
    kpi_result_free(two);
    kpi_result_free(one);
    kpi_result_free(chunked);
}

static void test_lookback_before_period(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(db, (const char *const[]){
                      CASE(1, "d1"), CASE(2, "d2"), FAILED(1, 1, "2026-09-30 23:58:00"),
                      FAILED(2, 1, "2026-10-01 00:01:00"),
                      /* case 2, us: seven calls on 09-25, one on 10-01 */
                      FAILED(11, 2, "2026-09-25 09:00:00"), FAILED(12, 2, "2026-09-25 09:10:00"),
                      FAILED(13, 2, "2026-09-25 09:20:00"), FAILED(14, 2, "2026-09-25 09:30:00"),
                      FAILED(15, 2, "2026-09-25 09:40:00"), FAILED(16, 2, "2026-09-25 09:50:00"),
                      FAILED(17, 2, "2026-09-25 10:00:00"), FAILED(18, 2, "2026-10-01 10:00:00"),
                      NULL});
    kpi_result *r = run_cn(db);
    /* 09-30 23:58 breaks quiet_hours but is before P: not counted, not listed. It is still
     * the previous call of 10-01 00:01 (180 s): burst, with quiet_hours. */
    assert_int_equal(rules_of(r, 1), 0);
    assert_int_equal(rules_of(r, 2), Q | B);
    const kpi_agent *ann = fixture_agent(r, "A001");
    /* Outbound in P: ids 2 and 18 only. */
    assert_int_equal(ann->compliance.outbound_contacts, 2);
    assert_int_equal(ann->compliance.breaching_contacts, 1);
    kpi_result_free(r);
    r = run_us(db);
    /* us: 10-01 - 6 = 09-25: the seven September calls count: seven_in_seven. */
    assert_int_equal(rules_of(r, 18), S7);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_settings_change_rules(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    exec_rows(db, (const char *const[]){CASE(1, "d1"), FAILED(1, 1, "2026-10-05 10:00:00"),
                                        FAILED(2, 1, "2026-10-05 10:04:59"),
                                        FAILED(3, 1, "2026-10-05 21:30:00"), NULL});
    settings s;
    settings_defaults(&s);
    ck_diag diag = {{0}};
    assert_int_equal(compliance_settings_set(&s.compliance, "burst_severity", "critical", &diag),
                     CK_OK);
    assert_int_equal(
        compliance_settings_set(&s.compliance, "cn_contact_hours", "08:00-21:00", &diag), CK_OK);
    assert_int_equal(compliance_settings_set(&s.compliance, "burst_seconds", "299", &diag), CK_OK);
    kpi_result *r = run_profile(db, "2026-10", COMPLIANCE_PROFILE_CN, &s);
    /* 299 s apart is no longer less than burst_seconds = 299; 21:30 is now quiet. */
    assert_int_equal(rules_of(r, 2), 0);
    assert_int_equal(rules_of(r, 3), Q);
    kpi_result_free(r);
    assert_int_equal(compliance_settings_set(&s.compliance, "burst_seconds", "300", &diag), CK_OK);
    r = run_profile(db, "2026-10", COMPLIANCE_PROFILE_CN, &s);
    /* burst again, and now critical. */
    assert_int_equal(rules_of(r, 2), B);
    assert_int_equal(fixture_agent(r, "A001")->compliance.critical_breaches, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_kpi_figures_unchanged_by_the_pass(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* The breach pass's records give the kpi rows their contact counts; every kind of
     * contact the counting query tells apart is here, and a few it must leave out. */
    exec_rows(
        db,
        (const char *const[]){
            CASE(1, "d1"), CASE(2, "d2"), FAILED(1, 1, "2026-10-05 23:00:00"),
            CONNECTED(2, 1, "2026-10-05 23:01:00"),
            CONTACT(3, 1, 1, "2026-10-06 10:00:00", "call", "inbound", "debtor", "contacted"),
            CONTACT(4, 2, 1, "2026-10-06 11:00:00", "sms", "outbound", "debtor", "contacted"),
            CONTACT(5, 2, NULL, "2026-10-06 12:00:00", "sms", "outbound", "debtor", "no_answer"),
            CONTACT(6, 2, 2, "2026-10-07 10:00:00", "call", "outbound", "third_party", "contacted"),
            CONTACT(7, 2, 3, "2026-09-30 23:58:00", "call", "outbound", "debtor", "contacted"),
            CONTACT(8, 1, 2, "2026-11-01 00:00:00", "call", "outbound", "debtor", "contacted"),
            NULL});
    kpi_result *with = run_cn(db);
    kpi_result *without = fixture_run(db, "2026-10", NULL);
    /* Without the flag nothing is computed; with it the kpi rows are the same bytes. */
    assert_false(without->has_compliance);
    assert_int_equal(without->breach_count, 0);
    /* Ann and Bob; Cai's only contact (id 7) is before P, in the look-back: no row. */
    assert_int_equal(with->agent_count, 2);
    assert_int_equal(without->agent_count, 2);
    /* Column by column (a struct's padding bytes are not figures). */
    for (size_t c = 0; c < kpi_column_count; c++) {
        for (size_t i = 0; i < with->agent_count; i++) {
            kpi_cell a = kpi_row_cell(&with->agents[i].row, &kpi_columns[c]);
            kpi_cell b = kpi_row_cell(&without->agents[i].row, &kpi_columns[c]);
            assert_int_equal(a.defined, b.defined);
            assert_int_equal(a.integer, b.integer);
            assert_true(a.value == b.value);
        }
        kpi_cell ta = kpi_row_cell(&with->total, &kpi_columns[c]);
        kpi_cell tb = kpi_row_cell(&without->total, &kpi_columns[c]);
        assert_int_equal(ta.defined, tb.defined);
        assert_int_equal(ta.integer, tb.integer);
        assert_true(ta.value == tb.value);
    }
    /* Ann: ids 1, 2, 3, 4 are contacts; 1 and 2 are outbound calls (call attempts); 2
     * reached the debtor with a conversation (rpc). The inbound call (3) and the sms (4)
     * are contacts only; the automated sms (5) is nobody's. */
    const kpi_agent *ann = fixture_agent(with, "A001");
    assert_int_equal(ann->row.contacts, 4);
    assert_int_equal(ann->row.call_attempts, 2);
    assert_int_equal(ann->row.rpc, 1);
    /* Bob: id 6, a call attempt to a third party (no rpc); id 8 is at P.end, outside P. */
    const kpi_agent *bob = fixture_agent(with, "A002");
    assert_int_equal(bob->row.contacts, 1);
    assert_int_equal(bob->row.call_attempts, 1);
    assert_int_equal(bob->row.rpc, 0);
    kpi_result_free(with);
    kpi_result_free(without);
    sqlite3_close(db);
}

static void test_same_second_in_contact_id_order(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* Two outbound calls of one case at the same second: Bob's has the lower id, Ann's the
     * higher. The time index lists Ann's first (agent 1 < agent 2); the rules take them in
     * contact_id order: Bob's (id 1) has no earlier call, Ann's (id 2) is 0 s after it:
     * burst. The case's contact at 10:00:01 by Ann (id 3) is 1 s after id 2: burst too. */
    exec_rows(db,
              (const char *const[]){
                  CASE(1, "d1"),
                  CONTACT(1, 1, 2, "2026-10-05 10:00:00", "call", "outbound", "none", "no_answer"),
                  FAILED(2, 1, "2026-10-05 10:00:00"), FAILED(3, 1, "2026-10-05 10:00:01"), NULL});
    kpi_result *r = run_cn(db);
    assert_int_equal(rules_of(r, 1), 0);
    assert_int_equal(rules_of(r, 2), B);
    assert_int_equal(rules_of(r, 3), B);
    assert_int_equal(fixture_agent(r, "A002")->compliance.breaching_contacts, 0);
    assert_int_equal(fixture_agent(r, "A001")->compliance.breaching_contacts, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_sparse_case_ids(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* Case ids far apart (another tool's numbering): the pass groups cases by a hash map
     * instead of a table over the ids' span; the outcome must not change. Case 5000000000:
     * calls at 10:00 and 10:10 (600 s apart: fine), then Bob (id 11) and Ann (id 12) at
     * 11:00:00, 50 minutes later: id 11 fine, id 12 is 0 s after it: burst. Case 7, in
     * between in time: calls at 10:02 and 10:03, 60 s apart: burst; the other case's calls
     * do not count as its previous call. */
    exec_rows(db, (const char *const[]){CASE(5000000000, "d1"), CASE(7, "d2"),
                                        FAILED(1, 5000000000, "2026-10-05 10:00:00"),
                                        FAILED(2, 7, "2026-10-05 10:02:00"),
                                        FAILED(3, 7, "2026-10-05 10:03:00"),
                                        FAILED(4, 5000000000, "2026-10-05 10:10:00"),
                                        CONTACT(11, 5000000000, 2, "2026-10-05 11:00:00", "call",
                                                "outbound", "none", "no_answer"),
                                        FAILED(12, 5000000000, "2026-10-05 11:00:00"), NULL});
    kpi_result *r = run_cn(db);
    assert_int_equal(rules_of(r, 1), 0);
    assert_int_equal(rules_of(r, 2), 0);
    assert_int_equal(rules_of(r, 3), B);
    assert_int_equal(rules_of(r, 4), 0);
    assert_int_equal(rules_of(r, 11), 0);
    assert_int_equal(rules_of(r, 12), B);
    /* Ann: ids 3 and 12 in two cases. */
    assert_int_equal(fixture_agent(r, "A001")->compliance.cases_with_breach, 2);
    kpi_result_free(r);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quiet_hours_cn),
        cmocka_unit_test(test_quiet_hours_us),
        cmocka_unit_test(test_attempts_per_day),
        cmocka_unit_test(test_connected_per_day_across_cases),
        cmocka_unit_test(test_third_party_early),
        cmocka_unit_test(test_third_party_same_second_as_debtor_contact),
        cmocka_unit_test(test_burst),
        cmocka_unit_test(test_seven_in_seven),
        cmocka_unit_test(test_after_conversation),
        cmocka_unit_test(test_automated_contacts_system_line),
        cmocka_unit_test(test_score_total_adds_system_line),
        cmocka_unit_test(test_period_of_two_months),
        cmocka_unit_test(test_last_month_cut_on_two_threads),
        cmocka_unit_test(test_lookback_before_period),
        cmocka_unit_test(test_settings_change_rules),
        cmocka_unit_test(test_kpi_figures_unchanged_by_the_pass),
        cmocka_unit_test(test_same_second_in_contact_id_order),
        cmocka_unit_test(test_sparse_case_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
