/* Eight trials' month loops side by side, in GCC/Clang vector types, built three times: for the
   baseline instruction set, for AVX2 and for AVX-512 (chosen at run time), since Swift has no way to
   compile one function for an instruction set the rest of the binary may not assume.
   All three builds give the same bits: IEEE arithmetic per lane, and no fused multiply-add. */
#pragma STDC FP_CONTRACT OFF
#ifdef __clang__
#pragma clang fp contract(off)
#endif

#include <limits.h>
#include <math.h>
#include <string.h>
#include "lanes.h"

#define N VS_LANE_COUNT
/* One value per lane; AVX2 holds half of one in a register, so each operation is two independent ones. */
typedef double vd __attribute__((vector_size(8 * VS_LANE_COUNT)));
typedef long long vl __attribute__((vector_size(8 * VS_LANE_COUNT)));

#define LD(ptr) ({ vd v_; memcpy(&v_, (ptr), sizeof v_); v_; })
#define ST(ptr, v) do { vd s_ = (v); memcpy((ptr), &s_, sizeof s_); } while (0)
/* x in every lane. */
#define SPLAT(x) ((vd){0} + (x))
/* mask ? a : b, lane by lane (a mask lane is all ones or all zeros). */
#define SEL(mask, a, b) ((vd)((((vl)(a)) & (mask)) | (((vl)(b)) & ~(mask))))

#define VS_TARGET
#define VS_NAME vs_lanes_month_loop_base
#define VS_BODY vs_lanes_body_base
#include "lanes_body.h"
#undef VS_TARGET
#undef VS_NAME
#undef VS_BODY

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define VS_TARGET __attribute__((target("avx2")))
#define VS_NAME vs_lanes_month_loop_avx2
#define VS_BODY vs_lanes_body_avx2
#include "lanes_body.h"
#undef VS_TARGET
#undef VS_NAME
#undef VS_BODY

/* All eight lanes in one register, compares into mask registers, and twice the registers: no spills. */
#define VS_TARGET __attribute__((target("avx512f,avx512dq,avx512vl")))
#define VS_NAME vs_lanes_month_loop_avx512
#define VS_BODY vs_lanes_body_avx512
#include "lanes_body.h"
#undef VS_TARGET
#undef VS_NAME
#undef VS_BODY

int vs_lanes_have_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

int vs_lanes_have_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") ? 1 : 0;
}
#else
/* Elsewhere the wider builds are the baseline body under their names (never chosen: the checks below say no). */
#define VS_TARGET
#define VS_NAME vs_lanes_month_loop_avx2
#define VS_BODY vs_lanes_body_avx2
#include "lanes_body.h"
#undef VS_NAME
#undef VS_BODY
#define VS_NAME vs_lanes_month_loop_avx512
#define VS_BODY vs_lanes_body_avx512
#include "lanes_body.h"
#undef VS_TARGET
#undef VS_NAME
#undef VS_BODY

int vs_lanes_have_avx2(void) { return 0; }
int vs_lanes_have_avx512(void) { return 0; }
#endif
