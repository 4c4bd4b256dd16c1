/* csv_import.h - loading CSV exports into a case database, all or nothing.
 *
 * One table per file; a header row of contract column names in any order (nullable columns
 * may be absent). Files are loaded in the contract's dependency order (teams, agents,
 * cases, assignments, ...) whatever order they are given in, inside one transaction. Every
 * row goes through the rules module: the per-row rules, references against the database
 * and the rows loaded before it, and after each table the rules over all rows of a case.
 * A row whose id is stored already is skipped when it says the same and is a problem when
 * it does not. Problems are handed to a callback as "one sentence" per problem with file
 * and line; without a rejects file, any problem rolls everything back.
 */
#ifndef COLLECTKPI_CSV_IMPORT_H
#define COLLECTKPI_CSV_IMPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/csv_reader.h"
#include "collectkpi/error.h"
#include "collectkpi/rules.h"

typedef struct csv_import_options {
    const char *const *paths;
    const rules_table *tables; /* the table of each path */
    size_t file_count;
    csv_encoding encoding;
    /* NULL: all or nothing. Otherwise good rows are loaded and bad ones written here (see
     * rejects.h for the name when several tables are loaded). */
    const char *rejects_path;
    /* Test hook (COLLECTKPI_TEST_ABORT_AFTER_ROWS): abort() once this many rows are
     * written, to prove a killed import changes nothing. 0: never. */
    uint64_t abort_after_rows;
    /* Each problem: the file, the line its row starts on (0: the whole file) and one
     * sentence. Never holds a debtor_ref value. */
    void (*problem)(void *ctx, const char *path, long line, const char *text);
    /* Bytes read of the file being read; may be NULL. */
    void (*progress)(void *ctx, const char *path, uint64_t done, uint64_t total);
    void *ctx;
} csv_import_options;

typedef struct csv_import_counts {
    bool present; /* the run had a file of this table */
    uint64_t read, inserted, identical, rejected;
} csv_import_counts;

typedef struct csv_import_result {
    csv_import_counts tables[RULES_TABLE_COUNT];
    uint64_t problems; /* problem sentences reported */
    uint64_t bad_rows; /* rows with at least one problem */
    bool committed;
} csv_import_result;

/* Runs the import on an open read-write database. CK_OK: committed (with a rejects file,
 * also when rows were left out). CK_ERR_DATA: problems (header, CSV syntax, or any bad row
 * without a rejects file); nothing was written. CK_ERR_IO, CK_ERR_DB, CK_ERR_NOMEM with
 * diag; nothing was written either. */
ck_error csv_import_run(sqlite3 *db, const csv_import_options *options, csv_import_result *result,
                        ck_diag *diag);

/* The table a file name names: payments.csv, payments-2026-10.csv, PAYMENTS_oct.CSV; -1. */
int csv_import_table_of(const char *path);

/* Writes DIR/TABLE.csv with just the header row for every table (creating DIR). */
ck_error csv_import_write_templates(const char *dir, ck_diag *diag);

#endif
