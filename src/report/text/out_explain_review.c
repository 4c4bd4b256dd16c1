/* out_explain_review.c - `explain` for expected_collected, recovery_index and the Wilson
 * intervals (out_explain_review.h): scorecard.md's formulas written out with the numbers. */
#include "out_explain_review.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/money.h"
#include "collectkpi/score.h"

#define T(key) labels_text(key, lang)

static void money_real_text(double minor, char *out)
{
    money_format_plain(llround(minor), out);
}

void out_explain_casemix_line(const explain_result *r, int b, settings_lang lang, char *out,
                              size_t size)
{
    const explain_casemix *m = &r->casemix;
    char worked[MONEY_TEXT_SIZE], collected[MONEY_TEXT_SIZE], pw[MONEY_TEXT_SIZE],
        pc[MONEY_TEXT_SIZE], expected[MONEY_TEXT_SIZE], rate[32];
    money_format_plain(m->worked_balance_minor[b], worked);
    money_format_plain(m->collected_minor[b], collected);
    money_format_plain(m->portfolio_worked_minor[b], pw);
    money_format_plain(m->portfolio_collected_minor[b], pc);
    money_real_text(m->expected_by_bucket[b], expected);
    format_decimal(m->rate[b], 9, rate, sizeof rate);
    const char *key = kpi_bucket_key((kpi_bucket)b);
    snprintf(out, size, T("explain.casemix.line"), key, worked, key, rate, expected, collected, key,
             pc, pw, m->portfolio_worked_minor[b] == 0 ? T("explain.casemix.zero") : "");
}

json_t *out_explain_casemix_json(const explain_result *r)
{
    const explain_casemix *m = &r->casemix;
    json_t *array = json_array();
    for (int b = 0; b < KPI_BUCKET_COUNT; b++) {
        json_t *obj = json_object();
        json_object_set_new(obj, "bucket", json_string(kpi_bucket_key((kpi_bucket)b)));
        json_object_set_new(obj, "worked_balance_minor", json_integer(m->worked_balance_minor[b]));
        json_object_set_new(obj, "collected_minor", json_integer(m->collected_minor[b]));
        json_object_set_new(obj, "portfolio_worked_balance_minor",
                            json_integer(m->portfolio_worked_minor[b]));
        json_object_set_new(obj, "portfolio_collected_minor",
                            json_integer(m->portfolio_collected_minor[b]));
        json_object_set_new(obj, "rate", json_real(m->rate[b]));
        json_object_set_new(obj, "expected_minor", json_real(m->expected_by_bucket[b]));
        json_array_append_new(array, obj);
    }
    return array;
}

/* "lo = (p + z^2/2n - z x sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n)" with the numbers. */
static void wilson_text(const explain_result *r, const char *value, settings_lang lang, char *out,
                        size_t size)
{
    int64_t k = r->parts[0].number, n = r->parts[1].number;
    bool lo = r->op == EXPLAIN_OP_WILSON_LO;
    const char *sign = lo ? "-" : "+";
    if (n == 0) {
        snprintf(out, size, T("explain.wilson.none"), r->figure, r->parts[0].label, k,
                 r->parts[1].label);
        return;
    }
    double z = SCORE_WILSON_Z, nn = (double)n, p = (double)k / nn;
    double shift = z * z / (2 * nn), spread = p * (1 - p) / nn + z * z / (4 * nn * nn);
    double root = z * sqrt(spread), scale = 1 + z * z / nn;
    snprintf(out, size, T("explain.wilson"), r->figure, sign, r->parts[0].label, k,
             r->parts[1].label, n, p, z, p, shift, sign, z, spread, scale, p + shift, sign, root,
             scale, value, k == 0 || k == n ? T("explain.wilson.ends") : "");
}

bool out_explain_review_arithmetic(const explain_result *r, const char *value, settings_lang lang,
                                   char *out, size_t size)
{
    char a[MONEY_TEXT_SIZE], expected[MONEY_TEXT_SIZE];
    switch (r->op) {
    case EXPLAIN_OP_EXPECTED: {
        int used = snprintf(out, size, T("explain.expected"), r->figure);
        for (int b = 0; b < KPI_BUCKET_COUNT && used > 0 && (size_t)used < size; b++) {
            char part[MONEY_TEXT_SIZE];
            money_real_text(r->casemix.expected_by_bucket[b], part);
            used += snprintf(out + used, size - (size_t)used, "%s %s", b > 0 ? " +" : "", part);
        }
        if (used > 0 && (size_t)used < size)
            snprintf(out + used, size - (size_t)used, " = %s", value);
        return true;
    }
    case EXPLAIN_OP_INDEX:
        money_format_plain(r->parts[0].number, a);
        money_real_text(r->casemix.expected_minor, expected);
        snprintf(out, size, "%s = collected / expected_collected = %s / %s = %s", r->figure, a,
                 expected, value);
        return true;
    case EXPLAIN_OP_WILSON_LO:
    case EXPLAIN_OP_WILSON_HI: wilson_text(r, value, lang, out, size); return true;
    default: return false;
    }
}
