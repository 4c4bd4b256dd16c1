/* cmd_import.c - `collectkpi import DB FILE.csv...`: load CSV exports, all or nothing.
 *
 * The command layer of csv_import: options, the table of each file, printing problems (the
 * first 50, then a count), a progress bar on a terminal, the summary lines and the exit
 * status. The loading itself is csv_import's, so that check and import share one set of
 * rules.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "collectkpi/atomic_file.h"
#include "collectkpi/csv_import.h"
#include "collectkpi/db.h"
#include "collectkpi/rejects.h"

#define SHOWN_PROBLEMS     50
#define PROGRESS_MIN_BYTES (8u << 20) /* smaller files are read before a bar would help */

static const char import_help[] =
    "usage: collectkpi import DB FILE.csv... [--table NAME] [--encoding utf-8|gb18030]\n"
    "                         [--skip-invalid --rejects FILE] [--config FILE]\n"
    "       collectkpi import --template DIR\n"
    "\n"
    "Load CSV exports into the case database DB (made by 'collectkpi init').\n"
    "\n"
    "Each file holds one table: the one named by --table, or else by the file's name\n"
    "(payments.csv, payments-2026-10.csv). Its first row names the columns of the data\n"
    "contract, in any order; columns that may be empty may be left out. Files given together\n"
    "are loaded in dependency order (teams, agents, cases, assignments, contacts, promises,\n"
    "payments, complaints, surveys), so rows may refer to rows of the other files.\n"
    "\n"
    "Every row is checked against every rule of the contract (see 'collectkpi check').\n"
    "All or nothing: if any row breaks a rule, nothing is written, each problem is printed\n"
    "as FILE:LINE: what is wrong (the first 50, then a count) and the exit status is 3.\n"
    "A row whose id is stored already is skipped when it says the same, so importing a\n"
    "file twice changes nothing; with other content it is a problem.\n"
    "\n"
    "Options:\n"
    "  -t, --table NAME       the table of every FILE (teams, agents, cases, assignments,\n"
    "                         contacts, promises, payments, complaints, surveys)\n"
    "  -e, --encoding ENC     utf-8 (the default; a byte-order mark is fine) or gb18030\n"
    "      --skip-invalid     load the good rows and leave the bad ones out ...\n"
    "      --rejects FILE     ... writing them to FILE as they were read, plus a column\n"
    "                         'reason' (with files of several tables: FILE-TABLE.csv each)\n"
    "      --template DIR     write DIR/TABLE.csv with just the header row for each table\n"
    "      --config FILE      INI settings file; import uses its [database]\n"
    "                         busy_timeout_ms, how long to wait for another program's\n"
    "                         lock (default 10000)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 loaded, 1 I/O or database failure, 2 usage, 3 the data breaks the\n"
    "contract (nothing was written). See docs/import.md for the file formats.\n";

enum { OPT_SKIP_INVALID = 1000, OPT_REJECTS, OPT_TEMPLATE, OPT_CONFIG };

typedef struct printer {
    uint64_t shown;
    bool progress_on_screen;
    int last_percent;
    bool tty;
} printer;

static void clear_progress(printer *p)
{
    if (p->progress_on_screen) {
        fputs("\r\033[K", stderr);
        p->progress_on_screen = false;
    }
}

static void on_problem(void *ctx, const char *path, long line, const char *text)
{
    printer *p = ctx;
    if (p->shown++ >= SHOWN_PROBLEMS)
        return;
    clear_progress(p);
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", path, line, text);
    else
        fprintf(stderr, "%s: %s\n", path, text);
}

static void on_progress(void *ctx, const char *path, uint64_t done, uint64_t total)
{
    printer *p = ctx;
    if (!p->tty || total < PROGRESS_MIN_BYTES)
        return;
    int percent = (int)(done * 100 / total);
    if (percent == p->last_percent && p->progress_on_screen)
        return;
    p->last_percent = percent;
    int bar = percent / 4;
    fprintf(stderr, "\r%s [%.*s%*s] %3d%%", path, bar, "#########################", 25 - bar, "",
            percent);
    p->progress_on_screen = true;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Every file the rejects may go to is checked before the database is opened: one wrong
 * --rejects must never overwrite the database (or its journal), an input, a folder's
 * name, a device or a link. Returns 0 or the usage error's status. */
static int check_rejects_targets(const char *rejects_path, const char *db_path,
                                 const char *const *paths, const rules_table *tables,
                                 size_t file_count)
{
    bool several = false;
    for (size_t i = 1; i < file_count; i++)
        several |= tables[i] != tables[0];
    char db_side[3][4096];
    snprintf(db_side[0], sizeof db_side[0], "%s-journal", db_path);
    snprintf(db_side[1], sizeof db_side[1], "%s-wal", db_path);
    snprintf(db_side[2], sizeof db_side[2], "%s-shm", db_path);
    for (size_t i = 0; i < file_count; i++) {
        char where[4096];
        rejects_path_for(rejects_path, tables[i], several, where, sizeof where);
        ck_diag diag = {{0}};
        if (atomic_file_check_target(where, &diag) != CK_OK)
            return cmd_usage_error("import", "--rejects '%s' cannot be written: %s", where,
                                   diag.text);
        if (strcmp(where, db_path) == 0 || same_file(where, db_path))
            return cmd_usage_error("import", "--rejects '%s' is the database itself", where);
        for (size_t s = 0; s < 3; s++)
            if (strcmp(where, db_side[s]) == 0 || same_file(where, db_side[s]))
                return cmd_usage_error("import", "--rejects '%s' belongs to the database", where);
        for (size_t j = 0; j < file_count; j++)
            if (strcmp(where, paths[j]) == 0 || same_file(where, paths[j]))
                return cmd_usage_error("import", "--rejects '%s' is one of the input files", where);
    }
    return 0;
}

static void print_summary(const csv_import_result *res)
{
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        const csv_import_counts *c = &res->tables[t];
        if (!c->present)
            continue;
        printf("%s: %" PRIu64 " read, %" PRIu64 " inserted, %" PRIu64
               " skipped as identical, %" PRIu64 " rejected\n",
               schema_tables[t].name, c->read, res->committed ? c->inserted : 0, c->identical,
               c->rejected);
    }
}

int cmd_import(int argc, char **argv)
{
    static const struct option options[] = {
        {"table", required_argument, NULL, 't'},
        {"encoding", required_argument, NULL, 'e'},
        {"skip-invalid", no_argument, NULL, OPT_SKIP_INVALID},
        {"rejects", required_argument, NULL, OPT_REJECTS},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *table_name = NULL, *rejects_path = NULL, *template_dir = NULL;
    const char *config_path = NULL;
    bool skip_invalid = false;
    static const cmd_choice encodings[] = {{"utf-8", CSV_ENCODING_UTF8},
                                           {"utf8", CSV_ENCODING_UTF8},
                                           {"gb18030", CSV_ENCODING_GB18030},
                                           {NULL, 0}};
    int encoding = CSV_ENCODING_UTF8;
    int opt;
    while ((opt = cmd_getopt("import", argc, argv, ":t:e:h", options)) != -1) {
        switch (opt) {
        case 't': table_name = optarg; break;
        case 'e':
            if (!cmd_choose(encodings, true, optarg, &encoding))
                return cmd_usage_error("import", "unknown encoding '%s' (utf-8 or gb18030)",
                                       optarg);
            break;
        case OPT_SKIP_INVALID: skip_invalid = true; break;
        case OPT_REJECTS: rejects_path = optarg; break;
        case OPT_TEMPLATE: template_dir = optarg; break;
        case OPT_CONFIG: config_path = optarg; break;
        case 'h': fputs(import_help, stdout); return 0;
        default: return ck_exit_status(CK_ERR_USAGE);
        }
    }
    ck_diag diag = {{0}};
    if (template_dir != NULL) {
        if (optind != argc)
            return cmd_usage_error("import", "--template DIR takes no other arguments");
        ck_error err = csv_import_write_templates(template_dir, &diag);
        if (err != CK_OK)
            return cmd_fail(err, &diag, "cannot write the templates");
        printf("wrote a header-only CSV for each of the %d tables to %s/\n", RULES_TABLE_COUNT,
               template_dir);
        return 0;
    }
    if (argc - optind < 2)
        return cmd_usage_error("import", "expected the database and at least one CSV file");
    if (skip_invalid != (rejects_path != NULL))
        return cmd_usage_error("import", "--skip-invalid and --rejects FILE go together, so "
                                         "that no bad row is lost");
    int table_given = -1;
    if (table_name != NULL && (table_given = rules_table_find(table_name, strlen(table_name))) < 0)
        return cmd_usage_error("import", "unknown table '%s'", table_name);
    const char *db_path = argv[optind];
    size_t file_count = (size_t)(argc - optind - 1);
    const char *const *paths = (const char *const *)argv + optind + 1;
    rules_table *tables = calloc(file_count, sizeof *tables);
    if (tables == NULL)
        return cmd_fail(CK_ERR_NOMEM, NULL, "import");
    int status = 0;
    for (size_t i = 0; i < file_count && status == 0; i++) {
        int t = table_given >= 0 ? table_given : csv_import_table_of(paths[i]);
        if (t < 0)
            status = cmd_usage_error("import",
                                     "cannot tell the table of '%s' from its name; name the "
                                     "file after its table (payments.csv) or use --table",
                                     paths[i]);
        else
            tables[i] = (rules_table)t;
    }
    if (status == 0 && rejects_path != NULL)
        status = check_rejects_targets(rejects_path, db_path, paths, tables, file_count);
    int busy_timeout_ms = 0;
    if (status == 0 &&
        (status = cmd_busy_timeout("import", config_path, &busy_timeout_ms)) == CMD_GO_ON)
        status = 0;
    if (status != 0) {
        free(tables);
        return status;
    }

    sqlite3 *db = NULL;
    bool rolled_back = false;
    /* The timeout is set before the schema check's first read: a writer's lock makes the
     * import wait, not fail at once. */
    ck_error err = db_open_writing(db_path, busy_timeout_ms, &db, &rolled_back, &diag);
    if (err != CK_OK) {
        free(tables);
        return cmd_fail(err, &diag, "cannot open database '%s'", db_path);
    }
    if (rolled_back)
        cmd_note_rolled_back(db_path);
    printer p = {.last_percent = -1, .tty = isatty(STDERR_FILENO)};
    const char *abort_after = getenv("COLLECTKPI_TEST_ABORT_AFTER_ROWS");
    csv_import_options io = {
        .paths = paths,
        .tables = tables,
        .file_count = file_count,
        .encoding = (csv_encoding)encoding,
        .rejects_path = rejects_path,
        .abort_after_rows = abort_after != NULL ? strtoull(abort_after, NULL, 10) : 0,
        .problem = on_problem,
        .progress = on_progress,
        .ctx = &p,
    };
    csv_import_result res;
    err = csv_import_run(db, &io, &res, &diag);
    clear_progress(&p);
    if (sqlite3_close(db) != SQLITE_OK && err == CK_OK) {
        err = CK_ERR_DB;
        ck_diag_set(&diag, "cannot close it");
    }
    if (res.problems > SHOWN_PROBLEMS)
        fprintf(stderr, "... and %" PRIu64 " more problems\n", res.problems - SHOWN_PROBLEMS);
    if (err == CK_OK || err == CK_ERR_DATA)
        print_summary(&res);
    if (err == CK_ERR_DATA) {
        ck_diag_set(&diag, "%" PRIu64 " problem%s; nothing was imported %s", res.problems,
                    res.problems == 1 ? "" : "s",
                    rejects_path == NULL
                        ? "(fix the rows, or load the good ones with --skip-invalid --rejects FILE)"
                        : "(a bad header or malformed CSV stops the whole run)");
        free(tables);
        return cmd_fail(err, &diag, "import into '%s'", db_path);
    }
    if (err != CK_OK) {
        free(tables);
        if (res.committed) /* only writing the rejects file can fail after the commit */
            return cmd_fail(err, &diag, "the rows were imported into '%s', but", db_path);
        return cmd_fail(err, &diag, "import into '%s' failed; nothing was imported", db_path);
    }
    bool several = false;
    for (size_t i = 1; i < file_count; i++)
        several |= tables[i] != tables[0];
    for (int t = 0; t < RULES_TABLE_COUNT && rejects_path != NULL; t++) {
        if (res.tables[t].rejected == 0)
            continue;
        char where[4096];
        rejects_path_for(rejects_path, (rules_table)t, several, where, sizeof where);
        cmd_note("%s: %" PRIu64 " bad row%s left out, written to %s", schema_tables[t].name,
                 res.tables[t].rejected, res.tables[t].rejected == 1 ? "" : "s", where);
    }
    free(tables);
    return 0;
}
