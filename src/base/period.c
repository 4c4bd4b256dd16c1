/* period.c - turning --month / --from --to into the half-open period of kpi.md. */
#include "collectkpi/period.h"

#include <stdio.h>
#include <string.h>

static void fill_texts(period *p)
{
    datetime_format_ts(p->start, p->start_text);
    datetime_format_ts(p->end, p->end_text);
}

void period_of_month(int year, int month, period *out)
{
    memset(out, 0, sizeof *out);
    int next_year = month == 12 ? year + 1 : year;
    int next_month = month == 12 ? 1 : month + 1;
    out->start = datetime_days_from_civil(year, month, 1) * DATETIME_SECONDS_PER_DAY;
    out->end = datetime_days_from_civil(next_year, next_month, 1) * DATETIME_SECONDS_PER_DAY;
    out->month_year = year;
    out->month = month;
    fill_texts(out);
}

ck_error period_from_month_text(const char *text, period *out, ck_diag *diag)
{
    int year = 0, month = 0;
    bool shape = text != NULL && strlen(text) == 7 && text[4] == '-';
    for (int i = 0; shape && i < 7; i++)
        if (i != 4 && (text[i] < '0' || text[i] > '9'))
            shape = false;
    if (shape) {
        year =
            (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
        month = (text[5] - '0') * 10 + (text[6] - '0');
    }
    if (!shape || year < 1000 || month < 1 || month > 12) {
        ck_diag_set(diag, "'%s' is not a month; write it as YYYY-MM, e.g. 2026-10",
                    text ? text : "");
        return CK_ERR_USAGE;
    }
    if (year == DATETIME_YEAR_MAX && month == 12) {
        ck_diag_set(diag, "'%s' ends after %d-12-31; the last month a period may cover is %d-11",
                    text, DATETIME_YEAR_MAX, DATETIME_YEAR_MAX);
        return CK_ERR_USAGE;
    }
    period_of_month(year, month, out);
    return CK_OK;
}

/* Four digits from 1000 to 9999 at text[0..3]; 0 when they are not. */
static int year_digits(const char *text)
{
    for (int i = 0; i < 4; i++)
        if (text[i] < '0' || text[i] > '9')
            return 0;
    int year =
        (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    return year >= 1000 ? year : 0;
}

/* [first day of from_month, first day of the month after to_month) of one year. */
static void period_of_months(int year, int from_month, int to_month, period *out)
{
    period last;
    period_of_month(year, to_month, &last);
    period_of_month(year, from_month, out);
    out->end = last.end;
    out->month_year = 0;
    out->month = 0;
    fill_texts(out);
}

ck_error period_from_quarter_text(const char *text, period *out, ck_diag *diag)
{
    int year = 0;
    if (text != NULL && strlen(text) == 6 && (text[4] == 'Q' || text[4] == 'q'))
        year = year_digits(text);
    if (year == 0 || text[5] < '1' || text[5] > '4') {
        ck_diag_set(diag, "'%s' is not a quarter; write it as YYYYQn, e.g. 2026Q3",
                    text ? text : "");
        return CK_ERR_USAGE;
    }
    int quarter = text[5] - '0';
    period_of_months(year, quarter * 3 - 2, quarter * 3, out);
    out->quarter_year = year;
    out->quarter = quarter;
    return CK_OK;
}

ck_error period_from_year_text(const char *text, period *out, ck_diag *diag)
{
    int year = 0;
    if (text != NULL && strlen(text) == 4)
        year = year_digits(text);
    if (year == 0) {
        ck_diag_set(diag, "'%s' is not a year; write it as YYYY, e.g. 2026", text ? text : "");
        return CK_ERR_USAGE;
    }
    period_of_months(year, 1, 12, out);
    out->whole_year = year;
    return CK_OK;
}

ck_error period_from_dates_text(const char *from, const char *to, period *out, ck_diag *diag)
{
    int64_t from_day, to_day;
    if (from == NULL || to == NULL) {
        ck_diag_set(diag, "--from and --to go together");
        return CK_ERR_USAGE;
    }
    if (!datetime_parse_date(from, strlen(from), &from_day)) {
        ck_diag_set(diag, "--from '%s' is not a real date (YYYY-MM-DD)", from);
        return CK_ERR_USAGE;
    }
    if (!datetime_parse_date(to, strlen(to), &to_day)) {
        ck_diag_set(diag, "--to '%s' is not a real date (YYYY-MM-DD)", to);
        return CK_ERR_USAGE;
    }
    /* The period's end is the moment after its last day, which must itself be a real
     * timestamp of the contract's years. */
    if (to_day + 1 > datetime_days_from_civil(DATETIME_YEAR_MAX, 12, 31)) {
        ck_diag_set(diag, "--to %s: a period must end by %d-12-30 (dates run to %d-12-31)", to,
                    DATETIME_YEAR_MAX, DATETIME_YEAR_MAX);
        return CK_ERR_USAGE;
    }
    if (to_day < from_day) {
        ck_diag_set(diag, "--to %s is before --from %s", to, from);
        return CK_ERR_USAGE;
    }
    memset(out, 0, sizeof *out);
    out->start = from_day * DATETIME_SECONDS_PER_DAY;
    out->end = (to_day + 1) * DATETIME_SECONDS_PER_DAY;
    /* A range that is exactly one calendar month is that month. */
    int fy, fm, fd, ty, tm, td;
    datetime_civil_from_days(from_day, &fy, &fm, &fd);
    datetime_civil_from_days(to_day + 1, &ty, &tm, &td);
    if (fd == 1 && td == 1 &&
        ((ty == fy && tm == fm + 1) || (ty == fy + 1 && fm == 12 && tm == 1))) {
        out->month_year = fy;
        out->month = fm;
    }
    fill_texts(out);
    return CK_OK;
}

void period_last_complete_month(int64_t today_days, period *out)
{
    int year, month, day;
    datetime_civil_from_days(today_days, &year, &month, &day);
    if (month == 1)
        period_of_month(year - 1, 12, out);
    else
        period_of_month(year, month - 1, out);
}

void period_month_before(const period *p, int back, period *out)
{
    int year, month, day;
    datetime_civil_from_days(datetime_day_of(p->end - 1), &year, &month, &day);
    int index = year * 12 + (month - 1) - back;
    period_of_month(index / 12, index % 12 + 1, out);
}

void period_before(const period *p, period *out)
{
    if (p->month != 0) {
        period_month_before(p, 1, out);
        return;
    }
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    int64_t days = datetime_day_of(p->end) - datetime_day_of(p->start);
    datetime_format_date(datetime_day_of(p->start) - days, from);
    datetime_format_date(datetime_day_of(p->start) - 1, to);
    /* Both are real dates in order, so this cannot fail. */
    ck_diag ignored = {{0}};
    (void)period_from_dates_text(from, to, out, &ignored);
}

void period_label(const period *p, char *out, size_t size)
{
    if (p->month != 0) {
        snprintf(out, size, "%04d-%02d", p->month_year, p->month);
        return;
    }
    if (p->quarter != 0) {
        snprintf(out, size, "%04dQ%d", p->quarter_year, p->quarter);
        return;
    }
    if (p->whole_year != 0) {
        snprintf(out, size, "%04d", p->whole_year);
        return;
    }
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    datetime_format_date(datetime_day_of(p->start), from);
    datetime_format_date(datetime_day_of(p->end) - 1, to);
    snprintf(out, size, "%s..%s", from, to);
}
