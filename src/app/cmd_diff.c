/* cmd_diff.c - `collectkpi diff OLD.json NEW.json`: the figures that differ between two
 * report snapshots (snapshot.h). */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "collectkpi/out_text.h"
#include "collectkpi/snapshot.h"

enum { OPT_FORMAT = 1000 };

static void print_help(void)
{
    printf("usage: collectkpi diff OLD.json NEW.json [--format table|csv|json]\n\n"
           "List the figures that print differently in two report snapshots (the\n"
           "collectkpi-PERIOD.json that `report` writes beside the workbook): the scope\n"
           "(total, team, agent), the team or employee number, the figure, the old and\n"
           "the new value as the CSV prints them ('-' when a row is only in one of them)\n"
           "and the two data cut-offs. See docs/explain.md.\n\n"
           "  --format table|csv|json  for people (default), or machine-readable\n\n"
           "Exit status: 0 when compared, whether or not figures differ (the table says\n"
           "how many; CSV and JSON have one row per difference, none when equal); 1 when a\n"
           "file cannot be read; 2 usage; 3 when a file is not a snapshot.\n");
}

int cmd_diff(int argc, char **argv)
{
    static const struct option options[] = {{"format", required_argument, NULL, OPT_FORMAT},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    int format = OUT_TEXT_TABLE;
    int opt;
    while ((opt = cmd_getopt("diff", argc, argv, ":h", options)) != -1) {
        if (opt == CMD_OPTION_ERROR)
            return ck_exit_status(CK_ERR_USAGE);
        if (opt == 'h') {
            print_help();
            return 0;
        }
        if (opt == OPT_FORMAT) {
            if (!cmd_choose(cmd_format_choices, false, optarg, &format))
                return cmd_usage_error("diff", "--format '%s' is not table, csv or json", optarg);
        } else {
            return cmd_usage_error("diff", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return cmd_usage_error("diff", "give two snapshots: OLD.json NEW.json");
    const char *paths[2] = {argv[optind], argv[optind + 1]};
    snapshot snaps[2];
    memset(snaps, 0, sizeof snaps);
    report_restated *changes = NULL;
    size_t count = 0;
    int status = 0;
    ck_diag diag = {{0}};
    for (int i = 0; i < 2; i++) {
        bool found = false;
        ck_error err = snapshot_read(paths[i], &snaps[i], &found, &diag);
        if (err == CK_OK && !found) {
            ck_diag_set(&diag, "%s", strerror(ENOENT));
            err = CK_ERR_IO;
        }
        if (err != CK_OK) {
            status = err == CK_ERR_DATA ? cmd_fail(err, &diag, "'%s'", paths[i])
                                        : cmd_fail(err, &diag, "cannot read '%s'", paths[i]);
            goto done;
        }
    }
    ck_error err = snapshot_diff(&snaps[0], &snaps[1], &changes, &count);
    if (err == CK_OK)
        err = snapshot_write_diff(stdout, &snaps[0], &snaps[1], changes, count, format, &diag);
    if (err != CK_OK && ferror(stdout))
        status = cmd_stdout_failed(errno);
    else if (err != CK_OK)
        status = cmd_fail(err, &diag, "cannot compare the snapshots");
done:
    report_restated_free(changes, count);
    snapshot_free(&snaps[0]);
    snapshot_free(&snaps[1]);
    return status;
}
