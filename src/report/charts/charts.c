/* charts.c - runs gnuplot on the chart script and moves the chart set into place.
 *
 * The script itself is charts_script.c. gnuplot is one
 * process started with posix_spawnp and an explicit argv (`gnuplot -d charts.gp`), never
 * through a shell and never with the script on standard input (where gnuplot carries on
 * after an error and may write PNG bytes to standard output). It runs in a temporary folder
 * (report_staging.h) with LC_ALL=C.UTF-8, no standard input and its standard error in a
 * temporary file, whose first error line goes into diag. Only when every chart was drawn are
 * the files renamed into DIR/charts/, so a failure leaves the previous set (or none), never
 * half of one. atomic_file cannot serve here: gnuplot names its outputs itself.
 */
/* For posix_spawn_file_actions_addchdir_np (glibc 2.29, musl 1.1.24): gnuplot must start in
 * the temporary folder so that charts.gp names its outputs without a folder and stays
 * re-runnable where it is kept. */
#define _GNU_SOURCE

#include "collectkpi/charts.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "charts_internal.h"
#include "collectkpi/interrupt.h"
#include "collectkpi/report_charts.h"
#include "collectkpi/report_staging.h"

extern char **environ;

#define SCRIPT_NAME "charts.gp"
#define INSTALL_HINT                                                                               \
    "install it with 'apt-get install gnuplot-nox' (Debian, Ubuntu), or leave the charts out "     \
    "with --no-charts"

static ck_error write_script(const report_staging *staging, const report_data *data, ck_diag *diag)
{
    char path[REPORT_STAGING_PATH_SIZE + 32];
    if (!report_staging_file(staging, SCRIPT_NAME, path, sizeof path)) {
        ck_diag_set(diag, "the report folder's path is too long");
        return CK_ERR_IO;
    }
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        ck_diag_set(diag, "cannot write '%s': %s", path, strerror(errno));
        return CK_ERR_IO;
    }
    ck_error err = charts_script_write(out, data, diag);
    if (fclose(out) != 0 && err == CK_OK) {
        ck_diag_set(diag, "cannot write '%s': %s", path, strerror(errno));
        err = CK_ERR_IO;
    }
    return err;
}

/* The environment of gnuplot: ours with LC_ALL=C.UTF-8 (UTF-8 text, '.' decimals whatever
 * the user's locale) and GNUTERM=unknown (no window system is ever touched). */
static char **child_environment(void)
{
    size_t n = 0;
    while (environ != NULL && environ[n] != NULL)
        n++;
    char **env = calloc(n + 3, sizeof *env);
    if (env == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "LC_ALL=", 7) != 0 && strncmp(environ[i], "GNUTERM=", 8) != 0)
            env[k++] = environ[i];
    env[k++] = "LC_ALL=C.UTF-8";
    env[k++] = "GNUTERM=unknown";
    env[k] = NULL;
    return env;
}

/* The line of gnuplot's standard error that says what went wrong: the first one naming the
 * script ("charts.gp" line 12: ...), else the last non-empty line that is not the caret. */
static void first_error_line(FILE *log, char *out, size_t size)
{
    char line[512];
    out[0] = '\0';
    rewind(log);
    while (fgets(line, sizeof line, log) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        const char *p = line + strspn(line, " \t");
        if (*p == '\0' || *p == '^')
            continue;
        if (strstr(p, "\"" SCRIPT_NAME "\" line ") == p) {
            snprintf(out, size, "%s", p);
            return;
        }
        snprintf(out, size, "%s", p);
    }
}

/* Starts gnuplot on the script in temp, its standard error into *log (a temporary file). */
static ck_error start_gnuplot(const char *temp, pid_t *pid, FILE **log, ck_diag *diag)
{
    ck_error err = CK_ERR_PROGRAM;
    posix_spawn_file_actions_t actions;
    bool actions_ready = false;
    char **env = NULL;
    *log = tmpfile();
    if (*log == NULL) {
        ck_diag_set(diag, "cannot make a temporary file for gnuplot's messages: %s",
                    strerror(errno));
        return CK_ERR_IO;
    }
    env = child_environment();
    if (env == NULL || posix_spawn_file_actions_init(&actions) != 0) {
        ck_diag_set(diag, "out of memory while starting gnuplot");
        err = CK_ERR_NOMEM;
        goto done;
    }
    actions_ready = true;
    if (posix_spawn_file_actions_addchdir_np(&actions, temp) != 0 ||
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0) != 0 ||
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0) != 0 ||
        posix_spawn_file_actions_adddup2(&actions, fileno(*log), STDERR_FILENO) != 0) {
        ck_diag_set(diag, "out of memory while starting gnuplot");
        err = CK_ERR_NOMEM;
        goto done;
    }
    char *argv[] = {"gnuplot", "-d", SCRIPT_NAME, NULL};
    int rc = posix_spawnp(pid, "gnuplot", &actions, NULL, argv, env);
    if (rc == ENOENT)
        ck_diag_set(diag, "gnuplot is not installed (not found on PATH); " INSTALL_HINT);
    else if (rc != 0)
        ck_diag_set(diag, "cannot run gnuplot: %s; " INSTALL_HINT, strerror(rc));
    else
        err = CK_OK;
done:
    if (actions_ready)
        posix_spawn_file_actions_destroy(&actions);
    free(env);
    if (err != CK_OK) {
        fclose(*log);
        *log = NULL;
    }
    return err;
}

/* Waits for the gnuplot of start_gnuplot (ending it first when stop) and says how it ended;
 * closes log. */
static ck_error wait_gnuplot(pid_t pid, FILE *log, bool stop, ck_diag *diag)
{
    ck_error err = CK_ERR_PROGRAM;
    int status;
    pid_t waited;
    bool stopped = false;
    if (stop) {
        kill(pid, SIGTERM);
        stopped = true;
    }
    /* Polled rather than blocking, so that Ctrl-C stops gnuplot too (it runs in our process
     * group only when started from a terminal; kill(1) reaches us alone). */
    while ((waited = waitpid(pid, &status, WNOHANG)) == 0 || (waited < 0 && errno == EINTR)) {
        if (interrupt_requested() && !stopped) {
            kill(pid, SIGTERM);
            stopped = true;
        }
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    if (waited < 0) {
        ck_diag_set(diag, "cannot wait for gnuplot: %s", strerror(errno));
    } else if (stopped) {
        ck_diag_set(diag, "interrupted");
        err = CK_ERR_IO;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        err = CK_OK;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        ck_diag_set(diag, "gnuplot could not be started; " INSTALL_HINT);
    } else {
        char message[400];
        first_error_line(log, message, sizeof message);
        if (WIFSIGNALED(status))
            ck_diag_set(diag, "gnuplot was killed by signal %d%s%s", WTERMSIG(status),
                        message[0] != '\0' ? ": " : "", message);
        else
            ck_diag_set(diag, "gnuplot failed on %s (exit status %d)%s%s", SCRIPT_NAME,
                        WEXITSTATUS(status), message[0] != '\0' ? ": " : "", message);
    }
    fclose(log);
    return err;
}

/* Every file of the set: NAME.png and NAME.svg of each chart, then the script. */
#define SET_SIZE (2 * REPORT_CHARTS_COUNT + 1)

static void set_file(size_t i, char *name, size_t size)
{
    if (i < 2 * REPORT_CHARTS_COUNT)
        snprintf(name, size, "%s.%s", report_chart_names[i / 2], i % 2 == 0 ? "png" : "svg");
    else
        snprintf(name, size, "%s", SCRIPT_NAME);
}

/* True when path ends the way a whole file of its kind ends: a PNG with its IEND chunk, an
 * SVG with </svg> and white space. gnuplot says nothing and exits 0 when a write fails (a
 * full disk), leaving a file cut short, so the size alone proves nothing. */
static bool complete_file(const char *path, bool png)
{
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    unsigned char tail[64];
    size_t n = 0;
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return false;
    if (fseek(in, -(long)sizeof tail, SEEK_END) != 0)
        rewind(in); /* shorter than the tail: read it all */
    n = fread(tail, 1, sizeof tail, in);
    fclose(in);
    if (png)
        return n >= sizeof iend && memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0;
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
}

/* Less free space than this where the charts are drawn means a write failed for lack of it:
 * more than gnuplot's largest buffered write, far less than any chart. */
#define NEARLY_FULL_BYTES (64 * 1024)

/* The charts folder's file system is (nearly) full: says so in diag, with the free space and
 * what gnuplot could not write (what). */
static bool out_of_space(const char *folder, const char *what, ck_diag *diag)
{
    struct statvfs vfs;
    if (statvfs(folder, &vfs) != 0)
        return false;
    /* root may write into the blocks reserved for it; everyone else only into f_bavail */
    unsigned long long blocks = geteuid() == 0 ? vfs.f_bfree : vfs.f_bavail;
    unsigned long long free_bytes = blocks * (unsigned long long)vfs.f_frsize;
    if (free_bytes >= NEARLY_FULL_BYTES)
        return false;
    ck_diag_set(diag, "%s (%llu KiB free there; gnuplot could not write %s)", strerror(ENOSPC),
                free_bytes / 1024, what);
    return true;
}

static ck_error check_outputs(const report_staging *staging, ck_diag *diag)
{
    for (size_t i = 0; i < 2 * REPORT_CHARTS_COUNT; i++) {
        char name[64], path[REPORT_STAGING_PATH_SIZE + 64];
        set_file(i, name, sizeof name);
        if (report_staging_file(staging, name, path, sizeof path) &&
            complete_file(path, i % 2 == 0))
            continue;
        char what[96];
        snprintf(what, sizeof what, "%s whole", name);
        if (out_of_space(staging->path, what, diag))
            return CK_ERR_IO;
        ck_diag_set(diag, "gnuplot ran but did not draw %s", name);
        return CK_ERR_PROGRAM;
    }
    return CK_OK;
}

/* Each SVG's document title is its chart's title, not gnuplot's name. */
static ck_error title_svgs(const report_staging *staging, settings_lang lang, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (size_t c = 0; c < REPORT_CHARTS_COUNT && err == CK_OK; c++) {
        char name[64], path[REPORT_STAGING_PATH_SIZE + 64];
        snprintf(name, sizeof name, "%s.svg", report_chart_names[c]);
        if (!report_staging_file(staging, name, path, sizeof path)) {
            ck_diag_set(diag, "the report folder's path is too long");
            return CK_ERR_IO;
        }
        err = charts_svg_title(path, report_chart_title(c, lang), diag);
    }
    return err;
}

static ck_error move_into_place(const report_staging *staging, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (size_t i = 0; i < SET_SIZE && err == CK_OK; i++) {
        char name[64];
        set_file(i, name, sizeof name);
        err = report_staging_move(staging, name, diag);
    }
    return err;
}

/* A chart set being drawn: its temporary folder and the gnuplot drawing into it. */
struct charts_job {
    report_staging staging;
    settings_lang lang;
    pid_t pid;
    FILE *log;
};

ck_error charts_start(const char *report_dir, const report_data *data, charts_job **out,
                      ck_diag *diag)
{
    *out = NULL;
    char charts[REPORT_STAGING_PATH_SIZE];
    int n = snprintf(charts, sizeof charts, "%s/charts", report_dir);
    if (n < 0 || (size_t)n >= sizeof charts) {
        ck_diag_set(diag, "the report folder's path is too long");
        return CK_ERR_IO;
    }
    if (mkdir(charts, 0777) != 0 && errno != EEXIST) {
        ck_diag_set(diag, "cannot make the folder '%s': %s", charts, strerror(errno));
        return CK_ERR_IO;
    }
    charts_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    job->lang = data->lang;
    ck_error err = report_staging_open(&job->staging, charts, ".tmp", diag);
    if (err != CK_OK) {
        free(job);
        return err;
    }
    err = write_script(&job->staging, data, diag);
    if (err == CK_OK)
        err = start_gnuplot(job->staging.path, &job->pid, &job->log, diag);
    if (err != CK_OK) {
        report_staging_remove(&job->staging);
        free(job);
        return err;
    }
    *out = job;
    return CK_OK;
}

ck_error charts_finish(charts_job *job, bool stop, ck_diag *diag)
{
    if (job == NULL)
        return CK_OK;
    ck_error err = wait_gnuplot(job->pid, job->log, stop, diag);
    /* gnuplot's own message about a failed write names the file, not the cause */
    if (err == CK_ERR_PROGRAM)
        out_of_space(job->staging.path, "the charts", diag);
    if (err == CK_OK)
        err = check_outputs(&job->staging, diag);
    if (err == CK_OK)
        err = title_svgs(&job->staging, job->lang, diag);
    if (err == CK_OK)
        err = move_into_place(&job->staging, diag);
    report_staging_remove(&job->staging);
    free(job);
    return err;
}

ck_error charts_write(const char *report_dir, const report_data *data, ck_diag *diag)
{
    charts_job *job = NULL;
    ck_error err = charts_start(report_dir, data, &job, diag);
    return err == CK_OK ? charts_finish(job, false, diag) : err;
}
