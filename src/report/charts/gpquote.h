/* gpquote.h - user text as gnuplot string literals that can never run anything.
 *
 * Every name that reaches charts.gp (agents, teams, labels) goes through here: single
 * quotes, where gnuplot does no backquote command substitution, no macro (@) expansion and
 * no backslash escapes; a quote is doubled. Control characters (CR and LF would end the
 * command) become spaces and bytes that are not UTF-8 become U+FFFD, so the string is one
 * line of valid UTF-8. The terminal is set `noenhanced` by the script, so _ ^ { } @ & print
 * as they are.
 */
#ifndef COLLECTKPI_GPQUOTE_H
#define COLLECTKPI_GPQUOTE_H

#include <stdio.h>

/* Writes text as a single-quoted gnuplot string: O'Brien -> 'O''Brien'. */
void gpquote_write(FILE *out, const char *text);

/* The same for a label of `set xtics ('label' pos, ...)`, which gnuplot also runs through
 * its number formatter: a '%' is doubled as well (100% -> '100%%'). */
void gpquote_write_tic(FILE *out, const char *text);

#endif
