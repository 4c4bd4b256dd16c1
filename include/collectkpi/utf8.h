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
/* The number of characters (code points) of well-formed UTF-8 text[0..len). */
size_t utf8_char_count(const char *text, size_t len);

/* The one rule for text that is not well-formed UTF-8 in any output (data-model.md
 * "Text"): a copy of text[0..len) where each NUL byte and each byte that starts no
 * well-formed sequence is U+FFFD, so every format shows the same visible mark instead of
 * dropping, cutting or refusing the text. Malloc'd; NULL when out of memory. */
char *utf8_dup_replacing(const char *text, size_t len);

/* Text for a terminal: C0 control characters and DEL as \xNN, C1 controls (U+0080..U+009F,
 * which terminals also obey) as \u00NN, bad bytes as U+FFFD; a name can then neither move
 * the cursor, recolour the screen nor break a table's line. Writes at most size - 1 bytes and
 * a NUL, never splitting a character or an escape; returns the bytes written. */
size_t utf8_escape_terminal(const char *text, char *out, size_t size);

/* utf8_escape_terminal into a malloc'd string of the right size; NULL when out of memory. */
char *utf8_dup_for_terminal(const char *text);

#endif
