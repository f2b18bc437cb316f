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

/// A batch of `n` streams' first `blocks` (1 … 8) blocks, one lane a block, padded to a multiple of sixteen lanes.
int vs_philox_batch_lanes(int n, int blocks);

/// Lays out a batch's lanes (`table`: 4 × vs_philox_batch_lanes(n, blocks) words, filled here) for the streams
/// (keys[i], purposes[i], ·): `keys` are the Philox keys (the seed xor a name's key).
void vs_philox_batch_table(const uint64_t *keys, const uint32_t *purposes, int n, int blocks, uint64_t *table);

/// Makes the first blocks of a batch's streams for `index`, side by side in vector lanes (a trial's streams in one
/// batch rather than a refill each): `words` is 4 rows of `lanes` words, row r holding each lane's r-th word handed out.
void vs_philox_first_blocks(const uint64_t *table, int lanes, uint64_t index, uint32_t *words);

/// vs_philox_stream with the stream's first `blocks` blocks made already: lanes `first_lane` … of `words` (from
/// vs_philox_first_blocks). The generator hands out those words, then goes on from block `blocks` + 1: the same
/// words as vs_philox_stream.
void vs_philox_stream_made(gsl_rng *r, uint64_t seed, uint32_t purpose, uint64_t index, const uint32_t *words, int lanes,
                           int first_lane, int blocks);

/// Checks a stream started from made blocks against the plain one: the first `words` words of (seed, purpose,
/// index), the last of a batch of `streams` (1 … 64) with `blocks` (1 … 8) made of each. Returns the first word that
/// differs, or -1.
long vs_philox_check_made(uint64_t seed, uint32_t purpose, uint64_t index, int streams, int blocks, long words);

/// Checks the buffered generator against Random123's scalar philox4x32: the first `words` words of the stream
/// of (seed, purpose, index). Returns the index of the first word that differs, or -1.
long vs_philox_check_blocks(uint64_t seed, uint32_t purpose, uint64_t index, long words);

#endif
