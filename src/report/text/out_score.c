/* out_score.c - score rows as a terminal table, CSV (RFC 4180) or JSON (jansson).
 *
 * One list of output columns (identity columns, then score_columns) feeds all three formats.
 * CSV: money with two places, every other non-integer with six, undefined or empty as an
 * empty field. JSON: the same keys; money in major units; undefined and empty text null.
 * The table is for a person: short labels, rank and score first, measures that are not
 * scored in brackets, long names cut so the default selection fits 160 columns.
 */
#include "collectkpi/out_score.h"

#include <csv.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/format.h"
#include "collectkpi/codes.h"
#include "collectkpi/money.h"
#include "collectkpi/utf8.h"
#include "out_common.h"

/* Identity columns, numbered after the score columns. */
enum {
    ID_PERIOD_START,
    ID_PERIOD_END,
    ID_TEAM,
    ID_EMPLOYEE_NO,
    ID_AGENT_NAME,
    ID_HIRED_ON,
    ID_LEFT_ON,
    ID_COUNT
};
static const char *const id_keys[ID_COUNT] = {"period_start", "period_end", "team",   "employee_no",
                                              "agent_name",   "hired_on",   "left_on"};
#define COLUMN_ID(i) (score_column_count + (size_t)(i))
#define MAX_COLUMNS  64

/* Short labels of the terminal table. */
static const struct {
    const char *key, *label;
} table_labels[] = {
    {"period_start", "From"},
    {"period_end", "To"},
    {"team", "Team"},
    {"employee_no", "Emp no"},
    {"agent_name", "Name"},
    {"hired_on", "Hired"},
    {"left_on", "Left"},
    {"collected", "Collected"},
    {"expected_collected", "Expected"},
    {"recovery_index", "Recov idx"},
    {"ptp_kept_rate", "PTP kept"},
    {"ptp_kept_rate_lo", "PTP lo"},
    {"ptp_kept_rate_hi", "PTP hi"},
    {"rpc_rate", "RPC"},
    {"rpc_rate_lo", "RPC lo"},
    {"rpc_rate_hi", "RPC hi"},
    {"paying_case_rate", "Paying"},
    {"paying_case_rate_lo", "Paying lo"},
    {"paying_case_rate_hi", "Paying hi"},
    {"complaints_substantiated", "Upheld"},
    {"complaints_under_review", "In review"},
    {"complaints_upheld_per_1k_contacts", "Upheld/1k"},
    {"outbound_contacts", "Outbound"},
    {"breaching_contacts", "Breaching"},
    {"critical_breaches", "Critical"},
    {"breaches_per_1k_outbound", "Breach/1k"},
    {"surveys", "Surveys"},
    {"csat_mean", "CSAT"},
    {"a_recovery_index", "a Recov"},
    {"a_ptp_kept_rate", "a PTP"},
    {"a_rpc_rate", "a RPC"},
    {"a_complaints_upheld_per_1k_contacts", "a Upheld"},
    {"a_breaches_per_1k_outbound", "a Breach"},
    {"a_csat_mean", "a CSAT"},
    {"coverage", "Cover"},
    {"score", "Score"},
    {"capped", "Capped"},
    {"cap_reason", "Cap"},
    {"rank", "Rank"},
    {"team_rank", "Team rk"},
    {"rank_note", "Not ranked"},
};

/* The table's default selection per kind of row. */
static const char agent_table_default[] =
    "rank,team_rank,score,coverage,rank_note,cap_reason,employee_no,agent_name,team,"
    "recovery_index,ptp_kept_rate,rpc_rate,complaints_upheld_per_1k_contacts,"
    "complaints_under_review,breaches_per_1k_outbound,csat_mean";
static const char team_table_default[] =
    "rank,score,coverage,rank_note,team,recovery_index,ptp_kept_rate,rpc_rate,"
    "complaints_upheld_per_1k_contacts,complaints_under_review,breaches_per_1k_outbound,"
    "csat_mean";
static const char total_table_default[] =
    "score,coverage,collected,expected_collected,recovery_index,ptp_kept_rate,rpc_rate,"
    "complaints_upheld_per_1k_contacts,complaints_under_review,breaches_per_1k_outbound,"
    "csat_mean";

static size_t identity_count(out_text_by by)
{
    return by == OUT_TEXT_BY_AGENT ? ID_COUNT : by == OUT_TEXT_BY_TEAM ? ID_TEAM + 1 : ID_TEAM;
}

static const char *column_key(size_t column)
{
    return column < score_column_count ? score_columns[column].key
                                       : id_keys[column - score_column_count];
}

/* Every column of scorecard.md for this kind of row, in order. */
static size_t all_columns(out_text_by by, size_t *list)
{
    size_t n = 0;
    for (size_t i = 0; i < identity_count(by); i++)
        list[n++] = COLUMN_ID(i);
    for (size_t i = 0; i < score_column_count; i++)
        list[n++] = i;
    return n;
}

static ck_error parse_columns(const char *text, out_text_by by, size_t *list, size_t *count,
                              ck_diag *diag)
{
    *count = 0;
    if (strcmp(text, "all") == 0) {
        *count = all_columns(by, list);
        return CK_OK;
    }
    const char *p = text;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        char key[64];
        size_t column = SIZE_MAX;
        if (n > 0 && n < sizeof key) {
            memcpy(key, p, n);
            key[n] = '\0';
            column = score_column_find(key);
            for (size_t i = 0; column == SIZE_MAX && i < ID_COUNT; i++)
                if (strcmp(key, id_keys[i]) == 0) {
                    if (i >= identity_count(by)) {
                        ck_diag_set(diag, "--columns: '%s' is not a column of %s rows", key,
                                    by == OUT_TEXT_BY_TEAM ? "team" : "total");
                        return CK_ERR_USAGE;
                    }
                    column = COLUMN_ID(i);
                }
        }
        if (column == SIZE_MAX) {
            ck_diag_set(diag,
                        "--columns: '%.*s' is not a score column; --columns all prints "
                        "every one",
                        (int)n, p);
            return CK_ERR_USAGE;
        }
        if (*count == MAX_COLUMNS) {
            ck_diag_set(diag, "--columns: more than %d columns", MAX_COLUMNS);
            return CK_ERR_USAGE;
        }
        list[(*count)++] = column;
        p += n;
        if (*p == ',')
            p++;
    }
    if (*count == 0) {
        ck_diag_set(diag, "--columns: name at least one column");
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error out_score_check_columns(const char *columns, out_text_by by, ck_diag *diag)
{
    size_t list[MAX_COLUMNS + 1], count;
    return columns == NULL ? CK_OK : parse_columns(columns, by, list, &count, diag);
}

/* One output row: identity texts and the score row. */
typedef struct out_row {
    const char *team, *employee_no, *agent_name;
    const kpi_agent *agent; /* NULL on team and total rows */
    const score_row *row;
} out_row;

static const char *identity_text(const kpi_result *r, const out_row *row, size_t id, char *buf)
{
    switch (id) {
    case ID_PERIOD_START: return r->period.start_text;
    case ID_PERIOD_END: return r->period.end_text;
    case ID_TEAM: return row->team;
    case ID_EMPLOYEE_NO: return row->employee_no;
    case ID_AGENT_NAME: return row->agent_name;
    case ID_HIRED_ON: datetime_format_date(row->agent->hired_on, buf); return buf;
    default:
        if (!row->agent->has_left_on)
            return "";
        datetime_format_date(row->agent->left_on, buf);
        return buf;
    }
}

static void money_real_plain(double minor, char *out)
{
    money_format_plain((int64_t)llround(minor), out);
}

/* Machine text of a cell (CSV); "" when undefined or empty. */
static void machine_text(const kpi_result *r, const out_row *row, size_t column, char *out,
                         size_t size)
{
    out[0] = '\0';
    if (column >= score_column_count) {
        char buf[DATETIME_DATE_SIZE];
        snprintf(out, size, "%s", identity_text(r, row, column - score_column_count, buf));
        return;
    }
    score_cell cell = score_row_cell(row->row, column);
    if (!cell.defined)
        return;
    switch (score_columns[column].kind) {
    case SCORE_KIND_COUNT: snprintf(out, size, "%lld", (long long)cell.integer); break;
    case SCORE_KIND_MONEY: money_format_plain(cell.integer, out); break;
    case SCORE_KIND_MONEY_REAL: money_real_plain(cell.value, out); break;
    case SCORE_KIND_TEXT: snprintf(out, size, "%s", cell.text); break;
    default: format_decimal(cell.value, 6, out, size); break;
    }
}

/* The measure whose value this column shows, or -1. */
static int measure_of_column(size_t column)
{
    for (int m = 0; column < score_column_count && m < SETTINGS_MEASURE_COUNT; m++)
        if (strcmp(score_columns[column].key, settings_measure_keys[m]) == 0)
            return m;
    return -1;
}

/* Cuts text to at most width display columns, ending in "~" when cut. */
static void fit_width(const char *text, size_t width, char *out, size_t size)
{
    if (utf8_display_width(text) <= width) {
        snprintf(out, size, "%s", text);
        return;
    }
    size_t used = 0, shown = 0;
    while (text[used] != '\0') {
        size_t len = utf8_sequence_length(text + used);
        char one[8] = {0};
        if (len == 0 || len >= sizeof one || used + len >= size - 2)
            break;
        memcpy(one, text + used, len);
        size_t w = utf8_display_width(one);
        if (shown + w > width - 1)
            break;
        memcpy(out + used, one, len);
        used += len;
        shown += w;
    }
    out[used] = '~';
    out[used + 1] = '\0';
}

#define NAME_WIDTH 16
#define TEAM_WIDTH 12

/* Human text of a cell for the table; "-" when undefined, brackets around a measure that
 * is not scored. */
static void human_text(const kpi_result *r, const out_row *row, size_t column, char *out,
                       size_t size)
{
    char buf[96];
    if (column >= score_column_count) {
        size_t id = column - score_column_count;
        const char *text = identity_text(r, row, id, buf);
        size_t width = id == ID_AGENT_NAME ? NAME_WIDTH : id == ID_TEAM ? TEAM_WIDTH : 64;
        fit_width(text[0] ? text : "-", width, out, size);
        return;
    }
    score_cell cell = score_row_cell(row->row, column);
    if (!cell.defined) {
        snprintf(out, size, "-");
        return;
    }
    switch (score_columns[column].kind) {
    case SCORE_KIND_COUNT: snprintf(buf, sizeof buf, "%lld", (long long)cell.integer); break;
    case SCORE_KIND_MONEY: format_money_grouped(cell.integer, buf, sizeof buf); break;
    case SCORE_KIND_MONEY_REAL:
        format_money_grouped((int64_t)llround(cell.value), buf, sizeof buf);
        break;
    case SCORE_KIND_RATE:
        format_decimal(cell.value * 100.0, 1, buf, sizeof buf - 1);
        strcat(buf, "%");
        break;
    case SCORE_KIND_POINTS: format_decimal(cell.value, 1, buf, sizeof buf); break;
    case SCORE_KIND_TEXT: snprintf(buf, sizeof buf, "%s", cell.text); break;
    default: format_decimal(cell.value, 2, buf, sizeof buf); break;
    }
    int m = measure_of_column(column);
    if (m >= 0 && row->row->measure[m].reason != SCORE_REASON_SCORED)
        snprintf(out, size, "(%s)", buf);
    else
        snprintf(out, size, "%s", buf);
}

static void csv_field(FILE *out, const char *text, bool first)
{
    if (!first)
        fputc(',', out);
    if (strpbrk(text, ",\"\r\n") != NULL)
        csv_fwrite(out, text, strlen(text)); /* quotes and doubles inner quotes */
    else
        fputs(text, out);
}

static void write_csv(FILE *out, const kpi_result *r, const out_row *rows, size_t row_count,
                      const size_t *columns, size_t column_count)
{
    for (size_t c = 0; c < column_count; c++)
        csv_field(out, column_key(columns[c]), c == 0);
    fputs("\r\n", out);
    for (size_t i = 0; i < row_count; i++) {
        char cell[96];
        for (size_t c = 0; c < column_count; c++) {
            machine_text(r, &rows[i], columns[c], cell, sizeof cell);
            csv_field(out, cell, c == 0);
        }
        fputs("\r\n", out);
    }
}

/* Money in major units, exact to the cent (see out_text.c). */
static json_t *json_money(int64_t minor)
{
    return json_real((double)minor / 100.0);
}

static json_t *json_cell(const kpi_result *r, const out_row *row, size_t column)
{
    if (column >= score_column_count) {
        char buf[DATETIME_DATE_SIZE];
        const char *text = identity_text(r, row, column - score_column_count, buf);
        return column == COLUMN_ID(ID_LEFT_ON) && text[0] == '\0' ? json_null() : json_string(text);
    }
    score_cell cell = score_row_cell(row->row, column);
    if (!cell.defined)
        return json_null();
    switch (score_columns[column].kind) {
    case SCORE_KIND_COUNT: return json_integer(cell.integer);
    case SCORE_KIND_MONEY: return json_money(cell.integer);
    case SCORE_KIND_MONEY_REAL: return json_money((int64_t)llround(cell.value));
    case SCORE_KIND_TEXT: return json_string(cell.text);
    default: return json_real(cell.value);
    }
}

static ck_error write_json(FILE *out, const kpi_result *r, const out_row *rows, size_t row_count,
                           const size_t *columns, size_t column_count, ck_diag *diag)
{
    json_t *array = json_array();
    ck_error err = array ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; i < row_count && err == CK_OK; i++) {
        json_t *obj = json_object();
        if (obj == NULL || json_array_append_new(array, obj) != 0) {
            err = CK_ERR_NOMEM;
            break;
        }
        for (size_t c = 0; c < column_count; c++)
            json_object_set_new(obj, column_key(columns[c]), json_cell(r, &rows[i], columns[c]));
    }
    return out_json_finish(array, out, JSON_PRESERVE_ORDER, err, diag);
}

static const char *table_label(size_t column)
{
    const char *key = column_key(column);
    for (size_t i = 0; i < sizeof table_labels / sizeof table_labels[0]; i++)
        if (strcmp(table_labels[i].key, key) == 0)
            return table_labels[i].label;
    return key;
}

/* The settings the scores were made with, in two lines. */
static void write_settings(FILE *out, const kpi_result *r)
{
    static const char *const short_names[SETTINGS_MEASURE_COUNT] = {
        "recovery index", "PTP kept", "RPC", "upheld/1k", "breaches/1k", "CSAT"};
    const settings_score *s = &r->settings.score;
    fprintf(out, "Targets (weight; min sample):");
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        const settings_measure_target *t = &s->measure[m];
        bool rate = m == SETTINGS_MEASURE_PTP_KEPT_RATE || m == SETTINGS_MEASURE_RPC_RATE;
        if (m == SETTINGS_MEASURE_COUNT / 2)
            fputs("\n ", out);
        fprintf(out, "  %s %s", short_names[m], settings_measure_lower_is_better[m] ? "<=" : ">=");
        fprintf(out, rate ? "%.4g%%" : "%.2f", rate ? t->target * 100.0 : t->target);
        fprintf(out, " (%g; %lld)", t->weight, (long long)t->min_sample);
    }
    fprintf(out,
            "\nGreen at 100%% of target, amber at %g%%; ranked from %g%% coverage; critical "
            "cap %g\n",
            s->amber_at * 100.0, s->min_coverage * 100.0, s->critical_cap);
    /* By code: the names are long, and the terminal's lines stay within 160 columns. */
    fputs("Critical complaint categories:", out);
    bool any = false;
    for (size_t i = 0; i < codes_complaint_category.count; i++)
        if (s->critical_category_mask & (1u << i)) {
            fprintf(out, "%s %s", any ? "," : "", codes_complaint_category.codes[i]);
            any = true;
        }
    fputs(any ? "\n" : " none\n", out);
}

static ck_error write_table(FILE *out, const kpi_result *r, const out_row *rows, size_t row_count,
                            const size_t *columns, size_t column_count)
{
    size_t lines = row_count + 1;
    char **grid = calloc(lines * column_count + 1, sizeof *grid);
    size_t *width = calloc(column_count + 1, sizeof *width);
    ck_error err = grid && width ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; i < lines && err == CK_OK; i++) {
        for (size_t c = 0; c < column_count; c++) {
            char text[160];
            if (i == 0)
                snprintf(text, sizeof text, "%s", table_label(columns[c]));
            else
                human_text(r, &rows[i - 1], columns[c], text, sizeof text);
            grid[i * column_count + c] = strdup(text);
            if (grid[i * column_count + c] == NULL) {
                err = CK_ERR_NOMEM;
                break;
            }
            size_t w = utf8_display_width(text);
            if (w > width[c])
                width[c] = w;
        }
    }
    if (err == CK_OK) {
        char label[40], as_of[DATETIME_TS_SIZE];
        period_label(&r->period, label, sizeof label);
        datetime_format_ts(r->as_of, as_of);
        fprintf(out, "Scores %s [%s, %s)  as of %s  grace %d days  kept at %d%%\n", label,
                r->period.start_text, r->period.end_text, as_of, r->settings.grace_days,
                r->settings.kept_threshold_pct);
        write_settings(out, r);
        for (size_t i = 0; i < lines; i++) {
            for (size_t c = 0; c < column_count; c++) {
                if (c)
                    fputs("  ", out);
                bool text_column = columns[c] >= score_column_count ||
                                   score_columns[columns[c]].kind == SCORE_KIND_TEXT;
                /* The last column is not padded on the right: no trailing blanks. */
                out_put_padded(out, grid[i * column_count + c],
                               c + 1 == column_count && text_column ? 0 : width[c], !text_column);
            }
            fputc('\n', out);
        }
        if (row_count == 0)
            fputs("(no agent has any activity in this period)\n", out);
        else
            fputs("(x) = shown but not scored: no value, sample below its minimum, or weight 0; "
                  "- = undefined\n",
                  out);
    }
    for (size_t i = 0; grid && i < lines * column_count; i++)
        free(grid[i]);
    free(grid);
    free(width);
    return err;
}

ck_error out_score_write(FILE *out, const kpi_result *result, const score_table *scores,
                         out_text_by by, out_text_format format, const char *columns, ck_diag *diag)
{
    size_t column_list[MAX_COLUMNS + 1], column_count = 0;
    ck_error err = CK_OK;
    if (columns == NULL && format == OUT_TEXT_TABLE)
        columns = by == OUT_TEXT_BY_AGENT  ? agent_table_default
                  : by == OUT_TEXT_BY_TEAM ? team_table_default
                                           : total_table_default;
    if (columns == NULL)
        column_count = all_columns(by, column_list);
    else if ((err = parse_columns(columns, by, column_list, &column_count, diag)) != CK_OK)
        return err;
    size_t n = by == OUT_TEXT_BY_AGENT  ? result->agent_count
               : by == OUT_TEXT_BY_TEAM ? result->team_count
                                        : 1;
    out_row *rows = calloc(n + 1, sizeof *rows);
    if (rows == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        out_row *row = &rows[i];
        if (by == OUT_TEXT_BY_AGENT) {
            row->agent = &result->agents[i];
            row->team = result->teams[row->agent->team_index].name;
            row->employee_no = row->agent->employee_no;
            row->agent_name = row->agent->name;
            row->row = &scores->agents[i];
        } else if (by == OUT_TEXT_BY_TEAM) {
            row->team = result->teams[i].name;
            row->row = &scores->teams[i];
        } else {
            row->row = &scores->total;
        }
    }
    switch (format) {
    case OUT_TEXT_CSV: write_csv(out, result, rows, n, column_list, column_count); break;
    case OUT_TEXT_JSON:
        err = write_json(out, result, rows, n, column_list, column_count, diag);
        break;
    case OUT_TEXT_TABLE: err = write_table(out, result, rows, n, column_list, column_count); break;
    }
    free(rows);
    if (err == CK_OK && (fflush(out) != 0 || ferror(out))) {
        ck_diag_set(diag, "could not write the output");
        err = CK_ERR_IO;
    }
    return err;
}
