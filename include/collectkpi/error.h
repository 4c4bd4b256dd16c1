/* error.h - the one error enum every module returns.
 *
 * Modules never print: they return a ck_error and, where the caller needs to know which
 * file, row or table was at fault, fill a ck_diag with one sentence of detail. Only the
 * command layer (cmd_*.c) turns the pair into a line on stderr and an exit status.
 */
#ifndef COLLECTKPI_ERROR_H
#define COLLECTKPI_ERROR_H

typedef enum ck_error {
    CK_OK = 0,
    CK_ERR_NOMEM,     /* out of memory */
    CK_ERR_IO,        /* a file could not be read or written */
    CK_ERR_DB,        /* SQLite failed, or the file is not a database */
    CK_ERR_SCHEMA,    /* the database lacks a contract table or column */
    CK_ERR_USAGE,     /* a bad option value, caught at the boundary */
    CK_ERR_DATA,      /* the data breaks the contract */
    CK_ERR_PROGRAM,   /* an external program is missing or failed */
    CK_ERR_EXISTS,    /* refusing to overwrite something */
    CK_ERR_NOT_FOUND, /* a file named on the command line does not exist (a usage error) */
} ck_error;

/* One sentence of detail for the command layer to print after its own context
 * ("cannot open database 'x.db': <text>"). Empty when the enum says it all. */
typedef struct ck_diag {
    char text[512];
} ck_diag;

const char *ck_strerror(ck_error err);

/* printf-style fill of diag->text; a NULL diag is allowed and ignored. */
void ck_diag_set(ck_diag *diag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The exit status of interface.md for an error: 1 for I/O, database and programs, 2 for
 * usage (a named file that does not exist too), 3 for data that breaks the contract. */
int ck_exit_status(ck_error err);

#endif
