/* vec.c - growing arrays (see vec.h). */
#include "collectkpi/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool vec_grow(void *items_ptr, size_t *capacity, size_t needed, size_t item_size)
{
    if (needed <= *capacity)
        return true;
    size_t grown = *capacity < 16 ? 16 : *capacity;
    while (grown < needed) {
        if (grown > SIZE_MAX / 2)
            return false;
        grown *= 2;
    }
    if (item_size != 0 && grown > SIZE_MAX / item_size)
        return false;
    /* The caller's pointer is a T *; object pointers share one representation here, so it is
     * copied in and out as bytes rather than cast through void ** (strict aliasing). */
    void *items;
    memcpy(&items, items_ptr, sizeof items);
    void *bigger = realloc(items, grown * item_size);
    if (bigger == NULL)
        return false;
    memcpy(items_ptr, &bigger, sizeof bigger);
    *capacity = grown;
    return true;
}
