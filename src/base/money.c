/* money.c - exact decimal text of minor units (see money.h). */
#include "collectkpi/money.h"

#include <stdio.h>

/* Splits into sign, major and cents using unsigned arithmetic (INT64_MIN safe). */
static void split(int64_t minor, const char **sign, unsigned long long *major, unsigned *cents)
{
    unsigned long long magnitude =
        minor < 0 ? (unsigned long long)0 - (unsigned long long)minor : (unsigned long long)minor;
    *sign = minor < 0 ? "-" : "";
    *major = magnitude / 100;
    *cents = (unsigned)(magnitude % 100);
}

void money_format_plain(int64_t minor, char *out)
{
    const char *sign;
    unsigned long long major;
    unsigned cents;
    split(minor, &sign, &major, &cents);
    snprintf(out, MONEY_TEXT_SIZE, "%s%llu.%02u", sign, major, cents);
}
