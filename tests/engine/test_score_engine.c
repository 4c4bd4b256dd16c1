/* test_score_engine.c - the engine's scorecard.md figures on tiny hand-built databases:
 * delinquency buckets, case-mix expected collections, complaints under review, and the
 * score table built from them (caps, ranks, team rows on sums).
 *
 * Every expected figure is worked out by hand in the comment beside it. The period is
 * October 2026: P = [2026-10-01 00:00:00, 2026-11-01 00:00:00).
 * People (fixture_people): team 1 Alpha = Ann (A001), Bob (A002); team 2 Beta = Cai (B001),
 * all hired 2025-01-01.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check_double.h"

#include "collectkpi/score.h"
#include "fixture.h"

#define EPS 1e-9

/* A case placed on 2026-09-01 00:00:00 (30 days before P.start) with its dpd at placement,
 * so dpd at P.start = dpd_at_placement + 30. */
#define CASE_DPD(id, balance, dpd)                                                                 \
    "INSERT INTO cases VALUES (" #id ", 'C" #id "', 'debtor-" #id "', 'credit_card',"              \
    " '2026-09-01 00:00:00', " #balance ", " #dpd ", NULL, NULL);"
/* Ann holds case id from its placement on. */
#define ANN_HOLDS(id)                                                                              \
    "INSERT INTO assignments VALUES (" #id ", " #id ", 1, '2026-09-01 00:00:00', NULL);"

static sqlite3 *people_db(void)
{
    sqlite3 *db = fixture_open();
    fixture_people(db);
    return db;
}

static void test_bucket_boundaries(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* t0 = P.start for every case (Ann has held each since September), 30 days after
     * placement: dpd at t0 = dpd_at_placement + 30.
     *   case 1: 0 + 30 = 30   -> m1        balance     1000
     *   case 2: 1 + 30 = 31   -> m2        balance     2000
     *   case 3: 30 + 30 = 60  -> m2        balance     4000
     *   case 4: 31 + 30 = 61  -> m3        balance     8000
     *   case 5: 60 + 30 = 90  -> m3        balance    16000
     *   case 6: 61 + 30 = 91  -> m4_6      balance    32000
     *   case 7: 150 + 30 = 180 -> m4_6     balance    64000
     *   case 8: 151 + 30 = 181 -> m7_plus  balance   128000 */
    fixture_exec(db, CASE_DPD(1, 1000, 0) CASE_DPD(2, 2000, 1) CASE_DPD(3, 4000, 30)
                         CASE_DPD(4, 8000, 31) CASE_DPD(5, 16000, 60) CASE_DPD(6, 32000, 61)
                             CASE_DPD(7, 64000, 150) CASE_DPD(8, 128000, 151) ANN_HOLDS(1)
                                 ANN_HOLDS(2) ANN_HOLDS(3) ANN_HOLDS(4) ANN_HOLDS(5) ANN_HOLDS(6)
                                     ANN_HOLDS(7) ANN_HOLDS(8));
    /* A payment of 100 on case 8 in P goes to m7_plus; one of 10 on case 1 to m1. */
    fixture_exec(db, "INSERT INTO payments VALUES (1, 8, '2026-10-20 10:00:00', 100, 'card'),"
                     " (2, 1, '2026-10-02 10:00:00', 10, 'card');");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_non_null(ann);
    assert_int_equal(ann->review.worked_balance_minor[KPI_BUCKET_M1], 1000);
    assert_int_equal(ann->review.worked_balance_minor[KPI_BUCKET_M2], 2000 + 4000);
    assert_int_equal(ann->review.worked_balance_minor[KPI_BUCKET_M3], 8000 + 16000);
    assert_int_equal(ann->review.worked_balance_minor[KPI_BUCKET_M4_6], 32000 + 64000);
    assert_int_equal(ann->review.worked_balance_minor[KPI_BUCKET_M7_PLUS], 128000);
    assert_int_equal(ann->review.collected_minor[KPI_BUCKET_M1], 10);
    assert_int_equal(ann->review.collected_minor[KPI_BUCKET_M7_PLUS], 100);
    /* The buckets add up to kpi.md's figures: 255000 worked, 110 collected. */
    assert_int_equal(ann->row.worked_balance_minor, 255000);
    assert_int_equal(ann->row.collected_minor, 110);
    /* Ann is the whole portfolio: r[m1] = 10/1000 = 0.01, r[m7] = 100/128000; expected =
     * 1000*0.01 + 128000*100/128000 = 10 + 100 = 110 = collected: index 1. */
    assert_double_equal(r->bucket_rate[KPI_BUCKET_M1], 0.01, EPS);
    assert_double_equal(r->bucket_rate[KPI_BUCKET_M2], 0.0, 0);
    assert_double_equal(ann->review.expected_collected_minor, 110.0, EPS);
    assert_double_equal(ann->review.recovery_index.value, 1.0, EPS);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* Case 1 (dpd 0 at placement on 09-01, balance 100000): Ann holds it up to 10-05 12:00,
 * Bob from then on. Case 2 (dpd 0, balance 100000): Cai holds it all along. */
static const char two_agents_sql[] = CASE_DPD(1, 100000, 0)
    CASE_DPD(2, 100000, 0) "INSERT INTO assignments VALUES"
                           " (1, 1, 1, '2026-09-01 00:00:00', '2026-10-05 12:00:00'),"
                           " (2, 1, 2, '2026-10-05 12:00:00', NULL),"
                           " (3, 2, 3, '2026-09-01 00:00:00', NULL);"
                           "INSERT INTO payments VALUES"
                           " (1, 1, '2026-10-03 10:00:00', 1000, 'card'),"  /* Ann holds: m1 */
                           " (2, 1, '2026-10-10 10:00:00', 3000, 'card'),"  /* Bob holds: m2 */
                           " (3, 2, '2026-10-15 10:00:00', 3000, 'card');"; /* Cai: m1 */

static void test_case_worked_by_two_agents(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db, two_agents_sql);
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    const kpi_agent *bob = fixture_agent(r, "A002");
    const kpi_agent *cai = fixture_agent(r, "B001");
    /* Ann: t0 = P.start = 10-01, dpd = 0 + 30 = 30: m1; outstanding 100000. Her 1000 on
     * 10-03 is m1. */
    assert_int_equal(ann->review.worked_balance_minor[KPI_BUCKET_M1], 100000);
    assert_int_equal(ann->review.collected_minor[KPI_BUCKET_M1], 1000);
    /* Bob: t0 = 10-05 12:00, date 10-05 is 34 days after 09-01: dpd 34, m2; outstanding
     * 100000 - 1000 = 99000. His 3000 on 10-10 is m2 (the pair's bucket, not 10-10's). */
    assert_int_equal(bob->review.worked_balance_minor[KPI_BUCKET_M1], 0);
    assert_int_equal(bob->review.worked_balance_minor[KPI_BUCKET_M2], 99000);
    assert_int_equal(bob->review.collected_minor[KPI_BUCKET_M2], 3000);
    /* Cai: m1, 100000 worked, 3000 collected. */
    assert_int_equal(cai->review.worked_balance_minor[KPI_BUCKET_M1], 100000);
    /* r[m1] = (1000 + 3000) / (100000 + 100000) = 0.02; r[m2] = 3000 / 99000.
     * Ann expected = 100000 * 0.02 = 2000, index 1000 / 2000 = 0.5;
     * Cai expected = 2000, index 3000 / 2000 = 1.5;
     * Bob expected = 99000 * 3000 / 99000 = 3000, index 1. */
    assert_double_equal(r->bucket_rate[KPI_BUCKET_M1], 0.02, EPS);
    assert_double_equal(ann->review.expected_collected_minor, 2000.0, EPS);
    assert_double_equal(ann->review.recovery_index.value, 0.5, EPS);
    assert_double_equal(cai->review.recovery_index.value, 1.5, EPS);
    assert_double_equal(bob->review.expected_collected_minor, 3000.0, EPS);
    assert_double_equal(bob->review.recovery_index.value, 1.0, EPS);
    /* Team Alpha (Ann + Bob): collected 4000, expected 2000 + 3000 = 5000: index 0.8.
     * Beta (Cai): 1.5. Total: 7000 / (2000 + 3000 + 2000) = 1: the built-in check. */
    assert_string_equal(r->teams[0].name, "Alpha");
    assert_double_equal(r->teams[0].review.expected_collected_minor, 5000.0, EPS);
    assert_double_equal(r->teams[0].review.recovery_index.value, 0.8, EPS);
    assert_double_equal(r->teams[1].review.recovery_index.value, 1.5, EPS);
    assert_double_equal(r->total_review.expected_collected_minor, 7000.0, EPS);
    assert_double_equal(r->total_review.recovery_index.value, 1.0, EPS);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_nothing_expected_is_undefined(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    /* Ann works a case nobody collects on: r[m1] = 0 / 100000 = 0, expected 0, so her index
     * is undefined (not 0, not infinite), and so is the total's. */
    fixture_exec(db, CASE_DPD(1, 100000, 0) ANN_HOLDS(1));
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    assert_double_equal(ann->review.expected_collected_minor, 0.0, 0);
    assert_false(ann->review.recovery_index.defined);
    assert_false(r->total_review.recovery_index.defined);
    kpi_result_free(r);
    sqlite3_close(db);
}

static void test_complaints_under_review_and_critical(void **state)
{
    (void)state;
    sqlite3 *db = people_db();
    fixture_exec(db, CASE_DPD(1, 100000, 0) ANN_HOLDS(
                         1) "INSERT INTO complaints VALUES"
                            " (1, 1, 1, '2026-10-02 10:00:00', 'debtor', 'threat', 1, NULL),"
                            " (2, 1, 1, '2026-10-03 10:00:00', 'debtor', 'harassment', NULL, NULL),"
                            " (3, 1, 1, '2026-10-04 10:00:00', 'debtor', 'service', 1, NULL),"
                            " (4, 1, 1, '2026-10-05 10:00:00', 'debtor', 'privacy', 0, NULL),"
                            " (5, 1, 2, '2026-10-06 10:00:00', 'debtor', 'service', 1, NULL),"
                            " (6, 1, 1, '2026-09-30 23:59:59', 'debtor', 'threat', 1, NULL);");
    kpi_result *r = fixture_run(db, "2026-10", NULL);
    const kpi_agent *ann = fixture_agent(r, "A001");
    const kpi_agent *bob = fixture_agent(r, "A002");
    /* Ann in P: complaints 1-4 (6 is September). Under review: 2 only. Substantiated: 1
     * and 3. Critical and substantiated: 1 (threat); 4 is a privacy complaint not upheld. */
    assert_int_equal(ann->row.complaints_substantiated, 2);
    assert_int_equal(ann->row.complaints_under_review, 1);
    assert_int_equal(ann->review.critical_complaints_upheld, 1);
    /* Bob's upheld complaint is about service: not critical. No contacts: per 1k undefined. */
    assert_int_equal(bob->review.critical_complaints_upheld, 0);
    assert_false(bob->review.complaints_upheld_per_1k_contacts.defined);
    score_table t;
    assert_int_equal(score_table_build(r, &t), CK_OK);
    /* Ann's score is undefined (no measure has its minimum sample) but the cause exists:
     * capped 1, reason complaint. Bob: not capped. */
    assert_int_equal(t.agents[0].cap, SCORE_CAP_COMPLAINT);
    assert_int_equal(t.agents[1].cap, SCORE_CAP_NONE);
    assert_int_equal(t.total.complaints_under_review, 1);
    score_table_free(&t);
    /* With [score] critical_complaint_categories = service, Bob's is critical and Ann's
     * threat no longer is, but her service complaint 3 is. */
    settings s;
    settings_defaults(&s);
    ck_diag diag = {{0}};
    assert_int_equal(
        settings_set_score(&s, NULL, "critical_complaint_categories", "service", &diag), CK_OK);
    kpi_result_free(r);
    r = fixture_run_settings(db, "2026-10", NULL, &s);
    assert_int_equal(fixture_agent(r, "A001")->review.critical_complaints_upheld, 1);
    assert_int_equal(fixture_agent(r, "A002")->review.critical_complaints_upheld, 1);
    kpi_result_free(r);
    sqlite3_close(db);
}

/* ---- the score table on a hand-made result (no database): caps, ranks, team sums ---- */

/* An agent whose six measures are all scored with the default settings: recovery index
 * `index` (collected 1000 of expected 1000/index), ptp 12 of 20, rpc 20 of 100,
 * 0 upheld of 500 contacts, 0 breaches of 200 outbound, 5 surveys scoring 20 (mean 4). */
static void make_agent(kpi_result *r, size_t i, size_t team, double index)
{
    kpi_agent *a = &r->agents[i];
    char no[32];
    snprintf(no, sizeof no, "E%02zu", i);
    a->employee_no = strdup(no);
    a->name = strdup(no);
    a->agent_id = (int64_t)i + 1;
    a->team_index = team;
    a->hired_on = datetime_days_from_civil(2025, 1, 1);
    kpi_row *row = &a->row;
    row->cases_worked = 30;
    row->collected_minor = 1000;
    row->ptp_kept = 12;
    row->ptp_broken = 8;
    row->call_attempts = 100;
    row->rpc = 20;
    row->contacts = 500;
    row->surveys = 5;
    row->survey_score_sum = 20;
    kpi_row_finish(row, NULL, 0);
    a->review.expected_collected_minor = 1000.0 / index;
    a->review.recovery_index = (stats_value){true, index};
    a->review.complaints_upheld_per_1k_contacts = (stats_value){true, 0.0};
    a->compliance.outbound_contacts = 200;
}

static kpi_result *hand_result(size_t agents, size_t teams)
{
    kpi_result *r = calloc(1, sizeof *r);
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-10", &r->period, &diag), CK_OK);
    settings_defaults(&r->settings);
    r->agents = calloc(agents, sizeof *r->agents);
    r->agent_count = agents;
    r->teams = calloc(teams, sizeof *r->teams);
    r->team_count = teams;
    for (size_t t = 0; t < teams; t++) {
        char name[32];
        snprintf(name, sizeof name, "T%zu", t);
        r->teams[t].name = strdup(name);
    }
    return r;
}

/* Team and total rows from the agents, as the engine builds them (no system line here). */
static void sum_rows(kpi_result *r)
{
    for (size_t i = 0; i < r->agent_count; i++) {
        kpi_agent *a = &r->agents[i];
        kpi_row_add(&r->teams[a->team_index].row, &a->row);
        kpi_row_add(&r->total, &a->row);
        kpi_compliance_add(&r->compliance_total, &a->compliance);
        r->teams[a->team_index].review.expected_collected_minor +=
            a->review.expected_collected_minor;
        r->total_review.expected_collected_minor += a->review.expected_collected_minor;
    }
    for (size_t t = 0; t < r->team_count; t++) {
        kpi_row_finish(&r->teams[t].row, NULL, 0);
        r->teams[t].review.recovery_index = stats_ratio(
            (double)r->teams[t].row.collected_minor, r->teams[t].review.expected_collected_minor);
        r->teams[t].review.complaints_upheld_per_1k_contacts = (stats_value){true, 0.0};
    }
    kpi_row_finish(&r->total, NULL, 0);
    kpi_compliance_finish(&r->compliance_total);
    r->total_review.recovery_index =
        stats_ratio((double)r->total.collected_minor, r->total_review.expected_collected_minor);
    r->total_review.complaints_upheld_per_1k_contacts = (stats_value){true, 0.0};
}

static void test_cap_and_ties(void **state)
{
    (void)state;
    /* Four agents, every measure scored (coverage 1). Attainments besides recovery:
     * ptp 0.6/0.6 = 1 (w 10), rpc 0.2/0.2 = 1 (w 5), upheld 0 -> 1.2 (w 20), breaches 0 ->
     * 1.2 (w 30), csat 4/4 = 1 (w 10): sum w*a = 10 + 5 + 24 + 36 + 10 = 85.
     * Recovery a (w 25): E00 index 1.2 -> 30; E01 and E02 index 1.0 -> 25; E03 0.8 -> 20.
     * Scores: E00 (85 + 30) = 115; E01, E02 (85 + 25) = 110; E03 (85 + 20) = 105.
     * Ranks 1, 2, 2, 4 (ties share). Teams: E00, E01 in T0; E02, E03 in T1. */
    kpi_result *r = hand_result(4, 2);
    make_agent(r, 0, 0, 1.2);
    make_agent(r, 1, 0, 1.0);
    make_agent(r, 2, 1, 1.0);
    make_agent(r, 3, 1, 0.8);
    sum_rows(r);
    score_table t;
    assert_int_equal(score_table_build(r, &t), CK_OK);
    assert_double_equal(t.agents[0].score.value, 115.0, 1e-9);
    assert_double_equal(t.agents[1].score.value, 110.0, 1e-9);
    assert_double_equal(t.agents[3].score.value, 105.0, 1e-9);
    assert_int_equal(t.agents[0].rank, 1);
    assert_int_equal(t.agents[1].rank, 2);
    assert_int_equal(t.agents[2].rank, 2);
    assert_int_equal(t.agents[3].rank, 4);
    /* team ranks: T0: E00 1, E01 2; T1: E02 1, E03 2 */
    assert_int_equal(t.agents[1].team_rank, 2);
    assert_int_equal(t.agents[2].team_rank, 1);
    /* Teams on sums: T0 collected 2000, expected 1000/1.2 + 1000 = 1833.333: index 1.090909,
     * a 1.090909 * 25 = 27.272727; score 85 + 27.272727 = 112.272727, rank 1.
     * T1: expected 1000 + 1250 = 2250, index 0.888889, 85 + 22.222222 = 107.222222, rank 2. */
    assert_double_equal(t.teams[0].score.value, 112.272727, 5e-7);
    assert_double_equal(t.teams[1].score.value, 107.222222, 5e-7);
    assert_int_equal(t.teams[0].rank, 1);
    assert_int_equal(t.teams[1].rank, 2);
    assert_int_equal(t.teams[0].team_rank, 0);
    /* Total: expected 1833.333 + 2250 = 4083.333, collected 4000, index 0.979592,
     * 85 + 24.489796 = 109.489796; no rank. */
    assert_double_equal(t.total.score.value, 109.489796, 5e-7);
    assert_int_equal(t.total.rank, 0);
    score_table_free(&t);

    /* A critical breach for E00 and an upheld critical complaint for E00 and E03:
     * E00 115 -> min(115, 60) = 60, reason breach (before complaint); E03 105 -> 60,
     * reason complaint. Ranks: E01, E02 110 -> 1, 1; E00, E03 60 -> 3, 3. */
    r->agents[0].compliance.critical_breaches = 1;
    r->agents[0].compliance.breaching_contacts = 1;
    r->agents[0].review.critical_complaints_upheld = 1;
    r->agents[3].review.critical_complaints_upheld = 1;
    assert_int_equal(score_table_build(r, &t), CK_OK);
    /* E00's breach rate is now 1 * 1000 / 200 = 5 per 1k: a = 1/5 = 0.2, w 30 -> 6 instead
     * of 36: 115 - 30 = 85, capped to 60 anyway. */
    assert_int_equal(t.agents[0].cap, SCORE_CAP_BREACH);
    assert_double_equal(t.agents[0].score.value, 60.0, 0);
    assert_int_equal(t.agents[3].cap, SCORE_CAP_COMPLAINT);
    assert_double_equal(t.agents[3].score.value, 60.0, 0);
    assert_int_equal(t.agents[1].rank, 1);
    assert_int_equal(t.agents[2].rank, 1);
    assert_int_equal(t.agents[0].rank, 3);
    assert_int_equal(t.agents[3].rank, 3);
    /* Team rows are never capped: T0's breaching 1 of 400 outbound = 2.5 per 1k, a = 0.4,
     * w 30 -> 12: 10 + 5 + 24 + 12 + 10 + 27.272727 = 88.272727. */
    assert_int_equal(t.teams[0].cap, SCORE_CAP_NONE);
    assert_double_equal(t.teams[0].score.value, 88.272727, 5e-7);
    score_table_free(&t);

    /* critical_cap = 100: E00's 85 stays 85 (below the cap), still capped = breach. */
    r->settings.score.critical_cap = 100;
    assert_int_equal(score_table_build(r, &t), CK_OK);
    assert_double_equal(t.agents[0].score.value, 85.0, 1e-9);
    assert_int_equal(t.agents[0].cap, SCORE_CAP_BREACH);
    score_table_free(&t);
    kpi_result_free(r);
}

static void test_new_agent_not_ranked(void **state)
{
    (void)state;
    /* Two agents, E01 hired on 2026-10-02: new, no rank; E00 takes rank 1 alone, and the
     * column cells say so: rank empty, rank_note "new". */
    kpi_result *r = hand_result(2, 1);
    make_agent(r, 0, 0, 0.8);
    make_agent(r, 1, 0, 1.2);
    r->agents[1].hired_on = datetime_days_from_civil(2026, 10, 2);
    sum_rows(r);
    score_table t;
    assert_int_equal(score_table_build(r, &t), CK_OK);
    assert_int_equal(t.agents[0].rank, 1);
    assert_int_equal(t.agents[1].rank, 0);
    assert_int_equal(t.agents[1].note, SCORE_NOTE_NEW);
    score_cell cell = score_row_cell(&t.agents[1], score_column_find("rank"));
    assert_false(cell.defined);
    cell = score_row_cell(&t.agents[1], score_column_find("rank_note"));
    assert_string_equal(cell.text, "new");
    cell = score_row_cell(&t.agents[0], score_column_find("cap_reason"));
    assert_false(cell.defined);
    cell = score_row_cell(&t.agents[0], score_column_find("capped"));
    assert_true(cell.defined);
    assert_int_equal(cell.integer, 0);
    score_table_free(&t);
    kpi_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bucket_boundaries),
        cmocka_unit_test(test_case_worked_by_two_agents),
        cmocka_unit_test(test_nothing_expected_is_undefined),
        cmocka_unit_test(test_complaints_under_review_and_critical),
        cmocka_unit_test(test_cap_and_ties),
        cmocka_unit_test(test_new_agent_not_ranked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
