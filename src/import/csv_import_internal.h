/* csv_import_internal.h - the state of one import run, shared by csv_import.c (the run:
 * tables, indexes, the rules over each case, the rejects) and csv_import_rows.c (the rows:
 * their problems, the row pipeline's hooks, the writing one by one or in batches). Private
 * to src/import. */
#ifndef COLLECTKPI_CSV_IMPORT_INTERNAL_H
#define COLLECTKPI_CSV_IMPORT_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulkload.h"
#include "input_file.h"
#include "row_batch.h"
#include "collectkpi/csv_import.h"
#include "collectkpi/csv_reader.h"
#include "collectkpi/rejects.h"
#include "collectkpi/rules.h"

/* A line number and a file index packed in one origin: 2^40 lines, 2^24 files. */
#define ORIGIN_LINE_BITS 40

#define REASONS_SIZE 2048

/* A row of assignments or payments blamed by the rules over a case, after it was written. */
typedef struct late_reject {
    size_t file;
    long line;
    int64_t id;
    char *reason;
} late_reject;

typedef struct importer {
    sqlite3 *db;
    const csv_import_options *opt;
    csv_import_result *res;
    ck_diag *diag;
    input_file *files;
    rules_state st;
    rejects *rejects;
    /* the file being read */
    size_t file;
    bool header_seen;
    sqlite3_stmt *insert, *select, *delete;
    /* the clean rows waiting to be written together (row_batch.h); batching: the table's
     * rows may wait there */
    row_batch batch;
    bool batching;
    /* the row being read */
    long line;
    size_t row_problems;
    char reasons[REASONS_SIZE];
    size_t reasons_len;
    /* assignments and payments written by this run, as runs of consecutive ids read from
     * consecutive lines (a file in id order is one run, so memory does not grow with the
     * load); origin: file << ORIGIN_LINE_BITS | line */
    rules_new_rows *runs;
    size_t run_count, run_capacity;
    late_reject *late;
    size_t late_count, late_capacity, late_cursor;
    uint64_t written;
    bulkload bulk;
} importer;

/* A problem at a file's line: counted, and given to the caller's problem hook. */
void csv_import_emit(importer *im, size_t file, long line, const char *text);

/* input_file's hook for a problem of a file's header. */
void csv_import_on_file_problem(void *ctx, size_t file, long line, const char *text);

/* diag = "what: SQLite's message"; CK_ERR_DB. */
ck_error csv_import_db_fail(importer *im, const char *what);

/* The record as it was read, in the rejects file's layout, with im->reasons. */
ck_error csv_import_write_reject_fields(importer *im, const csv_record *rec);

/* Reads file i with record (the late rejects) or, when record is NULL, through the row
 * pipeline (the rows: their rules, then their INSERT). */
ck_error csv_import_read_file(importer *im, size_t i,
                              ck_error (*record)(void *, const csv_record *));

#endif
