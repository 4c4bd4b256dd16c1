/* cmd_compliance.c - `collectkpi compliance DB`: the contact-compliance figures of a period
 * (compliance.md) per agent, team or in total, or the breach list, on standard output. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_compliance.h"

enum { OPT_BY = CLI_OPT_FIRST_FREE, OPT_FORMAT };

static void print_help(void)
{
    printf("usage: collectkpi compliance DB [--month YYYY-MM | --from DATE --to DATE]\n"
           "                                [--by agent|team|total|breach]\n"
           "                                [--format table|csv|json] [--profile cn|us]\n"
           "                                [settings options]\n\n"
           "Print the contacts of a period that broke a contact rule (calls in quiet hours,\n"
           "redialling, third parties called too early, ...), counted per agent (default),\n"
           "per team or in total, or list them one by one. The rules of both profiles are\n"
           "in docs/compliance.md; automated messages are counted on a 'system' line.\n\n"
           "  --by agent|team|total|breach  which rows (default agent); breach lists each\n"
           "                           breaching contact: case_no, employee_no, agent_name,\n"
           "                           contact_at, channel, party, outcome, rules\n"
           "  --format table|csv|json  aligned table for people (default), or CSV / JSON\n"
           "%s",
           cli_reading_options_help);
}

int cmd_compliance(int argc, char **argv)
{
    static const struct option options[] = {CLI_READING_LONG_OPTIONS,
                                            {"by", required_argument, NULL, OPT_BY},
                                            {"format", required_argument, NULL, OPT_FORMAT},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    static const char *const by_names[] = {"agent", "team", "total", "breach"};
    static const char *const format_names[] = {"table", "csv", "json"};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    out_compliance_by by = OUT_COMPLIANCE_BY_AGENT;
    out_text_format format = OUT_TEXT_TABLE;
    int opt;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_BY) {
            size_t i = 0;
            while (i < 4 && strcmp(optarg, by_names[i]) != 0)
                i++;
            if (i == 4)
                return cmd_usage_error("compliance",
                                       "--by '%s' is not agent, team, total or breach", optarg);
            by = (out_compliance_by)i;
        } else if (opt == OPT_FORMAT) {
            size_t i = 0;
            while (i < 3 && strcmp(optarg, format_names[i]) != 0)
                i++;
            if (i == 3)
                return cmd_usage_error("compliance", "--format '%s' is not table, csv or json",
                                       optarg);
            format = i == 0 ? OUT_TEXT_TABLE : i == 1 ? OUT_TEXT_CSV : OUT_TEXT_JSON;
        } else if (opt == ':') {
            return cmd_usage_error("compliance", "option '%s' needs a value", argv[optind - 1]);
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("compliance", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *path = NULL;
    engine_request request;
    sqlite3 *db = NULL;
    int finished =
        cmd_start_reading("compliance", argc, argv, &reading, &request, NULL, &path, &db);
    if (finished >= 0)
        return finished;
    request.want_compliance = true;
    request.want_lists = by == OUT_COMPLIANCE_BY_BREACH;
    ck_diag diag = {{0}};
    kpi_result *result = NULL;
    int status = 0;
    ck_error err = engine_run(db, &request, &result, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }
    err = out_compliance_write(stdout, result, by, format, &diag);
    if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot write the figures");
done:
    kpi_result_free(result);
    sqlite3_close(db);
    return status;
}
