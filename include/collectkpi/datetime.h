/* datetime.h - the contract's timestamps and dates as integer seconds.
 *
 * Timestamps are local civil time of the collection centre with no zone, so they are kept
 * as seconds since 1970-01-01 00:00:00 of that same civil clock (no time zone, no DST).
 * Parsing is strict: the exact shape 'YYYY-MM-DD HH:MM:SS' / 'YYYY-MM-DD' and a real
 * calendar date (no 2026-02-30, no 24:00:00). This module is shared by the engine, the
 * period parser and the rules, so there is one notion of "a real timestamp".
 */
#ifndef COLLECTKPI_DATETIME_H
#define COLLECTKPI_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DATETIME_SECONDS_PER_DAY INT64_C(86400)

/* Text buffer sizes, including the terminating NUL. */
#define DATETIME_TS_SIZE   20
#define DATETIME_DATE_SIZE 11

/* The years a date or timestamp of the contract may have (data-model.md). */
#define DATETIME_YEAR_MIN 1900
#define DATETIME_YEAR_MAX 9999
/* What datetime_format_date writes for a day after 9999-12-31 (the exclusive end of a
 * period that runs to the last day): it sorts after every real date and timestamp. */
#define DATETIME_AFTER_LAST_DATE "9999-12-32"

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before 1970). */
int64_t datetime_days_from_civil(int year, int month, int day);
void datetime_civil_from_days(int64_t days, int *year, int *month, int *day);
bool datetime_is_real_date(int year, int month, int day);

/* Strict parsers; text need not be NUL-terminated after len bytes. Years 1000..9999. */
bool datetime_parse_ts(const char *text, size_t len, int64_t *seconds);
/* "HH:MM:SS" (8 bytes, 00:00:00 .. 23:59:59) as seconds since midnight: the clock part of a
 * timestamp, for a reader of many timestamps of the same day that has checked the day once. */
bool datetime_parse_clock(const char *text, int64_t *seconds);
bool datetime_parse_date(const char *text, size_t len, int64_t *days);

/* out must hold DATETIME_TS_SIZE / DATETIME_DATE_SIZE bytes. */
void datetime_format_ts(int64_t seconds, char *out);
void datetime_format_date(int64_t days, char *out);

/* Day number of a timestamp (floor division, correct before 1970 too). */
int64_t datetime_day_of(int64_t seconds);

#endif
