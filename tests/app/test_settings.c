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

/* [database] busy_timeout_ms: 10000 by default, 0 (fail at once) to 3600000 (an hour). */
static void test_busy_timeout(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    assert_int_equal(s.busy_timeout_ms, 10000);
    ck_diag diag = {{0}};
    assert_int_equal(settings_set_busy_timeout_ms(&s, "0", &diag), CK_OK);
    assert_int_equal(s.busy_timeout_ms, 0);
    assert_int_equal(settings_set_busy_timeout_ms(&s, "3600000", &diag), CK_OK);
    assert_int_equal(s.busy_timeout_ms, 3600000);
    assert_int_equal(settings_set_busy_timeout_ms(&s, "3600001", &diag), CK_ERR_USAGE);
    assert_string_equal(diag.text, "busy timeout '3600001' is not a whole number of "
                                   "milliseconds from 0 to 3600000");
    assert_int_equal(settings_set_busy_timeout_ms(&s, "-1", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_busy_timeout_ms(&s, "5s", &diag), CK_ERR_USAGE);
    assert_int_equal(settings_set_busy_timeout_ms(&s, "", &diag), CK_ERR_USAGE);
    assert_int_equal(s.busy_timeout_ms, 3600000); /* a bad value changes nothing */

    char *path = write_temp("[database]\nbusy_timeout_ms = 2500\n");
    settings_lang lang = SETTINGS_LANG_EN;
    settings_defaults(&s);
    assert_int_equal(settings_load_file(&s, &lang, path, &diag), CK_OK);
    assert_int_equal(s.busy_timeout_ms, 2500);
    unlink(path);
    path = write_temp("[database]\ntimeout = 2500\n"); /* only the one key */
    assert_int_equal(settings_load_file(&s, &lang, path, &diag), CK_ERR_USAGE);
    assert_string_equal(diag.text, "line 2: unknown key 'timeout' in section [database] (see "
                                   "docs/configuration.md)");
    unlink(path);
}

/* [compliance]: the defaults of compliance.md, every key, and a bad value naming key and
 * line. */
static void test_compliance_defaults(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    const compliance_settings *c = &s.compliance;
    assert_int_equal(c->profile, COMPLIANCE_PROFILE_CN);
    assert_int_equal(c->contact_from_s[COMPLIANCE_PROFILE_CN], 8 * 3600);
    assert_int_equal(c->contact_until_s[COMPLIANCE_PROFILE_CN], 22 * 3600);
    assert_int_equal(c->contact_from_s[COMPLIANCE_PROFILE_US], 8 * 3600);
    assert_int_equal(c->contact_until_s[COMPLIANCE_PROFILE_US], 21 * 3600);
    assert_int_equal(c->failed_calls_per_day, 6);
    assert_int_equal(c->connected_calls_per_day, 3);
    assert_int_equal(c->calls_per_seven_days, 7);
    assert_int_equal(c->burst_seconds, 300);
    assert_int_equal(c->unreachable_lookback_days, 30);
    assert_int_equal(c->severity[COMPLIANCE_QUIET_HOURS], COMPLIANCE_MAJOR);
    assert_int_equal(c->severity[COMPLIANCE_ATTEMPTS_PER_DAY], COMPLIANCE_MAJOR);
    assert_int_equal(c->severity[COMPLIANCE_CONNECTED_PER_DAY], COMPLIANCE_MAJOR);
    assert_int_equal(c->severity[COMPLIANCE_THIRD_PARTY_EARLY], COMPLIANCE_CRITICAL);
    assert_int_equal(c->severity[COMPLIANCE_BURST], COMPLIANCE_MINOR);
    assert_int_equal(c->severity[COMPLIANCE_SEVEN_IN_SEVEN], COMPLIANCE_MAJOR);
    assert_int_equal(c->severity[COMPLIANCE_AFTER_CONVERSATION], COMPLIANCE_MAJOR);
    char text[512];
    compliance_settings_describe(c, text, sizeof text);
    assert_string_equal(text, "profile cn: contact hours 08:00:00-22:00:00, failed calls per day "
                              "6, connected calls per day 3, unreachable look-back 30 days, "
                              "burst 300 s; severity quiet_hours major, attempts_per_day major, "
                              "connected_per_day major, third_party_early critical, burst minor");
}

static void test_compliance_config_and_flag(void **state)
{
    (void)state;
    char *path = write_temp("[compliance]\nprofile = us\ncn_contact_hours = 09:00-21:30\n"
                            "us_contact_hours = 07:30:15 - 20:00\nfailed_calls_per_day = 5\n"
                            "connected_calls_per_day = 2\ncalls_per_seven_days = 8\n"
                            "burst_seconds = 600\nunreachable_lookback_days = 14\n"
                            "burst_severity = major\nthird_party_early_severity = major\n");
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    reading.month = "2026-10";
    reading.config = path;
    period p;
    settings s;
    settings_lang lang;
    bool has_as_of;
    int64_t as_of;
    ck_diag diag = {{0}};
    assert_int_equal(cli_reading_resolve(&reading, &p, &s, &lang, &has_as_of, &as_of, &diag),
                     CK_OK);
    const compliance_settings *c = &s.compliance;
    assert_int_equal(c->profile, COMPLIANCE_PROFILE_US);
    assert_int_equal(c->contact_from_s[COMPLIANCE_PROFILE_CN], 9 * 3600);
    assert_int_equal(c->contact_until_s[COMPLIANCE_PROFILE_CN], 21 * 3600 + 30 * 60);
    assert_int_equal(c->contact_from_s[COMPLIANCE_PROFILE_US], 7 * 3600 + 30 * 60 + 15);
    assert_int_equal(c->contact_until_s[COMPLIANCE_PROFILE_US], 20 * 3600);
    assert_int_equal(c->failed_calls_per_day, 5);
    assert_int_equal(c->connected_calls_per_day, 2);
    assert_int_equal(c->calls_per_seven_days, 8);
    assert_int_equal(c->burst_seconds, 600);
    assert_int_equal(c->unreachable_lookback_days, 14);
    assert_int_equal(c->severity[COMPLIANCE_BURST], COMPLIANCE_MAJOR);
    assert_int_equal(c->severity[COMPLIANCE_THIRD_PARTY_EARLY], COMPLIANCE_MAJOR);
    /* The flag beats the file's us. */
    reading.profile = "cn";
    assert_int_equal(cli_reading_resolve(&reading, &p, &s, &lang, &has_as_of, &as_of, &diag),
                     CK_OK);
    assert_int_equal(s.compliance.profile, COMPLIANCE_PROFILE_CN);
    reading.profile = "eu";
    assert_int_equal(cli_reading_resolve(&reading, &p, &s, &lang, &has_as_of, &as_of, &diag),
                     CK_ERR_USAGE);
    assert_string_equal(diag.text, "profile 'eu' is not cn or us");
    unlink(path);
}

static void expect_bad_compliance_line(const char *ini, const char *message)
{
    char *path = write_temp(ini);
    settings s;
    settings_lang lang = SETTINGS_LANG_EN;
    settings_defaults(&s);
    ck_diag diag = {{0}};
    assert_int_equal(settings_load_file(&s, &lang, path, &diag), CK_ERR_USAGE);
    assert_string_equal(diag.text, message);
    assert_int_equal(s.compliance.failed_calls_per_day, 6); /* a bad file changes nothing */
    unlink(path);
}

static void test_compliance_bad_values(void **state)
{
    (void)state;
    expect_bad_compliance_line("[compliance]\nfailed_calls_per_day = 4\nprofile = eu\n",
                               "line 3: profile 'eu' is not cn or us");
    expect_bad_compliance_line("[compliance]\nfailed_calls_per_day = 0\n",
                               "line 2: failed_calls_per_day '0' is not a whole number from 1 to "
                               "1000");
    expect_bad_compliance_line("; hours\n[compliance]\nburst_seconds = 5m\n",
                               "line 3: burst_seconds '5m' is not a whole number from 1 to 86400");
    /* until before from, a bad minute, past 24:00 */
    expect_bad_compliance_line("[compliance]\ncn_contact_hours = 22:00-08:00\n",
                               "line 2: cn_contact_hours '22:00-08:00' is not a range of the day "
                               "HH:MM-HH:MM (from before until, 00:00 to 24:00), such as "
                               "08:00-22:00");
    expect_bad_compliance_line("[compliance]\nus_contact_hours = 08:60-21:00\n",
                               "line 2: us_contact_hours '08:60-21:00' is not a range of the day "
                               "HH:MM-HH:MM (from before until, 00:00 to 24:00), such as "
                               "08:00-22:00");
    expect_bad_compliance_line("[compliance]\nus_contact_hours = 08:00-24:00:01\n",
                               "line 2: us_contact_hours '08:00-24:00:01' is not a range of the "
                               "day HH:MM-HH:MM (from before until, 00:00 to 24:00), such as "
                               "08:00-22:00");
    expect_bad_compliance_line("[compliance]\nburst_severity = high\n",
                               "line 2: burst_severity 'high' is not minor, major or critical");
    expect_bad_compliance_line("[compliance]\nunreachable_lookback_days = 367\n",
                               "line 2: unreachable_lookback_days '367' is not a whole number "
                               "from 1 to 366");
    expect_bad_compliance_line("[compliance]\nquiet_severity = major\n",
                               "line 2: unknown key 'quiet_severity' in section [compliance] (see "
                               "docs/configuration.md)");
    /* 00:00-24:00 is a whole day: no quiet hours at all. */
    settings s;
    settings_defaults(&s);
    ck_diag diag = {{0}};
    assert_int_equal(
        compliance_settings_set(&s.compliance, "cn_contact_hours", "00:00-24:00", &diag), CK_OK);
    assert_int_equal(s.compliance.contact_until_s[COMPLIANCE_PROFILE_CN], 86400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_config_then_flags),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_value_ranges),
        cmocka_unit_test(test_busy_timeout),
        cmocka_unit_test(test_compliance_defaults),
        cmocka_unit_test(test_compliance_config_and_flag),
        cmocka_unit_test(test_compliance_bad_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
