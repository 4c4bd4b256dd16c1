/* rejects.c - writing the rows import left out (see rejects.h). Owned by the import area. */
#include "collectkpi/rejects.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct rejects_file {
    FILE *out;
    char *temp;  /* where it is written */
    char *final; /* where rejects_commit puts it */
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
    snprintf(out, size, "%.*s-%s%s", (int)(dot - path), path, rules_tables[table].name, dot);
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
    if (f->out != NULL)
        return CK_OK;
    char final[4096];
    rejects_path_for(r->path, table, r->several, final, sizeof final);
    size_t n = strlen(final) + 16;
    f->final = strdup(final);
    f->temp = malloc(n);
    if (f->final == NULL || f->temp == NULL) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    snprintf(f->temp, n, "%s.tmpXXXXXX", final);
    int fd = mkstemp(f->temp);
    if (fd >= 0)
        fchmod(fd, 0644); /* mkstemp's 0600 would hide it from the rest of the team */
    if (fd < 0 || (f->out = fdopen(fd, "w")) == NULL) {
        ck_diag_set(diag, "cannot write '%s': %s", final, strerror(errno));
        if (fd >= 0) {
            close(fd);
            remove(f->temp);
        }
        free(f->temp);
        f->temp = NULL;
        return CK_ERR_IO;
    }
    for (size_t i = 0; i < count; i++) {
        put_field(f->out, names[i], strlen(names[i]));
        putc(',', f->out);
    }
    fputs("reason\n", f->out);
    return CK_OK;
}

ck_error rejects_write(rejects *r, rules_table table, const char *const *texts, const size_t *lens,
                       size_t count, const char *reason, ck_diag *diag)
{
    FILE *out = r->files[table].out;
    for (size_t i = 0; i < count; i++) {
        put_field(out, texts[i], lens[i]);
        putc(',', out);
    }
    put_field(out, reason, strlen(reason));
    if (putc('\n', out) == EOF) {
        ck_diag_set(diag, "cannot write '%s': %s", r->files[table].final, strerror(errno));
        return CK_ERR_IO;
    }
    return CK_OK;
}

ck_error rejects_finish(rejects *r, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        rejects_file *f = &r->files[t];
        if (f->out == NULL)
            continue;
        bool failed = fflush(f->out) != 0 || ferror(f->out) || fsync(fileno(f->out)) != 0;
        int saved = errno;
        if (fclose(f->out) != 0 && !failed) {
            failed = true;
            saved = errno;
        }
        f->out = NULL;
        if (failed && err == CK_OK) {
            ck_diag_set(diag, "cannot write '%s': %s", f->final, strerror(saved ? saved : EIO));
            err = CK_ERR_IO;
        }
    }
    return err;
}

ck_error rejects_commit(rejects *r, ck_diag *diag)
{
    ck_error err = rejects_finish(r, diag);
    for (int t = 0; t < RULES_TABLE_COUNT && err == CK_OK; t++) {
        rejects_file *f = &r->files[t];
        if (f->temp == NULL)
            continue;
        if (rename(f->temp, f->final) != 0) {
            ck_diag_set(diag, "cannot write '%s': %s", f->final, strerror(errno));
            err = CK_ERR_IO;
            break;
        }
        free(f->temp);
        f->temp = NULL; /* in place now: rejects_free must not remove it */
    }
    return err;
}

void rejects_free(rejects *r)
{
    if (r == NULL)
        return;
    for (int t = 0; t < RULES_TABLE_COUNT; t++) {
        rejects_file *f = &r->files[t];
        if (f->out != NULL)
            fclose(f->out);
        if (f->temp != NULL)
            remove(f->temp);
        free(f->temp);
        free(f->final);
    }
    free(r->path);
    free(r);
}
