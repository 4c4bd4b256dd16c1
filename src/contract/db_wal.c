/* db_wal.c - reading WAL databases on read-only folders, leaving nothing behind (db_wal.h).
 *
 * immutable=1 makes SQLite read the database file alone, without locks or -shm: right only
 * when nothing newer sits in a -wal file (it would read stale figures) and when nobody can
 * write meanwhile, which a folder we cannot write to makes likely (a read-only mount or
 * an archived copy). With changes in the -wal, SQLite can still read them read-only when a
 * -shm file exists; without one the user must move or checkpoint the database first.
 */
#include "db_wal.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool db_wal_is_wal(const char *path)
{
    unsigned char header[100];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, header, sizeof header);
    close(fd);
    /* The file format's write and read versions: 1 legacy (rollback journal), 2 WAL. */
    return n == (ssize_t)sizeof header && memcmp(header, "SQLite format 3", 16) == 0 &&
           header[18] == 2 && header[19] == 2;
}

/* True when the folder holding path lets us create files: access() also says no on a
 * read-only mount, even to root. */
static bool folder_writable(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return access(".", W_OK) == 0;
    if (slash == path)
        return access("/", W_OK) == 0;
    size_t len = (size_t)(slash - path);
    char *folder = malloc(len + 1);
    if (folder == NULL)
        return true; /* the plain open then says what is wrong */
    memcpy(folder, path, len);
    folder[len] = '\0';
    bool writable = access(folder, W_OK) == 0;
    free(folder);
    return writable;
}

/* The size of path + suffix, or -1 when there is no such file. */
static long long side_file_size(const char *path, const char *suffix)
{
    size_t len = strlen(path) + strlen(suffix) + 1;
    char *name = malloc(len);
    struct stat st;
    long long size = -1;
    if (name == NULL)
        return -1;
    snprintf(name, len, "%s%s", path, suffix);
    if (stat(name, &st) == 0)
        size = (long long)st.st_size;
    free(name);
    return size;
}

/* "file:" + path with every byte that could mean something in a URI (?, #, %, spaces,
 * non-ASCII) percent-encoded; an absolute path gets an empty authority ("file:///a"), so a
 * path starting "//" is never read as a host name. */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    static const char tail[] = "?immutable=1";
    size_t len = strlen(path);
    char *uri = malloc(7 + 3 * len + sizeof tail);
    if (uri == NULL)
        return NULL;
    char *p = uri;
    memcpy(p, path[0] == '/' ? "file://" : "file:", path[0] == '/' ? 7 : 5);
    p += path[0] == '/' ? 7 : 5;
    for (const unsigned char *s = (const unsigned char *)path; *s != '\0'; s++) {
        bool plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                     (*s >= '0' && *s <= '9') || strchr("/-._~", *s) != NULL;
        if (plain) {
            *p++ = (char)*s;
        } else {
            *p++ = '%';
            *p++ = hex[*s >> 4];
            *p++ = hex[*s & 15];
        }
    }
    memcpy(p, tail, sizeof tail);
    return uri;
}

ck_error db_wal_plan(const char *path, db_read_plan *plan)
{
    plan->way = DB_READ_PLAIN;
    plan->uri = NULL;
    if (!db_wal_is_wal(path) || folder_writable(path))
        return CK_OK;
    if (side_file_size(path, "-wal") > 0) {
        plan->way = DB_READ_WAL_RO;
        return CK_OK;
    }
    plan->uri = immutable_uri(path);
    if (plan->uri == NULL)
        return CK_ERR_NOMEM;
    plan->way = DB_READ_IMMUTABLE;
    return CK_OK;
}

void db_wal_plan_free(db_read_plan *plan)
{
    free(plan->uri);
    plan->uri = NULL;
}

void db_wal_unreadable(ck_diag *diag)
{
    ck_diag_set(diag, "it is a WAL database whose -wal file holds changes that cannot be read "
                      "in this read-only folder (there is no -shm file beside it); copy the "
                      "database with its -wal file to a writable folder, or run "
                      "sqlite3 FILE 'PRAGMA wal_checkpoint(TRUNCATE)' where it is writable");
}

void db_wal_tidy(const char *path)
{
    if (side_file_size(path, "-wal") != 0 || !folder_writable(path) || !db_wal_is_wal(path))
        return;
    sqlite3 *db = NULL;
    /* Never creates a file; SQLite opens the database read-only by itself when the file
     * may not be written, and then leaves the side files as they are. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ==
        SQLITE_OK) {
        /* The first read opens the WAL; the close, as the last connection, removes it. */
        sqlite3_busy_timeout(db, 1000);
        sqlite3_exec(db, "PRAGMA query_only = 1; SELECT count(*) FROM sqlite_master", NULL, NULL,
                     NULL);
    }
    sqlite3_close(db);
}
