/* cmd_report.c - `collectkpi report DB`: the monthly report folder (issue 3).
 *
 * Runs the engine for the period (with the promise and complaint lists), the calendar
 * month before it (for "change") and the twelve trend months, then hands one report_data
 * to the writers in turn: the workbook (xlsx.h), the gnuplot charts (charts.h, skipped
 * with --no-charts) and the dashboard (dashboard.h). Months that coincide with the period
 * or the previous month are not run twice.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "collectkpi/charts.h"
#include "collectkpi/cli.h"
#include "collectkpi/dashboard.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/report.h"
#include "collectkpi/xlsx.h"

enum { OPT_OUT = CLI_OPT_FIRST_FREE, OPT_NO_CHARTS };

static void print_help(void)
{
    printf("usage: collectkpi report DB [--month YYYY-MM | --from DATE --to DATE]\n"
           "                            [--out DIR] [--lang en|zh] [--currency CODE]\n"
           "                            [--no-charts] [settings options]\n\n"
           "Write the report folder of a period (default reports/PERIOD/, e.g.\n"
           "reports/2026-10/):\n"
           "  collectkpi-PERIOD.xlsx   the workbook: Summary, Agents, Teams, Trend,\n"
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
    if (argc - optind != 1)
        return cmd_usage_error("report", argc - optind == 0
                                             ? "missing the database file argument"
                                             : "expected one database file argument");
    const char *path = argv[optind];

    engine_request request;
    memset(&request, 0, sizeof request);
    ck_diag diag = {{0}};
    ck_error err = cli_reading_resolve(&reading, &request.period, &request.settings,
                                       &request.has_as_of, &request.as_of, &diag);
    if (err == CK_ERR_USAGE)
        return cmd_usage_error("report", "%s", diag.text);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot read settings");

    sqlite3 *db = NULL;
    report_runs runs;
    memset(&runs, 0, sizeof runs);
    char default_out[64];
    int status = 0;
    err = db_open_readonly(path, &db, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot open database '%s'", path);
        goto done;
    }
    cmd_note_missing_indexes(db, path);
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
    err = xlsx_write(out, &data, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the workbook in '%s'", out);
        goto done;
    }
    char name[XLSX_FILE_NAME_SIZE];
    xlsx_file_name(&request.period, name, sizeof name);
    printf("wrote %s/%s\n", out, name);
    if (!no_charts) {
        err = charts_write(out, &data, &diag);
        if (err != CK_OK) {
            status = cmd_fail(err, &diag, "cannot draw the charts in '%s'", out);
            goto done;
        }
        printf("wrote %s/charts/\n", out);
    }
    err = dashboard_write(out, &data, !no_charts, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the dashboard in '%s'", out);
        goto done;
    }
    printf("wrote %s/index.html\n", out);
done:
    report_runs_free(&runs);
    sqlite3_close(db);
    return status;
}
