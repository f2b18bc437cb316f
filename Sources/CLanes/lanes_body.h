/* The body of the eight-lane month loop, included by lanes.c once per instruction set.
   Every lane does the scalar Swift loop's operations (TrialKernel.run) in the same order: the same
   products, quotients and sums, left to right, each rounded once (no contraction into fused
   multiply-adds: see the pragmas in lanes.c), and its selects are the scalar branches' results. */

/* The pending rounds due in month t for one lane, as TrialKernel.closeRounds (which see): each closes or fails by the
   trial's uniform, the cash it brings added in turn. Returns the next month a pending round can come due (LONG_MAX:
   none) and sets *gate to the annual run rate below which none can. */
#ifndef VS_CLOSE_ROUNDS_DEFINED
#define VS_CLOSE_ROUNDS_DEFINED
static long vs_close_rounds(const vs_lanes_business *b, int lane, long t, double r, double revenue_sum, double a,
                            double *cash, double cumulative, double *gate) {
    long next = LONG_MAX;
    double low = INFINITY;
    for (long k = 0; k < b->round_count; k++) {
        double *state = b->round_state + N * k + lane;
        if (*state != 0) continue;
        const vs_lanes_round *round = b->rounds + k;
        int due;
        if (round->month > 0) {
            due = t == round->month;
        } else if (t >= round->earliest && t <= round->latest) {
            double value;
            switch (round->metric) {
            case VS_METRIC_ANNUAL_RUN_RATE: value = 12 * r; break;
            case VS_METRIC_REVENUE_TO_DATE: value = revenue_sum; break;
            case VS_METRIC_CUSTOMERS: value = a; break;
            case VS_METRIC_CASH: value = *cash; break;
            case VS_METRIC_CUMULATIVE_PROFIT: value = cumulative; break;
            default: value = NAN; break;
            }
            due = round->at_least ? value >= round->threshold : value <= round->threshold;
        } else {
            due = 0;
        }
        if (!due) {
            if (t < round->latest) {
                const long from = t + 1 > round->earliest ? t + 1 : round->earliest;
                if (from < next) next = from;
                const int run_rate = round->month == 0 && round->metric == VS_METRIC_ANNUAL_RUN_RATE && round->at_least;
                const double x = run_rate ? round->threshold : -INFINITY;
                if (x < low) low = x;
            }
            continue;
        }
        if (!(b->round_u[N * k + lane] < round->close_probability)) { *state = -1; continue; }
        *state = (double)t;
        *cash += b->round_amount[N * k + lane];
    }
    *gate = low;
    return next;
}
#endif

/* Called with `business` a literal NULL for a plan without business models (see VS_NAME below), so that build carries
   none of their work. */
VS_TARGET static inline __attribute__((always_inline)) void VS_BODY(
    long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy, const double *shock,
    const double *keep, const double *event_cost, const double *fine, double *revenue, long target_count,
    const long *target_month, double *target_values, double *year_values, double *cash_values,
    const vs_lanes_business *business, double *out) {
    /* The reachable market this strategy's price keeps: a factor beside D (1 without willingness to pay). */
    const vd m = business ? LD(trial + N * VS_TRIAL_M) * LD(strategy + N * VS_STRATEGY_KEPT) : LD(trial + N * VS_TRIAL_M);
    const vd p = LD(trial + N * VS_TRIAL_P), q = LD(trial + N * VS_TRIAL_Q);
    const vd one_off = LD(trial + N * VS_TRIAL_ONE_OFF), operations = LD(trial + N * VS_TRIAL_OPERATIONS);
    const vd per_customer = LD(trial + N * VS_TRIAL_PER_CUSTOMER), cac = LD(trial + N * VS_TRIAL_CAC);
    const vd step = LD(trial + N * VS_TRIAL_DISCOUNT_STEP), price_per_month = LD(strategy + N * VS_STRATEGY_PRICE_PER_MONTH);
    const vd unit_revenue = LD(strategy + N * VS_STRATEGY_UNIT_REVENUE), unit_variable = LD(strategy + N * VS_STRATEGY_UNIT_VARIABLE);
    const vd retain = LD(strategy + N * VS_STRATEGY_RETAIN);
    const vd zero = SPLAT(0.0), half = SPLAT(0.5), most = SPLAT(0.9), infinity = SPLAT(INFINITY), one = SPLAT(1.0);
    vd a = zero, cash = LD(trial + N * VS_TRIAL_CASH0), cumulative = zero, npv = zero, discount = SPLAT(1.0);
    vd revenue_sum = zero, cost_sum = zero, min_cash = infinity, min_cumulative = infinity;
    /* Months as doubles (small integers, exact), so their compares and selects stay in vector registers. */
    vd breakeven = zero, reach_half = zero, reach_most = zero, cash_out = zero;
    long next_target = 0;
    /* Business models: the launch, the factors (where a plan has none, the scalar loop skips the product and the
       lines multiply by 1, exact either way), the revenue lines. */
    const vd launch = business ? LD(trial + N * VS_TRIAL_LAUNCH) : zero;
    const double *price_factor = business ? business->price_factor : NULL;
    const double *run_factor = business ? business->run_factor : NULL;
    const double *unit_factor = business ? business->unit_factor : NULL;
    const double *drift_cost = business ? business->drift_cost : NULL;
    const long line_count = business ? business->line_count : 0;
    /* Funding rounds: a lane out of cash is dead from the next month on (TrialKernel.runStrategy's `dead`): it earns,
       spends and counts nothing more, while the plan kept alive (`kept_cash`) and the gap beyond it go on. Without
       rounds no lane dies and every select below keeps the plain value. */
    const long round_count = business ? business->round_count : 0;
    vl dead = (vl){0};
    vd death_month = zero, kept_cash = LD(trial + N * VS_TRIAL_CASH0), after_death = zero, min_after_death = infinity;
    vd death_cumulative = zero, last_r = zero, round_gate = SPLAT(-INFINITY);
    vd next_round = SPLAT(round_count > 0 ? (double)business->first_round_month : INFINITY);
    for (long t = 1; t <= horizon; t++) {
        const vd month = SPLAT((double)t);
        discount = discount / step;
        const vd mt = m * LD(shock + N * t);
        const vd survivors = a * retain;
        const vd gap = mt - survivors;
        const vd open = SEL(gap >= zero, gap, zero);
        vd added;
        if (bass) {
            const vd bass_new = (p + q * survivors / mt) * open;
            added = SEL(mt > zero, bass_new, zero);
        } else {
            added = open;
        }
        if (business) added = SEL(month < launch, zero, added);
        a = survivors + added;
        const vl was_dead = dead;
        const vl reaching = (reach_most == zero) & (mt > zero) & ~was_dead;
        reach_half = SEL(reaching & (reach_half == zero) & (a >= half * mt), month, reach_half);
        reach_most = SEL(reaching & (a >= most * mt), month, reach_most);
        const vd kept_share = LD(keep + N * t);
        vd r = (a * price_per_month + a * unit_revenue) * kept_share;
        const vd price_drift = price_factor ? SPLAT(price_factor[t]) : one;
        if (price_factor) r = r * price_drift;
        /* The unit costs' factor: the cost shocks' where there are any, else the drift's. */
        const vd g = unit_factor ? LD(unit_factor + N * t) : run_factor ? LD(run_factor + N * t) : one;
        vd cost;
        if (run_factor) {
            const vd f = LD(run_factor + N * t);
            cost = operations * f + a * per_customer * f + added * cac + LD(event_cost + N * t) + a * unit_variable * g;
        } else {
            cost = operations + a * per_customer + added * cac + LD(event_cost + N * t) + a * unit_variable;
        }
        if (line_count > 0) {
            /* The revenue lines (TrialKernel.addLines): the kind's own prices and each line, less revenue losses and
               with drift, into their totals and then into the month's revenue and cost, line by line. */
            double *totals = business->line_totals;
            ST(totals, SEL(was_dead, LD(totals), LD(totals) + r));
            ST(totals + N, SEL(was_dead, LD(totals + N), LD(totals + N) + a * unit_variable * g));
            const vd serving_drift = drift_cost ? SPLAT(drift_cost[t]) : one;
            for (long k = 0; k < line_count; k++) {
                const double *pk = business->line_params + VS_LINE_PARAMETERS * N * k;
                /* The month's draw, for the kinds that have one (their place: `line_month_slot`). */
#define VS_DRAWN (business->line_monthly + (horizon + 2) * N * business->line_month_slot[k] + N * t)
                const int kind = business->line_kind[k];
                vd earning = zero, spent = zero;
                switch (kind) {
                case VS_LINE_ONE_TIME: earning = added * LD(pk) + a * LD(pk) * LD(pk + N); break;
                case VS_LINE_VALUE_ADDED:
                case VS_LINE_COMMISSION: earning = a * LD(pk) * LD(pk + N); break;
                case VS_LINE_ADVERTISING: earning = a * LD(VS_DRAWN); break;
                case VS_LINE_CONSULTING: {
                    const vd fees = LD(VS_DRAWN) * LD(pk + N);
                    earning = fees;
                    spent = fees * LD(pk + 2 * N);
                    break;
                }
                default: spent = a * LD(pk) * LD(pk + N); break; /* freemium: its free users' serving cost */
                }
#undef VS_DRAWN
                const vd earned = earning * kept_share * price_drift;
                const vd paid = kind == VS_LINE_FREEMIUM ? spent * serving_drift : spent * kept_share * price_drift;
                double *line = totals + 2 * N * (k + 1);
                ST(line, SEL(was_dead, LD(line), LD(line) + earned));
                ST(line + N, SEL(was_dead, LD(line + N), LD(line + N) + paid));
                r = r + earned;
                cost = cost + paid;
            }
        }
        if (t == 1) cost = cost + one_off;
        if (any_fine) {
            /* A fine is a share of the trailing twelve months' revenue: rare, so lane by lane. */
            const vl fined = LD(fine + N * t) > zero;
            long any = 0;
            for (int l = 0; l < N; l++) any |= fined[l];
            if (any) {
                double c[N];
                ST(c, cost);
                for (int l = 0; l < N; l++) {
                    const double f = fine[N * t + l];
                    if (f > 0) {
                        double last12 = 0.0;
                        for (long u = t - 12 > 1 ? t - 12 : 1; u < t; u++) last12 += revenue[N * u + l];
                        c[l] += f * last12;
                    }
                }
                cost = LD(c);
            }
            ST(revenue + N * t, r);
        }
        const vd profit = r - cost;
        if (year_values) {
            /* The year-by-year sample: revenue and cost summed month by month into their year, as the scalar loop does. */
            double *y = year_values + 2 * N * ((t - 1) / 12);
            ST(y, SEL(was_dead, LD(y), LD(y) + r));
            ST(y + N, SEL(was_dead, LD(y + N), LD(y + N) + cost));
        }
        revenue_sum = SEL(was_dead, revenue_sum, revenue_sum + r);
        cost_sum = SEL(was_dead, cost_sum, cost_sum + cost);
        cumulative = cumulative + profit;
        cash = SEL(was_dead, cash, cash + profit);
        npv = SEL(was_dead, npv, npv + profit * discount);
        if (round_count > 0) {
            last_r = SEL(was_dead, last_r, r);
            kept_cash = kept_cash + profit;
            after_death = SEL(was_dead, after_death + profit, after_death);
            min_after_death = SEL(was_dead & (after_death < min_after_death), after_death, min_after_death);
            /* `!(x < gate)`: a NaN run rate still asks (a fixed month's round is due whatever the revenue). */
            const vl asks = ~was_dead & (month >= next_round) & ~(SPLAT(12.0) * r < round_gate);
            long any = 0;
            for (int l = 0; l < N; l++) any |= asks[l];
            if (any) {
                double rs[N], sums[N], as[N], cs[N], cums[N], nexts[N], gates[N];
                ST(rs, r); ST(sums, revenue_sum); ST(as, a); ST(cs, cash); ST(cums, cumulative);
                ST(nexts, next_round); ST(gates, round_gate);
                for (int l = 0; l < N; l++) {
                    if (!asks[l]) continue;
                    const long next = vs_close_rounds(business, l, t, rs[l], sums[l], as[l], cs + l, cums[l], gates + l);
                    nexts[l] = next == LONG_MAX ? INFINITY : (double)next;
                }
                cash = LD(cs); next_round = LD(nexts); round_gate = LD(gates);
            }
            const vl dies = ~was_dead & (cash < zero);
            dead = dead | dies;
            death_month = SEL(dies, month, death_month);
            after_death = SEL(dies, cash, after_death);
            death_cumulative = SEL(dies, cumulative, death_cumulative);
        }
        min_cash = SEL(cash < min_cash, cash, min_cash);
        if (cash_values) ST(cash_values + N * (t - 1), cash);
        if (investor) {
            min_cumulative = SEL(cumulative < min_cumulative, cumulative, min_cumulative);
            cash_out = SEL((cash_out == zero) & ((round_count > 0 ? kept_cash : cash) < zero), month, cash_out);
        }
        breakeven = SEL(~was_dead & (breakeven == zero) & (cumulative >= zero), month, breakeven);
        if (investor) {
            while (next_target < target_count && target_month[next_target] == t) {
                /* A dead company's targets read no revenue, no customers and its cumulative profit at death. */
                double *v = target_values + 5 * N * next_target;
                ST(v, SEL(was_dead, zero, r)); ST(v + N, revenue_sum); ST(v + 2 * N, SEL(was_dead, zero, a));
                ST(v + 3 * N, cash); ST(v + 4 * N, SEL(was_dead, death_cumulative, cumulative));
                next_target++;
            }
        }
    }
    if (round_count > 0) {
        /* A company dead before the last month has no customers at the horizon (one that fails in the last month
           keeps that month's); either way its exit is worth nothing. */
        last_r = SEL(dead, zero, last_r);
        a = SEL(dead & (death_month < SPLAT((double)horizon)), zero, a);
        double *f = business->funding;
        ST(f + N * VS_FUNDING_DEATH, death_month);
        ST(f + N * VS_FUNDING_EXIT, LD(trial + N * VS_TRIAL_EXIT_MULTIPLE) * SPLAT(12.0) * last_r);
        ST(f + N * VS_FUNDING_MIN_AFTER_DEATH, min_after_death);
    }
    ST(out + N * VS_OUT_NPV, npv);
    ST(out + N * VS_OUT_REVENUE, revenue_sum);
    ST(out + N * VS_OUT_COST, cost_sum);
    ST(out + N * VS_OUT_MIN_CASH, min_cash);
    ST(out + N * VS_OUT_CUSTOMERS, a);
    ST(out + N * VS_OUT_MIN_CUMULATIVE, min_cumulative);
    ST(out + N * VS_OUT_BREAKEVEN, breakeven);
    ST(out + N * VS_OUT_REACH_HALF, reach_half);
    ST(out + N * VS_OUT_REACH_MOST, reach_most);
    ST(out + N * VS_OUT_CASH_OUT, cash_out);
}

VS_TARGET void VS_NAME(long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy,
                       const double *shock, const double *keep, const double *event_cost, const double *fine,
                       double *revenue, long target_count, const long *target_month, double *target_values,
                       double *year_values, double *cash_values, const vs_lanes_business *business, double *out) {
    if (business)
        VS_BODY(horizon, bass, any_fine, investor, trial, strategy, shock, keep, event_cost, fine, revenue, target_count,
                target_month, target_values, year_values, cash_values, business, out);
    else
        VS_BODY(horizon, bass, any_fine, investor, trial, strategy, shock, keep, event_cost, fine, revenue, target_count,
                target_month, target_values, year_values, cash_values, NULL, out);
}
