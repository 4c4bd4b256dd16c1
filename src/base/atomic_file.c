/* atomic_file.c - temporary name, then rename (see atomic_file.h). */
#include "collectkpi/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
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
    int fd = mkstemp(file->temp_path);
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

/* Flushes, syncs and closes the stream, if there is one. */
static ck_error finish_stream(atomic_file *file, ck_diag *diag)
{
    if (file->stream == NULL)
        return CK_OK;
    bool failed =
        ferror(file->stream) != 0 || fflush(file->stream) != 0 || fsync(fileno(file->stream)) != 0;
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
    return finish_stream(file, diag);
}

ck_error atomic_file_commit(atomic_file *file, ck_diag *diag)
{
    ck_error err = CK_OK;
    if (file->temp_path == NULL)
        return CK_ERR_IO;
    err = finish_stream(file, diag);
    if (err != CK_OK)
        goto done;
    /* The target may have become a link or device since it was checked. */
    err = atomic_file_check_target(file->final_path, diag);
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
        unlink(file->temp_path);
        free(file->temp_path);
        file->temp_path = NULL;
    }
    free(file->final_path);
    file->final_path = NULL;
}
