/* gpquote.c - gnuplot string literals for user text (see gpquote.h). */
#include "collectkpi/gpquote.h"

#include <stdbool.h>

#include "collectkpi/utf8.h"

/* Length of the well-formed UTF-8 sequence at s (1..4), or 0 when it is not one. */
static size_t sequence_length(const char *s)
{
    unsigned char lead = (unsigned char)s[0];
    size_t n = lead < 0x80             ? 1
               : (lead & 0xE0) == 0xC0 ? 2
               : (lead & 0xF0) == 0xE0 ? 3
               : (lead & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '\0')
            return 0;
    return utf8_valid(s, n, NULL) ? n : 0;
}

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
            size_t n = sequence_length(s);
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
