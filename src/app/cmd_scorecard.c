/* cmd_scorecard.c - `collectkpi scorecard DB PERIOD (--agent EMPLOYEE_NO | --all)`: one
 * printable review workbook per agent, scorecards/PERIOD/EMPLOYEE_NO.xlsx (or --out DIR). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/interrupt.h"
#include "collectkpi/report_folder.h"
#include "collectkpi/score.h"
#include "collectkpi/xlsx.h"

enum { OPT_AGENT = CLI_OPT_FIRST_FREE, OPT_ALL, OPT_OUT };

#define HISTORY_MONTHS 6

static void print_help(void)
{
    printf("usage: collectkpi scorecard DB [--month YYYY-MM | --quarter YYYYQn | --year YYYY |\n"
           "                               --from DATE --to DATE]\n"
           "                               (--agent EMPLOYEE_NO | --all) [--out DIR]\n"
           "                               [--lang en|zh] [settings options]\n\n"
           "Write the review scorecard of one agent (--agent) or of every agent with figures\n"
           "in the period (--all): one workbook each, EMPLOYEE_NO.xlsx, that prints on one\n"
           "A4 page: score, coverage, rank and team rank; the six measures against target,\n"
           "team median and portfolio with RAG and intervals; the last 6 months; complaints\n"
           "(case numbers only) and compliance counts; definitions; a box for comments.\n"
           "See docs/scorecard.md.\n\n"
           "  --agent EMPLOYEE_NO      the agent's scorecard\n"
           "  --all                    every agent's\n"
           "  --out DIR                write into DIR (default scorecards/PERIOD/)\n"
           "%s",
           cli_reading_options_help);
}

/* One engine run and its score table. */
typedef struct scored_run {
    kpi_result *result;
    score_table scores;
    bool owned; /* false when it is the period's own run */
} scored_run;

static ck_error run_scored(sqlite3 *db, const engine_request *request, scored_run *out,
                           ck_diag *diag)
{
    ck_error err = engine_run(db, request, &out->result, diag);
    if (err == CK_OK)
        err = score_table_build(out->result, &out->scores);
    out->owned = true;
    return err;
}

static void free_scored(scored_run *run)
{
    if (run->owned) {
        score_table_free(&run->scores);
        kpi_result_free(run->result);
    }
    memset(run, 0, sizeof *run);
}

/* The six calendar months ending with the one the period ends in, with their scores (each
 * month's breach measure too), in one pass over the data (engine_run_months with
 * compliance); the last is the period's own run when the period is that month. */
static ck_error run_history(sqlite3 *db, const engine_request *period_run,
                            const scored_run *current, scored_run history[HISTORY_MONTHS],
                            ck_diag *diag)
{
    engine_request run = *period_run;
    run.want_lists = false;
    period last;
    period_month_before(&period_run->period, 0, &last);
    bool last_is_period =
        last.start == period_run->period.start && last.end == period_run->period.end;
    size_t pass_months = last_is_period ? HISTORY_MONTHS - 1 : HISTORY_MONTHS;
    period_month_before(&period_run->period, HISTORY_MONTHS - 1, &run.period);
    kpi_result *results[HISTORY_MONTHS] = {NULL};
    ck_error err = engine_run_months(db, &run, pass_months, results, diag);
    for (size_t i = 0; i < pass_months; i++) {
        history[i].result = results[i];
        history[i].owned = true;
        if (err == CK_OK)
            err = score_table_build(history[i].result, &history[i].scores);
    }
    if (err == CK_OK && last_is_period) {
        history[HISTORY_MONTHS - 1] = *current;
        history[HISTORY_MONTHS - 1].owned = false;
    }
    return err;
}

int cmd_scorecard(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_READING_LONG_OPTIONS{"agent", required_argument, NULL, OPT_AGENT},
        {"all", no_argument, NULL, OPT_ALL},
        {"out", required_argument, NULL, OPT_OUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_reading reading;
    memset(&reading, 0, sizeof reading);
    const char *agent_no = NULL, *out = NULL;
    bool all = false;
    int opt;
    while ((opt = cmd_getopt("scorecard", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        } else if (opt == OPT_AGENT) {
            agent_no = optarg;
        } else if (opt == OPT_ALL) {
            all = true;
        } else if (opt == OPT_OUT) {
            out = optarg;
        } else if (!cli_reading_take(&reading, opt, optarg)) {
            return cmd_usage_error("scorecard", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if ((agent_no != NULL) == all)
        return cmd_usage_error("scorecard", "give either --agent EMPLOYEE_NO or --all");
    const char *path = NULL;
    engine_request request;
    settings_lang lang = SETTINGS_LANG_DEFAULT;
    sqlite3 *db = NULL;
    int finished =
        cmd_start_reading("scorecard", argc, argv, &reading, &request, &lang, &path, &db);
    if (finished != CMD_GO_ON)
        return finished;

    ck_diag diag = {{0}};
    int status = 0;
    scored_run current = {0};
    scored_run history[HISTORY_MONTHS] = {{0}};
    xlsx_scorecard_month months[HISTORY_MONTHS];
    char default_out[64];
    engine_request run = request;
    run.want_lists = true;
    run.want_compliance = true; /* the breach measure, the cap and the breach list */
    /* (The lists keep the engine's memory budget: a long period's wait in temporary files,
     * and each card reads only its own breaches, through the index made below.) */
    xlsx_breach_index breaches = {0};
    ck_error err = run_scored(db, &run, &current, &diag);
    if (err == CK_OK)
        err = run_history(db, &run, &current, history, &diag);
    for (int i = 0; i < HISTORY_MONTHS; i++)
        months[i] = (xlsx_scorecard_month){history[i].result, &history[i].scores};
    if (err != CK_OK) {
        status = err == CK_ERR_NOMEM
                     ? cmd_fail(err, NULL, "cannot compute the scores")
                     : cmd_fail(err, &diag, "cannot compute figures from '%s'", path);
        goto done;
    }
    status = cmd_guard_coverage(current.result, reading.allow_empty);
    if (status != CMD_GO_ON)
        goto done;
    status = 0;
    const kpi_result *r = current.result;
    size_t chosen = KPI_NO_INDEX;
    for (size_t i = 0; agent_no != NULL && i < r->agent_count; i++)
        if (strcmp(r->agents[i].employee_no, agent_no) == 0)
            chosen = i;
    if (agent_no != NULL && chosen == KPI_NO_INDEX) {
        status = cmd_usage_error("scorecard",
                                 "agent '%s' has no figures in this period (not an employee_no, "
                                 "or no activity)",
                                 agent_no);
        goto done;
    }
    /* where each agent's breaches are in the list: one read of it for all the cards */
    err = xlsx_breach_index_make(r, &breaches, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot read the breach list back");
        goto done;
    }
    report_data data;
    memset(&data, 0, sizeof data);
    data.current = r;
    data.lang = lang;
    data.program_version = COLLECTKPI_VERSION;
    data.scores = &current.scores;
    /* Every name and file name is checked before the first file is written (exit 3). */
    err = xlsx_check_texts(&data, &diag);
    for (size_t i = 0; err == CK_OK && i < r->agent_count; i++)
        if (all || i == chosen)
            err = xlsx_scorecard_name_check(r->agents[i].employee_no, r->agents[i].agent_id, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "database '%s'", path);
        goto done;
    }
    if (out == NULL) {
        char label[32];
        period_label(&request.period, label, sizeof label);
        snprintf(default_out, sizeof default_out, "scorecards/%s", label);
        out = default_out;
    }
    err = report_folder_create(out, &diag);
    if (err != CK_OK) {
        status = cmd_fail(err, &diag, "cannot write the scorecards");
        goto done;
    }
    size_t written = 0;
    for (size_t i = 0; i < r->agent_count; i++) {
        if (!all && i != chosen)
            continue;
        if (interrupt_requested()) { /* Ctrl-C between two workbooks, each whole or absent */
            ck_diag_set(&diag, "interrupted after %zu scorecard%s (each one written is whole)",
                        written, written == 1 ? "" : "s");
            status = cmd_fail(CK_ERR_IO, &diag, "cannot write the scorecards in '%s'", out);
            goto done;
        }
        err = xlsx_write_scorecard(out, &data, i, months, HISTORY_MONTHS, &breaches, &diag);
        if (err != CK_OK) {
            status = cmd_fail(err, &diag, "cannot write the scorecard of '%s'",
                              r->agents[i].employee_no);
            goto done;
        }
        written++;
        if (!all)
            printf("wrote %s/%s.xlsx\n", out, r->agents[i].employee_no);
    }
    if (all)
        printf("wrote %zu scorecards in %s/\n", written, out);
done:
    xlsx_breach_index_free(&breaches);
    for (int i = 0; i < HISTORY_MONTHS; i++)
        free_scored(&history[i]);
    free_scored(&current);
    db_close(db);
    return status;
}
