/* datetime.c - strict parsing of the contract's timestamps, civil-day arithmetic.
 *
 * days_from_civil / civil_from_days are Howard Hinnant's public-domain algorithms: exact
 * for the proleptic Gregorian calendar, no tables, no time zone.
 */
#include "collectkpi/datetime.h"

#include <string.h>

int64_t datetime_days_from_civil(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void datetime_civil_from_days(int64_t days, int *year, int *month, int *day)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool datetime_is_real_date(int year, int month, int day)
{
    static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < DATETIME_YEAR_MIN || year > DATETIME_YEAR_MAX || month < 1 || month > 12 || day < 1)
        return false;
    int last = days_in_month[month - 1] + (month == 2 && is_leap(year));
    return day <= last;
}

/* Reads exactly `width` ASCII digits. */
static bool read_digits(const char *text, int width, int *value)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

static bool parse_date_part(const char *text, int64_t *days)
{
    int year, month, day;
    if (!read_digits(text, 4, &year) || text[4] != '-' || !read_digits(text + 5, 2, &month) ||
        text[7] != '-' || !read_digits(text + 8, 2, &day))
        return false;
    if (!datetime_is_real_date(year, month, day))
        return false;
    *days = datetime_days_from_civil(year, month, day);
    return true;
}

bool datetime_parse_date(const char *text, size_t len, int64_t *days)
{
    if (text == NULL || len != 10)
        return false;
    return parse_date_part(text, days);
}

bool datetime_parse_clock(const char *text, int64_t *seconds)
{
    int hour, minute, second;
    if (!read_digits(text, 2, &hour) || text[2] != ':' || !read_digits(text + 3, 2, &minute) ||
        text[5] != ':' || !read_digits(text + 6, 2, &second))
        return false;
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    *seconds = hour * 3600 + minute * 60 + second;
    return true;
}

bool datetime_parse_ts(const char *text, size_t len, int64_t *seconds)
{
    int64_t days, clock;
    if (text == NULL || len != 19 || !parse_date_part(text, &days) || text[10] != ' ' ||
        !datetime_parse_clock(text + 11, &clock))
        return false;
    *seconds = days * DATETIME_SECONDS_PER_DAY + clock;
    return true;
}

int64_t datetime_day_of(int64_t seconds)
{
    int64_t day = seconds / DATETIME_SECONDS_PER_DAY;
    if (seconds % DATETIME_SECONDS_PER_DAY < 0)
        day--;
    return day;
}

/* Writes value as exactly `width` decimal digits (the caller keeps it in range). */
static void put_digits(char *out, int width, int value)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

void datetime_format_date(int64_t days, char *out)
{
    int year, month, day;
    datetime_civil_from_days(days, &year, &month, &day);
    if (year > DATETIME_YEAR_MAX) {
        /* the exclusive end of a period that runs to 9999-12-31 (or a promise window past
         * it): a text after every real date and timestamp, so text comparisons stay right */
        memcpy(out, DATETIME_AFTER_LAST_DATE, DATETIME_DATE_SIZE);
        return;
    }
    put_digits(out, 4, year < 0 ? 0 : year); /* no bound lies before DATETIME_YEAR_MIN */
    out[4] = '-';
    put_digits(out + 5, 2, month);
    out[7] = '-';
    put_digits(out + 8, 2, day);
    out[10] = '\0';
}

void datetime_format_ts(int64_t seconds, char *out)
{
    int64_t days = datetime_day_of(seconds);
    int rest = (int)(seconds - days * DATETIME_SECONDS_PER_DAY);
    datetime_format_date(days, out);
    out[10] = ' ';
    put_digits(out + 11, 2, rest / 3600);
    out[13] = ':';
    put_digits(out + 14, 2, rest / 60 % 60);
    out[16] = ':';
    put_digits(out + 17, 2, rest % 60);
    out[19] = '\0';
}
