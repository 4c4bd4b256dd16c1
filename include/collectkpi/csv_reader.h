/* csv_reader.h - reading CSV records (RFC 4180) with the line each one starts on.
 *
 * libcsv does the quoting (fields with commas, quotes and line breaks; CRLF or LF); this
 * module adds what an importer needs around it: a UTF-8 byte-order mark is dropped,
 * GB18030 input is converted to UTF-8 with iconv, every record carries the physical line
 * it starts on (1 = the first line), blank lines between records are skipped, and an empty
 * unquoted field is told apart from a quoted empty one ("" is an empty text, nothing is
 * NULL). Records are handed to a callback; nothing is kept.
 */
#ifndef COLLECTKPI_CSV_READER_H
#define COLLECTKPI_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collectkpi/error.h"

typedef enum csv_encoding {
    CSV_ENCODING_UTF8,
    CSV_ENCODING_GB18030,
} csv_encoding;

typedef struct csv_record {
    size_t count;
    const char *const *text; /* NUL-terminated after len bytes; NULL: empty and unquoted */
    const size_t *len;
    long line; /* the line the record starts on */
} csv_record;

typedef struct csv_reader_options {
    csv_encoding encoding;
    size_t max_record_bytes; /* a longer record is an error; 0: 1 MiB */
    size_t max_records;      /* stop after this many records (1: just the header); 0: all */
    /* Called for each record; a result other than CK_OK stops the reading and is returned
     * by csv_reader_run as it is. The record's texts are valid during the call only. */
    ck_error (*record)(void *ctx, const csv_record *record);
    /* Called after each block read, with the bytes read so far and the file's size (0 when
     * unknown); may be NULL. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *ctx;
} csv_reader_options;

/* Reads in to its end. CK_ERR_DATA for text that is not CSV or not in the encoding, with
 * *bad_line the line and diag the sentence ("an unclosed quote"); CK_ERR_IO for a read
 * error; or what the record callback returned. */
ck_error csv_reader_run(FILE *in, const csv_reader_options *options, long *bad_line, ck_diag *diag);

#endif
