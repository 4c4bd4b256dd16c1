/* cmd_kpi.c - `collectkpi kpi DB`: the KPI rows of a period on standard output. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "cli.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_text.h"

enum { OPT_BY = CLI_OPT_FIRST_FREE, OPT_FORMAT, OPT_COLUMNS, OPT_BOM, OPT_RAW };

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
           "%s",
           cli_reading_options_help);
}

int cmd_kpi(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"by", required_argument, NULL, OPT_BY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"columns", required_argument, NULL, OPT_COLUMNS},
        {"bom", no_argument, NULL, OPT_BOM},
        {"raw", no_argument, NULL, OPT_RAW},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    static const cmd_choice by_choices[] = {{"agent", OUT_TEXT_BY_AGENT},
                                            {"team", OUT_TEXT_BY_TEAM},
                                            {"total", OUT_TEXT_BY_TOTAL},
                                            {NULL, 0}};
    static const cmd_choice format_choices[] = {
        {"table", OUT_TEXT_TABLE}, {"csv", OUT_TEXT_CSV}, {"json", OUT_TEXT_JSON}, {NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    int by = OUT_TEXT_BY_AGENT;
    int format = OUT_TEXT_TABLE;
    out_text_options output = {OUT_TEXT_BY_AGENT, OUT_TEXT_TABLE, NULL, false, false};

    int opt;
    while ((opt = cmd_getopt("kpi", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_BY) {
            if (!cmd_choose(by_choices, false, optarg, &by))
                return cmd_usage_error("kpi", "--by '%s' is not agent, team or total", optarg);
        } else if (opt == OPT_RAW) {
            output.raw = true;
        } else if (opt == OPT_FORMAT) {
            if (!cmd_choose(format_choices, false, optarg, &format))
                return cmd_usage_error("kpi", "--format '%s' is not table, csv or json", optarg);
        } else if (opt == OPT_COLUMNS) {
            output.columns = optarg;
        } else if (opt == OPT_BOM) {
            output.bom = true;
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
