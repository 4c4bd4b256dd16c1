/* db_step.c - the one prepare/bind/step/finalize loop (see db.h). */
#include "collectkpi/db.h"

ck_error db_each_row(sqlite3 *db, const char *sql, const db_param *params, size_t param_count,
                     db_row_fn row, void *ctx, ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    for (size_t i = 0; i < param_count; i++) {
        int at = (int)i + 1, rc;
        switch (params[i].kind) {
        case DB_PARAM_INT: rc = sqlite3_bind_int64(stmt, at, params[i].integer); break;
        case DB_PARAM_TEXT:
            rc = sqlite3_bind_text(stmt, at, params[i].text, -1, SQLITE_STATIC);
            break;
        default: rc = sqlite3_bind_null(stmt, at); break;
        }
        if (rc != SQLITE_OK) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            err = CK_ERR_DB;
            goto done;
        }
    }
    int rc;
    bool stop = false;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        err = row(ctx, stmt, &stop, diag);
        if (err != CK_OK || stop)
            goto done;
    }
    if (rc != SQLITE_DONE) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        err = CK_ERR_DB;
    }
done:
    sqlite3_finalize(stmt);
    return err;
}

void db_row_types_init(db_row_types *types, sqlite3_stmt *stmt, schema_table_id table)
{
    types->table = table;
    types->count = sqlite3_column_count(stmt);
    if (types->count > SCHEMA_MAX_COLUMNS)
        types->count = SCHEMA_MAX_COLUMNS;
    for (int c = 0; c < types->count; c++) {
        int found = table == SCHEMA_TABLE_COUNT
                        ? -1
                        : schema_column_find(table, sqlite3_column_name(stmt, c));
        types->want[c] = 0;
        types->nullable[c] = true;
        if (found < 0)
            continue;
        const schema_column *col = &schema_tables[table].columns[found];
        types->want[c] = schema_type_is_integer(col->type) ? SQLITE_INTEGER : SQLITE_TEXT;
        types->nullable[c] = col->nullable;
    }
    types->ready = true;
}

static const char *storage_name(int type)
{
    switch (type) {
    case SQLITE_INTEGER: return "INTEGER";
    case SQLITE_FLOAT: return "REAL";
    case SQLITE_TEXT: return "TEXT";
    case SQLITE_BLOB: return "BLOB";
    default: return "NULL";
    }
}

/* Whether a value of storage class got may stand in column c. */
static bool type_fits(const db_row_types *types, int c, int got)
{
    return types->want[c] == 0 || got == types->want[c] ||
           (got == SQLITE_NULL && types->nullable[c]);
}

ck_error db_row_types_check(const db_row_types *types, sqlite3_stmt *stmt, int64_t id,
                            ck_diag *diag)
{
    for (int c = 0; c < types->count; c++) {
        int got = sqlite3_column_type(stmt, c);
        if (type_fits(types, c, got))
            continue;
        ck_diag_set(diag,
                    "%s row %lld: column %s is stored as %s, not %s; run 'collectkpi check' on "
                    "the database",
                    schema_tables[types->table].name, (long long)id, sqlite3_column_name(stmt, c),
                    storage_name(got), storage_name(types->want[c]));
        return CK_ERR_DATA;
    }
    return CK_OK;
}

ck_error db_row_values(db_row_types *types, sqlite3_stmt *stmt, int id_col, int count,
                       sqlite3_value **values, ck_diag *diag)
{
    if (!types->ready)
        db_row_types_init(types, stmt, types->table);
    for (int c = 0; c < count; c++)
        values[c] = sqlite3_column_value(stmt, c);
    for (int c = 0; c < types->count; c++) {
        int got = c < count ? sqlite3_value_type(values[c]) : sqlite3_column_type(stmt, c);
        if (!type_fits(types, c, got))
            /* names the column as every checked read does */
            return db_row_types_check(types, stmt, sqlite3_column_int64(stmt, id_col), diag);
    }
    return CK_OK;
}

typedef struct checked_rows {
    db_row_types types; /* filled from the statement's first row */
    int id_col;
    db_row_fn row;
    void *ctx;
} checked_rows;

static ck_error check_then_call(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    checked_rows *checked = ctx;
    const db_row_types *types = &checked->types;
    if (!types->ready)
        db_row_types_init(&checked->types, stmt, types->table);
    /* the check of db_row_types_check, which names the column, run only when one is wrong: the
     * row's id is read only then, and columns no contract type covers are not asked */
    for (int c = 0; c < types->count; c++) {
        if (types->want[c] == 0)
            continue;
        if (!type_fits(types, c, sqlite3_column_type(stmt, c)))
            return db_row_types_check(types, stmt, sqlite3_column_int64(stmt, checked->id_col),
                                      diag);
    }
    return checked->row(checked->ctx, stmt, stop, diag);
}

ck_error db_each_checked_row(sqlite3 *db, schema_table_id table, int id_col, const char *sql,
                             const db_param *params, size_t param_count, db_row_fn row, void *ctx,
                             ck_diag *diag)
{
    checked_rows checked = {.types = {.table = table}, .id_col = id_col, .row = row, .ctx = ctx};
    return db_each_row(db, sql, params, param_count, check_then_call, &checked, diag);
}
