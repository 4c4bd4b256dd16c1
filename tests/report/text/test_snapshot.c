/* test_snapshot.c - report snapshots (snapshot.h): which figures differ, and how the
 * restatements carried from one report to the next are kept, updated and dropped. Every
 * snapshot here is built by hand; the expected lists are worked out beside each test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectkpi/snapshot.h"

/* A snapshot of the figures given as "scope|name|key|value" ("" value: undefined). */
static void make(snapshot *s, const char *cutoff, const char *const *figures, size_t count)
{
    memset(s, 0, sizeof *s);
    s->period_start = strdup("2026-10-01 00:00:00");
    s->period_end = strdup("2026-11-01 00:00:00");
    s->data_cutoff = strdup(cutoff);
    s->settings = strdup("grace_days=0");
    s->database = strdup("cases.db");
    s->figures = calloc(count + 1, sizeof *s->figures);
    s->figure_count = count;
    for (size_t i = 0; i < count; i++) {
        char copy[128];
        snprintf(copy, sizeof copy, "%s", figures[i]);
        char *scope = strtok(copy, "|"), *name = strtok(NULL, "|"), *key = strtok(NULL, "|"),
             *value = strtok(NULL, "|");
        s->figures[i].scope = strdup(scope);
        s->figures[i].name = strdup(strcmp(name, "-") == 0 ? "" : name);
        s->figures[i].key = strdup(key);
        s->figures[i].value = value != NULL ? strdup(value) : NULL;
    }
}

static void expect(const report_restated *r, const char *name, const char *key, const char *old,
                   const char *now, const char *old_cutoff)
{
    assert_string_equal(r->name, name);
    assert_string_equal(r->key, key);
    assert_string_equal(r->old_value, old);
    assert_string_equal(r->new_value, now);
    assert_string_equal(r->old_cutoff, old_cutoff);
}

static const char *const sent[] = {"total|-|collected|100.00", "total|-|recovery_rate|0.100000",
                                   "agent|E1|collected|60.00", "agent|E2|collected|40.00"};

/* Equal snapshots: no difference. */
static void test_diff_equal(void **state)
{
    (void)state;
    snapshot a, b;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-11-02 10:00:00", sent, 4);
    report_restated *changes = NULL;
    size_t count = 99;
    assert_int_equal(snapshot_diff(&a, &b, &changes, &count), CK_OK);
    assert_int_equal(count, 0);
    report_restated_free(changes, count);
    snapshot_free(&a);
    snapshot_free(&b);
}

/* A late payment of 5.00 to E2: total collected 100.00 -> 105.00, recovery 0.100000 ->
 * 0.105000, E2 40.00 -> 45.00; E1 unchanged. A new agent E3 has a row now ("-" before); the
 * total comes first, then agents by employee number. */
static void test_diff_changed(void **state)
{
    (void)state;
    static const char *const now[] = {"total|-|collected|105.00", "total|-|recovery_rate|0.105000",
                                      "agent|E1|collected|60.00", "agent|E2|collected|45.00",
                                      "agent|E3|collected|"};
    snapshot a, b;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-11-02 10:00:00", now, 5);
    report_restated *changes = NULL;
    size_t count = 0;
    assert_int_equal(snapshot_diff(&a, &b, &changes, &count), CK_OK);
    assert_int_equal(count, 4);
    expect(&changes[0], "", "collected", "100.00", "105.00", "2026-10-31 10:00:00");
    assert_string_equal(changes[0].new_cutoff, "2026-11-02 10:00:00");
    expect(&changes[1], "", "recovery_rate", "0.100000", "0.105000", "2026-10-31 10:00:00");
    expect(&changes[2], "E2", "collected", "40.00", "45.00", "2026-10-31 10:00:00");
    /* undefined prints as an empty field */
    expect(&changes[3], "E3", "collected", "-", "", "2026-10-31 10:00:00");
    report_restated_free(changes, count);
    snapshot_free(&a);
    snapshot_free(&b);
}

/* Three reports: sent (cut-off 10-31), second (11-02: E2 45.00, total 105.00), third (11-05:
 * E2 47.00, total 107.00). The third report's block keeps each figure's value first sent out
 * and its cut-off: total 100.00 -> 107.00 and E2 40.00 -> 47.00, both from 10-31. */
static void test_restate_carries_first_value(void **state)
{
    (void)state;
    static const char *const second[] = {"total|-|collected|105.00",
                                         "total|-|recovery_rate|0.100000",
                                         "agent|E1|collected|60.00", "agent|E2|collected|45.00"};
    static const char *const third[] = {"total|-|collected|107.00",
                                        "total|-|recovery_rate|0.100000",
                                        "agent|E1|collected|60.00", "agent|E2|collected|47.00"};
    snapshot a, b, c;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-11-02 10:00:00", second, 4);
    make(&c, "2026-11-05 10:00:00", third, 4);
    assert_int_equal(snapshot_restate(&a, &b), CK_OK);
    assert_int_equal(b.restated_count, 2);
    assert_int_equal(snapshot_restate(&b, &c), CK_OK);
    assert_int_equal(c.restated_count, 2);
    expect(&c.restated[0], "", "collected", "100.00", "107.00", "2026-10-31 10:00:00");
    assert_string_equal(c.restated[0].new_cutoff, "2026-11-05 10:00:00");
    expect(&c.restated[1], "E2", "collected", "40.00", "47.00", "2026-10-31 10:00:00");
    snapshot_free(&a);
    snapshot_free(&b);
    snapshot_free(&c);
}

/* The same data again: the carried block is unchanged (a re-run writes the same bytes). */
static void test_restate_same_data_keeps_block(void **state)
{
    (void)state;
    static const char *const second[] = {"total|-|collected|105.00",
                                         "total|-|recovery_rate|0.100000",
                                         "agent|E1|collected|60.00", "agent|E2|collected|45.00"};
    snapshot a, b, again;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-11-02 10:00:00", second, 4);
    make(&again, "2026-11-02 10:00:00", second, 4);
    assert_int_equal(snapshot_restate(&a, &b), CK_OK);
    assert_int_equal(snapshot_restate(&b, &again), CK_OK);
    assert_int_equal(again.restated_count, 2);
    expect(&again.restated[0], "", "collected", "100.00", "105.00", "2026-10-31 10:00:00");
    expect(&again.restated[1], "E2", "collected", "40.00", "45.00", "2026-10-31 10:00:00");
    snapshot_free(&a);
    snapshot_free(&b);
    snapshot_free(&again);
}

/* The late payment removed again: every figure is back at the value sent out, so nothing is
 * restated any more. */
static void test_restate_back_drops(void **state)
{
    (void)state;
    static const char *const second[] = {"total|-|collected|105.00",
                                         "total|-|recovery_rate|0.100000",
                                         "agent|E1|collected|60.00", "agent|E2|collected|45.00"};
    snapshot a, b, c;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-11-02 10:00:00", second, 4);
    make(&c, "2026-11-03 10:00:00", sent, 4);
    assert_int_equal(snapshot_restate(&a, &b), CK_OK);
    assert_int_equal(snapshot_restate(&b, &c), CK_OK);
    assert_int_equal(c.restated_count, 0);
    snapshot_free(&a);
    snapshot_free(&b);
    snapshot_free(&c);
}

/* Other settings or another database: not comparable. */
static void test_same_basis(void **state)
{
    (void)state;
    snapshot a, b;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-10-31 10:00:00", sent, 4);
    assert_true(snapshot_same_basis(&a, &b));
    free(b.settings);
    b.settings = strdup("grace_days=3");
    assert_false(snapshot_same_basis(&a, &b));
    free(b.settings);
    b.settings = strdup("grace_days=0");
    free(b.database);
    b.database = strdup("other.db");
    assert_false(snapshot_same_basis(&a, &b));
    snapshot_free(&a);
    snapshot_free(&b);
}

/* Written and read back: the same figures and restatements; written twice, the same bytes. */
static void test_write_read(void **state)
{
    (void)state;
    static const char *const second[] = {"total|-|collected|105.00", "total|-|recovery_rate|",
                                         "agent|E1|collected|60.00", "agent|华北|collected|45.00"};
    snapshot a, b, back;
    make(&a, "2026-10-31 10:00:00", sent, 4);
    make(&b, "2026-11-02 10:00:00", second, 4);
    assert_int_equal(snapshot_restate(&a, &b), CK_OK);
    char dir[] = "/tmp/test_snapshot_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], path2[128];
    snprintf(path, sizeof path, "%s/s.json", dir);
    snprintf(path2, sizeof path2, "%s/t.json", dir);
    ck_diag diag = {{0}};
    assert_int_equal(snapshot_write(path, &b, &diag), CK_OK);
    assert_int_equal(snapshot_write(path2, &b, &diag), CK_OK);
    bool found = false;
    assert_int_equal(snapshot_read(path, &back, &found, &diag), CK_OK);
    assert_true(found);
    assert_int_equal(back.figure_count, 4);
    assert_null(back.figures[1].value); /* undefined stays undefined */
    assert_string_equal(back.figures[3].name, "华北");
    assert_int_equal(back.restated_count, b.restated_count);
    assert_string_equal(back.data_cutoff, "2026-11-02 10:00:00");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", path, path2);
    assert_int_equal(system(cmd), 0);
    snapshot_free(&back);
    assert_int_equal(snapshot_read("/nonexistent/x.json", &back, &found, &diag), CK_OK);
    assert_false(found);
    remove(path);
    remove(path2);
    rmdir(dir);
    snapshot_free(&a);
    snapshot_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_equal),
        cmocka_unit_test(test_diff_changed),
        cmocka_unit_test(test_restate_carries_first_value),
        cmocka_unit_test(test_restate_same_data_keeps_block),
        cmocka_unit_test(test_restate_back_drops),
        cmocka_unit_test(test_same_basis),
        cmocka_unit_test(test_write_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
