/* utf8.h - UTF-8 validity and terminal display width (CJK characters are two columns). */
#ifndef COLLECTKPI_UTF8_H
#define COLLECTKPI_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when text[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * On false, *bad_offset (if not NULL) is the byte offset of the first bad sequence. */
bool utf8_valid(const char *text, size_t len, size_t *bad_offset);
/* Length (1..4) of the well-formed UTF-8 sequence that starts NUL-terminated text s, or 0
 * when it is not one; escapers use it to step over or replace bad bytes. */
size_t utf8_sequence_length(const char *s);
/* True for a byte that continues a sequence (10xxxxxx): cutting text before one would split
 * a character. */
static inline bool utf8_is_continuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}
/* Columns the NUL-terminated valid UTF-8 text takes on a terminal or in a fixed grid. */
size_t utf8_display_width(const char *text);

#endif
