/* html.h - user text into HTML, escaped.
 *
 * The dashboard writes every name and label through here, so a team called
 * <script>alert(1)</script> or an agent called "O'Brien & Co" shows as typed and can never
 * become markup. Control characters become spaces and bytes that are not UTF-8 become
 * U+FFFD, so the page is always well-formed UTF-8.
 */
#ifndef COLLECTKPI_HTML_H
#define COLLECTKPI_HTML_H

#include <stdio.h>

/* Text for an element's content or a double- or single-quoted attribute value:
 * & < > " ' become &amp; &lt; &gt; &quot; &#39;. */
void html_write_text(FILE *out, const char *text);

#endif
