/* case_refs.h - the stored cases a few incoming rows refer to, looked up before the load.
 *
 * An import of a few rows into a database of many cases would spend most of its time
 * loading every stored case (for the references and placement rules) when its rows name a
 * small share of them. Instead, the case ids of the incoming files are read first (the CSV
 * alone, one column: a small fraction of the load), sorted, and the cases with those ids
 * looked up in id order, which walks the cases table once from left to right: the run's
 * fixed cost follows its rows. The rules_state then holds exactly the stored cases a row may
 * name, so every rule gives what a whole load would.
 */
#ifndef COLLECTKPI_CASE_REFS_H
#define COLLECTKPI_CASE_REFS_H

#include <sqlite3.h>
#include <stddef.h>

#include "collectkpi/csv_reader.h"
#include "collectkpi/rules.h"

/* One file of the run: its path, its table and the field of its case_id column (-1: none). */
typedef struct case_refs_file {
    const char *path;
    rules_table table;
    int case_field;
} case_refs_file;

/* Loads into st what the rows of files may refer to, as rules_state_load does: the stored
 * teams and agents, and the stored cases: all of them, or, for a run without teams, agents
 * or cases whose referring_rows (the caller's estimate of its rows that refer to cases) are
 * under an eighth of the stored cases, those whose ids the files' case_id fields hold (every
 * field that parses as an integer; a CSV syntax error ends a file's reading here, and the
 * load reports it). */
ck_error case_refs_state_load(rules_state *st, sqlite3 *db, const case_refs_file *files,
                              size_t count, uint64_t referring_rows, csv_encoding encoding,
                              ck_diag *diag);

#endif
