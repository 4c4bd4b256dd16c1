/* number.h - the one rule for numbers written as text: option values on the command line,
 * values in the configuration file and fields of imported CSV files.
 *
 * A whole number is the digits 0-9, with a '-' before them where negatives are allowed, and
 * nothing else: no space before, inside or after it, no '+', no thousands separator, no
 * other base (0x10), no fraction. Leading zeros are fine ("007" is 7). A decimal number
 * (the scoring settings' targets and weights) is a whole number optionally followed by '.'
 * and at least one digit ("0.35", "25", "-1.5"); no exponent, no "inf" or "nan".
 * A number that does not fit is not a number.
 */
#ifndef COLLECTKPI_NUMBER_H
#define COLLECTKPI_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The len bytes at text (no NUL needed) as a signed 64-bit whole number. */
bool number_parse_int64(const char *text, size_t len, int64_t *out);

/* The same without a sign: 0 to 18446744073709551615. */
bool number_parse_uint64(const char *text, size_t len, uint64_t *out);

/* A whole number from min to max, the whole of the NUL-terminated text; with min >= 0 a
 * '-' is refused even before 0. */
bool number_parse_int_range(const char *text, int64_t min, int64_t max, int64_t *out);

/* The NUL-terminated text as a decimal number (finite by construction). */
bool number_parse_decimal(const char *text, double *out);

#endif
