/* test_row_pipeline.c - the reading thread of an import (src/import/row_pipeline.c): every
 * record reaches consume once, in file order, with the line, fields and notes csv_reader
 * gives it; a prepared slot may point into the record's texts; a consume error stops the
 * run; a CSV error after several batches comes after every record before it; the consumed
 * hook comes after each block, and what consume kept of the block is intact until then.
 * Runs under ThreadSanitizer in CI (the batches go between two threads). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "row_pipeline.h"

/* more than four batches of 1024 records, so the reading thread waits for free batches */
#define RECORDS 6000

typedef struct slot {
    const char *first; /* the first field's text, as prepare saw it */
    size_t first_len;
    long line;
} slot;

typedef struct seen {
    size_t count;      /* records consumed */
    size_t bad;        /* records that were not as expected */
    size_t stop_at;    /* consume fails at this index (0: never) */
    uint64_t progress; /* the last bytes-read figure */
} seen;

static void prepare(const void *ctx, const csv_record *rec, size_t index, void *out,
                    row_pipeline_notes *notes)
{
    (void)ctx;
    slot *s = out;
    s->first = rec->text[0];
    s->first_len = rec->len[0];
    s->line = rec->line;
    if (index % 7 == 3) { /* two notes, in order */
        row_pipeline_note(notes, "first note");
        row_pipeline_note(notes, rec->text[0]);
    }
}

/* Record i (i >= 1) of make_file: fields "r<i>" and either "x" or, every 100th record, a
 * quoted field with a line break (so it spans two lines); index 0 is the header. */
static ck_error consume(void *ctx, const csv_record *rec, size_t index, void *in,
                        const char *const *notes, size_t note_count)
{
    seen *s = ctx;
    const slot *p = in;
    if (s->stop_at != 0 && index == s->stop_at)
        return CK_ERR_DB;
    char want[32];
    snprintf(want, sizeof want, index == 0 ? "id" : "r%zu", index);
    bool ok = index == s->count && rec->count == 2 && p->first == rec->text[0] &&
              p->line == rec->line && p->first_len == strlen(want) && strcmp(p->first, want) == 0;
    /* lines: the header is line 1; record i starts on line 1 + i + (i - 1) / 100 (each
     * 100th record before it took two lines) */
    long line = index == 0 ? 1 : (long)(1 + index + (index - 1) / 100);
    ok &= rec->line == line;
    if (index % 7 == 3)
        ok &= note_count == 2 && strcmp(notes[0], "first note") == 0 && strcmp(notes[1], want) == 0;
    else
        ok &= note_count == 0;
    if (!ok)
        s->bad++;
    s->count++;
    return CK_OK;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    seen *s = ctx;
    if (done > total || done < s->progress)
        s->bad++;
    s->progress = done;
}

/* The file: a header and RECORDS records, then `tail` as it is. */
static FILE *make_file(const char *tail)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("id,value\n", f);
    for (size_t i = 1; i <= RECORDS; i++) {
        if (i % 100 == 0)
            fprintf(f, "r%zu,\"two\nlines\"\n", i);
        else
            fprintf(f, "r%zu,x\n", i);
    }
    fputs(tail, f);
    rewind(f);
    return f;
}

static row_pipeline_options options(seen *s)
{
    return (row_pipeline_options){.slot_size = sizeof(slot),
                                  .prepare = prepare,
                                  .consume = consume,
                                  .progress = on_progress,
                                  .ctx = s};
}

static void test_every_record_in_order(void **state)
{
    (void)state;
    FILE *f = make_file("");
    seen s = {0};
    row_pipeline_options o = options(&s);
    long bad_line = -1;
    ck_diag diag = {{0}};
    assert_int_equal(row_pipeline_run(f, &o, &bad_line, &diag), CK_OK);
    /* the header and 6000 records, each as expected; the last progress is the whole file */
    assert_int_equal(s.count, RECORDS + 1);
    assert_int_equal(s.bad, 0);
    assert_int_equal(bad_line, 0);
    fseek(f, 0, SEEK_END);
    assert_int_equal(s.progress, (uint64_t)ftell(f));
    fclose(f);
}

static void test_consume_error_stops(void **state)
{
    (void)state;
    FILE *f = make_file("");
    seen s = {.stop_at = 2500};
    row_pipeline_options o = options(&s);
    long bad_line;
    ck_diag diag = {{0}};
    /* records 0..2499 consumed, then the consume hook's own error, as it is */
    assert_int_equal(row_pipeline_run(f, &o, &bad_line, &diag), CK_ERR_DB);
    assert_int_equal(s.count, 2500);
    assert_int_equal(s.bad, 0);
    fclose(f);
}

static void test_csv_error_after_the_records_before_it(void **state)
{
    (void)state;
    /* the header, 6000 records on 6060 lines (lines 1 - 6061), then a bad quote on line
     * 6062 */
    FILE *f = make_file("a\"b,c\n");
    seen s = {0};
    row_pipeline_options o = options(&s);
    long bad_line;
    ck_diag diag = {{0}};
    assert_int_equal(row_pipeline_run(f, &o, &bad_line, &diag), CK_ERR_DATA);
    assert_int_equal(s.count, RECORDS + 1);
    assert_int_equal(s.bad, 0);
    assert_int_equal(bad_line, 6062);
    assert_non_null(strstr(diag.text, "malformed CSV"));
    fclose(f);
}

static void test_empty_file(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    seen s = {0};
    row_pipeline_options o = options(&s);
    long bad_line;
    ck_diag diag = {{0}};
    /* nothing at all: no record, no error */
    assert_int_equal(row_pipeline_run(f, &o, &bad_line, &diag), CK_OK);
    assert_int_equal(s.count, 0);
    fclose(f);
}

/* ---- the consumed hook: what consume keeps of a block stays valid until then ---- */

typedef struct kept {
    const slot *slots[1100]; /* the block's slots, as consume saw them */
    const char *texts[1100]; /* and their records' first fields */
    size_t count, total, calls, largest, bad;
    size_t fail_at_call; /* consumed fails at this call (0: never) */
} kept;

static ck_error keep_record(void *ctx, const csv_record *rec, size_t index, void *in,
                            const char *const *notes, size_t note_count)
{
    (void)index, (void)notes, (void)note_count;
    kept *k = ctx;
    if (k->count == sizeof k->slots / sizeof k->slots[0])
        return CK_ERR_PROGRAM; /* a block larger than the pipeline's 1024 records */
    k->slots[k->count] = in;
    k->texts[k->count] = rec->text[0];
    k->count++;
    return CK_OK;
}

/* Every record kept since the last call still reads as it did: the slot and the text it
 * points into are those of that record ("id" or "r<i>", i its index). */
static ck_error check_kept(void *ctx)
{
    kept *k = ctx;
    k->calls++;
    for (size_t i = 0; i < k->count; i++) {
        size_t index = k->total + i;
        char want[32];
        snprintf(want, sizeof want, index == 0 ? "id" : "r%zu", index);
        if (k->slots[i]->first != k->texts[i] || strcmp(k->texts[i], want) != 0)
            k->bad++;
    }
    k->total += k->count;
    if (k->count > k->largest)
        k->largest = k->count;
    k->count = 0;
    return k->fail_at_call != 0 && k->calls == k->fail_at_call ? CK_ERR_IO : CK_OK;
}

static void test_consumed_after_each_block(void **state)
{
    (void)state;
    FILE *f = make_file("");
    kept *k = calloc(1, sizeof *k);
    assert_non_null(k);
    row_pipeline_options o = {.slot_size = sizeof(slot),
                              .prepare = prepare,
                              .consume = keep_record,
                              .consumed = check_kept,
                              .ctx = k};
    long bad_line;
    ck_diag diag = {{0}};
    assert_int_equal(row_pipeline_run(f, &o, &bad_line, &diag), CK_OK);
    /* the header and 6000 records, 6001 in all, in blocks of at most 1024 (the arena of
     * 2 MiB never fills with these short records): 5 x 1024 + 881, so 6 calls, and every
     * record kept was intact at the call after it */
    assert_int_equal(k->total, RECORDS + 1);
    assert_int_equal(k->calls, 6);
    assert_int_equal(k->largest, 1024);
    assert_int_equal(k->count, 0);
    assert_int_equal(k->bad, 0);
    fclose(f);

    /* an error of the hook stops the run as it is: at the second call, 2048 records are in */
    f = make_file("");
    memset(k, 0, sizeof *k);
    k->fail_at_call = 2;
    assert_int_equal(row_pipeline_run(f, &o, &bad_line, &diag), CK_ERR_IO);
    assert_int_equal(k->calls, 2);
    assert_int_equal(k->total, 2048);
    assert_int_equal(k->bad, 0);
    free(k);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_record_in_order),
        cmocka_unit_test(test_consume_error_stops),
        cmocka_unit_test(test_csv_error_after_the_records_before_it),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_consumed_after_each_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
