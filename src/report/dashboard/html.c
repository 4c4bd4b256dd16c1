/* html.c - HTML escaping of user text (see html.h). */
#include "html.h"

#include "collectkpi/utf8.h"

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
            } else if ((n = utf8_sequence_length(s)) == 0) {
                fputs("\xEF\xBF\xBD", out); /* U+FFFD for a byte that is not UTF-8 */
                n = 1;
            } else {
                fwrite(s, 1, n, out);
            }
        }
        s += n;
    }
}
