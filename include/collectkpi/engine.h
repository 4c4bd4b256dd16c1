/* engine.h - the only code that turns database rows into figures.
 *
 * The engine reads an open, read-only SQLite handle and returns a kpi_result. It opens no
 * other file, formats nothing and knows no language. A trend is the same call per month.
 */
#ifndef COLLECTKPI_ENGINE_H
#define COLLECTKPI_ENGINE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"

typedef struct engine_request {
    period period;
    settings settings;
    bool has_as_of; /* false: as_of is the data cut-off (kpi.md) */
    int64_t as_of;
    bool want_lists; /* fill promises, complaints and resolutions (and breaches) */
    /* Run the contact-compliance pass of compliance.md; off, the run reads no more than
     * kpi.md needs. */
    bool want_compliance;
    /* NULL in every normal run; `explain` sets it to see each row credited (witness.h). */
    const struct engine_witness *witness;
} engine_request;

/* Runs the request; *out is the caller's to kpi_result_free. Bad rows in a foreign
 * database (an unreadable timestamp) are CK_ERR_DATA with the table and row id in diag. */
ck_error engine_run(sqlite3 *db, const engine_request *request, kpi_result **out, ck_diag *diag);

/* The data cut-off of kpi.md: the latest paid_at or contact_at; *found false when the
 * database has neither. */
ck_error engine_data_cutoff(sqlite3 *db, bool *found, int64_t *cutoff, ck_diag *diag);

#endif
