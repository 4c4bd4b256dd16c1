/* money.c - exact decimal text of minor units (see money.h). */
#include "collectkpi/money.h"

#include <stdio.h>
#include <string.h>

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

void money_format_grouped(int64_t minor, char *out)
{
    const char *sign;
    unsigned long long major;
    unsigned cents;
    split(minor, &sign, &major, &cents);
    char digits[24];
    snprintf(digits, sizeof digits, "%llu", major);
    size_t n = strlen(digits), pos = 0;
    char grouped[32];
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[pos++] = ',';
        grouped[pos++] = digits[i];
    }
    grouped[pos] = '\0';
    snprintf(out, MONEY_TEXT_SIZE, "%s%s.%02u", sign, grouped, cents);
}
