/* cmd_guard.c - the trust guard: a period the data has not reached is said to be so.
 *
 * The default month comes from the wall clock, so on the first of a month, before the
 * payment feed is loaded, a report would show zero recovery for everyone as if it were
 * real. The engine states the facts (kpi_coverage); this is where they become the one
 * error line or the one warning line of the command.
 */
#include <stdio.h>

#include "cmd.h"
#include "collectkpi/kpi.h"

/* "2026-10" of a timestamp. */
static void month_of(int64_t seconds, char out[16])
{
    int year, month, day;
    datetime_civil_from_days(datetime_day_of(seconds), &year, &month, &day);
    snprintf(out, 16, "%04d-%02d", year, month);
}

int cmd_guard_coverage(const kpi_result *r, bool allow_empty)
{
    char label[32], when[DATETIME_TS_SIZE], month[16];
    period_label(&r->period, label, sizeof label);
    if (kpi_result_empty(r) && !allow_empty) {
        if (!r->has_cutoff) {
            fprintf(stderr,
                    "collectkpi: no payment or contact in %s: the database has none at all "
                    "(load them with 'collectkpi import'), or give --allow-empty\n",
                    label);
        } else if (r->data_cutoff < r->period.start) {
            datetime_format_ts(r->data_cutoff, when);
            month_of(r->data_cutoff, month);
            fprintf(stderr,
                    "collectkpi: no payment or contact in %s: the data ends at %s (the last "
                    "month with data is %s); try --month %s, or give --allow-empty\n",
                    label, when, month, month);
        } else {
            datetime_format_ts(r->coverage.data_first, when);
            month_of(r->coverage.data_first, month);
            fprintf(stderr,
                    "collectkpi: no payment or contact in %s: the data starts at %s (the first "
                    "month with data is %s); try --month %s, or give --allow-empty\n",
                    label, when, month, month);
        }
        return 1;
    }
    if (r->has_cutoff && kpi_result_partial(r)) {
        datetime_format_ts(r->data_cutoff, when);
        fprintf(stderr,
                "collectkpi: warning: the data ends at %s: it covers %lld of the %lld days of "
                "%s, figures after it are missing\n",
                when, (long long)r->coverage.covered_days, (long long)r->coverage.period_days,
                label);
    }
    return CMD_GO_ON;
}
