/* cmd.h - the subcommands (one src/cmd_NAME.c each) and what they share.
 *
 * Internal to the program: only main.c's table and the cmd_*.c files include it. A command
 * gets argv with argv[0] = its own name and returns the process exit status.
 */
#ifndef COLLECTKPI_CMD_H
#define COLLECTKPI_CMD_H

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
/* cmd-table-prototypes: each area adds its line here */

/* Prints "collectkpi: <context>: <diag or strerror>" on stderr and returns the exit
 * status of err. The one place error lines are formatted. */
int cmd_fail(ck_error err, const ck_diag *diag, const char *context_fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "collectkpi <cmd>: <message>" plus a --help hint, returns 2. */
int cmd_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The end of a reading command's option parsing, shared by kpi and report: exactly one
 * database argument (stored in *path); the period, settings and as-of resolved into
 * request, the report language (which the engine never sees) into *lang when lang is not
 * NULL; the database opened read-only into *db, with a one-line note on stderr when it
 * lacks indexes the queries use (the figures stay right, only slower). Returns -1 to go on,
 * or the exit status after printing the one error line. */
struct cli_reading;
struct engine_request;
struct sqlite3;
int cmd_start_reading(const char *cmd, int argc, char **argv, const struct cli_reading *reading,
                      struct engine_request *request, settings_lang *lang, const char **path,
                      struct sqlite3 **db);

/* Resets getopt for a subcommand's own argument vector. */
void cmd_reset_getopt(void);

#endif
