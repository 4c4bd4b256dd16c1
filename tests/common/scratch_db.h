/* scratch_db.h - a new database file with the contract's schema, for the unit tests that need
 * a file rather than a database in memory (a second connection, a thread's own). Include after
 * cmocka.h. */
#ifndef COLLECTKPI_TEST_SCRATCH_DB_H
#define COLLECTKPI_TEST_SCRATCH_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "collectkpi/db.h"

/* Makes /tmp/NAME-XXXXXX (its name in path, of size bytes) with the schema and indexes and
 * returns its connection; the caller closes it and unlinks path. */
static inline sqlite3 *scratch_db_create(char *path, size_t size, const char *name)
{
    snprintf(path, size, "/tmp/%s-XXXXXX", name);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    assert_int_equal(db_create(path, true, &db, &diag), CK_OK);
    return db;
}

#endif
