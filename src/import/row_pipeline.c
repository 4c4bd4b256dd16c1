/* row_pipeline.c - CSV records read and prepared on a second thread (see row_pipeline.h).
 *
 * Batches go round between two lists under one mutex: `free` (empty, for the reading
 * thread to fill) and `full` (filled, in file order, for the calling thread). A batch's
 * field bytes live in one arena that never moves while the batch is filled, so a prepared
 * slot may point into them; the arrays of field pointers may grow (records refer to them by
 * index). The reading thread waits when every batch is full, the calling thread when none
 * is; a calling thread that stops early sets `cancel`, which the reading thread sees when it
 * next needs a batch.
 */
#include "row_pipeline.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/vec.h"

#define BATCH_COUNT   4
#define BATCH_RECORDS 1024
/* a record's fields fit in an empty arena: csv_reader refuses records over 1 MiB, and its
 * field bytes plus one NUL a field are at most twice that (a larger one grows the arena) */
#define ARENA_SIZE ((size_t)2 << 20)

typedef struct batch_record {
    long line;
    size_t field_count, first_field;
    size_t first_note, note_count;
} batch_record;

struct row_pipeline_notes {
    char **texts;
    size_t count, capacity;
    bool failed; /* a note could not be kept */
};

typedef struct batch {
    size_t count;
    size_t first_index; /* the file's record index of records[0] */
    batch_record records[BATCH_RECORDS];
    unsigned char *slots; /* BATCH_RECORDS slots */
    char *arena;
    size_t arena_used, arena_size;
    const char **texts;
    size_t *lens;
    size_t field_count, texts_capacity, lens_capacity;
    row_pipeline_notes notes;
    bool has_progress;
    uint64_t done, total;
    struct batch *next;
} batch;

typedef struct pipeline {
    const row_pipeline_options *options;
    FILE *in;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch *free_list;             /* empty batches */
    batch *full_head, *full_tail; /* filled batches, in file order */
    bool finished, cancel;        /* under lock */
    /* the reading thread's own; read by the caller after the join */
    batch *current;
    size_t records;
    ck_error read_err;
    long bad_line;
    ck_diag why;
} pipeline;

void row_pipeline_note(row_pipeline_notes *notes, const char *text)
{
    char *copy = strdup(text);
    if (copy == NULL || !VEC_RESERVE(notes->texts, notes->capacity, notes->count + 1)) {
        free(copy);
        notes->failed = true;
        return;
    }
    notes->texts[notes->count++] = copy;
}

static void batch_clear(batch *b)
{
    for (size_t i = 0; i < b->notes.count; i++)
        free(b->notes.texts[i]);
    b->notes.count = 0;
    b->notes.failed = false;
    b->count = 0;
    b->arena_used = 0;
    b->field_count = 0;
    b->has_progress = false;
}

static void batch_free(batch *b)
{
    if (b == NULL)
        return;
    batch_clear(b);
    free(b->notes.texts);
    free(b->slots);
    free(b->arena);
    free(b->texts);
    free(b->lens);
    free(b);
}

/* Hands the filled batch over (if any) and takes an empty one; false when cancelled. */
static bool next_batch(pipeline *p, bool take)
{
    pthread_mutex_lock(&p->lock);
    if (p->current != NULL) {
        if (p->full_tail != NULL)
            p->full_tail->next = p->current;
        else
            p->full_head = p->current;
        p->full_tail = p->current;
        p->current->next = NULL;
        p->current = NULL;
        pthread_cond_broadcast(&p->changed);
    }
    while (take && p->free_list == NULL && !p->cancel)
        pthread_cond_wait(&p->changed, &p->lock);
    bool cancelled = p->cancel;
    if (take && !cancelled) {
        p->current = p->free_list;
        p->free_list = p->current->next;
        batch_clear(p->current);
        p->current->first_index = p->records;
    }
    pthread_mutex_unlock(&p->lock);
    return !cancelled;
}

/* A record's fields from the batch's arrays, which are still NULL while no record of the
 * batch had a field (NULL + 0 is undefined). */
static const char **fields_at(const char **texts, size_t first)
{
    return texts != NULL ? texts + first : NULL;
}

static size_t *lens_at(size_t *lens, size_t first)
{
    return lens != NULL ? lens + first : NULL;
}

/* The bytes a record's fields take in the arena. */
static size_t record_bytes(const csv_record *rec)
{
    size_t bytes = 0;
    for (size_t i = 0; i < rec->count; i++)
        if (rec->text[i] != NULL)
            bytes += rec->len[i] + 1;
    return bytes;
}

static ck_error on_record(void *ctx, const csv_record *rec)
{
    pipeline *p = ctx;
    const row_pipeline_options *o = p->options;
    size_t bytes = record_bytes(rec);
    batch *b = p->current;
    if (b == NULL || b->count == BATCH_RECORDS || b->arena_used + bytes > b->arena_size) {
        if (!next_batch(p, true))
            return CK_ERR_PROGRAM; /* the caller stopped; it returns its own result */
        b = p->current;
    }
    if (bytes > b->arena_size) { /* an empty batch: nothing points into the arena yet */
        char *bigger = realloc(b->arena, bytes);
        if (bigger == NULL)
            return CK_ERR_NOMEM;
        b->arena = bigger;
        b->arena_size = bytes;
    }
    if (!VEC_RESERVE(b->texts, b->texts_capacity, b->field_count + rec->count) ||
        !VEC_RESERVE(b->lens, b->lens_capacity, b->field_count + rec->count))
        return CK_ERR_NOMEM;
    batch_record *r = &b->records[b->count];
    *r = (batch_record){.line = rec->line,
                        .field_count = rec->count,
                        .first_field = b->field_count,
                        .first_note = b->notes.count};
    for (size_t i = 0; i < rec->count; i++) {
        size_t f = b->field_count + i;
        b->lens[f] = rec->len[i];
        b->texts[f] = NULL;
        if (rec->text[i] == NULL)
            continue;
        char *copy = b->arena + b->arena_used;
        memcpy(copy, rec->text[i], rec->len[i]);
        copy[rec->len[i]] = '\0';
        b->arena_used += rec->len[i] + 1;
        b->texts[f] = copy;
    }
    b->field_count += rec->count;
    csv_record copy = {.count = rec->count,
                       .text = fields_at(b->texts, r->first_field),
                       .len = lens_at(b->lens, r->first_field),
                       .line = rec->line};
    void *slot = b->slots + b->count * o->slot_size;
    memset(slot, 0, o->slot_size);
    o->prepare(o->prepare_ctx, &copy, p->records, slot, &b->notes);
    if (b->notes.failed)
        return CK_ERR_NOMEM;
    r->note_count = b->notes.count - r->first_note;
    b->count++;
    p->records++;
    return CK_OK;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    pipeline *p = ctx;
    if (p->current == NULL)
        return; /* nothing read yet: the next batch reports it */
    p->current->has_progress = true;
    p->current->done = done;
    p->current->total = total;
}

static void *reading_thread(void *arg)
{
    pipeline *p = arg;
    csv_reader_options ro = {.encoding = p->options->encoding,
                             .record = on_record,
                             .progress = p->options->progress != NULL ? on_progress : NULL,
                             .ctx = p};
    p->read_err = csv_reader_run(p->in, &ro, &p->bad_line, &p->why);
    next_batch(p, false); /* the last one, however full */
    pthread_mutex_lock(&p->lock);
    p->finished = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The records of one filled batch, in order. */
static ck_error consume_batch(const pipeline *p, batch *b)
{
    const row_pipeline_options *o = p->options;
    ck_error err = CK_OK;
    for (size_t i = 0; i < b->count && err == CK_OK; i++) {
        const batch_record *r = &b->records[i];
        csv_record rec = {.count = r->field_count,
                          .text = fields_at(b->texts, r->first_field),
                          .len = lens_at(b->lens, r->first_field),
                          .line = r->line};
        const char *const *notes =
            r->note_count > 0 ? (const char *const *)b->notes.texts + r->first_note : NULL;
        err = o->consume(o->ctx, &rec, b->first_index + i, b->slots + i * o->slot_size, notes,
                         r->note_count);
    }
    if (err == CK_OK && o->consumed != NULL)
        err = o->consumed(o->ctx);
    if (err == CK_OK && b->has_progress && o->progress != NULL)
        o->progress(o->ctx, b->done, b->total);
    return err;
}

ck_error row_pipeline_run(FILE *in, const row_pipeline_options *options, long *bad_line,
                          ck_diag *diag)
{
    pipeline p = {.options = options, .in = in};
    ck_error err = CK_OK;
    bool locks = false;
    *bad_line = 0;
    for (int i = 0; i < BATCH_COUNT; i++) {
        batch *b = calloc(1, sizeof *b);
        if (b == NULL)
            goto nomem;
        b->next = p.free_list;
        p.free_list = b;
        b->slots = malloc(BATCH_RECORDS * options->slot_size);
        b->arena = malloc(ARENA_SIZE);
        b->arena_size = ARENA_SIZE;
        if (b->slots == NULL || b->arena == NULL)
            goto nomem;
    }
    if (pthread_mutex_init(&p.lock, NULL) != 0)
        goto nomem;
    if (pthread_cond_init(&p.changed, NULL) != 0) {
        pthread_mutex_destroy(&p.lock);
        goto nomem;
    }
    locks = true;
    pthread_t thread;
    if (pthread_create(&thread, NULL, reading_thread, &p) != 0) {
        ck_diag_set(diag, "cannot start a thread to read the file");
        err = CK_ERR_PROGRAM;
        goto done;
    }
    for (;;) {
        pthread_mutex_lock(&p.lock);
        while (p.full_head == NULL && !p.finished)
            pthread_cond_wait(&p.changed, &p.lock);
        batch *b = p.full_head;
        if (b != NULL) {
            p.full_head = b->next;
            if (p.full_head == NULL)
                p.full_tail = NULL;
        }
        pthread_mutex_unlock(&p.lock);
        if (b == NULL)
            break; /* finished, and every batch consumed */
        err = consume_batch(&p, b);
        pthread_mutex_lock(&p.lock);
        b->next = p.free_list;
        p.free_list = b;
        if (err != CK_OK)
            p.cancel = true;
        pthread_cond_broadcast(&p.changed);
        pthread_mutex_unlock(&p.lock);
        if (err != CK_OK)
            break;
    }
    pthread_join(thread, NULL);
    if (err == CK_OK) {
        err = p.read_err;
        *bad_line = p.bad_line;
        *diag = p.why;
    }
    goto done;
nomem:
    err = CK_ERR_NOMEM;
    ck_diag_set(diag, "out of memory");
done:
    if (locks) {
        pthread_cond_destroy(&p.changed);
        pthread_mutex_destroy(&p.lock);
    }
    batch_free(p.current);
    while (p.full_head != NULL) {
        batch *b = p.full_head;
        p.full_head = b->next;
        batch_free(b);
    }
    while (p.free_list != NULL) {
        batch *b = p.free_list;
        p.free_list = b->next;
        batch_free(b);
    }
    return err;
}
