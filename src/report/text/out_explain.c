/* out_explain.c - the rows behind a figure, and the arithmetic to it (out_explain.h). */
#include "collectkpi/out_explain.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <jansson.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/compliance.h"
#include "collectkpi/datetime.h"
#include "collectkpi/format.h"
#include "collectkpi/money.h"
#include "collectkpi/out_compliance.h"
#include "out_common.h"
#include "out_explain_review.h"

/* A breach's sentence names every earlier contact its rules counted. */
#define SENTENCE_SIZE 16384

static const char *code_text(const codes_list *list, int index)
{
    return index >= 0 && (size_t)index < list->count ? list->codes[index] : "?";
}

static void ts_text(int64_t seconds, char *out)
{
    datetime_format_ts(seconds, out);
}

static void money_text(int64_t minor, char *out)
{
    money_format_plain(minor, out);
}

static const char *status_text(kpi_promise_status status)
{
    return status == KPI_PROMISE_KEPT     ? "kept"
           : status == KPI_PROMISE_BROKEN ? "broken"
                                          : "pending";
}

/* "from 2026-09-28 10:00:00 (still open)" / "from A to B" */
static void held_text(const witness_event *e, char *out, size_t size)
{
    char from[DATETIME_TS_SIZE], until[DATETIME_TS_SIZE];
    ts_text(e->held_from, from);
    if (e->held_until == WITNESS_OPEN_END) {
        snprintf(out, size, "from %s (still open)", from);
        return;
    }
    ts_text(e->held_until, until);
    snprintf(out, size, "from %s to %s", from, until);
}

/* Appends to out[*used ..]; a sentence too long for out ends where it fits. */
static void append(char *out, size_t size, size_t *used, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
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
static void append_cause(const explain_row *row, const explain_cause *c, char *out, size_t size,
                         size_t *used)
{
    char when[DATETIME_TS_SIZE];
    ts_text(c->at, when);
    bool other_case =
        c->case_no != NULL && (row->case_no == NULL || strcmp(c->case_no, row->case_no) != 0);
    append(out, size, used, "%s%s%s %s %s to %s, %s", other_case ? c->case_no : "",
           other_case ? " " : "", when, code_text(&codes_direction, c->direction),
           code_text(&codes_channel, c->channel), code_text(&codes_party, c->party),
           code_text(&codes_outcome, c->outcome));
}

/* The causes rule counted: ": a; b; c". */
static void append_causes(const explain_row *row, compliance_rule rule, char *out, size_t size,
                          size_t *used)
{
    size_t n = 0;
    for (size_t i = 0; i < row->cause_count; i++) {
        if (!(row->causes[i].rules & (1u << rule)))
            continue;
        append(out, size, used, "%s", n == 0 ? ": " : "; ");
        append_cause(row, &row->causes[i], out, size, used);
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
static void breach_reasons(const explain_result *r, const explain_row *row, char *out, size_t size,
                           size_t *used)
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
            append(out, size, used,
                   "%s %s at %s local time, outside the contact hours %s-%s (before %s or at or "
                   "after %s)",
                   code_text(&codes_direction, row->direction),
                   code_text(&codes_channel, row->channel), tod, from, until, from, until);
            break;
        }
        case COMPLIANCE_ATTEMPTS_PER_DAY:
            append(out, size, used, "%zu failed outbound calls of the case earlier on %s, limit %d",
                   cause_count_of(row, rule), date, s->failed_calls_per_day);
            append_causes(row, rule, out, size, used);
            break;
        case COMPLIANCE_CONNECTED_PER_DAY:
            append(out, size, used,
                   "%zu outbound connected calls of the debtor's cases earlier on %s, limit %d",
                   cause_count_of(row, rule), date, s->connected_calls_per_day);
            append_causes(row, rule, out, size, used);
            break;
        case COMPLIANCE_THIRD_PARTY_EARLY: {
            char since[DATETIME_TS_SIZE];
            ts_text(e->reach_since, since);
            append(out, size, used,
                   "a third party contacted while the debtor was not unreachable: s = %s, ", since);
            if (e->reach_since_kind == WITNESS_SINCE_DEBTOR)
                append(out, size, used, "the latest debtor contact before it");
            else if (e->reach_since_kind == WITNESS_SINCE_PLACED)
                append(out, size, used, "the case's placed_at (no later debtor contact)");
            else
                append(out, size, used,
                       "00:00 of the day %d days before (no later debtor contact or placement)",
                       s->unreachable_lookback_days);
            append(out, size, used,
                   "; after s no outbound call was invalid_number and no day before %s had 3 "
                   "failed calls; contacts counted: %zu",
                   date, cause_count_of(row, rule));
            append_causes(row, rule, out, size, used);
            break;
        }
        case COMPLIANCE_BURST:
            append(out, size, used, "the previous outbound call of the case");
            for (size_t i = 0; i < row->cause_count; i++)
                if (row->causes[i].rules & (1u << rule)) {
                    append(out, size, used,
                           " came %" PRId64 " s before, limit %d s: ", e->at - row->causes[i].at,
                           s->burst_seconds);
                    append_cause(row, &row->causes[i], out, size, used);
                }
            break;
        case COMPLIANCE_SEVEN_IN_SEVEN:
            append(out, size, used, "%zu outbound calls of the case from %s on, limit %d",
                   cause_count_of(row, rule), first, s->calls_per_seven_days);
            append_causes(row, rule, out, size, used);
            break;
        case COMPLIANCE_AFTER_CONVERSATION:
            append(out, size, used, "a connected call of the case from %s on", first);
            append_causes(row, rule, out, size, used);
            break;
        default: break;
        }
    }
}

/* The sentence that says which rule let the row in. */
static void describe(const explain_result *r, const explain_row *row, char *out, size_t size)
{
    const witness_event *e = &row->event;
    const char *who = row->employee_no != NULL ? row->employee_no : "nobody";
    char at[DATETIME_TS_SIZE], held[96], amount[MONEY_TEXT_SIZE], paid[MONEY_TEXT_SIZE];
    ts_text(row->at, at);
    switch (e->kind) {
    case WITNESS_WORKLOAD: {
        char placed[DATETIME_TS_SIZE];
        held_text(e, held, sizeof held);
        money_text(e->amount_minor, amount);
        ts_text(e->placed_at, placed);
        int n = snprintf(out, size,
                         "%s held the case %s, overlapping the period; t0 %s; outstanding at t0 "
                         "%s (placed %s, dpd at t0 %" PRId64 ", bucket %s)",
                         who, held, at, amount, placed, e->dpd, kpi_bucket_key(e->bucket));
        if (r->has_casemix && n > 0 && (size_t)n < size) {
            char collected[MONEY_TEXT_SIZE];
            money_text(row->pair_collected_minor, collected);
            snprintf(out + n, size - (size_t)n, "; collected on the pair in the period %s",
                     collected);
        }
        return;
    }
    case WITNESS_PAYMENT:
        money_text(e->amount_minor, amount);
        if (!e->has_agent) {
            snprintf(out, size, "payment of %s at %s while no agent held the case (unassigned)",
                     amount, at);
            return;
        }
        held_text(e, held, sizeof held);
        snprintf(out, size, "payment of %s at %s while %s held the case %s%s", amount, at, who,
                 held, e->amount_minor < 0 ? " (a reversal)" : "");
        return;
    case WITNESS_CONTACT:
        snprintf(out, size, "%s contact at %s by %s: %s %s to %s, %s%s%s", "a", at, who,
                 code_text(&codes_direction, row->direction),
                 code_text(&codes_channel, row->channel), code_text(&codes_party, row->party),
                 code_text(&codes_outcome, row->outcome),
                 e->call_attempt ? "; a call attempt (outbound call)" : "",
                 e->rpc ? "; a right-party contact" : "");
        return;
    case WITNESS_PROMISE_MADE:
        money_text(e->amount_minor, amount);
        snprintf(out, size, "promise of %s made at %s by %s", amount, at, who);
        return;
    case WITNESS_PROMISE_DUE: {
        char due[DATETIME_DATE_SIZE], end[DATETIME_TS_SIZE], as_of[DATETIME_TS_SIZE];
        datetime_format_date(e->due_on, due);
        ts_text(e->window_end, end);
        ts_text(r->as_of, as_of);
        money_text(e->amount_minor, amount);
        money_text(e->paid_toward_minor, paid);
        if (e->status == KPI_PROMISE_PENDING) {
            snprintf(out, size,
                     "promise of %s by %s due %s: window [%s, %s), paid_toward %s so far; "
                     "pending until %s (as_of %s)",
                     amount, who, due, at, end, paid, end, as_of);
            return;
        }
        char credited[MONEY_TEXT_SIZE];
        money_text(e->credited_minor, credited);
        snprintf(out, size,
                 "promise of %s by %s due %s: window [%s, %s), paid_toward %s; %s: "
                 "paid_toward x 100 %s amount x %d; credited %s",
                 amount, who, due, at, end, paid, status_text(e->status),
                 e->status == KPI_PROMISE_KEPT ? ">=" : "<", r->settings.kept_threshold_pct,
                 credited);
        return;
    }
    case WITNESS_RESOLUTION: {
        char placed[DATETIME_TS_SIZE];
        held_text(e, held, sizeof held);
        ts_text(e->placed_at, placed);
        snprintf(out, size,
                 "closed at %s (%s, a resolved reason) while %s held the case %s; placed %s: "
                 "%.4f days",
                 at, code_text(&codes_close_reason, e->close_reason), who, held, placed, e->days);
        return;
    }
    case WITNESS_COMPLAINT:
        snprintf(out, size, "complaint received at %s naming %s: %s, %s", at, who,
                 code_text(&codes_complaint_category, e->category),
                 e->substantiated == 1   ? "substantiated"
                 : e->substantiated == 0 ? "not substantiated"
                                         : "under review");
        return;
    case WITNESS_SURVEY:
        snprintf(out, size, "survey at %s naming %s: score %" PRId64, at, who, e->amount_minor);
        return;
    case WITNESS_COMPLIANCE: {
        char rules[256];
        out_compliance_rules_text(&r->settings.compliance, e->rules, rules, sizeof rules);
        size_t used = 0;
        append(out, size, &used, "contact at %s by %s: %s %s to %s, %s; %s%s%s", at,
               e->has_agent ? who : "system", code_text(&codes_direction, row->direction),
               code_text(&codes_channel, row->channel), code_text(&codes_party, row->party),
               code_text(&codes_outcome, row->outcome),
               e->rules != 0 ? "breaks " : "breaks no rule", rules,
               e->critical ? " (critical)" : "");
        breach_reasons(r, row, out, size, &used);
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

static void part_number_text(const explain_part *part, char *out, size_t size)
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

static const char *measure_text(explain_measure measure)
{
    switch (measure) {
    case EXPLAIN_COUNT: return "the number of rows";
    case EXPLAIN_SUM: return "the sum of the rows' amounts";
    case EXPLAIN_SUM_CREDITED: return "the sum of the rows' credited amounts";
    case EXPLAIN_DISTINCT_CASES: return "the number of distinct cases (per agent)";
    case EXPLAIN_DAYS: return "the rows' days";
    }
    return "";
}

/* The last line: from the parts to the figure. */
static void arithmetic(const explain_result *r, char *out, size_t size)
{
    char value[64], a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
    format_cell_machine(r->readded, r->kind, value, sizeof value);
    if (!r->readded.defined)
        snprintf(value, sizeof value, "undefined");
    if (r->part_count > 0)
        part_number_text(&r->parts[0], a, sizeof a);
    if (r->part_count > 1)
        part_number_text(&r->parts[1], b, sizeof b);
    if (out_explain_review_arithmetic(r, value, out, size))
        return;
    switch (r->op) {
    case EXPLAIN_OP_VALUE:
        snprintf(out, size, "%s = %s = %s", r->figure, measure_text(r->parts[0].measure), value);
        return;
    case EXPLAIN_OP_RATIO:
        snprintf(out, size, "%s = %s / %s = %s / %s = %s", r->figure, r->parts[0].label,
                 r->parts[1].label, a, b, value);
        return;
    case EXPLAIN_OP_PER_1K:
        snprintf(out, size, "%s = %s x 1000 / %s = %s x 1000 / %s = %s", r->figure,
                 r->parts[0].label, r->parts[1].label, a, b, value);
        return;
    case EXPLAIN_OP_MEAN: {
        double sum = 0;
        for (size_t i = 0; i < r->day_count; i++)
            sum += r->days[i];
        snprintf(out, size, "%s = sum of days / n = %.4f / %zu = %s", r->figure, sum, r->day_count,
                 value);
        return;
    }
    case EXPLAIN_OP_PERCENTILE: {
        if (r->day_count == 0) {
            snprintf(out, size, "%s: no resolved case, so undefined", r->figure);
            return;
        }
        double h = (double)(r->day_count - 1) * r->percentile;
        size_t lower = (size_t)h;
        double fraction = h - (double)lower;
        double next = lower + 1 < r->day_count ? r->days[lower + 1] : r->days[lower];
        snprintf(out, size,
                 "%s: sorted days x[0..%zu]; h = (n - 1) x p = %zu x %.2f = %.4f; "
                 "x[%zu] + %.4f x (x[%zu] - x[%zu]) = %.4f + %.4f x (%.4f - %.4f) = %s",
                 r->figure, r->day_count - 1, r->day_count - 1, r->percentile, h, lower, fraction,
                 lower + 1, lower, r->days[lower], fraction, next, r->days[lower], value);
        return;
    }
    case EXPLAIN_OP_SCORE:
        snprintf(out, size,
                 "score = 100 x sum(weight x attainment) / sum(weight) over scored "
                 "measures%s = %s",
                 r->score.cap != SCORE_CAP_NONE ? ", then capped" : "", value);
        return;
    case EXPLAIN_OP_EXPECTED:
    case EXPLAIN_OP_INDEX:
    case EXPLAIN_OP_WILSON_LO:
    case EXPLAIN_OP_WILSON_HI: break; /* out_explain_review_arithmetic */
    }
    out[0] = '\0';
}

static void verdict_text(const explain_result *r, const explain_why_row *w, char *out, size_t size)
{
    char detail[SENTENCE_SIZE] = "";
    if (w->has_event) {
        explain_row row;
        memset(&row, 0, sizeof row);
        row.event = w->event;
        row.at = w->event.at != 0 ? w->event.at : w->at;
        row.employee_no = w->employee_no;
        row.channel = row.direction = row.party = row.outcome = -1;
        describe(r, &row, detail, sizeof detail);
    }
    switch (w->verdict) {
    case EXPLAIN_COUNTED: snprintf(out, size, "counted in %s", r->figure); return;
    case EXPLAIN_OTHER_AGENT:
        snprintf(out, size, "credited to %s, not to %s%s%s",
                 w->employee_no != NULL ? w->employee_no : "another agent",
                 r->target_name != NULL ? r->target_name : "the total", detail[0] ? ": " : "",
                 detail);
        return;
    case EXPLAIN_UNASSIGNED:
        snprintf(out, size,
                 "no agent held the case at that moment: it counts only in the total's "
                 "unassigned_collected%s%s",
                 detail[0] ? ": " : "", detail);
        return;
    case EXPLAIN_PENDING:
        snprintf(out, size, "still pending, neither kept nor broken: %s", detail);
        return;
    case EXPLAIN_NOT_IN_FIGURE:
        snprintf(out, size, "credited, but not a row of %s%s%s", r->figure, detail[0] ? ": " : "",
                 detail);
        return;
    case EXPLAIN_OUTSIDE_PERIOD:
        snprintf(out, size, "outside the period %s .. %s", r->period.start_text,
                 r->period.end_text);
        return;
    case EXPLAIN_NOT_RESOLVED:
        snprintf(out, size, "closed with reason %s, which does not resolve a case",
                 code_text(&codes_close_reason, w->code));
        return;
    case EXPLAIN_NOT_CREDITED:
        snprintf(out, size, "in the period but credited to no agent (it names none)");
        return;
    case EXPLAIN_NO_HOLDER:
        snprintf(out, size,
                 "closed with reason %s, a resolved reason, but no assignment ended with the "
                 "closure (start_at < closed_at <= end_at): no agent is credited",
                 code_text(&codes_close_reason, w->code));
        return;
    }
    out[0] = '\0';
}

static const char *target_kind(const explain_result *r)
{
    return r->target == EXPLAIN_AGENT ? "agent" : r->target == EXPLAIN_TEAM ? "team" : "total";
}

static void row_amount(const explain_row *row, char *out, size_t size)
{
    const witness_event *e = &row->event;
    out[0] = '\0';
    if (e->kind == WITNESS_PAYMENT || e->kind == WITNESS_WORKLOAD ||
        e->kind == WITNESS_PROMISE_MADE || e->kind == WITNESS_PROMISE_DUE)
        money_text(e->amount_minor, out);
    else if (e->kind == WITNESS_SURVEY)
        snprintf(out, size, "%" PRId64, e->amount_minor);
    else if (e->kind == WITNESS_RESOLUTION)
        snprintf(out, size, "%.4f", e->days);
}

/* ---- table ---- */

static void write_score_table(FILE *out, const explain_result *r)
{
    const settings_score *s = &r->settings.score;
    fprintf(out, "  %-34s %12s %8s %8s %10s %6s  %s\n", "measure", "value", "sample", "target",
            "attainment", "weight", "scored");
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        const score_measure *x = &r->score.measure[m];
        char value[32] = "", att[32] = "";
        if (x->value.defined)
            format_decimal(x->value.value, 6, value, sizeof value);
        if (x->attainment.defined)
            format_decimal(x->attainment.value, 6, att, sizeof att);
        fprintf(out, "  %-34s %12s %8" PRId64 " %8.2f %10s %6.0f  %s\n", settings_measure_keys[m],
                value, x->sample, s->measure[m].target, att, s->measure[m].weight,
                x->reason == SCORE_REASON_SCORED ? "yes" : score_reason_key(x->reason));
    }
    char coverage[32] = "";
    if (r->score.coverage.defined)
        format_decimal(r->score.coverage.value, 6, coverage, sizeof coverage);
    fprintf(out, "  coverage %s; cap %s (critical_cap %.0f)\n", coverage,
            r->score.cap == SCORE_CAP_NONE ? "none" : score_cap_key(r->score.cap), s->critical_cap);
}

static void write_table(FILE *out, const explain_result *r)
{
    char as_of[DATETIME_TS_SIZE], sentence[SENTENCE_SIZE], at[DATETIME_TS_SIZE],
        amount[MONEY_TEXT_SIZE], number[MONEY_TEXT_SIZE];
    ts_text(r->as_of, as_of);
    fprintf(out, "%s of %s%s%s%s%s, period %s .. %s, as_of %s\n", r->figure, target_kind(r),
            r->target_name ? " " : "", r->target_name ? r->target_name : "",
            r->agent_name ? " " : "", r->agent_name ? r->agent_name : "", r->period.start_text,
            r->period.end_text, as_of);
    if (r->op == EXPLAIN_OP_SCORE)
        write_score_table(out, r);
    for (size_t p = 0; p < r->part_count; p++) {
        const explain_part *part = &r->parts[p];
        part_number_text(part, number, sizeof number);
        fprintf(out, "\n%s = %s: %s (%zu rows)\n", part->label, measure_text(part->measure), number,
                part->count);
        for (size_t i = 0; i < part->count; i++) {
            const explain_row *row = &part->rows[i];
            ts_text(row->at, at);
            row_amount(row, amount, sizeof amount);
            describe(r, row, sentence, sizeof sentence);
            fprintf(out, "  %-14s %s %12s  %s\n", row->case_no ? row->case_no : "", at, amount,
                    sentence);
        }
    }
    if (r->has_casemix) {
        fputs("\ncase mix (r[b]: every agent's collected[b] / worked_balance[b]):\n", out);
        for (int b = 0; b < KPI_BUCKET_COUNT; b++) {
            out_explain_casemix_line(r, b, sentence, sizeof sentence);
            fprintf(out, "  %s\n", sentence);
        }
    }
    if (r->day_count > 0) {
        fputs("\nsorted days:", out);
        for (size_t i = 0; i < r->day_count; i++)
            fprintf(out, " %.4f", r->days[i]);
        fputc('\n', out);
    }
    arithmetic(r, sentence, sizeof sentence);
    char reported[64];
    format_cell_machine(r->reported, r->kind, reported, sizeof reported);
    fprintf(out, "\n%s\nkpi prints %s\n", sentence, r->reported.defined ? reported : "(empty)");
    if (r->why_case_no != NULL) {
        fprintf(out, "\nwhy-not %s: the case's %zu rows behind %s\n", r->why_case_no, r->why_count,
                r->figure);
        for (size_t i = 0; i < r->why_count; i++) {
            const explain_why_row *w = &r->why[i];
            ts_text(w->at, at);
            verdict_text(r, w, sentence, sizeof sentence);
            char until[DATETIME_TS_SIZE + 16] = "";
            if (strcmp(w->table, "assignments") == 0) {
                char end[DATETIME_TS_SIZE];
                ts_text(w->until, end);
                snprintf(until, sizeof until, " to %s", w->until == INT64_MAX ? "(open)" : end);
            }
            fprintf(out, "  %-11s %8" PRId64 " %s%s %s  %s\n", w->table, w->row_id, at, until,
                    w->employee_no != NULL ? w->employee_no : "-", sentence);
        }
    }
}

/* ---- CSV: one line per listed row, then the result line ---- */

static void csv_line(FILE *out, const char *const fields[], size_t count)
{
    /* the employee number and the sentence are texts from the database: guarded as kpi's */
    static const out_text_options guarded = {.raw = false};
    for (size_t i = 0; i < count; i++)
        out_text_csv_field(out, fields[i], i == 0, i == 3 || i == 6, &guarded);
    fputs("\r\n", out);
}

static void csv_header(FILE *out)
{
    static const char *const header[] = {"figure", "part",   "case_no", "employee_no",
                                         "time",   "amount", "rule"};
    csv_line(out, header, 7);
}

static void write_csv(FILE *out, const explain_result *r)
{
    char sentence[SENTENCE_SIZE], at[DATETIME_TS_SIZE], amount[MONEY_TEXT_SIZE];
    for (size_t p = 0; p < r->part_count; p++)
        for (size_t i = 0; i < r->parts[p].count; i++) {
            const explain_row *row = &r->parts[p].rows[i];
            ts_text(row->at, at);
            row_amount(row, amount, sizeof amount);
            describe(r, row, sentence, sizeof sentence);
            const char *fields[] = {r->figure,
                                    r->parts[p].label,
                                    row->case_no ? row->case_no : "",
                                    row->employee_no ? row->employee_no : "",
                                    at,
                                    amount,
                                    sentence};
            csv_line(out, fields, 7);
        }
    for (size_t i = 0; i < r->why_count; i++) {
        const explain_why_row *w = &r->why[i];
        ts_text(w->at, at);
        verdict_text(r, w, sentence, sizeof sentence);
        const char *fields[] = {
            r->figure, "why_not", r->why_case_no, w->employee_no ? w->employee_no : "",
            at,        "",        sentence};
        csv_line(out, fields, 7);
    }
    for (int b = 0; r->has_casemix && b < KPI_BUCKET_COUNT; b++) {
        money_text(llround(r->casemix.expected_by_bucket[b]), amount);
        out_explain_casemix_line(r, b, sentence, sizeof sentence);
        const char *fields[] = {r->figure, "casemix", "", "", "", amount, sentence};
        csv_line(out, fields, 7);
    }
    char value[64];
    arithmetic(r, sentence, sizeof sentence);
    format_cell_machine(r->readded, r->kind, value, sizeof value);
    const char *fields[] = {r->figure, "result", "", "", "", value, sentence};
    csv_line(out, fields, 7);
}

/* ---- JSON: one object ---- */

static json_t *json_money(int64_t minor)
{
    return json_real((double)minor / 100.0);
}

static json_t *json_ts(int64_t seconds)
{
    char text[DATETIME_TS_SIZE];
    ts_text(seconds, text);
    return json_string(text);
}

static json_t *json_cell(kpi_cell cell, kpi_kind kind)
{
    if (!cell.defined)
        return json_null();
    if (kind == KPI_KIND_COUNT)
        return json_integer(cell.integer);
    if (kind == KPI_KIND_MONEY)
        return json_money(cell.integer);
    return json_real(cell.value);
}

static json_t *json_row(const explain_result *r, const explain_row *row)
{
    const witness_event *e = &row->event;
    char sentence[SENTENCE_SIZE];
    describe(r, row, sentence, sizeof sentence);
    json_t *obj = json_object();
    json_object_set_new(obj, "case_no", row->case_no ? json_string(row->case_no) : json_null());
    json_object_set_new(obj, "employee_no",
                        row->employee_no ? json_string(row->employee_no) : json_null());
    json_object_set_new(obj, "time", json_ts(row->at));
    json_object_set_new(obj, "amount_minor", json_integer(e->amount_minor));
    if (e->kind == WITNESS_PROMISE_DUE) {
        json_object_set_new(obj, "window_end", json_ts(e->window_end));
        json_object_set_new(obj, "paid_toward_minor", json_integer(e->paid_toward_minor));
        json_object_set_new(obj, "credited_minor", json_integer(e->credited_minor));
        json_object_set_new(obj, "verdict", json_string(status_text(e->status)));
    }
    if (e->kind == WITNESS_RESOLUTION)
        json_object_set_new(obj, "days", json_real(e->days));
    if (e->kind == WITNESS_WORKLOAD) {
        json_object_set_new(obj, "dpd", json_integer(e->dpd));
        json_object_set_new(obj, "bucket", json_string(kpi_bucket_key(e->bucket)));
        if (r->has_casemix)
            json_object_set_new(obj, "pair_collected_minor",
                                json_integer(row->pair_collected_minor));
    }
    if (e->kind == WITNESS_COMPLIANCE) {
        char rules[256];
        out_compliance_rules_text(&r->settings.compliance, e->rules, rules, sizeof rules);
        json_object_set_new(obj, "contact_id", json_integer(e->row_id));
        json_object_set_new(obj, "rules", json_string(rules));
        json_object_set_new(obj, "critical", json_boolean(e->critical));
        json_t *earlier = json_array();
        for (size_t i = 0; i < row->cause_count; i++) {
            const explain_cause *c = &row->causes[i];
            json_t *jc = json_object();
            char counted_by[256];
            out_compliance_rules_text(&r->settings.compliance, c->rules, counted_by,
                                      sizeof counted_by);
            json_object_set_new(jc, "contact_id", json_integer(c->contact_id));
            json_object_set_new(jc, "case_no", json_string(c->case_no ? c->case_no : ""));
            json_object_set_new(jc, "time", json_ts(c->at));
            json_object_set_new(jc, "channel", json_string(code_text(&codes_channel, c->channel)));
            json_object_set_new(jc, "direction",
                                json_string(code_text(&codes_direction, c->direction)));
            json_object_set_new(jc, "party", json_string(code_text(&codes_party, c->party)));
            json_object_set_new(jc, "outcome", json_string(code_text(&codes_outcome, c->outcome)));
            json_object_set_new(jc, "counted_by", json_string(counted_by));
            json_array_append_new(earlier, jc);
        }
        json_object_set_new(obj, "earlier", earlier);
        if (e->rules & (1u << COMPLIANCE_THIRD_PARTY_EARLY)) {
            static const char *const since_kinds[] = {"lookback", "placed_at", "debtor_contact"};
            json_object_set_new(obj, "reach_since", json_ts(e->reach_since));
            json_object_set_new(obj, "reach_since_from",
                                json_string(since_kinds[e->reach_since_kind]));
        }
    }
    json_object_set_new(obj, "rule", json_string(sentence));
    return obj;
}

static json_t *json_score(const explain_result *r)
{
    const settings_score *s = &r->settings.score;
    json_t *measures = json_array();
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        const score_measure *x = &r->score.measure[m];
        json_t *obj = json_object();
        json_object_set_new(obj, "measure", json_string(settings_measure_keys[m]));
        json_object_set_new(obj, "value",
                            x->value.defined ? json_real(x->value.value) : json_null());
        json_object_set_new(obj, "sample", json_integer(x->sample));
        json_object_set_new(obj, "target", json_real(s->measure[m].target));
        json_object_set_new(obj, "weight", json_real(s->measure[m].weight));
        json_object_set_new(obj, "attainment",
                            x->attainment.defined ? json_real(x->attainment.value) : json_null());
        json_object_set_new(obj, "scored", json_boolean(x->reason == SCORE_REASON_SCORED));
        json_object_set_new(obj, "reason", json_string(score_reason_key(x->reason)));
        json_array_append_new(measures, obj);
    }
    json_t *score = json_object();
    json_object_set_new(score, "measures", measures);
    json_object_set_new(score, "coverage",
                        r->score.coverage.defined ? json_real(r->score.coverage.value)
                                                  : json_null());
    json_object_set_new(score, "cap_reason", json_string(score_cap_key(r->score.cap)));
    json_object_set_new(score, "critical_cap", json_real(s->critical_cap));
    return score;
}

static json_t *json_result(const explain_result *r)
{
    char sentence[SENTENCE_SIZE];
    json_t *obj = json_object();
    json_object_set_new(obj, "figure", json_string(r->figure));
    json_object_set_new(obj, "target", json_string(target_kind(r)));
    json_object_set_new(obj, "name", r->target_name ? json_string(r->target_name) : json_null());
    json_object_set_new(obj, "period_start", json_string(r->period.start_text));
    json_object_set_new(obj, "period_end", json_string(r->period.end_text));
    json_object_set_new(obj, "as_of", json_ts(r->as_of));
    json_object_set_new(obj, "value", json_cell(r->readded, r->kind));
    json_object_set_new(obj, "kpi_value", json_cell(r->reported, r->kind));
    arithmetic(r, sentence, sizeof sentence);
    json_object_set_new(obj, "arithmetic", json_string(sentence));
    json_t *parts = json_array();
    for (size_t p = 0; p < r->part_count; p++) {
        const explain_part *part = &r->parts[p];
        json_t *jp = json_object();
        static const char *const measures[] = {"count", "sum", "sum_credited", "distinct_cases",
                                               "days"};
        json_object_set_new(jp, "label", json_string(part->label));
        json_object_set_new(jp, "measure", json_string(measures[part->measure]));
        json_object_set_new(jp, "number", json_integer(part->number));
        json_t *rows = json_array();
        for (size_t i = 0; i < part->count; i++)
            json_array_append_new(rows, json_row(r, &part->rows[i]));
        json_object_set_new(jp, "rows", rows);
        json_array_append_new(parts, jp);
    }
    json_object_set_new(obj, "parts", parts);
    if (r->op == EXPLAIN_OP_MEAN || r->op == EXPLAIN_OP_PERCENTILE) {
        json_t *days = json_array();
        for (size_t i = 0; i < r->day_count; i++)
            json_array_append_new(days, json_real(r->days[i]));
        json_object_set_new(obj, "sorted_days", days);
    }
    if (r->op == EXPLAIN_OP_SCORE)
        json_object_set_new(obj, "score", json_score(r));
    if (r->has_casemix) {
        json_object_set_new(obj, "casemix", out_explain_casemix_json(r));
        json_object_set_new(obj, "expected_collected_minor", json_real(r->casemix.expected_minor));
    }
    if (r->op == EXPLAIN_OP_WILSON_LO || r->op == EXPLAIN_OP_WILSON_HI)
        json_object_set_new(obj, "z", json_real(SCORE_WILSON_Z));
    if (r->why_case_no != NULL) {
        json_t *why = json_array();
        static const char *const verdicts[] = {"counted",      "other_agent",   "unassigned",
                                               "pending",      "not_in_figure", "outside_period",
                                               "not_resolved", "not_credited",  "no_holder"};
        for (size_t i = 0; i < r->why_count; i++) {
            const explain_why_row *w = &r->why[i];
            json_t *jw = json_object();
            verdict_text(r, w, sentence, sizeof sentence);
            json_object_set_new(jw, "table", json_string(w->table));
            json_object_set_new(jw, "time", json_ts(w->at));
            json_object_set_new(jw, "employee_no",
                                w->employee_no ? json_string(w->employee_no) : json_null());
            json_object_set_new(jw, "verdict", json_string(verdicts[w->verdict]));
            json_object_set_new(jw, "why", json_string(sentence));
            json_array_append_new(why, jw);
        }
        json_object_set_new(obj, "why_not_case_no", json_string(r->why_case_no));
        json_object_set_new(obj, "why_not", why);
    }
    return obj;
}

ck_error out_explain_write(FILE *out, const explain_list *list, bool many, out_text_format format,
                           ck_diag *diag)
{
    if (format == OUT_TEXT_JSON) {
        json_t *array = json_array();
        if (array == NULL)
            return CK_ERR_NOMEM;
        for (size_t i = 0; i < list->count; i++)
            if (json_array_append_new(array, json_result(list->items[i])) != 0) {
                json_decref(array);
                return CK_ERR_NOMEM;
            }
        if (many || list->count != 1)
            return out_json_finish(array, out, 0, CK_OK, diag);
        json_t *one = json_incref(json_array_get(array, 0));
        json_decref(array);
        return out_json_finish(one, out, 0, CK_OK, diag);
    }
    if (format == OUT_TEXT_CSV)
        csv_header(out);
    for (size_t i = 0; i < list->count; i++) {
        if (format == OUT_TEXT_CSV) {
            write_csv(out, list->items[i]);
        } else {
            if (i > 0)
                fputs("\n", out);
            write_table(out, list->items[i]);
        }
    }
    if (ferror(out)) {
        ck_diag_set(diag, "cannot write the explanation");
        return CK_ERR_IO;
    }
    return CK_OK;
}
