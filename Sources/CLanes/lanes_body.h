/* The body of the eight-lane month loop, included by lanes.c once per instruction set.
   Every lane does the scalar Swift loop's operations (TrialKernel.run) in the same order: the same
   products, quotients and sums, left to right, each rounded once (no contraction into fused
   multiply-adds: see the pragmas in lanes.c), and its selects are the scalar branches' results. */

VS_TARGET void VS_NAME(long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy,
                       const double *shock, const double *keep, const double *event_cost, const double *fine,
                       double *revenue, long target_count, const long *target_month, double *target_values,
                       double *year_values, double *cash_values, double *out) {
    const vd m = LD(trial + N * VS_TRIAL_M), p = LD(trial + N * VS_TRIAL_P), q = LD(trial + N * VS_TRIAL_Q);
    const vd one_off = LD(trial + N * VS_TRIAL_ONE_OFF), operations = LD(trial + N * VS_TRIAL_OPERATIONS);
    const vd per_customer = LD(trial + N * VS_TRIAL_PER_CUSTOMER), cac = LD(trial + N * VS_TRIAL_CAC);
    const vd step = LD(trial + N * VS_TRIAL_DISCOUNT_STEP), price_per_month = LD(strategy + N * VS_STRATEGY_PRICE_PER_MONTH);
    const vd unit_revenue = LD(strategy + N * VS_STRATEGY_UNIT_REVENUE), unit_variable = LD(strategy + N * VS_STRATEGY_UNIT_VARIABLE);
    const vd retain = LD(strategy + N * VS_STRATEGY_RETAIN);
    const vd zero = SPLAT(0.0), half = SPLAT(0.5), most = SPLAT(0.9), infinity = SPLAT(INFINITY);
    vd a = zero, cash = LD(trial + N * VS_TRIAL_CASH0), cumulative = zero, npv = zero, discount = SPLAT(1.0);
    vd revenue_sum = zero, cost_sum = zero, min_cash = infinity, min_cumulative = infinity;
    /* Months as doubles (small integers, exact), so their compares and selects stay in vector registers. */
    vd breakeven = zero, reach_half = zero, reach_most = zero, cash_out = zero;
    long next_target = 0;
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
        a = survivors + added;
        const vl reaching = (reach_most == zero) & (mt > zero);
        reach_half = SEL(reaching & (reach_half == zero) & (a >= half * mt), month, reach_half);
        reach_most = SEL(reaching & (a >= most * mt), month, reach_most);
        const vd r = (a * price_per_month + a * unit_revenue) * LD(keep + N * t);
        vd cost = operations + a * per_customer + added * cac + LD(event_cost + N * t) + a * unit_variable;
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
            ST(y, LD(y) + r);
            ST(y + N, LD(y + N) + cost);
        }
        revenue_sum = revenue_sum + r;
        cost_sum = cost_sum + cost;
        cumulative = cumulative + profit;
        cash = cash + profit;
        npv = npv + profit * discount;
        min_cash = SEL(cash < min_cash, cash, min_cash);
        if (cash_values) ST(cash_values + N * (t - 1), cash);
        if (investor) {
            min_cumulative = SEL(cumulative < min_cumulative, cumulative, min_cumulative);
            cash_out = SEL((cash_out == zero) & (cash < zero), month, cash_out);
        }
        breakeven = SEL((breakeven == zero) & (cumulative >= zero), month, breakeven);
        if (investor) {
            while (next_target < target_count && target_month[next_target] == t) {
                double *v = target_values + 5 * N * next_target;
                ST(v, r); ST(v + N, revenue_sum); ST(v + 2 * N, a); ST(v + 3 * N, cash); ST(v + 4 * N, cumulative);
                next_target++;
            }
        }
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
