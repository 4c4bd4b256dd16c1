/* input_file.h - one CSV file of an import and how its header maps to the contract's columns.
 *
 * Every file's header is read before any row of any file (a bad header is an error before
 * the transaction starts), and the mapping it gives (which field holds which column) is then
 * fixed for the run: the rows are read through it, and the rejects file is laid out by it.
 * Kept apart from csv_import.c and csv_import_rows.c, which own the run (the transaction, the
 * rows, the rejects), because the header's checks need nothing of the run but a place to
 * report problems.
 */
#ifndef COLLECTKPI_INPUT_FILE_H
#define COLLECTKPI_INPUT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "collectkpi/csv_reader.h"
#include "collectkpi/error.h"
#include "collectkpi/rules.h"

typedef struct input_file {
    const char *path;
    rules_table table;
    bool remap;         /* its table's files disagree on the header: rejects use contract order */
    size_t field_count; /* fields of the header */
    char **names;       /* the header's names, as read */
    int field_of_column[SCHEMA_MAX_COLUMNS]; /* -1: the column is absent */
} input_file;

/* A problem of file (an index into the files) at line (1: the header). */
typedef void (*input_file_problem_fn)(void *ctx, size_t file, long line, const char *text);

/* Reads the first record of each of files[0..count) (path and table set by the caller) into
 * its names and field_of_column; an empty file reads as the contract's header. An unknown,
 * twice-named or missing required column, or a CSV error in the header, is reported through
 * problem and is not an error here. Errors: CK_ERR_NOT_FOUND and CK_ERR_IO (a file that
 * cannot be opened), CK_ERR_USAGE (not a regular file), CK_ERR_NOMEM, with diag. */
ck_error input_file_read_headers(input_file *files, size_t count, csv_encoding encoding,
                                 input_file_problem_fn problem, void *ctx, ck_diag *diag);

/* Sets remap on the files of every table whose files' headers are not all the same. */
void input_file_set_remap(input_file *files, size_t count);

/* Frees what input_file_read_headers kept of each file (files may be NULL). */
void input_file_free_headers(input_file *files, size_t count);

#endif
