/* rejects.c - writing the rows import left out (see rejects.h). */
#include "collectkpi/rejects.h"

#include "collectkpi/atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct rejects_file {
    atomic_file file; /* written under a temporary name until rejects_commit */
    bool open;
} rejects_file;

struct rejects {
    char *path;
    bool several;
    rejects_file files[RULES_TABLE_COUNT];
};

void rejects_path_for(const char *path, rules_table table, bool several_tables, char *out,
                      size_t size)
{
    if (!several_tables) {
        snprintf(out, size, "%s", path);
        return;
    }
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (dot == NULL || (slash != NULL && dot < slash) || dot == (slash ? slash + 1 : path))
        dot = path + strlen(path);
    snprintf(out, size, "%.*s-%s%s", (int)(dot - path), path, schema_tables[table].name, dot);
}

ck_error rejects_open(const char *path, bool several_tables, rejects **out, ck_diag *diag)
{
    rejects *r = calloc(1, sizeof *r);
    if (r == NULL || (r->path = strdup(path)) == NULL) {
        free(r);
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    r->several = several_tables;
    *out = r;
    return CK_OK;
}

/* A field as CSV: quoted when it holds a comma, quote or line break, or is an empty text
 * (so that it reads back as "" and not as an empty cell). */
static void put_field(FILE *out, const char *text, size_t len)
{
    if (text == NULL)
        return;
    bool quote = len == 0 || memchr(text, ',', len) || memchr(text, '"', len) ||
                 memchr(text, '\n', len) || memchr(text, '\r', len);
    if (!quote) {
        fwrite(text, 1, len, out);
        return;
    }
    putc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"')
            putc('"', out);
        putc(text[i], out);
    }
    putc('"', out);
}

ck_error rejects_begin_table(rejects *r, rules_table table, const char *const *names, size_t count,
                             ck_diag *diag)
{
    rejects_file *f = &r->files[table];
    if (f->open)
        return CK_OK;
    char final[4096];
    rejects_path_for(r->path, table, r->several, final, sizeof final);
    ck_diag why = {{0}};
    ck_error err = atomic_file_open(&f->file, final, &why);
    if (err != CK_OK) {
        ck_diag_set(diag, "cannot write '%s': %s", final, why.text);
        return err;
    }
    f->open = true;
    for (size_t i = 0; i < count; i++) {
        put_field(f->file.stream, names[i], strlen(names[i]));
        putc(',', f->file.stream);
    }
    fputs("reason\n", f->file.stream);
    return CK_OK;
}

ck_error rejects_write(rejects *r, rules_table table, const char *const *texts, const size_t *lens,
                       size_t count, const char *reason, ck_diag *diag)
{
    FILE *out = r->files[table].file.stream;
    for (size_t i = 0; i < count; i++) {
        put_field(out, texts[i], lens[i]);
        putc(',', out);
    }
    put_field(out, reason, strlen(reason));
    if (putc('\n', out) == EOF) {
        ck_diag_set(diag, "cannot write '%s': %s", r->files[table].file.final_path,
                    strerror(errno));
        return CK_ERR_IO;
    }
    return CK_OK;
}

ck_error rejects_finish(rejects *r, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        rejects_file *f = &r->files[t];
        if (!f->open)
            continue;
        ck_diag why = {{0}};
        if (atomic_file_finish(&f->file, &why) != CK_OK && err == CK_OK) {
            ck_diag_set(diag, "cannot write '%s': %s", f->file.final_path, why.text);
            err = CK_ERR_IO;
        }
    }
    return err;
}

ck_error rejects_commit(rejects *r, ck_diag *diag)
{
    ck_error err = rejects_finish(r, diag);
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        rejects_file *f = &r->files[t];
        if (!f->open)
            continue;
        f->open = false;
        if (err != CK_OK) {
            atomic_file_abort(&f->file);
            continue;
        }
        char final[4096];
        snprintf(final, sizeof final, "%s", f->file.final_path);
        ck_diag why = {{0}};
        err = atomic_file_commit(&f->file, &why);
        if (err != CK_OK)
            ck_diag_set(diag, "cannot write '%s': %s", final, why.text);
    }
    return err;
}

void rejects_free(rejects *r)
{
    if (r == NULL)
        return;
    for (int t = 0; t < RULES_TABLE_COUNT; t++)
        if (r->files[t].open)
            atomic_file_abort(&r->files[t].file);
    free(r->path);
    free(r);
}
