/* rules_cases_scan.c - the stored cases loaded into a rules_state, on two threads.
 *
 * Before an import reads a row that refers to cases, rules_state_load reads every stored
 * case's id, placement and closing: for a million cases about a third of a second on one
 * thread, most of it SQLite stepping through the wide cases table and the two timestamps
 * parsed, while the other core waits. So the table is cut at the middle of its rowids: the
 * calling thread reads the lower half on the import's connection and adds each case to the
 * state as it goes; a helper thread reads the upper half on a read-only connection of its own
 * into an array, whose cases are added afterwards. The state is built in the order one scan
 * of the table meets the rows (rowid order), so it is the very state that scan builds (the
 * first of two rows with the same id wins in both).
 *
 * Both connections read the same database. The import holds the write lock (its BEGIN
 * IMMEDIATE) and has written nothing yet: no other program can commit until it ends, and a
 * connection opened now reads what the import's connection reads, in rollback-journal and
 * WAL mode alike. The helper never waits for a lock (busy timeout 0) and stops at its first
 * failure (it cannot open the file, a step fails, memory runs out): the calling thread then
 * reads the upper half too, on the import's connection, which names a real failure. A table
 * of fewer rows than SPLIT_MIN_ROWS, or a database without a file (in memory), is read by
 * the calling thread alone.
 */
#include <pthread.h>
#include <stdlib.h>

#include "collectkpi/db.h"
#include "collectkpi/vec.h"
#include "rules_private.h"

/* Below this many rowids, a second thread and connection cost more than they save. */
#define SPLIT_MIN_ROWS 65536

/* One half of the table: rowid <= ?1, or rowid > ?1, in the columns of rules_state_load's
 * query (rules_stored_row_from_stmt reads them). Only what the links need: the codes stay in
 * SQLite's UNIQUE index (the caller asks for none), so the second column is NULL. */
#define LOWER_HALF_SQL "SELECT case_id, NULL, placed_at, closed_at FROM cases WHERE rowid <= ?1"
#define UPPER_HALF_SQL "SELECT case_id, NULL, placed_at, closed_at FROM cases WHERE rowid > ?1"

/* A stored case as the state keeps it (rules_state_add_case). */
typedef struct scanned_case {
    int64_t id, placed, closed;
} scanned_case;

/* The upper half, read by the helper thread. */
typedef struct upper_half {
    const char *path;
    int64_t after;
    scanned_case *cases;
    size_t count, capacity;
    bool failed;
} upper_half;

/* The current row as the state keeps it; false when its id is no integer (a row nothing can
 * refer to; check reports it). */
static bool case_from_stmt(sqlite3_stmt *stmt, scanned_case *out)
{
    if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER)
        return false;
    rules_row row;
    rules_stored_row_from_stmt(stmt, RULES_CASES, false, &row);
    out->id = row.v[0].num;
    rules_case_times(&row, &out->placed, &out->closed);
    return true;
}

static void *read_upper_half(void *arg)
{
    upper_half *half = arg;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    half->failed = true;
    /* NOMUTEX: only this thread uses the connection; no busy timeout (see the top). */
    if (sqlite3_open_v2(half->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, UPPER_HALF_SQL, -1, &stmt, NULL) != SQLITE_OK)
        goto done;
    db_stop_on_interrupt(db);
    sqlite3_bind_int64(stmt, 1, half->after);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        scanned_case c;
        if (!case_from_stmt(stmt, &c))
            continue;
        if (!VEC_RESERVE(half->cases, half->capacity, half->count + 1))
            goto done;
        half->cases[half->count++] = c;
    }
    half->failed = rc != SQLITE_DONE;
done:
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return NULL;
}

/* Reads the half that sql names (bound to bound) on db and adds its cases to st. */
static ck_error add_half(rules_state *st, sqlite3 *db, const char *sql, int64_t bound,
                         ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_int64(stmt, 1, bound);
    int rc;
    while (err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        scanned_case c;
        bool known;
        if (case_from_stmt(stmt, &c))
            err = rules_state_add_case(st, c.id, c.placed, c.closed, &known);
    }
    if (err == CK_OK && rc != SQLITE_DONE) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        err = CK_ERR_DB;
    }
    sqlite3_finalize(stmt);
    return err;
}

ck_error rules_cases_scan(rules_state *st, sqlite3 *db, bool *loaded, ck_diag *diag)
{
    *loaded = false;
    bool by_rowid, any;
    int64_t first, last;
    ck_error err = rules_cases_rowid_span(db, &by_rowid, &any, &first, &last, diag);
    if (err != CK_OK || !by_rowid)
        return err; /* the caller reads the table in one scan */
    *loaded = true;
    if (!any)
        return CK_OK; /* no stored case */
    const char *path = sqlite3_db_filename(db, "main");
    /* last - first, halved without overflow: rowids may span all of int64 */
    uint64_t span = (uint64_t)last - (uint64_t)first;
    upper_half half = {.path = path, .after = last};
    pthread_t thread;
    bool started = false;
    if (path != NULL && path[0] != '\0' && span >= SPLIT_MIN_ROWS) {
        half.after = (int64_t)((uint64_t)first + span / 2);
        started = pthread_create(&thread, NULL, read_upper_half, &half) == 0;
        if (!started)
            half.after = last;
    }
    err = add_half(st, db, LOWER_HALF_SQL, half.after, diag);
    if (started)
        pthread_join(thread, NULL);
    if (started && !half.failed) {
        for (size_t i = 0; i < half.count && err == CK_OK; i++) {
            bool known;
            err = rules_state_add_case(st, half.cases[i].id, half.cases[i].placed,
                                       half.cases[i].closed, &known);
        }
    } else if (started && err == CK_OK) {
        err = add_half(st, db, UPPER_HALF_SQL, half.after, diag);
    }
    free(half.cases);
    return err;
}
