/* rules_private.h - what rules.c, rules_state.c and rules_db.c share; not a public
 * interface (include/collectkpi/rules.h is). */
#ifndef COLLECTKPI_RULES_PRIVATE_H
#define COLLECTKPI_RULES_PRIVATE_H

#include "collectkpi/rules.h"

/* Starts a problem about row (its table and, when it parsed, its id). */
void rules_problem_begin(rules_problem *p, const rules_row *row, rules_rule rule, int column);

/* Reports "column NAME: <fmt>" about row (just fmt when column < 0; a fmt starting with a
 * space is glued to the column name: "column name is required"). */
void rules_say(rules_report_fn report, void *ctx, const rules_row *row, rules_rule rule, int column,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
