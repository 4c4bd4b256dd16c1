/* staging.c - staging folders and the removal of stale ones (see staging.h). */
/* nftw() is XSI. */
#define _XOPEN_SOURCE 700
#include "collectkpi/staging.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER_TEXT "collectkpi staging folder of process "

/* nftw callback: removes one entry of a staging folder, children first, but neither the
 * folder itself (level 0) nor its marker: those go last (staging_remove). */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    if (ftw->level == 0 || (ftw->level == 1 && strcmp(path + ftw->base, STAGING_MARKER) == 0))
        return 0;
    remove(path);
    return 0; /* go on: what is left keeps the marker and is tried again next time */
}

/* True when the folder at path holds nothing but its marker. */
static bool only_marker_left(const char *path)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return false;
    bool only = true;
    struct dirent *e;
    while (only && (e = readdir(d)) != NULL)
        only = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
               strcmp(e->d_name, STAGING_MARKER) == 0;
    closedir(d);
    return only;
}

bool staging_remove(const char *path)
{
    /* FTW_PHYS: a symbolic link inside is removed, never followed. */
    nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    if (!only_marker_left(path))
        return false;
    char marker[4096];
    int n = snprintf(marker, sizeof marker, "%s/%s", path, STAGING_MARKER);
    if (n < 0 || (size_t)n >= sizeof marker)
        return false;
    remove(marker);
    return rmdir(path) == 0;
}

/* True when a running process has its working folder in the staging folder at path (Linux:
 * /proc/PID/cwd): the gnuplot that a killed report started draws on in its charts folder
 * for a second or two after the report is gone. Without /proc, false. */
static bool folder_in_use(const char *path)
{
    char real[4096];
    if (realpath(path, real) == NULL)
        return false;
    size_t real_length = strlen(real);
    DIR *proc = opendir("/proc");
    if (proc == NULL)
        return false;
    bool in_use = false;
    struct dirent *e;
    while (!in_use && (e = readdir(proc)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char link[300], cwd[4096];
        snprintf(link, sizeof link, "/proc/%s/cwd", e->d_name);
        /* a process of another user (EACCES) or one that just ended: not ours to know */
        ssize_t n = readlink(link, cwd, sizeof cwd - 1);
        if (n <= 0)
            continue;
        cwd[n] = '\0';
        in_use = strncmp(cwd, real, real_length) == 0 &&
                 (cwd[real_length] == '\0' || cwd[real_length] == '/');
    }
    closedir(proc);
    return in_use;
}

/* True when pid names no running process: it is gone, or it is a zombie (Linux: state Z or
 * X in /proc/PID/stat), which holds no file and will never write again. A killed run with a
 * second thread whose parent exits at once (strace, a supervisor) stays a zombie until init
 * reaps it, which may take seconds; its folder is as dead as one whose process is gone. */
static bool process_ended(long pid)
{
    /* EPERM: it runs under another user; only ESRCH says it is gone. */
    if (kill((pid_t)pid, 0) != 0)
        return errno == ESRCH;
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return false; /* no /proc: only a process that is gone counts */
    char line[512];
    bool zombie = false;
    if (fgets(line, sizeof line, f) != NULL) {
        /* "PID (COMMAND) STATE ...": the command may hold spaces and ')', so the last ')' */
        const char *paren = strrchr(line, ')');
        zombie = paren != NULL && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
    }
    fclose(f);
    return zombie;
}

ck_error staging_mark(const char *path, ck_diag *diag)
{
    char marker[4096];
    int n = snprintf(marker, sizeof marker, "%s/%s", path, STAGING_MARKER);
    FILE *f = (n > 0 && (size_t)n < sizeof marker) ? fopen(marker, "wx") : NULL;
    bool written = f != NULL && fprintf(f, MARKER_TEXT "%ld\n", (long)getpid()) > 0;
    if (f != NULL && fclose(f) != 0)
        written = false;
    if (!written) {
        ck_diag_set(diag, "cannot write in '%s': %s", path, strerror(errno ? errno : EIO));
        return CK_ERR_IO;
    }
    return CK_OK;
}

/* True when path is a staging folder (a real folder, not a link) whose marker names a
 * process that is gone. */
static bool stale(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    char marker[4096];
    int n = snprintf(marker, sizeof marker, "%s/%s", path, STAGING_MARKER);
    if (n < 0 || (size_t)n >= sizeof marker || lstat(marker, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    FILE *f = fopen(marker, "r");
    if (f == NULL)
        return false;
    char text[128] = "";
    bool read = fgets(text, sizeof text, f) != NULL;
    fclose(f);
    size_t prefix = strlen(MARKER_TEXT);
    if (!read || strncmp(text, MARKER_TEXT, prefix) != 0)
        return false;
    char *end = NULL;
    long pid = strtol(text + prefix, &end, 10);
    if (end == text + prefix || *end != '\n' || pid <= 0 || pid == (long)getpid())
        return false;
    return process_ended(pid) && !folder_in_use(path);
}

int staging_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, STAGING_PREFIX, strlen(STAGING_PREFIX)) != 0)
            continue;
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n > 0 && (size_t)n < sizeof path && stale(path) && staging_remove(path))
            removed++;
    }
    closedir(d);
    return removed;
}
