/* report_folder.c - the workbook, the charts and the dashboard written together (see
 * report_folder.h). It is the one file that calls every writer, so it sits in a layer above
 * them; the writers know nothing of each other.
 */
#include "collectkpi/report_folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectkpi/charts.h"
#include "collectkpi/dashboard.h"
#include "collectkpi/atomic_file.h"
#include "collectkpi/interrupt.h"
#include "collectkpi/report_staging.h"
#include "collectkpi/staging.h"

/* dir/name into buf; false when it does not fit. */
static bool join_path(char *buf, size_t size, const char *dir, const char *name)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < size;
}

/* True when name is a file name the charts writer uses (*.png, *.svg, charts.gp). */
static bool chart_file_name(const char *name)
{
    size_t len = strlen(name);
    return strcmp(name, "charts.gp") == 0 ||
           (name[0] != '.' && len > 4 &&
            (strcmp(name + len - 4, ".png") == 0 || strcmp(name + len - 4, ".svg") == 0));
}

/* The entries of the folder that a report replaces must be ours to replace: charts/ a real
 * folder of chart files only (it is deleted as a whole), the workbook and index.html regular
 * files (or absent). Anything else is the user's and is refused before anything is written. */
static ck_error check_folder_entries(const char *out, const char *workbook, const char *extra,
                                     ck_diag *diag)
{
    char path[4096];
    const char *const files[] = {workbook, "index.html", extra};
    for (size_t i = 0; i < 3 && files[i] != NULL; i++) {
        ck_diag inner = {{0}};
        if (!join_path(path, sizeof path, out, files[i]) ||
            atomic_file_check_target(path, &inner) != CK_OK) {
            ck_diag_set(diag, "'%s' is in the way: %s", path, inner.text);
            return CK_ERR_IO;
        }
    }
    struct stat st;
    if (!join_path(path, sizeof path, out, "charts") || lstat(path, &st) != 0)
        return CK_OK;
    DIR *dir = S_ISDIR(st.st_mode) ? opendir(path) : NULL;
    const char *foreign = NULL;
    struct dirent *e;
    while (dir != NULL && foreign == NULL && (e = readdir(dir)) != NULL) {
        char entry[4096];
        struct stat est;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (!chart_file_name(e->d_name) || !join_path(entry, sizeof entry, path, e->d_name) ||
            lstat(entry, &est) != 0 || !S_ISREG(est.st_mode))
            foreign = e->d_name;
    }
    if (dir == NULL || foreign != NULL) {
        ck_diag_set(diag,
                    "'%s' is not a charts folder collectkpi wrote (%s%s); move it away or "
                    "choose another --out",
                    path, dir == NULL ? "it is not a folder" : "it holds ",
                    dir == NULL ? "" : foreign);
        if (dir != NULL)
            closedir(dir);
        return CK_ERR_IO;
    }
    closedir(dir);
    return CK_OK;
}

/* A stop between the steps (Ctrl-C, kill): the run ends like any failure. */
static bool interrupted(ck_error *err, ck_diag *diag)
{
    if (!interrupt_requested())
        return false;
    ck_diag_set(diag, "interrupted");
    *err = CK_ERR_IO;
    return true;
}

/* mkdir -p: creates path and its missing parents. */
/* mkdir -p; *first_made is the length of the first prefix of path it created (SIZE_MAX when
 * the folder was there), so that a failed run can take away what it made. */
static ck_error make_folder(const char *path, size_t *first_made, ck_diag *diag)
{
    *first_made = SIZE_MAX;
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
        if (mkdir(copy, 0777) == 0) {
            if (*first_made == SIZE_MAX)
                *first_made = i;
        } else if (errno != EEXIST) {
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

/* Removes the folders make_folder created for path, deepest first, as long as they are
 * empty (rmdir never removes anything else). */
static void unmake_folder(const char *path, size_t first_made)
{
    if (first_made == SIZE_MAX)
        return;
    char *copy = strdup(path);
    if (copy == NULL)
        return;
    size_t len = strlen(copy);
    while (len >= first_made && len > 0 && rmdir(copy) == 0) {
        while (len > 0 && copy[len - 1] != '/')
            len--;
        while (len > 0 && copy[len - 1] == '/')
            len--;
        copy[len] = '\0';
    }
    free(copy);
}

ck_error report_folder_create(const char *path, ck_diag *diag)
{
    size_t first_made;
    return make_folder(path, &first_made, diag);
}

/* Moves the staged outputs into the folder: the charts when this run drew them (an earlier
 * run's charts go into staging either way, to be deleted with it), the workbook, then the
 * dashboard, which is what a reader opens first, and the extra file last (the snapshot says
 * what the report in place shows: a run stopped before it keeps the previous one, which
 * still records the figures sent out). */
static ck_error move_into_place(const report_staging *staging, const char *workbook,
                                bool with_charts, const report_folder_extra *extra, ck_diag *diag)
{
    ck_error err = report_staging_park(staging, "charts", "old-charts", diag);
    if (err == CK_OK && with_charts)
        err = report_staging_move(staging, "charts", diag);
    if (err == CK_OK)
        err = report_staging_move(staging, workbook, diag);
    if (err == CK_OK)
        err = report_staging_move(staging, "index.html", diag);
    if (err == CK_OK && extra != NULL)
        err = report_staging_move(staging, extra->name, diag);
    return err;
}

ck_error report_folder_write(const char *folder, const report_data *data, bool with_charts,
                             const report_folder_extra *extra, report_folder_outcome *outcome,
                             ck_diag *diag)
{
    memset(outcome, 0, sizeof *outcome);
    xlsx_file_name(&data->current->period, outcome->workbook, sizeof outcome->workbook);
    outcome->failed_step = REPORT_FOLDER_CHECK;
    ck_error err = xlsx_check_texts(data, diag);
    if (err != CK_OK)
        return err;
    outcome->failed_step = REPORT_FOLDER_CREATE;
    size_t first_made;
    err = make_folder(folder, &first_made, diag);
    if (err == CK_OK)
        err = check_folder_entries(folder, outcome->workbook, extra ? extra->name : NULL, diag);
    if (err != CK_OK) {
        unmake_folder(folder, first_made);
        return err;
    }
    outcome->failed_step = REPORT_FOLDER_STAGING;
    staging_sweep(folder); /* what killed runs left behind (only folders with our marker) */
    report_staging staging;
    /* STAGING_PREFIX without its last '-': report_staging_open adds "-XXXXXX" */
    err = report_staging_open(&staging, folder, ".collectkpi-staging", diag);
    if (err != CK_OK) {
        unmake_folder(folder, first_made);
        return err;
    }
    err = staging_mark(staging.path, diag);
    if (err != CK_OK)
        goto done;
    outcome->failed_step = REPORT_FOLDER_WORKBOOK;
    /* gnuplot draws the charts (another process) while this one writes the workbook */
    charts_job *charts = NULL;
    if (with_charts && !interrupted(&err, diag))
        outcome->charts_error = charts_start(staging.path, data, &charts, &outcome->charts_diag);
    if (err == CK_OK && !interrupted(&err, diag))
        err = xlsx_write(staging.path, data, &outcome->cut, diag);
    if (err == CK_OK && !interrupted(&err, diag)) {
        if (charts != NULL) /* (charts_start failed: its error is outcome->charts_error) */
            outcome->charts_error = charts_finish(charts, false, &outcome->charts_diag);
    } else {
        ck_diag ignored = {{0}}; /* the report is abandoned: the workbook's error is the one */
        charts_finish(charts, true, &ignored);
    }
    if (err != CK_OK)
        goto done;
    bool charts_drawn = with_charts && outcome->charts_error == CK_OK;
    outcome->failed_step = REPORT_FOLDER_DASHBOARD;
    if (!interrupted(&err, diag))
        err = dashboard_write(staging.path, data, charts_drawn, diag);
    if (err != CK_OK)
        goto done;
    if (extra != NULL) {
        char path[REPORT_STAGING_PATH_SIZE];
        outcome->failed_step = REPORT_FOLDER_EXTRA;
        if (!report_staging_file(&staging, extra->name, path, sizeof path)) {
            ck_diag_set(diag, "the path of '%s' is too long", extra->name);
            err = CK_ERR_IO;
        } else if (!interrupted(&err, diag)) {
            err = extra->write(path, extra->context, diag);
        }
        if (err != CK_OK)
            goto done;
    }
    outcome->failed_step = REPORT_FOLDER_MOVE;
    if (!interrupted(&err, diag))
        err = move_into_place(&staging, outcome->workbook, charts_drawn, extra, diag);
    if (err == CK_OK)
        outcome->charts_written = charts_drawn;
done:
    report_staging_remove(&staging);
    if (err != CK_OK) /* a failed or interrupted run leaves no empty folder of its own */
        unmake_folder(folder, first_made);
    return err;
}
