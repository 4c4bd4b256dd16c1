/* rejects.h - the file of rows import left out (--skip-invalid --rejects FILE).
 *
 * Each bad row is written as it was read (UTF-8, CSV-quoted where needed, an empty unquoted
 * field stays empty and unquoted, "" stays "") plus a last column `reason`. A run that loads
 * one table writes FILE; a run that loads several writes one file per table, with the
 * table's name before the extension (bad.csv -> bad-payments.csv), because the tables'
 * columns differ. Files are written under a temporary name next to the final one and only
 * written out (flushed and synced) by rejects_finish before the import commits, so that a
 * rejects file that cannot be written rolls the import back, and renamed into place by
 * rejects_commit after the import committed (atomic_file.h).
 */
#ifndef COLLECTKPI_REJECTS_H
#define COLLECTKPI_REJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "collectkpi/error.h"
#include "collectkpi/rules.h"

typedef struct rejects rejects;

/* The file a table's rejects go to; out holds size bytes. */
void rejects_path_for(const char *path, rules_table table, bool several_tables, char *out,
                      size_t size);

ck_error rejects_open(const char *path, bool several_tables, rejects **out, ck_diag *diag);

/* Starts the table's file with its header (the columns of the files read, or the contract
 * columns when the table's files disagree) and `reason`. */
ck_error rejects_begin_table(rejects *r, rules_table table, const char *const *names, size_t count,
                             ck_diag *diag);

/* One row: texts as in csv_record (NULL: empty and unquoted). */
ck_error rejects_write(rejects *r, rules_table table, const char *const *texts, const size_t *lens,
                       size_t count, const char *reason, ck_diag *diag);

/* Writes out, syncs and closes every file under its temporary name. Called before the
 * import commits, so that a rejects file that cannot be written rolls the import back. */
ck_error rejects_finish(rejects *r, ck_diag *diag);

/* Finishes (if not done yet) and renames every file into place; rejects_free afterwards. */
ck_error rejects_commit(rejects *r, ck_diag *diag);

/* Removes what was not committed and frees r (NULL is fine). */
void rejects_free(rejects *r);

#endif
