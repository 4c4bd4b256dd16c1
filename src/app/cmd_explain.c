/* cmd_explain.c - `collectkpi explain DB PERIOD (--agent E | --team T | --total) --figure KEY`:
 * the rows behind one figure and the arithmetic to it, from the engine's own crediting. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/explain_engine.h"
#include "collectkpi/out_explain.h"

enum { OPT_AGENT = CLI_OPT_FIRST_FREE, OPT_TEAM, OPT_TOTAL, OPT_FIGURE, OPT_FORMAT, OPT_WHY_NOT };

static void print_help(void)
{
    printf("usage: collectkpi explain DB [--month YYYY-MM | --quarter YYYYQn | --year YYYY |\n"
           "                              --from DATE --to DATE]\n"
           "                             (--agent EMPLOYEE_NO | --team NAME | --total)\n"
           "                             --figure KEY [--format table|csv|json]\n"
           "                             [--why-not CASE_NO] [--lang en|zh]\n"
           "                             [settings options]\n\n"
           "List the rows behind one figure of an agent, a team or the total, each with the\n"
           "rule that let it in, and the arithmetic from the rows to the figure: the value\n"
           "`collectkpi kpi` (compliance, score) prints. See docs/explain.md.\n\n"
           "  --agent EMPLOYEE_NO      the agent's rows\n"
           "  --team NAME              the rows of the team's agents\n"
           "  --total                  every agent's rows (and the unassigned payments)\n"
           "  --figure KEY             a figure: cases_worked, worked_balance, collected,\n"
           "                           recovery_rate, paying_cases, paying_case_rate,\n"
           "                           contacts, call_attempts, rpc, rpc_rate, ptp_made,\n"
           "                           ptp_made_amount, ptp_rate, ptp_due, ptp_pending,\n"
           "                           ptp_kept, ptp_broken, ptp_kept_rate,\n"
           "                           ptp_kept_amount_rate, cases_resolved,\n"
           "                           resolution_days_mean, resolution_days_median,\n"
           "                           resolution_days_p90, complaints,\n"
           "                           complaints_substantiated, complaints_per_1k_contacts,\n"
           "                           surveys, csat_mean, unassigned_collected (--total);\n"
           "                           outbound_contacts, breaches_RULE (a rule of the\n"
           "                           profile, e.g. breaches_quiet_hours),\n"
           "                           breaching_contacts, critical_breaches,\n"
           "                           breaches_per_1k_outbound, cases_with_breach;\n"
           "                           expected_collected, recovery_index,\n"
           "                           ptp_kept_rate_lo, ptp_kept_rate_hi, rpc_rate_lo,\n"
           "                           rpc_rate_hi, paying_case_rate_lo,\n"
           "                           paying_case_rate_hi, complaints_under_review,\n"
           "                           complaints_upheld_per_1k_contacts, score;\n"
           "                           or all: every one (JSON: an array)\n"
           "  --format table|csv|json  a listing for people (default), or one CSV line per\n"
           "                           row, or one JSON object\n"
           "  --why-not CASE_NO        also list the case's rows behind the figure and why\n"
           "                           each did or did not count\n"
           "  --lang en|zh             the language of the sentences (default en, or the\n"
           "                           config file's [report] lang); keys, codes and the\n"
           "                           JSON's names stay as they are\n"
           "%s",
           cli_reading_options_help);
}

int cmd_explain(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"agent", required_argument, NULL, OPT_AGENT},
        {"team", required_argument, NULL, OPT_TEAM},
        {"total", no_argument, NULL, OPT_TOTAL},
        {"figure", required_argument, NULL, OPT_FIGURE},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"why-not", required_argument, NULL, OPT_WHY_NOT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    explain_request request;
    memset(&request, 0, sizeof request);
    int format = OUT_TEXT_TABLE;
    int targets = 0;
    int opt;
    while ((opt = cmd_getopt("explain", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_AGENT || opt == OPT_TEAM || opt == OPT_TOTAL) {
            targets++;
            request.target = opt == OPT_AGENT  ? EXPLAIN_AGENT
                             : opt == OPT_TEAM ? EXPLAIN_TEAM
                                               : EXPLAIN_TOTAL;
            request.target_name = opt == OPT_TOTAL ? NULL : optarg;
        } else if (opt == OPT_FIGURE) {
            request.figure = optarg;
        } else if (opt == OPT_WHY_NOT) {
            request.why_not_case = optarg;
        } else if (opt == OPT_FORMAT) {
            if (!cmd_choose(cmd_format_choices, false, optarg, &format))
                return cmd_usage_error("explain", "--format '%s' is not table, csv or json",
                                       optarg);
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("explain", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (targets != 1)
        return cmd_usage_error("explain", "give exactly one of --agent, --team and --total");
    if (request.figure == NULL)
        return cmd_usage_error("explain", "--figure KEY is missing (one of: %s)",
                               explain_figure_keys());
    const char *path = NULL;
    engine_request run;
    sqlite3 *db = NULL;
    settings_lang lang = SETTINGS_LANG_DEFAULT;
    int finished = cmd_start_reading("explain", argc, argv, &reading, &run, &lang, &path, &db);
    if (finished != CMD_GO_ON)
        return finished;
    request.engine = &run;
    ck_diag diag = {{0}};
    explain_list result = {NULL, 0};
    int status = 0;
    ck_error err = explain_run(db, &request, &result, &diag);
    if (err == CK_ERR_USAGE) {
        status = cmd_usage_error("explain", "%s", diag.text);
        goto done;
    }
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot explain figures from '%s'", path);
        goto done;
    }
    err = out_explain_write(stdout, &result, strcmp(request.figure, "all") == 0,
                            (out_text_format)format, lang, &diag);
    if (err != CK_OK && ferror(stdout))
        status = cmd_stdout_failed(errno);
    else if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot write the explanation");
done:
    explain_list_free(&result);
    db_close(db);
    return status;
}
