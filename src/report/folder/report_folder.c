/* report_folder.c - the workbook, the charts and the dashboard written together (see
 * report_folder.h). It is the one file that calls every writer, so it sits in a layer above
 * them; the writers know nothing of each other.
 */
#include "collectkpi/report_folder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collectkpi/charts.h"
#include "collectkpi/dashboard.h"
#include "collectkpi/report_staging.h"

/* mkdir -p: creates path and its missing parents. */
static ck_error make_folder(const char *path, ck_diag *diag)
{
    char *copy = strdup(path);
    if (copy == NULL) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    ck_error err = CK_OK;
    size_t len = strlen(copy);
    for (size_t i = 1; i <= len && err == CK_OK; i++) {
        if (copy[i] != '/' && copy[i] != '\0')
            continue;
        char saved = copy[i];
        copy[i] = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            ck_diag_set(diag, "cannot create the folder '%s': %s", copy, strerror(errno));
            err = CK_ERR_IO;
        }
        copy[i] = saved;
    }
    struct stat st;
    if (err == CK_OK && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
        ck_diag_set(diag, "'%s' is not a folder", path);
        err = CK_ERR_IO;
    }
    free(copy);
    return err;
}

ck_error report_folder_create(const char *path, ck_diag *diag)
{
    return make_folder(path, diag);
}

/* Moves the staged outputs into the folder: the charts when this run drew them (an earlier
 * run's charts go into staging either way, to be deleted with it), the workbook, then the
 * dashboard, which is what a reader opens first. */
static ck_error move_into_place(const report_staging *staging, const char *workbook,
                                bool with_charts, ck_diag *diag)
{
    ck_error err = report_staging_park(staging, "charts", "old-charts", diag);
    if (err == CK_OK && with_charts)
        err = report_staging_move(staging, "charts", diag);
    if (err == CK_OK)
        err = report_staging_move(staging, workbook, diag);
    if (err == CK_OK)
        err = report_staging_move(staging, "index.html", diag);
    return err;
}

ck_error report_folder_write(const char *folder, const report_data *data, bool with_charts,
                             report_folder_outcome *outcome, ck_diag *diag)
{
    memset(outcome, 0, sizeof *outcome);
    xlsx_file_name(&data->current->period, outcome->workbook, sizeof outcome->workbook);
    outcome->failed_step = REPORT_FOLDER_CHECK;
    ck_error err = xlsx_check_texts(data, diag);
    if (err != CK_OK)
        return err;
    outcome->failed_step = REPORT_FOLDER_CREATE;
    err = make_folder(folder, diag);
    if (err != CK_OK)
        return err;
    outcome->failed_step = REPORT_FOLDER_STAGING;
    report_staging staging;
    err = report_staging_open(&staging, folder, ".collectkpi-staging", diag);
    if (err != CK_OK)
        return err;
    outcome->failed_step = REPORT_FOLDER_WORKBOOK;
    err = xlsx_write(staging.path, data, diag);
    if (err != CK_OK)
        goto done;
    if (with_charts)
        outcome->charts_error = charts_write(staging.path, data, &outcome->charts_diag);
    bool charts_drawn = with_charts && outcome->charts_error == CK_OK;
    outcome->failed_step = REPORT_FOLDER_DASHBOARD;
    err = dashboard_write(staging.path, data, charts_drawn, diag);
    if (err != CK_OK)
        goto done;
    outcome->failed_step = REPORT_FOLDER_MOVE;
    err = move_into_place(&staging, outcome->workbook, charts_drawn, diag);
    if (err == CK_OK)
        outcome->charts_written = charts_drawn;
done:
    report_staging_remove(&staging);
    return err;
}
