/* out_compliance.c - compliance rows and the breach list as a terminal table, CSV (RFC 4180,
 * libcsv quoting) or JSON (jansson). One row model feeds all three, so they carry the same
 * values; rows are produced one at a time, so a long breach list costs no more memory than
 * its widest row.
 *
 * Columns (compliance.md): period_start, period_end, then team, employee_no, agent_name as
 * for kpi (agent rows all three, team rows team, the total none), then outbound_contacts,
 * breaches_RULE for each rule of the profile, breaching_contacts, critical_breaches,
 * breaches_per_1k_outbound, cases_with_breach. The `system` line closes the agent rows. The
 * breach list: case_no, employee_no, agent_name, contact_at, channel, party, outcome, rules.
 */
#include "collectkpi/out_compliance.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/utf8.h"
#include "out_common.h"

#define MAX_COLUMNS   (8 + COMPLIANCE_RULE_COUNT + 4)
#define SYSTEM_NO     "system"
#define SYSTEM_INDEX  SIZE_MAX
#define RULES_TEXT_SZ 192

typedef enum cell_kind { CELL_TEXT, CELL_COUNT, CELL_PER_1K } cell_kind;

typedef struct cell {
    cell_kind kind;
    const char *text;
    int64_t count;
    stats_value rate;
} cell;

/* Texts a row needs that are not in the result. */
typedef struct row_scratch {
    char contact_at[DATETIME_TS_SIZE];
    char rules[RULES_TEXT_SZ];
    kpi_breach breach; /* the row's breach, read back from the result's list */
} row_scratch;

typedef struct view {
    const kpi_result *r;
    out_compliance_by by;
    const char *keys[MAX_COLUMNS];
    char rule_keys[COMPLIANCE_RULE_COUNT][48];
    size_t column_count;
    size_t ident_count; /* leading text columns, left-aligned in the table */
    const compliance_rule *rules;
    size_t rule_count;
    size_t *rows; /* agent or team index per row (SYSTEM_INDEX: the system line) */
    size_t row_count;
} view;

void out_compliance_rules_text(const compliance_settings *settings, unsigned mask, char *out,
                               size_t size)
{
    const compliance_rule *rules;
    size_t count = compliance_profile_rules(settings->profile, &rules);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (!(mask & (1u << rules[i])))
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? "," : "",
                         compliance_rule_keys[rules[i]]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static ck_error build_view(const kpi_result *r, out_compliance_by by, view *v)
{
    memset(v, 0, sizeof *v);
    v->r = r;
    v->by = by;
    v->rule_count = compliance_profile_rules(r->settings.compliance.profile, &v->rules);
    size_t c = 0;
    if (by == OUT_COMPLIANCE_BY_BREACH) {
        static const char *const keys[] = {"case_no", "employee_no", "agent_name", "contact_at",
                                           "channel", "party",       "outcome",    "rules"};
        for (size_t i = 0; i < 8; i++)
            v->keys[c++] = keys[i];
        v->ident_count = 8;
        v->column_count = c;
        v->row_count = r->breach_count;
        return CK_OK;
    }
    v->keys[c++] = "period_start";
    v->keys[c++] = "period_end";
    if (by != OUT_COMPLIANCE_BY_TOTAL)
        v->keys[c++] = "team";
    if (by == OUT_COMPLIANCE_BY_AGENT) {
        v->keys[c++] = "employee_no";
        v->keys[c++] = "agent_name";
    }
    v->ident_count = c;
    v->keys[c++] = "outbound_contacts";
    for (size_t i = 0; i < v->rule_count; i++) {
        snprintf(v->rule_keys[i], sizeof v->rule_keys[i], "breaches_%s",
                 compliance_rule_keys[v->rules[i]]);
        v->keys[c++] = v->rule_keys[i];
    }
    v->keys[c++] = "breaching_contacts";
    v->keys[c++] = "critical_breaches";
    v->keys[c++] = "breaches_per_1k_outbound";
    v->keys[c++] = "cases_with_breach";
    v->column_count = c;
    /* Rows: agents (then system) or teams with a non-zero count, or the one total. */
    size_t n = by == OUT_COMPLIANCE_BY_AGENT  ? r->agent_count + 1
               : by == OUT_COMPLIANCE_BY_TEAM ? r->team_count
                                              : 1;
    v->rows = calloc(n + 1, sizeof *v->rows);
    if (v->rows == NULL)
        return CK_ERR_NOMEM;
    if (by == OUT_COMPLIANCE_BY_AGENT) {
        for (size_t i = 0; i < r->agent_count; i++)
            if (kpi_compliance_has_row(&r->agents[i].compliance))
                v->rows[v->row_count++] = i;
        if (kpi_compliance_has_row(&r->compliance_system))
            v->rows[v->row_count++] = SYSTEM_INDEX;
    } else if (by == OUT_COMPLIANCE_BY_TEAM) {
        for (size_t t = 0; t < r->team_count; t++)
            if (kpi_compliance_has_row(&r->teams[t].compliance))
                v->rows[v->row_count++] = t;
    } else {
        v->rows[v->row_count++] = 0;
    }
    return CK_OK;
}

static void text_cell(cell *c, const char *text)
{
    c->kind = CELL_TEXT;
    c->text = text;
}

static void count_cell(cell *c, int64_t count)
{
    c->kind = CELL_COUNT;
    c->count = count;
}

/* The cells of row i into cells[0..column_count); an error only when the breach list cannot
 * be read back (its temporary file). */
static ck_error fill_row(const view *v, size_t i, cell *cells, row_scratch *scratch, ck_diag *diag)
{
    const kpi_result *r = v->r;
    size_t c = 0;
    if (v->by == OUT_COMPLIANCE_BY_BREACH) {
        ck_error err = kpi_result_breach(r, i, &scratch->breach, diag);
        if (err != CK_OK)
            return err;
        const kpi_breach *b = &scratch->breach;
        const kpi_agent *agent = b->agent_index == KPI_NO_INDEX ? NULL : &r->agents[b->agent_index];
        datetime_format_ts(b->contact_at, scratch->contact_at);
        out_compliance_rules_text(&r->settings.compliance, b->rules, scratch->rules,
                                  sizeof scratch->rules);
        text_cell(&cells[c++], b->case_no);
        text_cell(&cells[c++], agent ? agent->employee_no : SYSTEM_NO);
        text_cell(&cells[c++], agent ? agent->name : "");
        text_cell(&cells[c++], scratch->contact_at);
        text_cell(&cells[c++], codes_channel.codes[b->channel]);
        text_cell(&cells[c++], codes_party.codes[b->party]);
        text_cell(&cells[c++], codes_outcome.codes[b->outcome]);
        text_cell(&cells[c++], scratch->rules);
        return CK_OK;
    }
    size_t index = v->rows[i];
    const kpi_compliance_row *row;
    text_cell(&cells[c++], r->period.start_text);
    text_cell(&cells[c++], r->period.end_text);
    if (v->by == OUT_COMPLIANCE_BY_AGENT) {
        const kpi_agent *agent = index == SYSTEM_INDEX ? NULL : &r->agents[index];
        text_cell(&cells[c++], agent ? r->teams[agent->team_index].name : "");
        text_cell(&cells[c++], agent ? agent->employee_no : SYSTEM_NO);
        text_cell(&cells[c++], agent ? agent->name : "");
        row = agent ? &agent->compliance : &r->compliance_system;
    } else if (v->by == OUT_COMPLIANCE_BY_TEAM) {
        text_cell(&cells[c++], r->teams[index].name);
        row = &r->teams[index].compliance;
    } else {
        row = &r->compliance_total;
    }
    count_cell(&cells[c++], row->outbound_contacts);
    for (size_t k = 0; k < v->rule_count; k++)
        count_cell(&cells[c++], row->breaches[v->rules[k]]);
    count_cell(&cells[c++], row->breaching_contacts);
    count_cell(&cells[c++], row->critical_breaches);
    cells[c].kind = CELL_PER_1K;
    cells[c++].rate = row->breaches_per_1k_outbound;
    count_cell(&cells[c++], row->cases_with_breach);
    return CK_OK;
}

/* Machine text of a cell: counts as integers, rates with six places, undefined empty. */
static const char *machine_text(const cell *c, char *buf, size_t size)
{
    switch (c->kind) {
    case CELL_TEXT: return c->text;
    case CELL_COUNT: snprintf(buf, size, "%lld", (long long)c->count); return buf;
    case CELL_PER_1K:
        if (!c->rate.defined)
            return "";
        snprintf(buf, size, "%.6f", c->rate.value);
        return buf;
    }
    return "";
}

static void human_text(const cell *c, char *buf, size_t size)
{
    switch (c->kind) {
    case CELL_TEXT: utf8_escape_terminal(c->text, buf, size); break;
    case CELL_COUNT: snprintf(buf, size, "%lld", (long long)c->count); break;
    case CELL_PER_1K:
        if (c->rate.defined)
            snprintf(buf, size, "%.2f", c->rate.value);
        else
            snprintf(buf, size, "-");
        break;
    }
}

static ck_error write_csv(FILE *out, const view *v, const out_text_options *options, ck_diag *diag)
{
    cell cells[MAX_COLUMNS];
    row_scratch scratch;
    char buf[64];
    for (size_t c = 0; c < v->column_count; c++)
        out_text_csv_field(out, v->keys[c], c == 0, false, options);
    fputs("\r\n", out);
    for (size_t i = 0; i < v->row_count; i++) {
        ck_error err = fill_row(v, i, cells, &scratch, diag);
        if (err != CK_OK)
            return err;
        for (size_t c = 0; c < v->column_count; c++)
            out_text_csv_field(out, machine_text(&cells[c], buf, sizeof buf), c == 0,
                               cells[c].kind == CELL_TEXT, options);
        fputs("\r\n", out);
    }
    return CK_OK;
}

static json_t *json_cell(const cell *c)
{
    switch (c->kind) {
    case CELL_TEXT: return json_string(c->text);
    case CELL_COUNT: return json_integer(c->count);
    case CELL_PER_1K: return c->rate.defined ? json_real(c->rate.value) : json_null();
    }
    return json_null();
}

static ck_error write_json(FILE *out, const view *v, ck_diag *diag)
{
    cell cells[MAX_COLUMNS];
    row_scratch scratch;
    json_t *array = json_array();
    ck_error err = array ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; i < v->row_count && err == CK_OK; i++) {
        json_t *obj = json_object();
        if (obj == NULL || json_array_append_new(array, obj) != 0) {
            err = CK_ERR_NOMEM;
            break;
        }
        if ((err = fill_row(v, i, cells, &scratch, diag)) != CK_OK)
            break;
        for (size_t c = 0; c < v->column_count && err == CK_OK; c++) {
            json_t *value = json_cell(&cells[c]);
            /* jansson takes only valid UTF-8 text; the contract's texts are. */
            if (value == NULL || json_object_set_new(obj, v->keys[c], value) != 0) {
                ck_diag_set(diag, "a text of row %zu is not valid UTF-8", i + 1);
                err = CK_ERR_DATA;
            }
        }
    }
    return out_json_finish(array, out, 0, err, diag);
}

static ck_error write_table(FILE *out, const view *v, ck_diag *diag)
{
    ck_error err = CK_OK;
    size_t width[MAX_COLUMNS];
    cell cells[MAX_COLUMNS];
    row_scratch scratch;
    char buf[512];
    const kpi_result *r = v->r;
    /* Two passes over the rows: widths, then the lines. */
    for (size_t c = 0; c < v->column_count; c++)
        width[c] = strlen(v->keys[c]);
    for (size_t i = 0; i < v->row_count; i++) {
        if ((err = fill_row(v, i, cells, &scratch, diag)) != CK_OK)
            return err;
        for (size_t c = 0; c < v->column_count; c++) {
            human_text(&cells[c], buf, sizeof buf);
            size_t w = utf8_display_width(buf);
            if (w > width[c])
                width[c] = w;
        }
    }
    char label[40], describe[512];
    period_label(&r->period, label, sizeof label);
    compliance_settings_describe(&r->settings.compliance, describe, sizeof describe);
    fprintf(out, "Period %s [%s, %s)  compliance %s\n", label, r->period.start_text,
            r->period.end_text, describe);
    for (size_t c = 0; c < v->column_count; c++) {
        if (c)
            fputs("  ", out);
        out_put_padded(out, v->keys[c], width[c], c >= v->ident_count);
    }
    fputc('\n', out);
    for (size_t i = 0; i < v->row_count; i++) {
        if ((err = fill_row(v, i, cells, &scratch, diag)) != CK_OK)
            return err;
        for (size_t c = 0; c < v->column_count; c++) {
            if (c)
                fputs("  ", out);
            human_text(&cells[c], buf, sizeof buf);
            out_put_padded(out, buf, width[c], c >= v->ident_count);
        }
        fputc('\n', out);
    }
    if (v->row_count == 0)
        fputs(v->by == OUT_COMPLIANCE_BY_BREACH ? "(no contact in this period breaks a rule)\n"
                                                : "(no outbound contact in this period)\n",
              out);
    return CK_OK;
}

ck_error out_compliance_write(FILE *out, const kpi_result *result, out_compliance_by by,
                              out_text_format format, const out_text_options *options,
                              ck_diag *diag)
{
    view v;
    if (!result->has_compliance) {
        ck_diag_set(diag, "the figures were computed without the compliance pass");
        return CK_ERR_PROGRAM;
    }
    ck_error err = build_view(result, by, &v);
    if (err != CK_OK)
        return err;
    switch (format) {
    case OUT_TEXT_CSV: err = write_csv(out, &v, options, diag); break;
    case OUT_TEXT_JSON: err = write_json(out, &v, diag); break;
    case OUT_TEXT_TABLE: err = write_table(out, &v, diag); break;
    }
    free(v.rows);
    if (err == CK_OK && (fflush(out) != 0 || ferror(out))) {
        ck_diag_set(diag, "could not write the output");
        err = CK_ERR_IO;
    }
    return err;
}
