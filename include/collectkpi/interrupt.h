/* interrupt.h - Ctrl-C and kill (SIGINT, SIGTERM) as a request to stop.
 *
 * The handler only sets a flag (the program's one piece of process-wide state, because a
 * signal handler can reach nothing else); long work polls interrupt_requested() (the
 * database layer from a SQLite progress handler, so that even a slow query stops within a
 * fraction of a second) and ends the way any failure ends: temporary files removed, exit 1.
 */
#ifndef COLLECTKPI_INTERRUPT_H
#define COLLECTKPI_INTERRUPT_H

#include <stdbool.h>

/* Installs the handler for SIGINT and SIGTERM. */
void interrupt_install(void);

/* True once SIGINT or SIGTERM arrived. */
bool interrupt_requested(void);

#endif
