/* row_batch.c - rows written many to one INSERT statement (see row_batch.h). */
#include "row_batch.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/schema.h"

/* Rows that go one by one after a refusal before a batch is tried again: a file loaded a
 * second time is refused batch after batch, and each refused statement is wasted work. */
#define SINGLE_ROWS_AFTER_REFUSAL 1024

void row_batch_bind(sqlite3_stmt *stmt, int first, const rules_row *row)
{
    const schema_table *info = &schema_tables[row->table];
    for (size_t c = 0; c < info->column_count; c++) {
        const rules_value *v = &row->v[c];
        int p = first + (int)c;
        if (v->null)
            sqlite3_bind_null(stmt, p);
        else if (schema_type_is_integer(info->columns[c].type))
            sqlite3_bind_int64(stmt, p, v->num);
        else
            sqlite3_bind_text(stmt, p, v->text, (int)v->len, SQLITE_STATIC);
    }
}

/* Whether writing a row into the table does more than append it: an index other than the
 * UNIQUE one of its code column (code: "" for none), which a batch would change at stored
 * pages, or a trigger (another tool's), whose RAISE(FAIL) would keep the rows a refused
 * batch wrote before it, so that the batch could not be written again row by row. */
static ck_error other_work(sqlite3 *db, const char *table, const char *code, bool *other,
                           ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db,
                              "SELECT count(*) FROM sqlite_master AS m WHERE m.tbl_name = ?1 "
                              "AND (m.type = 'trigger' OR (m.type = 'index' AND NOT ((SELECT "
                              "count(*) FROM pragma_index_info(m.name)) = 1 AND (SELECT name "
                              "FROM pragma_index_info(m.name)) IS ?2)))",
                              &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, code, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *other = sqlite3_column_int64(stmt, 0) > 0;
    } else {
        ck_diag_set(diag, "reading the indexes and triggers of %s: %s", table, sqlite3_errmsg(db));
        err = CK_ERR_DB;
    }
    sqlite3_finalize(stmt);
    return err;
}

/* The largest stored id and code: the end every waiting row must come after. */
static ck_error read_ends(row_batch *b, const schema_table *info, bool *usable, ck_diag *diag)
{
    char sql[200];
    sqlite3_stmt *stmt = NULL;
    const char *code = b->code_column >= 0 ? info->columns[b->code_column].name : "NULL";
    snprintf(sql, sizeof sql, "SELECT max(%s), max(%s) FROM %s", info->columns[0].name, code,
             info->name);
    ck_error err = db_prepare(b->db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        ck_diag_set(diag, "reading the last row of %s: %s", info->name, sqlite3_errmsg(b->db));
        err = CK_ERR_DB;
    } else {
        /* the types first: reading a value as another type changes what they say */
        int id_type = sqlite3_column_type(stmt, 0), code_type = sqlite3_column_type(stmt, 1);
        b->any_id = id_type != SQLITE_NULL;
        b->last_id = sqlite3_column_int64(stmt, 0);
        b->any_code = code_type != SQLITE_NULL;
        const unsigned char *text = sqlite3_column_text(stmt, 1);
        size_t len = (size_t)sqlite3_column_bytes(stmt, 1);
        if (b->any_code && code_type == SQLITE_TEXT && len <= sizeof b->last_code && text != NULL) {
            memcpy(b->last_code, text, len);
            b->last_code_len = len;
        } else if (b->any_code) {
            /* a code too long to follow, or stored as another type, which SQLite sorts
             * apart from the texts: where a new code goes is not known */
            *usable = false;
        }
        /* likewise an id stored as something else than an integer */
        if (b->any_id && id_type != SQLITE_INTEGER)
            *usable = false;
    }
    sqlite3_finalize(stmt);
    return err;
}

ck_error row_batch_prepare(row_batch *b, sqlite3 *db, rules_table table, ck_diag *diag)
{
    memset(b, 0, sizeof *b);
    b->db = db;
    const schema_table *info = &schema_tables[table];
    b->code_column = info->unique_column;
    bool other = false, usable = true;
    ck_error err =
        other_work(db, info->name, b->code_column >= 0 ? info->columns[b->code_column].name : "",
                   &other, diag);
    if (err == CK_OK && !other)
        err = read_ends(b, info, &usable, diag);
    if (err != CK_OK || other || !usable)
        return err; /* no statement: every row goes one by one */
    /* "INSERT OR ABORT INTO t (c1, c2) VALUES (?, ?), (?, ?), ...": the columns 20 bytes at
     * most each, a row's parameters 3 bytes each */
    size_t size = 64 + info->column_count * 24 + ROW_BATCH_ROWS * (info->column_count * 3 + 4);
    char *sql = malloc(size);
    if (sql == NULL) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    size_t o = (size_t)snprintf(sql, size, "INSERT OR ABORT INTO %s (", info->name);
    for (size_t c = 0; c < info->column_count && o < size; c++)
        o += (size_t)snprintf(sql + o, size - o, "%s%s", c ? ", " : "", info->columns[c].name);
    if (o < size)
        o += (size_t)snprintf(sql + o, size - o, ") VALUES ");
    for (size_t r = 0; r < ROW_BATCH_ROWS && o < size; r++)
        for (size_t c = 0; c < info->column_count && o < size; c++)
            o += (size_t)snprintf(sql + o, size - o, "%s%s%s",
                                  c   ? ", "
                                  : r ? ", ("
                                      : "(",
                                  "?", c + 1 == info->column_count ? ")" : "");
    if (o >= size) {
        ck_diag_set(diag, "the batch insert of %s does not fit its buffer", info->name);
        err = CK_ERR_PROGRAM;
    } else {
        /* OR ABORT as the single-row statement (csv_import_rows.c): a refusal undoes the whole
         * statement, never an ON CONFLICT of another tool's schema */
        err = db_prepare(db, sql, &b->insert, diag);
    }
    free(sql);
    return err;
}

/* Whether text comes after the last code (SQLite's BINARY order: bytes, then length). */
static bool after_last_code(const row_batch *b, const char *text, size_t len)
{
    if (!b->any_code)
        return true;
    size_t n = len < b->last_code_len ? len : b->last_code_len;
    int order = n > 0 ? memcmp(text, b->last_code, n) : 0;
    return order > 0 || (order == 0 && len > b->last_code_len);
}

bool row_batch_fits(const row_batch *b, const rules_row *row)
{
    if (b->insert == NULL || (b->any_id && row->v[0].num <= b->last_id))
        return false;
    if (b->code_column < 0)
        return true;
    const rules_value *code = &row->v[b->code_column];
    return !code->null && code->len <= sizeof b->last_code &&
           after_last_code(b, code->text, code->len);
}

void row_batch_note_written(row_batch *b, const rules_row *row)
{
    if (!b->any_id || row->v[0].num > b->last_id) {
        b->any_id = true;
        b->last_id = row->v[0].num;
    }
    if (b->code_column < 0 || b->insert == NULL)
        return;
    const rules_value *code = &row->v[b->code_column];
    if (code->null || !after_last_code(b, code->text, code->len))
        return;
    if (code->len > sizeof b->last_code) {
        sqlite3_finalize(b->insert); /* a code too long to follow: no more batches */
        b->insert = NULL;
        return;
    }
    memcpy(b->last_code, code->text, code->len);
    b->last_code_len = code->len;
    b->any_code = true;
}

/* Whether the rows go one by one for now: after a refusal, or with no batch statement. */
static bool one_by_one(const row_batch *b)
{
    return b->single_rows > 0 || b->insert == NULL;
}

bool row_batch_add(row_batch *b, const rules_row *row, const csv_record *record)
{
    assert(b->count < ROW_BATCH_ROWS && row_batch_fits(b, row));
    row_batch_note_written(b, row); /* the rows after it must come after it */
    b->entries[b->count++] = (row_batch_entry){.row = row, .record = *record};
    return b->count == ROW_BATCH_ROWS || one_by_one(b);
}

ck_error row_batch_write(row_batch *b, bool *written, ck_diag *diag)
{
    *written = false;
    if (b->count < ROW_BATCH_ROWS || one_by_one(b)) {
        b->single_rows -= b->single_rows < b->count ? b->single_rows : b->count;
        return CK_OK;
    }
    size_t columns = schema_tables[b->entries[0].row->table].column_count;
    for (size_t i = 0; i < b->count; i++)
        row_batch_bind(b->insert, 1 + (int)(i * columns), b->entries[i].row);
    int rc = sqlite3_step(b->insert);
    sqlite3_reset(b->insert);
    sqlite3_clear_bindings(b->insert); /* nothing points into the rows once they are gone */
    if (rc == SQLITE_DONE) {
        *written = true;
        return CK_OK;
    }
    if ((rc & 0xFF) == SQLITE_CONSTRAINT && !sqlite3_get_autocommit(b->db)) {
        b->single_rows = SINGLE_ROWS_AFTER_REFUSAL;
        return CK_OK;
    }
    ck_diag_set(diag, "writing a row: %s", sqlite3_errmsg(b->db));
    return CK_ERR_DB;
}

void row_batch_clear(row_batch *b)
{
    b->count = 0;
}

void row_batch_finalize(row_batch *b)
{
    sqlite3_finalize(b->insert);
    b->insert = NULL;
    b->count = 0;
    b->single_rows = 0;
}
