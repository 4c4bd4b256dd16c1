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
