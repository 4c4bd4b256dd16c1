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

/* rules_cases_scan.c: loads every stored case into st (ids, placements, closings; no codes)
 * in the order of one scan of the cases table, on two threads when the table is large.
 * *loaded is false (and st unchanged) when the table cannot be read by rowid (a view of
 * another platform's tables): the caller then reads it in one scan. */
ck_error rules_cases_scan(rules_state *st, sqlite3 *db, bool *loaded, ck_diag *diag);

#endif
