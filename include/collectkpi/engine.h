/* engine.h - the only code that turns database rows into figures.
 *
 * The engine reads an open, read-only SQLite handle and returns a kpi_result. It opens no
 * other file, formats nothing and knows no language. A trend is one engine_run_months.
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
    /* With want_lists: the breach list alone (compliance --by breach reads no other list), so
     * the run neither keeps promises nor looks up their follow-up. */
    bool breach_list_only;
    /* Run the contact-compliance pass of compliance.md; off, the run reads no more than
     * kpi.md needs. */
    bool want_compliance;
    /* With want_compliance: the breach pass reads its records only once the kpi case rows are
     * freed, not beside their loads (on a second thread). The peak memory is the larger of
     * the two instead of their sum, for a longer run; the figures are the same. */
    bool breach_pass_after_loads;
    /* The run shares memory with other work on another thread (the report's runs, beside the
     * trend's pass): a long period's cases come in the smaller chunks of a pass that runs
     * beside others, and, on two threads, its breach pass reads each month in thirds, so
     * that the pass's two chunks in memory at once are two thirds of a month's records, not
     * two months' (each third reads its own look-back). The figures are the same. */
    bool beside_another_pass;
    /* NULL in every normal run; `explain` sets it to see each row credited (witness.h). */
    const struct engine_witness *witness;
    /* Threads that may read the contacts at once (each with its own read-only connection);
     * 0 or 1: the calling thread alone. The figures are the same for any value. */
    int jobs;
    /* The most assignments one chunk of cases holds when a long period is read in chunks
     * (memory flat in the length of the period); 0: the engine's default. The figures are the
     * same for any value: tests set a small one to read small databases in many chunks. */
    size_t chunk_assignments;
    /* The bytes of the promise list kept in memory before the rest waits in a temporary file
     * (spill.h); 0: SPILL_DEFAULT_BUDGET. The lists are the same for any value: tests set a
     * small one to take the file's way on small databases. */
    size_t list_memory_budget;
} engine_request;

/* Runs the request; *out is the caller's to kpi_result_free. Bad rows in a foreign
 * database (an unreadable timestamp) are CK_ERR_DATA with the table and row id in diag. */
ck_error engine_run(sqlite3 *db, const engine_request *request, kpi_result **out, ck_diag *diag);

/* The figures of month_count consecutive calendar months, the first being the one
 * request->period ends in, in one pass over the data (in chunks of cases): out[m] is the result of
 * the month m months later, the same figures a one-month engine_run of it gives, without
 * lists (want_lists is ignored); with want_compliance, each month's breach pass follows the
 * pass, month after month (a month of contact records in memory at a time, each read once
 * with its look-back), and gives the month's compliance rows and its contact counts. Each
 * out[m] is the caller's to kpi_result_free; all are NULL after an error. */
ck_error engine_run_months(sqlite3 *db, const engine_request *request, size_t month_count,
                           kpi_result **out, ck_diag *diag);

/* engine_run_months on another thread, with its own read-only connection, while the caller
 * goes on with db (other runs): engine_run_months_start starts it when the run may use a thread
 * (db in a read transaction whose snapshot another connection is sure to read, request->jobs
 * > 1; see engine_contacts.c), and otherwise runs the pass at once on the calling thread with
 * db, so that its memory is freed before the caller's other runs; engine_run_months_finish joins
 * the thread and hands over the results (and the pass's error) as engine_run_months does, after
 * running the pass with db when the thread could not read. *job is the caller's to finish, also
 * after a failure of its own: with diag NULL, finish only joins and frees. The figures are the
 * same either way. */
typedef struct engine_months_job engine_months_job;
ck_error engine_run_months_start(sqlite3 *db, const engine_request *request, size_t month_count,
                                 engine_months_job **job);
ck_error engine_run_months_finish(sqlite3 *db, engine_months_job *job, kpi_result **out,
                                  ck_diag *diag);

/* The data cut-off of kpi.md: the latest paid_at or contact_at; *found false when the
 * database has neither. */
ck_error engine_data_cutoff(sqlite3 *db, bool *found, int64_t *cutoff, ck_diag *diag);

#endif
