/* db_wal.h - how a reading command opens a WAL database (internal to src/contract).
 *
 * A WAL database needs its -shm (and -wal) files beside it to be read the usual way. On a
 * folder the program may not write to (a read-only mount) SQLite cannot create them, and
 * in a writable folder a read-only connection creates them and cannot remove them again.
 * db_wal_plan looks at the file and its folder once, before the open, and says how to open
 * it; db_wal_tidy removes the empty -wal and -shm files a read-only open left behind.
 */
#ifndef COLLECTKPI_DB_WAL_H
#define COLLECTKPI_DB_WAL_H

#include <stdbool.h>

#include "collectkpi/error.h"

typedef enum db_read_way {
    DB_READ_PLAIN,     /* not WAL, or WAL in a writable folder: SQLITE_OPEN_READONLY */
    DB_READ_IMMUTABLE, /* WAL, folder not writable, no -wal content: a file: URI, immutable=1 */
    DB_READ_WAL_RO,    /* WAL, folder not writable, -wal has content: read-only, needs -shm */
} db_read_way;

typedef struct db_read_plan {
    db_read_way way;
    char *uri; /* DB_READ_IMMUTABLE: the file: URI to open (malloc'd); NULL otherwise */
} db_read_plan;

/* Decides how to open path for reading. CK_ERR_NOMEM only; a file that cannot be read is
 * left to the open to report. */
ck_error db_wal_plan(const char *path, db_read_plan *plan);

void db_wal_plan_free(db_read_plan *plan);

/* True when path is a WAL database (its header's read and write versions are 2). */
bool db_wal_is_wal(const char *path);

/* The message for a WAL database whose -wal holds changes that a read-only folder keeps
 * SQLite from reading (no -shm, and none can be made). */
void db_wal_unreadable(ck_diag *diag);

/* After the last read-only connection to path closed: when path is a WAL database in a
 * writable folder and its -wal is empty, opens it read-write and closes it again, which
 * makes SQLite remove the empty -wal and -shm unless another connection still uses them.
 * No page is written (an empty -wal has nothing to copy back). */
void db_wal_tidy(const char *path);

#endif
