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
    VS_TRIAL_CASH0, VS_TRIAL_DISCOUNT_STEP, VS_TRIAL_LAUNCH, VS_TRIAL_EXIT_MULTIPLE, VS_TRIAL_FIELDS
};

enum {
    VS_STRATEGY_PRICE_PER_MONTH, VS_STRATEGY_UNIT_REVENUE, VS_STRATEGY_UNIT_VARIABLE, VS_STRATEGY_RETAIN, VS_STRATEGY_KEPT,
    VS_STRATEGY_FIELDS
};

/// The revenue lines' kinds (docs/model.md#revenue-lines), in `RevenueLine.Kind`'s order.
enum { VS_LINE_ONE_TIME, VS_LINE_VALUE_ADDED, VS_LINE_ADVERTISING, VS_LINE_CONSULTING, VS_LINE_COMMISSION, VS_LINE_FREEMIUM };

/// Parameters a revenue line may have (`KernelScratch.lineParameters`).
enum { VS_LINE_PARAMETERS = 4 };

/// A month's metric (targets and triggered rounds), in `Target.Metric`'s order; the others read NaN.
enum {
    VS_METRIC_ANNUAL_RUN_RATE, VS_METRIC_REVENUE_TO_DATE, VS_METRIC_CUSTOMERS, VS_METRIC_CASH, VS_METRIC_CUMULATIVE_PROFIT,
    VS_METRIC_OTHER
};

/// A funding round of the plan (`Plan.RoundPlan`): due in `month` (> 0), or when `metric` is at least (else at
/// most) `threshold` from `earliest` to `latest`; closes with `close_probability`.
typedef struct {
    long month, earliest, latest;
    int metric, at_least;
    double threshold, close_probability;
} vs_lanes_round;

/// A strategy's funding outcome per lane (`business->funding`): the death month (0: none), the exit's value, the
/// lowest cash after death.
enum { VS_FUNDING_DEATH, VS_FUNDING_EXIT, VS_FUNDING_MIN_AFTER_DEATH, VS_FUNDING_FIELDS };

/// The business-model features of a plan the lanes run (NULL for a plan without them): the launch month (a trial
/// field), the share of the market the price keeps (a strategy field), drift, cost shocks and revenue lines.
/// `price_factor`: [month] or NULL, the drift on prices. `run_factor`, `unit_factor`: [month][lane] or NULL, the
/// factors on running and unit costs (drift times the trial's cost shocks). `drift_cost`: [month] or NULL, the
/// drift on running costs alone (a freemium line's serving cost). The strategy's `line_count` revenue lines:
/// `line_kind` (VS_LINE_*), `line_params` [line][parameter][lane] drawn this trial, `line_monthly` [slot][month][lane]
/// the month's draw of the line in `line_month_slot[line]` (advertising's revenue per customer, consulting's
/// projects; −1 for the kinds that read none), and `line_totals`
/// [1 + line][revenue, cost][lane], zeroed by the caller (index 0: the kind's own prices), summed month by month.
/// The `round_count` funding rounds (`rounds`, none due before `first_round_month`): this trial's uniform and amount
/// of each ([round][lane]), each round's state written back ([round][lane]: 0 pending, −1 declined, else the month
/// it closed), and `funding` ([VS_FUNDING_*][lane]).
typedef struct {
    const double *price_factor, *run_factor, *unit_factor, *drift_cost;
    long line_count;
    const int *line_kind;
    const long *line_month_slot;
    const double *line_params, *line_monthly;
    double *line_totals;
    long round_count, first_round_month;
    const vs_lanes_round *rounds;
    const double *round_u, *round_amount;
    double *round_state, *funding;
} vs_lanes_business;

enum {
    VS_OUT_NPV, VS_OUT_REVENUE, VS_OUT_COST, VS_OUT_MIN_CASH, VS_OUT_CUSTOMERS, VS_OUT_MIN_CUMULATIVE,
    VS_OUT_BREAKEVEN, VS_OUT_REACH_HALF, VS_OUT_REACH_MOST, VS_OUT_CASH_OUT, VS_OUT_FIELDS
};

typedef void vs_lanes_month_loop_fn(long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy,
                                    const double *shock, const double *keep, const double *event_cost, const double *fine,
                                    double *revenue, long target_count, const long *target_month, double *target_values,
                                    double *year_values, double *cash_values, const vs_lanes_business *business,
                                    double *out);

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
