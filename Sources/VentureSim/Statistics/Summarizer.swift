import Dispatch
import Synchronization

/// Turns a run's trial columns into its `Summary` (MODEL.md §6).
///
/// Columns are reduced in parallel; a column's sums run in trial order on one
/// thread and its percentile pass may be shared by spare threads (integer counts,
/// selection by value), so the digits do not depend on how many threads share the work. The columns are reordered in
/// place (percentiles are found by selection), so they are consumed.
public enum Summarizer {
    public static func summarize(_ plan: Plan, _ columns: TrialColumns, workers: Int = Simulator.defaultWorkers) -> Summary {
        let scenario = plan.scenario
        let n = columns.count
        let S = columns.strategyCount
        let pairs = (0..<S).flatMap { a in (a + 1..<S).map { (a, $0) } }
        let analyses = plan.analyses
        // The samples are read first: the reductions below reorder the columns.
        let (drivers, correlations) = driverAnalysis(plan, columns, workers: workers)
        let charts = ChartData.of(plan, columns, workers: workers)
        let lines = (0..<S).map { RevenueLines.summary(plan, columns, strategy: $0, confidence: analyses.confidenceIntervals) }
        let yearFigures = analyses.byYear
            ? parallelMap(Array(0..<S), workers: workers) { YearByYear.figures(columns, strategy: $0, horizon: plan.horizon, confidence: analyses.confidenceIntervals) } : nil
        let perStrategy = columns.outcomes.filter { $0 != .npv && !$0.isDerived }

        // Every reduction is a task; three phases because profit and roi are computed from the revenue and cost
        // columns in trial order, and the comparisons read the npv columns in trial order, before the tasks of those
        // columns reorder them.
        let tail = tailCount(n)
        let phase0: [Task] = (0..<S).flatMap { s in columns.outcomes.filter(\.isDerived).map { Task.column(s, $0) } }
        let phase1: [Task] = pairs.map { Task.comparison($0.0, $0.1) }
            + (0..<S).flatMap { s in perStrategy.map { Task.column(s, $0) } }
            + (0..<S).map(Task.breakeven) + (columns.hasFundingNeed ? (0..<S).map(Task.cashOut) : []) + [.column(0, .demandShare)]
            + (0..<S).flatMap { s in TrialColumns.adoptionLevels.indices.map { Task.reach(s, $0) } }
        let phase2: [Task] = (0..<S).map { Task.column($0, .npv) }
        var results: [Task: Output] = [:]
        for phase in [phase0, phase1, phase2] {
            // A phase with fewer tasks than workers gives each task the spare threads for its percentile pass.
            let threads = max(1, workers / max(1, phase.count))
            let outputs = parallelMap(phase, workers: workers) {
                reduce($0, plan: plan, columns: columns, tail: tail, confidence: analyses.confidenceIntervals, threads: threads)
            }
            for (task, output) in zip(phase, outputs) { results[task] = output }
        }
        let comparisons = pairs.map { results[.comparison($0.0, $0.1)]!.comparison! }
        let demand = results[.column(0, .demandShare)]!.stats!

        let risks = (0..<columns.riskCount).map { k -> RiskSummary in
            // Without branches or overflow checks (a count is at most 65,535 a trial), so the loop vectorises.
            var any = 0, total = 0
            for c in columns.firingsColumn(k) {
                any &+= c > 0 ? 1 : 0
                total &+= Int(c)
            }
            let risk = scenario.risks[k]
            var summary = RiskSummary(name: risk.name, category: risk.category, pFired: share(any, n),
                                      meanFirings: n > 0 ? Double(total) / Double(n) : 0)
            if let insurance = risk.insurance, n > 0 {
                let gross = Stats.moments(UnsafeBufferPointer(columns.riskCostColumn(k, covered: false))).mean
                let covered = Stats.moments(UnsafeBufferPointer(columns.riskCostColumn(k, covered: true))).mean
                let premiums = insurance.premiumMonthly * Double(plan.horizon)
                summary.insurance = InsuranceSummary(meanCostUninsured: gross, meanCovered: covered, premiums: premiums,
                                                     meanCostInsured: gross - covered + premiums)
            }
            return summary
        }
        let launch = columns.hasLaunch ? launchSummary(columns.launchColumn(), planned: plan.launchMonth, horizon: plan.horizon) : nil

        let strategies = (0..<S).map { s -> StrategySummary in
            var outcomes: [String: Stats] = [Outcome.demandShare.key: demand]
            for outcome in columns.outcomes where outcome != .fundingNeed { outcomes[outcome.key] = results[.column(s, outcome)]!.stats! }
            let profit = results[.column(s, .profit)]!
            let c = (loss: profit.count, cashOut: results[.column(s, .minCash)]!.count, histogram: results[.breakeven(s)]!.histogram!)
            let cvar = profit.cvar ?? .nan
            let breakevens = n - c.histogram[0]
            let median = monthQuantile(0.5, c.histogram)
            let cashOut = results[.cashOut(s)]?.histogram
            let cashOutMonth = cashOut.flatMap(monthPercentiles)
            let byYear = cashOut.map { cashOut in
                (0..<plan.years).map { y in share(cashOut[(12 * y + 1)...min(plan.horizon, 12 * y + 12)].reduce(0, +), n) }
            }
            let targets = scenario.targets.enumerated().map { k, t in
                let p = share(columns.targetCounts[s * scenario.targets.count + k], n)
                return TargetResult(name: t.name, probability: p, se: n > 0 ? (p * (1 - p) / Double(n)).squareRoot() : 0)
            }
            let adoption = TrialColumns.adoptionLevels.enumerated().map { level, share in
                reach(share: share, histogram: results[.reach(s, level)]!.histogram!, n: n)
            }
            let strategy = scenario.strategies[s]
            var summary = StrategySummary(
                name: strategy.name, kind: strategy.kind.rawValue, outcomes: outcomes,
                pLoss: share(c.loss, n), pCashOut: share(c.cashOut, n), pBreakeven: share(breakevens, n),
                breakevenMonthP50: median, var95: -(outcomes[Outcome.profit.key]!.p5 ?? .nan), cvar95: cvar, risks: risks, adoption: adoption,
                fundingNeed: results[.column(s, .fundingNeed)]?.stats, cashOutMonth: cashOutMonth, cashOutByYear: byYear, targets: targets,
                drivers: analyses.drivers ? drivers[s].drivers : nil,
                whatHasToBeTrue: analyses.whatHasToBeTrue ? drivers[s].whatHasToBeTrue : nil, byYear: yearFigures?[s])
            summary.revenueLines = lines[s]?.lines
            summary.diversification = lines[s]?.diversification
            if columns.roundCount > 0 {
                (summary.funding, summary.returns) = FundingOutcome.summary(plan, columns, strategy: s, confidence: analyses.confidenceIntervals)
            }
            return summary
        }
        let clamped = zip(scenario.shareInputs.map(\.path), columns.clampCounts).compactMap { input, count in
            count > 0 ? ClampedInput(input: input, share: share(count, n)) : nil
        }
        var summary = Summary(scenario: scenario.name, trials: n, seed: plan.seed, horizonMonths: plan.horizon,
                              strategies: strategies, comparisons: comparisons, clamped: clamped, inputs: scenario.inputs,
                              driverSample: columns.sampleCount, yearSample: columns.yearSample)
        summary.correlations = correlations
        summary.charts = charts
        summary.launch = launch
        return summary
    }

    /// Drivers and what has to be true per strategy, and the achieved rank
    /// correlations, over the driver sample (trials 0 ..< sampleCount), each input ranked once.
    static func driverAnalysis(_ plan: Plan, _ columns: TrialColumns, workers: Int)
        -> ([(drivers: [Driver], whatHasToBeTrue: WhatHasToBeTrue)], [CorrelationResult]) {
        let N = columns.sampleCount
        let S = columns.strategyCount
        guard N > 1 else {
            return (Array(repeating: ([], WhatHasToBeTrue(loss: [], cashOut: [])), count: S),
                    plan.scenario.correlations.map { CorrelationResult(between: $0.between, target: $0.rank, achieved: 0) })
        }
        // The drawn inputs as they are in the columns; the risks' firing counts as doubles, in scratch kept for the analysis.
        let firings = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, columns.riskCount * N))
        defer { firings.deallocate() }
        for k in 0..<columns.riskCount {
            for (i, count) in columns.firingsColumn(k).prefix(N).enumerated() { firings[k * N + i] = Double(count) }
        }
        let named: [(String, UnsafeBufferPointer<Double>)] = plan.driverInputs.enumerated().map { k, input in
            (input.name, UnsafeBufferPointer(columns.sampleColumn(k)))
        } + plan.scenario.risks.enumerated().map { k, risk in
            ("risks.\(risk.name).firings", UnsafeBufferPointer(rebasing: firings[k * N ..< (k + 1) * N]))
        }
        let ranked = parallelMap(named, workers: workers) { DriverAnalysis.rank($0.0, $0.1) }
        let correlations = plan.scenario.correlations.map { c -> CorrelationResult in
            // Correlated inputs are drawn, so both are among the ranked inputs.
            let ranks = c.between.map { name in ranked.first { $0.name == name }!.ranks }
            return CorrelationResult(between: c.between, target: c.rank, achieved: DriverAnalysis.correlation(ranks[0], ranks[1]))
        }
        let perStrategy = parallelMap(Array(0..<S), workers: workers) { s in
            let name = plan.scenario.strategies[s].name
            // A strategy's drivers: the shared inputs, its own, and the risks; not other strategies' own inputs.
            let scope = ranked.filter { !$0.name.hasPrefix("strategies.") || $0.name.hasPrefix("strategies.\(name).") }
            let npv = Array(columns.column(s, .npv).prefix(N))
            let loss = columns.withColumn(s, .profit, rows: 0..<N) { $0.map { $0 < 0 } }
            let cashOut = columns.column(s, .minCash).prefix(N).map { $0 < 0 }
            return (DriverAnalysis.drivers(npv: npv, inputs: scope),
                    WhatHasToBeTrue(loss: DriverAnalysis.medianPercentiles(loss, inputs: scope),
                                    cashOut: DriverAnalysis.medianPercentiles(cashOut, inputs: scope)))
        }
        return (perStrategy, correlations)
    }

    enum Task: Hashable {
        case comparison(Int, Int)
        case column(Int, Outcome)
        case breakeven(Int)
        case reach(Int, Int)
        case cashOut(Int)
    }

    /// What a task found: statistics of a column (with the loss or cash-out
    /// count and CVaR where they apply), a comparison, or a histogram.
    struct Output {
        var stats: Stats?
        var count = 0
        var cvar: Double?
        var comparison: Comparison?
        var histogram: [Int]?
    }

    private static func reduce(_ task: Task, plan: Plan, columns: TrialColumns, tail: Int, confidence: Bool, threads: Int) -> Output {
        let n = columns.count
        switch task {
        case .comparison(let a, let b):
            let xa = columns.column(a, .npv), xb = columns.column(b, .npv)
            return ScratchColumn.with(count: n) { diff in
                var better = 0
                for i in 0..<n {
                    diff[i] = xa[i] - xb[i]
                    if xa[i] > xb[i] { better += 1 }
                }
                let names = plan.scenario.strategies
                return Output(comparison: Comparison(a: names[a].name, b: names[b].name, pABetterNpv: share(better, n),
                                                     npvDifference: Stats.of(diff, confidence: confidence, threads: threads)))
            }
        case .breakeven(let s):
            return Output(histogram: histogram(columns.breakevenColumn(s), horizon: plan.horizon))
        case .cashOut(let s):
            return Output(histogram: histogram(columns.cashOutColumn(s), horizon: plan.horizon))
        case .reach(let s, let level):
            return Output(histogram: histogram(columns.reachColumn(s, level: level), horizon: plan.horizon))
        case .column(let s, let outcome):
            return columns.withColumn(s, outcome) { column in
                var x = column
                var negatives = 0
                if outcome == .profit || outcome == .minCash {
                    for v in x where v < 0 { negatives += 1 }
                }
                if outcome == .roi { x = compactDefined(x) }
                guard outcome == .profit else { return Output(stats: Stats.of(x, confidence: confidence, threads: threads), count: negatives) }
                let stats = Stats.of(x, extraPositions: tail > 0 ? [tail - 1] : [], confidence: confidence, threads: threads)
                var worst = 0.0
                for i in 0..<tail { worst += x[i] }
                return Output(stats: stats, count: negatives, cvar: tail > 0 ? -worst / Double(tail) : nil)
            }
        }
    }

    /// Counts of each month 0…last in a month column (0 = none; `last` is the horizon, or T + 1 where that means "later").
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
        guard let p50 = monthQuantile(0.5, histogram) else { return nil }
        return MonthPercentiles(p10: monthQuantile(0.1, histogram)!, p50: p50, p90: monthQuantile(0.9, histogram)!)
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
    static func launchSummary(_ months: UnsafeMutableBufferPointer<UInt16>, planned: Int, horizon: Int) -> LaunchSummary {
        let h = histogram(months, horizon: horizon + 1)
        let n = months.count
        let late = h[horizon + 1]
        // monthQuantile reads months 1 … T and treats index 0 as "none": the months that launch within the horizon.
        let within = Array(h[0...horizon])
        let delayed = planned < horizon + 1 ? h[(planned + 1)...].reduce(0, +) : 0
        return LaunchSummary(planned: planned, pDelayed: share(delayed, n), pNotWithinHorizon: share(late, n), month: monthPercentiles(within))
    }

    /// ⌈0.05 · n⌉, the number of worst trials CVaR95 averages.
    static func tailCount(_ n: Int) -> Int { Int((0.05 * Double(n)).rounded(.up)) }

    static func share(_ count: Int, _ n: Int) -> Double { n > 0 ? Double(count) / Double(n) : 0 }

    /// Moves the non-NaN values to the front (keeping their order) and returns that prefix.
    private static func compactDefined(_ x: UnsafeMutableBufferPointer<Double>) -> UnsafeMutableBufferPointer<Double> {
        var kept = 0
        for i in 0..<x.count where !x[i].isNaN {
            x[kept] = x[i]
            kept += 1
        }
        return UnsafeMutableBufferPointer(rebasing: x[0..<kept])
    }

    /// `items.map(body)` with the calls spread over `workers` threads; results in item order.
    static func parallelMap<T, R>(_ items: [T], workers: Int, _ body: (T) -> R) -> [R] {
        guard !items.isEmpty else { return [] }
        let out = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        out.initialize(repeating: nil)
        defer { out.deinitialize().deallocate() }
        let lanes = max(1, min(workers, items.count))
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox((items, out, body))
            DispatchQueue.concurrentPerform(iterations: lanes) { _ in
                let (items, out, body) = box.value
                // Tasks differ in cost (a comparison costs two columns): take them one at a time.
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < items.count else { break }
                    out[i] = body(items[i])
                }
            }
        }
        return out.map { $0! }
    }
}

/// Carries values into `concurrentPerform` whose threads write disjoint slots.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
