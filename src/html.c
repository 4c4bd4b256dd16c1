/* html.c - HTML escaping of user text (see html.h). */
#include "collectkpi/html.h"

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

void html_write_text(FILE *out, const char *text)
{
    const char *s = text != NULL ? text : "";
    while (*s != '\0') {
        unsigned char c = (unsigned char)*s;
        size_t n = 1;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                putc(' ', out);
            } else if ((n = sequence_length(s)) == 0) {
                fputs("\xEF\xBF\xBD", out); /* U+FFFD for a byte that is not UTF-8 */
                n = 1;
            } else {
                fwrite(s, 1, n, out);
            }
        }
        s += n;
    }
}
