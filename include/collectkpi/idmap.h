/* idmap.h - a map from a database id (int64) to a dense slot number.
 *
 * The engine keys agents and cases by their INTEGER PRIMARY KEY, which another tool's
 * database may number sparsely; slots are dense 0..count-1 in insertion order, so per-slot
 * data lives in plain arrays. Open addressing with linear probing; key and slot share one
 * bucket so a lookup touches one cache line.
 */
#ifndef COLLECTKPI_IDMAP_H
#define COLLECTKPI_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"

#define IDMAP_NONE SIZE_MAX

typedef struct idmap_bucket {
    int64_t key;
    size_t slot; /* IDMAP_NONE marks an empty bucket */
} idmap_bucket;

typedef struct idmap {
    idmap_bucket *buckets;
    size_t capacity; /* a power of two */
    size_t count;
} idmap;

void idmap_init(idmap *map);
void idmap_free(idmap *map);
/* The slot of id, or IDMAP_NONE. */
size_t idmap_find(const idmap *map, int64_t id);
/* The slot of id, adding it as slot `count` when new; *added (if not NULL) says which. */
ck_error idmap_insert(idmap *map, int64_t id, size_t *slot, bool *added);

#endif
