/* csv_import_template.c - `collectkpi import --template DIR`: a header-only CSV per table,
 * so a user sees the expected format. Part of the csv_import module (csv_import.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectkpi/csv_import.h"

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
