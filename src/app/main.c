/* main.c - the command table: `collectkpi COMMAND [ARGS]`, git-style.
 *
 * Each command lives in src/app/cmd_NAME.c; this file only dispatches and prints the
 * top-level help. Every way out goes through cmd_finish, so a failed write to standard
 * output is an error whichever command (or help text) wrote it.
 */
#include <stdio.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cmd.h"
#include "collectkpi/interrupt.h"

static const cmd_entry commands[] = {
    {"init", cmd_init, "create an empty case database with the contract's schema"},
    {"demo", cmd_demo, "write a realistic synthetic case database"},
    {"import", cmd_import, "load CSV exports into a case database, all or nothing"},
    {"check", cmd_check, "list every row that breaks a rule of the data contract"},
    {"kpi", cmd_kpi, "print the KPI rows of a period (table, csv or json)"},
    {"report", cmd_report, "write the monthly report folder (workbook, charts, dashboard)"},
    {"score", cmd_score, "print review scores: case-mix recovery, targets, ranks"},
    {"scorecard", cmd_scorecard, "write one printable review workbook per agent"},
    {"compliance", cmd_compliance, "print contacts that broke a contact rule, per agent or listed"},
    {"explain", cmd_explain, "list the rows behind one figure and the arithmetic to it"},
    {"diff", cmd_diff, "list the figures that differ between two report snapshots"},
};
static const size_t command_count = sizeof commands / sizeof commands[0];

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

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return ck_exit_status(CK_ERR_USAGE);
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
    interrupt_install();
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(commands[i].name, name) == 0) {
            cmd_reset_getopt();
            return commands[i].run(argc - 1, argv + 1);
        }
    ck_diag diag = {{0}};
    ck_diag_set(&diag, "see 'collectkpi --help' for the commands");
    return cmd_fail(CK_ERR_USAGE, &diag, "'%s' is not a command", name);
}

/* A fixed mmap threshold, so that every buffer of a MiB or more gets pages of its own and
 * gives them back when freed. glibc's default threshold moves up to the size of the largest
 * mapped buffer freed so far (up to 32 MiB): after the first month of a long period, the
 * months' and case chunks' buffers (several MiB each, a little different in size every time)
 * come from the heaps of the run's and the breach pass's threads, which keep the freed space
 * in pieces, so the peak grew with the months (compliance --year on the large database:
 * 250 MiB, 184 with the fixed threshold; reusing the pass's buffers from month to month did
 * not help: 262). */
static void keep_memory_flat(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

int main(int argc, char **argv)
{
    keep_memory_flat();
    return cmd_finish(run(argc, argv));
}
