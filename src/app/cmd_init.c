/* cmd_init.c - `collectkpi init DB`: a new, empty case database with the contract's schema
 * (embedded from sql/schema.sql) and the indexes the reports need (sql/indexes.sql). */
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "collectkpi/db.h"

static const char init_help[] =
    "usage: collectkpi init DB\n\n"
    "Create DB, a new SQLite case database with the tables of the data contract\n"
    "(docs/data-model.md) and the indexes the KPI queries use. DB must not exist yet.\n";

int cmd_init(int argc, char **argv)
{
    static const struct option options[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int opt;
    while ((opt = cmd_getopt("init", argc, argv, ":h", options)) != -1) {
        if (opt != 'h')
            return ck_exit_status(CK_ERR_USAGE);
        fputs(init_help, stdout);
        return 0;
    }
    if (argc - optind != 1)
        return cmd_usage_error("init", "expected one argument, the database file to create");
    const char *path = argv[optind];
    if (path[0] == '\0')
        return cmd_usage_error("init", "the database file name is empty");
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    ck_error err = db_create(path, true, &db, &diag);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot create database '%s'", path);
    if (sqlite3_close(db) != SQLITE_OK)
        return cmd_fail(CK_ERR_IO, NULL, "cannot close database '%s'", path);
    printf("created %s\n", path);
    return 0;
}
