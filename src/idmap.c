/* idmap.c - id -> dense slot, open addressing (see idmap.h). */
#include "collectkpi/idmap.h"

#include <stdlib.h>

void idmap_init(idmap *map)
{
    map->keys = NULL;
    map->slots = NULL;
    map->capacity = 0;
    map->count = 0;
}

void idmap_free(idmap *map)
{
    free(map->keys);
    free(map->slots);
    idmap_init(map);
}

static size_t bucket_of(int64_t id, size_t capacity)
{
    uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 17) & (capacity - 1);
}

size_t idmap_find(const idmap *map, int64_t id)
{
    if (map->capacity == 0)
        return IDMAP_NONE;
    for (size_t b = bucket_of(id, map->capacity);; b = (b + 1) & (map->capacity - 1)) {
        if (map->slots[b] == IDMAP_NONE)
            return IDMAP_NONE;
        if (map->keys[b] == id)
            return map->slots[b];
    }
}

static ck_error grow(idmap *map)
{
    size_t capacity = map->capacity ? map->capacity * 2 : 1024;
    int64_t *keys = malloc(capacity * sizeof *keys);
    size_t *slots = malloc(capacity * sizeof *slots);
    if (keys == NULL || slots == NULL) {
        free(keys);
        free(slots);
        return CK_ERR_NOMEM;
    }
    for (size_t b = 0; b < capacity; b++)
        slots[b] = IDMAP_NONE;
    for (size_t old = 0; old < map->capacity; old++) {
        if (map->slots[old] == IDMAP_NONE)
            continue;
        size_t b = bucket_of(map->keys[old], capacity);
        while (slots[b] != IDMAP_NONE)
            b = (b + 1) & (capacity - 1);
        keys[b] = map->keys[old];
        slots[b] = map->slots[old];
    }
    free(map->keys);
    free(map->slots);
    map->keys = keys;
    map->slots = slots;
    map->capacity = capacity;
    return CK_OK;
}

ck_error idmap_insert(idmap *map, int64_t id, size_t *slot, bool *added)
{
    /* Keep the load factor under 1/2 so probes stay short. */
    if ((map->count + 1) * 2 > map->capacity) {
        ck_error err = grow(map);
        if (err != CK_OK)
            return err;
    }
    size_t b = bucket_of(id, map->capacity);
    while (map->slots[b] != IDMAP_NONE) {
        if (map->keys[b] == id) {
            *slot = map->slots[b];
            if (added)
                *added = false;
            return CK_OK;
        }
        b = (b + 1) & (map->capacity - 1);
    }
    map->keys[b] = id;
    map->slots[b] = map->count;
    *slot = map->count++;
    if (added)
        *added = true;
    return CK_OK;
}
