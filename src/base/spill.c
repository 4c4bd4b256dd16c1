/* spill.c - records in memory, then in an unnamed temporary file (see spill.h).
 *
 * In memory: `memory` holds records [0, count). On file: records [0, flushed) are in the file
 * at offset index * record_size, records [flushed, count) in `tail` (at most block_records),
 * and `cache` holds a copy of records [cache_first, cache_first + cache_count), possibly
 * changed (cache_dirty) and written back before it holds other records or the file is
 * sorted. The file never holds a stale record that the cache has changed when it is read
 * around the cache: every read looks in the cache first.
 */
#define _GNU_SOURCE /* O_TMPFILE, mkostemp */
#include "collectkpi/spill.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A block of reads or appends: few system calls, little memory. */
#define SPILL_BLOCK_BYTES ((size_t)256 << 10)

struct spill {
    size_t record_size;
    size_t budget_records; /* records kept in memory before the file */
    size_t count;
    unsigned char *memory; /* in memory: the records; NULL on file */
    size_t memory_capacity;
    int fd;    /* -1 while in memory */
    char *dir; /* the folder of the file, named at spill_new */
    size_t block_records;
    size_t flushed;
    unsigned char *tail;
    unsigned char *cache;
    size_t cache_first, cache_count;
    bool cache_dirty;
    size_t last_read; /* the index read last (SIZE_MAX: none): a read after it is in order */
};

static unsigned char *at(unsigned char *base, const spill *s, size_t index)
{
    return base + index * s->record_size;
}

static ck_error io_failed(const spill *s, const char *what, int error_number, ck_diag *diag)
{
    bool full = error_number == ENOSPC || error_number == EDQUOT || error_number == EFBIG;
    ck_diag_set(diag, "cannot %s the temporary file in '%s': %s; %s", what, s->dir,
                strerror(error_number),
                full ? "free space there or set TMPDIR to a folder with room"
                     : "set TMPDIR to another folder");
    return CK_ERR_IO;
}

/* Writes to fd, s's file or the one a sort merges into. */
static ck_error write_fd(const spill *s, int fd, const void *bytes, size_t size, size_t offset,
                         ck_diag *diag)
{
    const unsigned char *p = bytes;
    while (size > 0) {
        ssize_t n = pwrite(fd, p, size, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return io_failed(s, "write", n < 0 ? errno : ENOSPC, diag);
        p += n;
        size -= (size_t)n;
        offset += (size_t)n;
    }
    return CK_OK;
}

static ck_error write_at(const spill *s, const void *bytes, size_t size, size_t offset,
                         ck_diag *diag)
{
    return write_fd(s, s->fd, bytes, size, offset, diag);
}

static ck_error read_at(const spill *s, void *bytes, size_t size, size_t offset, ck_diag *diag)
{
    unsigned char *p = bytes;
    while (size > 0) {
        ssize_t n = pread(s->fd, p, size, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return io_failed(s, "read", n < 0 ? errno : EIO, diag);
        p += n;
        size -= (size_t)n;
        offset += (size_t)n;
    }
    return CK_OK;
}

/* An unnamed file in dir: O_TMPFILE where the file system has it, else a named one unlinked
 * at once. Either way nothing is left behind, not even after kill -9. */
static int open_temporary(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/.collectkpi-spill-XXXXXX", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    return fd;
}

ck_error spill_new(size_t record_size, size_t memory_budget, spill **out)
{
    assert(record_size > 0);
    *out = NULL;
    spill *s = calloc(1, sizeof *s);
    if (s == NULL)
        return CK_ERR_NOMEM;
    s->record_size = record_size;
    size_t budget = memory_budget != 0 ? memory_budget : SPILL_DEFAULT_BUDGET;
    s->budget_records = budget / record_size > 0 ? budget / record_size : 1;
    s->fd = -1;
    const char *tmpdir = getenv("TMPDIR");
    s->dir = strdup(tmpdir != NULL && tmpdir[0] != '\0' ? tmpdir : "/tmp");
    if (s->dir == NULL) {
        free(s);
        return CK_ERR_NOMEM;
    }
    s->block_records = SPILL_BLOCK_BYTES / record_size > 0 ? SPILL_BLOCK_BYTES / record_size : 1;
    s->last_read = SIZE_MAX;
    *out = s;
    return CK_OK;
}

size_t spill_count(const spill *s)
{
    return s->count;
}

int spill_on_file(const spill *s)
{
    return s->fd >= 0;
}

/* The records in memory go to a new file; memory then holds the two blocks. */
static ck_error move_to_file(spill *s, ck_diag *diag)
{
    unsigned char *tail = malloc(s->block_records * s->record_size);
    unsigned char *cache = malloc(s->block_records * s->record_size);
    ck_error err = tail != NULL && cache != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK && (s->fd = open_temporary(s->dir)) < 0)
        err = io_failed(s, "create", errno, diag);
    if (err == CK_OK &&
        (err = write_at(s, s->memory, s->count * s->record_size, 0, diag)) != CK_OK) {
        close(s->fd);
        s->fd = -1;
    }
    if (err != CK_OK) {
        free(tail);
        free(cache);
        return err;
    }
    free(s->memory);
    s->memory = NULL;
    s->memory_capacity = 0;
    s->flushed = s->count;
    s->tail = tail;
    s->cache = cache;
    s->cache_count = 0;
    return CK_OK;
}

static ck_error flush_tail(spill *s, ck_diag *diag)
{
    size_t n = s->count - s->flushed;
    ck_error err = write_at(s, s->tail, n * s->record_size, s->flushed * s->record_size, diag);
    if (err == CK_OK)
        s->flushed = s->count;
    return err;
}

static ck_error flush_cache(spill *s, ck_diag *diag)
{
    if (!s->cache_dirty)
        return CK_OK;
    ck_error err = write_at(s, s->cache, s->cache_count * s->record_size,
                            s->cache_first * s->record_size, diag);
    if (err == CK_OK)
        s->cache_dirty = false;
    return err;
}

ck_error spill_push(spill *s, const void *record, ck_diag *diag)
{
    if (s->fd < 0 && s->count < s->budget_records) {
        if (s->count == s->memory_capacity) {
            size_t capacity = s->memory_capacity != 0 ? 2 * s->memory_capacity : 64;
            if (capacity > s->budget_records)
                capacity = s->budget_records;
            unsigned char *grown = realloc(s->memory, capacity * s->record_size);
            if (grown == NULL)
                return CK_ERR_NOMEM;
            s->memory = grown;
            s->memory_capacity = capacity;
        }
        memcpy(at(s->memory, s, s->count++), record, s->record_size);
        return CK_OK;
    }
    ck_error err = CK_OK;
    if (s->fd < 0 && (err = move_to_file(s, diag)) != CK_OK)
        return err;
    if (s->count - s->flushed == s->block_records && (err = flush_tail(s, diag)) != CK_OK)
        return err;
    memcpy(at(s->tail, s, s->count - s->flushed), record, s->record_size);
    s->count++;
    return CK_OK;
}

/* Where record `index` is in memory, loading the block from it on when the read is in order;
 * NULL when it is in the file only (read or written by itself). */
static ck_error locate(spill *s, size_t index, bool in_order, unsigned char **where, ck_diag *diag)
{
    *where = NULL;
    if (s->fd < 0) {
        *where = at(s->memory, s, index);
        return CK_OK;
    }
    if (index >= s->flushed) {
        *where = at(s->tail, s, index - s->flushed);
        return CK_OK;
    }
    if (index >= s->cache_first && index - s->cache_first < s->cache_count) {
        *where = at(s->cache, s, index - s->cache_first);
        return CK_OK;
    }
    if (!in_order)
        return CK_OK;
    ck_error err = flush_cache(s, diag);
    if (err != CK_OK)
        return err;
    size_t n = s->flushed - index < s->block_records ? s->flushed - index : s->block_records;
    s->cache_count = 0;
    if ((err = read_at(s, s->cache, n * s->record_size, index * s->record_size, diag)) != CK_OK)
        return err;
    s->cache_first = index;
    s->cache_count = n;
    *where = s->cache;
    return CK_OK;
}

ck_error spill_get(spill *s, size_t index, void *record, ck_diag *diag)
{
    assert(index < s->count);
    bool in_order = index == 0 || s->last_read == index - 1;
    s->last_read = index;
    unsigned char *where;
    ck_error err = locate(s, index, in_order, &where, diag);
    if (err != CK_OK)
        return err;
    if (where == NULL)
        return read_at(s, record, s->record_size, index * s->record_size, diag);
    memcpy(record, where, s->record_size);
    return CK_OK;
}

ck_error spill_put(spill *s, size_t index, const void *record, ck_diag *diag)
{
    assert(index < s->count);
    unsigned char *where;
    ck_error err = locate(s, index, false, &where, diag);
    if (err != CK_OK)
        return err;
    if (where == NULL)
        return write_at(s, record, s->record_size, index * s->record_size, diag);
    memcpy(where, record, s->record_size);
    s->cache_dirty = s->cache_dirty || (s->fd >= 0 && index < s->flushed);
    return CK_OK;
}

/* A sorted run of the file being merged: records [next, end), the block from next in buf. */
typedef struct spill_run {
    size_t next, end;
    unsigned char *buf;
    size_t buf_first, buf_count;
} spill_run;

typedef struct spill_merge {
    spill *s;
    spill_run *runs;
    size_t *heap; /* run numbers, smallest head first */
    size_t heap_count;
    size_t run_block; /* records per run's block */
    int (*compare)(const void *, const void *);
} spill_merge;

static const void *run_head(const spill_merge *m, size_t r)
{
    const spill_run *run = &m->runs[r];
    return at(run->buf, m->s, run->next - run->buf_first);
}

/* Orders runs by their heads; ties by run number, so the merge is deterministic. */
static bool run_before(const spill_merge *m, size_t a, size_t b)
{
    int c = m->compare(run_head(m, a), run_head(m, b));
    return c < 0 || (c == 0 && a < b);
}

static void sift_down(spill_merge *m, size_t i)
{
    for (;;) {
        size_t left = 2 * i + 1, smallest = i;
        if (left < m->heap_count && run_before(m, m->heap[left], m->heap[smallest]))
            smallest = left;
        if (left + 1 < m->heap_count && run_before(m, m->heap[left + 1], m->heap[smallest]))
            smallest = left + 1;
        if (smallest == i)
            return;
        size_t t = m->heap[i];
        m->heap[i] = m->heap[smallest];
        m->heap[smallest] = t;
        i = smallest;
    }
}

/* Makes sure run r's head is in its block; false in *more when the run is done. */
static ck_error run_fill(spill_merge *m, size_t r, bool *more, ck_diag *diag)
{
    spill_run *run = &m->runs[r];
    *more = run->next < run->end;
    if (!*more || run->next - run->buf_first < run->buf_count)
        return CK_OK;
    size_t n = run->end - run->next < m->run_block ? run->end - run->next : m->run_block;
    run->buf_first = run->next;
    run->buf_count = n;
    return read_at(m->s, run->buf, n * m->s->record_size, run->next * m->s->record_size, diag);
}

/* Merges the sorted runs of run_records records each into a new file, written a block at a
 * time from out. */
static ck_error merge_runs(spill *s, size_t run_records, int (*compare)(const void *, const void *),
                           unsigned char *memory, int *merged_fd, ck_diag *diag)
{
    size_t run_count = (s->count + run_records - 1) / run_records;
    spill_merge m = {
        s, calloc(run_count, sizeof *m.runs), calloc(run_count, sizeof *m.heap), 0, 0, compare};
    ck_error err = m.runs != NULL && m.heap != NULL ? CK_OK : CK_ERR_NOMEM;
    /* memory (the budget) is cut into a block per run and one for the output */
    m.run_block = s->budget_records / (run_count + 1);
    if (m.run_block == 0)
        m.run_block = 1;
    unsigned char *out = NULL, *extra = NULL;
    if (m.run_block * (run_count + 1) > s->budget_records) /* a tiny budget: blocks of one */
        memory = extra = malloc((run_count + 1) * s->record_size);
    if (err == CK_OK && memory == NULL)
        err = CK_ERR_NOMEM;
    int fd = -1;
    if (err == CK_OK && (fd = open_temporary(s->dir)) < 0)
        err = io_failed(s, "create", errno, diag);
    for (size_t r = 0; err == CK_OK && r < run_count; r++) {
        spill_run *run = &m.runs[r];
        run->next = r * run_records;
        run->end = run->next + run_records < s->count ? run->next + run_records : s->count;
        run->buf = at(memory, s, r * m.run_block);
        bool more;
        if ((err = run_fill(&m, r, &more, diag)) == CK_OK)
            m.heap[m.heap_count++] = r;
    }
    if (err == CK_OK) {
        out = at(memory, s, run_count * m.run_block);
        for (size_t i = m.heap_count; i-- > 0;)
            sift_down(&m, i);
    }
    size_t written = 0, out_count = 0;
    while (err == CK_OK && m.heap_count > 0) {
        size_t r = m.heap[0];
        memcpy(at(out, s, out_count++), run_head(&m, r), s->record_size);
        m.runs[r].next++;
        bool more;
        err = run_fill(&m, r, &more, diag);
        if (err != CK_OK)
            break; /* the run's block may be torn: compare nothing more */
        if (!more)
            m.heap[0] = m.heap[--m.heap_count];
        sift_down(&m, 0);
        if (out_count == m.run_block || m.heap_count == 0) {
            err = write_fd(s, fd, out, out_count * s->record_size, written * s->record_size, diag);
            written += out_count;
            out_count = 0;
        }
    }
    if (err != CK_OK && fd >= 0)
        close(fd);
    *merged_fd = err == CK_OK ? fd : -1;
    free(extra);
    free(m.heap);
    free(m.runs);
    return err;
}

ck_error spill_sort(spill *s, int (*compare)(const void *, const void *), ck_diag *diag)
{
    if (s->fd < 0) {
        if (s->count > 1)
            qsort(s->memory, s->count, s->record_size, compare);
        return CK_OK;
    }
    ck_error err = flush_cache(s, diag);
    if (err == CK_OK)
        err = flush_tail(s, diag);
    if (err != CK_OK)
        return err;
    s->cache_count = 0;
    /* Sorted runs of the budget's size, each written back in its place... */
    size_t run_records = s->budget_records;
    unsigned char *memory = malloc(run_records * s->record_size);
    if (memory == NULL)
        return CK_ERR_NOMEM;
    for (size_t first = 0; err == CK_OK && first < s->count; first += run_records) {
        size_t n = s->count - first < run_records ? s->count - first : run_records;
        err = read_at(s, memory, n * s->record_size, first * s->record_size, diag);
        if (err == CK_OK) {
            qsort(memory, n, s->record_size, compare);
            err = write_at(s, memory, n * s->record_size, first * s->record_size, diag);
        }
    }
    /* ...then merged into a new file, which replaces the old. */
    int merged_fd = -1;
    if (err == CK_OK && s->count > run_records)
        err = merge_runs(s, run_records, compare, memory, &merged_fd, diag);
    free(memory);
    if (err == CK_OK && merged_fd >= 0) {
        close(s->fd);
        s->fd = merged_fd;
    }
    s->last_read = SIZE_MAX;
    return err;
}

void spill_free(spill *s)
{
    if (s == NULL)
        return;
    if (s->fd >= 0)
        close(s->fd);
    free(s->memory);
    free(s->tail);
    free(s->cache);
    free(s->dir);
    free(s);
}
