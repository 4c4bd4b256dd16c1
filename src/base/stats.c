/* stats.c - ratios with "undefined" on a zero denominator, PERCENTILE.INC, means. */
#include "collectkpi/stats.h"

#include <math.h>

stats_value stats_ratio(double numerator, double denominator)
{
    stats_value v = {false, 0.0};
    if (denominator == 0.0 || !isfinite(numerator) || !isfinite(denominator))
        return v;
    v.value = numerator / denominator;
    v.defined = isfinite(v.value);
    if (!v.defined)
        v.value = 0.0;
    return v;
}

stats_value stats_ratio_i64(int64_t numerator, int64_t denominator)
{
    return stats_ratio((double)numerator, (double)denominator);
}

stats_value stats_percentile_inc(const double *sorted, size_t n, double p)
{
    stats_value v = {false, 0.0};
    if (n == 0 || p < 0.0 || p > 1.0)
        return v;
    double h = (double)(n - 1) * p;
    size_t lower = (size_t)floor(h);
    double fraction = h - (double)lower;
    v.defined = true;
    v.value = sorted[lower];
    if (lower + 1 < n && fraction > 0.0)
        v.value += fraction * (sorted[lower + 1] - sorted[lower]);
    return v;
}

stats_value stats_mean(const double *values, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    return stats_ratio(sum, (double)n);
}

int stats_compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
