/* test_spill.c - spill.h: the records read back are the ones pushed and put, in memory and on
 * the temporary file alike, and spill_sort orders them as qsort does (one run, several runs
 * merged, a run of one record). Budgets of a few records take the file's way with a few
 * records; the values are small enough to check by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collectkpi/spill.h"

/* A record of an odd size (not a power of two), with its key first. */
typedef struct record {
    int64_t key;
    int32_t tag;
    char text[24];
} record;

static record make(int64_t key, int32_t tag)
{
    record r;
    memset(&r, 0, sizeof r);
    r.key = key;
    r.tag = tag;
    snprintf(r.text, sizeof r.text, "k%lld", (long long)key);
    return r;
}

static int compare_records(const void *a, const void *b)
{
    const record *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->tag > y->tag) - (x->tag < y->tag);
}

static spill *filled(size_t budget_records, const int64_t *keys, size_t count)
{
    spill *s = NULL;
    assert_int_equal(spill_new(sizeof(record), budget_records * sizeof(record), &s), CK_OK);
    ck_diag diag = {""};
    for (size_t i = 0; i < count; i++) {
        record r = make(keys[i], (int32_t)i);
        assert_int_equal(spill_push(s, &r, &diag), CK_OK);
    }
    assert_int_equal(spill_count(s), count);
    return s;
}

static void expect_keys(spill *s, const int64_t *keys, size_t count)
{
    ck_diag diag = {""};
    for (size_t i = 0; i < count; i++) {
        record r;
        assert_int_equal(spill_get(s, i, &r, &diag), CK_OK);
        assert_int_equal(r.key, keys[i]);
        char text[24];
        snprintf(text, sizeof text, "k%lld", (long long)keys[i]);
        assert_string_equal(r.text, text);
    }
}

/* Four records under a budget of ten: an array in memory, no file. */
static void test_in_memory(void **state)
{
    (void)state;
    const int64_t keys[] = {40, 10, 30, 20};
    spill *s = filled(10, keys, 4);
    assert_false(spill_on_file(s));
    expect_keys(s, keys, 4);
    spill_free(s);
}

/* Ten records past a budget of three: on the file, read in order and out of order (record 7,
 * then 2, then 9: each a read of its own), the last ones still in the append block. */
static void test_on_file_reads(void **state)
{
    (void)state;
    const int64_t keys[] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    spill *s = filled(3, keys, 10);
    assert_true(spill_on_file(s));
    expect_keys(s, keys, 10);
    ck_diag diag = {""};
    record r;
    assert_int_equal(spill_get(s, 7, &r, &diag), CK_OK);
    assert_int_equal(r.key, 2);
    assert_int_equal(spill_get(s, 2, &r, &diag), CK_OK);
    assert_int_equal(r.key, 7);
    assert_int_equal(spill_get(s, 9, &r, &diag), CK_OK);
    assert_int_equal(r.key, 0);
    spill_free(s);
}

/* Each record read, changed (key + 100) and written back in turn, then one out of order
 * (record 4 := 1000): every read after sees the change, whether it sat in the read block, the
 * append block or only the file. */
static void test_put(void **state)
{
    (void)state;
    const int64_t keys[] = {1, 2, 3, 4, 5, 6, 7};
    spill *s = filled(2, keys, 7);
    ck_diag diag = {""};
    for (size_t i = 0; i < 7; i++) {
        record r;
        assert_int_equal(spill_get(s, i, &r, &diag), CK_OK);
        r = make(r.key + 100, r.tag);
        assert_int_equal(spill_put(s, i, &r, &diag), CK_OK);
    }
    record r = make(1000, 4);
    assert_int_equal(spill_put(s, 4, &r, &diag), CK_OK);
    const int64_t changed[] = {101, 102, 103, 104, 1000, 106, 107};
    expect_keys(s, changed, 7);
    /* and read backwards (each a read of its own) */
    for (size_t i = 7; i-- > 0;) {
        assert_int_equal(spill_get(s, i, &r, &diag), CK_OK);
        assert_int_equal(r.key, changed[i]);
    }
    spill_free(s);
}

/* Sorted in memory (qsort) and on the file: with a budget of 3 the 10 records are four runs
 * (3, 3, 3, 1) merged; with a budget of 1, ten runs of one. Equal keys (5 twice) come by tag,
 * the comparator's tie-break. */
static void test_sort(void **state)
{
    (void)state;
    const int64_t keys[] = {5, 9, 1, 5, 0, 8, 2, 7, 3, 6};
    const int64_t sorted[] = {0, 1, 2, 3, 5, 5, 6, 7, 8, 9};
    const size_t budgets[] = {100, 3, 1, 9};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        spill *s = filled(budgets[b], keys, 10);
        ck_diag diag = {""};
        assert_int_equal(spill_sort(s, compare_records, &diag), CK_OK);
        expect_keys(s, sorted, 10);
        record r;
        assert_int_equal(spill_get(s, 4, &r, &diag), CK_OK);
        assert_int_equal(r.tag, 0); /* the first 5 pushed */
        assert_int_equal(spill_get(s, 5, &r, &diag), CK_OK);
        assert_int_equal(r.tag, 3);
        spill_free(s);
    }
}

/* Many records through blocks of the real size: 100,000 records of 24 bytes with a budget
 * of 1,000 records: a hundred runs, each record where qsort puts it. */
static void test_sort_many(void **state)
{
    (void)state;
    enum { COUNT = 100000 };
    int64_t *keys = malloc(COUNT * sizeof *keys);
    assert_non_null(keys);
    uint64_t x = 88172645463325252u; /* xorshift: the same keys every run */
    for (size_t i = 0; i < COUNT; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        keys[i] = (int64_t)(x % 1000000);
    }
    spill *s = filled(1000, keys, COUNT);
    ck_diag diag = {""};
    assert_int_equal(spill_sort(s, compare_records, &diag), CK_OK);
    record previous = make(INT64_MIN, 0), r;
    for (size_t i = 0; i < COUNT; i++) {
        assert_int_equal(spill_get(s, i, &r, &diag), CK_OK);
        assert_true(compare_records(&previous, &r) < 0);
        assert_int_equal(r.key, keys[r.tag]); /* the record is one pushed, whole */
        previous = r;
    }
    spill_free(s);
    free(keys);
}

/* A folder that cannot hold the file: the push past the budget fails with CK_ERR_IO and says
 * where; the records pushed before stay readable. */
static void test_no_folder(void **state)
{
    (void)state;
    setenv("TMPDIR", "/nonexistent-collectkpi-folder", 1);
    spill *s = NULL;
    assert_int_equal(spill_new(sizeof(record), 2 * sizeof(record), &s), CK_OK);
    unsetenv("TMPDIR");
    ck_diag diag = {""};
    record r = make(1, 0);
    assert_int_equal(spill_push(s, &r, &diag), CK_OK);
    assert_int_equal(spill_push(s, &r, &diag), CK_OK);
    assert_int_equal(spill_push(s, &r, &diag), CK_ERR_IO);
    assert_non_null(strstr(diag.text, "/nonexistent-collectkpi-folder"));
    assert_int_equal(spill_count(s), 2);
    assert_int_equal(spill_get(s, 1, &r, &diag), CK_OK);
    assert_int_equal(r.key, 1);
    spill_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_memory), cmocka_unit_test(test_on_file_reads),
        cmocka_unit_test(test_put),       cmocka_unit_test(test_sort),
        cmocka_unit_test(test_sort_many), cmocka_unit_test(test_no_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
