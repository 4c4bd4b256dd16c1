/* cmd_report.c - `collectkpi report DB`: the monthly report folder.
 *
 * Runs the engine for the period before the report's (period_before: for "change", with the
 * contact-compliance figures), the period (with the promise, complaint and breach lists and
 * the compliance figures too) and the twelve trend months, and hands one report_data to
 * report_folder_write (report_folder.h), which writes the workbook, the charts (skipped
 * with --no-charts), the dashboard and the snapshot (collectkpi-PERIOD.json) together. Months that
 * coincide with the period or the previous month are not run twice; the other trend months go
 * through one pass, on a thread of its own when --jobs allows (engine_run_months_start), while
 * this thread runs the other two and computes the counts and scores. When only the charts failed,
 * the rest is delivered and the command still ends with exit 1, after saying what it wrote.
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/report.h"
#include "collectkpi/report_folder.h"
#include "collectkpi/score.h"
#include "collectkpi/snapshot.h"

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
           "                           Promises, Complaints, Compliance, Definitions\n"
           "  charts/*.png, *.svg      gnuplot charts\n"
           "  index.html               the management dashboard\n"
           "  collectkpi-PERIOD.json   a snapshot of the figures and the data cut-off; when\n"
           "                           one is there already and a figure now prints\n"
           "                           differently, the figure is restated: said on stderr\n"
           "                           and in a Restated block (Summary sheet, dashboard)\n"
           "Each file is written under a temporary name and renamed into place, so an\n"
           "existing report is replaced only by a complete one. See docs/report.md.\n\n"
           "  --out DIR                write into DIR instead (created if missing)\n"
           "  --no-charts              skip the gnuplot charts (no gnuplot needed); the\n"
           "                           workbook keeps its own Excel charts\n"
           "%s",
           cli_reading_options_help);
}

/* The engine results a report needs; trend entries may alias current or previous. The trend
 * months of the pass (the first pass_months) come from months_job, on another thread, until
 * finish_trend. */
typedef struct report_runs {
    kpi_result *current;
    kpi_result *previous;
    kpi_result *trend[REPORT_TREND_MONTHS];
    bool trend_owned[REPORT_TREND_MONTHS];
    engine_months_job *months_job;
    size_t pass_months;
} report_runs;

/* The row counts of the Definitions sheet, counted on another thread from the moment the
 * period's runs are done until the workbook asks for them (report_data.table_counts_wait), so
 * that the second it takes overlaps the trend still computing and the other sheets written. */
typedef struct report_counts {
    sqlite3 *db;
    db_counts_job *job;
    bool finished; /* job is gone; err, diag and counts hold what it gave */
    int64_t counts[SCHEMA_TABLE_COUNT];
    ck_error err;
    ck_diag diag;
} report_counts;

static ck_error wait_counts(void *ctx, int64_t counts[SCHEMA_TABLE_COUNT], ck_diag *diag)
{
    report_counts *table = ctx;
    if (!table->finished) {
        table->err = db_table_counts_finish(table->db, table->job, table->counts, &table->diag);
        table->finished = true;
    }
    if (table->err != CK_OK) {
        *diag = table->diag;
        return table->err;
    }
    memcpy(counts, table->counts, sizeof table->counts);
    return CK_OK;
}

static void report_runs_free(sqlite3 *db, report_runs *runs)
{
    engine_run_months_finish(db, runs->months_job, NULL, NULL);
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

/* Starts the trend's pass and runs last month and the period; finish_trend completes the
 * trend. */
static ck_error run_engine(sqlite3 *db, const engine_request *base, report_runs *runs,
                           ck_diag *diag)
{
    /* The period to compare with: last month, or the same number of days before. */
    period previous;
    period_before(&base->period, &previous);
    /* The trend months the period's and last month's own runs (with their lists and
     * compliance) give: for a calendar month, the last two. They stand in for theirs, so only
     * the months before them go through the one pass over the data. */
    size_t pass_months = REPORT_TREND_MONTHS;
    while (pass_months > 0) {
        period month;
        period_month_before(&base->period, (int)(REPORT_TREND_MONTHS - pass_months), &month);
        if (!same_period(&month, &base->period) && !same_period(&month, &previous))
            break;
        pass_months--;
    }
    runs->pass_months = pass_months;
    /* The trend months (figures only; they show no compliance figure, so they skip the
     * breach pass) go through their pass on another thread while this one runs last month
     * (with compliance, for its change), the period (with compliance and lists, the largest
     * result) and what the report computes from the period: the two cores stay busy through
     * all of it. Beside the pass, each run's breach pass waits until the run's case rows are
     * freed (the period's lists hold every case of the month at once), so that the memory
     * holds one of the two at a time beside the pass's chunk. Without a thread (--jobs 1) the
     * pass runs first, inside engine_run_months_start. */
    engine_request request = *base;
    request.want_compliance = false;
    request.want_lists = false;
    request.breach_pass_after_loads = false;
    period_month_before(&base->period, REPORT_TREND_MONTHS - 1, &request.period);
    ck_error err = engine_run_months_start(db, &request, pass_months, &runs->months_job);
    request.want_compliance = true;
    request.breach_pass_after_loads = true;
    request.beside_another_pass = true; /* beside the trend's pass */
    request.period = previous;
    if (err == CK_OK)
        err = engine_run(db, &request, &runs->previous, diag);
    request.want_lists = true;
    request.period = base->period;
    if (err == CK_OK)
        err = engine_run(db, &request, &runs->current, diag);
    return err;
}

/* The trend months of the pass (joined) and those the period's and last month's runs give. */
static ck_error finish_trend(sqlite3 *db, const period *report_period, report_runs *runs,
                             ck_diag *diag)
{
    kpi_result *months[REPORT_TREND_MONTHS];
    ck_error err = engine_run_months_finish(db, runs->months_job, months, diag);
    runs->months_job = NULL;
    if (err != CK_OK)
        return err;
#if defined(__GLIBC__)
    /* The pass's thread had a heap of its own (glibc gives each thread one), which keeps the
     * freed chunks' space in pieces that the workbook's buffers, allocated on this thread, do
     * not reuse: give those pages back before the workbook is written. */
    malloc_trim(0);
#endif
    for (size_t i = 0; i < runs->pass_months; i++) {
        runs->trend[i] = months[i];
        runs->trend_owned[i] = true;
    }
    for (size_t i = runs->pass_months; i < REPORT_TREND_MONTHS; i++) {
        period month;
        period_month_before(report_period, (int)(REPORT_TREND_MONTHS - 1 - i), &month);
        runs->trend[i] = same_period(&month, report_period) ? runs->current : runs->previous;
    }
    return CK_OK;
}

/* report_folder_extra's writer: the snapshot (context) at path, in the staging folder. */
static ck_error write_snapshot(const char *path, const void *context, ck_diag *diag)
{
    return snapshot_write(path, context, diag);
}

/* The snapshot of result in *now, with the figures restated since the snapshot at path
 * (read into *before) when there is one of the same database file, period and settings. A
 * file there that is not a snapshot is said and replaced. Returns CMD_GO_ON or the exit
 * status. */
static int compare_snapshot(const kpi_result *result, const char *database, const char *path,
                            snapshot *before, snapshot *now)
{
    ck_diag diag = {{0}};
    bool found = false;
    ck_error err = snapshot_of(result, database, now);
    if (err != CK_OK)
        return cmd_fail(err, NULL, "cannot make the snapshot");
    err = snapshot_read(path, before, &found, &diag);
    if (err == CK_ERR_DATA) {
        cmd_note("'%s' is %s; it is replaced, and no figure is compared with it", path, diag.text);
        return CMD_GO_ON;
    }
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot read '%s'", path);
    if (!found)
        return CMD_GO_ON;
    /* Another database, period or settings: not the same report, so nothing is restated
     * (the folder was reused); the new snapshot replaces it. */
    if (!snapshot_same_basis(before, now))
        return CMD_GO_ON;
    err = snapshot_restate(before, now);
    return err == CK_OK ? CMD_GO_ON : cmd_fail(err, NULL, "cannot compare with the snapshot");
}

int cmd_report(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"out", required_argument, NULL, OPT_OUT},
        {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    const char *out = NULL;
    bool no_charts = false;
    int opt;
    while ((opt = cmd_getopt("report", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_OUT) {
            if (optarg[0] == '\0')
                return cmd_usage_error("report", "--out needs a folder name");
            out = optarg;
        } else if (opt == OPT_NO_CHARTS) {
            no_charts = true;
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("report", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *path = NULL;
    engine_request request;
    settings_lang lang;
    sqlite3 *db = NULL;
    int finished = cmd_start_reading("report", argc, argv, &reading, &request, &lang, &path, &db);
    if (finished >= 0)
        return finished;
    ck_diag diag = {{0}};
    report_runs runs;
    memset(&runs, 0, sizeof runs);
    score_table scores;
    memset(&scores, 0, sizeof scores);
    snapshot before, now;
    memset(&before, 0, sizeof before);
    memset(&now, 0, sizeof now);
    char default_out[64];
    char snapshot_path[4096];
    int status = 0;
    /* What needs only the period's run (the tables' counts, the scores) is done while the
     * trend's pass may still read; its failures are said in the order of a run without it:
     * the engine's first, then the coverage, then these. */
    report_data data;
    memset(&data, 0, sizeof data);
    report_counts table = {.db = db, .finished = true};
    ck_error err = run_engine(db, &request, &runs, &diag);
    if (err == CK_OK) {
        table.job = db_table_counts_start(db, request.jobs > 1);
        table.finished = false;
    }
    ck_error scores_err = err == CK_OK ? score_table_build(runs.current, &scores) : CK_OK;
    if (err == CK_OK)
        err = finish_trend(db, &request.period, &runs, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }
    status = cmd_guard_coverage(runs.current, reading.allow_empty);
    if (status != CMD_GO_ON)
        goto done;
    status = 0;
    if (scores_err != CK_OK) {
        status = cmd_fail(scores_err, NULL, "cannot compute the scores");
        goto done;
    }
    const char *slash = strrchr(path, '/');
    data.current = runs.current;
    data.previous = runs.previous;
    data.trend = (const kpi_result *const *)runs.trend;
    data.trend_count = REPORT_TREND_MONTHS;
    data.lang = lang;
    data.database_name = slash != NULL ? slash + 1 : path;
    data.program_version = COLLECTKPI_VERSION;
    data.scores = &scores;
    data.table_counts_wait = wait_counts;
    data.table_counts_ctx = &table;

    char label[32];
    period_label(&request.period, label, sizeof label);
    if (out == NULL) {
        snprintf(default_out, sizeof default_out, "reports/%s", label);
        out = default_out;
    }
    snprintf(snapshot_path, sizeof snapshot_path, "%s/collectkpi-%s.json", out, label);
    if ((status = compare_snapshot(runs.current, data.database_name, snapshot_path, &before,
                                   &now)) != CMD_GO_ON)
        goto done;
    status = 0;
    data.restated = now.restated;
    data.restated_count = now.restated_count;
    char snapshot_name[64];
    snprintf(snapshot_name, sizeof snapshot_name, "collectkpi-%s.json", label);
    const report_folder_extra extra = {snapshot_name, write_snapshot, &now};
    report_folder_outcome outcome;
    err = report_folder_write(out, &data, !no_charts, &extra, &outcome, &diag);
    if (err != CK_OK && table.finished && table.err != CK_OK) {
        /* the workbook stopped because the counts failed: that is the cause */
        status = cmd_fail(table.err, &table.diag, "cannot count the rows of '%s'", path);
        goto done;
    }
    if (err != CK_OK) {
        switch (outcome.failed_step) {
        case REPORT_FOLDER_CHECK: /* bad names stop the report before any file (exit 3) */
            status = cmd_fail(err, &diag, "database '%s'", path);
            break;
        case REPORT_FOLDER_CREATE:
        case REPORT_FOLDER_MOVE: status = cmd_fail(err, &diag, "cannot write the report"); break;
        case REPORT_FOLDER_STAGING:
            status = cmd_fail(err, &diag, "cannot write the report in '%s'", out);
            break;
        case REPORT_FOLDER_WORKBOOK:
            status = cmd_fail(err, &diag, "cannot write the workbook in '%s'", out);
            break;
        case REPORT_FOLDER_DASHBOARD:
            status = cmd_fail(err, &diag, "cannot write the dashboard in '%s'", out);
            break;
        case REPORT_FOLDER_EXTRA:
            /* A full disk that stopped the charts stops the snapshot too: name the first
             * cause. */
            if (outcome.charts_error != CK_OK)
                status = cmd_fail(outcome.charts_error, &outcome.charts_diag,
                                  "cannot draw the charts in '%s'", out);
            else
                status = cmd_fail(err, &diag, "cannot write the snapshot in '%s'", out);
            break;
        }
        goto done;
    }
    printf("wrote %s/%s\n", out, outcome.workbook);
    if (outcome.charts_written)
        printf("wrote %s/charts/\n", out);
    printf("wrote %s/index.html\n", out);
    printf("wrote %s\n", snapshot_path);
    if (now.restated_count > 0)
        cmd_note("%zu figure%s of %s restated since the report of data cut-off %s (see the "
                 "Restated block, or 'collectkpi diff')",
                 now.restated_count, now.restated_count == 1 ? "" : "s", label,
                 now.restated[0].old_cutoff[0] ? now.restated[0].old_cutoff : "(none)");
    /* The workbook is whole but for these rows (its sheets say so too): a list longer than
     * a sheet holds. Not a failure: the figures are all there. */
    const struct {
        size_t rows;
        const char *sheet, *what, *where;
    } cuts[] = {
        {outcome.cut.promises, "Promises", "promises", "report a shorter period to see them"},
        {outcome.cut.complaints, "Complaints", "complaints", "report a shorter period to see them"},
        {outcome.cut.breaches, "Compliance", "breaching contacts",
         "'collectkpi compliance --by breach' lists every one"},
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        if (cuts[i].rows > 0)
            cmd_note("the sheet '%s' holds at most 1,048,576 rows: %zu %s are not on it (%s)",
                     cuts[i].sheet, cuts[i].rows, cuts[i].what, cuts[i].where);
    if (outcome.charts_error != CK_OK)
        status = cmd_fail(outcome.charts_error, &outcome.charts_diag,
                          "cannot draw the charts in '%s'", out);
done:
    if (!table.finished) /* the thread reads the file db names: before db goes */
        (void)db_table_counts_finish(db, table.job, NULL, NULL);
    snapshot_free(&before);
    snapshot_free(&now);
    score_table_free(&scores);
    report_runs_free(db, &runs);
    db_close(db);
    return status;
}
