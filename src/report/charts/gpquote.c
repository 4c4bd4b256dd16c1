/* gpquote.c - gnuplot string literals for user text (see gpquote.h). */
#include "gpquote.h"

#include <stdbool.h>

#include "collectkpi/utf8.h"

static void write_quoted(FILE *out, const char *text, bool double_percent)
{
    putc('\'', out);
    const char *s = text != NULL ? text : "";
    while (*s != '\0') {
        unsigned char c = (unsigned char)*s;
        if (c == '\'') {
            fputs("''", out);
            s++;
        } else if (c == '%' && double_percent) {
            fputs("%%", out);
            s++;
        } else if (c < 0x20 || c == 0x7F) {
            putc(' ', out); /* CR, LF, tab and the rest: one line, valid XML in the SVG */
            s++;
        } else {
            size_t n = utf8_sequence_length(s);
            if (n == 0) {
                fputs("\xEF\xBF\xBD", out); /* U+FFFD for a byte that is not UTF-8 */
                s++;
            } else {
                fwrite(s, 1, n, out);
                s += n;
            }
        }
    }
    putc('\'', out);
}

void gpquote_write(FILE *out, const char *text)
{
    write_quoted(out, text, false);
}

void gpquote_write_tic(FILE *out, const char *text)
{
    write_quoted(out, text, true);
}
