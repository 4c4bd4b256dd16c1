/* test_datetime.c - strict timestamps and the period arithmetic of kpi.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/datetime.h"
#include "collectkpi/period.h"

static bool ts(const char *text, int64_t *out)
{
    return datetime_parse_ts(text, strlen(text), out);
}

static void test_real_timestamps(void **state)
{
    (void)state;
    int64_t t;
    /* 1970-01-02 00:00:01 is one day and one second after the epoch: 86401. */
    assert_true(ts("1970-01-02 00:00:01", &t));
    assert_int_equal(t, 86401);
    assert_true(ts("2024-02-29 23:59:59", &t));  /* 2024 is a leap year */
    assert_false(ts("2026-02-29 00:00:00", &t)); /* 2026 is not */
    assert_false(ts("2026-02-30 10:00:00", &t));
    assert_false(ts("2026-10-01 24:00:00", &t));
    assert_false(ts("2026-10-01 23:60:00", &t));
    assert_false(ts("2026-10-01T10:00:00", &t));
    assert_false(ts("2026-10-1 10:00:00", &t));
    assert_false(ts("2026-10-01 10:00:00 ", &t));
    assert_false(ts("1900-02-29 00:00:00", &t)); /* century rule */
    assert_true(ts("2000-02-29 00:00:00", &t));  /* 400-year rule */
}

/* The clock part alone: seconds since midnight, the same bounds as a full timestamp. */
static void test_clock(void **state)
{
    (void)state;
    int64_t seconds = -1;
    assert_true(datetime_parse_clock("00:00:00", &seconds));
    assert_int_equal(seconds, 0);
    /* 23 * 3600 + 59 * 60 + 59 = 82800 + 3540 + 59 = 86399 */
    assert_true(datetime_parse_clock("23:59:59", &seconds));
    assert_int_equal(seconds, 86399);
    /* 12 * 3600 + 34 * 60 + 56 = 43200 + 2040 + 56 = 45296 */
    assert_true(datetime_parse_clock("12:34:56", &seconds));
    assert_int_equal(seconds, 45296);
    assert_false(datetime_parse_clock("24:00:00", &seconds));
    assert_false(datetime_parse_clock("12:60:00", &seconds));
    assert_false(datetime_parse_clock("12:00:60", &seconds));
    assert_false(datetime_parse_clock("12-00-00", &seconds));
    assert_false(datetime_parse_clock("1a:00:00", &seconds));
}

static void test_round_trip(void **state)
{
    (void)state;
    char out[DATETIME_TS_SIZE];
    int64_t t;
    assert_true(ts("2026-12-31 23:59:59", &t));
    datetime_format_ts(t, out);
    assert_string_equal(out, "2026-12-31 23:59:59");
    assert_true(ts("1969-12-31 23:00:00", &t)); /* before the epoch: -3600 */
    assert_int_equal(t, -3600);
    assert_int_equal(datetime_day_of(t), -1);
    datetime_format_ts(t, out);
    assert_string_equal(out, "1969-12-31 23:00:00");
}

static void test_month_period(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-10", &p, &diag), CK_OK);
    assert_string_equal(p.start_text, "2026-10-01 00:00:00");
    assert_string_equal(p.end_text, "2026-11-01 00:00:00");
    assert_int_equal(period_from_month_text("2026-12", &p, &diag), CK_OK);
    assert_string_equal(p.end_text, "2027-01-01 00:00:00");
    assert_int_equal(period_from_month_text("2026-13", &p, &diag), CK_ERR_USAGE);
    assert_int_equal(period_from_month_text("2026-00", &p, &diag), CK_ERR_USAGE);
    assert_int_equal(period_from_month_text("26-10", &p, &diag), CK_ERR_USAGE);
}

static void test_range_period(void **state)
{
    (void)state;
    period p;
    ck_diag diag = {{0}};
    /* --from 2026-10-03 --to 2026-10-17 includes both days: [10-03, 10-18). */
    assert_int_equal(period_from_dates_text("2026-10-03", "2026-10-17", &p, &diag), CK_OK);
    assert_string_equal(p.start_text, "2026-10-03 00:00:00");
    assert_string_equal(p.end_text, "2026-10-18 00:00:00");
    assert_int_equal(p.month, 0);
    /* A whole month by dates is that month. */
    assert_int_equal(period_from_dates_text("2026-12-01", "2026-12-31", &p, &diag), CK_OK);
    assert_int_equal(p.month, 12);
    assert_int_equal(period_from_dates_text("2026-10-17", "2026-10-03", &p, &diag), CK_ERR_USAGE);
    assert_int_equal(period_from_dates_text("2026-02-30", "2026-03-03", &p, &diag), CK_ERR_USAGE);
}

/* Dates run from 1900-01-01 to 9999-12-31 (data-model.md); the day after the last one, the
 * exclusive end of a promise window past it, formats as "9999-12-32", which sorts after
 * every real date and timestamp instead of wrapping to year 0000. */
static void test_date_limits(void **state)
{
    (void)state;
    int64_t days;
    char text[DATETIME_TS_SIZE];
    assert_false(datetime_parse_date("1899-12-31", 10, &days));
    assert_true(datetime_parse_date("1900-01-01", 10, &days));
    assert_true(datetime_parse_date("9999-12-31", 10, &days));
    datetime_format_date(days, text);
    assert_string_equal(text, "9999-12-31");
    datetime_format_date(days + 1, text);
    assert_string_equal(text, DATETIME_AFTER_LAST_DATE);
    datetime_format_ts((days + 1) * DATETIME_SECONDS_PER_DAY, text);
    assert_string_equal(text, "9999-12-32 00:00:00");
    assert_true(strcmp(text, "9999-12-31 23:59:59") > 0);
    /* --to 9999-12-31 would end the period at 10000-01-01: a usage error; 9999-12-30 ends it
     * at 9999-12-31 00:00:00 */
    period p;
    ck_diag diag = {{0}};
    assert_int_equal(period_from_dates_text("2026-10-01", "9999-12-31", &p, &diag), CK_ERR_USAGE);
    assert_int_equal(period_from_dates_text("2026-10-01", "9999-12-30", &p, &diag), CK_OK);
    assert_string_equal(p.end_text, "9999-12-31 00:00:00");
    assert_int_equal(period_from_month_text("9999-12", &p, &diag), CK_ERR_USAGE);
}

static void test_month_walks(void **state)
{
    (void)state;
    period p, back;
    ck_diag diag = {{0}};
    assert_int_equal(period_from_month_text("2026-02", &p, &diag), CK_OK);
    period_month_before(&p, 2, &back); /* two months before February 2026: December 2025 */
    assert_string_equal(back.start_text, "2025-12-01 00:00:00");
    /* Last complete month before 2026-01-15 is December 2025. */
    period_last_complete_month(datetime_days_from_civil(2026, 1, 15), &back);
    assert_string_equal(back.start_text, "2025-12-01 00:00:00");
    assert_string_equal(back.end_text, "2026-01-01 00:00:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_timestamps), cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_clock),           cmocka_unit_test(test_month_period),
        cmocka_unit_test(test_range_period),    cmocka_unit_test(test_month_walks),
        cmocka_unit_test(test_date_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
