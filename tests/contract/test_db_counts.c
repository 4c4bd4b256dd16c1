/* test_db_counts.c - the contract tables' row counts on a thread of their own (db_counts.c):
 * the counts a thread reads, and the caller's own count when no thread may read (--jobs 1,
 * WAL mode) or can (a database without a file, a writer holding its exclusive lock) or the count
 * fails.
 *
 * Every database is made with the contract's schema (db_create) and holds, counted by hand:
 * teams 2, agents 3, cases 2, assignments 0, contacts 0, promises 0, payments 3, complaints 0,
 * surveys 0 (schema.h's order: teams, agents, cases, assignments, contacts, promises, payments,
 * complaints, surveys).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectkpi/db.h"
#include "scratch_db.h"

static const char rows[] =
    "INSERT INTO teams VALUES (1, 'Alpha'), (2, 'Beta');"
    "INSERT INTO agents VALUES (1, 'A001', 'Ann', 1, '2025-01-01', NULL),"
    " (2, 'A002', 'Bob', 1, '2025-01-01', NULL), (3, 'B001', 'Cai', 2, '2025-01-01', NULL);"
    "INSERT INTO cases VALUES (1, 'C1', 'd-1', 'credit_card', '2026-09-01 00:00:00', 1000, 40,"
    " NULL, NULL), (2, 'C2', 'd-2', 'credit_card', '2026-09-01 00:00:00', 1000, 40, NULL, NULL);"
    "INSERT INTO payments VALUES (1, 1, '2026-10-01 00:00:00', 10, 'cash'),"
    " (2, 1, '2026-10-02 00:00:00', 20, 'cash'), (3, 2, '2026-10-03 00:00:00', 30, 'cash');";

static const int64_t want_counts[SCHEMA_TABLE_COUNT] = {2, 3, 2, 0, 0, 0, 3, 0, 0};

typedef struct scratch {
    char path[64];
    sqlite3 *db;
} scratch;

/* A new database file with the schema and the rows above. */
static void scratch_open(scratch *s)
{
    s->db = scratch_db_create(s->path, sizeof s->path, "test_db_counts");
    assert_int_equal(sqlite3_exec(s->db, rows, NULL, NULL, NULL), SQLITE_OK);
}

static void scratch_close(scratch *s)
{
    sqlite3_close(s->db);
    unlink(s->path);
}

static void assert_counts(const int64_t *got, const int64_t *want)
{
    for (size_t t = 0; t < SCHEMA_TABLE_COUNT; t++)
        assert_int_equal(got[t], want[t]);
}

static void test_thread_counts_every_table(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    int64_t counts[SCHEMA_TABLE_COUNT];
    ck_diag diag = {{0}};
    db_counts_job *job = db_table_counts_start(s.db, true);
    assert_non_null(job);
    assert_int_equal(db_table_counts_finish(s.db, job, counts, &diag), CK_OK);
    assert_counts(counts, want_counts);
    scratch_close(&s);
}

/* Counts after begin (a BEGIN that holds the lock it names) and a fourth payment not yet
 * committed, which only the caller's own connection sees: payments 3 + 1 = 4 shows that the
 * caller counted. */
static void assert_caller_counts(const char *begin, bool on_thread)
{
    scratch s;
    scratch_open(&s);
    char sql[256];
    snprintf(sql, sizeof sql,
             "%s; INSERT INTO payments VALUES (4, 2, '2026-10-04 00:00:00', 40, 'cash');", begin);
    assert_int_equal(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
    int64_t want[SCHEMA_TABLE_COUNT];
    memcpy(want, want_counts, sizeof want);
    want[SCHEMA_PAYMENTS] = 4;
    int64_t counts[SCHEMA_TABLE_COUNT];
    ck_diag diag = {{0}};
    db_counts_job *job = db_table_counts_start(s.db, on_thread);
    assert_int_equal(db_table_counts_finish(s.db, job, counts, &diag), CK_OK);
    assert_counts(counts, want);
    sqlite3_exec(s.db, "ROLLBACK", NULL, NULL, NULL);
    scratch_close(&s);
}

/* The caller holds the exclusive lock, as a writer committing does: the thread cannot read,
 * so the caller counts on its own connection. */
static void test_caller_counts_when_the_thread_cannot_read(void **state)
{
    (void)state;
    assert_caller_counts("BEGIN EXCLUSIVE", true);
}

/* --jobs 1: no thread; the caller counts, with no lock in the way this time. */
static void test_no_thread_when_not_allowed(void **state)
{
    (void)state;
    assert_caller_counts("BEGIN", false);
}

/* WAL mode: another connection could see a later commit than the caller's, so the caller
 * counts (a thread would read fine here, no lock stops it, and count 3 payments). */
static void test_no_thread_in_wal_mode(void **state)
{
    (void)state;
    assert_caller_counts("PRAGMA journal_mode = WAL; BEGIN", true);
}

/* A database in memory has no file another connection could open: the caller counts. */
static void test_database_in_memory(void **state)
{
    (void)state;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_diag diag = {{0}};
    assert_int_equal(db_exec_script(db, db_schema_sql, &diag), CK_OK);
    assert_int_equal(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
    int64_t counts[SCHEMA_TABLE_COUNT];
    db_counts_job *job = db_table_counts_start(db, true);
    assert_int_equal(db_table_counts_finish(db, job, counts, &diag), CK_OK);
    assert_counts(counts, want_counts);
    sqlite3_close(db);
}

/* A table that is not there fails the thread's count and then the caller's, with SQLite's
 * message; finish without counts only waits and frees (ASan finds a leak or a thread left). */
static void test_missing_table_fails_and_finish_frees(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s);
    assert_int_equal(sqlite3_exec(s.db, "DROP TABLE surveys", NULL, NULL, NULL), SQLITE_OK);
    int64_t counts[SCHEMA_TABLE_COUNT];
    ck_diag diag = {{0}};
    db_counts_job *job = db_table_counts_start(s.db, true);
    assert_int_equal(db_table_counts_finish(s.db, job, counts, &diag), CK_ERR_DB);
    assert_string_equal(diag.text, "no such table: surveys");
    assert_int_equal(db_table_counts_finish(s.db, db_table_counts_start(s.db, true), NULL, NULL),
                     CK_OK);
    scratch_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_counts_every_table),
        cmocka_unit_test(test_caller_counts_when_the_thread_cannot_read),
        cmocka_unit_test(test_no_thread_when_not_allowed),
        cmocka_unit_test(test_no_thread_in_wal_mode),
        cmocka_unit_test(test_database_in_memory),
        cmocka_unit_test(test_missing_table_fails_and_finish_frees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
