/* The counting pass of the bracketed selection, eight values at a time: each value's bucket is a sum of sixteen
   compares, which the compiler vectorises across the values (built for AVX-512, AVX2 and the baseline, picked by
   the loader); the counts and the few gathered values are then taken value by value, in column order. */
#include "passes.h"

/* The sum of squares must be the Swift loop's to the last bit: products and sums rounded one by one, in order. */
#pragma STDC FP_CONTRACT OFF
#ifdef __clang__
#pragma clang fp contract(off)
#endif

#if defined(__x86_64__) && defined(__linux__)
#define VS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define VS_CLONES
#endif

enum { BLOCK = 8, BOUNDS = 16, BUCKETS = 17 };

VS_CLONES int vs_bracket_pass(const double *x, long n, const double *bounds, long *counts, long *filled, const long *limits,
                              double *gathered, double mean, double *squares) {
    /* Four sets of counts, taken in turn: most values share the bucket of the one before, and a single set would make
       each count wait for the store before it. */
    long c[4][BUCKETS] = {{0}};
    double b[BOUNDS];
    for (int j = 0; j < BOUNDS; j++) b[j] = bounds[j];
    double ss = 0.0;
    long i = 0;
    for (; i + BLOCK <= n; i += BLOCK) {
        if (squares) {
            for (int l = 0; l < BLOCK; l++) {
                const double d = x[i + l] - mean;
                ss += d * d;
            }
        }
        long bucket[BLOCK];
        for (int l = 0; l < BLOCK; l++) {
            long k = 0;
            for (int j = 0; j < BOUNDS; j++) k += b[j] <= x[i + l];
            bucket[l] = k;
        }
        for (int l = 0; l < BLOCK; l++) {
            const long k = bucket[l];
            c[l & 3][k]++;
            if (k & 1) {
                const long slot = k >> 1;
                if (filled[slot] == limits[slot]) return 1;
                gathered[filled[slot]++] = x[i + l];
            }
        }
    }
    for (; i < n; i++) {
        if (squares) {
            const double d = x[i] - mean;
            ss += d * d;
        }
        long k = 0;
        for (int j = 0; j < BOUNDS; j++) k += b[j] <= x[i];
        c[0][k]++;
        if (k & 1) {
            const long slot = k >> 1;
            if (filled[slot] == limits[slot]) return 1;
            gathered[filled[slot]++] = x[i];
        }
    }
    for (int k = 0; k < BUCKETS; k++) counts[k] = c[0][k] + c[1][k] + c[2][k] + c[3][k];
    if (squares) *squares = ss;
    return 0;
}
