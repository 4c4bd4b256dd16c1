/* report_staging.h - a set of output files made in a temporary folder, then moved in.
 *
 * Files that belong together (the chart set; a report's workbook, charts and dashboard) are
 * made in a hidden folder inside the folder they are for, and moved in only once every one
 * of them was made, each with one rename in the same file system: a failure leaves the
 * earlier set (or none), never half of one, and never two runs mixed. atomic_file.h does the
 * same for one file this program writes itself; a staging folder is for sets, and for files
 * that another program (gnuplot) writes under names of its own.
 */
#ifndef COLLECTKPI_REPORT_STAGING_H
#define COLLECTKPI_REPORT_STAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "collectkpi/error.h"

#define REPORT_STAGING_PATH_SIZE 4096

typedef struct report_staging {
    char target[REPORT_STAGING_PATH_SIZE]; /* the folder the set is for */
    char path[REPORT_STAGING_PATH_SIZE];   /* target/PREFIX-XXXXXX; "" once removed */
} report_staging;

/* Creates the staging folder target/PREFIX-XXXXXX (target must exist). CK_ERR_IO. */
ck_error report_staging_open(report_staging *staging, const char *target, const char *prefix,
                             ck_diag *diag);
/* staging/name (a file made in the staging folder) into out; false when it does not fit. */
bool report_staging_file(const report_staging *staging, const char *name, char *out, size_t size);
/* Renames staging/name onto target/name, replacing a file of that name. CK_ERR_IO. */
ck_error report_staging_move(const report_staging *staging, const char *name, ck_diag *diag);
/* Moves target/name (a file or a folder), if there is one, into the staging folder as
 * `parked`, so that it goes when the staging folder is removed. CK_ERR_IO. */
ck_error report_staging_park(const report_staging *staging, const char *name, const char *parked,
                             ck_diag *diag);
/* Removes the staging folder and whatever is left in it; safe twice. */
void report_staging_remove(report_staging *staging);

#endif
