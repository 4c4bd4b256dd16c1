/* test_report_headline.c - when a change of a headline figure is good or bad news
 * (report.h report_change_tone): never beside a month the data does not cover, and for
 * substantiated complaints not while the share under review moved by more than 10 points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/report.h"

/* Two covered months; the caller sets the complaint counts. */
static void covered(kpi_result *r, int month)
{
    memset(r, 0, sizeof *r);
    period_of_month(2026, month, &r->period);
    r->coverage.period_days = r->coverage.covered_days = 30;
    r->coverage.any_payment = r->coverage.any_contact = true;
}

static const report_headline *headline(const char *key)
{
    for (size_t i = 0; i < report_headline_count; i++)
        if (strcmp(report_headlines[i].key, key) == 0)
            return &report_headlines[i];
    fail_msg("no headline %s", key);
    return NULL;
}

static void test_review_share(void **state)
{
    (void)state;
    kpi_row row;
    memset(&row, 0, sizeof row);
    /* No complaint: nothing is waiting, the share is 0 (not undefined). */
    assert_true(report_review_share(&row) == 0.0);
    row.complaints = 38;
    row.complaints_under_review = 23;
    /* 23 / 38 = 0.605263 */
    assert_true(report_review_share(&row) > 0.6052 && report_review_share(&row) < 0.6053);
}

static void test_substantiated_with_lagging_reviews(void **state)
{
    (void)state;
    kpi_result now, before;
    covered(&now, 10);
    covered(&before, 9);
    report_data data;
    memset(&data, 0, sizeof data);
    data.current = &now;
    data.previous = &before;
    /* The month: 5 substantiated of 38, 23 under review (60.5%), against 14 of 40
     * with 4 under review (10%) the month before: 50.5 points apart. The fall from 14 to 5
     * (sign -1, and fewer is better) is not good news. */
    now.total.complaints = 38;
    now.total.complaints_substantiated = 5;
    now.total.complaints_under_review = 23;
    before.total.complaints = 40;
    before.total.complaints_substantiated = 14;
    before.total.complaints_under_review = 4;
    assert_true(report_review_shares_differ(&now.total, &before.total));
    assert_int_equal(report_change_tone(&data, headline("complaints_substantiated"), -1), 0);
    /* The rule is for substantiated complaints only: all complaints fell, good news. */
    assert_int_equal(report_change_tone(&data, headline("complaints"), -1), 1);
    /* 6 of 38 under review (15.8%) against 10%: 5.8 points, judged: good news. */
    now.total.complaints_under_review = 6;
    assert_false(report_review_shares_differ(&now.total, &before.total));
    assert_int_equal(report_change_tone(&data, headline("complaints_substantiated"), -1), 1);
    /* Exactly 10 points is not more than 10: 8 of 40 (20%) against 4 of 40 (10%). */
    now.total.complaints = 40;
    now.total.complaints_under_review = 8;
    assert_false(report_review_shares_differ(&now.total, &before.total));
    /* 9 of 40 (22.5%): 12.5 points, the other way round: still not judged. */
    now.total.complaints_under_review = 9;
    assert_true(report_review_shares_differ(&now.total, &before.total));
    assert_int_equal(report_change_tone(&data, headline("complaints_substantiated"), 1), 0);
}

static void test_partial_or_empty_months_are_not_news(void **state)
{
    (void)state;
    kpi_result now, before;
    covered(&now, 10);
    covered(&before, 9);
    report_data data;
    memset(&data, 0, sizeof data);
    data.current = &now;
    data.previous = &before;
    const report_headline *recovery = headline("recovery_rate");
    assert_int_equal(report_change_tone(&data, recovery, 1), 1);
    assert_int_equal(report_change_tone(&data, recovery, -1), -1);
    assert_int_equal(report_change_tone(&data, recovery, 0), 0);
    /* The current month covered 12 of 30 days. */
    now.coverage.covered_days = 12;
    assert_int_equal(report_change_tone(&data, recovery, -1), 0);
    now.coverage.covered_days = 30;
    /* The previous month had no payment and no contact. */
    before.coverage.any_payment = before.coverage.any_contact = false;
    assert_int_equal(report_change_tone(&data, recovery, 1), 0);
    /* No previous period at all. */
    data.previous = NULL;
    assert_int_equal(report_change_tone(&data, recovery, 1), 0);
    /* contacts has no direction. */
    data.previous = &before;
    before.coverage.any_payment = true;
    assert_int_equal(report_change_tone(&data, headline("contacts"), 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_review_share),
        cmocka_unit_test(test_substantiated_with_lagging_reviews),
        cmocka_unit_test(test_partial_or_empty_months_are_not_news),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
