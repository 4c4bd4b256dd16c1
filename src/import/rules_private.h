/* rules_private.h - what rules.c, rules_state.c and rules_db.c share; not a public
 * interface (include/collectkpi/rules.h is). */
#ifndef COLLECTKPI_RULES_PRIVATE_H
#define COLLECTKPI_RULES_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/rules.h"

/* Starts a problem about row (its table and, when it parsed, its id). */
void rules_problem_begin(rules_problem *p, const rules_row *row, rules_rule rule, int column);

/* Reports "column NAME: <fmt>" about row (just fmt when column < 0; a fmt starting with a
 * space is glued to the column name: "column name is required"). */
void rules_say(rules_report_fn report, void *ctx, const rules_row *row, rules_rule rule, int column,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Registers a stored case as rules_state_add does a row of cases without its code: placed in
 * seconds (INT64_MIN: unknown), closed in seconds (INT64_MAX: open, INT64_MIN: unknown). */
ck_error rules_state_add_case(rules_state *st, int64_t case_id, int64_t placed, int64_t closed,
                              bool *known);

/* A case row's placement and closing as the state keeps them (rules_state_add_case). */
void rules_case_times(const rules_row *row, int64_t *placed, int64_t *closed);

/* rules_stored.c. One stored row of teams, agents or cases (the columns of rules_state_load's
 * query: id, code, and a case's placed_at and closed_at) as far as rules_state_add reads
 * it: the id, the unique code (when with_codes) and a case's placement and closing. The
 * caller has checked that the id is an integer. */
void rules_stored_row_from_stmt(sqlite3_stmt *stmt, rules_table t, bool with_codes, rules_row *row);
/* The stored cases' smallest and largest rowid (*any false: no case). *by_rowid false when
 * the table has no rowids of its own to cut it by (a view, a WITHOUT ROWID table). */
ck_error rules_cases_rowid_span(sqlite3 *db, bool *by_rowid, bool *any, int64_t *first,
                                int64_t *last, ck_diag *diag);

/* rules_cases_scan.c: loads every stored case into st (ids, placements, closings; no codes)
 * in the order of one scan of the cases table, on two threads when the table is large.
 * *loaded is false (and st unchanged) when the table cannot be read by rowid (a view of
 * another platform's tables): the caller then reads it in one scan. */
ck_error rules_cases_scan(rules_state *st, sqlite3 *db, bool *loaded, ck_diag *diag);

#endif
