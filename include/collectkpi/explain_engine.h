/* explain_engine.h - runs `explain` (explain.h holds the result it fills). */
#ifndef COLLECTKPI_EXPLAIN_ENGINE_H
#define COLLECTKPI_EXPLAIN_ENGINE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "collectkpi/error.h"
#include "collectkpi/explain.h"

/* Runs the engine with a witness for request and fills *out (the caller's to
 * explain_list_free): one result, or every figure's for the figure "all" (one engine run for
 * kpi.md's figures and one with the breach pass for the rest, as for a single figure).
 * CK_ERR_USAGE (with a sentence in diag) for an unknown figure, agent, team or case. */
ck_error explain_run(sqlite3 *db, const explain_request *request, explain_list *out, ck_diag *diag);

/* Whether key is a figure explain knows under profile's rules (for the usage check). */
bool explain_figure_known(const char *key, compliance_profile profile);

/* The figure keys, comma-separated, for --help and the usage error (static text). */
const char *explain_figure_keys(void);

#endif
