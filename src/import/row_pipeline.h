/* row_pipeline.h - CSV records read and prepared on a second thread, handed over in order.
 *
 * An import spends about a quarter of its time reading CSV (libcsv, UTF-8) and parsing the
 * fields into typed values, the rest writing rows into SQLite, which one connection does on
 * one thread. The pipeline puts the first part on a reading thread: it reads the file with
 * csv_reader, copies each record into a batch, and calls `prepare` on that copy there (the
 * per-row rules, which depend on nothing the other thread changes); the calling thread
 * takes the batches in file order and calls `consume` for each record. A bounded set of
 * batches (a few MiB) keeps the memory flat, and the records, their order, their line
 * numbers and the reader's errors are exactly those csv_reader_run gives.
 */
#ifndef COLLECTKPI_ROW_PIPELINE_H
#define COLLECTKPI_ROW_PIPELINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collectkpi/csv_reader.h"
#include "collectkpi/error.h"

/* Texts the prepare hook attaches to a record (in order), for the consume hook. */
typedef struct row_pipeline_notes row_pipeline_notes;

/* Adds a copy of text to the record being prepared. */
void row_pipeline_note(row_pipeline_notes *notes, const char *text);

typedef struct row_pipeline_options {
    csv_encoding encoding;
    size_t slot_size; /* bytes of the prepared state of one record */
    /* On the reading thread, for each record in file order (index 0: the first record):
     * fills slot (slot_size bytes, zeroed) from record. record's texts stay valid, at the
     * same addresses, until consume has seen the record, so slot may point into them.
     * prepare must touch nothing the calling thread changes while the pipeline runs. */
    void (*prepare)(const void *prepare_ctx, const csv_record *record, size_t index, void *slot,
                    row_pipeline_notes *notes);
    const void *prepare_ctx;
    /* On the calling thread, in file order: a result other than CK_OK stops the run (the
     * reading thread is stopped and joined) and is returned as it is. */
    ck_error (*consume)(void *ctx, const csv_record *record, size_t index, void *slot,
                        const char *const *notes, size_t note_count);
    /* On the calling thread, after the last record of each block of records was consumed
     * (blocks of up to 1,024 records): until then the records' texts and slots of the
     * block stay valid, so consume may keep pointers to them until this call; may be NULL.
     * A result other than CK_OK stops the run as consume's does. */
    ck_error (*consumed)(void *ctx);
    /* On the calling thread: bytes read so far and the file's size; may be NULL. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *ctx;
} row_pipeline_options;

/* Reads in to its end as csv_reader_run does (same results, errors and *bad_line), the
 * records going through prepare then consume. */
ck_error row_pipeline_run(FILE *in, const row_pipeline_options *options, long *bad_line,
                          ck_diag *diag);

#endif
