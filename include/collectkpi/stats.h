/* stats.h - the one place a figure is divided or a percentile is taken.
 *
 * Every rate of kpi.md goes through stats_ratio, so a zero denominator is "undefined" (an
 * empty cell) everywhere and never 0, NaN or a crash.
 */
#ifndef COLLECTKPI_STATS_H
#define COLLECTKPI_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct stats_value {
    bool defined;
    double value; /* 0 when !defined, so it never carries NaN into a writer */
} stats_value;

/* numerator / denominator; undefined when denominator is 0. */
stats_value stats_ratio(double numerator, double denominator);
/* Integer form, computed exactly in double for |values| < 2^53. */
stats_value stats_ratio_i64(int64_t numerator, int64_t denominator);

/* Excel PERCENTILE.INC of values[0..n-1] (sorted ascending by the caller), p in [0,1];
 * undefined when n is 0. */
stats_value stats_percentile_inc(const double *sorted, size_t n, double p);

/* Mean of values[0..n-1]; undefined when n is 0. */
stats_value stats_mean(const double *values, size_t n);

/* qsort comparator for doubles, ascending. */
int stats_compare_double(const void *a, const void *b);

#endif
