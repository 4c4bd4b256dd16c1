/* test_demo_rows.c - a month's rows on their way from the demo's simulation thread to its
 * writer (src/demo/demo_rows.c): contacts fill 4,096-row blocks and a stored day's blocks
 * are used again; the budget holds the simulation back only while the writer has blocks to
 * give back; publishing sorts each day's contacts by key across its blocks, stably; the
 * complaints and surveys before a time are moved out in order; months go from a producing
 * thread to the consumer in order, whole, with a budget smaller than a month (so the
 * producer waits). Runs under ThreadSanitizer in CI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "demo_internal.h"

static demo_world *new_world(void)
{
    demo_world *w = calloc(1, sizeof *w);
    assert_non_null(w);
    w->months = DEMO_MAX_MONTHS;
    for (int k = 0; k <= DEMO_MAX_MONTHS; k++)
        w->month_start[k] = (int64_t)k * 1000;
    return w;
}

static void free_world(demo_world *w)
{
    free(w->complaints.items);
    free(w->surveys.items);
    free(w);
}

/* 4,097 contacts in one day: a full block of 4,096 and a second one holding 1. */
static void contacts_fill_blocks(void **state)
{
    (void)state;
    demo_rows p;
    assert_int_equal(demo_rows_init(&p, 16), CK_OK);
    demo_month_rows *m = demo_rows_begin_month(&p, 0);
    assert_non_null(m);
    for (int i = 0; i < DEMO_BLOCK_ROWS + 1; i++)
        assert_non_null(demo_rows_new_contact(&p, &m->days[3]));
    assert_int_equal(m->days[3].count, 4097);
    assert_int_equal(m->days[3].first->count, 4096);
    assert_ptr_equal(m->days[3].first->next, m->days[3].last);
    assert_int_equal(m->days[3].last->count, 1);
    assert_int_equal(p.blocks, 2);
    demo_rows_free(&p);
}

/* The two blocks of a stored day go back to the pool and the next day takes them: still 2
 * blocks made after 2 x 4,097 contacts. */
static void stored_days_blocks_are_used_again(void **state)
{
    (void)state;
    demo_rows p;
    assert_int_equal(demo_rows_init(&p, 16), CK_OK);
    demo_month_rows *m = demo_rows_begin_month(&p, 0);
    for (int i = 0; i < DEMO_BLOCK_ROWS + 1; i++)
        demo_rows_new_contact(&p, &m->days[0]);
    demo_rows_release_day(&p, &m->days[0]);
    assert_null(m->days[0].first);
    assert_int_equal(m->days[0].count, 0);
    for (int i = 0; i < DEMO_BLOCK_ROWS + 1; i++)
        assert_non_null(demo_rows_new_contact(&p, &m->days[1]));
    assert_int_equal(p.blocks, 2);
    assert_int_equal(m->days[1].count, 4097);
    demo_rows_free(&p);
}

/* A budget of 1 block: with no month handed over (the writer holds no block) the second
 * block is made at once; were it to wait, this single-threaded test would never end. */
static void budget_waits_only_for_the_writers_blocks(void **state)
{
    (void)state;
    demo_rows p;
    assert_int_equal(demo_rows_init(&p, 1), CK_OK);
    demo_month_rows *m = demo_rows_begin_month(&p, 0);
    for (int i = 0; i < 2 * DEMO_BLOCK_ROWS; i++)
        assert_non_null(demo_rows_new_contact(&p, &m->days[0]));
    for (int d = 1; d < 4; d++)
        assert_non_null(demo_rows_new_contact(&p, &m->days[d]));
    assert_int_equal(p.blocks, 5); /* 2 for day 0, one each for days 1..3 */
    demo_rows_free(&p);
}

/* Day 5 gets 4,100 contacts with keys 4099 % 7 ... falling and repeating; after publishing,
 * the day's rows (over both blocks) rise by key and equal keys keep the order they came in
 * (case_id = arrival number). */
static void publish_sorts_each_day_stably(void **state)
{
    (void)state;
    demo_rows p;
    demo_world *w = new_world();
    assert_int_equal(demo_rows_init(&p, 16), CK_OK);
    demo_month_rows *m = demo_rows_begin_month(&p, 0);
    for (int i = 0; i < 4100; i++) {
        demo_contact *c = demo_rows_new_contact(&p, &m->days[5]);
        c->key = (uint64_t)((4099 - i) % 7) << DEMO_KEY_TIME_SHIFT | (uint64_t)(i % 3);
        c->case_id = i;
        c->duration_s = 0;
    }
    assert_true(demo_rows_publish(&p, w, m));
    assert_int_equal(p.published, 1);
    const demo_contact_block *b = m->days[5].first;
    size_t at = 0, seen = 0;
    uint64_t last_key = 0;
    int32_t last_case = -1;
    for (size_t n = 0; n < 4100; n++, at++) {
        if (at == b->count) {
            b = b->next;
            at = 0;
        }
        const demo_contact *c = &b->rows[at];
        assert_true(c->key >= last_key);
        if (c->key == last_key)
            assert_true(c->case_id > last_case);
        last_key = c->key;
        last_case = c->case_id;
        seen++;
    }
    assert_int_equal(seen, 4100);
    assert_ptr_equal(demo_rows_next(&p), m);
    demo_rows_free(&p);
    free_world(w);
}

/* Complaints received at 5, 1, 9, 3 and surveys at 4, 2: until 4 moves complaints 1, 3 and
 * survey 2 (sorted) and keeps complaints 5, 9 and survey 4 in order. */
static void late_rows_before_until_move(void **state)
{
    (void)state;
    demo_world *w = new_world();
    demo_month_rows m;
    memset(&m, 0, sizeof m);
    const int64_t complaint_at[] = {5, 1, 9, 3}, survey_at[] = {4, 2};
    for (size_t i = 0; i < 4; i++) {
        demo_complaint *c = DEMO_NEW_ROW(w->complaints);
        assert_non_null(c);
        c->at = complaint_at[i];
    }
    for (size_t i = 0; i < 2; i++) {
        demo_survey *v = DEMO_NEW_ROW(w->surveys);
        assert_non_null(v);
        v->at = survey_at[i];
    }
    assert_true(demo_rows_take_late(w, 4, &m));
    assert_int_equal(m.complaints.count, 2);
    assert_int_equal(m.complaints.items[0].at, 1);
    assert_int_equal(m.complaints.items[1].at, 3);
    assert_int_equal(w->complaints.count, 2);
    assert_int_equal(w->complaints.items[0].at, 5);
    assert_int_equal(w->complaints.items[1].at, 9);
    assert_int_equal(m.surveys.count, 1);
    assert_int_equal(m.surveys.items[0].at, 2);
    assert_int_equal(w->surveys.count, 1);
    assert_int_equal(w->surveys.items[0].at, 4);
    free(m.complaints.items);
    free(m.surveys.items);
    free_world(w);
}

/* ---- two threads: 8 months of 3 x 4,096 + 5 contacts over days 0..2, a budget of 2
 * blocks ---- */

#define MONTHS    8
#define PER_MONTH (3 * DEMO_BLOCK_ROWS + 5)

typedef struct producer {
    demo_rows *p;
    demo_world *w;
    int made; /* months published */
} producer;

static void *produce(void *arg)
{
    producer *pr = arg;
    for (int k = 0; k < MONTHS; k++) {
        demo_month_rows *m = demo_rows_begin_month(pr->p, k);
        if (m == NULL)
            break;
        for (int i = 0; i < PER_MONTH; i++) {
            demo_contact *c = demo_rows_new_contact(pr->p, &m->days[i % 3]);
            if (c == NULL)
                goto done;
            /* month k's contacts carry k in the case id, their arrival in the key */
            c->key = (uint64_t)i << DEMO_KEY_TIME_SHIFT;
            c->case_id = k;
            c->duration_s = i;
        }
        demo_payment *pay = DEMO_NEW_ROW(m->payments);
        if (pay == NULL)
            break;
        pay->case_id = k;
        if (!demo_rows_publish(pr->p, pr->w, m))
            break;
        pr->made++;
    }
done:
    demo_rows_sim_end(pr->p);
    return NULL;
}

static void months_cross_threads_in_order(void **state)
{
    (void)state;
    demo_rows p;
    demo_world *w = new_world();
    assert_int_equal(demo_rows_init(&p, 2), CK_OK);
    producer pr = {&p, w, 0};
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, produce, &pr), 0);
    int months = 0, bad = 0;
    demo_month_rows *m;
    while ((m = demo_rows_next(&p)) != NULL) {
        size_t rows = 0;
        for (int d = 0; d < DEMO_MONTH_DAYS; d++) {
            int64_t last = -1;
            for (const demo_contact_block *b = m->days[d].first; b != NULL; b = b->next)
                for (size_t i = 0; i < b->count; i++, rows++) {
                    const demo_contact *c = &b->rows[i];
                    /* day d holds arrivals d, d + 3, ... in rising order */
                    if (c->case_id != months || c->duration_s % 3 != d || c->duration_s <= last)
                        bad++;
                    last = c->duration_s;
                }
            demo_rows_release_day(&p, &m->days[d]);
        }
        if (m->month != months || rows != PER_MONTH || m->payments.count != 1 ||
            m->payments.items[0].case_id != months)
            bad++;
        demo_rows_done(&p, m);
        months++;
    }
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(months, MONTHS);
    assert_int_equal(pr.made, MONTHS);
    assert_int_equal(bad, 0);
    /* A month is 4,098 + 4,098 + 4,097 rows on days 0..2: 2 blocks each, 6. A block is made
     * only from an empty pool, under the budget (2) or while the consumer holds none (then
     * every block is in the producer's month): never more than one month's 6, not the 12
     * of two months. */
    assert_true(p.blocks <= 6);
    demo_rows_free(&p);
    free_world(w);
}

/* The consumer stops after the first month: the producer, waiting for a block or a slot,
 * returns and the join ends. */
static void stop_ends_the_producer(void **state)
{
    (void)state;
    demo_rows p;
    demo_world *w = new_world();
    assert_int_equal(demo_rows_init(&p, 2), CK_OK);
    producer pr = {&p, w, 0};
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, produce, &pr), 0);
    demo_month_rows *m = demo_rows_next(&p);
    assert_non_null(m);
    demo_rows_stop(&p);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_true(pr.made < MONTHS);
    assert_null(demo_rows_next(&p));
    demo_rows_free(&p);
    free_world(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contacts_fill_blocks),
        cmocka_unit_test(stored_days_blocks_are_used_again),
        cmocka_unit_test(budget_waits_only_for_the_writers_blocks),
        cmocka_unit_test(publish_sorts_each_day_stably),
        cmocka_unit_test(late_rows_before_until_move),
        cmocka_unit_test(months_cross_threads_in_order),
        cmocka_unit_test(stop_ends_the_producer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
