/* db.h - opening case databases and checking they follow the contract.
 *
 * Reading commands open read-only and never create a file; init creates the schema that is
 * embedded from sql/schema.sql at build time.
 */
#ifndef COLLECTKPI_DB_H
#define COLLECTKPI_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"
#include "collectkpi/schema.h"

/* The embedded sql/schema.sql and sql/indexes.sql texts. */
extern const char db_schema_sql[];
extern const char db_indexes_sql[];

/* Opens an existing database read-only and checks every contract table and column is
 * there: CK_ERR_IO when the file is missing (nothing is created), CK_ERR_DB when it is not
 * SQLite, CK_ERR_SCHEMA naming the first missing table or column. */
ck_error db_open_readonly(const char *path, sqlite3 **out, ck_diag *diag);

/* Opens an existing contract database for writing (import). */
ck_error db_open_readwrite(const char *path, sqlite3 **out, ck_diag *diag);

/* As db_open_readonly and db_open_readwrite, and: both wait up to busy_timeout_ms for
 * another program's lock (set before the first read: the schema check waits too; the two
 * above wait SETTINGS_BUSY_TIMEOUT_MS_DEFAULT); a hot journal (a writer killed before it finished)
 * is rolled back, opening the file read-write just for that, which restores the bytes the database
 * had before that write, and *rolled_back says so (for the one-line note). A reading handle reads
 * one snapshot: its queries run in one read transaction, ended by sqlite3_close. */
ck_error db_open_reading(const char *path, int busy_timeout_ms, sqlite3 **out, bool *rolled_back,
                         ck_diag *diag);
ck_error db_open_writing(const char *path, int busy_timeout_ms, sqlite3 **out, bool *rolled_back,
                         ck_diag *diag);

/* Closes a handle of db_open_reading (NULL is fine). A read-only open of a WAL database
 * in a writable folder makes empty -wal and -shm files that SQLite leaves behind; they are
 * removed here unless another program's connection still uses them. */
void db_close(sqlite3 *db);

/* Creates a new database file with the schema and indexes; CK_ERR_EXISTS when the path
 * exists already. Waits SETTINGS_BUSY_TIMEOUT_MS_DEFAULT for a lock, like every open. */
ck_error db_create(const char *path, bool with_indexes, sqlite3 **out, ck_diag *diag);

/* Makes every statement of db stop with SQLITE_INTERRUPT ("interrupted") once SIGINT or
 * SIGTERM arrived (interrupt.h); every db_open_* handle has it already. */
void db_stop_on_interrupt(sqlite3 *db);

/* Whether db is a file in one of SQLite's rollback-journal modes: then a connection opened on
 * the same file reads exactly what db reads while db holds a read transaction (no writer can
 * change the file under its SHARED lock). Not in WAL mode (another connection could see a later
 * commit; this SQLite cannot pin a snapshot), nor in memory, nor when the mode cannot be read. */
bool db_is_rollback_file(sqlite3 *db);

/* A read-only connection of path for one thread of a run that reads beside the calling
 * thread (path: sqlite3_db_filename of the run's connection): no mutex (one thread uses it), no
 * busy timeout (waiting could deadlock against the run's own lock; the caller reads the share
 * of a thread that could not on its own connection), SQLite's default 2 MiB page cache (such
 * reads are scans that meet each leaf page once), stopped by Ctrl-C like every other. NULL
 * when it cannot be opened. */
sqlite3 *db_open_for_thread(const char *path);

/* Runs a multi-statement script of the project's own (the embedded schema). */
ck_error db_exec_script(sqlite3 *db, const char *sql, ck_diag *diag);

/* Calls found(ctx, table, column) for each index of sql/indexes.sql that the database lacks
 * (matched by table and leading column, whatever its name). */
ck_error db_missing_indexes(sqlite3 *db,
                            void (*found)(void *ctx, const char *table, const char *column),
                            void *ctx, ck_diag *diag);

/* *is_view says whether the contract table `table` is a view in db (a mapping of another
 * platform's schema, which reading commands read like a table and import cannot write). */
ck_error db_is_view(sqlite3 *db, const char *table, bool *is_view, ck_diag *diag);

/* Row counts of the contract tables, in schema_tables order. */
ck_error db_table_counts(sqlite3 *db, int64_t counts[SCHEMA_TABLE_COUNT], ck_diag *diag);

/* The same counts on another thread (db_counts.c): the count of the largest table reads its
 * whole b-tree, about a second at the large size, which the caller spends on other work
 * meanwhile. start never fails: when no thread may count (on_thread false: --jobs 1) or can
 * (a database without a file, no thread to be had), or the thread cannot read (a writer
 * waiting for its lock), finish counts on db itself, and a real failure is then its own. finish
 * waits for the thread, gives the counts or the error, and frees the job; with NULL counts it only
 * waits and frees. */
typedef struct db_counts_job db_counts_job;
db_counts_job *db_table_counts_start(sqlite3 *db, bool on_thread);
ck_error db_table_counts_finish(sqlite3 *db, db_counts_job *job, int64_t counts[SCHEMA_TABLE_COUNT],
                                ck_diag *diag);

/* Prepares one statement, with the SQLite message in diag on failure. */
ck_error db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, ck_diag *diag);

/* One bound parameter of db_each_row: an integer or a text (never spliced into the SQL). */
typedef struct db_param {
    enum { DB_PARAM_INT, DB_PARAM_TEXT, DB_PARAM_NULL } kind;
    int64_t integer;
    const char *text;
} db_param;
#define DB_INT(v)  ((db_param){DB_PARAM_INT, (v), NULL})
#define DB_TEXT(v) ((db_param){DB_PARAM_TEXT, 0, (v)})

/* The one "prepare, bind, step each row, finalize" loop: runs sql with params bound to ?1..?n
 * (texts are not copied: they must live until db_each_row returns) and calls
 * row(ctx, stmt, &stop, diag) for each result row. A row callback's error stops the loop and
 * is returned; setting *stop ends it early without one (the rest is not computed). The
 * statement is always finalized. No allocation per row. */
typedef ck_error (*db_row_fn)(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag);
ck_error db_each_row(sqlite3 *db, const char *sql, const db_param *params, size_t param_count,
                     db_row_fn row, void *ctx, ck_diag *diag);

/* The storage class the contract wants for each result column of a statement over one
 * table, by the column's name (schema.h): INTEGER for ids, references, counts and money,
 * TEXT for the rest, NULL only where the column may be NULL. A BLOB timestamp or a TEXT
 * amount would otherwise be misread (as garbage, as 0); SQLite's declared types do not
 * stop them (a view, or a table made without the contract's CHECKs). Computed columns
 * (sum(), comparisons) have no schema name and are not checked. */
typedef struct db_row_types {
    schema_table_id table;
    int count;
    int want[SCHEMA_MAX_COLUMNS]; /* SQLITE_INTEGER, SQLITE_TEXT, or 0: not checked */
    bool nullable[SCHEMA_MAX_COLUMNS];
    bool ready; /* filled from a statement (db_row_types_init) */
} db_row_types;

void db_row_types_init(db_row_types *types, sqlite3_stmt *stmt, schema_table_id table);

/* CK_ERR_DATA naming table, row id and column when a checked column of the current row has
 * another storage class. */
ck_error db_row_types_check(const db_row_types *types, sqlite3_stmt *stmt, int64_t id,
                            ck_diag *diag);

/* The current row's first count columns as values, each taken once, and checked as
 * db_row_types_check does (types is filled from the statement when not ready yet; id_col is the
 * column holding the row's id, for the message). For the largest reads: every later read of a
 * column (sqlite3_value_int64, _text, _bytes) goes to the value, without the statement's own
 * call overhead. The values are SQLite's unprotected ones: only for a connection that one
 * thread uses, and only until the next step. */
ck_error db_row_values(db_row_types *types, sqlite3_stmt *stmt, int id_col, int count,
                       sqlite3_value **values, ck_diag *diag);

/* As db_each_row over one table, and every row's types are checked (db_row_types) before
 * row() sees it; id_col is the result column holding the row's id, for the message. The
 * check costs a few comparisons per row: no query of its own. */
ck_error db_each_checked_row(sqlite3 *db, schema_table_id table, int id_col, const char *sql,
                             const db_param *params, size_t param_count, db_row_fn row, void *ctx,
                             ck_diag *diag);

#endif
