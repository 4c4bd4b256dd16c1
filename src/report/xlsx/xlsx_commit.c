/* xlsx_commit.c - packing a workbook into its file, with one message of ours on failure.
 *
 * libxlsxwriter writes the file only in workbook_close, and when that fails (a full disk, a
 * folder that went away) it prints "[ERROR]..." lines of its own on standard error, which no
 * option turns off. The program's rule is one line per error, from src/app. So standard
 * error is caught in a temporary file for the length of workbook_close alone (nothing of
 * ours is printed meanwhile: only src/app prints, after the writers return), and the cause
 * the library names there ("System error = No space left on device") goes into diag.
 */
#include "xlsx_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Where standard error went before the capture, to put back. */
typedef struct stderr_capture {
    int saved_fd; /* -1 when nothing was redirected */
    FILE *log;    /* the library's lines; NULL when they went to /dev/null */
} stderr_capture;

static void capture_begin(stderr_capture *c)
{
    c->saved_fd = -1;
    c->log = tmpfile();
    fflush(stderr);
    int target = c->log != NULL ? fileno(c->log) : open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (target < 0)
        return;
    c->saved_fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (c->saved_fd >= 0 && dup2(target, STDERR_FILENO) < 0) {
        close(c->saved_fd);
        c->saved_fd = -1;
    }
    if (c->log == NULL)
        close(target);
}

static void capture_end(stderr_capture *c)
{
    fflush(stderr);
    if (c->saved_fd >= 0) {
        dup2(c->saved_fd, STDERR_FILENO);
        close(c->saved_fd);
    }
}

/* The system error the library's lines name ("... System error = No space left on device"),
 * into cause; "" when they name none. */
static void captured_cause(stderr_capture *c, char *cause, size_t size)
{
    static const char marker[] = "System error = ";
    char line[512];
    cause[0] = '\0';
    if (c->log == NULL)
        return;
    rewind(c->log);
    while (fgets(line, sizeof line, c->log) != NULL) {
        const char *p = strstr(line, marker);
        if (p == NULL)
            continue;
        p += sizeof marker - 1;
        snprintf(cause, size, "%.*s", (int)strcspn(p, "\r\n."), p);
        return;
    }
}

ck_error xlsx_workbook_start(const char *path, atomic_file *file, lxw_workbook **workbook,
                             ck_diag *diag)
{
    ck_diag file_diag = {{0}};
    ck_error err = atomic_file_reserve(file, path, &file_diag);
    if (err != CK_OK) {
        ck_diag_set(diag, "cannot write '%s': %s", path, file_diag.text);
        return err;
    }
    /* The library's temporary files (each part of the package, and the rows of a streamed
     * sheet, xlsx_sheet_open_streamed) go beside the workbook: on the disk the report is
     * written to, not on a /tmp that may be small or in memory. */
    char folder[4096];
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        snprintf(folder, sizeof folder, ".");
    else if (slash == path)
        snprintf(folder, sizeof folder, "/");
    else
        snprintf(folder, sizeof folder, "%.*s", (int)(slash - path), path);
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = folder};
    *workbook = workbook_new_opt(file->temp_path, &options);
    if (*workbook == NULL) {
        atomic_file_abort(file);
        ck_diag_set(diag, "cannot start the workbook (out of memory)");
        return CK_ERR_NOMEM;
    }
    return CK_OK;
}

ck_error xlsx_workbook_commit(lxw_workbook *workbook, atomic_file *file, const char *path,
                              ck_diag *diag)
{
    stderr_capture capture;
    char cause[256];
    capture_begin(&capture);
    errno = 0;
    lxw_error lxw_err = workbook_close(workbook);
    int close_errno = errno;
    capture_end(&capture);
    captured_cause(&capture, cause, sizeof cause);
    if (capture.log != NULL)
        fclose(capture.log);
    if (lxw_err != LXW_NO_ERROR) {
        if (cause[0] == '\0' && close_errno != 0)
            snprintf(cause, sizeof cause, "%s", strerror(close_errno));
        ck_diag_set(diag, "cannot write '%s': %s", path,
                    cause[0] != '\0' ? cause : lxw_strerror(lxw_err));
        return CK_ERR_IO;
    }
    ck_diag file_diag = {{0}};
    ck_error err = atomic_file_commit(file, &file_diag);
    if (err != CK_OK)
        ck_diag_set(diag, "cannot write '%s': %s", path, file_diag.text);
    return err;
}
