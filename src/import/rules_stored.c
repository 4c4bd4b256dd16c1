/* rules_stored.c - stored rows as the rules' state reads them: one row of rules_state_load's
 * query (rules_db.c) or of the two-thread scan of the cases (rules_cases_scan.c), and the
 * rowid span by which that scan cuts the table and rules_cases_to_look_up bounds its count.
 * Both callers read through here, so a stored case is parsed one way. */
#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/datetime.h"
#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "rules_private.h"

void rules_stored_row_from_stmt(sqlite3_stmt *stmt, rules_table t, bool with_codes, rules_row *row)
{
    int u = schema_tables[t].unique_column;
    row->table = t;
    row->v[0] = (rules_value){.num = sqlite3_column_int64(stmt, 0), .parsed = true, .ok = true};
    row->v[u] = (rules_value){.ok = false};
    if (with_codes && sqlite3_column_type(stmt, 1) == SQLITE_TEXT)
        row->v[u] = (rules_value){.text = (const char *)sqlite3_column_text(stmt, 1),
                                  .len = (size_t)sqlite3_column_bytes(stmt, 1),
                                  .parsed = true,
                                  .ok = true};
    if (t != RULES_CASES)
        return;
    rules_value *placed = &row->v[SCHEMA_CASE_PLACED_AT], *closed = &row->v[SCHEMA_CASE_CLOSED_AT];
    const char *text = (const char *)sqlite3_column_text(stmt, 2);
    *placed = (rules_value){.ok = false};
    placed->ok = text != NULL &&
                 datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, 2), &placed->num);
    text = (const char *)sqlite3_column_text(stmt, 3);
    *closed = (rules_value){.null = text == NULL, .ok = text == NULL};
    if (text != NULL)
        closed->ok = datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, 3), &closed->num);
}

ck_error rules_cases_rowid_span(sqlite3 *db, bool *by_rowid, bool *any, int64_t *first,
                                int64_t *last, ck_diag *diag)
{
    *by_rowid = *any = false;
    *first = *last = 0;
    /* A view (another platform's tables) has no rowids of its own (SQLite may give those of
     * a table under it, or NULL); a WITHOUT ROWID table none at all (the query fails). */
    bool is_view = true;
    ck_error err = db_is_view(db, "cases", &is_view, diag);
    if (err != CK_OK || is_view)
        return err;
    /* two lookups: min and max in one query would scan the table */
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT (SELECT min(rowid) FROM cases), (SELECT max(rowid) FROM cases)",
                           -1, &stmt, NULL) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return CK_OK;
    }
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *by_rowid = true;
        if (sqlite3_column_type(stmt, 0) == SQLITE_INTEGER) {
            *first = sqlite3_column_int64(stmt, 0);
            *last = sqlite3_column_int64(stmt, 1);
            *any = true;
        }
    } else {
        ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        err = CK_ERR_DB;
    }
    sqlite3_finalize(stmt);
    return err;
}
