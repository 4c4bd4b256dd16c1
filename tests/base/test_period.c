/* test_period.c - the review periods of scorecard.md: --quarter YYYYQn and --year YYYY. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/period.h"

static void test_quarters(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    char label[32];
    /* 2026Q3 = [2026-07-01, 2026-10-01) (scorecard.md's own example). */
    assert_int_equal(period_from_quarter_text("2026Q3", &p, &diag), CK_OK);
    assert_string_equal(p.start_text, "2026-07-01 00:00:00");
    assert_string_equal(p.end_text, "2026-10-01 00:00:00");
    assert_int_equal(p.month, 0); /* three months, not a month */
    period_label(&p, label, sizeof label);
    assert_string_equal(label, "2026Q3");
    /* Q1 starts on 1 January; Q4 ends on 1 January of the next year. */
    assert_int_equal(period_from_quarter_text("2026Q1", &p, &diag), CK_OK);
    assert_string_equal(p.start_text, "2026-01-01 00:00:00");
    assert_string_equal(p.end_text, "2026-04-01 00:00:00");
    assert_int_equal(period_from_quarter_text("2026q4", &p, &diag), CK_OK);
    assert_string_equal(p.start_text, "2026-10-01 00:00:00");
    assert_string_equal(p.end_text, "2027-01-01 00:00:00");
}

static void test_bad_quarters(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    const char *bad[] = {"2026Q0",  "2026Q5", "2026-Q3", "26Q3",   "2026Q",
                         "2026Q31", "Q32026", "2026X3",  "0999Q1", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(period_from_quarter_text(bad[i], &p, &diag), CK_ERR_USAGE);
        assert_non_null(strstr(diag.text, "YYYYQn"));
    }
    assert_int_equal(period_from_quarter_text(NULL, &p, &diag), CK_ERR_USAGE);
}

static void test_years(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    char label[32];
    /* 2026 = [2026-01-01, 2027-01-01). */
    assert_int_equal(period_from_year_text("2026", &p, &diag), CK_OK);
    assert_string_equal(p.start_text, "2026-01-01 00:00:00");
    assert_string_equal(p.end_text, "2027-01-01 00:00:00");
    period_label(&p, label, sizeof label);
    assert_string_equal(label, "2026");
    /* 2024 is a leap year: 366 days. */
    assert_int_equal(period_from_year_text("2024", &p, &diag), CK_OK);
    assert_int_equal((p.end - p.start) / DATETIME_SECONDS_PER_DAY, 366);
    const char *bad[] = {"26", "20266", "2O26", "0999", "-2026", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(period_from_year_text(bad[i], &p, &diag), CK_ERR_USAGE);
        assert_non_null(strstr(diag.text, "YYYY"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quarters),
        cmocka_unit_test(test_bad_quarters),
        cmocka_unit_test(test_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
