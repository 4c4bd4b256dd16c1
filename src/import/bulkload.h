/* bulkload.h - how a large load into a case database is made fast and safe to kill.
 *
 * Two parts, both undone by the caller's end calls:
 *  - connection settings for the load: the caller's own validation replaces SQLite's
 *    per-row CHECK and foreign-key work; the page cache is bounded (16 MiB) so memory does
 *    not grow with the load, and a load larger than that spills pages into the file before
 *    the commit (the rollback journal undoes them if the load is killed or fails);
 *  - per table, when the rows to load outnumber the rows stored, the table's indexes are
 *    dropped inside the transaction and made again after the load by a sort, which is
 *    about twice as fast as maintaining them row by row.
 * Used by csv_import, the one writer of many rows into an existing database.
 */
#ifndef COLLECTKPI_BULKLOAD_H
#define COLLECTKPI_BULKLOAD_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"

typedef struct bulkload {
    sqlite3 *db;
    bool settings_changed;
    int foreign_keys;   /* the caller's setting */
    int64_t cache_size; /* the caller's setting */
    char **index_sql;   /* the CREATE INDEX texts of the dropped indexes */
    size_t index_count, index_sql_capacity;
} bulkload;

/* Changes the connection's settings for a load; call before BEGIN. */
void bulkload_begin(bulkload *bl, sqlite3 *db);

/* Drops the indexes of table (a contract table name) when about `incoming` rows are to be
 * loaded into it and it holds fewer; inside the caller's transaction. */
ck_error bulkload_drop_indexes(bulkload *bl, const char *table, uint64_t incoming, ck_diag *diag);

/* Makes the dropped indexes again (make) or just forgets them (the transaction is going to
 * be rolled back, which brings them back). */
ck_error bulkload_restore_indexes(bulkload *bl, bool make, ck_diag *diag);

/* Forgets dropped indexes and restores the connection's settings; after COMMIT/ROLLBACK. */
void bulkload_end(bulkload *bl);

#endif
