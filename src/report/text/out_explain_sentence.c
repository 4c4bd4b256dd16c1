/* out_explain_sentence.c - the sentences of `explain` (out_explain_internal.h): which rule let
 * a row in, what made a contact a breach, why a row of --why-not did not count, and the
 * arithmetic line. The wording is the label table's (labels_explain.c) in the chosen
 * language; in English the codes are the contract's (no_answer, outbound), in Chinese their
 * labels.
 */
#include "out_explain_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "collectkpi/compliance.h"
#include "collectkpi/datetime.h"
#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/money.h"
#include "collectkpi/out_compliance.h"
#include "out_explain_review.h"

/* The label table's text in lang: a printf format for most keys, its English and Chinese
 * forms taking the same arguments (tests/report/common/test_labels_explain.c). */
#define T(key) labels_text(key, lang)

const char *out_explain_code_key(const codes_list *list, int index)
{
    return index >= 0 && (size_t)index < list->count ? list->codes[index] : "?";
}

/* A code as a sentence names it: the key in English, the label in Chinese. */
static const char *code_name(const codes_list *list, int index, settings_lang lang)
{
    if (lang != SETTINGS_LANG_ZH || index < 0 || (size_t)index >= list->count)
        return out_explain_code_key(list, index);
    return labels_code(list, index, lang);
}

static void ts_text(int64_t seconds, char *out)
{
    datetime_format_ts(seconds, out);
}

static void money_text(int64_t minor, char *out)
{
    money_format_plain(minor, out);
}

static const char *status_text(kpi_promise_status status, settings_lang lang)
{
    return status == KPI_PROMISE_KEPT     ? T("explain.kept")
           : status == KPI_PROMISE_BROKEN ? T("explain.broken")
                                          : T("explain.pending");
}

/* "from 2026-09-28 10:00:00 (still open)" / "from A to B" */
static void held_text(const witness_event *e, settings_lang lang, char *out, size_t size)
{
    char from[DATETIME_TS_SIZE], until[DATETIME_TS_SIZE];
    ts_text(e->held_from, from);
    if (e->held_until == WITNESS_OPEN_END) {
        snprintf(out, size, T("explain.held.open"), from);
        return;
    }
    ts_text(e->held_until, until);
    snprintf(out, size, T("explain.held"), from, until);
}

/* Appends to out[*used ..]; a sentence too long for out ends where it fits. */
static void append(char *out, size_t size, size_t *used, const char *format, ...)
{
    if (*used >= size)
        return;
    va_list args;
    va_start(args, format);
    int n = vsnprintf(out + *used, size - *used, format, args);
    va_end(args);
    if (n < 0)
        return;
    *used = (size_t)n >= size - *used ? size : *used + (size_t)n;
}

/* "2026-10-13 09:27:34 outbound call to none, no_answer" (with the case number when it is
 * another case's contact) */
static void append_cause(const explain_row *row, const explain_cause *c, settings_lang lang,
                         char *out, size_t size, size_t *used)
{
    char when[DATETIME_TS_SIZE];
    ts_text(c->at, when);
    bool other_case =
        c->case_no != NULL && (row->case_no == NULL || strcmp(c->case_no, row->case_no) != 0);
    append(out, size, used, T("explain.cause"), other_case ? c->case_no : "", other_case ? " " : "",
           when, code_name(&codes_direction, c->direction, lang),
           code_name(&codes_channel, c->channel, lang), code_name(&codes_party, c->party, lang),
           code_name(&codes_outcome, c->outcome, lang));
}

/* The causes rule counted: ": a; b; c". */
static void append_causes(const explain_row *row, compliance_rule rule, settings_lang lang,
                          char *out, size_t size, size_t *used)
{
    size_t n = 0;
    for (size_t i = 0; i < row->cause_count; i++) {
        if (!(row->causes[i].rules & (1u << rule)))
            continue;
        append(out, size, used, "%s", n == 0 ? ": " : "; ");
        append_cause(row, &row->causes[i], lang, out, size, used);
        n++;
    }
}

static size_t cause_count_of(const explain_row *row, compliance_rule rule)
{
    size_t n = 0;
    for (size_t i = 0; i < row->cause_count; i++)
        n += (row->causes[i].rules & (1u << rule)) != 0;
    return n;
}

/* For each rule the contact breaks, in the profile's order: what made it a breach, with the
 * earlier contacts the rule counted (compliance.md's tables, in words). */
static void breach_reasons(const explain_result *r, const explain_row *row, settings_lang lang,
                           char *out, size_t size, size_t *used)
{
    const witness_event *e = &row->event;
    const compliance_settings *s = &r->settings.compliance;
    const compliance_rule *rules;
    size_t count = compliance_profile_rules(s->profile, &rules);
    int64_t day = datetime_day_of(e->at);
    char date[DATETIME_DATE_SIZE], first[DATETIME_DATE_SIZE];
    datetime_format_date(day, date);
    datetime_format_date(day - 6, first);
    for (size_t k = 0; k < count; k++) {
        compliance_rule rule = rules[k];
        if (!(e->rules & (1u << rule)))
            continue;
        append(out, size, used, " | %s: ", compliance_rule_keys[rule]);
        switch (rule) {
        case COMPLIANCE_QUIET_HOURS: {
            char tod[16], from[16], until[16];
            compliance_format_time_of_day((int32_t)(e->at - day * DATETIME_SECONDS_PER_DAY), tod);
            compliance_format_time_of_day(s->contact_from_s[s->profile], from);
            compliance_format_time_of_day(s->contact_until_s[s->profile], until);
            append(out, size, used, T("explain.rule.quiet_hours"),
                   code_name(&codes_direction, row->direction, lang),
                   code_name(&codes_channel, row->channel, lang), tod, from, until, from, until);
            break;
        }
        case COMPLIANCE_ATTEMPTS_PER_DAY:
            append(out, size, used, T("explain.rule.attempts_per_day"), cause_count_of(row, rule),
                   date, s->failed_calls_per_day);
            append_causes(row, rule, lang, out, size, used);
            break;
        case COMPLIANCE_CONNECTED_PER_DAY:
            append(out, size, used, T("explain.rule.connected_per_day"), cause_count_of(row, rule),
                   date, s->connected_calls_per_day);
            append_causes(row, rule, lang, out, size, used);
            break;
        case COMPLIANCE_THIRD_PARTY_EARLY: {
            char since[DATETIME_TS_SIZE];
            ts_text(e->reach_since, since);
            append(out, size, used, T("explain.rule.third_party_early"), since);
            if (e->reach_since_kind == WITNESS_SINCE_DEBTOR)
                append(out, size, used, "%s", T("explain.rule.since_debtor"));
            else if (e->reach_since_kind == WITNESS_SINCE_PLACED)
                append(out, size, used, "%s", T("explain.rule.since_placed"));
            else
                append(out, size, used, T("explain.rule.since_lookback"),
                       s->unreachable_lookback_days);
            append(out, size, used, T("explain.rule.third_party_counted"), date,
                   cause_count_of(row, rule));
            append_causes(row, rule, lang, out, size, used);
            break;
        }
        case COMPLIANCE_BURST:
            append(out, size, used, "%s", T("explain.rule.burst"));
            for (size_t i = 0; i < row->cause_count; i++)
                if (row->causes[i].rules & (1u << rule)) {
                    append(out, size, used, T("explain.rule.burst_gap"), e->at - row->causes[i].at,
                           s->burst_seconds);
                    append_cause(row, &row->causes[i], lang, out, size, used);
                }
            break;
        case COMPLIANCE_SEVEN_IN_SEVEN:
            append(out, size, used, T("explain.rule.seven_in_seven"), cause_count_of(row, rule),
                   first, s->calls_per_seven_days);
            append_causes(row, rule, lang, out, size, used);
            break;
        case COMPLIANCE_AFTER_CONVERSATION:
            append(out, size, used, T("explain.rule.after_conversation"), first);
            append_causes(row, rule, lang, out, size, used);
            break;
        default: break;
        }
    }
}

void out_explain_describe(const explain_result *r, const explain_row *row, settings_lang lang,
                          char *out, size_t size)
{
    const witness_event *e = &row->event;
    const char *who = row->employee_no != NULL ? row->employee_no : T("explain.nobody");
    char at[DATETIME_TS_SIZE], held[128], amount[MONEY_TEXT_SIZE], paid[MONEY_TEXT_SIZE];
    ts_text(row->at, at);
    switch (e->kind) {
    case WITNESS_WORKLOAD: {
        char placed[DATETIME_TS_SIZE];
        held_text(e, lang, held, sizeof held);
        money_text(e->amount_minor, amount);
        ts_text(e->placed_at, placed);
        size_t used = 0;
        append(out, size, &used, T("explain.workload"), who, held, at, amount, placed, e->dpd,
               kpi_bucket_key(e->bucket));
        if (r->has_casemix) {
            char collected[MONEY_TEXT_SIZE];
            money_text(row->pair_collected_minor, collected);
            append(out, size, &used, T("explain.workload.collected"), collected);
        }
        return;
    }
    case WITNESS_PAYMENT:
        money_text(e->amount_minor, amount);
        if (!e->has_agent) {
            snprintf(out, size, T("explain.payment.unassigned"), amount, at);
            return;
        }
        held_text(e, lang, held, sizeof held);
        snprintf(out, size, T("explain.payment"), amount, at, who, held,
                 e->amount_minor < 0 ? T("explain.payment.reversal") : "");
        return;
    case WITNESS_CONTACT:
        snprintf(out, size, T("explain.contact"), at, who,
                 code_name(&codes_direction, row->direction, lang),
                 code_name(&codes_channel, row->channel, lang),
                 code_name(&codes_party, row->party, lang),
                 code_name(&codes_outcome, row->outcome, lang),
                 e->call_attempt ? T("explain.contact.attempt") : "",
                 e->rpc ? T("explain.contact.rpc") : "");
        return;
    case WITNESS_PROMISE_MADE:
        money_text(e->amount_minor, amount);
        snprintf(out, size, T("explain.promise_made"), amount, at, who);
        return;
    case WITNESS_PROMISE_DUE: {
        char due[DATETIME_DATE_SIZE], end[DATETIME_TS_SIZE], as_of[DATETIME_TS_SIZE];
        datetime_format_date(e->due_on, due);
        ts_text(e->window_end, end);
        ts_text(r->as_of, as_of);
        money_text(e->amount_minor, amount);
        money_text(e->paid_toward_minor, paid);
        if (e->status == KPI_PROMISE_PENDING) {
            snprintf(out, size, T("explain.promise.pending"), amount, who, due, at, end, paid, end,
                     as_of);
            return;
        }
        char credited[MONEY_TEXT_SIZE];
        money_text(e->credited_minor, credited);
        snprintf(out, size, T("explain.promise.judged"), amount, who, due, at, end, paid,
                 status_text(e->status, lang), e->status == KPI_PROMISE_KEPT ? ">=" : "<",
                 r->settings.kept_threshold_pct, credited);
        return;
    }
    case WITNESS_RESOLUTION: {
        char placed[DATETIME_TS_SIZE];
        held_text(e, lang, held, sizeof held);
        ts_text(e->placed_at, placed);
        snprintf(out, size, T("explain.resolution"), at,
                 code_name(&codes_close_reason, e->close_reason, lang), who, held, placed, e->days);
        return;
    }
    case WITNESS_COMPLAINT:
        snprintf(out, size, T("explain.complaint"), at, who,
                 code_name(&codes_complaint_category, e->category, lang),
                 e->substantiated == 1   ? T("explain.complaint.yes")
                 : e->substantiated == 0 ? T("explain.complaint.no")
                                         : T("explain.complaint.review"));
        return;
    case WITNESS_SURVEY: snprintf(out, size, T("explain.survey"), at, who, e->amount_minor); return;
    case WITNESS_COMPLIANCE: {
        char rules[256];
        out_compliance_rules_text(&r->settings.compliance, e->rules, rules, sizeof rules);
        size_t used = 0;
        append(out, size, &used, T("explain.breach"), at,
               e->has_agent ? who : T("explain.breach.system"),
               code_name(&codes_direction, row->direction, lang),
               code_name(&codes_channel, row->channel, lang),
               code_name(&codes_party, row->party, lang),
               code_name(&codes_outcome, row->outcome, lang),
               e->rules != 0 ? T("explain.breach.breaks") : T("explain.breach.none"), rules,
               e->critical ? T("explain.breach.critical") : "");
        breach_reasons(r, row, lang, out, size, &used);
        return;
    }
    default: out[0] = '\0';
    }
}

/* A part's number as its measure makes it: money for sums of amounts (survey scores are
 * plain numbers). */
static bool part_is_money(const explain_part *part)
{
    if (part->measure == EXPLAIN_SUM_CREDITED)
        return true;
    return part->measure == EXPLAIN_SUM && part->count > 0 &&
           part->rows[0].event.kind != WITNESS_SURVEY;
}

void out_explain_part_number(const explain_part *part, char *out, size_t size)
{
    if (part_is_money(part) || (part->measure == EXPLAIN_SUM && part->count == 0 &&
                                strcmp(part->label, "sum of scores") != 0)) {
        char money[MONEY_TEXT_SIZE];
        money_text(part->number, money);
        snprintf(out, size, "%s", money);
        return;
    }
    snprintf(out, size, "%" PRId64, part->number);
}

const char *out_explain_part_label(const char *label, settings_lang lang)
{
    /* the two labels in words; the others are the specification's keys and formulas */
    if (strcmp(label, "sum of scores") == 0)
        return T("explain.label.sum_of_scores");
    if (strcmp(label, "resolution days") == 0)
        return T("explain.label.resolution_days");
    return label;
}

const char *out_explain_measure(explain_measure measure, settings_lang lang)
{
    switch (measure) {
    case EXPLAIN_COUNT: return T("explain.measure.count");
    case EXPLAIN_SUM: return T("explain.measure.sum");
    case EXPLAIN_SUM_CREDITED: return T("explain.measure.sum_credited");
    case EXPLAIN_DISTINCT_CASES: return T("explain.measure.distinct_cases");
    case EXPLAIN_DAYS: return T("explain.measure.days");
    }
    return "";
}

void out_explain_arithmetic(const explain_result *r, settings_lang lang, char *out, size_t size)
{
    char value[64], a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
    format_cell_machine(r->readded, r->kind, value, sizeof value);
    if (!r->readded.defined)
        snprintf(value, sizeof value, "%s", T("explain.undefined"));
    if (r->part_count > 0)
        out_explain_part_number(&r->parts[0], a, sizeof a);
    if (r->part_count > 1)
        out_explain_part_number(&r->parts[1], b, sizeof b);
    if (out_explain_review_arithmetic(r, value, lang, out, size))
        return;
    switch (r->op) {
    case EXPLAIN_OP_VALUE:
        snprintf(out, size, "%s = %s = %s", r->figure,
                 out_explain_measure(r->parts[0].measure, lang), value);
        return;
    case EXPLAIN_OP_RATIO:
        snprintf(out, size, "%s = %s / %s = %s / %s = %s", r->figure,
                 out_explain_part_label(r->parts[0].label, lang),
                 out_explain_part_label(r->parts[1].label, lang), a, b, value);
        return;
    case EXPLAIN_OP_PER_1K:
        snprintf(out, size, "%s = %s x 1000 / %s = %s x 1000 / %s = %s", r->figure,
                 out_explain_part_label(r->parts[0].label, lang),
                 out_explain_part_label(r->parts[1].label, lang), a, b, value);
        return;
    case EXPLAIN_OP_MEAN: {
        double sum = 0;
        for (size_t i = 0; i < r->day_count; i++)
            sum += r->days[i];
        snprintf(out, size, T("explain.mean"), r->figure, sum, r->day_count, value);
        return;
    }
    case EXPLAIN_OP_PERCENTILE: {
        if (r->day_count == 0) {
            snprintf(out, size, T("explain.percentile.none"), r->figure);
            return;
        }
        double h = (double)(r->day_count - 1) * r->percentile;
        size_t lower = (size_t)h;
        double fraction = h - (double)lower;
        double next = lower + 1 < r->day_count ? r->days[lower + 1] : r->days[lower];
        snprintf(out, size, T("explain.percentile"), r->figure, r->day_count - 1, r->day_count - 1,
                 r->percentile, h, lower, fraction, lower + 1, lower, r->days[lower], fraction,
                 next, r->days[lower], value);
        return;
    }
    case EXPLAIN_OP_SCORE:
        snprintf(out, size, T("explain.score"),
                 r->score.cap != SCORE_CAP_NONE ? T("explain.score.capped") : "", value);
        return;
    case EXPLAIN_OP_EXPECTED:
    case EXPLAIN_OP_INDEX:
    case EXPLAIN_OP_WILSON_LO:
    case EXPLAIN_OP_WILSON_HI: break; /* out_explain_review_arithmetic */
    }
    out[0] = '\0';
}

void out_explain_verdict(const explain_result *r, const explain_why_row *w, settings_lang lang,
                         char *out, size_t size)
{
    char detail[OUT_EXPLAIN_SENTENCE_SIZE] = "";
    if (w->has_event) {
        explain_row row;
        memset(&row, 0, sizeof row);
        row.event = w->event;
        row.at = w->event.at != 0 ? w->event.at : w->at;
        row.employee_no = w->employee_no;
        row.channel = row.direction = row.party = row.outcome = -1;
        out_explain_describe(r, &row, lang, detail, sizeof detail);
    }
    const char *colon = detail[0] ? ": " : "";
    switch (w->verdict) {
    case EXPLAIN_COUNTED: snprintf(out, size, T("explain.why.counted"), r->figure); return;
    case EXPLAIN_OTHER_AGENT:
        snprintf(out, size, T("explain.why.other_agent"),
                 w->employee_no != NULL ? w->employee_no : T("explain.why.another_agent"),
                 r->target_name != NULL ? r->target_name : T("explain.why.the_total"), colon,
                 detail);
        return;
    case EXPLAIN_UNASSIGNED:
        snprintf(out, size, T("explain.why.unassigned"), colon, detail);
        return;
    case EXPLAIN_PENDING: snprintf(out, size, T("explain.why.pending"), detail); return;
    case EXPLAIN_NOT_IN_FIGURE:
        snprintf(out, size, T("explain.why.not_in_figure"), r->figure, colon, detail);
        return;
    case EXPLAIN_OUTSIDE_PERIOD:
        snprintf(out, size, T("explain.why.outside_period"), r->period.start_text,
                 r->period.end_text);
        return;
    case EXPLAIN_NOT_RESOLVED:
        snprintf(out, size, T("explain.why.not_resolved"),
                 code_name(&codes_close_reason, w->code, lang));
        return;
    case EXPLAIN_NOT_CREDITED: snprintf(out, size, "%s", T("explain.why.not_credited")); return;
    case EXPLAIN_NO_HOLDER:
        snprintf(out, size, T("explain.why.no_holder"),
                 code_name(&codes_close_reason, w->code, lang));
        return;
    }
    out[0] = '\0';
}

const char *out_explain_target_kind(const explain_result *r, settings_lang lang)
{
    return r->target == EXPLAIN_AGENT  ? T("explain.target.agent")
           : r->target == EXPLAIN_TEAM ? T("explain.target.team")
                                       : T("explain.target.total");
}
