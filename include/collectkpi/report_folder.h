/* report_folder.h - a report folder: the workbook, the charts, the dashboard and the
 * snapshot of one period, written together.
 *
 * The three outputs are made in a staging folder inside the output folder (report_staging.h)
 * and moved into place only at the end, charts first and the dashboard last, so a failure
 * leaves the previous report as it was and the folder never mixes two runs. When gnuplot is
 * missing or fails, the workbook and a dashboard without charts are still delivered, and
 * the charts of an earlier run are removed rather than left beside figures they do not show.
 */
#ifndef COLLECTKPI_REPORT_FOLDER_H
#define COLLECTKPI_REPORT_FOLDER_H

#include <stdbool.h>

#include "collectkpi/error.h"
#include "collectkpi/report.h"
#include "collectkpi/xlsx.h"

/* The step a report folder failed at, for the one line that says so. */
typedef enum report_folder_step {
    REPORT_FOLDER_CHECK,     /* a text of the database cannot go into the workbook */
    REPORT_FOLDER_CREATE,    /* the output folder cannot be made */
    REPORT_FOLDER_STAGING,   /* the staging folder cannot be made in it */
    REPORT_FOLDER_WORKBOOK,  /* writing the workbook */
    REPORT_FOLDER_DASHBOARD, /* writing the dashboard */
    REPORT_FOLDER_EXTRA,     /* writing the caller's extra file (the snapshot) */
    REPORT_FOLDER_MOVE       /* moving the outputs into place */
} report_folder_step;

typedef struct report_folder_outcome {
    char workbook[XLSX_FILE_NAME_SIZE]; /* the workbook's file name in the folder */
    bool charts_written;                /* FOLDER/charts/ holds this run's charts */
    /* CK_OK, or why the charts were left out while the rest was delivered. */
    ck_error charts_error;
    ck_diag charts_diag;
    report_folder_step failed_step; /* when report_folder_write fails */
    xlsx_cut cut;                   /* the list rows the workbook's sheets could not show */
} report_folder_outcome;

/* One more file of the report that the caller writes (the snapshot of its figures): write
 * makes it at path, in the staging folder, so that it is moved in with the rest (last). */
typedef struct report_folder_extra {
    const char *name; /* its file name in the folder */
    ck_error (*write)(const char *path, const void *context, ck_diag *diag);
    const void *context;
} report_folder_extra;

/* Writes the report of data into folder (made, with its parents, when missing): the
 * workbook, the charts unless !with_charts, the dashboard and extra (NULL: none). Texts are
 * checked first, so bad names stop it before any file is written (CK_ERR_DATA). On any other
 * failure nothing of this run is left behind. A chart failure alone is not a failure: it is
 * in outcome. */
ck_error report_folder_write(const char *folder, const report_data *data, bool with_charts,
                             const report_folder_extra *extra, report_folder_outcome *outcome,
                             ck_diag *diag);

/* mkdir -p: makes folder and its missing parents; CK_ERR_IO when it is not a folder after. */
ck_error report_folder_create(const char *folder, ck_diag *diag);

#endif
