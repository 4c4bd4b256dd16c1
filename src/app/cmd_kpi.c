/* cmd_kpi.c - `collectkpi kpi DB`: the KPI rows of a period on standard output. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "cli.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_text.h"
#include "collectkpi/snapshot.h"

enum { OPT_BY = CLI_OPT_FIRST_FREE, OPT_FORMAT, OPT_COLUMNS, OPT_BOM, OPT_RAW, OPT_SNAPSHOT };

static void print_help(void)
{
    printf("usage: collectkpi kpi DB [--month YYYY-MM | --quarter YYYYQn | --year YYYY |\n"
           "                          --from DATE --to DATE]\n"
           "                         [--by agent|team|total] [--format table|csv|json]\n"
           "                         [--columns KEY,...|all] [--bom] [--raw]\n"
           "                         [settings options]\n\n"
           "Print the KPI figures of a period, one row per agent (default), per team or\n"
           "for the whole portfolio. Every figure is defined in docs/kpi.md.\n\n"
           "  --by agent|team|total    which rows (default agent)\n"
           "  --format table|csv|json  aligned table for people (default), or the\n"
           "                           machine-readable CSV / JSON of docs/kpi.md\n"
           "  --columns KEY,...|all    the figures to print, by kpi.md key, in that order\n"
           "                           (default: the table shows ten headline figures,\n"
           "                           CSV and JSON every one; 'all' for every one)\n"
           "  --bom                    start the CSV with a UTF-8 byte order mark, so that\n"
           "                           Excel on Windows reads Chinese names right\n"
           "  --raw                    CSV: write texts as stored; by default a text that\n"
           "                           starts with = + - @, a tab or a carriage return gets\n"
           "                           a leading ' so a spreadsheet shows it, never runs it\n"
           "  --snapshot FILE          the report snapshot to compare with (default\n"
           "                           reports/PERIOD/collectkpi-PERIOD.json, when there is\n"
           "                           one): a figure that prints differently now is\n"
           "                           restated, said in one line on stderr\n"
           "%s",
           cli_reading_options_help);
}

/* Compares the figures with the report snapshot of the period (path, or the report
 * folder's default one when it exists) and says in one line how many are restated. A
 * snapshot of another database file, or other settings, is not compared. Returns CMD_GO_ON
 * or the exit status. */
static int check_snapshot(const kpi_result *result, const char *database, const char *path)
{
    char label[32], default_path[128];
    period_label(&result->period, label, sizeof label);
    if (path == NULL) {
        snprintf(default_path, sizeof default_path, "reports/%s/collectkpi-%s.json", label, label);
        path = default_path;
    }
    snapshot before, now;
    memset(&before, 0, sizeof before);
    memset(&now, 0, sizeof now);
    report_restated *changes = NULL;
    size_t count = 0;
    bool found = false;
    ck_diag diag = {{0}};
    int status = CMD_GO_ON;
    ck_error err = snapshot_read(path, &before, &found, &diag);
    if (err == CK_ERR_DATA || err == CK_ERR_IO) {
        status = cmd_fail(err, &diag, err == CK_ERR_DATA ? "'%s'" : "cannot read '%s'", path);
        goto done;
    }
    if (err == CK_OK && !found && path != default_path) {
        ck_diag_set(&diag, "no such file");
        status = cmd_fail(CK_ERR_IO, &diag, "cannot read '%s'", path);
        goto done;
    }
    if (err == CK_OK && found)
        err = snapshot_of(result, database, &now);
    if (err == CK_OK && found && snapshot_same_basis(&before, &now))
        err = snapshot_diff(&before, &now, &changes, &count);
    if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot compare with the snapshot '%s'", path);
    else if (count > 0)
        cmd_note("%zu figure%s of %s restated since the report snapshot '%s' (data cut-off %s "
                 "then, %s now); 'collectkpi report' shows them in its Restated block",
                 count, count == 1 ? "" : "s", label, path,
                 before.data_cutoff ? before.data_cutoff : "(none)",
                 now.data_cutoff ? now.data_cutoff : "(none)");
done:
    report_restated_free(changes, count);
    snapshot_free(&before);
    snapshot_free(&now);
    return status;
}

int cmd_kpi(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"by", required_argument, NULL, OPT_BY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"columns", required_argument, NULL, OPT_COLUMNS},
        {"bom", no_argument, NULL, OPT_BOM},
        {"raw", no_argument, NULL, OPT_RAW},
        {"snapshot", required_argument, NULL, OPT_SNAPSHOT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    int by = OUT_TEXT_BY_AGENT;
    int format = OUT_TEXT_TABLE;
    out_text_options output = {OUT_TEXT_BY_AGENT, OUT_TEXT_TABLE, NULL, false, false};
    const char *snapshot_path = NULL;

    int opt;
    while ((opt = cmd_getopt("kpi", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_BY) {
            if (!cmd_choose(cmd_row_choices, false, optarg, &by))
                return cmd_usage_error("kpi", "--by '%s' is not agent, team or total", optarg);
        } else if (opt == OPT_RAW) {
            output.raw = true;
        } else if (opt == OPT_FORMAT) {
            if (!cmd_choose(cmd_format_choices, false, optarg, &format))
                return cmd_usage_error("kpi", "--format '%s' is not table, csv or json", optarg);
        } else if (opt == OPT_COLUMNS) {
            output.columns = optarg;
        } else if (opt == OPT_BOM) {
            output.bom = true;
        } else if (opt == OPT_SNAPSHOT) {
            snapshot_path = optarg;
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("kpi", "unknown option '%s'", argv[optind - 1]);
        }
    }
    output.by = (out_text_by)by;
    output.format = (out_text_format)format;
    ck_diag diag = {{0}};
    if (output.bom && output.format != OUT_TEXT_CSV)
        return cmd_usage_error("kpi", "--bom goes with --format csv");
    if (out_text_check_columns(output.columns, output.by, &diag) != CK_OK)
        return cmd_usage_error("kpi", "%s", diag.text);
    const char *path = NULL;
    engine_request request;
    sqlite3 *db = NULL;
    int finished = cmd_start_reading("kpi", argc, argv, &reading, &request, NULL, &path, &db);
    if (finished != CMD_GO_ON)
        return finished;
    ck_error err = CK_OK;
    kpi_result *result = NULL;
    int status = 0;
    err = engine_run(db, &request, &result, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }
    status = cmd_guard_coverage(result, reading.allow_empty);
    if (status != CMD_GO_ON)
        goto done;
    const char *slash = strrchr(path, '/');
    status = check_snapshot(result, slash != NULL ? slash + 1 : path, snapshot_path);
    if (status != CMD_GO_ON)
        goto done;
    status = 0;
    err = out_text_write(stdout, result, &output, &diag);
    if (err != CK_OK && ferror(stdout))
        status = cmd_stdout_failed(errno);
    else if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot write the figures");
done:
    kpi_result_free(result);
    db_close(db);
    return status;
}
