/* demo_rows.c - a month's rows on their way from the simulation to the writer.
 *
 * The simulation (its own thread) fills one month's rows while the writer (the caller's
 * thread, which owns the SQLite connection) stores the month before: two month slots, used
 * in turn. The contacts, most of the memory, live in blocks from one pool shared by both
 * sides: the writer gives a day's blocks back as soon as the day is stored, and the
 * simulation waits for a block while the pool is at its budget and the writer still holds
 * blocks it will give back. So the generator holds a little more than one month of
 * contacts, not two, and the simulation runs ahead of the writer as far as that allows.
 * What the simulation makes, and in which order, is the same as without the thread; the
 * sorts happen here, on the simulation's side, exactly as the writer did them before.
 */
#include <stdlib.h>
#include <string.h>

#include "demo_internal.h"

ck_error demo_rows_init(demo_rows *p, size_t block_budget)
{
    memset(p, 0, sizeof *p);
    p->block_budget = block_budget;
    if (pthread_mutex_init(&p->lock, NULL) != 0)
        return CK_ERR_NOMEM;
    if (pthread_cond_init(&p->changed, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        return CK_ERR_NOMEM;
    }
    p->ready = true;
    return CK_OK;
}

static void free_blocks(demo_contact_block *b)
{
    while (b != NULL) {
        demo_contact_block *next = b->next;
        free(b);
        b = next;
    }
}

void demo_rows_free(demo_rows *p)
{
    if (!p->ready)
        return;
    for (int s = 0; s < 2; s++) {
        demo_month_rows *m = &p->slots[s];
        for (int d = 0; d < DEMO_MONTH_DAYS; d++)
            free_blocks(m->days[d].first);
        free(m->payments.items);
        free(m->promises.items);
        free(m->assignments.items);
        free(m->complaints.items);
        free(m->surveys.items);
    }
    free_blocks(p->free_blocks);
    free(p->sort_a);
    free(p->sort_b);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    memset(p, 0, sizeof *p);
}

/* A block for the simulation: a free one, else a new one while under the budget or while
 * the writer holds none (it could give none back: waiting would never end); NULL when out
 * of memory or when the writer has stopped. */
static demo_contact_block *get_block(demo_rows *p)
{
    demo_contact_block *b = NULL;
    pthread_mutex_lock(&p->lock);
    while (!p->stop && p->free_blocks == NULL && p->blocks >= p->block_budget &&
           p->published > p->written)
        pthread_cond_wait(&p->changed, &p->lock);
    if (!p->stop && p->free_blocks != NULL) {
        b = p->free_blocks;
        p->free_blocks = b->next;
    } else if (!p->stop && (b = malloc(sizeof *b)) != NULL)
        p->blocks++;
    pthread_mutex_unlock(&p->lock);
    if (b != NULL) {
        b->next = NULL;
        b->count = 0;
    }
    return b;
}

demo_contact *demo_rows_new_contact(demo_rows *p, demo_contact_day *day)
{
    demo_contact_block *last = day->last;
    if (last == NULL || last->count == DEMO_BLOCK_ROWS) {
        demo_contact_block *b = get_block(p);
        if (b == NULL)
            return NULL;
        if (last == NULL)
            day->first = b;
        else
            last->next = b;
        day->last = last = b;
    }
    day->count++;
    return &last->rows[last->count++];
}

void demo_rows_release_day(demo_rows *p, demo_contact_day *day)
{
    if (day->first != NULL) {
        pthread_mutex_lock(&p->lock);
        day->last->next = p->free_blocks;
        p->free_blocks = day->first;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    day->first = day->last = NULL;
    day->count = 0;
}

demo_month_rows *demo_rows_begin_month(demo_rows *p, int month)
{
    demo_month_rows *m = NULL;
    pthread_mutex_lock(&p->lock);
    /* The slot of month - 2 is free once that month is written. */
    while (!p->stop && p->written < month - 1)
        pthread_cond_wait(&p->changed, &p->lock);
    if (!p->stop)
        m = &p->slots[month % 2];
    pthread_mutex_unlock(&p->lock);
    if (m != NULL)
        m->month = month;
    return m;
}

/* LSD radix sort of one day's contacts on their 49-bit key (the index order), stable: the
 * days one after another give the month in the same order as one sort of the month. The
 * rows go into the sort space, are sorted there and go back into the day's blocks. */
static bool sort_day(demo_rows *p, demo_contact_day *day)
{
    size_t n = day->count;
    if (!VEC_RESERVE(p->sort_a, p->sort_a_capacity, n) ||
        !VEC_RESERVE(p->sort_b, p->sort_b_capacity, n))
        return false;
    demo_contact *a = p->sort_a, *b = p->sort_b;
    size_t at = 0;
    for (const demo_contact_block *k = day->first; k != NULL; k = k->next) {
        memcpy(a + at, k->rows, k->count * sizeof *a);
        at += k->count;
    }
    size_t count[2048];
    for (int shift = 0; shift < 55; shift += 11) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(a[i].key >> shift) & 2047]++;
        size_t sum = 0;
        for (size_t d = 0; d < 2048; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            b[count[(a[i].key >> shift) & 2047]++] = a[i];
        demo_contact *tmp = a;
        a = b;
        b = tmp;
    }
    at = 0;
    for (demo_contact_block *k = day->first; k != NULL; k = k->next) {
        memcpy(k->rows, a + at, k->count * sizeof *a);
        at += k->count;
    }
    return true;
}

/* qsort, but not of an empty array (whose items may be NULL, which qsort may not take). */
static void sort_rows(void *items, size_t count, size_t size,
                      int (*cmp)(const void *, const void *))
{
    if (count > 1)
        qsort(items, count, size, cmp);
}

static int cmp_payment(const void *x, const void *y)
{
    const demo_payment *a = x, *b = y;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    if (a->case_id != b->case_id)
        return a->case_id < b->case_id ? -1 : 1;
    return (a->amount > b->amount) - (a->amount < b->amount);
}

static int cmp_promise(const void *x, const void *y)
{
    const demo_promise *a = x, *b = y;
    if (a->made_at != b->made_at)
        return a->made_at < b->made_at ? -1 : 1;
    return (a->case_id > b->case_id) - (a->case_id < b->case_id);
}

static int cmp_assignment(const void *x, const void *y)
{
    const demo_assignment *a = x, *b = y;
    if (a->start_at != b->start_at)
        return a->start_at < b->start_at ? -1 : 1;
    return (a->case_id > b->case_id) - (a->case_id < b->case_id);
}

static int cmp_complaint(const void *x, const void *y)
{
    const demo_complaint *a = x, *b = y;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    if (a->case_id != b->case_id)
        return a->case_id < b->case_id ? -1 : 1;
    if (a->agent_id != b->agent_id)
        return a->agent_id < b->agent_id ? -1 : 1;
    return a->category - b->category;
}

static int cmp_survey(const void *x, const void *y)
{
    const demo_survey *a = x, *b = y;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    if (a->case_id != b->case_id)
        return a->case_id < b->case_id ? -1 : 1;
    return (a->agent_id > b->agent_id) - (a->agent_id < b->agent_id);
}

bool demo_rows_take_late(demo_world *world, int64_t until, demo_month_rows *m)
{
    /* Sorted as a whole, the ones before until written now, the rest kept in order at the
     * front: one sort of all of them at the end would give the same order. */
    sort_rows(world->complaints.items, world->complaints.count, sizeof(demo_complaint),
              cmp_complaint);
    sort_rows(world->surveys.items, world->surveys.count, sizeof(demo_survey), cmp_survey);
    size_t c = 0, s = 0;
    while (c < world->complaints.count && world->complaints.items[c].at < until)
        c++;
    while (s < world->surveys.count && world->surveys.items[s].at < until)
        s++;
    if (!VEC_RESERVE(m->complaints.items, m->complaints.capacity, c) ||
        !VEC_RESERVE(m->surveys.items, m->surveys.capacity, s))
        return false;
    if (c > 0)
        memcpy(m->complaints.items, world->complaints.items, c * sizeof(demo_complaint));
    m->complaints.count = c;
    if (c > 0)
        memmove(world->complaints.items, world->complaints.items + c,
                (world->complaints.count - c) * sizeof(demo_complaint));
    world->complaints.count -= c;
    if (s > 0)
        memcpy(m->surveys.items, world->surveys.items, s * sizeof(demo_survey));
    m->surveys.count = s;
    if (s > 0)
        memmove(world->surveys.items, world->surveys.items + s,
                (world->surveys.count - s) * sizeof(demo_survey));
    world->surveys.count -= s;
    return true;
}

bool demo_rows_publish(demo_rows *p, demo_world *world, demo_month_rows *m)
{
    /* Payments and promises are unique by (time, case[, amount]) except for exact
     * duplicates, so qsort gives one order. */
    sort_rows(m->payments.items, m->payments.count, sizeof(demo_payment), cmp_payment);
    sort_rows(m->promises.items, m->promises.count, sizeof(demo_promise), cmp_promise);
    sort_rows(m->assignments.items, m->assignments.count, sizeof(demo_assignment), cmp_assignment);
    for (int d = 0; d < DEMO_MONTH_DAYS; d++)
        if (!sort_day(p, &m->days[d]))
            return false;
    /* what is known of them by now, so that they are not all held to the end */
    if (!demo_rows_take_late(world, world->month_start[m->month + 1], m))
        return false;
    pthread_mutex_lock(&p->lock);
    p->published = m->month + 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return true;
}

void demo_rows_sim_end(demo_rows *p)
{
    pthread_mutex_lock(&p->lock);
    p->sim_ended = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

demo_month_rows *demo_rows_next(demo_rows *p)
{
    demo_month_rows *m = NULL;
    pthread_mutex_lock(&p->lock);
    while (!p->stop && p->published <= p->written && !p->sim_ended)
        pthread_cond_wait(&p->changed, &p->lock);
    if (!p->stop && p->published > p->written)
        m = &p->slots[p->written % 2];
    pthread_mutex_unlock(&p->lock);
    return m;
}

void demo_rows_done(demo_rows *p, demo_month_rows *m)
{
    m->payments.count = m->promises.count = m->assignments.count = 0;
    m->complaints.count = m->surveys.count = 0;
    pthread_mutex_lock(&p->lock);
    p->written++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

void demo_rows_stop(demo_rows *p)
{
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}
