/* score.c - the arithmetic of scorecard.md on plain numbers: Wilson intervals, attainment,
 * RAG, coverage and score, ranks and rank notes. No SQLite and no kpi_result here, so each
 * rule is testable on its own (tests/unit/test_score.c). */
#include "collectkpi/score.h"

#include <math.h>

score_interval score_wilson(int64_t k, int64_t n)
{
    score_interval out = {{false, 0.0}, {false, 0.0}};
    if (n <= 0)
        return out;
    const double z = SCORE_WILSON_Z;
    double nn = (double)n;
    double p = (double)k / nn; /* n > 0: the one division stats_ratio would also allow */
    double centre = p + z * z / (2.0 * nn);
    double margin = z * sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn));
    double scale = 1.0 + z * z / nn;
    double lo = (centre - margin) / scale, hi = (centre + margin) / scale;
    /* For k = 0 the exact lower end is 0 and for k = n the exact upper end is 1; rounding
     * in the formula would miss them by a hair. */
    if (k <= 0)
        lo = 0.0;
    if (k >= n)
        hi = 1.0;
    out.lo = (stats_value){true, lo < 0.0 ? 0.0 : lo > 1.0 ? 1.0 : lo};
    out.hi = (stats_value){true, hi < 0.0 ? 0.0 : hi > 1.0 ? 1.0 : hi};
    return out;
}

stats_value score_attainment(stats_value value, double target, bool lower_is_better)
{
    stats_value a = {false, 0.0};
    if (!value.defined || target <= 0.0)
        return a;
    if (lower_is_better)
        a = value.value == 0.0 ? (stats_value){true, SCORE_ATTAINMENT_MAX}
                               : stats_ratio(target, value.value);
    else
        a = stats_ratio(value.value, target);
    if (a.value < 0.0)
        a.value = 0.0;
    if (a.value > SCORE_ATTAINMENT_MAX)
        a.value = SCORE_ATTAINMENT_MAX;
    return a;
}

int64_t score_micros(double value)
{
    return llround(value * 1e6);
}

score_rag score_rag_of(bool scored, double attainment, double amber_at)
{
    if (!scored)
        return SCORE_RAG_GREY;
    int64_t a = score_micros(attainment);
    if (a >= score_micros(1.0))
        return SCORE_RAG_GREEN;
    if (a >= score_micros(amber_at))
        return SCORE_RAG_AMBER;
    return SCORE_RAG_RED;
}

const char *score_rag_key(score_rag rag)
{
    static const char *const keys[] = {"grey", "red", "amber", "green"};
    return keys[rag];
}

const char *score_reason_key(score_reason reason)
{
    static const char *const keys[] = {"", "no_weight", "undefined", "low_sample"};
    return keys[reason];
}

const char *score_cap_key(score_cap cap)
{
    static const char *const keys[] = {"", "breach", "complaint"};
    return keys[cap];
}

const char *score_note_key(score_note note)
{
    static const char *const keys[] = {"", "new", "left", "low_coverage"};
    return keys[note];
}

void score_measures(score_measure measures[SETTINGS_MEASURE_COUNT], const settings_score *s,
                    stats_value *coverage, stats_value *score)
{
    double all_weights = 0, scored_weights = 0, weighted = 0;
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        score_measure *x = &measures[m];
        const settings_measure_target *t = &s->measure[m];
        all_weights += t->weight;
        x->attainment = (stats_value){false, 0.0};
        if (t->weight <= 0)
            x->reason = SCORE_REASON_NO_WEIGHT;
        else if (!x->value.defined)
            x->reason = SCORE_REASON_UNDEFINED;
        else if (x->sample < t->min_sample)
            x->reason = SCORE_REASON_LOW_SAMPLE;
        else
            x->reason = SCORE_REASON_SCORED;
        if (x->reason == SCORE_REASON_SCORED) {
            x->attainment =
                score_attainment(x->value, t->target, settings_measure_lower_is_better[m]);
            scored_weights += t->weight;
            weighted += t->weight * x->attainment.value;
        }
        x->rag = score_rag_of(x->reason == SCORE_REASON_SCORED, x->attainment.value, s->amber_at);
    }
    *coverage = stats_ratio(scored_weights, all_weights);
    *score = stats_ratio(100.0 * weighted, scored_weights);
}

void score_rank(const stats_value *scores, const bool *ranked, const size_t *group, size_t n,
                int64_t *rank)
{
    /* n is at most the agents of one database (about a thousand): comparing every pair is
     * simpler than sorting and fast enough. */
    for (size_t i = 0; i < n; i++) {
        rank[i] = 0;
        if (!ranked[i] || !scores[i].defined)
            continue;
        int64_t mine = score_micros(scores[i].value);
        int64_t higher = 0;
        for (size_t j = 0; j < n; j++)
            if (ranked[j] && scores[j].defined && (group == NULL || group[j] == group[i]) &&
                score_micros(scores[j].value) > mine)
                higher++;
        rank[i] = 1 + higher;
    }
}

score_note score_agent_note(const period *p, int64_t hired_on, bool has_left_on, int64_t left_on,
                            stats_value coverage, stats_value score, double min_coverage)
{
    int64_t first_day = datetime_day_of(p->start);
    int64_t last_day = datetime_day_of(p->end - 1);
    if (hired_on > first_day)
        return SCORE_NOTE_NEW;
    if (has_left_on && left_on < last_day)
        return SCORE_NOTE_LEFT;
    if (!coverage.defined || !score.defined ||
        score_micros(coverage.value) < score_micros(min_coverage))
        return SCORE_NOTE_LOW_COVERAGE;
    return SCORE_NOTE_NONE;
}
