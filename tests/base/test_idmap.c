/* test_idmap.c - id -> slot: the run of consecutive ids kept as (first, length), the ids out
 * of it in buckets, and the same slots either way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "collectkpi/idmap.h"

static size_t insert(idmap *map, int64_t id, bool *added)
{
    size_t slot = IDMAP_NONE;
    assert_int_equal(idmap_insert(map, id, &slot, added), CK_OK);
    return slot;
}

static void test_empty(void **state)
{
    (void)state;
    idmap map;
    idmap_init(&map);
    /* nothing stored: every id, 0 included (the empty run starts at 0), is absent */
    assert_true(idmap_find(&map, 0) == IDMAP_NONE);
    assert_true(idmap_find(&map, 1) == IDMAP_NONE);
    assert_true(idmap_find(&map, INT64_MIN) == IDMAP_NONE);
    idmap_free(&map);
}

static void test_run_then_gap(void **state)
{
    (void)state;
    idmap map;
    bool added;
    idmap_init(&map);
    /* 5, 6, 7: a run, slots 0, 1, 2 */
    assert_int_equal(insert(&map, 5, &added), 0);
    assert_true(added);
    assert_int_equal(insert(&map, 6, &added), 1);
    assert_int_equal(insert(&map, 7, &added), 2);
    assert_int_equal(map.run_count, 3);
    assert_null(map.buckets);
    /* 6 again: known, its slot 1 */
    assert_int_equal(insert(&map, 6, &added), 1);
    assert_false(added);
    /* 9 (a gap): slot 3, into the buckets; the run stays 5..7 */
    assert_int_equal(insert(&map, 9, &added), 3);
    assert_true(added);
    assert_int_equal(map.run_count, 3);
    /* 8 would have continued the run, but 9 is in the buckets already: bucket, slot 4 */
    assert_int_equal(insert(&map, 8, &added), 4);
    assert_true(added);
    assert_int_equal(map.run_count, 3);
    /* 4 (a step back): slot 5 */
    assert_int_equal(insert(&map, 4, &added), 5);
    /* every id finds its slot; the neighbours 3 and 10 are absent */
    assert_int_equal(idmap_find(&map, 5), 0);
    assert_int_equal(idmap_find(&map, 6), 1);
    assert_int_equal(idmap_find(&map, 7), 2);
    assert_int_equal(idmap_find(&map, 9), 3);
    assert_int_equal(idmap_find(&map, 8), 4);
    assert_int_equal(idmap_find(&map, 4), 5);
    assert_true(idmap_find(&map, 3) == IDMAP_NONE);
    assert_true(idmap_find(&map, 10) == IDMAP_NONE);
    assert_int_equal(map.count, 6);
    idmap_free(&map);
}

static void test_run_wraps_at_int64_max(void **state)
{
    (void)state;
    idmap map;
    bool added;
    idmap_init(&map);
    /* INT64_MAX - 1, INT64_MAX: a run of 2 with no overflow; INT64_MIN after it is counted
     * modulo 2^64 as the run's third id: slot 2, and every id still has one slot */
    assert_int_equal(insert(&map, INT64_MAX - 1, &added), 0);
    assert_int_equal(insert(&map, INT64_MAX, &added), 1);
    assert_int_equal(insert(&map, INT64_MIN, &added), 2);
    assert_true(added);
    assert_int_equal(idmap_find(&map, INT64_MIN), 2);
    assert_int_equal(idmap_find(&map, INT64_MAX), 1);
    /* 0 is 2^63 + 2 past the run's start (modulo 2^64): absent */
    assert_true(idmap_find(&map, 0) == IDMAP_NONE);
    assert_true(idmap_find(&map, INT64_MIN + 1) == IDMAP_NONE);
    idmap_free(&map);
}

/* Hostile ids: multiples of 2^21 plus N (they would share one bucket under an identity
 * hash) and a descending run; every slot must come back and stay distinct. */
static void test_many_sparse_and_dense(void **state)
{
    (void)state;
    idmap map;
    bool added;
    enum { N = 50000 };
    idmap_init(&map);
    for (int64_t i = 1; i <= N; i++)
        assert_int_equal(insert(&map, i, &added), (size_t)(i - 1)); /* the run: 1..N */
    for (int64_t i = 1; i <= N; i++)
        assert_int_equal(insert(&map, i * ((int64_t)1 << 21) + N, &added), (size_t)(N + i - 1));
    for (int64_t i = 0; i < N; i++)
        assert_int_equal(insert(&map, -i, &added), (size_t)(2 * N + i)); /* 0, -1, -2, ... */
    assert_int_equal(map.count, 3 * N);
    assert_int_equal(map.run_count, N);
    for (int64_t i = 1; i <= N; i++) {
        assert_int_equal(idmap_find(&map, i), (size_t)(i - 1));
        assert_int_equal(idmap_find(&map, i * ((int64_t)1 << 21) + N), (size_t)(N + i - 1));
        assert_int_equal(idmap_find(&map, 1 - i), (size_t)(2 * N + i - 1));
    }
    assert_true(idmap_find(&map, N + 1) == IDMAP_NONE);
    assert_true(idmap_find(&map, -N) == IDMAP_NONE);
    idmap_free(&map);
    /* freed: empty again, and a new run can start anywhere */
    assert_true(idmap_find(&map, 1) == IDMAP_NONE);
    assert_int_equal(insert(&map, 100, &added), 0);
    assert_int_equal(insert(&map, 101, &added), 1);
    assert_int_equal(map.run_count, 2);
    idmap_free(&map);
}

/* Lists of ids beside the map: sorted, repeats dropped, in place. */
static void test_sort_distinct(void **state)
{
    (void)state;
    /* {5, -2, 5, 9, -2, 0, INT64_MAX, INT64_MIN}: sorted INT64_MIN, -2, -2, 0, 5, 5, 9,
     * INT64_MAX, so six distinct ids (the extremes compare without overflow) */
    int64_t ids[] = {5, -2, 5, 9, -2, 0, INT64_MAX, INT64_MIN};
    const int64_t want[] = {INT64_MIN, -2, 0, 5, 9, INT64_MAX};
    assert_int_equal(idmap_sort_distinct(ids, 8), 6);
    for (size_t i = 0; i < 6; i++)
        assert_true(ids[i] == want[i]);
    int64_t same[] = {7, 7, 7};
    assert_int_equal(idmap_sort_distinct(same, 3), 1); /* one id three times */
    assert_true(same[0] == 7);
    assert_int_equal(idmap_sort_distinct(NULL, 0), 0); /* nothing to sort */
    int64_t a = 3, b = 4;
    assert_true(idmap_compare_ids(&a, &b) < 0 && idmap_compare_ids(&b, &a) > 0 &&
                idmap_compare_ids(&a, &a) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_run_then_gap),
        cmocka_unit_test(test_run_wraps_at_int64_max),
        cmocka_unit_test(test_many_sparse_and_dense),
        cmocka_unit_test(test_sort_distinct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
