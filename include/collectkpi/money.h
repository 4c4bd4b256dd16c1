/* money.h - minor units to text, without ever passing through a float.
 *
 * The contract's money is integer minor units (fen, cents) with two decimal places.
 */
#ifndef COLLECTKPI_MONEY_H
#define COLLECTKPI_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_TEXT_SIZE 48

/* "-12345.60" (CSV) */
void money_format_plain(int64_t minor, char *out);
/* Grouped thousands for people ("-12,345.60") are the report's: format.h. */

#endif
