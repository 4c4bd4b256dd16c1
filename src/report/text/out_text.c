/* out_text.c - kpi rows as a terminal table, CSV (RFC 4180, libcsv quoting) or JSON
 * (jansson). One row model feeds all three, so they always carry the same values.
 *
 * CSV: money with exactly two places, rates (and per-1k, scores) with six, days with four,
 * undefined as an empty field. JSON: the same keys; money in major units, undefined null.
 */
#include "collectkpi/out_text.h"

#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/format.h"
#include "collectkpi/money.h"
#include "collectkpi/utf8.h"

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
    bool with_team, with_agent, with_unassigned;
} row_set;

static ck_error collect_rows(const kpi_result *r, out_text_by by, row_set *set)
{
    size_t n = by == OUT_TEXT_BY_AGENT  ? r->agent_count
               : by == OUT_TEXT_BY_TEAM ? r->team_count
                                        : 1;
    memset(set, 0, sizeof *set);
    set->rows = calloc(n + 1, sizeof *set->rows);
    if (set->rows == NULL)
        return CK_ERR_NOMEM;
    set->count = n;
    set->with_team = by != OUT_TEXT_BY_TOTAL;
    set->with_agent = by == OUT_TEXT_BY_AGENT;
    set->with_unassigned = by == OUT_TEXT_BY_TOTAL;
    for (size_t i = 0; i < n; i++) {
        text_row *t = &set->rows[i];
        if (by == OUT_TEXT_BY_AGENT) {
            t->team = r->teams[r->agents[i].team_index].name;
            t->employee_no = r->agents[i].employee_no;
            t->agent_name = r->agents[i].name;
            t->row = &r->agents[i].row;
        } else if (by == OUT_TEXT_BY_TEAM) {
            t->team = r->teams[i].name;
            t->row = &r->teams[i].row;
        } else {
            t->row = &r->total;
            t->has_unassigned = true;
            t->unassigned_minor = r->unassigned_collected_minor;
        }
    }
    return CK_OK;
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

static void write_csv(FILE *out, const kpi_result *r, const row_set *set)
{
    csv_field(out, "period_start", true);
    csv_field(out, "period_end", false);
    if (set->with_team)
        csv_field(out, "team", false);
    if (set->with_agent) {
        csv_field(out, "employee_no", false);
        csv_field(out, "agent_name", false);
    }
    for (size_t c = 0; c < kpi_column_count; c++)
        csv_field(out, kpi_columns[c].key, false);
    if (set->with_unassigned)
        csv_field(out, "unassigned_collected", false);
    fputs("\r\n", out);
    for (size_t i = 0; i < set->count; i++) {
        const text_row *t = &set->rows[i];
        char cell[64];
        csv_field(out, r->period.start_text, true);
        csv_field(out, r->period.end_text, false);
        if (set->with_team)
            csv_field(out, t->team, false);
        if (set->with_agent) {
            csv_field(out, t->employee_no, false);
            csv_field(out, t->agent_name, false);
        }
        for (size_t c = 0; c < kpi_column_count; c++) {
            format_cell_machine(kpi_row_cell(t->row, &kpi_columns[c]), kpi_columns[c].kind, cell,
                                sizeof cell);
            csv_field(out, cell, false);
        }
        if (set->with_unassigned) {
            money_format_plain(t->unassigned_minor, cell);
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

static ck_error write_json(FILE *out, const kpi_result *r, const row_set *set, ck_diag *diag)
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
        for (size_t c = 0; c < kpi_column_count; c++) {
            const kpi_column *col = &kpi_columns[c];
            kpi_cell cell = kpi_row_cell(t->row, col);
            json_t *v = !cell.defined                 ? json_null()
                        : col->kind == KPI_KIND_COUNT ? json_integer(cell.integer)
                        : col->kind == KPI_KIND_MONEY ? json_money(cell.integer)
                                                      : json_real(cell.value);
            json_object_set_new(obj, col->key, v);
        }
        if (set->with_unassigned)
            json_object_set_new(obj, "unassigned_collected", json_money(t->unassigned_minor));
    }
    if (err == CK_OK && json_dumpf(array, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0) {
        ck_diag_set(diag, "could not write the JSON output");
        err = CK_ERR_IO;
    }
    if (err == CK_OK)
        fputc('\n', out);
    json_decref(array);
    return err;
}

/* ---- terminal table ---- */

static void put_padded(FILE *out, const char *text, size_t width, bool right)
{
    size_t w = utf8_display_width(text);
    size_t pad = width > w ? width - w : 0;
    if (right)
        for (size_t i = 0; i < pad; i++)
            fputc(' ', out);
    fputs(text, out);
    if (!right)
        for (size_t i = 0; i < pad; i++)
            fputc(' ', out);
}

static ck_error write_table(FILE *out, const kpi_result *r, const row_set *set)
{
    /* Columns: identity texts, then figures; cells rendered once into a grid. */
    size_t ident = (set->with_team ? 1 : 0) + (set->with_agent ? 2 : 0);
    size_t cols = ident + kpi_column_count + (set->with_unassigned ? 1 : 0);
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
            cell[c++] = t ? t->team : "team";
        if (set->with_agent) {
            cell[c++] = t ? t->employee_no : "employee_no";
            cell[c++] = t ? t->agent_name : "agent_name";
        }
        for (size_t k = 0; k < c; k++)
            grid[i * cols + k] = strdup(cell[k]);
        for (size_t k = 0; k < kpi_column_count; k++, c++) {
            if (t)
                format_cell(kpi_row_cell(t->row, &kpi_columns[k]), kpi_columns[k].kind,
                            FORMAT_STYLE_TERMINAL, buf, sizeof buf);
            grid[i * cols + c] = strdup(t ? buf : kpi_columns[k].key);
        }
        if (set->with_unassigned) {
            if (t)
                format_money_grouped(t->unassigned_minor, buf, sizeof buf);
            grid[i * cols + c] = strdup(t ? buf : "unassigned_collected");
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
        for (size_t i = 0; i < rows; i++) {
            for (size_t k = 0; k < cols; k++) {
                if (k)
                    fputs("  ", out);
                put_padded(out, grid[i * cols + k], width[k], k >= ident);
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

ck_error out_text_write(FILE *out, const kpi_result *result, out_text_by by, out_text_format format,
                        ck_diag *diag)
{
    row_set set;
    ck_error err = collect_rows(result, by, &set);
    if (err != CK_OK)
        return err;
    switch (format) {
    case OUT_TEXT_CSV: write_csv(out, result, &set); break;
    case OUT_TEXT_JSON: err = write_json(out, result, &set, diag); break;
    case OUT_TEXT_TABLE: err = write_table(out, result, &set); break;
    }
    free(set.rows);
    if (err == CK_OK && (fflush(out) != 0 || ferror(out))) {
        ck_diag_set(diag, "could not write the output");
        err = CK_ERR_IO;
    }
    return err;
}
