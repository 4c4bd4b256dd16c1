/* test_stats.c - the division helper and PERCENTILE.INC for n = 1, 2, 3 and 10. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "check_double.h"

#include "collectkpi/format.h"
#include "collectkpi/money.h"
#include "collectkpi/stats.h"

static void test_ratio_zero_denominator(void **state)
{
    (void)state;
    stats_value v = stats_ratio_i64(5, 0); /* x/0 is undefined, never 0 */
    assert_false(v.defined);
    assert_true(v.value == 0.0);
    v = stats_ratio_i64(0, 4); /* 0/4 is a defined 0 */
    assert_true(v.defined);
    assert_true(v.value == 0.0);
    v = stats_ratio_i64(-3, 4); /* reversals can make a rate negative: -0.75 */
    assert_true(v.defined);
    assert_double_equal(v.value, -0.75, 1e-12);
}

static void test_percentile_small_n(void **state)
{
    (void)state;
    /* n = 0: undefined. */
    assert_false(stats_percentile_inc(NULL, 0, 0.5).defined);
    /* n = 1 {7}: h = 0 for any p, so 7. */
    double one[] = {7};
    assert_double_equal(stats_percentile_inc(one, 1, 0.5).value, 7, 1e-12);
    assert_double_equal(stats_percentile_inc(one, 1, 0.9).value, 7, 1e-12);
    /* n = 2 {10, 20}: median h = 0.5 -> 10 + 0.5*10 = 15; p90 h = 0.9 -> 10 + 0.9*10 = 19. */
    double two[] = {10, 20};
    assert_double_equal(stats_percentile_inc(two, 2, 0.5).value, 15, 1e-12);
    assert_double_equal(stats_percentile_inc(two, 2, 0.9).value, 19, 1e-12);
    /* n = 3 {1, 2, 10}: median h = 1 -> 2; p90 h = 1.8 -> 2 + 0.8*(10-2) = 8.4. */
    double three[] = {1, 2, 10};
    assert_double_equal(stats_percentile_inc(three, 3, 0.5).value, 2, 1e-12);
    assert_double_equal(stats_percentile_inc(three, 3, 0.9).value, 8.4, 1e-12);
}

static void test_percentile_ten(void **state)
{
    (void)state;
    /* n = 10 {1..10}: median h = 4.5 -> 5 + 0.5*1 = 5.5; p90 h = 8.1 -> 9 + 0.1*1 = 9.1
     * (Excel: PERCENTILE.INC({1..10}, 0.9) = 9.1). */
    double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assert_double_equal(stats_percentile_inc(ten, 10, 0.5).value, 5.5, 1e-12);
    assert_double_equal(stats_percentile_inc(ten, 10, 0.9).value, 9.1, 1e-12);
    assert_double_equal(stats_percentile_inc(ten, 10, 1.0).value, 10, 1e-12);
    /* mean of 1..10 = 55 / 10 = 5.5 */
    assert_double_equal(stats_mean(ten, 10).value, 5.5, 1e-12);
    assert_false(stats_mean(ten, 0).defined);
}

static void test_money_text(void **state)
{
    (void)state;
    char out[MONEY_TEXT_SIZE];
    money_format_plain(1234560, out);
    assert_string_equal(out, "12345.60");
    money_format_plain(-5, out);
    assert_string_equal(out, "-0.05");
    /* 123456789 minor = 1234567 major and 89 cents, grouped 1,234,567 */
    format_money_grouped(123456789, out, sizeof out);
    assert_string_equal(out, "1,234,567.89");
    format_money_grouped(-100000, out, sizeof out);
    assert_string_equal(out, "-1,000.00");
    /* INT64_MIN = -9223372036854775808 minor: magnitude taken unsigned, no overflow */
    format_money_grouped(INT64_MIN, out, sizeof out);
    assert_string_equal(out, "-92,233,720,368,547,758.08");
    format_integer_grouped(-1234, out, sizeof out);
    assert_string_equal(out, "-1,234");
    format_integer_grouped(999, out, sizeof out);
    assert_string_equal(out, "999");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ratio_zero_denominator),
        cmocka_unit_test(test_percentile_small_n),
        cmocka_unit_test(test_percentile_ten),
        cmocka_unit_test(test_money_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
