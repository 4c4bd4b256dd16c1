/* idmap.h - a map from a database id (int64) to a dense slot number.
 *
 * The engine keys agents and cases by their INTEGER PRIMARY KEY, which another tool's
 * database may number sparsely; slots are dense 0..count-1 in insertion order, so per-slot
 * data lives in plain arrays. Open addressing with linear probing; key and slot share one
 * bucket so a lookup touches one cache line.
 *
 * Most databases number their rows 1, 2, 3, ... and the engine and import read them in
 * that order: while the ids come one after another, the map keeps only the first id and the
 * run's length (slot = id - first), so a million cases cost no bucket, no memory and no
 * cache miss. The first id out of the run (a gap, a step back) and every one after it go
 * into the buckets; the run stays as it was, so slots never change.
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
    int64_t run_first;     /* the id of slot 0 when run_count > 0 */
    size_t run_count;      /* slots 0..run_count-1 hold run_first, run_first + 1, ... */
    idmap_bucket *buckets; /* the ids out of the run */
    size_t capacity;       /* 0 or a power of two */
    size_t count;          /* every slot: the run's and the buckets' */
} idmap;

void idmap_init(idmap *map);
void idmap_free(idmap *map);
/* The slot of id, or IDMAP_NONE. */
size_t idmap_find(const idmap *map, int64_t id);
/* The slot of id, adding it as slot `count` when new; *added (if not NULL) says which. */
ck_error idmap_insert(idmap *map, int64_t id, size_t *slot, bool *added);

/* Lists of ids, beside the map: the qsort/bsearch order of two int64_t ids, and a list sorted
 * ascending with its repeats dropped, in place; returns how many distinct ids stay at the
 * front. */
int idmap_compare_ids(const void *a, const void *b);
size_t idmap_sort_distinct(int64_t *ids, size_t count);

#endif
