/* out_text.c - kpi rows as a terminal table, CSV (RFC 4180, libcsv quoting) or JSON
 * (jansson). One row model and one column selection feed all three, so they always carry
 * the same values.
 *
 * CSV: money with exactly two places, rates (and per-1k, scores) with six, days with four,
 * undefined as an empty field. JSON: the same keys; money in major units, undefined null.
 * The table is for people: by default about ten figures under short labels (all 28 would
 * not fit any terminal), counts and money with thousands separators, teams then the total.
 */
#include "collectkpi/out_text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/money.h"
#include "collectkpi/utf8.h"
#include "out_common.h"

/* One output row: identity texts (NULL = the column is absent for this kind of row), the
 * figures, and for the total the unassigned money. */
typedef struct text_row {
    const char *team;
    const char *employee_no;
    const char *agent_name;
    const kpi_row *row;
    bool has_unassigned;
    int64_t unassigned_minor;
} text_row;

typedef struct row_set {
    text_row *rows;
    size_t count;
    bool with_team, with_agent;
} row_set;

/* The figure columns chosen: indexes into kpi_columns, or FIGURE_UNASSIGNED. */
#define MAX_FIGURES       64
#define FIGURE_UNASSIGNED SIZE_MAX
typedef struct figure_set {
    size_t index[MAX_FIGURES];
    size_t count;
} figure_set;

/* The table's default figures and their short labels: what a lead reads first, in a width
 * that fits 160 columns with the names. */
static const struct {
    const char *key;
    const char *label;
} table_default[] = {
    {"cases_worked", "Cases"},
    {"collected", "Collected"},
    {"recovery_rate", "Recovery"},
    {"paying_case_rate", "Paying"},
    {"rpc_rate", "RPC rate"},
    {"ptp_kept_rate", "PTP kept"},
    {"cases_resolved", "Resolved"},
    {"complaints", "Complaints"},
    {"complaints_substantiated", "Substantiated"},
    {"csat_mean", "CSAT"},
};
#define TABLE_DEFAULT_COUNT (sizeof table_default / sizeof table_default[0])

static const char *figure_key(size_t index)
{
    return index == FIGURE_UNASSIGNED ? "unassigned_collected" : kpi_columns[index].key;
}

static const char *figure_label(size_t index)
{
    if (index == FIGURE_UNASSIGNED)
        return "Unassigned";
    for (size_t i = 0; i < TABLE_DEFAULT_COUNT; i++)
        if (strcmp(table_default[i].key, kpi_columns[index].key) == 0)
            return table_default[i].label;
    return labels_column(kpi_columns[index].key, SETTINGS_LANG_EN);
}

static void all_figures(out_text_by by, figure_set *set)
{
    set->count = 0;
    for (size_t i = 0; i < kpi_column_count && set->count < MAX_FIGURES; i++)
        set->index[set->count++] = i;
    if (by == OUT_TEXT_BY_TOTAL && set->count < MAX_FIGURES)
        set->index[set->count++] = FIGURE_UNASSIGNED;
}

static ck_error parse_columns(const char *text, out_text_by by, out_text_format format,
                              figure_set *set, ck_diag *diag)
{
    set->count = 0;
    if (text == NULL && format == OUT_TEXT_TABLE) {
        for (size_t i = 0; i < TABLE_DEFAULT_COUNT; i++) {
            const kpi_column *column = kpi_column_find(table_default[i].key);
            if (column != NULL)
                set->index[set->count++] = (size_t)(column - kpi_columns);
        }
        if (by == OUT_TEXT_BY_TOTAL)
            set->index[set->count++] = FIGURE_UNASSIGNED;
        return CK_OK;
    }
    if (text == NULL || strcmp(text, "all") == 0) {
        all_figures(by, set);
        return CK_OK;
    }
    for (const char *key = text; *key != '\0';) {
        size_t length = strcspn(key, ",");
        const kpi_column *column = NULL;
        for (size_t i = 0; i < kpi_column_count && column == NULL; i++)
            if (strlen(kpi_columns[i].key) == length &&
                strncmp(kpi_columns[i].key, key, length) == 0)
                column = &kpi_columns[i];
        bool unassigned = length == strlen("unassigned_collected") &&
                          strncmp(key, "unassigned_collected", length) == 0;
        if (unassigned && by != OUT_TEXT_BY_TOTAL) {
            ck_diag_set(diag,
                        "--columns: unassigned_collected is on the total row only (--by total)");
            return CK_ERR_USAGE;
        }
        if (column == NULL && !unassigned) {
            ck_diag_set(diag,
                        "--columns: '%.*s' is not a column of kpi.md; --columns all prints "
                        "every one",
                        (int)(length > 40 ? 40 : length), key);
            return CK_ERR_USAGE;
        }
        if (set->count == MAX_FIGURES) {
            ck_diag_set(diag, "--columns: more than %d columns", MAX_FIGURES);
            return CK_ERR_USAGE;
        }
        set->index[set->count++] = unassigned ? FIGURE_UNASSIGNED : (size_t)(column - kpi_columns);
        key += length;
        if (*key == ',')
            key++;
    }
    if (set->count == 0) {
        ck_diag_set(diag, "--columns: name at least one column, or 'all'");
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error out_text_check_columns(const char *columns, out_text_by by, ck_diag *diag)
{
    figure_set set;
    return parse_columns(columns, by, OUT_TEXT_CSV, &set, diag);
}

/* The machine text (CSV) of a figure of a row. */
static void machine_figure(const text_row *t, size_t index, char *cell, size_t size)
{
    if (index == FIGURE_UNASSIGNED) {
        char money[MONEY_TEXT_SIZE];
        money_format_plain(t->has_unassigned ? t->unassigned_minor : 0, money);
        snprintf(cell, size, "%s", t->has_unassigned ? money : "");
        return;
    }
    format_cell_machine(kpi_row_cell(t->row, &kpi_columns[index]), kpi_columns[index].kind, cell,
                        size);
}

static ck_error collect_rows(const kpi_result *r, out_text_by by, bool team_total, row_set *set)
{
    size_t n = by == OUT_TEXT_BY_AGENT  ? r->agent_count
               : by == OUT_TEXT_BY_TEAM ? r->team_count + (team_total ? 1 : 0)
                                        : 1;
    memset(set, 0, sizeof *set);
    set->rows = calloc(n + 1, sizeof *set->rows);
    if (set->rows == NULL)
        return CK_ERR_NOMEM;
    set->count = n;
    set->with_team = by != OUT_TEXT_BY_TOTAL;
    set->with_agent = by == OUT_TEXT_BY_AGENT;
    for (size_t i = 0; i < n; i++) {
        text_row *t = &set->rows[i];
        if (by == OUT_TEXT_BY_AGENT) {
            t->team = r->teams[r->agents[i].team_index].name;
            t->employee_no = r->agents[i].employee_no;
            t->agent_name = r->agents[i].name;
            t->row = &r->agents[i].row;
        } else if (by == OUT_TEXT_BY_TEAM && i < r->team_count) {
            t->team = r->teams[i].name;
            t->row = &r->teams[i].row;
        } else if (by == OUT_TEXT_BY_TEAM) { /* the table's closing total line */
            t->team = "Total";
            t->row = &r->total;
            t->has_unassigned = true;
            t->unassigned_minor = r->unassigned_collected_minor;
        } else {
            t->row = &r->total;
            t->has_unassigned = true;
            t->unassigned_minor = r->unassigned_collected_minor;
        }
    }
    return CK_OK;
}

void out_text_csv_field(FILE *out, const char *text, bool first, bool is_text,
                        const out_text_options *options)
{
    if (!first)
        fputc(',', out);
    bool guard = is_text && !options->raw && text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
    if (strpbrk(text, ",\"\r\n") != NULL || guard) {
        /* quoted, so that the "'" is plainly part of the text */
        fputc('"', out);
        if (guard)
            fputc('\'', out);
        for (const char *p = text; *p != '\0'; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(text, out);
    }
}

static void csv_field(FILE *out, const char *text, bool first)
{
    static const out_text_options plain = {.raw = true};
    out_text_csv_field(out, text, first, false, &plain);
}

static void write_csv(FILE *out, const kpi_result *r, const row_set *set, const figure_set *figs,
                      const out_text_options *options)
{
    if (options->bom)
        fputs("\xEF\xBB\xBF", out);
    csv_field(out, "period_start", true);
    csv_field(out, "period_end", false);
    if (set->with_team)
        csv_field(out, "team", false);
    if (set->with_agent) {
        csv_field(out, "employee_no", false);
        csv_field(out, "agent_name", false);
    }
    for (size_t c = 0; c < figs->count; c++)
        csv_field(out, figure_key(figs->index[c]), false);
    fputs("\r\n", out);
    for (size_t i = 0; i < set->count; i++) {
        const text_row *t = &set->rows[i];
        char cell[64];
        csv_field(out, r->period.start_text, true);
        csv_field(out, r->period.end_text, false);
        if (set->with_team)
            out_text_csv_field(out, t->team, false, true, options);
        if (set->with_agent) {
            out_text_csv_field(out, t->employee_no, false, true, options);
            out_text_csv_field(out, t->agent_name, false, true, options);
        }
        for (size_t c = 0; c < figs->count; c++) {
            machine_figure(t, figs->index[c], cell, sizeof cell);
            csv_field(out, cell, false);
        }
        fputs("\r\n", out);
    }
}

/* Money in major units. json_real is the one float step; with 15 significant digits it is
 * exact to the cent for any amount under 10^13 major units. */
static json_t *json_money(int64_t minor)
{
    return json_real((double)minor / 100.0);
}

static ck_error write_json(FILE *out, const kpi_result *r, const row_set *set,
                           const figure_set *figs, ck_diag *diag)
{
    json_t *array = json_array();
    ck_error err = array ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; i < set->count && err == CK_OK; i++) {
        const text_row *t = &set->rows[i];
        json_t *obj = json_object();
        if (obj == NULL || json_array_append_new(array, obj) != 0) {
            err = CK_ERR_NOMEM;
            break;
        }
        json_object_set_new(obj, "period_start", json_string(r->period.start_text));
        json_object_set_new(obj, "period_end", json_string(r->period.end_text));
        if (set->with_team)
            json_object_set_new(obj, "team", json_string(t->team));
        if (set->with_agent) {
            json_object_set_new(obj, "employee_no", json_string(t->employee_no));
            json_object_set_new(obj, "agent_name", json_string(t->agent_name));
        }
        for (size_t c = 0; c < figs->count; c++) {
            if (figs->index[c] == FIGURE_UNASSIGNED) {
                json_object_set_new(obj, "unassigned_collected", json_money(t->unassigned_minor));
                continue;
            }
            const kpi_column *col = &kpi_columns[figs->index[c]];
            kpi_cell cell = kpi_row_cell(t->row, col);
            json_t *v = !cell.defined                 ? json_null()
                        : col->kind == KPI_KIND_COUNT ? json_integer(cell.integer)
                        : col->kind == KPI_KIND_MONEY ? json_money(cell.integer)
                                                      : json_real(cell.value);
            json_object_set_new(obj, col->key, v);
        }
    }
    return out_json_finish(array, out, 0, err, diag);
}

/* ---- terminal table ---- */

static ck_error write_table(FILE *out, const kpi_result *r, const row_set *set,
                            const figure_set *figs)
{
    /* Columns: identity texts, then figures; cells rendered once into a grid. */
    size_t ident = (set->with_team ? 1 : 0) + (set->with_agent ? 2 : 0);
    size_t cols = ident + figs->count;
    size_t rows = set->count + 1;
    char **grid = calloc(rows * cols + 1, sizeof *grid);
    size_t *width = calloc(cols + 1, sizeof *width);
    ck_error err = grid && width ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; i < rows && err == CK_OK; i++) {
        const text_row *t = i ? &set->rows[i - 1] : NULL;
        size_t c = 0;
        char buf[64];
        const char *cell[4] = {NULL};
        if (set->with_team)
            cell[c++] = t ? t->team : "Team";
        if (set->with_agent) {
            cell[c++] = t ? t->employee_no : "No.";
            cell[c++] = t ? t->agent_name : "Agent";
        }
        for (size_t k = 0; k < c; k++)
            grid[i * cols + k] = utf8_dup_for_terminal(cell[k]);
        for (size_t k = 0; k < figs->count; k++, c++) {
            size_t index = figs->index[k];
            if (t == NULL)
                snprintf(buf, sizeof buf, "%s", figure_label(index));
            else if (index == FIGURE_UNASSIGNED)
                format_money_grouped(t->unassigned_minor, buf, sizeof buf);
            else
                format_cell(kpi_row_cell(t->row, &kpi_columns[index]), kpi_columns[index].kind,
                            FORMAT_STYLE_TERMINAL, buf, sizeof buf);
            if (t != NULL && index == FIGURE_UNASSIGNED && !t->has_unassigned)
                buf[0] = '\0';
            grid[i * cols + c] = strdup(buf);
        }
        for (size_t k = 0; k < cols; k++) {
            if (grid[i * cols + k] == NULL) {
                err = CK_ERR_NOMEM;
                break;
            }
            size_t w = utf8_display_width(grid[i * cols + k]);
            if (w > width[k])
                width[k] = w;
        }
    }
    if (err == CK_OK) {
        char label[40];
        period_label(&r->period, label, sizeof label);
        char as_of[DATETIME_TS_SIZE];
        datetime_format_ts(r->as_of, as_of);
        fprintf(out, "Period %s [%s, %s)  as of %s%s  grace %d days  kept at %d%%\n", label,
                r->period.start_text, r->period.end_text, as_of,
                r->as_of_given  ? ""
                : r->has_cutoff ? " (data cut-off)"
                                : " (period end: no payments or contacts yet)",
                r->settings.grace_days, r->settings.kept_threshold_pct);
        char note[FORMAT_COVERAGE_NOTE_SIZE];
        if (format_coverage_note(r, SETTINGS_LANG_EN, note, sizeof note))
            fprintf(out, "Note: %s\n", note);
        for (size_t i = 0; i < rows; i++) {
            for (size_t k = 0; k < cols; k++) {
                if (k)
                    fputs("  ", out);
                /* The last column is not padded: no trailing blanks. */
                out_put_padded(out, grid[i * cols + k], k + 1 < cols || k >= ident ? width[k] : 0,
                               k >= ident);
            }
            fputc('\n', out);
        }
        if (set->count == 0)
            fputs("(no agent has any activity in this period)\n", out);
    }
    for (size_t i = 0; grid && i < rows * cols; i++)
        free(grid[i]);
    free(grid);
    free(width);
    return err;
}

ck_error out_text_write(FILE *out, const kpi_result *result, const out_text_options *options,
                        ck_diag *diag)
{
    figure_set figs;
    ck_error err = parse_columns(options->columns, options->by, options->format, &figs, diag);
    if (err != CK_OK)
        return err;
    row_set set;
    /* The table closes a team list with the total; CSV and JSON keep one kind of row. */
    err = collect_rows(result, options->by, options->format == OUT_TEXT_TABLE, &set);
    if (err != CK_OK)
        return err;
    switch (options->format) {
    case OUT_TEXT_CSV: write_csv(out, result, &set, &figs, options); break;
    case OUT_TEXT_JSON: err = write_json(out, result, &set, &figs, diag); break;
    case OUT_TEXT_TABLE: err = write_table(out, result, &set, &figs); break;
    }
    free(set.rows);
    if (err == CK_OK && (fflush(out) != 0 || ferror(out))) {
        ck_diag_set(diag, "could not write the output");
        err = CK_ERR_IO;
    }
    return err;
}
