/* demo_rng.c - the random draws of the demo generator that are more than one line (the
 * one-line ones are inline in demo_internal.h). Every file of the generator draws through
 * these, so they sit below all of them. */
#include <math.h>

#include "demo_internal.h"

double demo_rng_gauss(demo_rng *rng)
{
    /* Box-Muller; 1 - u keeps the logarithm's argument in (0, 1]. */
    double u = 1.0 - demo_rng_unit(rng), v = demo_rng_unit(rng);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

int demo_rng_poisson(demo_rng *rng, double lambda)
{
    /* Knuth's product of uniforms: fine for the small means used here. */
    double limit = exp(-lambda), p = 1.0;
    int k = 0;
    do {
        k++;
        p *= demo_rng_unit(rng);
    } while (p > limit && k < 1000);
    return k - 1;
}

int demo_rng_pick(demo_rng *rng, const double *weights, int n)
{
    double total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    double x = demo_rng_unit(rng) * total;
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    for (int i = n - 1; i > 0; i--) /* rounding: the last non-zero weight */
        if (weights[i] > 0)
            return i;
    return 0;
}
