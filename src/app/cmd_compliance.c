/* cmd_compliance.c - `collectkpi compliance DB`: the contact-compliance figures of a period
 * (compliance.md) per agent, team or in total, or the breach list, on standard output. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_compliance.h"

enum { OPT_BY = CLI_OPT_FIRST_FREE, OPT_FORMAT, OPT_RAW };

static void print_help(void)
{
    printf("usage: collectkpi compliance DB [--month YYYY-MM | --from DATE --to DATE]\n"
           "                                [--by agent|team|total|breach]\n"
           "                                [--format table|csv|json] [--raw] [--profile cn|us]\n"
           "                                [settings options]\n\n"
           "Print the contacts of a period that broke a contact rule (calls in quiet hours,\n"
           "redialling, third parties called too early, ...), counted per agent (default),\n"
           "per team or in total, or list them one by one. The rules of both profiles are\n"
           "in docs/compliance.md; automated messages are counted on a 'system' line.\n\n"
           "  --by agent|team|total|breach  which rows (default agent); breach lists each\n"
           "                           breaching contact: case_no, employee_no, agent_name,\n"
           "                           contact_at, channel, party, outcome, rules\n"
           "  --format table|csv|json  aligned table for people (default), or CSV / JSON\n"
           "  --raw                    CSV: write texts as stored; by default a text that\n"
           "                           starts with = + - @, a tab or a carriage return gets\n"
           "                           a leading ' so a spreadsheet shows it, never runs it\n"
           "%s",
           cli_reading_options_help);
}

int cmd_compliance(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"by", required_argument, NULL, OPT_BY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"raw", no_argument, NULL, OPT_RAW},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    static const cmd_choice by_choices[] = {{"agent", OUT_COMPLIANCE_BY_AGENT},
                                            {"team", OUT_COMPLIANCE_BY_TEAM},
                                            {"total", OUT_COMPLIANCE_BY_TOTAL},
                                            {"breach", OUT_COMPLIANCE_BY_BREACH},
                                            {NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    int by = OUT_COMPLIANCE_BY_AGENT;
    int format = OUT_TEXT_TABLE;
    out_text_options text_options = {.raw = false};
    int opt;
    while ((opt = cmd_getopt("compliance", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_BY) {
            if (!cmd_choose(by_choices, false, optarg, &by))
                return cmd_usage_error("compliance",
                                       "--by '%s' is not agent, team, total or breach", optarg);
        } else if (opt == OPT_RAW) {
            text_options.raw = true;
        } else if (opt == OPT_FORMAT) {
            if (!cmd_choose(cmd_format_choices, false, optarg, &format))
                return cmd_usage_error("compliance", "--format '%s' is not table, csv or json",
                                       optarg);
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("compliance", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *path = NULL;
    engine_request request;
    sqlite3 *db = NULL;
    int finished =
        cmd_start_reading("compliance", argc, argv, &reading, &request, NULL, &path, &db);
    if (finished != CMD_GO_ON)
        return finished;
    request.want_compliance = true;
    request.want_lists = by == OUT_COMPLIANCE_BY_BREACH;
    request.breach_list_only = true; /* no promise, complaint or resolution list is shown */
    ck_diag diag = {{0}};
    kpi_result *result = NULL;
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
    err = out_compliance_write(stdout, result, (out_compliance_by)by, (out_text_format)format,
                               &text_options, &diag);
    if (err != CK_OK && ferror(stdout))
        status = cmd_stdout_failed(errno);
    else if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot write the figures");
done:
    kpi_result_free(result);
    db_close(db);
    return status;
}
