/* Four trials' month loops side by side, in GCC/Clang vector types, built twice: for the
   baseline instruction set and for AVX2 (chosen at run time), since Swift has no way to
   compile one function for an instruction set the rest of the binary may not assume.
   Both builds give the same bits: IEEE arithmetic per lane, and no fused multiply-add. */
#pragma STDC FP_CONTRACT OFF
#ifdef __clang__
#pragma clang fp contract(off)
#endif

#include <math.h>
#include <string.h>
#include "lanes.h"

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));

#define LD(ptr) ({ v4d v_; memcpy(&v_, (ptr), sizeof v_); v_; })
#define ST(ptr, v) do { v4d s_ = (v); memcpy((ptr), &s_, sizeof s_); } while (0)
/* mask ? a : b, lane by lane (a mask lane is all ones or all zeros). */
#define SEL(mask, a, b) ((v4d)((((v4l)(a)) & (mask)) | (((v4l)(b)) & ~(mask))))

#define VS_TARGET
#define VS_NAME vs_lanes_month_loop_base
#include "lanes_body.h"
#undef VS_TARGET
#undef VS_NAME

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define VS_TARGET __attribute__((target("avx2")))
#define VS_NAME vs_lanes_month_loop_avx2
#include "lanes_body.h"
#undef VS_TARGET
#undef VS_NAME

int vs_lanes_have_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}
#else
void vs_lanes_month_loop_avx2(long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy,
                              const double *shock, const double *keep, const double *event_cost, const double *fine,
                              double *revenue, long target_count, const long *target_month, double *target_values,
                              double *out) {
    vs_lanes_month_loop_base(horizon, bass, any_fine, investor, trial, strategy, shock, keep, event_cost, fine, revenue,
                             target_count, target_month, target_values, out);
}

int vs_lanes_have_avx2(void) { return 0; }
#endif
