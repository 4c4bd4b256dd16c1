/* cmd_kpi.c - `collectkpi kpi DB`: the KPI rows of a period on standard output. */
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "cli.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_text.h"

enum { OPT_BY = CLI_OPT_FIRST_FREE, OPT_FORMAT };

static void print_help(void)
{
    printf("usage: collectkpi kpi DB [--month YYYY-MM | --quarter YYYYQn | --year YYYY |\n"
           "                          --from DATE --to DATE]\n"
           "                         [--by agent|team|total] [--format table|csv|json]\n"
           "                         [settings options]\n\n"
           "Print the KPI figures of a period, one row per agent (default), per team or\n"
           "for the whole portfolio. Every figure is defined in docs/kpi.md.\n\n"
           "  --by agent|team|total    which rows (default agent)\n"
           "  --format table|csv|json  aligned table for people (default), or the\n"
           "                           machine-readable CSV / JSON of docs/kpi.md\n"
           "%s",
           cli_reading_options_help);
}

int cmd_kpi(int argc, char **argv)
{
    static const struct option options[] = {CLI_READING_LONG_OPTIONS,
                                            {"by", required_argument, NULL, OPT_BY},
                                            {"format", required_argument, NULL, OPT_FORMAT},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    out_text_by by = OUT_TEXT_BY_AGENT;
    out_text_format format = OUT_TEXT_TABLE;
    int opt;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_BY) {
            if (strcmp(optarg, "agent") == 0)
                by = OUT_TEXT_BY_AGENT;
            else if (strcmp(optarg, "team") == 0)
                by = OUT_TEXT_BY_TEAM;
            else if (strcmp(optarg, "total") == 0)
                by = OUT_TEXT_BY_TOTAL;
            else
                return cmd_usage_error("kpi", "--by '%s' is not agent, team or total", optarg);
        } else if (opt == OPT_FORMAT) {
            if (strcmp(optarg, "table") == 0)
                format = OUT_TEXT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                format = OUT_TEXT_CSV;
            else if (strcmp(optarg, "json") == 0)
                format = OUT_TEXT_JSON;
            else
                return cmd_usage_error("kpi", "--format '%s' is not table, csv or json", optarg);
        } else if (opt == ':') {
            return cmd_usage_error("kpi", "option '%s' needs a value", argv[optind - 1]);
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("kpi", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *path = NULL;
    engine_request request;
    sqlite3 *db = NULL;
    int finished = cmd_start_reading("kpi", argc, argv, &reading, &request, NULL, &path, &db);
    if (finished >= 0)
        return finished;
    ck_diag diag = {{0}};
    ck_error err = CK_OK;
    kpi_result *result = NULL;
    int status = 0;
    err = engine_run(db, &request, &result, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }
    err = out_text_write(stdout, result, by, format, &diag);
    if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot write the figures");
done:
    kpi_result_free(result);
    sqlite3_close(db);
    return status;
}
