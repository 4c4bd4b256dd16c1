/* atomic_file.h - write a file under a temporary name, then rename it into place.
 *
 * Every output the program writes (workbooks, charts, dashboards, CSV templates, rejects,
 * demo databases) goes through this: a crash, a kill or a full disk leaves either the old
 * file or the new one, never half of one. The temporary file sits in the same folder (so the
 * rename cannot cross file systems). A stream's temporary file has no name at all where the
 * file system allows it (Linux O_TMPFILE): it gets one only when committed, so a process
 * killed with kill -9 before that leaves nothing behind. Otherwise, and for
 * atomic_file_reserve, it is named ".NAME.tmp-XXXXXX".
 *
 * The final path is checked first: an existing folder, device, FIFO or symbolic link is
 * refused (CK_ERR_USAGE) instead of being replaced by a regular file.
 */
#ifndef COLLECTKPI_ATOMIC_FILE_H
#define COLLECTKPI_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "collectkpi/error.h"

typedef struct atomic_file {
    char *final_path;
    char *temp_path; /* NULL once committed or aborted; for an unnamed file, only the
                      * pattern of the name it gets if the final name exists */
    FILE *stream;    /* NULL for atomic_file_reserve */
    bool unnamed;    /* the stream's file has no name yet (O_TMPFILE) */
    bool synced;     /* an unnamed stream was flushed and synced by atomic_file_finish */
} atomic_file;

/* CK_OK when path may be (over)written with a regular file: it does not exist, or it is a
 * regular file (not a symbolic link). Otherwise CK_ERR_USAGE with the reason in diag. */
ck_error atomic_file_check_target(const char *path, ck_diag *diag);

/* Creates the temporary file and opens a stream on it for writing. */
ck_error atomic_file_open(atomic_file *file, const char *final_path, ck_diag *diag);

/* Creates the temporary file and closes it again, for a library that writes to a path of
 * its own (libxlsxwriter, SQLite, gnuplot); it writes to file->temp_path. */
ck_error atomic_file_reserve(atomic_file *file, const char *final_path, ck_diag *diag);

/* Flushes, syncs and closes the stream (if any), leaving the temporary file for
 * atomic_file_commit: a caller that must know the bytes are on disk before it commits
 * something else (the import's rejects before its transaction) finishes first. On failure
 * the temporary file stays until atomic_file_abort. */
ck_error atomic_file_finish(atomic_file *file, ck_diag *diag);

/* Flushes, syncs and closes the stream (if any) and renames the temporary file into place;
 * on any failure the temporary file is removed and the final path is left untouched. */
ck_error atomic_file_commit(atomic_file *file, ck_diag *diag);

/* As atomic_file_commit, but never replaces: CK_ERR_EXISTS when the final path exists by
 * now (made by someone else while the file was written). */
ck_error atomic_file_commit_new(atomic_file *file, ck_diag *diag);

/* Removes the temporary file and frees everything; safe after commit and twice. */
void atomic_file_abort(atomic_file *file);

#endif
