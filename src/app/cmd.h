/* cmd.h - the commands (one src/app/cmd_NAME.c each) and how they all start and end.
 *
 * Internal to the program: main.c's table and the cmd_*.c files include it. A command gets
 * argv with argv[0] = its own name and returns the process exit status, which it takes
 * from cmd_fail or cmd_usage_error (the exit status of the error enum) or 0; main passes it
 * through cmd_finish, which turns a failed write to standard output into the error.
 */
#ifndef COLLECTKPI_CMD_H
#define COLLECTKPI_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/settings.h"

typedef struct cmd_entry {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cmd_entry;

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_kpi(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_scorecard(int argc, char **argv);
int cmd_compliance(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* Prints "collectkpi: <context>: <diag or strerror>" on stderr and returns the exit
 * status of err. The one place error lines are formatted. */
int cmd_fail(ck_error err, const ck_diag *diag, const char *context_fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The one-line note that a hot journal was found and rolled back (db_open_reading). */
void cmd_note_rolled_back(const char *path);

/* Prints "collectkpi <cmd>: <message>" plus a --help hint, returns the usage exit status. */
int cmd_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "collectkpi: <message>" on stderr: a note beside a result, not an error. */
void cmd_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Standard output could not be written (a writer's error with ferror(stdout) set): prints
 * "collectkpi: cannot write to standard output: <strerror>" and returns the exit status. */
int cmd_stdout_failed(int saved_errno);

/* The end of every command: flushes and closes standard output; when that fails and the
 * command had succeeded, prints the one error line and returns 1, otherwise status. */
int cmd_finish(int status);

/* The busy timeout of a command that takes no period (import, check): the default, or
 * [database] busy_timeout_ms of config_path when it is not NULL (the whole file is read and
 * checked as for a reading command). Returns CMD_GO_ON with *busy_timeout_ms set, or the
 * exit status after printing the one error line. */
int cmd_busy_timeout(const char *cmd, const char *config_path, int *busy_timeout_ms);

/* Resets getopt for a command's own argument vector. */
void cmd_reset_getopt(void);

/* getopt_long over a command's option table, with opterr off. An unknown option or a
 * missing value prints the command's one usage error and returns CMD_OPTION_ERROR (the
 * caller returns ck_exit_status(CK_ERR_USAGE)); -1 at the end of the options. */
#define CMD_OPTION_ERROR (-2)
int cmd_getopt(const char *cmd, int argc, char **argv, const char *short_options,
               const struct option *options);

/* A table of the words an option's value may be, ended by {NULL, 0}. */
typedef struct cmd_choice {
    const char *name;
    int value;
} cmd_choice;

/* --format table|csv|json (out_text_format) and --by agent|team|total (out_text_by): the
 * choices every text-printing command offers. */
extern const cmd_choice cmd_format_choices[];
extern const cmd_choice cmd_row_choices[];

/* The value of the choice named text; false when none is. */
bool cmd_choose(const cmd_choice *choices, bool ignore_case, const char *text, int *value);

/* The end of a reading command's option parsing, shared by kpi and report: exactly one
 * database argument (stored in *path); the period, settings and as-of resolved into
 * request, the report language (which the engine never sees) into *lang when lang is not
 * NULL; the database opened read-only into *db, with a one-line note on stderr when it
 * lacks indexes the queries use (the figures stay right, only slower). Returns CMD_GO_ON,
 * or the exit status after printing the one error line. */
#define CMD_GO_ON (-1)
struct cli_reading;
struct engine_request;
struct sqlite3;
int cmd_start_reading(const char *cmd, int argc, char **argv, const struct cli_reading *reading,
                      struct engine_request *request, settings_lang *lang, const char **path,
                      struct sqlite3 **db);

/* The trust guard of a reading command, after the engine ran: a period with no payment and
 * no contact is an error line naming the data cut-off and the month that has data (returns
 * 1) unless allow_empty; a period the data covers only in part gets a one-line warning on
 * stderr. Returns CMD_GO_ON to go on. */
struct kpi_result;
int cmd_guard_coverage(const struct kpi_result *result, bool allow_empty);

#endif
