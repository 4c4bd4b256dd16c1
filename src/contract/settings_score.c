/* settings_score.c - the [score] and [score.MEASURE] settings of scorecard.md: defaults and
 * the value parsers the config file uses. Each check says which key and what it needs, so
 * the config loader can add the file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/number.h"
#include "collectkpi/settings.h"

const char *const settings_measure_keys[SETTINGS_MEASURE_COUNT] = {
    "recovery_index",           "ptp_kept_rate", "rpc_rate", "complaints_upheld_per_1k_contacts",
    "breaches_per_1k_outbound", "csat_mean",
};

const bool settings_measure_lower_is_better[SETTINGS_MEASURE_COUNT] = {
    false, false, false, true, true, false,
};

/* scorecard.md's table: target, weight, min_sample. Conduct weighs 60, performance 40. */
static const settings_measure_target default_targets[SETTINGS_MEASURE_COUNT] = {
    {1.00, 25, 30}, {0.60, 10, 20}, {0.20, 5, 100}, {0.50, 20, 500}, {1.00, 30, 200}, {4.00, 10, 5},
};

static const char *const default_critical_categories[] = {
    "threat", "abusive_language", "third_party_disclosure", "privacy", "misrepresentation",
};

void settings_score_defaults(settings_score *score)
{
    memset(score, 0, sizeof *score);
    memcpy(score->measure, default_targets, sizeof default_targets);
    score->amber_at = 0.9;
    score->min_coverage = 0.6;
    score->critical_cap = 60;
    for (size_t i = 0; i < sizeof default_critical_categories / sizeof *default_critical_categories;
         i++)
        score->critical_category_mask |=
            1u << codes_find(&codes_complaint_category, default_critical_categories[i]);
}

/* A decimal number, the whole text (number.h). */
static bool parse_number(const char *text, double *out)
{
    return number_parse_decimal(text, out);
}

static ck_error set_categories(settings_score *score, const char *text, ck_diag *diag)
{
    unsigned mask = 0;
    const char *p = text;
    while (p != NULL && *p != '\0') {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ", ");
        if (n == 0)
            break;
        char word[40];
        int index = -1;
        if (n < sizeof word) {
            memcpy(word, p, n);
            word[n] = '\0';
            index = codes_find(&codes_complaint_category, word);
        }
        if (index < 0) {
            ck_diag_set(diag,
                        "[score] critical_complaint_categories: '%.*s' is not a complaint "
                        "category (see docs/data-model.md)",
                        (int)n, p);
            return CK_ERR_USAGE;
        }
        mask |= 1u << index;
        p += n;
    }
    score->critical_category_mask = mask; /* empty: no complaint category caps a score */
    return CK_OK;
}

static ck_error set_general(settings_score *score, const char *key, const char *text, ck_diag *diag)
{
    double v = 0;
    bool number = parse_number(text, &v);
    if (strcmp(key, "amber_at") == 0) {
        if (!number || v <= 0 || v > 1) {
            ck_diag_set(diag, "[score] amber_at '%s' is not a number above 0 and at most 1", text);
            return CK_ERR_USAGE;
        }
        score->amber_at = v;
    } else if (strcmp(key, "min_coverage") == 0) {
        if (!number || v < 0 || v > 1) {
            ck_diag_set(diag, "[score] min_coverage '%s' is not a number from 0 to 1", text);
            return CK_ERR_USAGE;
        }
        score->min_coverage = v;
    } else if (strcmp(key, "critical_cap") == 0) {
        if (!number || v < 0 || v > 120) {
            ck_diag_set(diag, "[score] critical_cap '%s' is not a number from 0 to 120", text);
            return CK_ERR_USAGE;
        }
        score->critical_cap = v;
    } else if (strcmp(key, "critical_complaint_categories") == 0) {
        return set_categories(score, text, diag);
    } else {
        ck_diag_set(diag,
                    "unknown key '%s' in section [score] (amber_at, min_coverage, "
                    "critical_cap, critical_complaint_categories)",
                    key);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

static ck_error set_measure(settings_score *score, const char *measure, const char *key,
                            const char *text, ck_diag *diag)
{
    int m = -1;
    for (int i = 0; i < SETTINGS_MEASURE_COUNT; i++)
        if (strcmp(measure, settings_measure_keys[i]) == 0)
            m = i;
    if (m < 0) {
        ck_diag_set(diag,
                    "unknown measure '%s' in section [score.%s] (recovery_index, ptp_kept_rate, "
                    "rpc_rate, complaints_upheld_per_1k_contacts, breaches_per_1k_outbound, "
                    "csat_mean)",
                    measure, measure);
        return CK_ERR_USAGE;
    }
    settings_measure_target *t = &score->measure[m];
    double v = 0;
    bool number = parse_number(text, &v);
    if (strcmp(key, "target") == 0) {
        /* A zero target makes value / target or target / value meaningless either way. */
        if (!number || v <= 0) {
            ck_diag_set(diag, "[score.%s] target '%s' is not a number above 0%s", measure, text,
                        settings_measure_lower_is_better[m]
                            ? " (lower is better: the target divides by the value)"
                            : "");
            return CK_ERR_USAGE;
        }
        t->target = v;
    } else if (strcmp(key, "weight") == 0) {
        if (!number || v < 0 || v > 1e6) {
            ck_diag_set(diag,
                        "[score.%s] weight '%s' is not a number from 0 to 1000000 (0 drops the "
                        "measure)",
                        measure, text);
            return CK_ERR_USAGE;
        }
        t->weight = v;
    } else if (strcmp(key, "min_sample") == 0) {
        int64_t n;
        if (!number_parse_int_range(text, 0, INT64_MAX, &n)) {
            ck_diag_set(diag, "[score.%s] min_sample '%s' is not a whole number from 0", measure,
                        text);
            return CK_ERR_USAGE;
        }
        t->min_sample = n;
    } else {
        ck_diag_set(diag, "unknown key '%s' in section [score.%s] (target, weight, min_sample)",
                    key, measure);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error settings_set_score(settings *s, const char *measure, const char *key, const char *text,
                            ck_diag *diag)
{
    if (measure == NULL)
        return set_general(&s->score, key, text, diag);
    return set_measure(&s->score, measure, key, text, diag);
}

ck_error settings_score_check(const settings_score *score, ck_diag *diag)
{
    double total = 0;
    for (int i = 0; i < SETTINGS_MEASURE_COUNT; i++)
        total += score->measure[i].weight;
    if (total <= 0) {
        ck_diag_set(diag, "every [score.MEASURE] weight is 0; give at least one measure a weight "
                          "above 0");
        return CK_ERR_USAGE;
    }
    return CK_OK;
}
