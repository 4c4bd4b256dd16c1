/* vec.h - the one way an array grows.
 *
 * Every list the program builds (rows read from SQLite, judged promises, CSV fields, demo
 * events) grows through vec_reserve: capacity doubles, the size arithmetic is checked for
 * overflow, and a failed allocation leaves the array as it was so the caller can clean up.
 */
#ifndef COLLECTKPI_VEC_H
#define COLLECTKPI_VEC_H

#include <stdbool.h>
#include <stddef.h>

/* vec_reserve's growing half: reallocates to the next doubling that holds `needed`. */
bool vec_grow(void *items_ptr, size_t *capacity, size_t needed, size_t item_size);

/* Makes room for at least `needed` items of `item_size` bytes in the array whose pointer is
 * at `items_ptr` (a T ** passed as void *) and whose slot count is *capacity. Returns false
 * (array untouched) when memory runs out or the size would overflow. Inline: the CSV
 * reader asks four times for every field, and the array nearly always has the room. */
static inline bool vec_reserve(void *items_ptr, size_t *capacity, size_t needed, size_t item_size)
{
    return needed <= *capacity || vec_grow(items_ptr, capacity, needed, item_size);
}

/* VEC_RESERVE(array, capacity, needed) for a typed `T *array`. */
#define VEC_RESERVE(items, capacity, needed)                                                       \
    vec_reserve(&(items), &(capacity), (needed), sizeof *(items))

/* VEC_PUSH(array, count, capacity, value): appends one item; false when out of memory. */
#define VEC_PUSH(items, count, capacity, value)                                                    \
    (VEC_RESERVE(items, capacity, (count) + 1) ? ((items)[(count)++] = (value), true) : false)

#endif
