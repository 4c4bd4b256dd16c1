/* test_settings.c - defaults < config file < flags, and the values each accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "collectkpi/codes.h"
#include "collectkpi/labels.h"
#include "collectkpi/settings.h"

static char *write_temp(const char *text)
{
    static char path[64];
    strcpy(path, "/tmp/collectkpi-test-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_defaults(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    assert_int_equal(s.grace_days, 0);
    assert_int_equal(s.kept_threshold_pct, 100);
    char text[128];
    labels_resolved_reasons(&s, SETTINGS_LANG_EN, LABELS_REASON_CODE, ", ", text, sizeof text);
    assert_string_equal(text, "paid_in_full, settled, plan_completed");
}

static void test_config_then_flags(void **state)
{
    (void)state;
    char *path = write_temp("[kpi]\ngrace_days = 3\nkept_threshold_pct = 90\n"
                            "resolved_close_reasons = paid_in_full, settled\n"
                            "[report]\nlang = zh\ncurrency = USD\n");
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    reading.month = "2026-10";
    reading.config = path;
    reading.grace_days = "5"; /* the flag beats the file's 3 */
    period p;
    settings s;
    settings_lang lang;
    bool has_as_of;
    int64_t as_of;
    ck_diag diag = {{0}};
    assert_int_equal(cli_reading_resolve(&reading, &p, &s, &lang, &has_as_of, &as_of, &diag),
                     CK_OK);
    assert_int_equal(s.grace_days, 5);
    assert_int_equal(s.kept_threshold_pct, 90);
    assert_int_equal(lang, SETTINGS_LANG_ZH);
    assert_string_equal(s.currency, "USD");
    assert_int_equal(s.resolved_mask,
                     (1u << CODES_CLOSE_PAID_IN_FULL) | (1u << CODES_CLOSE_SETTLED));
    assert_false(has_as_of);
    unlink(path);
}

static void test_bad_config(void **state)
{
    (void)state;
    char *path = write_temp("[kpi]\ngrace_days = 3\nbogus = 1\n");
    settings s;
    settings_defaults(&s);
    settings_lang lang = SETTINGS_LANG_EN;
    ck_diag diag = {{0}};
    assert_int_equal(settings_load_file(&s, &lang, path, &diag), CK_ERR_USAGE);
    assert_string_equal(diag.text, "line 3: unknown key 'bogus' in section [kpi] (see "
                                   "docs/configuration.md)");
    assert_int_equal(s.grace_days, 0); /* a bad file changes nothing */
    unlink(path);
    assert_int_equal(settings_load_file(&s, &lang, "/nonexistent/x.ini", &diag), CK_ERR_NOT_FOUND);
}

static void test_value_ranges(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    ck_diag diag = {{0}};
    assert_int_equal(settings_set_grace_days(&s, "-1", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_grace_days(&s, "366", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_grace_days(&s, "3x", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_kept_threshold_pct(&s, "0", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_kept_threshold_pct(&s, "101", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_kept_threshold_pct(&s, "80", &diag), CK_OK);
    assert_int_equal(settings_set_resolved_reasons(&s, "paid_in_full,nope", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_currency(&s, "usd", &diag), CK_ERR_USAGE);
    settings_lang lang = SETTINGS_LANG_EN;
    assert_int_equal(settings_set_lang(&lang, "fr", &diag), CK_ERR_USAGE);
    assert_int_equal(lang, SETTINGS_LANG_EN); /* a bad value changes nothing */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_config_then_flags),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_value_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
