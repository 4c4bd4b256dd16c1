/* utf8.c - strict UTF-8 validation and display width.
 *
 * Width follows the East Asian Wide/Fullwidth ranges (the ones that matter for Chinese,
 * Japanese and Korean names and punctuation); combining marks count zero. It does not use
 * wcwidth(), which depends on the process locale (never set here, see settings.h).
 */
#include "collectkpi/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one sequence at s[0..len); returns its length or 0 when malformed. */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n;
    uint32_t min;
    if ((s[0] & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
        *cp = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
        *cp = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
        *cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (!utf8_is_continuation((unsigned char)s[i]))
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return n;
}

bool utf8_valid(const char *text, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = decode(s + i, len - i, &cp);
        if (n == 0) {
            if (bad_offset != NULL)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

size_t utf8_sequence_length(const char *s)
{
    unsigned char lead = (unsigned char)s[0];
    size_t n = lead < 0x80             ? 1
               : (lead & 0xE0) == 0xC0 ? 2
               : (lead & 0xF0) == 0xE0 ? 3
               : (lead & 0xF8) == 0xF0 ? 4
                                       : 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '\0')
            return 0;
    uint32_t cp;
    return n != 0 && decode((const unsigned char *)s, n, &cp) == n ? n : 0;
}

static int char_width(uint32_t cp)
{
    if (cp == 0)
        return 0;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

size_t utf8_display_width(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), i = 0, width = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = decode(s + i, len - i, &cp);
        if (n == 0) { /* count a stray byte as one column rather than loop forever */
            width++;
            i++;
            continue;
        }
        width += (size_t)char_width(cp);
        i += n;
    }
    return width;
}

size_t utf8_char_count(const char *text, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += ((unsigned char)text[i] & 0xC0) != 0x80; /* every byte but continuations */
    return count;
}

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

char *utf8_dup_replacing(const char *text, size_t len)
{
    /* a bad byte (1) becomes 3 bytes: at most three times as long */
    char *out = malloc(len * 3 + 1);
    if (out == NULL)
        return NULL;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = s[i] == '\0' ? 0 : decode(s + i, len - i, &cp);
        if (n == 0) {
            memcpy(out + o, replacement, 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    return out;
}

size_t utf8_escape_terminal(const char *text, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), i = 0, o = 0;
    if (size == 0)
        return 0;
    while (i < len) {
        char piece[8];
        size_t piece_len;
        uint32_t cp = 0;
        size_t n = decode(s + i, len - i, &cp);
        if (n == 0) {
            memcpy(piece, replacement, 3);
            piece_len = 3;
            n = 1;
        } else if (cp < 0x20 || cp == 0x7F) {
            piece_len = (size_t)snprintf(piece, sizeof piece, "\\x%02X", (unsigned)cp);
        } else if (cp >= 0x80 && cp <= 0x9F) {
            piece_len = (size_t)snprintf(piece, sizeof piece, "\\u%04X", (unsigned)cp);
        } else {
            memcpy(piece, s + i, n);
            piece_len = n;
        }
        if (o + piece_len >= size)
            break;
        memcpy(out + o, piece, piece_len);
        o += piece_len;
        i += n;
    }
    out[o] = '\0';
    return o;
}

char *utf8_dup_for_terminal(const char *text)
{
    /* the longest escape (\u0080, 6 bytes) stands for 2 bytes, \xNN (4) for 1 */
    size_t size = strlen(text) * 4 + 1;
    char *out = malloc(size);
    if (out != NULL)
        utf8_escape_terminal(text, out, size);
    return out;
}
