/* charts_svg_title.c - gnuplot's SVG terminal titles every drawing "Gnuplot"; a browser
 * shows that as the tab name of a chart opened on its own (the dashboard links each chart to
 * its SVG) and a screen reader reads it. Each drawn SVG's document <title> is replaced here
 * with the chart's title in the report language, XML-escaped, before the set is moved into
 * place. Only the first <title> (the document's) changes; the plots' own titles stay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts_internal.h"
#include "collectkpi/report_charts.h"
#include "collectkpi/vec.h"

#define GNUPLOT_TITLE "<title>Gnuplot</title>"

/* text with & < > " escaped, appended to out (which has room: 6 bytes per input byte). */
static void xml_escape(const char *text, char *out)
{
    size_t used = strlen(out);
    for (const char *p = text; *p != '\0'; p++) {
        const char *with = *p == '&'   ? "&amp;"
                           : *p == '<' ? "&lt;"
                           : *p == '>' ? "&gt;"
                           : *p == '"' ? "&quot;"
                                       : NULL;
        if (with != NULL) {
            memcpy(out + used, with, strlen(with));
            used += strlen(with);
        } else {
            out[used++] = *p;
        }
    }
    out[used] = '\0';
}

static ck_error read_all(const char *path, char **text, size_t *size, ck_diag *diag)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        ck_diag_set(diag, "cannot read '%s'", path);
        return CK_ERR_IO;
    }
    size_t capacity = 0, used = 0;
    char *buffer = NULL;
    ck_error err = CK_OK;
    while (err == CK_OK) {
        /* Room for a 64 KiB read and the closing NUL. */
        if (!VEC_RESERVE(buffer, capacity, used + (1 << 16) + 1)) {
            err = CK_ERR_NOMEM;
            break;
        }
        size_t n = fread(buffer + used, 1, capacity - used - 1, in);
        used += n;
        if (n == 0)
            break;
    }
    if (err == CK_OK && ferror(in)) {
        ck_diag_set(diag, "cannot read '%s'", path);
        err = CK_ERR_IO;
    }
    fclose(in);
    if (err != CK_OK) {
        free(buffer);
        if (err == CK_ERR_NOMEM)
            ck_diag_set(diag, "out of memory while titling the charts");
        return err;
    }
    buffer[used] = '\0';
    *text = buffer;
    *size = used;
    return CK_OK;
}

ck_error charts_svg_title(const char *path, const char *title, ck_diag *diag)
{
    char *text = NULL;
    size_t size = 0;
    ck_error err = read_all(path, &text, &size, diag);
    if (err != CK_OK)
        return err;
    char *at = strstr(text, GNUPLOT_TITLE);
    if (at == NULL) {
        free(text);
        return CK_OK; /* another gnuplot's output: leave it as drawn */
    }
    size_t escaped_size = strlen(title) * 6 + 32;
    char *escaped = malloc(escaped_size);
    FILE *out = NULL;
    if (escaped == NULL) {
        ck_diag_set(diag, "out of memory while titling the charts");
        err = CK_ERR_NOMEM;
        goto done;
    }
    strcpy(escaped, "<title>");
    xml_escape(title, escaped);
    strcat(escaped, "</title>");
    /* The file lies in the staging folder, not yet in place: rewriting it is safe. */
    out = fopen(path, "wb");
    size_t head = (size_t)(at - text), skip = strlen(GNUPLOT_TITLE);
    if (out == NULL || fwrite(text, 1, head, out) != head || fputs(escaped, out) == EOF ||
        fwrite(at + skip, 1, size - head - skip, out) != size - head - skip) {
        ck_diag_set(diag, "cannot write '%s'", path);
        err = CK_ERR_IO;
    }
done:
    if (out != NULL && fclose(out) != 0 && err == CK_OK) {
        ck_diag_set(diag, "cannot write '%s'", path);
        err = CK_ERR_IO;
    }
    free(escaped);
    free(text);
    return err;
}
