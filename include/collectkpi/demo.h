/* demo.h - the deterministic synthetic case database of `collectkpi demo`.
 *
 * demo_generate() simulates a collection centre month by
 * month (agents who join and leave, cases placed, worked, reassigned, paid and closed) and
 * writes every row through prepared statements into a new SQLite file that follows
 * data-model.md. The same options give the same bytes: all randomness comes from one
 * xoshiro256** stream seeded by options->seed, never from the clock.
 */
#ifndef COLLECTKPI_DEMO_H
#define COLLECTKPI_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/error.h"

/* The two sizes of data-model.md ("Scale the tool is built for"). */
typedef enum demo_size {
    DEMO_SIZE_DEMO,  /* 60 agents in 6 teams, 20,000 cases, 13 months */
    DEMO_SIZE_LARGE, /* 1,000 agents in 50 teams, 1,000,000 cases, 24 months */
} demo_size;

/* Called now and then while generating; fraction runs from 0 to 1 over the whole job. */
typedef void (*demo_progress_fn)(void *ctx, const char *phase, double fraction);

typedef struct demo_options {
    demo_size size;
    uint64_t seed;
    int end_year; /* the last month the data covers (all of it), 2000-01..9998-12 */
    int end_month;
    bool force;                /* replace an existing file at the path instead of refusing */
    demo_progress_fn progress; /* may be NULL */
    void *progress_ctx;
} demo_options;

/* What was written, for the command's closing line. */
typedef struct demo_summary {
    int64_t teams, agents, cases, assignments, contacts, promises, payments, complaints, surveys;
    int first_year, first_month; /* the first month covered */
    int months;
} demo_summary;

/* "demo" or "large"; false for anything else. */
bool demo_size_from_text(const char *text, demo_size *out);

/* Writes a new database at path (through a temporary file in the same folder that is
 * renamed into place). CK_ERR_EXISTS when path exists and !options->force, CK_ERR_USAGE
 * for an end month out of range, CK_ERR_IO / CK_ERR_DB / CK_ERR_NOMEM otherwise; nothing
 * is left at path on failure. */
ck_error demo_generate(const char *path, const demo_options *options, demo_summary *summary,
                       ck_diag *diag);

#endif
