/* main.c - the command table: `collectkpi COMMAND [ARGS]`, git-style.
 *
 * Each subcommand lives in src/cmd_NAME.c; this file only dispatches and prints the
 * top-level help. The shared error printing is here too so that every command formats its
 * one error line the same way.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cli.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"

static const cmd_entry commands[] = {
    {"init", cmd_init, "create an empty case database with the contract's schema"},
    {"demo", cmd_demo, "write a realistic synthetic case database"},
    {"import", cmd_import, "load CSV exports into a case database, all or nothing"},
    {"check", cmd_check, "list every row that breaks a rule of the data contract"},
    /* cmd-table: each area adds its line here */
    {"kpi", cmd_kpi, "print the KPI rows of a period (table, csv or json)"},
    {"report", cmd_report, "write the monthly report folder (workbook, charts, dashboard)"},
    {"score", cmd_score, "print review scores: case-mix recovery, targets, ranks"},
    {"scorecard", cmd_scorecard, "write one printable review workbook per agent"},
    {"compliance", cmd_compliance, "print contacts that broke a contact rule, per agent or listed"},
};
static const size_t command_count = sizeof commands / sizeof commands[0];

int cmd_fail(ck_error err, const ck_diag *diag, const char *context_fmt, ...)
{
    va_list args;
    fputs("collectkpi: ", stderr);
    va_start(args, context_fmt);
    vfprintf(stderr, context_fmt, args);
    va_end(args);
    const char *detail = diag != NULL && diag->text[0] != '\0' ? diag->text : ck_strerror(err);
    fprintf(stderr, ": %s\n", detail);
    return ck_exit_status(err);
}

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list args;
    fprintf(stderr, "collectkpi %s: ", cmd);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fprintf(stderr, " (see 'collectkpi %s --help')\n", cmd);
    return 2;
}

typedef struct index_note {
    char list[256];
    int count;
} index_note;

static void collect_missing_index(void *ctx, const char *table, const char *column)
{
    index_note *note = ctx;
    size_t used = strlen(note->list);
    snprintf(note->list + used, sizeof note->list - used, "%s%s(%s)", note->count ? ", " : "",
             table, column);
    note->count++;
}

static void note_missing_indexes(sqlite3 *db, const char *path)
{
    index_note note = {{0}, 0};
    if (db_missing_indexes(db, collect_missing_index, &note, NULL) != CK_OK || note.count == 0)
        return;
    fprintf(stderr,
            "collectkpi: note: database '%s' has no index on %s; the figures are right but "
            "slower (add them with: sqlite3 '%s' < sql/indexes.sql)\n",
            path, note.list, path);
}

int cmd_start_reading(const char *cmd, int argc, char **argv, const cli_reading *reading,
                      engine_request *request, settings_lang *lang, const char **path, sqlite3 **db)
{
    *db = NULL;
    if (argc - optind != 1)
        return cmd_usage_error(cmd, argc - optind == 0 ? "missing the database file argument"
                                                       : "expected one database file argument");
    *path = argv[optind];
    memset(request, 0, sizeof *request);
    ck_diag diag = {{0}};
    settings_lang unused_lang;
    ck_error err = cli_reading_resolve(reading, &request->period, &request->settings,
                                       lang != NULL ? lang : &unused_lang, &request->has_as_of,
                                       &request->as_of, &diag);
    if (err == CK_ERR_USAGE)
        return cmd_usage_error(cmd, "%s", diag.text);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot read settings");
    err = db_open_readonly(*path, db, &diag);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot open database '%s'", *path);
    note_missing_indexes(*db, *path);
    return -1;
}

void cmd_reset_getopt(void)
{
    optind = 0; /* glibc: 0 also resets its internal state */
    opterr = 0; /* commands print their own one-line usage errors */
}

static void print_help(FILE *out)
{
    fputs("usage: collectkpi COMMAND [OPTIONS]\n"
          "       collectkpi COMMAND --help\n\n"
          "Monthly performance figures of a debt-collection case database.\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < command_count; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nExit status: 0 done, 1 could not do it (I/O, database, external program),\n"
          "2 usage error, 3 the data breaks the contract.\n"
          "See collectkpi(1) and docs/ for the figures' definitions.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (strcmp(name, "help") == 0 && argc > 2) {
            char *help_argv[] = {argv[2], "--help", NULL};
            for (size_t i = 0; i < command_count; i++)
                if (strcmp(commands[i].name, argv[2]) == 0)
                    return commands[i].run(2, help_argv);
        }
        print_help(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0) {
        printf("collectkpi %s\n", COLLECTKPI_VERSION);
        return 0;
    }
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(commands[i].name, name) == 0) {
            cmd_reset_getopt();
            return commands[i].run(argc - 1, argv + 1);
        }
    fprintf(stderr, "collectkpi: '%s' is not a command (see 'collectkpi --help')\n", name);
    return 2;
}
