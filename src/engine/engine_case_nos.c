/* engine_case_nos.c - the case numbers the lists show (engine_data.h): looked up by case id
 * once the lists are known, never held for every case of a run. The lists' own strings are
 * kept in the result's text blocks (kpi_result_keep_text), which the result owns. */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "engine_data.h"

ck_error engine_load_case_nos(sqlite3 *db, const int64_t *case_ids, size_t count, char **out,
                              ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db, "SELECT case_no FROM cases WHERE case_id = ?1", &stmt, diag);
    for (size_t i = 0; i < count; i++)
        out[i] = NULL;
    db_row_types types;
    if (err == CK_OK)
        db_row_types_init(&types, stmt, SCHEMA_CASES);
    for (size_t i = 0; i < count && err == CK_OK; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, case_ids[i]);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW &&
            (err = db_row_types_check(&types, stmt, case_ids[i], diag)) != CK_OK)
            break;
        if (rc == SQLITE_ROW) {
            out[i] = engine_column_strdup(stmt, 0);
            if (out[i] == NULL)
                err = CK_ERR_NOMEM;
        } else if (rc != SQLITE_DONE) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            err = CK_ERR_DB;
        }
    }
    sqlite3_finalize(stmt);
    return err;
}

ck_error engine_keep_case_nos(sqlite3 *db, kpi_result *result, const int64_t *case_ids,
                              size_t count, const char **out, ck_diag *diag)
{
    char *loaded[ENGINE_CASE_NO_BATCH];
    ck_error err = CK_OK;
    for (size_t i = 0; i < count; i++)
        out[i] = NULL;
    for (size_t first = 0; err == CK_OK && first < count; first += ENGINE_CASE_NO_BATCH) {
        size_t n = count - first < ENGINE_CASE_NO_BATCH ? count - first : ENGINE_CASE_NO_BATCH;
        err = engine_load_case_nos(db, case_ids + first, n, loaded, diag);
        for (size_t i = 0; i < n; i++) {
            if (err == CK_OK && loaded[i] != NULL &&
                (out[first + i] = kpi_result_keep_text(result, loaded[i], strlen(loaded[i]))) ==
                    NULL)
                err = CK_ERR_NOMEM;
            free(loaded[i]);
        }
    }
    return err;
}
