/* db.c - opening case databases and checking them against the contract's schema.
 *
 * Owns every sqlite3_open in the program. Reading commands get a read-only handle that can
 * never create the file; init gets a new file with the embedded schema.
 */
#include "collectkpi/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collectkpi/interrupt.h"
#include "collectkpi/schema.h"
#include "collectkpi/settings.h"
#include "db_wal.h"

ck_error db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, ck_diag *diag)
{
    if (sqlite3_prepare_v2(db, sql, -1, stmt, NULL) != SQLITE_OK) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        *stmt = NULL;
        return CK_ERR_DB;
    }
    return CK_OK;
}

/* Checks every contract table and column exists; the first query also proves the file is
 * a database at all. */
static ck_error check_schema(sqlite3 *db, ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = CK_OK;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &stmt, NULL) !=
        SQLITE_OK) {
        if (sqlite3_extended_errcode(db) == SQLITE_READONLY_ROLLBACK)
            ck_diag_set(diag,
                        "it has an unfinished write (an interrupted import?) that a read-only "
                        "open cannot roll back; open it once for writing, e.g. "
                        "sqlite3 FILE 'PRAGMA quick_check', then try again");
        else
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        return CK_ERR_DB;
    }
    _Static_assert(SCHEMA_MAX_COLUMNS <= 32, "found_mask has a bit per column");
    for (size_t t = 0; t < SCHEMA_TABLE_COUNT && err == CK_OK; t++) {
        const schema_table *table = &schema_tables[t];
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, table->name, -1, SQLITE_STATIC);
        unsigned found_mask = 0, column_count = 0;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(stmt, 0);
            column_count++;
            for (size_t c = 0; c < table->column_count; c++)
                if (name != NULL && strcmp(name, table->columns[c].name) == 0)
                    found_mask |= 1u << c;
        }
        if (rc != SQLITE_DONE) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            err = CK_ERR_DB;
        } else if (column_count == 0) {
            ck_diag_set(diag, "it has no table '%s' (not a collectkpi case database?)",
                        table->name);
            err = CK_ERR_SCHEMA;
        } else {
            for (size_t c = 0; c < table->column_count; c++)
                if (!(found_mask & (1u << c))) {
                    ck_diag_set(diag, "table '%s' has no column '%s'", table->name,
                                table->columns[c].name);
                    err = CK_ERR_SCHEMA;
                    break;
                }
        }
    }
    sqlite3_finalize(stmt);
    return err;
}

/* SQLite's progress handler: a non-zero return stops the running statement (SQLITE_INTERRUPT),
 * so Ctrl-C stops even a long scan within a fraction of a second. */
static int stop_when_interrupted(void *ctx)
{
    (void)ctx;
    return interrupt_requested();
}

void db_stop_on_interrupt(sqlite3 *db)
{
    sqlite3_progress_handler(db, 10000, stop_when_interrupted, NULL);
}

bool db_is_rollback_file(sqlite3 *db)
{
    const char *path = sqlite3_db_filename(db, "main");
    if (path == NULL || path[0] == '\0')
        return false;
    sqlite3_stmt *stmt = NULL;
    bool rollback_journal = false;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(stmt, 0);
        rollback_journal = mode != NULL && strcmp(mode, "wal") != 0;
    }
    sqlite3_finalize(stmt);
    return rollback_journal;
}

sqlite3 *db_open_for_thread(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    db_stop_on_interrupt(db);
    return db;
}

/* Opens path (which must exist and be a regular file) with flags and checks the schema;
 * uri, when not NULL, is the name handed to SQLite instead (a file: URI of path).
 * *code gets SQLite's extended code when the open or the schema check fails. */
static ck_error open_as(const char *path, const char *uri, int flags, int busy_timeout_ms,
                        sqlite3 **out, int *code, ck_diag *diag)
{
    struct stat st;
    sqlite3 *db = NULL;
    ck_error err = CK_OK;
    *out = NULL;
    *code = SQLITE_OK;
    /* SQLITE_OPEN_READONLY never creates, but say "no such file" plainly ourselves. */
    if (stat(path, &st) != 0) {
        ck_diag_set(diag, "no such file (make one with 'collectkpi init' or 'collectkpi demo')");
        return CK_ERR_NOT_FOUND;
    }
    if (!S_ISREG(st.st_mode)) {
        ck_diag_set(diag, "not a regular file");
        return CK_ERR_IO;
    }
    if (uri != NULL)
        flags |= SQLITE_OPEN_URI;
    if (sqlite3_open_v2(uri != NULL ? uri : path, &db, flags, NULL) != SQLITE_OK) {
        ck_diag_set(diag, "%s", db ? sqlite3_errmsg(db) : "out of memory");
        *code = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
        err = CK_ERR_DB;
        goto done;
    }
    sqlite3_extended_result_codes(db, 1);
    /* Before the first read: another program's write makes us wait, not fail at once. */
    sqlite3_busy_timeout(db, busy_timeout_ms);
    db_stop_on_interrupt(db);
    /* A larger page cache than the 2 MB default keeps the b-trees' inner pages of the engine's
     * range scans and lookups. 16 MiB: on the large database kpi takes the same CPU time for a
     * month, a quarter and twelve months as with 64 MiB, with 45 - 70 MiB less peak memory
     * (the scans read each leaf page once; the kernel's page cache keeps the file). */
    sqlite3_exec(db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
    err = check_schema(db, diag);
    if (err != CK_OK)
        *code = sqlite3_extended_errcode(db);
done:
    if (err != CK_OK) {
        /* a read-only open that stops here leaves no -wal/-shm behind either */
        if (db != NULL && (flags & SQLITE_OPEN_READONLY))
            db_close(db);
        else
            sqlite3_close(db);
        db = NULL;
    }
    *out = db;
    return err;
}

static ck_error open_existing(const char *path, int flags, int busy_timeout_ms, sqlite3 **out,
                              int *code, ck_diag *diag)
{
    return open_as(path, NULL, flags, busy_timeout_ms, out, code, diag);
}

/* A hot journal (a writer was killed before it finished) can only be rolled back by a
 * connection that may write: open read-write just for the first read, which restores the
 * database's earlier bytes, and close again. */
static ck_error roll_back_hot_journal(const char *path, int busy_timeout_ms, ck_diag *diag)
{
    sqlite3 *db = NULL;
    int code = SQLITE_OK;
    ck_error err = open_existing(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, busy_timeout_ms,
                                 &db, &code, diag);
    if (err == CK_ERR_DB && (code & 0xff) == SQLITE_READONLY)
        ck_diag_set(diag, "it has an unfinished write (an interrupted import?) that needs write "
                          "access to roll back; run any collectkpi command on it once as a user "
                          "who may write to the file and its folder");
    if (db != NULL && sqlite3_close(db) != SQLITE_OK && err == CK_OK) {
        ck_diag_set(diag, "cannot roll back its unfinished write");
        err = CK_ERR_DB;
    }
    return err;
}

ck_error db_open_reading(const char *path, int busy_timeout_ms, sqlite3 **out, bool *rolled_back,
                         ck_diag *diag)
{
    int code = SQLITE_OK;
    *rolled_back = false;
    /* Single-threaded: no SQLite mutexes (about a tenth of a full scan's time). */
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    db_read_plan plan;
    *out = NULL;
    if (db_wal_plan(path, &plan) != CK_OK) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    ck_error err = open_as(path, plan.uri, flags, busy_timeout_ms, out, &code, diag);
    if (err == CK_ERR_DB && plan.way == DB_READ_WAL_RO && (code & 0xff) == SQLITE_CANTOPEN)
        db_wal_unreadable(diag);
    db_wal_plan_free(&plan);
    if (err == CK_ERR_DB && code == SQLITE_READONLY_ROLLBACK) {
        err = roll_back_hot_journal(path, busy_timeout_ms, diag);
        if (err == CK_OK) {
            *rolled_back = true;
            err = open_existing(path, flags, busy_timeout_ms, out, &code, diag);
        }
    }
    if (err == CK_OK) {
        sqlite3_exec(*out, "PRAGMA query_only = 1", NULL, NULL, NULL);
        /* Every query of the command reads the same snapshot: a writer that commits
         * meanwhile waits (rollback journal) or is not seen (WAL). */
        sqlite3_exec(*out, "BEGIN", NULL, NULL, NULL);
    }
    return err;
}

void db_close(sqlite3 *db)
{
    if (db == NULL)
        return;
    /* The name SQLite resolved (absolute); copied, as it dies with the connection. */
    const char *name = sqlite3_db_filename(db, "main");
    char *path = name != NULL && *name != '\0' ? strdup(name) : NULL;
    bool read_only = sqlite3_db_readonly(db, "main") == 1;
    sqlite3_close(db);
    if (path != NULL && read_only)
        db_wal_tidy(path);
    free(path);
}

ck_error db_open_readonly(const char *path, sqlite3 **out, ck_diag *diag)
{
    bool rolled_back;
    return db_open_reading(path, SETTINGS_BUSY_TIMEOUT_MS_DEFAULT, out, &rolled_back, diag);
}

/* True when path has a journal with content: possibly hot. */
static bool journal_with_content(const char *path)
{
    char journal[4096];
    struct stat st;
    int n = snprintf(journal, sizeof journal, "%s-journal", path);
    return n > 0 && (size_t)n < sizeof journal && stat(journal, &st) == 0 && st.st_size > 0;
}

ck_error db_open_writing(const char *path, int busy_timeout_ms, sqlite3 **out, bool *rolled_back,
                         ck_diag *diag)
{
    int code = SQLITE_OK;
    bool journal_before = journal_with_content(path);
    ck_error err = open_existing(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, busy_timeout_ms,
                                 out, &code, diag);
    /* The schema check's read rolled a hot journal back and deleted it. */
    *rolled_back = err == CK_OK && journal_before && !journal_with_content(path);
    if (err == CK_OK)
        sqlite3_exec(*out, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return err;
}

ck_error db_open_readwrite(const char *path, sqlite3 **out, ck_diag *diag)
{
    bool rolled_back;
    return db_open_writing(path, SETTINGS_BUSY_TIMEOUT_MS_DEFAULT, out, &rolled_back, diag);
}

ck_error db_exec_script(sqlite3 *db, const char *sql, ck_diag *diag)
{
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
        ck_diag_set(diag, "%s", message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
        return CK_ERR_DB;
    }
    return CK_OK;
}

ck_error db_create(const char *path, bool with_indexes, sqlite3 **out, ck_diag *diag)
{
    struct stat st;
    sqlite3 *db = NULL;
    ck_error err = CK_OK;
    *out = NULL;
    if (stat(path, &st) == 0) {
        ck_diag_set(diag, "it exists already; choose a new file name or remove it first");
        return CK_ERR_EXISTS;
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        ck_diag_set(diag, "%s", db ? sqlite3_errmsg(db) : "out of memory");
        err = db ? CK_ERR_IO : CK_ERR_NOMEM;
        goto done;
    }
    sqlite3_busy_timeout(db, SETTINGS_BUSY_TIMEOUT_MS_DEFAULT);
    /* 16 KiB pages (before anything is written; SQLite's default is 4 KiB), as demo's: an
     * import writes and a report reads a quarter as many pages, with a quarter of the
     * system calls (bench/README.md: import assignments 6.1 - 7.1 s -> 5.5 s). */
    err = db_exec_script(db, "PRAGMA page_size = 16384", diag);
    if (err == CK_OK)
        err = db_exec_script(db, "BEGIN", diag);
    if (err == CK_OK)
        err = db_exec_script(db, db_schema_sql, diag);
    if (err == CK_OK && with_indexes)
        err = db_exec_script(db, db_indexes_sql, diag);
    if (err == CK_OK)
        err = db_exec_script(db, "COMMIT", diag);
done:
    if (err != CK_OK && db != NULL) {
        sqlite3_close(db);
        db = NULL;
        if (err != CK_ERR_EXISTS)
            remove(path);
    }
    *out = db;
    return err;
}

/* The indexes of sql/indexes.sql by table and leading column: what the engine relies on.
 * Kept in step with that file (tests/app/cli.sh checks a database without them). */
static const struct {
    const char *table;
    const char *column;
} wanted_indexes[] = {
    {"assignments", "case_id"}, {"contacts", "contact_at"},    {"payments", "paid_at"},
    {"payments", "case_id"},    {"promises", "due_on"},        {"promises", "made_at"},
    {"cases", "closed_at"},     {"complaints", "received_at"}, {"surveys", "surveyed_at"},
};

ck_error db_missing_indexes(sqlite3 *db,
                            void (*found)(void *ctx, const char *table, const char *column),
                            void *ctx, ck_diag *diag)
{
    static const char sql[] =
        "SELECT 1 FROM pragma_index_list(?1) AS l"
        " WHERE (SELECT name FROM pragma_index_info(l.name) WHERE seqno = 0) = ?2";
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    for (size_t i = 0; i < sizeof wanted_indexes / sizeof wanted_indexes[0]; i++) {
        /* A view has no index of its own: its tables' indexes are the other platform's
         * business, and sql/indexes.sql could not be applied to it anyway. */
        bool is_view = false;
        err = db_is_view(db, wanted_indexes[i].table, &is_view, diag);
        if (err != CK_OK)
            break;
        if (is_view)
            continue;
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, wanted_indexes[i].table, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, wanted_indexes[i].column, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            found(ctx, wanted_indexes[i].table, wanted_indexes[i].column);
        else if (rc != SQLITE_ROW) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            err = CK_ERR_DB;
            break;
        }
    }
    sqlite3_finalize(stmt);
    return err;
}

ck_error db_is_view(sqlite3 *db, const char *table, bool *is_view, ck_diag *diag)
{
    /* Table names are case-insensitive in SQL, so is this lookup. */
    static const char sql[] =
        "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?1 COLLATE NOCASE";
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *is_view = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        err = CK_ERR_DB;
    }
    sqlite3_finalize(stmt);
    return err;
}

ck_error db_table_counts(sqlite3 *db, int64_t counts[SCHEMA_TABLE_COUNT], ck_diag *diag)
{
    for (size_t t = 0; t < SCHEMA_TABLE_COUNT; t++) {
        /* The table name is schema.h's fixed contract name, never user text. */
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", schema_tables[t].name);
        sqlite3_stmt *stmt = NULL;
        ck_error err = db_prepare(db, sql, &stmt, diag);
        if (err != CK_OK)
            return err;
        if (sqlite3_step(stmt) != SQLITE_ROW) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            sqlite3_finalize(stmt);
            return CK_ERR_DB;
        }
        counts[t] = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    return CK_OK;
}
