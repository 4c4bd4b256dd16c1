/* test_score.c - the arithmetic of scorecard.md on plain numbers, one test per rule.
 *
 * Every expected value is worked out by hand in the comment beside it. z = 1.959964, so
 * z^2 = 3.841459 (3.8414588813). Periods: October 2026 = [2026-10-01, 2026-11-01), its first
 * date 2026-10-01 and its last date 2026-10-31.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "check_double.h"

#include "collectkpi/score.h"

#define SIX 5e-7 /* agreement to six decimal places */

static stats_value defined(double v)
{
    return (stats_value){true, v};
}

static void test_wilson_k_zero(void **state)
{
    (void)state;
    /* k = 0, n = 10: p = 0; centre = z^2/2n = 3.841459/20 = 0.192073; margin =
     * z*sqrt(0 + z^2/4n^2) = z * z/(2n) = 0.192073; scale = 1 + z^2/n = 1.384146.
     * lo = 0 / 1.384146 = 0; hi = 0.384146 / 1.384146 = 0.277533. */
    score_interval ci = score_wilson(0, 10);
    assert_true(ci.lo.defined && ci.hi.defined);
    assert_double_equal(ci.lo.value, 0.0, 0.0); /* exactly 0, never a hair below */
    assert_double_equal(ci.hi.value, 0.277533, SIX);
}

static void test_wilson_k_equals_n(void **state)
{
    (void)state;
    /* k = n = 10: p = 1; centre = 1 + 0.192073 = 1.192073; margin = 0.192073 (p(1-p) = 0);
     * lo = 1.0 / 1.384146 = 0.722467; hi = 1.384146 / 1.384146 = 1, exactly. */
    score_interval ci = score_wilson(10, 10);
    assert_double_equal(ci.lo.value, 0.722467, SIX);
    assert_double_equal(ci.hi.value, 1.0, 0.0);
}

static void test_wilson_n_one(void **state)
{
    (void)state;
    /* n = 1, k = 1: centre = 1 + 3.841459/2 = 2.920729; margin = z*sqrt(z^2/4) = z^2/2 =
     * 1.920729; scale = 1 + 3.841459 = 4.841459; lo = 1/4.841459 = 0.206549, hi = 1. */
    score_interval ci = score_wilson(1, 1);
    assert_double_equal(ci.lo.value, 0.206549, SIX);
    assert_double_equal(ci.hi.value, 1.0, 0.0);
    /* n = 1, k = 0: the mirror image: lo = 0, hi = 1 - 0.206549 = 0.793451. */
    ci = score_wilson(0, 1);
    assert_double_equal(ci.lo.value, 0.0, 0.0);
    assert_double_equal(ci.hi.value, 0.793451, SIX);
}

static void test_wilson_middle(void **state)
{
    (void)state;
    /* k = 140, n = 230 (scorecard.md's "140 of 230"): p = 0.608696;
     * z^2/2n = 3.841459/460 = 0.008351, centre = 0.617047;
     * p(1-p)/n = 0.608696 * 0.391304 / 230 = 0.00103559; z^2/4n^2 = 3.841459/211600 =
     * 0.00001815; sqrt(0.00105374) = 0.032461; margin = 1.959964 * 0.032461 = 0.063623;
     * scale = 1 + 3.841459/230 = 1.016702;
     * lo = (0.617047 - 0.063623) / 1.016702 = 0.544332; hi = 0.680670 / 1.016702 = 0.669488. */
    score_interval ci = score_wilson(140, 230);
    assert_double_equal(ci.lo.value, 0.544332, SIX);
    assert_double_equal(ci.hi.value, 0.669488, SIX);
    /* 5 of 5 kept looks perfect, but its interval reaches down to
     * (1 + 0.384146 - 0.384146) / 1.768292 = 0.565518 (z^2/2n = 0.384146, scale = 1 +
     * 3.841459/5): it overlaps 140 of 230's [0.544332, 0.669488]. */
    ci = score_wilson(5, 5);
    assert_double_equal(ci.lo.value, 0.565518, SIX);
}

static void test_wilson_n_zero(void **state)
{
    (void)state;
    /* n = 0: both ends undefined. */
    score_interval ci = score_wilson(0, 0);
    assert_false(ci.lo.defined);
    assert_false(ci.hi.defined);
}

static void test_attainment_clamping(void **state)
{
    (void)state;
    /* higher is better: 1.5 / 1.0 = 1.5, clamped to 1.2 */
    assert_double_equal(score_attainment(defined(1.5), 1.0, false).value, 1.2, 0);
    /* 0.3 / 0.6 = 0.5, inside the range */
    assert_double_equal(score_attainment(defined(0.3), 0.6, false).value, 0.5, 1e-12);
    /* a negative recovery index (reversals) -0.2 / 1.0 = -0.2, clamped to 0 */
    assert_double_equal(score_attainment(defined(-0.2), 1.0, false).value, 0.0, 0);
    /* exactly 1.2 stays 1.2: 1.2 / 1.0 */
    assert_double_equal(score_attainment(defined(1.2), 1.0, false).value, 1.2, 0);
    /* undefined value: undefined attainment */
    assert_false(score_attainment((stats_value){false, 0}, 1.0, false).defined);
}

static void test_attainment_lower_is_better(void **state)
{
    (void)state;
    /* value 0 (no breach at all): 1.2 by definition, not target / 0 */
    stats_value a = score_attainment(defined(0.0), 1.0, true);
    assert_true(a.defined);
    assert_double_equal(a.value, 1.2, 0);
    /* 2.0 breaches per 1k against target 1.0: 1.0 / 2.0 = 0.5 */
    assert_double_equal(score_attainment(defined(2.0), 1.0, true).value, 0.5, 1e-12);
    /* 0.25 against 0.5: 0.5 / 0.25 = 2, clamped to 1.2 */
    assert_double_equal(score_attainment(defined(0.25), 0.5, true).value, 1.2, 0);
}

static void test_rag(void **state)
{
    (void)state;
    /* green when a >= 1, amber when a >= 0.9, red below; grey when not scored */
    assert_int_equal(score_rag_of(true, 1.0, 0.9), SCORE_RAG_GREEN);
    assert_int_equal(score_rag_of(true, 0.9, 0.9), SCORE_RAG_AMBER);
    assert_int_equal(score_rag_of(true, 0.899999, 0.9), SCORE_RAG_RED);
    assert_int_equal(score_rag_of(false, 1.2, 0.9), SCORE_RAG_GREY);
    /* compared at six decimals, as printed: 0.9999996 prints 1.000000 and is green;
     * 0.8999994 prints 0.899999 and is red. */
    assert_int_equal(score_rag_of(true, 0.9999996, 0.9), SCORE_RAG_GREEN);
    assert_int_equal(score_rag_of(true, 0.8999994, 0.9), SCORE_RAG_RED);
    assert_string_equal(score_rag_key(SCORE_RAG_AMBER), "amber");
}

/* Six measures with the default settings: value and sample per measure. */
static void measures_of(score_measure *m, const double *values, const int64_t *samples)
{
    for (int i = 0; i < SETTINGS_MEASURE_COUNT; i++)
        m[i] = (score_measure){.value = defined(values[i]), .sample = samples[i]};
}

static void test_score_all_on_target(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    score_measure m[SETTINGS_MEASURE_COUNT];
    stats_value coverage, score;
    /* Every measure exactly on target, every sample at its minimum: a = 1 everywhere,
     * coverage 100/100 = 1, score 100 * 100 / 100 = 100. */
    const double on_target[] = {1.0, 0.6, 0.2, 0.5, 1.0, 4.0};
    const int64_t minimums[] = {30, 20, 100, 500, 200, 5};
    measures_of(m, on_target, minimums);
    score_measures(m, &s.score, &coverage, &score);
    assert_double_equal(coverage.value, 1.0, 1e-12);
    assert_double_equal(score.value, 100.0, 1e-9);
    for (int i = 0; i < SETTINGS_MEASURE_COUNT; i++)
        assert_int_equal(m[i].rag, SCORE_RAG_GREEN);
}

static void test_score_below_min_sample(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    score_measure m[SETTINGS_MEASURE_COUNT];
    stats_value coverage, score;
    /* recovery 1.2 (a 1.2, w 25), ptp 0.3 (a 0.5, w 10) but only 19 promises judged (< 20):
     * not scored; rpc 0.2 (a 1, w 5), upheld 0 (a 1.2, w 20), breaches 1.0 (a 1, w 30),
     * csat 3.6 (a 0.9, w 10).
     * scored weights 25 + 5 + 20 + 30 + 10 = 90: coverage 0.9;
     * sum w*a = 30 + 5 + 24 + 30 + 9 = 98; score = 100 * 98 / 90 = 108.888889. */
    const double values[] = {1.2, 0.3, 0.2, 0.0, 1.0, 3.6};
    const int64_t samples[] = {30, 19, 100, 500, 200, 5};
    measures_of(m, values, samples);
    score_measures(m, &s.score, &coverage, &score);
    assert_int_equal(m[SETTINGS_MEASURE_PTP_KEPT_RATE].reason, SCORE_REASON_LOW_SAMPLE);
    assert_false(m[SETTINGS_MEASURE_PTP_KEPT_RATE].attainment.defined);
    assert_int_equal(m[SETTINGS_MEASURE_PTP_KEPT_RATE].rag, SCORE_RAG_GREY);
    assert_int_equal(m[SETTINGS_MEASURE_CSAT].rag, SCORE_RAG_AMBER); /* 0.9: amber */
    assert_double_equal(coverage.value, 0.9, 1e-12);
    assert_double_equal(score.value, 108.888889, SIX);
    /* With 20 promises it is scored (a = 0.5): 98 + 5 = 103 over 100 = 103. */
    m[SETTINGS_MEASURE_PTP_KEPT_RATE].sample = 20;
    score_measures(m, &s.score, &coverage, &score);
    assert_double_equal(score.value, 103.0, 1e-9);
    assert_int_equal(m[SETTINGS_MEASURE_PTP_KEPT_RATE].rag, SCORE_RAG_RED);
}

static void test_score_low_coverage_and_weight_zero(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    score_measure m[SETTINGS_MEASURE_COUNT];
    stats_value coverage, score;
    /* Only recovery (25) and complaints (20) and rpc (5) scored: coverage 50/100 = 0.5 < 0.6.
     * a: recovery 0.8 / 1 = 0.8, rpc 0.2/0.2 = 1, complaints 0.5/1.0 = 0.5.
     * score = 100 * (20 + 5 + 10) / 50 = 70. */
    const double values[] = {0.8, 0.7, 0.2, 1.0, 0.0, 5.0};
    const int64_t samples[] = {30, 0, 100, 500, 0, 0};
    measures_of(m, values, samples);
    score_measures(m, &s.score, &coverage, &score);
    assert_double_equal(coverage.value, 0.5, 1e-12);
    assert_double_equal(score.value, 70.0, 1e-9);
    /* The agent is not ranked: coverage 0.5 below min_coverage 0.6. */
    period p;
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-10", &p, &diag), CK_OK);
    int64_t hired = datetime_days_from_civil(2025, 1, 1);
    assert_int_equal(score_agent_note(&p, hired, false, 0, coverage, score, 0.6),
                     SCORE_NOTE_LOW_COVERAGE);
    /* Weight 0 drops recovery: it is not scored (reason no_weight), and the rest is
     * scored over 75: coverage (5 + 20) / 75 = 0.333333, score 100 * 15 / 25 = 60. */
    s.score.measure[SETTINGS_MEASURE_RECOVERY_INDEX].weight = 0;
    score_measures(m, &s.score, &coverage, &score);
    assert_int_equal(m[SETTINGS_MEASURE_RECOVERY_INDEX].reason, SCORE_REASON_NO_WEIGHT);
    assert_double_equal(coverage.value, 25.0 / 75.0, 1e-12);
    assert_double_equal(score.value, 60.0, 1e-9);
    /* Nothing scored: score undefined, coverage 0. */
    const int64_t none[] = {0, 0, 0, 0, 0, 0};
    s.score.measure[SETTINGS_MEASURE_RECOVERY_INDEX].weight = 25;
    measures_of(m, values, none);
    score_measures(m, &s.score, &coverage, &score);
    assert_false(score.defined);
    assert_double_equal(coverage.value, 0.0, 0);
}

static void test_coverage_threshold_at_six_decimals(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-10", &p, &diag), CK_OK);
    int64_t hired = datetime_days_from_civil(2025, 1, 1);
    /* coverage exactly 0.6 (60 of 100 weight) is enough; 0.5999994 prints 0.599999 and is
     * not; 0.5999996 prints 0.600000 and is. */
    assert_int_equal(score_agent_note(&p, hired, false, 0, defined(0.6), defined(80), 0.6),
                     SCORE_NOTE_NONE);
    assert_int_equal(score_agent_note(&p, hired, false, 0, defined(0.5999994), defined(80), 0.6),
                     SCORE_NOTE_LOW_COVERAGE);
    assert_int_equal(score_agent_note(&p, hired, false, 0, defined(0.5999996), defined(80), 0.6),
                     SCORE_NOTE_NONE);
    /* min_coverage 0 and nothing scored: still not ranked (no score), noted low_coverage. */
    assert_int_equal(
        score_agent_note(&p, hired, false, 0, defined(0), (stats_value){false, 0}, 0.0),
        SCORE_NOTE_LOW_COVERAGE);
}

static void test_new_and_left_boundaries(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-10", &p, &diag), CK_OK);
    stats_value cov = defined(1.0), sc = defined(100.0);
    int64_t oct1 = datetime_days_from_civil(2026, 10, 1);
    int64_t oct31 = datetime_days_from_civil(2026, 10, 31);
    /* hired_on = date(P.start) = 2026-10-01: employed through all of P, ranked. */
    assert_int_equal(score_agent_note(&p, oct1, false, 0, cov, sc, 0.6), SCORE_NOTE_NONE);
    /* hired on 2026-10-02: missed the first day, new. */
    assert_int_equal(score_agent_note(&p, oct1 + 1, false, 0, cov, sc, 0.6), SCORE_NOTE_NEW);
    /* left_on = the last date of P, 2026-10-31: worked through it, ranked. */
    assert_int_equal(score_agent_note(&p, oct1 - 400, true, oct31, cov, sc, 0.6), SCORE_NOTE_NONE);
    /* left on 2026-10-30: left. */
    assert_int_equal(score_agent_note(&p, oct1 - 400, true, oct31 - 1, cov, sc, 0.6),
                     SCORE_NOTE_LEFT);
    /* new and left in the same month: the first match, new. */
    assert_int_equal(score_agent_note(&p, oct1 + 3, true, oct1 + 20, cov, sc, 0.6), SCORE_NOTE_NEW);
    /* left and low coverage: left comes first. */
    assert_int_equal(score_agent_note(&p, oct1 - 400, true, oct1 + 5, defined(0.1), sc, 0.6),
                     SCORE_NOTE_LEFT);
    /* A quarter: 2026Q3's last date is 2026-09-30; leaving then is through all of P. */
    assert_int_equal(period_from_quarter_text("2026Q3", &p, &diag), CK_OK);
    assert_int_equal(score_agent_note(&p, datetime_days_from_civil(2026, 7, 1), true,
                                      datetime_days_from_civil(2026, 9, 30), cov, sc, 0.6),
                     SCORE_NOTE_NONE);
    assert_int_equal(
        score_agent_note(&p, datetime_days_from_civil(2026, 7, 2), false, 0, cov, sc, 0.6),
        SCORE_NOTE_NEW);
}

static void test_ranks_with_ties(void **state)
{
    (void)state;
    /* Scores 90, 80, 80, 70: ranks 1, 2, 2, 4. 80.0000001 and 79.9999999 both round to
     * 80.000000 at six decimals and tie. An unranked 95 and an undefined score get 0 and
     * push nobody down. */
    stats_value scores[] = {defined(90), defined(80.0000001), defined(79.9999999),
                            defined(70), defined(95),         {false, 0}};
    bool ranked[] = {true, true, true, true, false, true};
    int64_t rank[6];
    score_rank(scores, ranked, NULL, 6, rank);
    assert_int_equal(rank[0], 1);
    assert_int_equal(rank[1], 2);
    assert_int_equal(rank[2], 2);
    assert_int_equal(rank[3], 4);
    assert_int_equal(rank[4], 0);
    assert_int_equal(rank[5], 0);
    /* Within groups {0: rows 0, 2}, {1: rows 1, 3}: team ranks 1, 1, 2, 2. */
    size_t group[] = {0, 1, 0, 1, 0, 1};
    score_rank(scores, ranked, group, 6, rank);
    assert_int_equal(rank[0], 1);
    assert_int_equal(rank[1], 1);
    assert_int_equal(rank[2], 2);
    assert_int_equal(rank[3], 2);
}

static void test_buckets(void **state)
{
    (void)state;
    /* m1 0-30, m2 31-60, m3 61-90, m4_6 91-180, m7_plus > 180: each boundary both ways. */
    assert_int_equal(kpi_bucket_of_dpd(0), KPI_BUCKET_M1);
    assert_int_equal(kpi_bucket_of_dpd(30), KPI_BUCKET_M1);
    assert_int_equal(kpi_bucket_of_dpd(31), KPI_BUCKET_M2);
    assert_int_equal(kpi_bucket_of_dpd(60), KPI_BUCKET_M2);
    assert_int_equal(kpi_bucket_of_dpd(61), KPI_BUCKET_M3);
    assert_int_equal(kpi_bucket_of_dpd(90), KPI_BUCKET_M3);
    assert_int_equal(kpi_bucket_of_dpd(91), KPI_BUCKET_M4_6);
    assert_int_equal(kpi_bucket_of_dpd(180), KPI_BUCKET_M4_6);
    assert_int_equal(kpi_bucket_of_dpd(181), KPI_BUCKET_M7_PLUS);
    assert_string_equal(kpi_bucket_key(KPI_BUCKET_M4_6), "m4_6");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson_k_zero),
        cmocka_unit_test(test_wilson_k_equals_n),
        cmocka_unit_test(test_wilson_n_one),
        cmocka_unit_test(test_wilson_middle),
        cmocka_unit_test(test_wilson_n_zero),
        cmocka_unit_test(test_attainment_clamping),
        cmocka_unit_test(test_attainment_lower_is_better),
        cmocka_unit_test(test_rag),
        cmocka_unit_test(test_score_all_on_target),
        cmocka_unit_test(test_score_below_min_sample),
        cmocka_unit_test(test_score_low_coverage_and_weight_zero),
        cmocka_unit_test(test_coverage_threshold_at_six_decimals),
        cmocka_unit_test(test_new_and_left_boundaries),
        cmocka_unit_test(test_ranks_with_ties),
        cmocka_unit_test(test_buckets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
