/* bulkload.c - connection settings and index handling of a large load (see bulkload.h). */
#include "bulkload.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/vec.h"

/* Small loads keep their indexes: dropping them would not pay for the sort. */
#define BULK_MIN_ROWS 10000

/* The page cache of the load (see bulkload_begin) and of the index builds after it. */
#define LOAD_CACHE_SQL "PRAGMA cache_size = -16384"
#define SORT_CACHE_SQL "PRAGMA cache_size = -2048"

static int64_t pragma_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int64_t value = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

void bulkload_begin(bulkload *bl, sqlite3 *db)
{
    memset(bl, 0, sizeof *bl);
    bl->db = db;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &bl->foreign_keys);
    bl->cache_size = pragma_int(db, "PRAGMA cache_size");
    /* The rules module checks every CHECK constraint and reference of the schema (and more)
     * before a row is written; SQLite checking them again costs most of the time (an IN
     * list becomes a temporary b-tree per row). NOT NULL, UNIQUE and the primary key stay
     * SQLite's. */
    sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    sqlite3_exec(db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
    /* 16 MiB of page cache while the rows go in (the index builds after it take less, see
     * bulkload_restore_indexes). A larger load spills changed pages
     * into the file before the commit; the rollback journal holds what they replaced, so a
     * killed load is still undone (by the next connection that opens the file) and a failed
     * one by the rollback. */
    sqlite3_exec(db, LOAD_CACHE_SQL, NULL, NULL, NULL);
    bl->settings_changed = true;
}

/* Fills bl->index_sql with the table's own CREATE INDEX texts and names[] with their
 * names. */
static ck_error list_indexes(bulkload *bl, const char *table, char ***names, ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(bl->db,
                              "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                              "tbl_name = ?1 AND sql IS NOT NULL",
                              &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    size_t names_capacity = 0;
    while (err == CK_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        size_t n = bl->index_count;
        if (!VEC_RESERVE(bl->index_sql, bl->index_sql_capacity, n + 1) ||
            !VEC_RESERVE(*names, names_capacity, n + 1)) {
            err = CK_ERR_NOMEM;
            break;
        }
        (*names)[n] = strdup((const char *)sqlite3_column_text(stmt, 0));
        bl->index_sql[n] = strdup((const char *)sqlite3_column_text(stmt, 1));
        bl->index_count = n + 1;
        if ((*names)[n] == NULL || bl->index_sql[n] == NULL)
            err = CK_ERR_NOMEM;
    }
    sqlite3_finalize(stmt);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    return err;
}

ck_error bulkload_drop_indexes(bulkload *bl, const char *table, uint64_t incoming, ck_diag *diag)
{
    if (incoming < BULK_MIN_ROWS)
        return CK_OK;
    /* count at most `incoming` rows: a large table answers at once */
    char sql[200];
    sqlite3_stmt *stmt = NULL;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM \"%s\" LIMIT ?1)", table);
    ck_error err = db_prepare(bl->db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)incoming);
    bool small =
        sqlite3_step(stmt) == SQLITE_ROW && (uint64_t)sqlite3_column_int64(stmt, 0) < incoming;
    sqlite3_finalize(stmt);
    if (!small)
        return CK_OK;
    char **names = NULL;
    size_t first = bl->index_count;
    err = list_indexes(bl, table, &names, diag);
    for (size_t i = first; i < bl->index_count && err == CK_OK; i++) {
        /* the name comes from sqlite_master; %w quotes it as an identifier */
        char *drop = sqlite3_mprintf("DROP INDEX \"%w\"", names[i - first]);
        if (drop == NULL) {
            err = CK_ERR_NOMEM;
        } else if (sqlite3_exec(bl->db, drop, NULL, NULL, NULL) != SQLITE_OK) {
            ck_diag_set(diag, "dropping an index for the load: %s", sqlite3_errmsg(bl->db));
            err = CK_ERR_DB;
        }
        sqlite3_free(drop);
    }
    for (size_t i = first; i < bl->index_count && names != NULL; i++)
        free(names[i - first]);
    free(names);
    return err;
}

ck_error bulkload_restore_indexes(bulkload *bl, bool make, ck_diag *diag)
{
    ck_error err = CK_OK;
    /* SQLite's sorter may sort on a helper thread while it builds the indexes again: on two
     * cores, 3.1 million payments load in 7.9 s instead of 9.3 s. The sorter cuts the keys
     * into sorted runs the size of the page cache, one run per thread at a time: runs of
     * 2 MiB, which stay in the processor's caches, sort faster than runs of 16 MiB
     * (payments_by_case over 3.1 million payments: 2.7 s against 3.5 - 3.9 s, interleaved
     * runs of 2026-12-01) and the import's peak falls from 87 MiB to 50. */
    if (make) {
        sqlite3_exec(bl->db, "PRAGMA threads = 2", NULL, NULL, NULL);
        sqlite3_exec(bl->db, SORT_CACHE_SQL, NULL, NULL, NULL);
    }
    for (size_t i = 0; i < bl->index_count; i++) {
        if (make && err == CK_OK && bl->index_sql[i] != NULL &&
            sqlite3_exec(bl->db, bl->index_sql[i], NULL, NULL, NULL) != SQLITE_OK) {
            ck_diag_set(diag, "making an index again after the load: %s", sqlite3_errmsg(bl->db));
            err = CK_ERR_DB;
        }
        free(bl->index_sql[i]);
    }
    if (make) {
        sqlite3_exec(bl->db, "PRAGMA threads = 0", NULL, NULL, NULL);
        sqlite3_exec(bl->db, LOAD_CACHE_SQL, NULL, NULL,
                     NULL); /* for the rules over each case, next */
    }
    free(bl->index_sql);
    bl->index_sql = NULL;
    bl->index_sql_capacity = 0;
    bl->index_count = 0;
    return err;
}

void bulkload_end(bulkload *bl)
{
    bulkload_restore_indexes(bl, false, NULL);
    if (!bl->settings_changed)
        return;
    char sql[64];
    sqlite3_exec(bl->db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
    if (bl->foreign_keys)
        sqlite3_exec(bl->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %" PRId64, bl->cache_size);
    sqlite3_exec(bl->db, sql, NULL, NULL, NULL);
    bl->settings_changed = false;
}
