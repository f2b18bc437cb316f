/* The body of the four-lane month loop, included by lanes.c once per instruction set.
   Every lane does the scalar Swift loop's operations (TrialKernel.run) in the same order: the same
   products, quotients and sums, left to right, each rounded once (no contraction into fused
   multiply-adds: see the pragmas in lanes.c), and its selects are the scalar branches' results. */

VS_TARGET void VS_NAME(long horizon, int bass, int any_fine, int investor, const double *trial, const double *strategy,
                       const double *shock, const double *keep, const double *event_cost, const double *fine,
                       double *revenue, long target_count, const long *target_month, double *target_values,
                       double *out) {
    const v4d m = LD(trial + 4 * VS_TRIAL_M), p = LD(trial + 4 * VS_TRIAL_P), q = LD(trial + 4 * VS_TRIAL_Q);
    const v4d one_off = LD(trial + 4 * VS_TRIAL_ONE_OFF), operations = LD(trial + 4 * VS_TRIAL_OPERATIONS);
    const v4d per_customer = LD(trial + 4 * VS_TRIAL_PER_CUSTOMER), cac = LD(trial + 4 * VS_TRIAL_CAC);
    const v4d step = LD(trial + 4 * VS_TRIAL_DISCOUNT_STEP), price_per_month = LD(strategy + 4 * VS_STRATEGY_PRICE_PER_MONTH);
    const v4d unit_revenue = LD(strategy + 4 * VS_STRATEGY_UNIT_REVENUE), unit_variable = LD(strategy + 4 * VS_STRATEGY_UNIT_VARIABLE);
    const v4d retain = LD(strategy + 4 * VS_STRATEGY_RETAIN);
    const v4d zero = {0, 0, 0, 0}, half = {0.5, 0.5, 0.5, 0.5}, most = {0.9, 0.9, 0.9, 0.9};
    const v4d infinity = {INFINITY, INFINITY, INFINITY, INFINITY};
    v4d a = zero, cash = LD(trial + 4 * VS_TRIAL_CASH0), cumulative = zero, npv = zero, discount = {1, 1, 1, 1};
    v4d revenue_sum = zero, cost_sum = zero, min_cash = infinity, min_cumulative = infinity;
    /* Months as doubles (small integers, exact), so their compares and selects stay in vector registers. */
    v4d breakeven = zero, reach_half = zero, reach_most = zero, cash_out = zero;
    long next_target = 0;
    for (long t = 1; t <= horizon; t++) {
        const double td = (double)t;
        const v4d month = {td, td, td, td};
        discount = discount / step;
        const v4d mt = m * LD(shock + 4 * t);
        const v4d survivors = a * retain;
        const v4d gap = mt - survivors;
        const v4d open = SEL(gap >= zero, gap, zero);
        v4d added;
        if (bass) {
            const v4d bass_new = (p + q * survivors / mt) * open;
            added = SEL(mt > zero, bass_new, zero);
        } else {
            added = open;
        }
        a = survivors + added;
        const v4l reaching = (reach_most == zero) & (mt > zero);
        reach_half = SEL(reaching & (reach_half == zero) & (a >= half * mt), month, reach_half);
        reach_most = SEL(reaching & (a >= most * mt), month, reach_most);
        const v4d r = (a * price_per_month + a * unit_revenue) * LD(keep + 4 * t);
        v4d cost = operations + a * per_customer + added * cac + LD(event_cost + 4 * t) + a * unit_variable;
        if (t == 1) cost = cost + one_off;
        if (any_fine) {
            /* A fine is a share of the trailing twelve months' revenue: rare, so lane by lane. */
            const v4l fined = LD(fine + 4 * t) > zero;
            if (fined[0] | fined[1] | fined[2] | fined[3]) {
                double c[4];
                ST(c, cost);
                for (int l = 0; l < 4; l++) {
                    const double f = fine[4 * t + l];
                    if (f > 0) {
                        double last12 = 0.0;
                        for (long u = t - 12 > 1 ? t - 12 : 1; u < t; u++) last12 += revenue[4 * u + l];
                        c[l] += f * last12;
                    }
                }
                cost = LD(c);
            }
            ST(revenue + 4 * t, r);
        }
        const v4d profit = r - cost;
        revenue_sum = revenue_sum + r;
        cost_sum = cost_sum + cost;
        cumulative = cumulative + profit;
        cash = cash + profit;
        npv = npv + profit * discount;
        min_cash = SEL(cash < min_cash, cash, min_cash);
        if (investor) {
            min_cumulative = SEL(cumulative < min_cumulative, cumulative, min_cumulative);
            cash_out = SEL((cash_out == zero) & (cash < zero), month, cash_out);
        }
        breakeven = SEL((breakeven == zero) & (cumulative >= zero), month, breakeven);
        if (investor) {
            while (next_target < target_count && target_month[next_target] == t) {
                double *v = target_values + 20 * next_target;
                ST(v, r); ST(v + 4, revenue_sum); ST(v + 8, a); ST(v + 12, cash); ST(v + 16, cumulative);
                next_target++;
            }
        }
    }
    ST(out + 4 * VS_OUT_NPV, npv);
    ST(out + 4 * VS_OUT_REVENUE, revenue_sum);
    ST(out + 4 * VS_OUT_COST, cost_sum);
    ST(out + 4 * VS_OUT_MIN_CASH, min_cash);
    ST(out + 4 * VS_OUT_CUSTOMERS, a);
    ST(out + 4 * VS_OUT_MIN_CUMULATIVE, min_cumulative);
    ST(out + 4 * VS_OUT_BREAKEVEN, breakeven);
    ST(out + 4 * VS_OUT_REACH_HALF, reach_half);
    ST(out + 4 * VS_OUT_REACH_MOST, reach_most);
    ST(out + 4 * VS_OUT_CASH_OUT, cash_out);
}
