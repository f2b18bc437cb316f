// Philox4x32-10 as a gsl_rng_type. Random123's own GSL_CBRNG adapter keeps
// only a 32-bit key (gsl_rng_set takes one seed), which is exactly the seed
// collision VentureSim avoids; this adapter keeps the full 64-bit seed as
// the key and gives callers the counter's upper words for stream selection.
#include "philox_rng.h"

#include <Random123/philox.h>
#include <string.h>

typedef struct {
    philox4x32_ctr_t ctr;
    philox4x32_ctr_t out;
    philox4x32_key_t key;
    int elem;
} vs_philox_state;

static unsigned long vs_philox_get(void *vstate) {
    vs_philox_state *st = (vs_philox_state *)vstate;
    if (st->elem == 0) {
        ++st->ctr.v[0];
        st->out = philox4x32(st->ctr, st->key);
        st->elem = 4;
    }
    return st->out.v[--st->elem];
}

static double vs_philox_get_double(void *vstate) {
    return vs_philox_get(vstate) / 4294967296.0;
}

static void vs_philox_set(void *vstate, unsigned long s) {
    vs_philox_state *st = (vs_philox_state *)vstate;
    memset(st, 0, sizeof *st);
    st->key.v[0] = (uint32_t)s;
    st->key.v[1] = (uint32_t)((uint64_t)s >> 32);
}

static const gsl_rng_type vs_philox_type_value = {
    "philox4x32-10", 0xffffffffUL, 0, sizeof(vs_philox_state),
    &vs_philox_set, &vs_philox_get, &vs_philox_get_double};

const gsl_rng_type *vs_philox_type(void) { return &vs_philox_type_value; }

void vs_philox_stream(gsl_rng *r, uint64_t seed, uint32_t purpose, uint64_t index) {
    vs_philox_state *st = (vs_philox_state *)r->state;
    st->key.v[0] = (uint32_t)seed;
    st->key.v[1] = (uint32_t)(seed >> 32);
    st->ctr.v[0] = 0;
    st->ctr.v[1] = purpose;
    st->ctr.v[2] = (uint32_t)index;
    st->ctr.v[3] = (uint32_t)(index >> 32);
    st->elem = 0;
}
