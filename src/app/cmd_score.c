/* cmd_score.c - `collectkpi score DB`: the review scores of scorecard.md on standard output. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "cli.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_score.h"
#include "collectkpi/score.h"

enum { OPT_BY = CLI_OPT_FIRST_FREE, OPT_FORMAT, OPT_COLUMNS };

static void print_help(void)
{
    printf("usage: collectkpi score DB [--month YYYY-MM | --quarter YYYYQn | --year YYYY |\n"
           "                           --from DATE --to DATE]\n"
           "                           [--by agent|team|total] [--format table|csv|json]\n"
           "                           [--columns KEY,...|all] [settings options]\n\n"
           "Print the review scores of a period: case-mix adjusted recovery, 95%% Wilson\n"
           "intervals, six measures against their targets, coverage, the 0-120 score, the\n"
           "critical cap and ranks. Every figure is defined in docs/scorecard.md; targets,\n"
           "weights and minimum samples are [score] settings (docs/configuration.md).\n\n"
           "  --by agent|team|total    which rows (default agent)\n"
           "  --format table|csv|json  a table for people (default): rank and score first,\n"
           "                           measures not scored in brackets; or the machine-\n"
           "                           readable CSV / JSON with every column of\n"
           "                           docs/scorecard.md in order\n"
           "  --columns KEY,...|all    the columns to print, by key, in that order\n"
           "                           (any format; 'all' = every column)\n"
           "%s",
           cli_reading_options_help);
}

int cmd_score(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"by", required_argument, NULL, OPT_BY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"columns", required_argument, NULL, OPT_COLUMNS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    int by = OUT_TEXT_BY_AGENT;
    int format = OUT_TEXT_TABLE;
    const char *columns = NULL;
    int opt;
    while ((opt = cmd_getopt("score", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_BY) {
            if (!cmd_choose(cmd_row_choices, false, optarg, &by))
                return cmd_usage_error("score", "--by '%s' is not agent, team or total", optarg);
        } else if (opt == OPT_FORMAT) {
            if (!cmd_choose(cmd_format_choices, false, optarg, &format))
                return cmd_usage_error("score", "--format '%s' is not table, csv or json", optarg);
        } else if (opt == OPT_COLUMNS) {
            columns = optarg;
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("score", "unknown option '%s'", argv[optind - 1]);
        }
    }
    ck_diag diag = {{0}};
    if (out_score_check_columns(columns, (out_text_by)by, &diag) != CK_OK)
        return cmd_usage_error("score", "%s", diag.text);
    const char *path = NULL;
    engine_request request;
    sqlite3 *db = NULL;
    int finished = cmd_start_reading("score", argc, argv, &reading, &request, NULL, &path, &db);
    if (finished != CMD_GO_ON)
        return finished;
    /* breaches_per_1k_outbound and the critical cap need the contact-compliance pass. */
    request.want_compliance = true;
    kpi_result *result = NULL;
    score_table scores;
    memset(&scores, 0, sizeof scores);
    int status = 0;
    ck_error err = engine_run(db, &request, &result, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }
    status = cmd_guard_coverage(result, reading.allow_empty);
    if (status != CMD_GO_ON)
        goto done;
    status = 0;
    err = score_table_build(result, &scores);
    if (err != CK_OK) {
        status = cmd_fail(err, NULL, "cannot compute the scores");
        goto done;
    }
    err = out_score_write(stdout, result, &scores, (out_text_by)by, (out_text_format)format,
                          columns, &diag);
    if (err != CK_OK && ferror(stdout))
        status = cmd_stdout_failed(errno);
    else if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot write the scores");
done:
    score_table_free(&scores);
    kpi_result_free(result);
    db_close(db);
    return status;
}
