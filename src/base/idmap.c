/* idmap.c - id -> dense slot, open addressing (see idmap.h). */
#include "collectkpi/idmap.h"

#include <stdlib.h>

void idmap_init(idmap *map)
{
    map->run_first = 0;
    map->run_count = 0;
    map->buckets = NULL;
    map->capacity = 0;
    map->count = 0;
}

void idmap_free(idmap *map)
{
    free(map->buckets);
    idmap_init(map);
}

static size_t bucket_of(int64_t id, size_t capacity)
{
    uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & (capacity - 1);
}

/* The id's place in the run, counted modulo 2^64 so that no id overflows (a run ending at
 * INT64_MAX goes on at INT64_MIN; still one id per slot). */
static uint64_t run_offset(const idmap *map, int64_t id)
{
    return (uint64_t)id - (uint64_t)map->run_first;
}

size_t idmap_find(const idmap *map, int64_t id)
{
    if (run_offset(map, id) < map->run_count)
        return (size_t)run_offset(map, id);
    if (map->capacity == 0)
        return IDMAP_NONE;
    for (size_t b = bucket_of(id, map->capacity);; b = (b + 1) & (map->capacity - 1)) {
        const idmap_bucket *bucket = &map->buckets[b];
        if (bucket->slot == IDMAP_NONE)
            return IDMAP_NONE;
        if (bucket->key == id)
            return bucket->slot;
    }
}

static ck_error grow(idmap *map)
{
    size_t capacity = map->capacity ? map->capacity * 2 : 1024;
    idmap_bucket *buckets = malloc(capacity * sizeof *buckets);
    if (buckets == NULL)
        return CK_ERR_NOMEM;
    for (size_t b = 0; b < capacity; b++)
        buckets[b].slot = IDMAP_NONE;
    for (size_t old = 0; old < map->capacity; old++) {
        if (map->buckets[old].slot == IDMAP_NONE)
            continue;
        size_t b = bucket_of(map->buckets[old].key, capacity);
        while (buckets[b].slot != IDMAP_NONE)
            b = (b + 1) & (capacity - 1);
        buckets[b] = map->buckets[old];
    }
    free(map->buckets);
    map->buckets = buckets;
    map->capacity = capacity;
    return CK_OK;
}

ck_error idmap_insert(idmap *map, int64_t id, size_t *slot, bool *added)
{
    if (run_offset(map, id) < map->run_count) {
        *slot = (size_t)run_offset(map, id);
        if (added)
            *added = false;
        return CK_OK;
    }
    /* the run grows while nothing has gone into the buckets (their ids are not in it) */
    if (map->count == map->run_count && map->run_count < SIZE_MAX - 1 &&
        (map->run_count == 0 || run_offset(map, id) == map->run_count)) {
        if (map->run_count == 0)
            map->run_first = id;
        *slot = map->count++;
        map->run_count++;
        if (added)
            *added = true;
        return CK_OK;
    }
    /* Keep the buckets' load factor under 1/2 so probes stay short. */
    if ((map->count - map->run_count + 1) * 2 > map->capacity) {
        ck_error err = grow(map);
        if (err != CK_OK)
            return err;
    }
    size_t b = bucket_of(id, map->capacity);
    while (map->buckets[b].slot != IDMAP_NONE) {
        if (map->buckets[b].key == id) {
            *slot = map->buckets[b].slot;
            if (added)
                *added = false;
            return CK_OK;
        }
        b = (b + 1) & (map->capacity - 1);
    }
    map->buckets[b].key = id;
    map->buckets[b].slot = map->count;
    *slot = map->count++;
    if (added)
        *added = true;
    return CK_OK;
}

int idmap_compare_ids(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

size_t idmap_sort_distinct(int64_t *ids, size_t count)
{
    if (count == 0)
        return 0;
    qsort(ids, count, sizeof *ids, idmap_compare_ids);
    size_t distinct = 1;
    for (size_t i = 1; i < count; i++)
        if (ids[distinct - 1] != ids[i])
            ids[distinct++] = ids[i];
    return distinct;
}
