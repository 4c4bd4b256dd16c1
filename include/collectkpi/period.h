/* period.h - the half-open reporting period [start, end) of kpi.md. */
#ifndef COLLECTKPI_PERIOD_H
#define COLLECTKPI_PERIOD_H

#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/datetime.h"
#include "collectkpi/error.h"

typedef struct period {
    int64_t start; /* seconds, inclusive */
    int64_t end;   /* seconds, exclusive */
    /* The same bounds as contract text, for binding into SQL. */
    char start_text[DATETIME_TS_SIZE];
    char end_text[DATETIME_TS_SIZE];
    /* Set when the period is exactly one calendar month (--month), 0 otherwise. */
    int month_year;
    int month;
    /* Set when the period is exactly a calendar quarter (--quarter: 1..4) or a calendar year
     * (--year), 0 otherwise; they only change how the period is labelled. */
    int quarter_year;
    int quarter;
    int whole_year;
} period;

/* "2026-10" -> [2026-10-01 00:00:00, 2026-11-01 00:00:00). CK_ERR_USAGE on a bad value. */
ck_error period_from_month_text(const char *text, period *out, ck_diag *diag);
/* "2026Q3" -> [2026-07-01, 2026-10-01) (also "2026q3"). CK_ERR_USAGE on a bad value. */
ck_error period_from_quarter_text(const char *text, period *out, ck_diag *diag);
/* "2026" -> [2026-01-01, 2027-01-01). CK_ERR_USAGE on a bad value. */
ck_error period_from_year_text(const char *text, period *out, ck_diag *diag);
/* --from D1 --to D2, both dates included: [D1 00:00:00, D2+1 00:00:00). */
ck_error period_from_dates_text(const char *from, const char *to, period *out, ck_diag *diag);
/* A calendar month by number. */
void period_of_month(int year, int month, period *out);
/* The last complete calendar month before the civil day today_days (days since 1970). */
void period_last_complete_month(int64_t today_days, period *out);
/* The calendar month `back` months before the month containing p->end - 1 second
 * (back = 0: that month itself). Trend views use it to walk back twelve months. */
void period_month_before(const period *p, int back, period *out);
/* The period to compare p with: the calendar month before a month; for a range of days the
 * same number of days immediately before it (2026-10-10..2026-10-19 -> 2026-09-30..
 * 2026-10-09). */
void period_before(const period *p, period *out);
/* "2026-10" for a month, "2026Q3" for a quarter, "2026" for a year,
 * "2026-10-03..2026-10-17" otherwise; out holds 32 bytes. */
void period_label(const period *p, char *out, size_t size);

#endif
