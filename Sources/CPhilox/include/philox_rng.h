#ifndef VENTURESIM_PHILOX_RNG_H
#define VENTURESIM_PHILOX_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/// A GSL generator type backed by Random123's Philox4x32-10, a counter-based
/// generator: the stream is a pure function of (key, counter), so any trial's
/// numbers can be produced on any thread without generating the ones before.
const gsl_rng_type *vs_philox_type(void);

/// Points `r` (allocated with vs_philox_type) at the stream of
/// (seed, purpose, index): the 64-bit seed is the Philox key, purpose and the
/// 64-bit index fill the upper three counter words, and the lowest word counts
/// the draws within the stream (4 uniforms per Philox block, 2^32 blocks).
void vs_philox_stream(gsl_rng *r, uint64_t seed, uint32_t purpose, uint64_t index);

/// Checks the buffered generator against Random123's scalar philox4x32: the first `words` words of the stream
/// of (seed, purpose, index). Returns the index of the first word that differs, or -1.
long vs_philox_check_blocks(uint64_t seed, uint32_t purpose, uint64_t index, long words);

#endif
