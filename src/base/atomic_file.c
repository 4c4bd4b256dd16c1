/* atomic_file.c - temporary name, then rename (see atomic_file.h). */
#define _GNU_SOURCE /* O_TMPFILE */
#include "collectkpi/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ck_error atomic_file_check_target(const char *path, ck_diag *diag)
{
    struct stat st;
    if (path == NULL || path[0] == '\0') {
        ck_diag_set(diag, "the output path is empty");
        return CK_ERR_USAGE;
    }
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? CK_OK : (ck_diag_set(diag, "%s", strerror(errno)), CK_ERR_IO);
    if (S_ISLNK(st.st_mode)) {
        ck_diag_set(diag, "it is a symbolic link; name the file it points to instead");
        return CK_ERR_USAGE;
    }
    if (S_ISDIR(st.st_mode)) {
        ck_diag_set(diag, "it is a folder; name a file");
        return CK_ERR_USAGE;
    }
    if (!S_ISREG(st.st_mode)) {
        ck_diag_set(diag, "it is a device or other special file, not a regular file");
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

static ck_error begin(atomic_file *file, const char *final_path, bool with_stream, ck_diag *diag)
{
    ck_error err = CK_OK;
    memset(file, 0, sizeof *file);
    err = atomic_file_check_target(final_path, diag);
    if (err != CK_OK)
        return err;
    size_t len = strlen(final_path);
    const char *slash = strrchr(final_path, '/');
    size_t dir_len = slash != NULL ? (size_t)(slash - final_path) + 1 : 0;
    file->final_path = strdup(final_path);
    file->temp_path = malloc(len + sizeof ".tmp-XXXXXX" + 1);
    if (file->final_path == NULL || file->temp_path == NULL) {
        err = CK_ERR_NOMEM;
        goto fail;
    }
    /* "dir/.name.tmp-XXXXXX": hidden, in the same folder as the final file. */
    memcpy(file->temp_path, final_path, dir_len);
    file->temp_path[dir_len] = '.';
    strcpy(file->temp_path + dir_len + 1, final_path + dir_len);
    strcat(file->temp_path, ".tmp-XXXXXX");
    int fd = -1;
    /* A stream's file without a name, where the file system has them and /proc can link
     * one into place at the end (linkat(2)); else the named temporary file. */
    if (with_stream && access("/proc/self/fd", X_OK) == 0) {
        char dir[4096];
        if (dir_len == 0)
            strcpy(dir, ".");
        else if (dir_len < sizeof dir)
            snprintf(dir, sizeof dir, "%.*s", (int)dir_len, final_path);
        if (dir_len < sizeof dir)
            fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
        file->unnamed = fd >= 0;
    }
    if (fd < 0)
        fd = mkstemp(file->temp_path);
    if (fd < 0) {
        ck_diag_set(diag, "cannot create a temporary file beside it: %s", strerror(errno));
        free(file->temp_path);
        file->temp_path = NULL;
        err = CK_ERR_IO;
        goto fail;
    }
    (void)fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    if (with_stream) {
        file->stream = fdopen(fd, "wb");
        if (file->stream == NULL) {
            close(fd);
            err = CK_ERR_NOMEM;
            goto fail;
        }
    } else {
        close(fd);
    }
    return CK_OK;
fail:
    atomic_file_abort(file);
    return err;
}

ck_error atomic_file_open(atomic_file *file, const char *final_path, ck_diag *diag)
{
    return begin(file, final_path, true, diag);
}

ck_error atomic_file_reserve(atomic_file *file, const char *final_path, ck_diag *diag)
{
    return begin(file, final_path, false, diag);
}

/* Flushes and syncs the stream, once. */
static ck_error sync_stream(atomic_file *file, ck_diag *diag)
{
    if (file->stream == NULL || file->synced)
        return CK_OK;
    errno = 0;
    if (ferror(file->stream) != 0 || fflush(file->stream) != 0 ||
        fsync(fileno(file->stream)) != 0) {
        ck_diag_set(diag, "cannot write: %s", strerror(errno ? errno : EIO));
        return CK_ERR_IO;
    }
    file->synced = true;
    return CK_OK;
}

/* Flushes, syncs and closes the stream, if there is one. */
static ck_error finish_stream(atomic_file *file, ck_diag *diag)
{
    if (file->stream == NULL)
        return CK_OK;
    bool failed =
        ferror(file->stream) != 0 ||
        (!file->synced && (fflush(file->stream) != 0 || fsync(fileno(file->stream)) != 0));
    int saved = errno;
    if (fclose(file->stream) != 0 && !failed) {
        failed = true;
        saved = errno;
    }
    file->stream = NULL;
    if (failed) {
        ck_diag_set(diag, "cannot write: %s", strerror(saved ? saved : EIO));
        return CK_ERR_IO;
    }
    return CK_OK;
}

ck_error atomic_file_finish(atomic_file *file, ck_diag *diag)
{
    /* An unnamed file must stay open: closing it would delete it. */
    return file->unnamed ? sync_stream(file, diag) : finish_stream(file, diag);
}

/* Gives the unnamed file of file->stream the name path (which must not exist: EEXIST). */
static int link_unnamed(const atomic_file *file, const char *path)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(file->stream));
    return linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}

/* Commits an unnamed file: synced, then linked to the final name when that is free
 * (nothing to rename: no moment with a stray name), else, when replace, linked to a free
 * temporary name and renamed over the final one. */
static ck_error commit_unnamed(atomic_file *file, bool replace, ck_diag *diag)
{
    ck_error err = sync_stream(file, diag);
    if (err != CK_OK)
        return err;
    if (link_unnamed(file, file->final_path) == 0)
        return finish_stream(file, diag);
    if (errno != EEXIST) {
        ck_diag_set(diag, "cannot move the finished file into place: %s", strerror(errno));
        return CK_ERR_IO;
    }
    if (!replace) {
        ck_diag_set(diag, "it exists already; not replaced");
        return CK_ERR_EXISTS;
    }
    size_t pattern_len = strlen(file->temp_path);
    char *name = malloc(pattern_len + 1);
    if (name == NULL)
        return CK_ERR_NOMEM;
    int linked = -1;
    for (int attempt = 0; attempt < 100 && linked != 0; attempt++) {
        /* mkstemp finds a free name; it is freed again for the link, which fails with
         * EEXIST (and is retried) if someone takes it meanwhile. */
        memcpy(name, file->temp_path, pattern_len + 1);
        int fd = mkstemp(name);
        if (fd < 0)
            break;
        close(fd);
        unlink(name);
        linked = link_unnamed(file, name);
        if (linked != 0 && errno != EEXIST)
            break;
    }
    if (linked != 0) {
        ck_diag_set(diag, "cannot move the finished file into place: %s", strerror(errno));
        free(name);
        return CK_ERR_IO;
    }
    err = finish_stream(file, diag);
    if (err == CK_OK && rename(name, file->final_path) != 0) {
        ck_diag_set(diag, "cannot move the finished file into place: %s", strerror(errno));
        err = CK_ERR_IO;
    }
    if (err != CK_OK)
        unlink(name);
    free(name);
    return err;
}

ck_error atomic_file_commit(atomic_file *file, ck_diag *diag)
{
    ck_error err = CK_OK;
    if (file->temp_path == NULL)
        return CK_ERR_IO;
    /* The target may have become a link or device since it was checked. */
    err = atomic_file_check_target(file->final_path, diag);
    if (err != CK_OK)
        goto done;
    if (file->unnamed) {
        err = commit_unnamed(file, true, diag);
        goto done;
    }
    err = finish_stream(file, diag);
    if (err != CK_OK)
        goto done;
    if (rename(file->temp_path, file->final_path) != 0) {
        ck_diag_set(diag, "cannot move the finished file into place: %s", strerror(errno));
        err = CK_ERR_IO;
        goto done;
    }
    free(file->temp_path);
    file->temp_path = NULL;
done:
    atomic_file_abort(file);
    return err;
}

ck_error atomic_file_commit_new(atomic_file *file, ck_diag *diag)
{
    ck_error err = CK_OK;
    struct stat st;
    if (file->temp_path == NULL)
        return CK_ERR_IO;
    if (file->unnamed) {
        err = commit_unnamed(file, false, diag);
        goto done;
    }
    err = finish_stream(file, diag);
    if (err != CK_OK)
        goto done;
    /* link(2) fails with EEXIST instead of replacing: no window between check and move. */
    if (link(file->temp_path, file->final_path) == 0)
        goto done; /* in place; abort removes the temporary name */
    if (errno == EEXIST || lstat(file->final_path, &st) == 0) {
        ck_diag_set(diag, "it exists already; not replaced");
        err = CK_ERR_EXISTS;
        goto done;
    }
    /* A file system without hard links: the check above, then rename. */
    if (rename(file->temp_path, file->final_path) != 0) {
        ck_diag_set(diag, "cannot move the finished file into place: %s", strerror(errno));
        err = CK_ERR_IO;
        goto done;
    }
    free(file->temp_path);
    file->temp_path = NULL;
done:
    atomic_file_abort(file);
    return err;
}

void atomic_file_abort(atomic_file *file)
{
    if (file->stream != NULL) {
        fclose(file->stream);
        file->stream = NULL;
    }
    if (file->temp_path != NULL) {
        if (!file->unnamed) /* an unnamed file went with its stream */
            unlink(file->temp_path);
        free(file->temp_path);
        file->temp_path = NULL;
    }
    free(file->final_path);
    file->final_path = NULL;
}
