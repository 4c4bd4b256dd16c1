/* snapshot.c - reading, writing and comparing report snapshots (snapshot.h).
 *
 * The file is one JSON object, keys in a fixed order, figures in the result's order (total,
 * teams by name, agents by employee_no, each in kpi.md's column order), so the same result
 * writes the same bytes:
 *   {"snapshot": 1, "database", "period_start", "period_end", "data_cutoff", "settings",
 *    "figures": [[scope, name, key, value], ...],
 *    "restated": [[scope, name, key, old, new, old_cutoff, new_cutoff], ...]}
 */
#include "collectkpi/snapshot.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/atomic_file.h"
#include "collectkpi/codes.h"
#include "collectkpi/datetime.h"
#include "collectkpi/format.h"
#include "collectkpi/out_text.h"
#include "collectkpi/vec.h"
#include "out_common.h"

#define SNAPSHOT_VERSION 1

static char *dup_or_null(const char *text)
{
    return text != NULL ? strdup(text) : NULL;
}

typedef struct figure_list {
    snapshot *s;
    size_t capacity;
} figure_list;

static ck_error add_figure(figure_list *list, const char *scope, const char *name, const char *key,
                           const char *value)
{
    snapshot *s = list->s;
    if (!VEC_RESERVE(s->figures, list->capacity, s->figure_count + 1))
        return CK_ERR_NOMEM;
    snapshot_figure *f = &s->figures[s->figure_count++];
    f->scope = strdup(scope);
    f->name = strdup(name);
    f->key = strdup(key);
    f->value = dup_or_null(value);
    return f->scope && f->name && f->key && (value == NULL || f->value) ? CK_OK : CK_ERR_NOMEM;
}

static ck_error add_row(figure_list *list, const char *scope, const char *name, const kpi_row *row)
{
    ck_error err = CK_OK;
    for (size_t c = 0; c < kpi_column_count && err == CK_OK; c++) {
        char text[64];
        kpi_cell cell = kpi_row_cell(row, &kpi_columns[c]);
        format_cell_machine(cell, kpi_columns[c].kind, text, sizeof text);
        err = add_figure(list, scope, name, kpi_columns[c].key, cell.defined ? text : NULL);
    }
    return err;
}

ck_error snapshot_of(const kpi_result *r, const char *database, snapshot *out)
{
    memset(out, 0, sizeof *out);
    figure_list list = {out, 0};
    char cutoff[DATETIME_TS_SIZE], settings[256];
    if (r->has_cutoff)
        datetime_format_ts(r->data_cutoff, cutoff);
    /* What changes a figure besides the data: a report with other settings is not a
     * restatement of this one. */
    int n = snprintf(settings, sizeof settings,
                     "grace_days=%d kept_threshold_pct=%d resolved=", r->settings.grace_days,
                     r->settings.kept_threshold_pct);
    for (size_t i = 0; i < codes_close_reason.count && n > 0 && (size_t)n < sizeof settings; i++)
        if (r->settings.resolved_mask & (1u << i))
            n += snprintf(settings + n, sizeof settings - (size_t)n, "%s%s",
                          settings[n - 1] == '=' ? "" : ",", codes_close_reason.codes[i]);
    if (r->as_of_given) {
        char as_of[DATETIME_TS_SIZE];
        datetime_format_ts(r->as_of, as_of);
        if (n > 0 && (size_t)n < sizeof settings)
            snprintf(settings + n, sizeof settings - (size_t)n, " as_of=%s", as_of);
    }
    out->period_start = strdup(r->period.start_text);
    out->period_end = strdup(r->period.end_text);
    out->data_cutoff = r->has_cutoff ? strdup(cutoff) : NULL;
    out->settings = strdup(settings);
    out->database = strdup(database);
    ck_error err = out->period_start && out->period_end && out->settings && out->database &&
                           (!r->has_cutoff || out->data_cutoff)
                       ? CK_OK
                       : CK_ERR_NOMEM;
    if (err == CK_OK)
        err = add_row(&list, "total", "", &r->total);
    if (err == CK_OK) {
        char money[64];
        format_cell_machine((kpi_cell){true, r->unassigned_collected_minor, 0.0}, KPI_KIND_MONEY,
                            money, sizeof money);
        err = add_figure(&list, "total", "", "unassigned_collected", money);
    }
    for (size_t t = 0; t < r->team_count && err == CK_OK; t++)
        err = add_row(&list, "team", r->teams[t].name, &r->teams[t].row);
    for (size_t a = 0; a < r->agent_count && err == CK_OK; a++)
        err = add_row(&list, "agent", r->agents[a].employee_no, &r->agents[a].row);
    if (err != CK_OK)
        snapshot_free(out);
    return err;
}

void snapshot_free(snapshot *s)
{
    for (size_t i = 0; i < s->figure_count; i++) {
        free(s->figures[i].scope);
        free(s->figures[i].name);
        free(s->figures[i].key);
        free(s->figures[i].value);
    }
    free(s->figures);
    report_restated_free(s->restated, s->restated_count);
    free(s->period_start);
    free(s->period_end);
    free(s->data_cutoff);
    free(s->settings);
    free(s->database);
    memset(s, 0, sizeof *s);
}

/* ---- the file ---- */

static json_t *text_or_null(const char *text)
{
    return text != NULL ? json_string(text) : json_null();
}

/* Writes one compact JSON value; false when it cannot. */
static bool put_value(FILE *out, const json_t *value)
{
    return json_dumpf(value, out, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER) == 0;
}

/* The object with one member per line and one figure per line: a snapshot reads in a text
 * editor and diffs line by line. */
static bool put_snapshot(FILE *out, json_t *root)
{
    const char *key;
    json_t *value;
    bool ok = fputs("{", out) != EOF;
    bool first = true;
    json_object_foreach(root, key, value)
    {
        ok = ok && fprintf(out, "%s\n\"%s\":", first ? "" : ",", key) > 0;
        first = false;
        if (!json_is_array(value)) {
            ok = ok && put_value(out, value);
            continue;
        }
        ok = ok && fputc('[', out) != EOF;
        for (size_t i = 0; i < json_array_size(value); i++)
            ok = ok && fputs(i == 0 ? "\n " : ",\n ", out) != EOF &&
                 put_value(out, json_array_get(value, i));
        ok = ok && fputs(json_array_size(value) > 0 ? "\n]" : "]", out) != EOF;
    }
    return ok && fputs("\n}\n", out) != EOF;
}

ck_error snapshot_write(const char *path, const snapshot *s, ck_diag *diag)
{
    json_t *root = json_object();
    json_t *figures = json_array();
    json_t *restated = json_array();
    if (root == NULL || figures == NULL || restated == NULL) {
        json_decref(root);
        json_decref(figures);
        json_decref(restated);
        return CK_ERR_NOMEM;
    }
    json_object_set_new(root, "snapshot", json_integer(SNAPSHOT_VERSION));
    json_object_set_new(root, "database", json_string(s->database));
    json_object_set_new(root, "period_start", json_string(s->period_start));
    json_object_set_new(root, "period_end", json_string(s->period_end));
    json_object_set_new(root, "data_cutoff", text_or_null(s->data_cutoff));
    json_object_set_new(root, "settings", json_string(s->settings));
    for (size_t i = 0; i < s->figure_count; i++) {
        const snapshot_figure *f = &s->figures[i];
        json_array_append_new(
            figures, json_pack("[s s s o]", f->scope, f->name, f->key, text_or_null(f->value)));
    }
    for (size_t i = 0; i < s->restated_count; i++) {
        const report_restated *r = &s->restated[i];
        json_array_append_new(restated,
                              json_pack("[s s s s s s s]", r->scope, r->name, r->key, r->old_value,
                                        r->new_value, r->old_cutoff, r->new_cutoff));
    }
    json_object_set_new(root, "figures", figures);
    json_object_set_new(root, "restated", restated);
    atomic_file file;
    ck_diag file_diag = {{0}};
    ck_error err = atomic_file_open(&file, path, &file_diag);
    if (err == CK_OK) {
        err = put_snapshot(file.stream, root) ? CK_OK : CK_ERR_IO;
        if (err == CK_OK)
            err = atomic_file_commit(&file, &file_diag);
        else
            ck_diag_set(&file_diag, "%s", strerror(errno));
        atomic_file_abort(&file);
    }
    if (err != CK_OK)
        ck_diag_set(diag, "cannot write '%s': %s", path, file_diag.text);
    json_decref(root);
    return err;
}

static char *json_text(json_t *value)
{
    return json_is_string(value) ? strdup(json_string_value(value)) : NULL;
}

ck_error snapshot_read(const char *path, snapshot *out, bool *found, ck_diag *diag)
{
    memset(out, 0, sizeof *out);
    *found = false;
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        if (errno == ENOENT)
            return CK_OK;
        ck_diag_set(diag, "%s", strerror(errno));
        return CK_ERR_IO;
    }
    json_error_t error;
    json_t *root = json_loadf(in, 0, &error);
    fclose(in);
    json_t *figures = json_object_get(root, "figures");
    json_t *restated = json_object_get(root, "restated");
    if (root == NULL || json_integer_value(json_object_get(root, "snapshot")) != SNAPSHOT_VERSION ||
        !json_is_string(json_object_get(root, "period_start")) ||
        !json_is_string(json_object_get(root, "period_end")) ||
        !json_is_string(json_object_get(root, "settings")) ||
        !json_is_string(json_object_get(root, "database")) || !json_is_array(figures) ||
        !json_is_array(restated)) {
        ck_diag_set(diag, "not a collectkpi snapshot%s%s", root ? "" : ": ",
                    root ? "" : error.text);
        json_decref(root);
        return CK_ERR_DATA;
    }
    *found = true;
    out->period_start = json_text(json_object_get(root, "period_start"));
    out->period_end = json_text(json_object_get(root, "period_end"));
    out->data_cutoff = json_text(json_object_get(root, "data_cutoff"));
    out->settings = json_text(json_object_get(root, "settings"));
    out->database = json_text(json_object_get(root, "database"));
    figure_list list = {out, 0};
    ck_error err = CK_OK;
    size_t i;
    json_t *item;
    json_array_foreach(figures, i, item)
    {
        if (err != CK_OK)
            break;
        const char *scope, *name, *key;
        json_t *value;
        if (json_unpack(item, "[s s s o]", &scope, &name, &key, &value) != 0 ||
            !(json_is_string(value) || json_is_null(value))) {
            ck_diag_set(diag, "figure %zu is not [scope, name, key, value]", i + 1);
            err = CK_ERR_DATA;
            break;
        }
        err = add_figure(&list, scope, name, key, json_string_value(value));
    }
    size_t capacity = 0;
    json_array_foreach(restated, i, item)
    {
        if (err != CK_OK)
            break;
        const char *t[7];
        if (json_unpack(item, "[s s s s s s s]", &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6]) !=
            0) {
            ck_diag_set(diag, "restated line %zu is not 7 texts", i + 1);
            err = CK_ERR_DATA;
            break;
        }
        if (!VEC_RESERVE(out->restated, capacity, out->restated_count + 1)) {
            err = CK_ERR_NOMEM;
            break;
        }
        report_restated *r = &out->restated[out->restated_count++];
        r->scope = strdup(t[0]);
        r->name = strdup(t[1]);
        r->key = strdup(t[2]);
        r->old_value = strdup(t[3]);
        r->new_value = strdup(t[4]);
        r->old_cutoff = strdup(t[5]);
        r->new_cutoff = strdup(t[6]);
        if (!r->scope || !r->name || !r->key || !r->old_value || !r->new_value || !r->old_cutoff ||
            !r->new_cutoff)
            err = CK_ERR_NOMEM;
    }
    json_decref(root);
    if (err == CK_OK &&
        (!out->period_start || !out->period_end || !out->settings || !out->database))
        err = CK_ERR_NOMEM;
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    if (err != CK_OK)
        snapshot_free(out);
    return err;
}

/* ---- comparing ---- */

static int scope_rank(const char *scope)
{
    return strcmp(scope, "total") == 0 ? 0 : strcmp(scope, "team") == 0 ? 1 : 2;
}

static size_t key_rank(const char *key)
{
    const kpi_column *column = kpi_column_find(key);
    return column != NULL ? (size_t)(column - kpi_columns) : kpi_column_count;
}

static int compare_figure(const void *a, const void *b)
{
    const snapshot_figure *x = *(const snapshot_figure *const *)a;
    const snapshot_figure *y = *(const snapshot_figure *const *)b;
    int c = scope_rank(x->scope) - scope_rank(y->scope);
    if (c == 0)
        c = strcmp(x->name, y->name);
    if (c == 0) {
        size_t kx = key_rank(x->key), ky = key_rank(y->key);
        c = kx != ky ? (kx < ky ? -1 : 1) : strcmp(x->key, y->key);
    }
    return c;
}

static const snapshot_figure **sorted_figures(const snapshot *s)
{
    const snapshot_figure **list = malloc((s->figure_count + 1) * sizeof *list);
    if (list == NULL)
        return NULL;
    for (size_t i = 0; i < s->figure_count; i++)
        list[i] = &s->figures[i];
    if (s->figure_count > 0)
        qsort(list, s->figure_count, sizeof *list, compare_figure);
    return list;
}

static ck_error add_change(report_restated **out, size_t *count, size_t *capacity,
                           const snapshot_figure *f, const char *old_value, const char *new_value,
                           const snapshot *before, const snapshot *now)
{
    if (!VEC_RESERVE(*out, *capacity, *count + 1))
        return CK_ERR_NOMEM;
    report_restated *r = &(*out)[(*count)++];
    r->scope = strdup(f->scope);
    r->name = strdup(f->name);
    r->key = strdup(f->key);
    r->old_value = strdup(old_value);
    r->new_value = strdup(new_value);
    r->old_cutoff = strdup(before->data_cutoff ? before->data_cutoff : "");
    r->new_cutoff = strdup(now->data_cutoff ? now->data_cutoff : "");
    return r->scope && r->name && r->key && r->old_value && r->new_value && r->old_cutoff &&
                   r->new_cutoff
               ? CK_OK
               : CK_ERR_NOMEM;
}

bool snapshot_same_basis(const snapshot *a, const snapshot *b)
{
    return strcmp(a->period_start, b->period_start) == 0 &&
           strcmp(a->period_end, b->period_end) == 0 && strcmp(a->settings, b->settings) == 0 &&
           strcmp(a->database, b->database) == 0;
}

ck_error snapshot_diff(const snapshot *before, const snapshot *now, report_restated **out,
                       size_t *count)
{
    const snapshot_figure **a = sorted_figures(before), **b = sorted_figures(now);
    size_t i = 0, j = 0, capacity = 0;
    ck_error err = a && b ? CK_OK : CK_ERR_NOMEM;
    *out = NULL;
    *count = 0;
    /* a merge of the two sorted lists: a figure only in one of them is "-" in the other */
    while (err == CK_OK && (i < before->figure_count || j < now->figure_count)) {
        int c = i == before->figure_count ? 1
                : j == now->figure_count  ? -1
                                          : compare_figure(&a[i], &b[j]);
        if (c < 0) {
            err = add_change(out, count, &capacity, a[i], a[i]->value ? a[i]->value : "", "-",
                             before, now);
            i++;
        } else if (c > 0) {
            err = add_change(out, count, &capacity, b[j], "-", b[j]->value ? b[j]->value : "",
                             before, now);
            j++;
        } else {
            const char *x = a[i]->value ? a[i]->value : "", *y = b[j]->value ? b[j]->value : "";
            if (strcmp(x, y) != 0)
                err = add_change(out, count, &capacity, b[j], x, y, before, now);
            i++;
            j++;
        }
    }
    free(a);
    free(b);
    if (err != CK_OK) {
        report_restated_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    return err;
}

static bool same_figure(const report_restated *x, const report_restated *y)
{
    return strcmp(x->scope, y->scope) == 0 && strcmp(x->name, y->name) == 0 &&
           strcmp(x->key, y->key) == 0;
}

static ck_error replace(char **field, const char *text)
{
    char *copy = strdup(text);
    if (copy == NULL)
        return CK_ERR_NOMEM;
    free(*field);
    *field = copy;
    return CK_OK;
}

ck_error snapshot_restate(const snapshot *before, snapshot *now)
{
    report_restated *changes = NULL;
    size_t change_count = 0, capacity = 0, count = 0;
    report_restated *list = NULL;
    ck_error err = snapshot_diff(before, now, &changes, &change_count);
    /* before's restatements first, in their order, then the new ones */
    for (size_t i = 0; i < before->restated_count && err == CK_OK; i++) {
        const report_restated *c = &before->restated[i];
        if (!VEC_RESERVE(list, capacity, count + 1)) {
            err = CK_ERR_NOMEM;
            break;
        }
        report_restated *r = &list[count++];
        memset(r, 0, sizeof *r);
        if ((err = replace(&r->scope, c->scope)) != CK_OK ||
            (err = replace(&r->name, c->name)) != CK_OK ||
            (err = replace(&r->key, c->key)) != CK_OK ||
            (err = replace(&r->old_value, c->old_value)) != CK_OK ||
            (err = replace(&r->new_value, c->new_value)) != CK_OK ||
            (err = replace(&r->old_cutoff, c->old_cutoff)) != CK_OK ||
            (err = replace(&r->new_cutoff, c->new_cutoff)) != CK_OK)
            break;
    }
    size_t carried = count;
    for (size_t i = 0; i < change_count && err == CK_OK; i++) {
        report_restated *d = &changes[i];
        size_t k = 0;
        while (k < carried && !same_figure(&list[k], d))
            k++;
        if (k < carried) {
            /* restated again: from the value first sent out to the newest */
            if ((err = replace(&list[k].new_value, d->new_value)) == CK_OK)
                err = replace(&list[k].new_cutoff, d->new_cutoff);
            continue;
        }
        if (!VEC_RESERVE(list, capacity, count + 1)) {
            err = CK_ERR_NOMEM;
            break;
        }
        list[count++] = *d;
        memset(d, 0, sizeof *d); /* moved */
    }
    /* a figure back where it was sent out is no longer restated */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (err == CK_OK && strcmp(list[i].old_value, list[i].new_value) != 0) {
            list[kept++] = list[i];
            continue;
        }
        free(list[i].scope);
        free(list[i].name);
        free(list[i].key);
        free(list[i].old_value);
        free(list[i].new_value);
        free(list[i].old_cutoff);
        free(list[i].new_cutoff);
    }
    report_restated_free(changes, change_count);
    if (err != CK_OK) {
        free(list);
        return err;
    }
    report_restated_free(now->restated, now->restated_count);
    now->restated = list;
    now->restated_count = kept;
    return CK_OK;
}

/* ---- `collectkpi diff` ---- */

static void csv_field(FILE *out, const char *text, bool first)
{
    static const out_text_options guarded = {.raw = false};
    out_text_csv_field(out, text, first, true, &guarded);
}

ck_error snapshot_write_diff(FILE *out, const snapshot *before, const snapshot *now,
                             const report_restated *changes, size_t count, int format,
                             ck_diag *diag)
{
    if (format == OUT_TEXT_JSON) {
        json_t *array = json_array();
        for (size_t i = 0; i < count; i++) {
            const report_restated *r = &changes[i];
            json_array_append_new(array,
                                  json_pack("{s s s s s s s s s s s s s s}", "scope", r->scope,
                                            "name", r->name, "figure", r->key, "old", r->old_value,
                                            "new", r->new_value, "old_cutoff", r->old_cutoff,
                                            "new_cutoff", r->new_cutoff));
        }
        return out_json_finish(array, out, 0, CK_OK, diag);
    }
    if (format == OUT_TEXT_CSV) {
        static const char *const header[] = {"scope", "name",       "figure",    "old",
                                             "new",   "old_cutoff", "new_cutoff"};
        for (size_t c = 0; c < 7; c++)
            csv_field(out, header[c], c == 0);
        fputs("\r\n", out);
        for (size_t i = 0; i < count; i++) {
            const report_restated *r = &changes[i];
            const char *fields[] = {r->scope,     r->name,       r->key,       r->old_value,
                                    r->new_value, r->old_cutoff, r->new_cutoff};
            for (size_t c = 0; c < 7; c++)
                csv_field(out, fields[c], c == 0);
            fputs("\r\n", out);
        }
    } else {
        fprintf(out, "old: %s .. %s, data cut-off %s\nnew: %s .. %s, data cut-off %s\n",
                before->period_start, before->period_end,
                before->data_cutoff ? before->data_cutoff : "(none)", now->period_start,
                now->period_end, now->data_cutoff ? now->data_cutoff : "(none)");
        if (!snapshot_same_basis(before, now))
            fprintf(out, "(other database, period or settings: old %s '%s', new %s '%s')\n",
                    before->database, before->settings, now->database, now->settings);
        fprintf(out, "%zu figure%s differ%s\n", count, count == 1 ? "" : "s",
                count == 1 ? "s" : "");
        for (size_t i = 0; i < count; i++) {
            const report_restated *r = &changes[i];
            fprintf(out, "  %-5s ", r->scope);
            out_put_padded(out, r->name, 14, false); /* a Chinese team name counts double */
            fprintf(out, " %-26s %16s -> %s\n", r->key, r->old_value[0] ? r->old_value : "(empty)",
                    r->new_value[0] ? r->new_value : "(empty)");
        }
    }
    if (ferror(out)) {
        ck_diag_set(diag, "cannot write the differences");
        return CK_ERR_IO;
    }
    return CK_OK;
}
