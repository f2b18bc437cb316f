// Philox4x32-10 as a gsl_rng_type. Random123's own GSL_CBRNG adapter keeps
// only a 32-bit key (gsl_rng_set takes one seed), which is exactly the seed
// collision VentureSim avoids; this adapter keeps the full 64-bit seed as
// the key and gives callers the counter's upper words for stream selection.
//
// The numbers are Random123's philox4x32 of counters 1, 2, 3, … (lowest word)
// under the key, each block's four words handed out from the last to the first.
// They are made eight blocks at a time, side by side in vector lanes
// (a block is a pure function of its counter, so the lanes are independent),
// and buffered: a draw is then a load, not a ten-round chain of multiplies.
// vs_philox_check_blocks compares the lanes with Random123's scalar function.
#include "philox_rng.h"

#include <Random123/philox.h>
#include <string.h>

#define VS_LANES 8
#define VS_BUFFER (4 * VS_LANES)

typedef struct {
    uint32_t key[2];
    uint32_t ctr[4];      // ctr[0]: blocks made so far in this stream
    uint32_t pos, len;    // next buffered word, words buffered
    uint32_t buf[VS_BUFFER];
} vs_philox_state;

typedef uint64_t vq __attribute__((vector_size(8 * VS_LANES)));

// Built for AVX-512 and AVX2 too (one or two multiplies a word instead of four), picked by the loader where the processor
// has them. The ten rounds are a chain of dependent multiplies: eight blocks cost about what four do.
#if defined(__x86_64__) && defined(__linux__)
#define VS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define VS_CLONES
#endif

// Blocks ctr[0] + 1 … ctr[0] + VS_LANES into buf, each block's words in the order they are handed out (v[3] first).
VS_CLONES static void vs_philox_refill(vs_philox_state *st) {
    const vq lo32 = (vq){0} + 0xFFFFFFFFu;
    const uint64_t c0 = st->ctr[0];
    vq x0;
    for (int b = 0; b < VS_LANES; b++) x0[b] = (uint32_t)(c0 + 1 + b);
    vq x1 = (vq){0} + st->ctr[1], x2 = (vq){0} + st->ctr[2], x3 = (vq){0} + st->ctr[3];
    uint32_t k0 = st->key[0], k1 = st->key[1];
    for (int round = 0; round < PHILOX4x32_DEFAULT_ROUNDS; round++) {
        // Random123's _philox4x32round: 32×32→64 products of words 0 and 2, their halves mixed with words 1, 3 and the key.
        const vq p0 = (x0 & lo32) * (uint64_t)PHILOX_M4x32_0;
        const vq p1 = (x2 & lo32) * (uint64_t)PHILOX_M4x32_1;
        const vq kk0 = (vq){0} + k0, kk1 = (vq){0} + k1;
        x0 = ((p1 >> 32) ^ x1 ^ kk0) & lo32;
        x1 = p1 & lo32;
        x2 = ((p0 >> 32) ^ x3 ^ kk1) & lo32;
        x3 = p0 & lo32;
        k0 += PHILOX_W32_0;  // _philox4x32bumpkey
        k1 += PHILOX_W32_1;
    }
    for (int b = 0; b < VS_LANES; b++) {
        st->buf[4 * b] = (uint32_t)x3[b];
        st->buf[4 * b + 1] = (uint32_t)x2[b];
        st->buf[4 * b + 2] = (uint32_t)x1[b];
        st->buf[4 * b + 3] = (uint32_t)x0[b];
    }
    st->ctr[0] = (uint32_t)(c0 + VS_LANES);
    st->pos = 0;
    st->len = VS_BUFFER;
}

static inline uint32_t vs_philox_next(vs_philox_state *st) {
    if (__builtin_expect(st->pos == st->len, 0)) vs_philox_refill(st);
    return st->buf[st->pos++];
}

static unsigned long vs_philox_get(void *vstate) { return vs_philox_next((vs_philox_state *)vstate); }

static double vs_philox_get_double(void *vstate) { return vs_philox_next((vs_philox_state *)vstate) / 4294967296.0; }

static void vs_philox_set(void *vstate, unsigned long s) {
    vs_philox_state *st = (vs_philox_state *)vstate;
    memset(st, 0, sizeof *st);
    st->key[0] = (uint32_t)s;
    st->key[1] = (uint32_t)((uint64_t)s >> 32);
}

static const gsl_rng_type vs_philox_type_value = {
    "philox4x32-10", 0xffffffffUL, 0, sizeof(vs_philox_state),
    &vs_philox_set, &vs_philox_get, &vs_philox_get_double};

const gsl_rng_type *vs_philox_type(void) { return &vs_philox_type_value; }

void vs_philox_stream(gsl_rng *r, uint64_t seed, uint32_t purpose, uint64_t index) {
    vs_philox_state *st = (vs_philox_state *)r->state;
    st->key[0] = (uint32_t)seed;
    st->key[1] = (uint32_t)(seed >> 32);
    st->ctr[0] = 0;
    st->ctr[1] = purpose;
    st->ctr[2] = (uint32_t)index;
    st->ctr[3] = (uint32_t)(index >> 32);
    st->pos = st->len = 0;
}

// A batch of streams' first blocks, sixteen lanes at a time: two AVX-512 registers (four AVX2 ones), so two
// independent chains a round, and a trial's streams cost about what one refill does. Each lane is one block of one
// stream, with the stream's own key and purpose; the lanes' counters and keys are laid out once per plan (`table`),
// so a trial's batch loads whole vectors (set lane by lane, every vector went through memory: most of the time).
typedef uint64_t vq16 __attribute__((vector_size(8 * 16)));
typedef uint32_t vw16 __attribute__((vector_size(4 * 16)));

int vs_philox_batch_lanes(int n, int blocks) { return (n * blocks + 15) / 16 * 16; }

void vs_philox_batch_table(const uint64_t *keys, const uint32_t *purposes, int n, int blocks, uint64_t *table) {
    const int lanes = vs_philox_batch_lanes(n, blocks);
    for (int lane = 0; lane < lanes; lane++) {
        // Lanes past the last stream's last block repeat it: made, and never read.
        const int l = lane < n * blocks ? lane : n * blocks - 1, i = l / blocks;
        table[lane] = (uint32_t)(l % blocks + 1);
        table[lanes + lane] = purposes[i];
        table[2 * lanes + lane] = (uint32_t)keys[i];
        table[3 * lanes + lane] = (uint32_t)(keys[i] >> 32);
    }
}

VS_CLONES void vs_philox_first_blocks(const uint64_t *table, int lanes, uint64_t index, uint32_t *words) {
    const vq16 lo32 = (vq16){0} + 0xFFFFFFFFu;
    for (int first = 0; first < lanes; first += 16) {
        vq16 x0, x1, k0, k1;
        memcpy(&x0, table + first, sizeof x0);
        memcpy(&x1, table + lanes + first, sizeof x1);
        memcpy(&k0, table + 2 * lanes + first, sizeof k0);
        memcpy(&k1, table + 3 * lanes + first, sizeof k1);
        vq16 x2 = (vq16){0} + (uint32_t)index, x3 = (vq16){0} + (uint32_t)(index >> 32);
        for (int round = 0; round < PHILOX4x32_DEFAULT_ROUNDS; round++) {
            // As in vs_philox_refill, with a key of each lane's own.
            const vq16 p0 = (x0 & lo32) * (uint64_t)PHILOX_M4x32_0;
            const vq16 p1 = (x2 & lo32) * (uint64_t)PHILOX_M4x32_1;
            x0 = ((p1 >> 32) ^ x1 ^ k0) & lo32;
            x1 = p1 & lo32;
            x2 = ((p0 >> 32) ^ x3 ^ k1) & lo32;
            x3 = p0 & lo32;
            k0 = (k0 + PHILOX_W32_0) & lo32;
            k1 = (k1 + PHILOX_W32_1) & lo32;
        }
        // Row r holds each lane's word r in the order handed out (v[3] first).
        const vw16 w0 = __builtin_convertvector(x3, vw16), w1 = __builtin_convertvector(x2, vw16);
        const vw16 w2 = __builtin_convertvector(x1, vw16), w3 = __builtin_convertvector(x0, vw16);
        memcpy(words + first, &w0, sizeof w0);
        memcpy(words + lanes + first, &w1, sizeof w1);
        memcpy(words + 2 * lanes + first, &w2, sizeof w2);
        memcpy(words + 3 * lanes + first, &w3, sizeof w3);
    }
}

void vs_philox_stream_made(gsl_rng *r, uint64_t seed, uint32_t purpose, uint64_t index, const uint32_t *words, int lanes,
                           int first_lane, int blocks) {
    vs_philox_stream(r, seed, purpose, index);
    vs_philox_state *st = (vs_philox_state *)r->state;
    for (int b = 0; b < blocks; b++) {
        for (int w = 0; w < 4; w++) st->buf[4 * b + w] = words[w * lanes + first_lane + b];
    }
    st->ctr[0] = (uint32_t)blocks;
    st->len = 4 * (uint32_t)blocks;
}

long vs_philox_check_made(uint64_t seed, uint32_t purpose, uint64_t index, int streams, int blocks, long words) {
    // Stream streams − 1 of a batch whose other streams differ in key and purpose (lanes past sixteen: a second pass).
    enum { most = 64 * 8 };
    uint64_t keys[64], table[4 * most];
    uint32_t purposes[64], made[4 * most];
    if (streams < 1 || streams > 64 || blocks < 1 || blocks > 8) return 0;
    for (int i = 0; i < streams; i++) {
        keys[i] = seed ^ (uint64_t)(streams - 1 - i) * 0x9E3779B97F4A7C15u;
        purposes[i] = purpose ^ (uint32_t)(streams - 1 - i);
    }
    const int lanes = vs_philox_batch_lanes(streams, blocks);
    vs_philox_batch_table(keys, purposes, streams, blocks, table);
    vs_philox_first_blocks(table, lanes, index, made);
    vs_philox_state plain, from_made;
    vs_philox_set(&plain, 0);
    vs_philox_set(&from_made, 0);
    gsl_rng a = {vs_philox_type(), &plain}, b = {vs_philox_type(), &from_made};
    vs_philox_stream(&a, seed, purpose, index);
    vs_philox_stream_made(&b, seed, purpose, index, made, lanes, blocks * (streams - 1), blocks);
    for (long i = 0; i < words; i++) {
        if (vs_philox_next(&plain) != vs_philox_next(&from_made)) return i;
    }
    return -1;
}

long vs_philox_check_blocks(uint64_t seed, uint32_t purpose, uint64_t index, long words) {
    vs_philox_state st;
    vs_philox_set(&st, 0);
    gsl_rng r = {vs_philox_type(), &st};
    vs_philox_stream(&r, seed, purpose, index);
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t ctr = {{0, purpose, (uint32_t)index, (uint32_t)(index >> 32)}};
    philox4x32_ctr_t out = {{0, 0, 0, 0}};
    int elem = 0;
    for (long i = 0; i < words; i++) {
        if (elem == 0) {
            ++ctr.v[0];
            out = philox4x32(ctr, key);
            elem = 4;
        }
        if (vs_philox_next(&st) != out.v[--elem]) return i;
    }
    return -1;
}
