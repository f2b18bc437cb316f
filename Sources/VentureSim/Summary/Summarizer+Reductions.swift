/// The summary's reductions of one column or one count each: what a task computes.
extension Summarizer {
    /// A risk's share of trials with a firing, its mean firings, and what insurance changed.
    static func riskSummary(_ plan: Plan, _ columns: TrialColumns, risk k: Int) -> RiskSummary {
        let n = columns.count
        // Without branches or overflow checks (a count is at most 65,535 a trial), so the loop vectorises.
        var any = 0, total = 0
        for c in columns.firingsColumn(k) {
            any &+= c > 0 ? 1 : 0
            total &+= Int(c)
        }
        let risk = plan.scenario.risks[k]
        var summary = RiskSummary(
            name: risk.name, category: risk.category, pFired: share(any, n),
            meanFirings: n > 0 ? Double(total) / Double(n) : 0)
        if let insurance = risk.insurance, n > 0 {
            let j = plan.risks[k].costColumn
            let gross = Stats.moments(UnsafeBufferPointer(columns.riskCostColumn(j, covered: false))).mean
            let covered = Stats.moments(UnsafeBufferPointer(columns.riskCostColumn(j, covered: true))).mean
            let premiums = insurance.premiumMonthly * Double(plan.horizon)
            summary.insurance = InsuranceSummary(
                meanCostUninsured: gross, meanCovered: covered, premiums: premiums,
                meanCostInsured: gross - covered + premiums)
        }
        return summary
    }

    static func reduce(
        _ task: Task, plan: Plan, columns: TrialColumns, tail: Int, confidence: Bool, threads: Int,
        scratch pool: ScratchPool
    ) -> Output {
        let n = columns.count
        switch task {
        case .comparison(let a, let b):
            let xa = columns.column(a, .npv), xb = columns.column(b, .npv)
            let (ra, ca, ma) = (columns.column(a, .revenue), columns.column(a, .cost), columns.column(a, .minCash))
            let (rb, cb, mb) = (columns.column(b, .revenue), columns.column(b, .cost), columns.column(b, .minCash))
            return pool.with(count: n) { diff in
                var better = 0
                // A loss and a cash shortfall as the strategies' own counts take them (profit < 0, min cash < 0).
                var loss = PairedCounts(), cashOut = PairedCounts()
                for i in 0..<n {
                    diff[i] = xa[i] - xb[i]
                    better &+= xa[i] > xb[i] ? 1 : 0
                    loss.add(
                        Outcome.profit.derived(revenue: ra[i], cost: ca[i]) < 0,
                        Outcome.profit.derived(revenue: rb[i], cost: cb[i]) < 0)
                    cashOut.add(ma[i] < 0, mb[i] < 0)
                }
                let names = plan.scenario.strategies
                return .comparison(
                    Comparison(
                        a: names[a].name, b: names[b].name, pABetterNpv: share(better, n),
                        npvDifference: Stats.of(diff, confidence: confidence, threads: threads, scratch: pool),
                        pCashOutDifference: cashOut.difference(trials: n), pLossDifference: loss.difference(trials: n)))
            }
        case .breakeven(let s):
            return .histogram(histogram(columns.breakevenColumn(s), horizon: plan.horizon))
        case .cashOut(let s):
            return .histogram(histogram(columns.cashOutColumn(s), horizon: plan.horizon))
        case .reach(let s, let level):
            return .histogram(histogram(columns.reachColumn(s, level: level), horizon: plan.horizon))
        case .column(let s, let outcome):
            return withColumn(columns, s, outcome, scratch: pool) { column in
                var x = column
                let negatives = outcome == .profit || outcome == .minCash ? Stats.negatives(UnsafeBufferPointer(x)) : 0
                if outcome == .roi { x = compactDefined(x) }
                guard outcome == .profit else {
                    return .column(
                        ColumnFigures(
                            stats: Stats.of(x, confidence: confidence, threads: threads, scratch: pool),
                            negatives: negatives))
                }
                let stats = Stats.of(
                    x, extraPositions: tail > 0 ? [tail - 1] : [], confidence: confidence, threads: threads,
                    scratch: pool)
                var worst = 0.0
                for i in 0..<tail { worst += x[i] }
                return .column(
                    ColumnFigures(stats: stats, negatives: negatives, cvar: tail > 0 ? -worst / Double(tail) : nil))
            }
        default:
            preconditionFailure("\(task) is not a column reduction")
        }
    }

    /// `TrialColumns.withColumn` over every trial, a derived outcome computed into a column of `pool`.
    private static func withColumn<R>(
        _ columns: TrialColumns, _ s: Int, _ outcome: Outcome, scratch pool: ScratchPool,
        _ body: (UnsafeMutableBufferPointer<Double>) -> R
    ) -> R {
        guard outcome.isDerived else { return body(columns.column(s, outcome)) }
        let revenue = columns.column(s, .revenue), cost = columns.column(s, .cost)
        return pool.with(count: columns.count) { x in
            for i in x.indices { x[i] = outcome.derived(revenue: revenue[i], cost: cost[i]) }
            return body(x)
        }
    }

    /// Counts of each month 0…last in a month column (0 = none; `last` is the horizon, or T + 1 where that means
    /// "later").
    static func histogram(_ months: UnsafeMutableBufferPointer<UInt16>, horizon last: Int) -> [Int] {
        // Four histograms taken in turn: neighbouring trials often share a month, and one histogram would make each
        // count wait for the store before it.
        let width = last + 1
        var four = [Int](repeating: 0, count: 4 * width)
        four.withUnsafeMutableBufferPointer { h in
            for (i, m) in months.enumerated() { h[(i & 3) * width + Int(m)] += 1 }
        }
        return (0..<width).map { four[$0] + four[width + $0] + four[2 * width + $0] + four[3 * width + $0] }
    }

    /// P10, P50 and P90 of the months 1…T of a month histogram; nil when no trial has a month.
    static func monthPercentiles(_ histogram: [Int]) -> MonthPercentiles? {
        guard let p10 = monthQuantile(0.1, histogram), let p50 = monthQuantile(0.5, histogram),
            let p90 = monthQuantile(0.9, histogram)
        else {
            return nil
        }
        return MonthPercentiles(p10: p10, p50: p50, p90: p90)
    }

    /// A percentile (GSL's interpolation) of the months 1…T in a month
    /// histogram, over the trials with a month (index 0, "none", left out); nil when none have one.
    static func monthQuantile(_ level: Double, _ histogram: [Int]) -> Double? {
        let count = histogram.dropFirst().reduce(0, +)
        guard count > 0 else { return nil }
        return Percentiles.interpolate(level, count: count) { k in
            // The k-th smallest month, read off the histogram.
            var seen = 0
            for month in 1..<histogram.count {
                seen += histogram[month]
                if seen > k { return Double(month) }
            }
            return Double(histogram.count - 1)
        }
    }

    /// The first month by which at least half of all trials reached `share` of their market.
    static func reach(share level: Double, histogram: [Int], n: Int) -> AdoptionReach {
        let reached = n - histogram[0]
        var seen = 0, median: Int?
        for month in 1..<histogram.count {
            seen += histogram[month]
            if 2 * seen >= n && n > 0 { median = month; break }
        }
        return AdoptionReach(share: level, pReached: share(reached, n), medianMonth: median)
    }

    /// The launch months (T + 1: not within the horizon) in words.
    static func launchSummary(_ months: UnsafeMutableBufferPointer<UInt16>, planned: Int, horizon: Int) -> LaunchSummary
    {
        let h = histogram(months, horizon: horizon + 1)
        let n = months.count
        let late = h[horizon + 1]
        // monthQuantile reads months 1 … T and treats index 0 as "none": the months that launch within the horizon.
        let within = Array(h[0...horizon])
        let delayed = planned < horizon + 1 ? h[(planned + 1)...].reduce(0, +) : 0
        return LaunchSummary(
            planned: planned, pDelayed: share(delayed, n), pNotWithinHorizon: share(late, n),
            month: monthPercentiles(within))
    }

    /// ⌈0.05 · n⌉, the number of worst trials CVaR95 averages.
    static func tailCount(_ n: Int) -> Int { Int((0.05 * Double(n)).rounded(.up)) }

    static func share(_ count: Int, _ n: Int) -> Double { n > 0 ? Double(count) / Double(n) : 0 }

    /// Moves the non-NaN values to the front (keeping their order) and returns that prefix.
    static func compactDefined(_ x: UnsafeMutableBufferPointer<Double>) -> UnsafeMutableBufferPointer<Double> {
        var kept = 0
        for i in 0..<x.count where !x[i].isNaN {
            x[kept] = x[i]
            kept += 1
        }
        return UnsafeMutableBufferPointer(rebasing: x[0..<kept])
    }
}
