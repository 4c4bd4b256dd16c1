/* staging.h - a private folder inside an output folder, to build outputs in before they are
 * moved into place, and the removal of such folders that a killed run left behind.
 *
 * A staging folder is named ".collectkpi-staging-XXXXXX" and holds a marker file
 * ".collectkpi-staging" that says which process made it. Only a folder with that marker,
 * whose process is gone, is ever removed by a later run: a folder of the user's that
 * happens to have such a name is left alone.
 */
#ifndef COLLECTKPI_STAGING_H
#define COLLECTKPI_STAGING_H

#include <stddef.h>

#include "collectkpi/error.h"

#define STAGING_PREFIX ".collectkpi-staging-"
#define STAGING_MARKER ".collectkpi-staging"

/* Creates dir/.collectkpi-staging-XXXXXX with its marker; its path goes to out (size bytes). */
ck_error staging_create(const char *dir, char *out, size_t size, ck_diag *diag);

/* Removes the staging folders in dir whose marker names a process that no longer runs;
 * returns how many were removed. Errors are ignored: a folder that cannot be removed is
 * tried again next time. */
int staging_sweep(const char *dir);

/* Removes a folder and everything below it (without following links). */
void staging_remove_tree(const char *path);

#endif
