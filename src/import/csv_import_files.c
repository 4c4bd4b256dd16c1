/* csv_import_files.c - what import's files are called and look like: the table a file name
 * names, and `collectkpi import --template DIR`, a header-only CSV per table so a user sees
 * the expected format. Part of the csv_import module (csv_import.h); owned by the import
 * area (issue 5). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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
        size_t n = strlen(rules_tables[t].name);
        if (strncasecmp(name, rules_tables[t].name, n) == 0 &&
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
        char path[4096], temp[4200], columns[400];
        snprintf(path, sizeof path, "%s/%s.csv", dir, rules_tables[t].name);
        snprintf(temp, sizeof temp, "%s/.%s.csv.tmpXXXXXX", dir, rules_tables[t].name);
        size_t o = 0;
        for (size_t c = 0; c < rules_tables[t].column_count; c++)
            o += (size_t)snprintf(columns + o, sizeof columns - o, "%s%s", c ? "," : "",
                                  rules_tables[t].columns[c].name);
        int fd = mkstemp(temp);
        FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (fd >= 0)
            fchmod(fd, 0644);
        bool ok = out != NULL;
        if (ok) {
            fputs(columns, out);
            putc('\n', out);
            ok = fflush(out) == 0 && !ferror(out);
            ok &= fclose(out) == 0;
        } else if (fd >= 0) {
            close(fd);
        }
        if (!ok || rename(temp, path) != 0) {
            ck_diag_set(diag, "cannot write '%s': %s", path, strerror(errno));
            if (fd >= 0)
                remove(temp);
            return CK_ERR_IO;
        }
    }
    return CK_OK;
}
