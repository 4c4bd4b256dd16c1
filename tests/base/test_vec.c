/* test_vec.c - the one way an array grows: room already there (no reallocation), doubling
 * from 16, and sizes that would overflow refused with the array left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "collectkpi/vec.h"

static void test_first_growth_is_16(void **state)
{
    (void)state;
    int *items = NULL;
    size_t capacity = 0;
    /* an empty array asked for 1 slot gets the minimum, 16 */
    assert_true(VEC_RESERVE(items, capacity, 1));
    assert_non_null(items);
    assert_int_equal(capacity, 16);
    free(items);
}

static void test_doubles_to_hold_needed(void **state)
{
    (void)state;
    int *items = NULL;
    size_t capacity = 0;
    /* 100 slots: 16 -> 32 -> 64 -> 128, the first doubling that holds 100 */
    assert_true(VEC_RESERVE(items, capacity, 100));
    assert_int_equal(capacity, 128);
    for (int i = 0; i < 100; i++)
        items[i] = i;
    /* 129: 128 -> 256; the items are kept */
    assert_true(VEC_RESERVE(items, capacity, 129));
    assert_int_equal(capacity, 256);
    assert_int_equal(items[0], 0);
    assert_int_equal(items[99], 99);
    free(items);
}

static void test_room_already_there(void **state)
{
    (void)state;
    int *items = NULL;
    size_t capacity = 0;
    assert_true(VEC_RESERVE(items, capacity, 16));
    int *before = items;
    /* 0, 1 and 16 fit in 16: same array, same capacity */
    assert_true(VEC_RESERVE(items, capacity, 0));
    assert_true(VEC_RESERVE(items, capacity, 1));
    assert_true(VEC_RESERVE(items, capacity, 16));
    assert_ptr_equal(items, before);
    assert_int_equal(capacity, 16);
    free(items);
}

static void test_overflow_refused(void **state)
{
    (void)state;
    int64_t *items = NULL;
    size_t capacity = 0;
    assert_true(VEC_RESERVE(items, capacity, 4));
    items[3] = 42;
    int64_t *before = items;
    /* SIZE_MAX / 4 slots of 8 bytes: the doubling reaches 2^62 (SIZE_MAX / 4 + 1 on 64
     * bits), whose bytes (2^65) do not fit in a size_t: refused, array untouched */
    assert_false(VEC_RESERVE(items, capacity, SIZE_MAX / 4));
    /* SIZE_MAX slots: the doubling itself would pass SIZE_MAX: refused */
    assert_false(VEC_RESERVE(items, capacity, SIZE_MAX));
    assert_ptr_equal(items, before);
    assert_int_equal(capacity, 16);
    assert_int_equal(items[3], 42);
    free(items);
}

static void test_push(void **state)
{
    (void)state;
    char *items = NULL;
    size_t count = 0, capacity = 0;
    /* 17 pushes: the 17th grows 16 -> 32 */
    for (char c = 'a'; c < 'a' + 17; c++)
        assert_true(VEC_PUSH(items, count, capacity, c));
    assert_int_equal(count, 17);
    assert_int_equal(capacity, 32);
    assert_int_equal(items[0], 'a');
    assert_int_equal(items[16], 'q');
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_growth_is_16),
        cmocka_unit_test(test_doubles_to_hold_needed),
        cmocka_unit_test(test_room_already_there),
        cmocka_unit_test(test_overflow_refused),
        cmocka_unit_test(test_push),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
