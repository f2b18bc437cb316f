internal import CGSL

/// The month loop (docs/model.md#the-model-month-by-month): adoption, churn, revenue, cost, risks' costs and fines,
/// funding rounds and targets, month by month for each strategy of a trial.
extension TrialKernel {
    /// One trial on the scalar path: its draws, then each strategy's month loop, then its record. Compiled once per
    /// feature set (`KernelFeatures`), so a plan that uses no opt-in feature pays nothing for them.
    @inline(__always)
    func run<F: KernelFeatures>(_: F.Type, trial: Int, into out: TrialColumns, row: Int) -> Bool {
        var finite = true
        // Insurance premiums are a cost of every month, common to all strategies.
        scalarMonths.reset(months: horizon + 2, premiums: F.extended && plan.anyInsurance ? plan.premiums : 0)
        let d = drawTrial(F.self, trial: trial, months: scalarMonths, into: out, row: row)
        for s in 0..<strategyCount {
            let own = drawStrategy(s, trial: trial, recorded: d.recorded)
            if F.extended && out.hasPriceShare { out.priceShare[s * out.count + row] = own.kept }
            finite = runStrategy(F.self, s, d, own, trial: trial, into: out, row: row) && finite
        }
        storeRecord(trial: trial, sampled: d.sampled, into: out, row: row)
        return finite
    }

    /// Strategy `s`'s month loop for one trial (docs/model.md#the-model-month-by-month): adoption and churn, revenue
    /// (its kind's prices and its revenue lines, less revenue losses, with drift), cost (running costs, acquisition,
    /// risk costs, fines, the one-off costs in month 1), cash and NPV, funding rounds (`CapTable`), targets; then its
    /// outcomes into `out`. One function of about 150 lines, on purpose: the month's state lives in registers across
    /// the whole loop, and splitting it into calls that take that state by `inout` measurably slowed the scalar path.
    @inline(__always)
    func runStrategy<F: KernelFeatures>(
        _: F.Type, _ s: Int, _ d: TrialDraws, _ own: StrategyDraws, trial: Int,
        into out: TrialColumns, row: Int
    ) -> Bool {
        let priceFactor = F.extended ? self.scratch.priceFactor : nil
        // With cost shocks, the trial's running-cost and unit-cost factors (docs/model.md#cost-shocks); else both the
        // drift.
        let costFactor = F.extended ? self.scratch.runFactor ?? self.scratch.costFactor : nil
        let unitFactor = F.extended ? self.scratch.unitFactor ?? self.scratch.costFactor : nil
        let T = horizon
        let (p, q, oneOff, operations, perCustomer, cac, cash0) = (
            d.p, d.q, d.oneOff, d.operations, d.perCustomer, d.cac, d.cash0
        )
        // The reachable market this strategy's price keeps (docs/model.md#willingness-to-pay): a factor beside D.
        let m = F.extended ? d.m * own.kept : d.m
        let (discountStep, launch) = (d.discountStep, d.launch)
        let roundCount = F.extended ? self.roundCount : 0
        // Locals, not properties: the month loop's stores through pointers would otherwise make the compiler reload
        // them every month.
        let (bass, anyFine, keep, shock, eventCost, fine, revenue) = (
            self.bass, self.anyFine, self.scratch.keep, self.scratch.shock, self.scratch.eventCost, self.scratch.fine,
            self.scratch.revenue
        )
        let (pricePerMonth, unitRevenue, unitVariable, retain) = (
            own.pricePerMonth, own.unitRevenue, own.unitVariable, own.retain
        )
        let lineCount = F.extended ? scratch.lines.count[s] : 0
        if lineCount > 0 { drawLineParameters(s, trial: trial, recorded: d.recorded) }

        var A = 0.0, cash = cash0, cumulative = 0.0, npv = 0.0, discount = 1.0
        var revenueSum = 0.0, costSum = 0.0, minCash = Double.infinity
        var breakeven = 0, reachHalf = 0, reachMost = 0, cashOutMonth = 0, nextTarget = 0
        var minCumulative = Double.infinity
        var dead = false, deathMonth = 0, lastR = 0.0
        // With rounds: the plan kept alive (starting cash plus operating profit, no rounds, never dead: the cash-out
        // month's path), the company's cash after its death going on with that profit (the gap beyond the plan's),
        // and the cumulative profit the dead company's targets read. `cumulative` itself goes on (the funding need).
        var keptCash = cash0, afterDeath = 0.0, minAfterDeath = Double.infinity, deathCumulative = 0.0
        // The rounds' states, in the scratch (no array, no reference count); the rounds are checked only in a month
        // in which one can come due (none before the first can, none once none can), and whose annual run rate
        // reaches the gate `closeRounds` sets (below it no round can be due).
        if roundCount > 0 { scratch.roundState.update(repeating: 0, count: roundCount) }
        var nextRoundMonth = roundCount > 0 ? firstRoundMonth : Int.max, roundGate = -Double.infinity
        let yearSampled = trial < out.yearSample
        let cashSampled = trial < out.cashSample
        let cashRow = out.monthlyCash + ColumnLayout.cash(strategy: s, month: 1, horizon: T) * out.cashSample + trial
        if yearSampled { scratch.yearly.update(repeating: 0, count: 2 * years) }
        for t in 1...T {
            discount /= discountStep
            let mt = m * shock[t]
            let survivors = A * retain
            let new: Double
            if F.extended && t < launch {
                new = 0
            } else if bass {
                new = mt > 0 ? (p + q * survivors / mt) * atLeastZero(mt - survivors) : 0
            } else {
                new = atLeastZero(mt - survivors)
            }
            A = survivors + new
            if reachMost == 0 && mt > 0 && !(F.extended && dead) {
                if reachHalf == 0 && A >= 0.5 * mt { reachHalf = t }
                if A >= 0.9 * mt { reachMost = t }
            }
            var R = (A * pricePerMonth + A * unitRevenue) * keep[t]
            if let priceFactor { R *= priceFactor[t] }
            var cost: Double
            if let costFactor {
                let f = costFactor[t], g = unitFactor?[t] ?? f
                cost = operations * f + A * perCustomer * f + new * cac + eventCost[t] + A * unitVariable * g
            } else {
                cost = operations + A * perCustomer + new * cac + eventCost[t] + A * unitVariable
            }
            if lineCount > 0 {
                addLines(s, month: t, A: A, new: new, unitVariable: unitVariable, tally: !dead, R: &R, cost: &cost)
            }
            if t == 1 { cost += oneOff }
            if anyFine {
                if fine[t] > 0 {
                    var last12 = 0.0
                    var u = max(1, t - 12)
                    while u < t { last12 += revenue[u]; u += 1 }
                    cost += fine[t] * last12
                }
                revenue[t] = R
            }
            let profit = R - cost
            if F.extended && dead {
                // Out of cash with funding rounds in the plan: the company earns, spends and counts nothing more; the
                // plan kept alive goes on for the funding need, the cash-out month and the gap beyond the plan.
                cumulative += profit
                if cumulative < minCumulative { minCumulative = cumulative }
                keptCash += profit
                if cashOutMonth == 0 && keptCash < 0 { cashOutMonth = t }
                afterDeath += profit
                if afterDeath < minAfterDeath { minAfterDeath = afterDeath }
                if cashSampled { cashRow[(t - 1) * out.cashSample] = cash }
                checkTargets(
                    &nextTarget, month: t, strategy: s, R: 0, revenueSum: revenueSum, A: 0, cash: cash,
                    cumulative: deathCumulative)
                continue
            }
            if F.investor && yearSampled {
                let y = 2 * ((t - 1) / 12)
                scratch.yearly[y] += R
                scratch.yearly[y + 1] += cost
            }
            revenueSum += R
            costSum += cost
            cumulative += profit
            cash += profit
            npv += profit * discount
            if roundCount > 0 {
                lastR = R
                keptCash += profit
                // `!(x < gate)`: a NaN run rate still asks (a fixed month's round is due whatever the revenue).
                if t >= nextRoundMonth && !(12 * R < roundGate) {
                    (nextRoundMonth, roundGate) = closeRounds(
                        month: t, R: R, revenueSum: revenueSum, A: A, cash: &cash, cumulative: cumulative)
                }
                if cash < 0 { (dead, deathMonth, afterDeath, deathCumulative) = (true, t, cash, cumulative) }
            }
            if cash < minCash { minCash = cash }
            if F.investor {
                if cashSampled { cashRow[(t - 1) * out.cashSample] = cash }
                if cumulative < minCumulative { minCumulative = cumulative }
                if cashOutMonth == 0 && (roundCount > 0 ? keptCash : cash) < 0 { cashOutMonth = t }
            }
            if breakeven == 0 && cumulative >= 0 { breakeven = t }
            if F.investor {
                checkTargets(
                    &nextTarget, month: t, strategy: s, R: R, revenueSum: revenueSum, A: A, cash: cash,
                    cumulative: cumulative)
            }
        }
        if roundCount > 0 {
            // A company dead before the last month has no customers at the horizon (one that fails in the last month
            // keeps that month's, as it always has); either way its exit is worth nothing.
            if F.extended && dead { lastR = 0 }
            if F.extended && dead && deathMonth < T { A = 0 }
            storeFunding(
                out, strategy: s, row: row, rounds: roundCount, exit: d.exitMultiple * 12 * lastR,
                death: deathMonth,
                lowestCash: minCash, lowestAfterDeath: minAfterDeath, state: { scratch.roundState[$0] })
        }
        if yearSampled { storeYears(out, strategy: s, trial: trial) }
        if lineCount > 0 {
            if d.recorded { recordAdvertisingMeans(s) }
            storeLines(out, strategy: s, row: row, totals: scratch.lines.totals)
        }
        return store(
            StrategyTotals(
                npv: npv, revenueSum: revenueSum, costSum: costSum, minCash: minCash, A: A,
                minCumulative: minCumulative,
                cashOutMonth: cashOutMonth, breakeven: breakeven, reachHalf: reachHalf, reachMost: reachMost),
            strategy: s, into: out, row: row)
    }

    /// The pending rounds due in month `t` (a fixed month, or a metric's trigger from their earliest to their latest
    /// month) close or fail by the trial's uniform; the cash each brings is added in turn (a later trigger sees it).
    /// Returns the next month in which a pending round can come due (`Int.max` when none can) and a gate on the annual
    /// run rate (12 R) below which none can from then on (the lowest threshold of the pending rounds, all triggered at
    /// a run rate of at least it; −∞ when some other round is pending): in the months between, or below the gate, no
    /// round is due, so the loop need not ask.
    /// Not inlined: rounds close rarely; kept out of the month loop's body, their state does not compete for the
    /// registers the loop needs (and the loop calls it only in the months in which a round can come due).
    @inline(never)
    func closeRounds(
        month t: Int, R: Double, revenueSum: Double, A: Double, cash: inout Double, cumulative: Double
    ) -> (next: Int, gate: Double) {
        let (rounds, state) = (scratch.rounds, scratch.roundState)
        var next = Int.max, gate = Double.infinity
        for k in 0..<roundCount where state[k] == 0 {
            let round = rounds[k]
            let due: Bool
            if round.month > 0 {
                due = t == round.month
            } else if t >= round.earliest && t <= round.latest {
                let value = Self.metric(
                    round.metric, R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative)
                due = round.atLeast ? value >= round.threshold : value <= round.threshold
            } else {
                due = false
            }
            guard due else {
                // A fixed month's round has its month as earliest and latest.
                if t < round.latest {
                    next = min(next, max(t + 1, round.earliest))
                    let runRate = round.month == 0 && round.metric == .annualRunRate && round.atLeast
                    gate = min(gate, runRate ? round.threshold : -.infinity)
                }
                continue
            }
            guard scratch.roundU[k] < round.closeProbability else { state[k] = -1; continue }
            state[k] = t
            cash += scratch.roundAmount[k]
        }
        return (next, gate)
    }

    /// A metric of the month (targets and triggered rounds).
    @inline(__always)
    static func metric(_ m: Target.Metric, R: Double, revenueSum: Double, A: Double, cash: Double, cumulative: Double)
        -> Double
    {
        switch m {
        case .annualRunRate: return 12 * R
        case .revenueToDate: return revenueSum
        case .customers: return A
        case .cash: return cash
        case .cumulativeProfit: return cumulative
        // Horizon metrics are never checked in a month (the loader refuses them as triggers).
        case .fundingNeed, .npv, .lowestCash: return .nan
        }
    }

    /// Counts the targets of month `t` that hold.
    @inline(__always)
    func checkTargets(
        _ next: inout Int, month t: Int, strategy s: Int, R: Double, revenueSum: Double, A: Double, cash: Double,
        cumulative: Double
    ) {
        while next < targetCount && scratch.targetMonth[next] == t {
            countTarget(next, strategy: s, R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative)
            next += 1
        }
    }

    /// Counts target `k` (in month order) for strategy `s` when it holds at the month's figures.
    @inline(__always)
    func countTarget(
        _ k: Int, strategy s: Int, R: Double, revenueSum: Double, A: Double, cash: Double, cumulative: Double
    ) {
        let value = Self.metric(
            scratch.targetMetric[k], R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative)
        let holds = scratch.targetAtLeast[k] ? value >= scratch.targetThreshold[k] : value <= scratch.targetThreshold[k]
        if holds { scratch.targetHits[s * claimCount + scratch.targetIndex[k]] += 1 }
    }

    /// Counts the targets of the whole horizon (after the monthly ones) for strategy `s` that hold at its totals.
    @inline(__always)
    func countHorizonTargets(_ x: StrategyTotals, strategy s: Int) {
        for k in targetCount..<claimCount {
            let value: Double
            switch scratch.targetMetric[k] {
            case .npv: value = x.npv
            case .lowestCash: value = x.minCash
            default: value = x.fundingNeed
            }
            let holds =
                scratch.targetAtLeast[k] ? value >= scratch.targetThreshold[k] : value <= scratch.targetThreshold[k]
            if holds { scratch.targetHits[s * claimCount + scratch.targetIndex[k]] += 1 }
        }
    }
}
