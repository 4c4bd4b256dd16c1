/* input_file.c - the header of each file of an import (see input_file.h): reading it,
 * checking its columns against the contract's table, and whether a table's files agree on
 * it. Part of the import, apart from the run itself (csv_import.c), which needs of the
 * header only the mapping from the contract's columns to the fields of a record. */
#include "input_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The file whose header is being read. */
typedef struct header_reading {
    input_file *file;
    size_t index;
    bool header_seen;
    input_file_problem_fn problem;
    void *ctx;
} header_reading;

static void header_problem(header_reading *hr, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void header_problem(header_reading *hr, const char *fmt, ...)
{
    char text[1024];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    hr->problem(hr->ctx, hr->index, 1, text);
}

static void column_list(rules_table table, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t c = 0; c < schema_tables[table].column_count && o < size; c++)
        o += (size_t)snprintf(out + o, size - o, "%s%s", c ? ", " : "",
                              schema_tables[table].columns[c].name);
}

static ck_error on_header(void *ctx, const csv_record *rec)
{
    header_reading *hr = ctx;
    input_file *f = hr->file;
    const schema_table *info = &schema_tables[f->table];
    char columns[400], quoted[RULES_QUOTED_SIZE];
    column_list(f->table, columns, sizeof columns);
    hr->header_seen = true;
    f->field_count = rec->count;
    f->names = calloc(rec->count, sizeof *f->names);
    if (f->names == NULL)
        return CK_ERR_NOMEM;
    for (size_t c = 0; c < SCHEMA_MAX_COLUMNS; c++)
        f->field_of_column[c] = -1;
    for (size_t i = 0; i < rec->count; i++) {
        const char *name = rec->text[i] != NULL ? rec->text[i] : "";
        if ((f->names[i] = strdup(name)) == NULL)
            return CK_ERR_NOMEM;
        int c = rules_column_find(f->table, name, rec->len[i]);
        rules_quote_value(name, rec->len[i], quoted);
        if (c < 0)
            header_problem(hr, "unknown column %s (%s has: %s)", quoted, info->name, columns);
        else if (f->field_of_column[c] >= 0)
            header_problem(hr, "column %s appears twice in the header", quoted);
        else
            f->field_of_column[c] = (int)i;
    }
    for (size_t c = 0; c < info->column_count; c++)
        if (f->field_of_column[c] < 0 && !info->columns[c].nullable &&
            info->columns[c].default_text == NULL)
            header_problem(hr, "the header lacks the column %s (%s needs: %s)",
                           info->columns[c].name, info->name, columns);
    return CK_OK;
}

static ck_error contract_header(input_file *f)
{
    const schema_table *info = &schema_tables[f->table];
    f->names = calloc(info->column_count, sizeof *f->names);
    if (f->names == NULL)
        return CK_ERR_NOMEM;
    f->field_count = info->column_count;
    for (size_t c = 0; c < info->column_count; c++) {
        f->field_of_column[c] = (int)c;
        if ((f->names[c] = strdup(info->columns[c].name)) == NULL)
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

ck_error input_file_read_headers(input_file *files, size_t count, csv_encoding encoding,
                                 input_file_problem_fn problem, void *ctx, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (size_t i = 0; i < count && err == CK_OK; i++) {
        header_reading hr = {.file = &files[i], .index = i, .problem = problem, .ctx = ctx};
        FILE *in = fopen(files[i].path, "rb");
        if (in == NULL) {
            ck_diag_set(diag, "cannot read '%s': %s", files[i].path, strerror(errno));
            return errno == ENOENT ? CK_ERR_NOT_FOUND : CK_ERR_IO;
        }
        /* each file is read more than once (headers first, rows, rejects): a pipe would
         * lose what the first reading took */
        struct stat st;
        if (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
            fclose(in);
            ck_diag_set(diag, "'%s' is not a regular file (import reads files, not pipes)",
                        files[i].path);
            return CK_ERR_USAGE;
        }
        csv_reader_options ro = {
            .encoding = encoding, .max_records = 1, .record = on_header, .ctx = &hr};
        long bad_line;
        ck_diag why = {{0}};
        err = csv_reader_run(in, &ro, &bad_line, &why);
        fclose(in);
        if (err == CK_ERR_DATA) {
            problem(ctx, i, bad_line, why.text);
            err = CK_OK;
        } else if (err != CK_OK) {
            ck_diag_set(diag, "%s: %s", files[i].path, why.text[0] ? why.text : ck_strerror(err));
        } else if (!hr.header_seen) {
            /* A file with nothing in it at all holds no rows (the sqlite3 shell exports an
             * empty table so): read as if it had the contract's header. */
            err = contract_header(&files[i]);
        }
    }
    return err;
}

void input_file_set_remap(input_file *files, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const input_file *f = &files[i];
        bool same = true;
        for (size_t j = 0; j < count; j++) {
            const input_file *g = &files[j];
            if (g->table != f->table)
                continue;
            same &= g->field_count == f->field_count;
            for (size_t k = 0; same && k < f->field_count; k++)
                same &= strcmp(g->names[k], f->names[k]) == 0;
        }
        files[i].remap = !same;
    }
}

void input_file_free_headers(input_file *files, size_t count)
{
    for (size_t i = 0; files != NULL && i < count; i++) {
        for (size_t k = 0; files[i].names != NULL && k < files[i].field_count; k++)
            free(files[i].names[k]);
        free(files[i].names);
    }
}
