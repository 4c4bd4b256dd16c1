/* error.c - messages and exit statuses of the one error enum. */
#include "collectkpi/error.h"

#include <stdarg.h>
#include <stdio.h>

const char *ck_strerror(ck_error err)
{
    switch (err) {
    case CK_OK: return "no error";
    case CK_ERR_NOMEM: return "out of memory";
    case CK_ERR_IO: return "input/output error";
    case CK_ERR_DB: return "database error";
    case CK_ERR_SCHEMA: return "the database does not follow the contract schema";
    case CK_ERR_USAGE: return "bad usage";
    case CK_ERR_DATA: return "the data breaks the contract";
    case CK_ERR_PROGRAM: return "an external program is missing or failed";
    case CK_ERR_EXISTS: return "the file exists already";
    case CK_ERR_NOT_FOUND: return "no such file";
    }
    return "unknown error";
}

void ck_diag_set(ck_diag *diag, const char *fmt, ...)
{
    if (diag == NULL)
        return;
    va_list args;
    va_start(args, fmt);
    vsnprintf(diag->text, sizeof diag->text, fmt, args);
    va_end(args);
}

int ck_exit_status(ck_error err)
{
    switch (err) {
    case CK_OK: return 0;
    case CK_ERR_USAGE:
    case CK_ERR_NOT_FOUND: return 2;
    case CK_ERR_DATA: return 3;
    default: return 1;
    }
}
