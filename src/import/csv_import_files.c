/* csv_import_files.c - what import's files are called and look like: the table a file name
 * names, and `collectkpi import --template DIR`, a header-only CSV per table so a user sees
 * the expected format. Part of the csv_import module (csv_import.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectkpi/atomic_file.h"
#include "collectkpi/csv_import.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

int csv_import_table_of(const char *path)
{
    const char *name = base_name(path);
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        size_t n = strlen(schema_tables[t].name);
        if (strncasecmp(name, schema_tables[t].name, n) == 0 &&
            (name[n] == '\0' || name[n] == '.' || name[n] == '-' || name[n] == '_' ||
             name[n] == ' '))
            return t;
    }
    return -1;
}

ck_error csv_import_write_templates(const char *dir, ck_diag *diag)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        ck_diag_set(diag, "cannot create the folder '%s': %s", dir, strerror(errno));
        return CK_ERR_IO;
    }
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", dir, schema_tables[t].name);
        atomic_file file;
        ck_diag why = {{0}};
        ck_error err = atomic_file_open(&file, path, &why);
        for (size_t c = 0; c < schema_tables[t].column_count && err == CK_OK; c++) {
            fputs(c ? "," : "", file.stream);
            fputs(schema_tables[t].columns[c].name, file.stream);
        }
        if (err == CK_OK) {
            putc('\n', file.stream);
            err = atomic_file_commit(&file, &why);
        }
        if (err != CK_OK) {
            ck_diag_set(diag, "cannot write '%s': %s", path, why.text);
            return err;
        }
    }
    return CK_OK;
}
