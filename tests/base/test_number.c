/* test_number.c - the one rule for numbers written as text (number.h): digits, a '-' where
 * negatives are allowed, nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/number.h"

static bool int64_of(const char *text, int64_t *out)
{
    return number_parse_int64(text, strlen(text), out);
}

/* "0" 0, "007" 7 (leading zeros are fine), "-12" -12, the two ends of int64:
 * 9223372036854775807 and -9223372036854775808. */
static void test_int64_accepts(void **state)
{
    (void)state;
    int64_t v = 1;
    assert_true(int64_of("0", &v));
    assert_int_equal(v, 0);
    assert_true(int64_of("007", &v));
    assert_int_equal(v, 7);
    assert_true(int64_of("-12", &v));
    assert_int_equal(v, -12);
    assert_true(int64_of("9223372036854775807", &v));
    assert_int_equal(v, INT64_MAX);
    assert_true(int64_of("-9223372036854775808", &v));
    assert_int_equal(v, INT64_MIN);
}

/* Spaces before, after or inside, '+', a lone '-', empty, a fraction, an exponent, hex,
 * thousands separators and one past either end are all refused. */
static void test_int64_refuses(void **state)
{
    (void)state;
    static const char *const bad[] = {" 3",
                                      "3 ",
                                      "3 0",
                                      "\t3",
                                      "3\n",
                                      "+3",
                                      "-",
                                      "",
                                      "--3",
                                      "3.0",
                                      "1e3",
                                      "0x10",
                                      "1,000",
                                      "1_000",
                                      "9223372036854775808",
                                      "-9223372036854775809"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = 42;
        assert_false(int64_of(bad[i], &v));
        assert_int_equal(v, 42); /* untouched */
    }
}

/* Only len bytes are read: "12" out of "123" is 12; 0 bytes is not a number. */
static void test_int64_length(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_true(number_parse_int64("123", 2, &v));
    assert_int_equal(v, 12);
    assert_false(number_parse_int64("123", 0, &v));
}

/* 18446744073709551615 (2^64 - 1) fits, one more does not; no sign at all. */
static void test_uint64(void **state)
{
    (void)state;
    uint64_t v = 0;
    assert_true(number_parse_uint64("18446744073709551615", 20, &v));
    assert_true(v == UINT64_MAX);
    assert_false(number_parse_uint64("18446744073709551616", 20, &v));
    assert_false(number_parse_uint64("-1", 2, &v));
    assert_false(number_parse_uint64("+1", 2, &v));
}

/* The range [0, 365]: "0" and "365" in, "366" out; "-0" out (no '-' where no negative is
 * allowed); with min -5, "-5" in and "-6" out. */
static void test_int_range(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_true(number_parse_int_range("0", 0, 365, &v));
    assert_true(number_parse_int_range("365", 0, 365, &v));
    assert_int_equal(v, 365);
    assert_false(number_parse_int_range("366", 0, 365, &v));
    assert_false(number_parse_int_range("-0", 0, 365, &v));
    assert_false(number_parse_int_range(" 3", 0, 365, &v));
    assert_false(number_parse_int_range(NULL, 0, 365, &v));
    assert_true(number_parse_int_range("-5", -5, 5, &v));
    assert_int_equal(v, -5);
    assert_false(number_parse_int_range("-6", -5, 5, &v));
}

/* "0.35" 0.35, "25" 25, "-1.5" -1.5, "-0.5" -0.5, "007.50" 7.5; refused: ".5", "5.",
 * "+1", " 1", "1 ", "1e3", "inf", "nan", "0x1p3", "1.2.3", "". */
static void test_decimal(void **state)
{
    (void)state;
    double v = 0;
    assert_true(number_parse_decimal("0.35", &v));
    assert_float_equal(v, 0.35, 1e-12);
    assert_true(number_parse_decimal("25", &v));
    assert_float_equal(v, 25.0, 0);
    assert_true(number_parse_decimal("-1.5", &v));
    assert_float_equal(v, -1.5, 0);
    assert_true(number_parse_decimal("-0.5", &v));
    assert_float_equal(v, -0.5, 0);
    assert_true(number_parse_decimal("007.50", &v));
    assert_float_equal(v, 7.5, 0);
    static const char *const bad[] = {".5",  "5.",  "+1",    " 1",    "1 ", "1e3",
                                      "inf", "nan", "0x1p3", "1.2.3", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(number_parse_decimal(bad[i], &v));
    assert_false(number_parse_decimal(NULL, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int64_accepts), cmocka_unit_test(test_int64_refuses),
        cmocka_unit_test(test_int64_length),  cmocka_unit_test(test_uint64),
        cmocka_unit_test(test_int_range),     cmocka_unit_test(test_decimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
