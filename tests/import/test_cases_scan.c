/* test_cases_scan.c - the stored cases loaded for an import on two threads
 * (src/import/rules_cases_scan.c): the state is the one a single scan builds (the path
 * rules_state_load takes when it keeps the case numbers), whatever the ids, timestamps and
 * size; a small table is read by one thread with the values worked out by hand; a view of
 * cases (no rowid) is left to the single scan. Runs under ThreadSanitizer in CI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectkpi/db.h"
#include "collectkpi/idmap.h"
#include "collectkpi/rules.h"
#include "rules_private.h"
#include "scratch_db.h"

typedef struct scratch {
    char path[64];
    sqlite3 *db;
} scratch;

/* A new database file with the contract's schema and script run on it (its CHECKs off: the
 * rows break them as another tool's rows may), then held the way import holds it while it
 * loads the state (BEGIN IMMEDIATE, nothing written yet). */
static void scratch_open(scratch *s, const char *script)
{
    s->db = scratch_db_create(s->path, sizeof s->path, "test_cases_scan");
    assert_int_equal(sqlite3_exec(s->db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(s->db, script, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
}

static void scratch_close(scratch *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    unlink(s->path);
}

/* rules_cases_scan on s into a new *st: its *loaded must be want_loaded, and st must hold
 * want_count cases. */
static void scan_into(scratch *s, rules_state *st, bool want_loaded, size_t want_count)
{
    rules_state_init(st);
    ck_diag diag = {{0}};
    bool loaded = !want_loaded;
    assert_int_equal(rules_cases_scan(st, s->db, &loaded, &diag), CK_OK);
    assert_true(loaded == want_loaded);
    assert_int_equal(st->ids[RULES_CASES].count, want_count);
}

/* The same cases, in the same slots, with the same placement and closing. */
static void assert_same_cases(const rules_state *a, const rules_state *b, sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT case_id FROM cases", -1, &stmt, NULL),
                     SQLITE_OK);
    size_t rows = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(stmt, 0);
        size_t slot_a = idmap_find(&a->ids[RULES_CASES], id);
        size_t slot_b = idmap_find(&b->ids[RULES_CASES], id);
        assert_true(slot_a != IDMAP_NONE);
        assert_int_equal(slot_a, slot_b);
        assert_true(a->case_placed[slot_a] == b->case_placed[slot_b]);
        assert_true(a->case_closed[slot_a] == b->case_closed[slot_b]);
        rows++;
    }
    sqlite3_finalize(stmt);
    assert_int_equal(a->ids[RULES_CASES].count, rows);
    assert_int_equal(b->ids[RULES_CASES].count, rows);
}

/* 120,000 cases (over SPLIT_MIN_ROWS, so two threads read them), ids with gaps (every third
 * id skipped) and the two far ends of int64, placements and closings of every kind: good,
 * malformed, a number (TEXT affinity keeps it as text that is no time), missing (closing). */
static void large_table_same_as_one_scan(void **state)
{
    (void)state;
    scratch s;
    scratch_open(
        &s, "INSERT INTO teams VALUES (1, 'T');"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000) "
            "INSERT INTO cases SELECT i + i / 2, 'C' || i, 'REF' || i, 'credit_card', "
            "  CASE i % 7 WHEN 0 THEN 'not a time' WHEN 1 THEN 20260101 "
            "    ELSE printf('2026-%02d-%02d 08:%02d:00', 1 + i % 12, 1 + i % 28, i % 60) END, "
            "  1000, 0, "
            "  CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '2026-13-01 00:00:00' WHEN 2 THEN 42 "
            "    ELSE printf('2026-12-%02d 17:00:00', 1 + i % 28) END, "
            "  CASE WHEN i % 5 IN (1, 2, 3, 4) THEN 'paid_in_full' END FROM n;"
            "INSERT INTO cases VALUES (9223372036854775807, 'CMAX', 'R', 'credit_card', "
            "  '2026-01-01 00:00:00', 1, 0, NULL, NULL);"
            "INSERT INTO cases VALUES (-9223372036854775807, 'CMIN', 'R', 'credit_card', "
            "  '2026-01-01 00:00:00', 1, 0, NULL, NULL);");
    rules_state one, two;
    rules_state_init(&one);
    rules_state_init(&two);
    ck_diag diag = {{0}};
    /* with the codes: the single scan; without them: rules_cases_scan */
    assert_int_equal(rules_state_load(&one, s.db, true, true, &diag), CK_OK);
    assert_int_equal(rules_state_load(&two, s.db, false, true, &diag), CK_OK);
    assert_same_cases(&one, &two, s.db);
    rules_state_free(&one);
    rules_state_free(&two);
    scratch_close(&s);
}

/* Three cases, one thread (under SPLIT_MIN_ROWS), by hand:
 *  case 10: placed 2026-01-01 00:00:00 = 20454 days * 86400 = 1767225600 s; open: INT64_MAX;
 *  case 20: placed 'soon' (no time): INT64_MIN; closed 2026-01-02 00:00:00 = 1767312000 s;
 *  case 30: placed the number 5 (kept as the text '5': no time): INT64_MIN; closed 'x':
 *           INT64_MIN. */
static void small_table_by_hand(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s, "INSERT INTO cases VALUES (10, 'C10', 'R', 'credit_card', "
                     "  '2026-01-01 00:00:00', 1, 0, NULL, NULL);"
                     "INSERT INTO cases VALUES (20, 'C20', 'R', 'credit_card', "
                     "  'soon', 1, 0, '2026-01-02 00:00:00', 'paid_in_full');"
                     "INSERT INTO cases VALUES (30, 'C30', 'R', 'credit_card', "
                     "  5, 1, 0, 'x', 'paid_in_full');");
    rules_state st;
    scan_into(&s, &st, true, 3);
    size_t slot = idmap_find(&st.ids[RULES_CASES], 10);
    assert_true(st.case_placed[slot] == INT64_C(1767225600));
    assert_true(st.case_closed[slot] == INT64_MAX);
    slot = idmap_find(&st.ids[RULES_CASES], 20);
    assert_true(st.case_placed[slot] == INT64_MIN);
    assert_true(st.case_closed[slot] == INT64_C(1767312000));
    slot = idmap_find(&st.ids[RULES_CASES], 30);
    assert_true(st.case_placed[slot] == INT64_MIN);
    assert_true(st.case_closed[slot] == INT64_MIN);
    rules_state_free(&st);
    scratch_close(&s);
}

/* No stored case: loaded, nothing in the state. */
static void empty_table(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s, "SELECT 1");
    rules_state st;
    scan_into(&s, &st, true, 0);
    rules_state_free(&st);
    scratch_close(&s);
}

/* cases as a view of another platform's table: no rowid, so rules_cases_scan leaves it
 * (loaded false, nothing added) and rules_state_load reads it in one scan. */
static void view_left_to_one_scan(void **state)
{
    (void)state;
    scratch s;
    scratch_open(&s, "CREATE TABLE platform_cases AS SELECT * FROM cases;"
                     "INSERT INTO platform_cases VALUES (7, 'C7', 'R', 'credit_card', "
                     "  '2026-01-01 00:00:00', 1, 0, NULL, NULL);"
                     "DROP TABLE cases;"
                     "CREATE VIEW cases AS SELECT * FROM platform_cases;");
    rules_state st;
    scan_into(&s, &st, false, 0);
    ck_diag diag = {{0}};
    assert_int_equal(rules_state_load(&st, s.db, false, true, &diag), CK_OK);
    size_t slot = idmap_find(&st.ids[RULES_CASES], 7);
    assert_true(slot != IDMAP_NONE);
    assert_true(st.case_placed[slot] == INT64_C(1767225600)); /* as case 10 above */
    rules_state_free(&st);
    scratch_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(large_table_same_as_one_scan),
        cmocka_unit_test(small_table_by_hand),
        cmocka_unit_test(empty_table),
        cmocka_unit_test(view_left_to_one_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
