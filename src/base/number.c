/* number.c - the one number rule (see number.h). */
#include "collectkpi/number.h"

#include <stdlib.h>
#include <string.h>

/* Digits only, at least one, the value at most limit. */
static bool parse_digits(const char *text, size_t len, uint64_t limit, uint64_t *out)
{
    uint64_t v = 0;
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        unsigned digit = (unsigned)(text[i] - '0');
        if (v > (limit - digit) / 10)
            return false;
        v = v * 10 + digit;
    }
    *out = v;
    return true;
}

bool number_parse_int64(const char *text, size_t len, int64_t *out)
{
    bool negative = len > 0 && text[0] == '-';
    size_t skip = negative ? 1 : 0;
    uint64_t v;
    /* |INT64_MIN| is one more than INT64_MAX */
    if (!parse_digits(text + skip, len - skip,
                      negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &v))
        return false;
    *out = negative ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return true;
}

bool number_parse_uint64(const char *text, size_t len, uint64_t *out)
{
    return parse_digits(text, len, UINT64_MAX, out);
}

bool number_parse_int_range(const char *text, int64_t min, int64_t max, int64_t *out)
{
    int64_t v;
    /* no '-' at all where no negative number is allowed, not even "-0" */
    if (text == NULL || (min >= 0 && text[0] == '-') ||
        !number_parse_int64(text, strlen(text), &v) || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool number_parse_decimal(const char *text, double *out)
{
    if (text == NULL)
        return false;
    size_t len = strlen(text);
    const char *dot = memchr(text, '.', len);
    size_t whole_len = dot != NULL ? (size_t)(dot - text) : len;
    int64_t whole;
    /* Checked as text first: strtod alone takes spaces, '+', exponents, hex and "inf". */
    if (!number_parse_int64(text, whole_len, &whole))
        return false;
    if (dot != NULL) {
        size_t fraction_len = len - whole_len - 1;
        if (fraction_len == 0)
            return false;
        for (size_t i = 1; i <= fraction_len; i++)
            if (dot[i] < '0' || dot[i] > '9')
                return false;
    }
    /* The program never sets a locale, so strtod's decimal point is '.'. */
    *out = strtod(text, NULL);
    return true;
}
