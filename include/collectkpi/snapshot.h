/* snapshot.h - the machine-readable record of the figures a report sent out, and what has
 * changed since.
 *
 * `report` writes collectkpi-PERIOD.json beside the workbook: every kpi.md figure of the
 * total, each team and each agent, as the CSV writes them (so "differs" means "prints
 * differently"), with the period, the data cut-off and the settings that change figures.
 * When `report` or `kpi` runs again for the period and a figure prints differently, the
 * figure is *restated*: late data arrived. A snapshot carries the restatements found when it
 * was written, so a report run twice on the same data shows the same Restated block (and
 * the same bytes).
 */
#ifndef COLLECTKPI_SNAPSHOT_H
#define COLLECTKPI_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/kpi.h"
#include "collectkpi/report.h"

/* One figure: scope "total", "team" or "agent"; name the team or employee_no ("" for the
 * total); value as the CSV prints it, NULL when undefined. */
typedef struct snapshot_figure {
    char *scope;
    char *name;
    char *key;
    char *value;
} snapshot_figure;

typedef struct snapshot {
    char *database; /* the database's file name (no folders): another database is not compared */
    char *period_start, *period_end;
    char *data_cutoff; /* NULL: the database had no payment and no contact */
    char *settings;    /* the settings that change figures, as one text */
    snapshot_figure *figures;
    size_t figure_count;
    report_restated *restated; /* carried from earlier snapshots (see above) */
    size_t restated_count;
} snapshot;

/* The snapshot of an engine result (kpi.md figures of the total, teams and agents) read
 * from the database of this file name. */
ck_error snapshot_of(const kpi_result *result, const char *database, snapshot *out);
void snapshot_free(snapshot *s);

/* Reads path; *found false (CK_OK) when there is no such file. CK_ERR_IO (diag: the system's
 * reason) when it cannot be read, CK_ERR_DATA when it is not a snapshot (diag says why). */
ck_error snapshot_read(const char *path, snapshot *out, bool *found, ck_diag *diag);
/* Writes s to path through a temporary file (atomic_file.h); the same snapshot gives the
 * same bytes. */
ck_error snapshot_write(const char *path, const snapshot *s, ck_diag *diag);

/* Whether two snapshots are comparable: the same database file name, period and settings. */
bool snapshot_same_basis(const snapshot *a, const snapshot *b);
/* The figures of now that print differently in before (and those only in one of them), as
 * restatements from before's cut-off to now's; *out is the caller's (report_restated_free). */
ck_error snapshot_diff(const snapshot *before, const snapshot *now, report_restated **out,
                       size_t *count);
/* The restatements to show and carry into now's snapshot: before's carried ones (keeping
 * their original old value and cut-off) updated by snapshot_diff(before, now), without
 * those whose value is back where it was. Fills now->restated. */
ck_error snapshot_restate(const snapshot *before, snapshot *now);

/* Prints the differences as a table (or CSV, or JSON) for `collectkpi diff`. */
ck_error snapshot_write_diff(FILE *out, const snapshot *before, const snapshot *now,
                             const report_restated *changes, size_t count, int format,
                             ck_diag *diag);

#endif
