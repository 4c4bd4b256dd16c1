/* out_explain.c - the rows behind a figure, and the arithmetic to it (out_explain.h). */
#include "collectkpi/out_explain.h"

#include <inttypes.h>
#include <math.h>
#include <jansson.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/compliance.h"
#include "collectkpi/datetime.h"
#include "collectkpi/format.h"
#include "collectkpi/money.h"
#include "collectkpi/out_compliance.h"
#include "collectkpi/labels.h"
#include "out_common.h"
#include "out_explain_internal.h"
#include "out_explain_review.h"

#define T(key) labels_text(key, lang)

/* The JSON's (and the contract's) keys, whatever the language of the sentences. */
static const char *status_key(kpi_promise_status status)
{
    return status == KPI_PROMISE_KEPT     ? "kept"
           : status == KPI_PROMISE_BROKEN ? "broken"
                                          : "pending";
}

static const char *target_key(const explain_result *r)
{
    return r->target == EXPLAIN_AGENT ? "agent" : r->target == EXPLAIN_TEAM ? "team" : "total";
}

/* The figure as the heading names it: its key, and in Chinese its label before it. */
static void figure_title(const explain_result *r, settings_lang lang, char *out, size_t size)
{
    const char *label = labels_score(r->figure, lang);
    if (lang != SETTINGS_LANG_ZH || strcmp(label, r->figure) == 0)
        snprintf(out, size, "%s", r->figure);
    else
        snprintf(out, size, "%s %s", label, r->figure);
}

static void row_amount(const explain_row *row, char *out, size_t size)
{
    const witness_event *e = &row->event;
    out[0] = '\0';
    if (e->kind == WITNESS_PAYMENT || e->kind == WITNESS_WORKLOAD ||
        e->kind == WITNESS_PROMISE_MADE || e->kind == WITNESS_PROMISE_DUE)
        money_format_plain(e->amount_minor, out);
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

static void write_table(FILE *out, const explain_result *r, settings_lang lang)
{
    char title[256];
    figure_title(r, lang, title, sizeof title);
    char as_of[DATETIME_TS_SIZE], sentence[OUT_EXPLAIN_SENTENCE_SIZE], at[DATETIME_TS_SIZE],
        amount[MONEY_TEXT_SIZE], number[MONEY_TEXT_SIZE];
    datetime_format_ts(r->as_of, as_of);
    fprintf(out, T("explain.heading"), title, out_explain_target_kind(r, lang),
            r->target_name ? " " : "", r->target_name ? r->target_name : "",
            r->agent_name ? " " : "", r->agent_name ? r->agent_name : "", r->period.start_text,
            r->period.end_text, as_of);
    if (r->op == EXPLAIN_OP_SCORE)
        write_score_table(out, r);
    for (size_t p = 0; p < r->part_count; p++) {
        const explain_part *part = &r->parts[p];
        out_explain_part_number(part, number, sizeof number);
        fprintf(out, T("explain.part"), out_explain_part_label(part->label, lang),
                out_explain_measure(part->measure, lang), number, part->count);
        for (size_t i = 0; i < part->count; i++) {
            const explain_row *row = &part->rows[i];
            datetime_format_ts(row->at, at);
            row_amount(row, amount, sizeof amount);
            out_explain_describe(r, row, lang, sentence, sizeof sentence);
            fprintf(out, "  %-14s %s %12s  %s\n", row->case_no ? row->case_no : "", at, amount,
                    sentence);
        }
    }
    if (r->has_casemix) {
        fputs(T("explain.casemix.heading"), out);
        for (int b = 0; b < KPI_BUCKET_COUNT; b++) {
            out_explain_casemix_line(r, b, lang, sentence, sizeof sentence);
            fprintf(out, "  %s\n", sentence);
        }
    }
    if (r->day_count > 0) {
        fputs(T("explain.sorted_days"), out);
        for (size_t i = 0; i < r->day_count; i++)
            fprintf(out, " %.4f", r->days[i]);
        fputc('\n', out);
    }
    out_explain_arithmetic(r, lang, sentence, sizeof sentence);
    char reported[64];
    format_cell_machine(r->reported, r->kind, reported, sizeof reported);
    fprintf(out, T("explain.kpi_prints"), sentence,
            r->reported.defined ? reported : T("explain.empty"));
    if (r->why_case_no != NULL) {
        fprintf(out, T("explain.why_heading"), r->why_case_no, r->why_count, r->figure);
        for (size_t i = 0; i < r->why_count; i++) {
            const explain_why_row *w = &r->why[i];
            datetime_format_ts(w->at, at);
            out_explain_verdict(r, w, lang, sentence, sizeof sentence);
            char until[DATETIME_TS_SIZE + 16] = "";
            if (strcmp(w->table, "assignments") == 0) {
                char end[DATETIME_TS_SIZE];
                datetime_format_ts(w->until, end);
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

static void write_csv(FILE *out, const explain_result *r, settings_lang lang)
{
    char sentence[OUT_EXPLAIN_SENTENCE_SIZE], at[DATETIME_TS_SIZE], amount[MONEY_TEXT_SIZE];
    for (size_t p = 0; p < r->part_count; p++)
        for (size_t i = 0; i < r->parts[p].count; i++) {
            const explain_row *row = &r->parts[p].rows[i];
            datetime_format_ts(row->at, at);
            row_amount(row, amount, sizeof amount);
            out_explain_describe(r, row, lang, sentence, sizeof sentence);
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
        datetime_format_ts(w->at, at);
        out_explain_verdict(r, w, lang, sentence, sizeof sentence);
        const char *fields[] = {
            r->figure, "why_not", r->why_case_no, w->employee_no ? w->employee_no : "",
            at,        "",        sentence};
        csv_line(out, fields, 7);
    }
    for (int b = 0; r->has_casemix && b < KPI_BUCKET_COUNT; b++) {
        money_format_plain(llround(r->casemix.expected_by_bucket[b]), amount);
        out_explain_casemix_line(r, b, lang, sentence, sizeof sentence);
        const char *fields[] = {r->figure, "casemix", "", "", "", amount, sentence};
        csv_line(out, fields, 7);
    }
    char value[64];
    out_explain_arithmetic(r, lang, sentence, sizeof sentence);
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
    datetime_format_ts(seconds, text);
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

static json_t *json_row(const explain_result *r, const explain_row *row, settings_lang lang)
{
    const witness_event *e = &row->event;
    char sentence[OUT_EXPLAIN_SENTENCE_SIZE];
    out_explain_describe(r, row, lang, sentence, sizeof sentence);
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
        json_object_set_new(obj, "verdict", json_string(status_key(e->status)));
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
            json_object_set_new(jc, "channel",
                                json_string(out_explain_code_key(&codes_channel, c->channel)));
            json_object_set_new(jc, "direction",
                                json_string(out_explain_code_key(&codes_direction, c->direction)));
            json_object_set_new(jc, "party",
                                json_string(out_explain_code_key(&codes_party, c->party)));
            json_object_set_new(jc, "outcome",
                                json_string(out_explain_code_key(&codes_outcome, c->outcome)));
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

static json_t *json_result(const explain_result *r, settings_lang lang)
{
    char sentence[OUT_EXPLAIN_SENTENCE_SIZE];
    json_t *obj = json_object();
    json_object_set_new(obj, "figure", json_string(r->figure));
    json_object_set_new(obj, "target", json_string(target_key(r)));
    json_object_set_new(obj, "name", r->target_name ? json_string(r->target_name) : json_null());
    json_object_set_new(obj, "period_start", json_string(r->period.start_text));
    json_object_set_new(obj, "period_end", json_string(r->period.end_text));
    json_object_set_new(obj, "as_of", json_ts(r->as_of));
    json_object_set_new(obj, "value", json_cell(r->readded, r->kind));
    json_object_set_new(obj, "kpi_value", json_cell(r->reported, r->kind));
    out_explain_arithmetic(r, lang, sentence, sizeof sentence);
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
            json_array_append_new(rows, json_row(r, &part->rows[i], lang));
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
            out_explain_verdict(r, w, lang, sentence, sizeof sentence);
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
                           settings_lang lang, ck_diag *diag)
{
    if (format == OUT_TEXT_JSON) {
        json_t *array = json_array();
        if (array == NULL)
            return CK_ERR_NOMEM;
        for (size_t i = 0; i < list->count; i++)
            if (json_array_append_new(array, json_result(list->items[i], lang)) != 0) {
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
            write_csv(out, list->items[i], lang);
        } else {
            if (i > 0)
                fputs("\n", out);
            write_table(out, list->items[i], lang);
        }
    }
    if (ferror(out)) {
        ck_diag_set(diag, "cannot write the explanation");
        return CK_ERR_IO;
    }
    return CK_OK;
}
