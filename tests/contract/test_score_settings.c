/* test_score_settings.c - [score] and [score.MEASURE] in the config file: defaults, values,
 * and the errors that name the key and the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectkpi/codes.h"
#include "collectkpi/settings.h"

static char path[64];

static const char *write_temp(const char *text)
{
    strcpy(path, "/tmp/collectkpi-score-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* Loads text as a config file over the defaults; returns the error, diag in *diag. */
static ck_error load(const char *text, settings *s, ck_diag *diag)
{
    settings_defaults(s);
    settings_lang lang = SETTINGS_LANG_DEFAULT;
    ck_error err = settings_load_file(s, &lang, write_temp(text), diag);
    unlink(path);
    return err;
}

static void test_defaults(void **state)
{
    (void)state;
    settings s;
    settings_defaults(&s);
    /* scorecard.md's table; conduct (complaints 20, breaches 30, csat 10) weighs 60. */
    const settings_score *sc = &s.score;
    assert_true(sc->measure[SETTINGS_MEASURE_RECOVERY_INDEX].target == 1.0);
    assert_true(sc->measure[SETTINGS_MEASURE_BREACHES].weight == 30);
    assert_int_equal(sc->measure[SETTINGS_MEASURE_COMPLAINTS_UPHELD].min_sample, 500);
    assert_true(sc->measure[SETTINGS_MEASURE_COMPLAINTS_UPHELD].weight +
                    sc->measure[SETTINGS_MEASURE_BREACHES].weight +
                    sc->measure[SETTINGS_MEASURE_CSAT].weight ==
                60);
    assert_true(sc->amber_at == 0.9 && sc->min_coverage == 0.6 && sc->critical_cap == 60);
    int threat = codes_find(&codes_complaint_category, "threat");
    int service = codes_find(&codes_complaint_category, "service");
    assert_true(sc->critical_category_mask & (1u << threat));
    assert_false(sc->critical_category_mask & (1u << service));
}

static void test_values(void **state)
{
    (void)state;
    settings s;
    ck_diag diag = {{0}};
    assert_int_equal(load("[score]\namber_at = 0.8\nmin_coverage = 0.5\ncritical_cap = 50\n"
                          "critical_complaint_categories = threat, privacy\n"
                          "[score.rpc_rate]\ntarget = 0.25\nweight = 0\nmin_sample = 50\n",
                          &s, &diag),
                     CK_OK);
    assert_true(s.score.amber_at == 0.8 && s.score.min_coverage == 0.5);
    assert_true(s.score.critical_cap == 50);
    assert_true(s.score.measure[SETTINGS_MEASURE_RPC_RATE].target == 0.25);
    assert_true(s.score.measure[SETTINGS_MEASURE_RPC_RATE].weight == 0); /* dropped */
    assert_int_equal(s.score.measure[SETTINGS_MEASURE_RPC_RATE].min_sample, 50);
    unsigned want = (1u << codes_find(&codes_complaint_category, "threat")) |
                    (1u << codes_find(&codes_complaint_category, "privacy"));
    assert_int_equal(s.score.critical_category_mask, want);
    /* An empty list: no complaint category caps a score. */
    assert_int_equal(load("[score]\ncritical_complaint_categories =\n", &s, &diag), CK_OK);
    assert_int_equal(s.score.critical_category_mask, 0);
}

static void test_errors_name_key_and_line(void **state)
{
    (void)state;
    settings s;
    ck_diag diag = {{0}};
    /* A negative weight on line 3. */
    assert_int_equal(load("[score.ptp_kept_rate]\ntarget = 0.5\nweight = -1\n", &s, &diag),
                     CK_ERR_USAGE);
    assert_string_equal(diag.text, "line 3: [score.ptp_kept_rate] weight '-1' is not a number "
                                   "from 0 to 1000000 (0 drops the measure)");
    /* A zero target of a lower-is-better measure on line 2. */
    assert_int_equal(load("[score.breaches_per_1k_outbound]\ntarget = 0\n", &s, &diag),
                     CK_ERR_USAGE);
    assert_string_equal(diag.text,
                        "line 2: [score.breaches_per_1k_outbound] target '0' is not a number "
                        "above 0 (lower is better: the target divides by the value)");
    /* An unknown measure: the error is on its first key's line, 3. */
    assert_int_equal(load("; comment\n[score.recovery_rate]\nweight = 5\n", &s, &diag),
                     CK_ERR_USAGE);
    assert_non_null(strstr(diag.text, "line 3: unknown measure 'recovery_rate' in section "
                                      "[score.recovery_rate]"));
    /* An unknown key, a bad category, a bad amber_at, a fractional min_sample. */
    assert_int_equal(load("[score.csat_mean]\nminimum = 5\n", &s, &diag), CK_ERR_USAGE);
    assert_non_null(
        strstr(diag.text, "line 2: unknown key 'minimum' in section [score.csat_mean]"));
    assert_int_equal(load("[score]\ncritical_complaint_categories = threat, rudeness\n", &s, &diag),
                     CK_ERR_USAGE);
    assert_non_null(strstr(diag.text, "line 2: [score] critical_complaint_categories: "
                                      "'rudeness' is not a complaint category"));
    assert_int_equal(load("[score]\namber_at = 1.5\n", &s, &diag), CK_ERR_USAGE);
    assert_int_equal(load("[score.csat_mean]\nmin_sample = 2.5\n", &s, &diag), CK_ERR_USAGE);
    /* A negative target is wrong for a higher-is-better measure too. */
    assert_int_equal(load("[score.csat_mean]\ntarget = -4\n", &s, &diag), CK_ERR_USAGE);
    /* Every weight 0: nothing could ever be scored. */
    assert_int_equal(load("[score.recovery_index]\nweight=0\n[score.ptp_kept_rate]\nweight=0\n"
                          "[score.rpc_rate]\nweight=0\n"
                          "[score.complaints_upheld_per_1k_contacts]\nweight=0\n"
                          "[score.breaches_per_1k_outbound]\nweight=0\n[score.csat_mean]\n"
                          "weight=0\n",
                          &s, &diag),
                     CK_ERR_USAGE);
    assert_non_null(strstr(diag.text, "every [score.MEASURE] weight is 0"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_errors_name_key_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
