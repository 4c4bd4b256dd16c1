/* test_schema.c - sql/schema.sql and schema_tables (schema.h) describe the same contract.
 *
 * The embedded schema text is run on an in-memory database; SQLite's own view of it
 * (sqlite_master, PRAGMA table_info) must list exactly the tables of schema_tables, in any
 * order, each with exactly its columns in order, NOT NULL where the list says not nullable.
 * An INTEGER PRIMARY KEY is the rowid: PRAGMA reports it nullable but it never holds NULL,
 * so for SCHEMA_ID the test asks for pk = 1 instead. The list itself is checked for holes
 * and for rules that do not fit a column's type.
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

/* Every column of every table is filled in (the list is written by position, so a position
 * constant without its entry would leave a hole with no name), names are unique in a table,
 * and each column's rules fit its type: a reference names an earlier table, only CODE
 * columns have a code list, only integers have a range (min <= max) or nonzero, only TEXT
 * is secret, and a table's unique column is one of its TEXT columns. */
static void test_columns_complete(void **state)
{
    (void)state;
    for (int t = 0; t < SCHEMA_TABLE_COUNT; t++) {
        const schema_table *table = &schema_tables[t];
        assert_non_null(table->name);
        assert_non_null(table->noun);
        assert_in_range(table->column_count, 2, SCHEMA_MAX_COLUMNS);
        assert_int_equal(table->columns[0].type, SCHEMA_ID);
        for (size_t c = 0; c < table->column_count; c++) {
            const schema_column *col = &table->columns[c];
            if (col->name == NULL)
                fail_msg("%s: column %zu has no entry", table->name, c);
            assert_int_equal(schema_column_find((schema_table_id)t, col->name), (int)c);
            if (col->type == SCHEMA_REF)
                assert_true(col->references < (schema_table_id)t);
            else
                assert_int_equal(col->references, SCHEMA_TABLE_COUNT);
            assert_int_equal(col->codes != NULL, col->type == SCHEMA_CODE);
            if (schema_type_is_integer(col->type)) {
                assert_true(col->min <= col->max);
            } else {
                assert_true(col->min == 0 && col->max == 0);
                assert_false(col->nonzero);
            }
            if (col->secret)
                assert_int_equal(col->type, SCHEMA_TEXT);
        }
        for (size_t c = table->column_count; c < SCHEMA_MAX_COLUMNS; c++)
            assert_null(table->columns[c].name);
        if (table->unique_column >= 0) {
            assert_true((size_t)table->unique_column < table->column_count);
            assert_int_equal(table->columns[table->unique_column].type, SCHEMA_TEXT);
        }
    }
}

/* The position constants name the columns they say, and the counts are the tables'. */
static void test_positions(void **state)
{
    (void)state;
    static const struct {
        schema_table_id table;
        int position;
        const char *column;
    } positions[] = {
        {SCHEMA_TEAMS, SCHEMA_TEAM_NAME, "name"},
        {SCHEMA_AGENTS, SCHEMA_AGENT_EMPLOYEE_NO, "employee_no"},
        {SCHEMA_AGENTS, SCHEMA_AGENT_LEFT_ON, "left_on"},
        {SCHEMA_CASES, SCHEMA_CASE_CASE_NO, "case_no"},
        {SCHEMA_CASES, SCHEMA_CASE_DEBTOR_REF, "debtor_ref"},
        {SCHEMA_CASES, SCHEMA_CASE_PLACED_AT, "placed_at"},
        {SCHEMA_CASES, SCHEMA_CASE_CLOSED_AT, "closed_at"},
        {SCHEMA_CASES, SCHEMA_CASE_CLOSE_REASON, "close_reason"},
        {SCHEMA_ASSIGNMENTS, SCHEMA_ASSIGNMENT_CASE_ID, "case_id"},
        {SCHEMA_ASSIGNMENTS, SCHEMA_ASSIGNMENT_START_AT, "start_at"},
        {SCHEMA_ASSIGNMENTS, SCHEMA_ASSIGNMENT_END_AT, "end_at"},
        {SCHEMA_CONTACTS, SCHEMA_CONTACT_CASE_ID, "case_id"},
        {SCHEMA_CONTACTS, SCHEMA_CONTACT_CONTACT_AT, "contact_at"},
        {SCHEMA_CONTACTS, SCHEMA_CONTACT_DURATION_S, "duration_s"},
        {SCHEMA_PROMISES, SCHEMA_PROMISE_CASE_ID, "case_id"},
        {SCHEMA_PROMISES, SCHEMA_PROMISE_MADE_AT, "made_at"},
        {SCHEMA_PROMISES, SCHEMA_PROMISE_DUE_ON, "due_on"},
        {SCHEMA_PAYMENTS, SCHEMA_PAYMENT_CASE_ID, "case_id"},
        {SCHEMA_PAYMENTS, SCHEMA_PAYMENT_PAID_AT, "paid_at"},
        {SCHEMA_PAYMENTS, SCHEMA_PAYMENT_AMOUNT, "amount"},
        {SCHEMA_COMPLAINTS, SCHEMA_COMPLAINT_SUBSTANTIATED, "substantiated"},
        {SCHEMA_SURVEYS, SCHEMA_SURVEY_SCORE, "score"},
    };
    for (size_t i = 0; i < sizeof positions / sizeof positions[0]; i++)
        assert_int_equal(schema_column_find(positions[i].table, positions[i].column),
                         positions[i].position);
    static const size_t counts[SCHEMA_TABLE_COUNT] = {
        SCHEMA_TEAM_COLUMN_COUNT,       SCHEMA_AGENT_COLUMN_COUNT,     SCHEMA_CASE_COLUMN_COUNT,
        SCHEMA_ASSIGNMENT_COLUMN_COUNT, SCHEMA_CONTACT_COLUMN_COUNT,   SCHEMA_PROMISE_COLUMN_COUNT,
        SCHEMA_PAYMENT_COLUMN_COUNT,    SCHEMA_COMPLAINT_COLUMN_COUNT, SCHEMA_SURVEY_COLUMN_COUNT,
    };
    /* data-model.md: 2, 6, 9, 5, 9, 6, 5, 8, 5 columns */
    static const size_t want[SCHEMA_TABLE_COUNT] = {2, 6, 9, 5, 9, 6, 5, 8, 5};
    for (int t = 0; t < SCHEMA_TABLE_COUNT; t++) {
        assert_int_equal(counts[t], want[t]);
        assert_int_equal(schema_tables[t].column_count, want[t]);
    }
}

/* The rules of the columns with more than a type, as data-model.md gives them. */
static void test_column_rules(void **state)
{
    (void)state;
    const schema_column *cases = schema_tables[SCHEMA_CASES].columns;
    assert_true(cases[SCHEMA_CASE_DEBTOR_REF].secret);
    assert_ptr_equal(cases[SCHEMA_CASE_PRODUCT].codes, &codes_product);
    assert_ptr_equal(cases[SCHEMA_CASE_CLOSE_REASON].codes, &codes_close_reason);
    assert_int_equal(cases[SCHEMA_CASE_PLACED_BALANCE].type, SCHEMA_MONEY);
    assert_int_equal(cases[SCHEMA_CASE_PLACED_BALANCE].min, 1);
    assert_int_equal(cases[SCHEMA_CASE_PLACED_BALANCE].max, SCHEMA_MONEY_MAX);
    const schema_column *amount = &schema_tables[SCHEMA_PAYMENTS].columns[SCHEMA_PAYMENT_AMOUNT];
    assert_true(amount->nonzero);
    assert_int_equal(amount->min, -SCHEMA_MONEY_MAX);
    assert_string_equal(
        schema_tables[SCHEMA_CONTACTS].columns[SCHEMA_CONTACT_DURATION_S].default_text, "0");
    const schema_column *score = &schema_tables[SCHEMA_SURVEYS].columns[SCHEMA_SURVEY_SCORE];
    assert_int_equal(score->min, 1);
    assert_int_equal(score->max, 5);
    /* one secret column in the whole contract: debtor_ref */
    int secrets = 0;
    for (int t = 0; t < SCHEMA_TABLE_COUNT; t++)
        for (size_t c = 0; c < schema_tables[t].column_count; c++)
            secrets += schema_tables[t].columns[c].secret;
    assert_int_equal(secrets, 1);
    assert_string_equal(schema_tables[SCHEMA_PAYMENTS].noun, "payment");
    assert_int_equal(schema_tables[SCHEMA_AGENTS].unique_column, SCHEMA_AGENT_EMPLOYEE_NO);
    assert_int_equal(schema_tables[SCHEMA_PAYMENTS].unique_column, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_tables), cmocka_unit_test(test_same_columns),
        cmocka_unit_test(test_find),        cmocka_unit_test(test_columns_complete),
        cmocka_unit_test(test_positions),   cmocka_unit_test(test_column_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
