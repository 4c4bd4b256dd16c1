/* staging.h - the marker of a staging folder (report_staging.h) and the removal of the
 * staging folders that a killed run left behind.
 *
 * A staging folder is named ".collectkpi-staging-XXXXXX" and holds a marker file
 * ".collectkpi-staging" that says which process made it. Only a folder with that marker,
 * whose process has ended (gone, or a zombie: killed, not yet reaped) and in which no running
 * process works (Linux: no /proc/PID/cwd inside it, such as the gnuplot that a killed report
 * started, which draws on for a second or two), is ever removed by a later run: a folder of
 * the user's that happens to have such a name is left alone. The marker is removed last, so
 * a removal cut short leaves a folder that the next run still knows as a staging folder.
 */
#ifndef COLLECTKPI_STAGING_H
#define COLLECTKPI_STAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "collectkpi/error.h"

#define STAGING_PREFIX ".collectkpi-staging-"
#define STAGING_MARKER ".collectkpi-staging"

/* Writes the marker into a staging folder just made (named STAGING_PREFIX + "XXXXXX", e.g. by
 * report_staging_open), saying that this process owns it. */
ck_error staging_mark(const char *path, ck_diag *diag);

/* Removes a staging folder: everything in it, then its marker (if any), then the folder. The
 * marker goes only once the rest is gone, so that a removal cut short (a file that cannot be
 * removed, a killed run) leaves a folder that the next sweep still knows as ours. A symbolic
 * link inside is removed, never followed. True when the folder is gone. */
bool staging_remove(const char *path);

/* Removes the staging folders in dir whose marker names a process that no longer runs and
 * that no running process works in; returns how many were removed. Errors are ignored: a folder
 * that cannot be removed is tried again next time. */
int staging_sweep(const char *dir);

#endif
