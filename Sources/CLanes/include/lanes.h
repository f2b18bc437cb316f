#ifndef VENTURESIM_LANES_H
#define VENTURESIM_LANES_H

/// The month loop of one strategy for VS_LANE_COUNT trials side by side (see lanes.c).
/// `trial`: the trials' draws, [field][lane] with the VS_TRIAL_* fields; `strategy`: the strategy's,
/// [field][lane] with the VS_STRATEGY_* fields; month arrays: [month][lane], months 0 … horizon + 1.
/// `out`: [field][lane], the VS_OUT_* fields. `target_values`: [target][R, revenue to date, A, cash, cumulative][lane]
/// at each of the `target_count` months in `target_month` (ascending). `year_values` (or NULL): [year][revenue, cost][lane],
/// zeroed by the caller, each month's revenue and cost added to its year; `cash_values` (or NULL): [month − 1][lane], the
/// cash at the end of each month.

/// Trials per call: eight, so that two independent four-wide chains (each month's new customers wait on a
/// division) overlap in an AVX2 core.
enum { VS_LANE_COUNT = 8 };

enum {
    VS_TRIAL_M, VS_TRIAL_P, VS_TRIAL_Q, VS_TRIAL_ONE_OFF, VS_TRIAL_OPERATIONS, VS_TRIAL_PER_CUSTOMER, VS_TRIAL_CAC,
    VS_TRIAL_CASH0, VS_TRIAL_DISCOUNT_STEP, VS_TRIAL_FIELDS
};

enum { VS_STRATEGY_PRICE_PER_MONTH, VS_STRATEGY_UNIT_REVENUE, VS_STRATEGY_UNIT_VARIABLE, VS_STRATEGY_RETAIN, VS_STRATEGY_FIELDS };

enum {
    VS_OUT_NPV, VS_OUT_REVENUE, VS_OUT_COST, VS_OUT_MIN_CASH, VS_OUT_CUSTOMERS, VS_OUT_MIN_CUMULATIVE,
    VS_OUT_BREAKEVEN, VS_OUT_REACH_HALF, VS_OUT_REACH_MOST, VS_OUT_CASH_OUT, VS_OUT_FIELDS
};

typedef void vs_lanes_month_loop_fn(long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy,
                                    const double *shock, const double *keep, const double *event_cost, const double *fine,
                                    double *revenue, long target_count, const long *target_month, double *target_values,
                                    double *year_values, double *cash_values, double *out);

/// The portable build (SSE2 on x86-64, the baseline elsewhere).
vs_lanes_month_loop_fn vs_lanes_month_loop_base;
/// The AVX2 build; call only when vs_lanes_have_avx2() (falls back to the base build elsewhere).
vs_lanes_month_loop_fn vs_lanes_month_loop_avx2;
/// The AVX-512 (F, DQ, VL) build; call only when vs_lanes_have_avx512() (falls back to the base build elsewhere).
vs_lanes_month_loop_fn vs_lanes_month_loop_avx512;
/// Whether this processor runs the AVX2 build.
int vs_lanes_have_avx2(void);
/// Whether this processor runs the AVX-512 build.
int vs_lanes_have_avx512(void);

#endif
