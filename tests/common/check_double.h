/* check_double.h - assert two doubles agree within eps (cmocka 1.1 only has a float one). */
#ifndef COLLECTKPI_TEST_CHECK_DOUBLE_H
#define COLLECTKPI_TEST_CHECK_DOUBLE_H

#include <math.h>

#define assert_double_equal(a, b, eps) check_double_equal((a), (b), (eps), __FILE__, __LINE__)

static inline void check_double_equal(double a, double b, double eps, const char *file, int line)
{
    if (!(fabs(a - b) <= eps)) {
        print_error("%.12g != %.12g (within %g)\n", a, b, eps);
        _fail(file, line);
    }
}

#endif
