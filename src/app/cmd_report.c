/* cmd_report.c - `collectkpi report DB`: the monthly report folder (issue 3).
 *
 * Runs the engine for the period (with the promise and complaint lists), the calendar
 * month before it (for "change") and the twelve trend months, then hands one report_data
 * to the writers in turn: the workbook (xlsx.h), the gnuplot charts (charts.h, skipped
 * with --no-charts) and the dashboard (dashboard.h). Months that coincide with the period
 * or the previous month are not run twice.
 *
 * The three outputs are written into a staging folder inside the output folder and moved
 * into place only at the end, charts first and the dashboard last, so a failure leaves the
 * previous report as it was and the folder never mixes two runs. When gnuplot is missing or
 * fails, the workbook and a dashboard without charts are still delivered (exit 1), and the
 * charts of an earlier run are removed rather than left beside figures they do not show.
 */
/* nftw() is XSI. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "collectkpi/charts.h"
#include "cli.h"
#include "collectkpi/dashboard.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/report.h"
#include "collectkpi/score.h"
#include "collectkpi/xlsx.h"

enum { OPT_OUT = CLI_OPT_FIRST_FREE, OPT_NO_CHARTS };

static void print_help(void)
{
    printf("usage: collectkpi report DB [--month YYYY-MM | --quarter YYYYQn | --year YYYY |\n"
           "                             --from DATE --to DATE]\n"
           "                            [--out DIR] [--lang en|zh] [--currency CODE]\n"
           "                            [--no-charts] [settings options]\n\n"
           "Write the report folder of a period (default reports/PERIOD/, e.g.\n"
           "reports/2026-10/):\n"
           "  collectkpi-PERIOD.xlsx   the workbook: Summary, Agents, Teams, Scores, Trend,\n"
           "                           Promises, Complaints, Definitions\n"
           "  charts/*.png, *.svg      gnuplot charts\n"
           "  index.html               the management dashboard\n"
           "Each file is written under a temporary name and renamed into place, so an\n"
           "existing report is replaced only by a complete one. See docs/report.md.\n\n"
           "  --out DIR                write into DIR instead (created if missing)\n"
           "  --no-charts              skip the gnuplot charts (no gnuplot needed); the\n"
           "                           workbook keeps its own Excel charts\n"
           "%s",
           cli_reading_options_help);
}

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

/* The engine results a report needs; trend entries may alias current or previous. */
typedef struct report_runs {
    kpi_result *current;
    kpi_result *previous;
    kpi_result *trend[REPORT_TREND_MONTHS];
    bool trend_owned[REPORT_TREND_MONTHS];
} report_runs;

static void report_runs_free(report_runs *runs)
{
    for (size_t i = 0; i < REPORT_TREND_MONTHS; i++)
        if (runs->trend_owned[i])
            kpi_result_free(runs->trend[i]);
    kpi_result_free(runs->previous);
    kpi_result_free(runs->current);
}

static bool same_period(const period *a, const period *b)
{
    return a->start == b->start && a->end == b->end;
}

static ck_error run_engine(sqlite3 *db, const engine_request *base, report_runs *runs,
                           ck_diag *diag)
{
    engine_request request = *base;
    request.want_lists = true;
    ck_error err = engine_run(db, &request, &runs->current, diag);
    if (err != CK_OK)
        return err;
    request.want_lists = false;
    /* "Last month" only means something when the period is a calendar month. */
    if (base->period.month != 0) {
        period_month_before(&base->period, 1, &request.period);
        err = engine_run(db, &request, &runs->previous, diag);
        if (err != CK_OK)
            return err;
    }
    for (int i = 0; i < REPORT_TREND_MONTHS; i++) {
        period_month_before(&base->period, REPORT_TREND_MONTHS - 1 - i, &request.period);
        if (same_period(&request.period, &runs->current->period)) {
            runs->trend[i] = runs->current;
        } else if (runs->previous != NULL &&
                   same_period(&request.period, &runs->previous->period)) {
            runs->trend[i] = runs->previous;
        } else {
            err = engine_run(db, &request, &runs->trend[i], diag);
            if (err != CK_OK)
                return err;
            runs->trend_owned[i] = true;
        }
    }
    return CK_OK;
}

/* nftw callback: removes one entry of a tree, children first. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* dir/name into buf; false when it does not fit. */
static bool join_path(char *buf, size_t size, const char *dir, const char *name)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < size;
}

/* Moves the staged outputs into out: the charts when this run drew them (an earlier run's
 * folder goes into staging either way, to be deleted with it), the workbook, then the
 * dashboard. */
static ck_error commit_report(const char *staging, const char *out, const char *workbook,
                              bool with_charts, ck_diag *diag)
{
    char from[4096], to[4096], old[4096];
    struct stat st;
    if (!join_path(to, sizeof to, out, "charts") ||
        !join_path(old, sizeof old, staging, "old-charts") ||
        !join_path(from, sizeof from, staging, "charts"))
        goto too_long;
    if (lstat(to, &st) == 0 && rename(to, old) != 0)
        goto failed;
    if (with_charts && rename(from, to) != 0)
        goto failed;
    if (!join_path(from, sizeof from, staging, workbook) ||
        !join_path(to, sizeof to, out, workbook))
        goto too_long;
    if (rename(from, to) != 0)
        goto failed;
    if (!join_path(from, sizeof from, staging, "index.html") ||
        !join_path(to, sizeof to, out, "index.html"))
        goto too_long;
    if (rename(from, to) != 0)
        goto failed;
    return CK_OK;
failed:
    ck_diag_set(diag, "cannot move '%s' into place: %s", to, strerror(errno));
    return CK_ERR_IO;
too_long:
    ck_diag_set(diag, "the output folder name is too long");
    return CK_ERR_IO;
}

int cmd_report(int argc, char **argv)
{
    static const struct option options[] = {CLI_READING_LONG_OPTIONS,
                                            {"out", required_argument, NULL, OPT_OUT},
                                            {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    const char *out = NULL;
    bool no_charts = false;
    int opt;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_OUT) {
            if (optarg[0] == '\0')
                return cmd_usage_error("report", "--out needs a folder name");
            out = optarg;
        } else if (opt == OPT_NO_CHARTS) {
            no_charts = true;
        } else if (opt == ':') {
            return cmd_usage_error("report", "option '%s' needs a value", argv[optind - 1]);
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("report", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *path = NULL;
    engine_request request;
    sqlite3 *db = NULL;
    int finished = cmd_start_reading("report", argc, argv, &reading, &request, &path, &db);
    if (finished >= 0)
        return finished;
    ck_diag diag = {{0}};
    ck_error err = CK_OK;
    report_runs runs;
    memset(&runs, 0, sizeof runs);
    score_table scores;
    memset(&scores, 0, sizeof scores);
    char default_out[64];
    int status = 0;
    err = run_engine(db, &request, &runs, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }

    report_data data;
    memset(&data, 0, sizeof data);
    if (db_table_count > sizeof data.table_counts / sizeof data.table_counts[0]) {
        status = cmd_fail(CK_ERR_PROGRAM, NULL, "report_data holds fewer tables than db.h");
        goto done;
    }
    err = db_table_counts(db, data.table_counts, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot count the rows of '%s'", path);
        goto done;
    }
    const char *slash = strrchr(path, '/');
    data.current = runs.current;
    data.previous = runs.previous;
    data.trend = (const kpi_result *const *)runs.trend;
    data.trend_count = REPORT_TREND_MONTHS;
    data.database_name = slash != NULL ? slash + 1 : path;
    data.program_version = COLLECTKPI_VERSION;
    err = score_table_build(runs.current, &scores);
    if (err != CK_OK) {
        status = cmd_fail(err, NULL, "cannot compute the scores");
        goto done;
    }
    data.scores = &scores;

    /* Bad names stop the report before any file is written (exit 3). */
    err = xlsx_check_texts(&data, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "database '%s'", path);
        goto done;
    }
    if (out == NULL) {
        char label[32];
        period_label(&request.period, label, sizeof label);
        snprintf(default_out, sizeof default_out, "reports/%s", label);
        out = default_out;
    }
    err = make_folder(out, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the report");
        goto done;
    }
    char staging[4096];
    if (!join_path(staging, sizeof staging, out, ".collectkpi-staging-XXXXXX") ||
        mkdtemp(staging) == NULL) {
        ck_diag_set(&diag, "%s", errno ? strerror(errno) : "the folder name is too long");
        status = cmd_fail(CK_ERR_IO, &diag, "cannot write the report in '%s'", out);
        goto done;
    }
    char name[XLSX_FILE_NAME_SIZE];
    xlsx_file_name(&request.period, name, sizeof name);
    err = xlsx_write(staging, &data, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the workbook in '%s'", out);
        goto cleanup;
    }
    /* A chart failure is reported after the rest is delivered (exit 1). */
    ck_error charts_err = CK_OK;
    ck_diag charts_diag = {{0}};
    if (!no_charts)
        charts_err = charts_write(staging, &data, &charts_diag);
    err = dashboard_write(staging, &data, !no_charts && charts_err == CK_OK, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the dashboard in '%s'", out);
        goto cleanup;
    }
    err = commit_report(staging, out, name, !no_charts && charts_err == CK_OK, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the report");
        goto cleanup;
    }
    printf("wrote %s/%s\n", out, name);
    if (!no_charts && charts_err == CK_OK)
        printf("wrote %s/charts/\n", out);
    printf("wrote %s/index.html\n", out);
    if (charts_err != CK_OK)
        status = cmd_fail(charts_err, &charts_diag, "cannot draw the charts in '%s'", out);
cleanup:
    remove_tree(staging);
done:
    score_table_free(&scores);
    report_runs_free(&runs);
    sqlite3_close(db);
    return status;
}
