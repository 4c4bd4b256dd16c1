/* report_staging.c - temporary folders for sets of output files (see report_staging.h). */
/* mkdtemp() is POSIX.1-2008. */
#define _XOPEN_SOURCE 700

#include "collectkpi/report_staging.h"
#include "collectkpi/staging.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* dir/name into out; false when it does not fit. */
static bool join(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < size;
}

ck_error report_staging_open(report_staging *staging, const char *target, const char *prefix,
                             ck_diag *diag)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "%s-XXXXXX", prefix);
    int n = snprintf(staging->target, sizeof staging->target, "%s", target);
    if (n < 0 || (size_t)n >= sizeof staging->target ||
        !join(staging->path, sizeof staging->path, target, pattern)) {
        staging->path[0] = '\0';
        ck_diag_set(diag, "the folder name '%s' is too long", target);
        return CK_ERR_IO;
    }
    if (mkdtemp(staging->path) == NULL) {
        ck_diag_set(diag, "cannot make a temporary folder in '%s': %s", target, strerror(errno));
        staging->path[0] = '\0';
        return CK_ERR_IO;
    }
    return CK_OK;
}

bool report_staging_file(const report_staging *staging, const char *name, char *out, size_t size)
{
    return join(out, size, staging->path, name);
}

ck_error report_staging_move(const report_staging *staging, const char *name, ck_diag *diag)
{
    char from[REPORT_STAGING_PATH_SIZE + 64], to[REPORT_STAGING_PATH_SIZE + 64];
    if (!join(from, sizeof from, staging->path, name) ||
        !join(to, sizeof to, staging->target, name)) {
        ck_diag_set(diag, "the folder name '%s' is too long", staging->target);
        return CK_ERR_IO;
    }
    if (rename(from, to) != 0) {
        ck_diag_set(diag, "cannot move '%s' into place: %s", to, strerror(errno));
        return CK_ERR_IO;
    }
    return CK_OK;
}

ck_error report_staging_park(const report_staging *staging, const char *name, const char *parked,
                             ck_diag *diag)
{
    char from[REPORT_STAGING_PATH_SIZE + 64], to[REPORT_STAGING_PATH_SIZE + 64];
    struct stat st;
    if (!join(from, sizeof from, staging->target, name) ||
        !join(to, sizeof to, staging->path, parked)) {
        ck_diag_set(diag, "the folder name '%s' is too long", staging->target);
        return CK_ERR_IO;
    }
    if (lstat(from, &st) != 0)
        return CK_OK;
    if (rename(from, to) != 0) {
        ck_diag_set(diag, "cannot move '%s' out of the way: %s", from, strerror(errno));
        return CK_ERR_IO;
    }
    return CK_OK;
}

void report_staging_remove(report_staging *staging)
{
    if (staging->path[0] == '\0')
        return;
    staging_remove(staging->path);
    staging->path[0] = '\0';
}
