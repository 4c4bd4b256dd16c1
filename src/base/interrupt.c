/* interrupt.c - SIGINT and SIGTERM set a flag (see interrupt.h). */
#include "collectkpi/interrupt.h"

#include <signal.h>
#include <string.h>

/* Written only by the handler; a signal handler can reach nothing but such a flag. */
static volatile sig_atomic_t interrupt_signal;

static void on_signal(int sig)
{
    interrupt_signal = sig;
}

void interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART; /* system calls go on; the flag is polled */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

bool interrupt_requested(void)
{
    return interrupt_signal != 0;
}
