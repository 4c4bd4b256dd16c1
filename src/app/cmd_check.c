/* cmd_check.c - `collectkpi check DB`: every row that breaks a rule of the contract.
 *
 * Runs rules_check_database (the rules import uses) on a read-only database and prints the
 * problems grouped by rule, with table and id: the first 50 of each rule, then a count.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "collectkpi/db.h"
#include "collectkpi/number.h"
#include "collectkpi/rules.h"
#include "collectkpi/vec.h"

#define DEFAULT_SHOWN 50

static const char check_help[] =
    "usage: collectkpi check DB [--limit N] [--config FILE]\n"
    "\n"
    "List every row of the case database DB that breaks a rule of the data contract,\n"
    "grouped by rule, with table and id. DB is opened read-only; it may come from any\n"
    "tool (the project's indexes and CHECK constraints are not needed: types, codes and\n"
    "real dates are checked here).\n"
    "\n"
    "Rules checked:\n"
    "  required            columns that must have a value have one\n"
    "  type                integers are integers, text is valid UTF-8\n"
    "  datetime            timestamps and dates are well-formed and real (no 2026-02-30)\n"
    "  code                codes are ones the contract lists\n"
    "  range               amounts, balances, durations, scores in range\n"
    "  unique              ids, team names, employee numbers, case numbers\n"
    "  reference           every reference points at an existing row\n"
    "  closure             closed_at and close_reason together; closed_at >= placed_at\n"
    "  assignment-order    start_at < end_at\n"
    "  assignment-case     within the case's placed_at and closed_at (none open on a\n"
    "                      closed case)\n"
    "  assignment-overlap  the assignments of one case do not overlap\n"
    "  placement           contacts, promises, payments not before the case's placed_at\n"
    "  promise-due         due_on >= date(made_at)\n"
    "  balance             the running sum of a case's payments never goes below zero\n"
    "\n"
    "Options:\n"
    "  -n, --limit N   rows listed per rule (default 50; 0 lists all; digits only)\n"
    "      --config FILE  INI settings file; check uses its [database] busy_timeout_ms,\n"
    "                  how long to wait for another program's lock (default 10000)\n"
    "  -h, --help      show this help\n"
    "\n"
    "Exit status: 0 the database follows the contract, 1 I/O or database failure,\n"
    "2 usage, 3 rows break the contract.\n";

typedef struct rule_list {
    uint64_t count;
    char **lines; /* the first `limit` problems */
    size_t shown, capacity;
} rule_list;

typedef struct collector {
    rule_list rules[RULES_RULE_COUNT];
    uint64_t limit; /* 0: all */
    uint64_t total;
    bool out_of_memory;
} collector;

static void on_problem(void *ctx, const rules_problem *p)
{
    collector *c = ctx;
    rule_list *r = &c->rules[p->rule];
    c->total++;
    if (c->limit != 0 && r->count++ >= c->limit)
        return;
    if (c->limit == 0)
        r->count++;
    char line[900];
    if (p->has_id)
        snprintf(line, sizeof line, "%s %" PRId64 ": %s", schema_tables[p->table].name, p->id,
                 p->text);
    else
        snprintf(line, sizeof line, "%s (a row without a valid id): %s",
                 schema_tables[p->table].name, p->text);
    char *copy = strdup(line);
    if (copy == NULL || !VEC_PUSH(r->lines, r->shown, r->capacity, copy)) {
        free(copy);
        c->out_of_memory = true;
    }
}

static void free_collector(collector *c)
{
    for (int r = 0; r < RULES_RULE_COUNT; r++) {
        for (size_t i = 0; i < c->rules[r].shown; i++)
            free(c->rules[r].lines[i]);
        free(c->rules[r].lines);
    }
}

int cmd_check(int argc, char **argv)
{
    static const struct option options[] = {
        {"limit", required_argument, NULL, 'n'},
        {"config", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    collector c = {.limit = DEFAULT_SHOWN};
    const char *config_path = NULL;
    int opt;
    while ((opt = cmd_getopt("check", argc, argv, ":n:h", options)) != -1) {
        switch (opt) {
        case 'n': {
            int64_t n;
            if (!number_parse_int_range(optarg, 0, INT64_MAX, &n))
                return cmd_usage_error("check", "--limit needs a number >= 0, not '%s'", optarg);
            c.limit = (uint64_t)n;
            break;
        }
        case 'c': config_path = optarg; break;
        case 'h': fputs(check_help, stdout); return 0;
        default: return ck_exit_status(CK_ERR_USAGE);
        }
    }
    if (argc - optind != 1)
        return cmd_usage_error("check", "expected one argument, the database file");
    const char *path = argv[optind];
    int busy_timeout_ms = 0;
    int status = cmd_busy_timeout("check", config_path, &busy_timeout_ms);
    if (status != CMD_GO_ON)
        return status;
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    bool rolled_back = false;
    ck_error err = db_open_reading(path, busy_timeout_ms, &db, &rolled_back, &diag);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot open database '%s'", path);
    if (rolled_back)
        cmd_note_rolled_back(path);
    int64_t rows = 0;
    err = rules_check_database(db, on_problem, &c, &rows, &diag);
    db_close(db);
    if (err == CK_OK && c.out_of_memory) {
        err = CK_ERR_NOMEM;
        ck_diag_set(&diag, "out of memory listing the problems");
    }
    if (err != CK_OK) {
        free_collector(&c);
        return cmd_fail(err, &diag, "cannot check database '%s'", path);
    }
    int rules_broken = 0;
    for (int r = 0; r < RULES_RULE_COUNT; r++) {
        const rule_list *list = &c.rules[r];
        if (list->count == 0)
            continue;
        rules_broken++;
        printf("%s%s: %s: %" PRIu64 " row%s\n", rules_broken > 1 ? "\n" : "",
               rules_rule_key((rules_rule)r), rules_rule_title((rules_rule)r), list->count,
               list->count == 1 ? "" : "s");
        for (size_t i = 0; i < list->shown; i++)
            printf("  %s\n", list->lines[i]);
        if (list->count > list->shown)
            printf("  ... and %" PRIu64 " more\n", list->count - list->shown);
    }
    free_collector(&c);
    if (c.total > 0) {
        ck_diag_set(&diag, "%" PRIu64 " problem%s under %d rule%s; the data breaks the contract",
                    c.total, c.total == 1 ? "" : "s", rules_broken, rules_broken == 1 ? "" : "s");
        return cmd_fail(CK_ERR_DATA, &diag, "check '%s'", path);
    }
    printf("%s follows the contract: %" PRId64 " rows in %d tables checked, no problems\n", path,
           rows, RULES_TABLE_COUNT);
    return 0;
}
