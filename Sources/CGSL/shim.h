#ifndef VENTURESIM_CGSL_SHIM_H
#define VENTURESIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_linalg.h>

// GSL's default error handler aborts the process; VentureSim validates
// parameters itself and turns the handler off once, at start-up.
static inline void vs_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

// GSL exposes generator types as mutable globals, which Swift 6 rejects as
// shared mutable state; tests that compare against GSL's own mt19937 reach
// it through this accessor instead.
static inline const gsl_rng_type *vs_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

// The same for the multiroot solver a beta range is fitted with (Powell's hybrid method).
static inline const gsl_multiroot_fsolver_type *vs_gsl_multiroot_hybrids(void) { return gsl_multiroot_fsolver_hybrids; }

#endif
