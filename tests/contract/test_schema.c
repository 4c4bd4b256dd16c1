/* test_schema.c - sql/schema.sql and schema_tables (schema.h) describe the same contract.
 *
 * The embedded schema text is run on an in-memory database; SQLite's own view of it
 * (sqlite_master, PRAGMA table_info) must list exactly the tables of schema_tables, in any
 * order, each with exactly its columns in order, NOT NULL where the list says not nullable.
 * An INTEGER PRIMARY KEY is the rowid: PRAGMA reports it nullable but it never holds NULL,
 * so for SCHEMA_ID the test asks for pk = 1 instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/db.h"
#include "collectkpi/schema.h"

static sqlite3 *schema_db(void)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_diag diag = {{0}};
    assert_int_equal(db_exec_script(db, db_schema_sql, &diag), CK_OK);
    return db;
}

/* Every table of schema.sql is in schema_tables, and the other way round. */
static void test_same_tables(void **state)
{
    (void)state;
    sqlite3 *db = schema_db();
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    int found = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        if (schema_table_find(name) == SCHEMA_TABLE_COUNT)
            fail_msg("schema.sql has table '%s', schema_tables does not", name);
        found++;
    }
    sqlite3_finalize(stmt);
    /* Nine distinct names found in schema_tables: the two lists are the same set. */
    assert_int_equal(found, SCHEMA_TABLE_COUNT);
    sqlite3_close(db);
}

/* Column by column: name, order, and NOT NULL against nullable. */
static void test_same_columns(void **state)
{
    (void)state;
    sqlite3 *db = schema_db();
    for (int t = 0; t < SCHEMA_TABLE_COUNT; t++) {
        const schema_table *table = &schema_tables[t];
        sqlite3_stmt *stmt = NULL;
        /* cid, name, type, notnull, dflt_value, pk */
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT name, \"notnull\", pk FROM "
                                            "pragma_table_info(?1) ORDER BY cid",
                                            -1, &stmt, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(stmt, 1, table->name, -1, SQLITE_STATIC);
        size_t c = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(stmt, 0);
            if (c >= table->column_count)
                fail_msg("%s: schema.sql has an extra column '%s'", table->name, name);
            const schema_column *col = &table->columns[c];
            if (strcmp(name, col->name) != 0)
                fail_msg("%s: column %zu is '%s' in schema.sql, '%s' in schema_tables", table->name,
                         c + 1, name, col->name);
            bool not_null = sqlite3_column_int(stmt, 1) != 0;
            bool primary_key = sqlite3_column_int(stmt, 2) != 0;
            if (col->type == SCHEMA_ID) {
                if (!primary_key)
                    fail_msg("%s.%s: not the INTEGER PRIMARY KEY", table->name, name);
            } else if (not_null == col->nullable) {
                fail_msg("%s.%s: %s in schema.sql, %s in schema_tables", table->name, name,
                         not_null ? "NOT NULL" : "nullable",
                         col->nullable ? "nullable" : "NOT NULL");
            }
            c++;
        }
        sqlite3_finalize(stmt);
        if (c != table->column_count)
            fail_msg("%s: %zu columns in schema.sql, %zu in schema_tables", table->name, c,
                     table->column_count);
    }
    sqlite3_close(db);
}

/* The lookups the rules and the demo writer use. */
static void test_find(void **state)
{
    (void)state;
    assert_int_equal(schema_table_find("payments"), SCHEMA_PAYMENTS);
    assert_int_equal(schema_table_find("payment"), SCHEMA_TABLE_COUNT);
    /* complaints: complaint_id(0) case_id(1) agent_id(2) received_at(3) source(4)
     * category(5) substantiated(6) resolved_at(7) */
    assert_int_equal(schema_column_find(SCHEMA_COMPLAINTS, "substantiated"), 6);
    assert_int_equal(schema_column_find(SCHEMA_COMPLAINTS, "score"), -1);
    assert_int_equal(schema_column_find(SCHEMA_TABLE_COUNT, "name"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_tables),
        cmocka_unit_test(test_same_columns),
        cmocka_unit_test(test_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
