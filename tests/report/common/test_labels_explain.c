/* test_labels_explain.c - every sentence of `explain` (labels_explain.c) exists in English
 * and Chinese, and a key's two printf formats take the same arguments in the same order: the
 * writer passes one argument list to whichever language is chosen, so a Chinese format with
 * a %s where the English has a %zu would read the wrong argument. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/labels.h"

/* The conversions of format in order, each as its length modifier and conversion letter
 * ("%-14s %.4f %" PRId64 " %zu" -> "s f ld zu " on LP64), "%%" skipped, into out. */
static void conversions(const char *format, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = format; *p != '\0'; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p != '\0' && strchr("-+ #0123456789.*", *p) != NULL)
            p++;
        const char *start = p;
        while (*p != '\0' && strchr("hljztL", *p) != NULL)
            p++;
        if (*p == '\0')
            break;
        int n = snprintf(out + used, size - used, "%.*s ", (int)(p - start + 1), start);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* "%s at %-8d, %.2f%%" -> "s d f " by hand; a width, a precision and "%%" change nothing,
 * and two formats differing only in the order of their arguments differ. */
static void test_conversions(void **state)
{
    (void)state;
    char a[64], b[64];
    conversions("%s at %-8d, %.2f%%", a, sizeof a);
    assert_string_equal(a, "s d f ");
    conversions("%zu calls on %s", a, sizeof a);
    conversions("%s: %zu calls", b, sizeof b);
    assert_string_equal(a, "zu s ");
    assert_string_not_equal(a, b);
}

static const char *const keys[] = {
    "explain.label.sum_of_scores",
    "explain.label.resolution_days",
    "explain.casemix.heading",
    "explain.casemix.line",
    "explain.casemix.zero",
    "explain.expected",
    "explain.wilson.none",
    "explain.wilson",
    "explain.wilson.ends",
    "explain.heading",
    "explain.target.agent",
    "explain.target.team",
    "explain.target.total",
    "explain.part",
    "explain.measure.count",
    "explain.measure.sum",
    "explain.measure.sum_credited",
    "explain.measure.distinct_cases",
    "explain.measure.days",
    "explain.sorted_days",
    "explain.kpi_prints",
    "explain.empty",
    "explain.undefined",
    "explain.why_heading",
    "explain.mean",
    "explain.percentile.none",
    "explain.percentile",
    "explain.score",
    "explain.score.capped",
    "explain.held.open",
    "explain.held",
    "explain.nobody",
    "explain.workload",
    "explain.workload.collected",
    "explain.payment.unassigned",
    "explain.payment",
    "explain.payment.reversal",
    "explain.contact",
    "explain.contact.attempt",
    "explain.contact.rpc",
    "explain.promise_made",
    "explain.promise.pending",
    "explain.promise.judged",
    "explain.kept",
    "explain.broken",
    "explain.pending",
    "explain.resolution",
    "explain.complaint",
    "explain.complaint.yes",
    "explain.complaint.no",
    "explain.complaint.review",
    "explain.survey",
    "explain.breach",
    "explain.breach.system",
    "explain.breach.breaks",
    "explain.breach.none",
    "explain.breach.critical",
    "explain.cause",
    "explain.rule.quiet_hours",
    "explain.rule.attempts_per_day",
    "explain.rule.connected_per_day",
    "explain.rule.third_party_early",
    "explain.rule.since_debtor",
    "explain.rule.since_placed",
    "explain.rule.since_lookback",
    "explain.rule.third_party_counted",
    "explain.rule.burst",
    "explain.rule.burst_gap",
    "explain.rule.seven_in_seven",
    "explain.rule.after_conversation",
    "explain.why.counted",
    "explain.why.other_agent",
    "explain.why.another_agent",
    "explain.why.the_total",
    "explain.why.unassigned",
    "explain.why.pending",
    "explain.why.not_in_figure",
    "explain.why.outside_period",
    "explain.why.not_resolved",
    "explain.why.not_credited",
    "explain.why.no_holder",
    /* the workbook's note under a list cut at a sheet's last row (not explain's, a format
     * all the same) */
    "report.list.cut",
};

static void test_every_key_in_both_languages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *en = labels_text(keys[i], SETTINGS_LANG_EN);
        const char *zh = labels_text(keys[i], SETTINGS_LANG_ZH);
        char en_args[256], zh_args[256];
        /* labels_text returns the key itself when it has no text */
        assert_string_not_equal(en, keys[i]);
        assert_string_not_equal(zh, keys[i]);
        assert_string_not_equal(en, zh);
        conversions(en, en_args, sizeof en_args);
        conversions(zh, zh_args, sizeof zh_args);
        if (strcmp(en_args, zh_args) != 0)
            fail_msg("%s: English takes '%s', Chinese '%s'", keys[i], en_args, zh_args);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conversions),
        cmocka_unit_test(test_every_key_in_both_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
