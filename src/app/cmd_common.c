/* cmd_common.c - how every command starts and ends (see cmd.h).
 *
 * The one place error lines are formatted, options are read and standard output is
 * checked, so that every command prints its errors the same way, git-style, with the exit
 * status of the error enum. It sits below main.c and the cmd_*.c files: they call it, it
 * calls none of them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cmd.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/out_text.h"
#include "collectkpi/utf8.h"

/* Every line on stderr goes out through here: a name, a code or a path from the data or
 * the command line may hold control characters, shown as escapes (utf8_escape_terminal) so
 * that they can neither rewrite the terminal nor split the one line. */
static void put_line(const char *prefix, const char *fmt, va_list args, const char *detail)
{
    char raw[4096], shown[4 * sizeof raw];
    int n = vsnprintf(raw, sizeof raw, fmt, args);
    if (n >= 0 && detail != NULL && (size_t)n < sizeof raw)
        snprintf(raw + n, sizeof raw - (size_t)n, ": %s", detail);
    utf8_escape_terminal(raw, shown, sizeof shown);
    /* What the command printed so far comes before the line on a shared terminal. */
    fflush(stdout);
    fprintf(stderr, "%s%s", prefix, shown);
}

int cmd_fail(ck_error err, const ck_diag *diag, const char *context_fmt, ...)
{
    va_list args;
    const char *detail = diag != NULL && diag->text[0] != '\0' ? diag->text : ck_strerror(err);
    va_start(args, context_fmt);
    put_line("collectkpi: ", context_fmt, args, detail);
    va_end(args);
    fputc('\n', stderr);
    return ck_exit_status(err);
}

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list args;
    fprintf(stderr, "collectkpi %s: ", cmd);
    va_start(args, fmt);
    put_line("", fmt, args, NULL);
    va_end(args);
    fprintf(stderr, " (see 'collectkpi %s --help')\n", cmd);
    return ck_exit_status(CK_ERR_USAGE);
}

void cmd_note_rolled_back(const char *path)
{
    cmd_note("'%s' had an unfinished write (a killed import?); it was rolled back, so the "
             "database is as it was before that write",
             path);
}

void cmd_note(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    put_line("collectkpi: ", fmt, args, NULL);
    va_end(args);
    fputc('\n', stderr);
}

int cmd_stdout_failed(int saved_errno)
{
    /* Whatever is still buffered is tried once more: its errno is the freshest. */
    errno = 0;
    if (fflush(stdout) != 0 && errno != 0)
        saved_errno = errno;
    fprintf(stderr, "collectkpi: cannot write to standard output: %s\n",
            strerror(saved_errno != 0 ? saved_errno : EIO));
    return ck_exit_status(CK_ERR_IO);
}

int cmd_finish(int status)
{
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout) != 0;
    int saved = errno;
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        saved = errno;
    }
    /* A command that failed has printed its one error line; a failed write is only the
     * error when the command thought it had succeeded. */
    if (!failed || status != 0)
        return status;
    fprintf(stderr, "collectkpi: cannot write to standard output: %s\n",
            strerror(saved != 0 ? saved : EIO));
    return ck_exit_status(CK_ERR_IO);
}

int cmd_busy_timeout(const char *cmd, const char *config_path, int *busy_timeout_ms)
{
    settings s;
    settings_lang unused_lang = SETTINGS_LANG_DEFAULT;
    settings_defaults(&s);
    *busy_timeout_ms = s.busy_timeout_ms;
    if (config_path == NULL)
        return CMD_GO_ON;
    ck_diag file_diag = {{0}}, diag = {{0}};
    ck_error err = settings_load_file(&s, &unused_lang, config_path, &file_diag);
    /* worded as cli_reading_resolve and cmd_start_reading word it for the reading commands */
    ck_diag_set(&diag, "config file '%s': %s", config_path, file_diag.text);
    if (err == CK_ERR_USAGE)
        return cmd_usage_error(cmd, "%s", diag.text);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot read settings");
    *busy_timeout_ms = s.busy_timeout_ms;
    return CMD_GO_ON;
}

void cmd_reset_getopt(void)
{
    optind = 0; /* glibc: 0 also resets its internal state */
    opterr = 0; /* cmd_getopt prints the one-line usage errors */
}

int cmd_getopt(const char *cmd, int argc, char **argv, const char *short_options,
               const struct option *options)
{
    int opt = getopt_long(argc, argv, short_options, options, NULL);
    if (opt == ':') {
        cmd_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        return CMD_OPTION_ERROR;
    }
    if (opt == '?') {
        cmd_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        return CMD_OPTION_ERROR;
    }
    return opt;
}

const cmd_choice cmd_format_choices[] = {
    {"table", OUT_TEXT_TABLE}, {"csv", OUT_TEXT_CSV}, {"json", OUT_TEXT_JSON}, {NULL, 0}};
const cmd_choice cmd_row_choices[] = {{"agent", OUT_TEXT_BY_AGENT},
                                      {"team", OUT_TEXT_BY_TEAM},
                                      {"total", OUT_TEXT_BY_TOTAL},
                                      {NULL, 0}};

bool cmd_choose(const cmd_choice *choices, bool ignore_case, const char *text, int *value)
{
    for (const cmd_choice *c = choices; c->name != NULL; c++)
        if ((ignore_case ? strcasecmp(c->name, text) : strcmp(c->name, text)) == 0) {
            *value = c->value;
            return true;
        }
    return false;
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
    cmd_note("note: database '%s' has no index on %s; the figures are right but slower (add "
             "them with: sqlite3 '%s' < sql/indexes.sql)",
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
    if (err == CK_OK)
        err = cli_reading_jobs(reading, &request->jobs, &diag);
    /* For the tests only (docs/development.md): the lists' memory budget in bytes, so that
     * a small database takes the temporary file's way (spill.h). A budget changes no output. */
    const char *list_budget = getenv("COLLECTKPI_TEST_LIST_BUDGET");
    if (err == CK_OK && list_budget != NULL)
        request->list_memory_budget = (size_t)strtoull(list_budget, NULL, 10);
    if (err == CK_ERR_USAGE)
        return cmd_usage_error(cmd, "%s", diag.text);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot read settings");
    bool rolled_back = false;
    err = db_open_reading(*path, request->settings.busy_timeout_ms, db, &rolled_back, &diag);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot open database '%s'", *path);
    if (rolled_back)
        cmd_note_rolled_back(*path);
    note_missing_indexes(*db, *path);
    return CMD_GO_ON;
}
