/// Turns a run's trial columns into its `Summary` (MODEL.md §6).
///
/// Columns are reduced in parallel, as tasks of one schedule (`TaskSchedule`); a column's sums run in trial order on
/// one thread and its percentile pass may be shared by spare threads (integer counts, selection by value), so the
/// digits do not depend on how many threads share the work or in which order the tasks run. The columns are reordered in
/// place (percentiles are found by selection), so they are consumed.
public enum Summarizer {
    public static func summarize(_ plan: Plan, _ columns: TrialColumns, workers: Int = Simulator.defaultWorkers) -> Summary {
        summarize(plan, columns, workers: workers, choose: nil)
    }

    /// The same; `choose` picks which of the ready tasks runs next (its place among them), for tests: any order the
    /// declared readers allow gives the same summary.
    static func summarize(_ plan: Plan, _ columns: TrialColumns, workers: Int, choose: (([Task]) -> Int)?) -> Summary {
        let scenario = plan.scenario
        let n = columns.count
        let S = columns.strategyCount
        let pairs = (0..<S).flatMap { a in (a + 1..<S).map { (a, $0) } }
        let analyses = plan.analyses

        // The driver sample's inputs: the drawn inputs as they are in the columns, the risks' firing counts as
        // doubles in scratch (filled by their rank tasks) kept for the analysis.
        let N = columns.sampleCount
        let firings = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, columns.riskCount * N))
        defer { firings.deallocate() }
        let named: [(name: String, values: UnsafeBufferPointer<Double>)] = N > 1 ? plan.driverInputs.enumerated().map { k, input in
            (input.name, UnsafeBufferPointer(columns.sampleColumn(k)))
        } + scenario.risks.enumerated().map { k, risk in
            ("risks.\(risk.name).firings", UnsafeBufferPointer(rebasing: firings[k * N ..< (k + 1) * N]))
        } : []

        let work = Work(plan, columns, pairs: pairs, inputs: named.count, workers: workers)
        let pick = choose.map { choose in { (ready: [Int]) in ready[choose(ready.map { work.tasks[$0] })] } }
        let results = TaskSchedule.run(work.tasks.count, prerequisites: work.prerequisites, workers: workers, choose: pick) { i, done -> Output in
            switch work.tasks[i] {
            case .rank(let k):
                if k >= plan.driverInputs.count {
                    let r = k - plan.driverInputs.count
                    for (i, count) in columns.firingsColumn(r).prefix(N).enumerated() { firings[r * N + i] = Double(count) }
                }
                return Output(ranked: DriverAnalysis.rank(named[k].name, named[k].values))
            case .drivers(let s):
                let ranked = named.indices.map { done(work.index[.rank($0)]!).ranked! }
                let name = scenario.strategies[s].name
                // A strategy's drivers: the shared inputs, its own, and the risks; not other strategies' own inputs.
                let scope = ranked.filter { !$0.name.hasPrefix("strategies.") || $0.name.hasPrefix("strategies.\(name).") }
                let npv = Array(columns.column(s, .npv).prefix(N))
                let loss = columns.withColumn(s, .profit, rows: 0..<N) { $0.map { $0 < 0 } }
                let cashOut = columns.column(s, .minCash).prefix(N).map { $0 < 0 }
                return Output(drivers: (DriverAnalysis.drivers(npv: npv, inputs: scope),
                                        WhatHasToBeTrue(loss: DriverAnalysis.medianPercentiles(loss, inputs: scope),
                                                        cashOut: DriverAnalysis.medianPercentiles(cashOut, inputs: scope))))
            case .curves(let s):
                return Output(curves: ChartData.curves(columns, strategy: s))
            case .cashBand(let s, let month):
                return Output(band: ChartData.band(columns, strategy: s, month: month))
            case .years(let s):
                return Output(years: YearByYear.figures(columns, strategy: s, horizon: plan.horizon, confidence: analyses.confidenceIntervals))
            case .lines(let s):
                return Output(lines: RevenueLines.summary(plan, columns, strategy: s, confidence: analyses.confidenceIntervals))
            case .funding(let s):
                return Output(funding: FundingOutcome.summary(plan, columns, strategy: s, confidence: analyses.confidenceIntervals))
            case .risk(let k):
                return Output(risk: riskSummary(plan, columns, risk: k))
            case .launch:
                return Output(launch: launchSummary(columns.launchColumn(), planned: plan.launchMonth, horizon: plan.horizon))
            default:
                return reduce(work.tasks[i], plan: plan, columns: columns, tail: tailCount(n), confidence: analyses.confidenceIntervals,
                              threads: work.threads(work.tasks[i]))
            }
        }
        func result(_ task: Task) -> Output? { work.index[task].map { results[$0] } }

        let comparisons = pairs.map { result(.comparison($0.0, $0.1))!.comparison! }
        let demand = result(.column(0, .demandShare))!.stats!
        let ranked = named.indices.map { result(.rank($0))!.ranked! }
        let correlations = scenario.correlations.map { c -> CorrelationResult in
            // Correlated inputs are drawn, so both are among the ranked inputs (when there is a sample to rank).
            let ranks = c.between.map { name in ranked.first { $0.name == name }?.ranks }
            guard let a = ranks[0], let b = ranks[1] else { return CorrelationResult(between: c.between, target: c.rank, achieved: 0) }
            return CorrelationResult(between: c.between, target: c.rank, achieved: DriverAnalysis.correlation(a, b))
        }
        let charts = ChartData.kept(plan, columns) ? ChartData(plan, columns, curves: (0..<S).map { result(.curves($0))!.curves! },
                                                              bands: (0..<S).map { s in
                                                                  (0..<ChartData.months(plan, columns)).map { result(.cashBand(s, $0 + 1))!.band! }
                                                              }) : nil
        let risks = (0..<columns.riskCount).map { result(.risk($0))!.risk! }

        let strategies = (0..<S).map { s -> StrategySummary in
            var outcomes: [String: Stats] = [Outcome.demandShare.key: demand]
            for outcome in columns.outcomes where outcome != .fundingNeed { outcomes[outcome.key] = result(.column(s, outcome))!.stats! }
            let profit = result(.column(s, .profit))!
            let c = (loss: profit.count, cashOut: result(.column(s, .minCash))!.count, histogram: result(.breakeven(s))!.histogram!)
            let cvar = profit.cvar ?? .nan
            let breakevens = n - c.histogram[0]
            let median = monthQuantile(0.5, c.histogram)
            let cashOut = result(.cashOut(s))?.histogram
            let cashOutMonth = cashOut.flatMap(monthPercentiles)
            let byYear = cashOut.map { cashOut in
                (0..<plan.years).map { y in share(cashOut[(12 * y + 1)...min(plan.horizon, 12 * y + 12)].reduce(0, +), n) }
            }
            let targets = scenario.targets.enumerated().map { k, t in
                let p = share(columns.targetCounts[s * scenario.targets.count + k], n)
                return TargetResult(name: t.name, probability: p, se: n > 0 ? (p * (1 - p) / Double(n)).squareRoot() : 0)
            }
            let adoption = TrialColumns.adoptionLevels.enumerated().map { level, share in
                reach(share: share, histogram: result(.reach(s, level))!.histogram!, n: n)
            }
            let drivers = result(.drivers(s))?.drivers ?? ([], WhatHasToBeTrue(loss: [], cashOut: []))
            let strategy = scenario.strategies[s]
            var summary = StrategySummary(
                name: strategy.name, kind: strategy.kind.rawValue, outcomes: outcomes,
                pLoss: share(c.loss, n), pCashOut: share(c.cashOut, n), pBreakeven: share(breakevens, n),
                breakevenMonthP50: median, var95: -(outcomes[Outcome.profit.key]!.p5 ?? .nan), cvar95: cvar, risks: risks, adoption: adoption,
                fundingNeed: result(.column(s, .fundingNeed))?.stats, cashOutMonth: cashOutMonth, cashOutByYear: byYear, targets: targets,
                drivers: analyses.drivers ? drivers.0 : nil,
                whatHasToBeTrue: analyses.whatHasToBeTrue ? drivers.1 : nil, byYear: result(.years(s))?.years)
            let lines = result(.lines(s))?.lines
            summary.revenueLines = lines?.lines
            summary.diversification = lines?.diversification
            if let funding = result(.funding(s))?.funding { (summary.funding, summary.returns) = funding }
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
        summary.launch = result(.launch)?.launch
        return summary
    }

    /// One piece of the summary's work.
    enum Task: Hashable {
        /// Input `k` of the driver sample ranked (the drawn inputs in `Plan.driverInputs` order, then each risk's firings).
        case rank(Int)
        /// A strategy's drivers and what has to be true, from the ranks.
        case drivers(Int)
        /// A strategy's NPV and funding-need curves for the charts.
        case curves(Int)
        /// A strategy's cash band in a month (1 … T) for the charts.
        case cashBand(Int, Int)
        case years(Int)
        case lines(Int)
        case funding(Int)
        case comparison(Int, Int)
        case column(Int, Outcome)
        case breakeven(Int)
        case reach(Int, Int)
        case cashOut(Int)
        case risk(Int)
        case launch
    }

    /// What a task found: statistics of a column (with the loss or cash-out count and CVaR where they apply), a
    /// comparison, a histogram, or one of the other pieces.
    struct Output {
        var stats: Stats?
        var count = 0
        var cvar: Double?
        var comparison: Comparison?
        var histogram: [Int]?
        var ranked: DriverAnalysis.Ranked?
        var drivers: ([Driver], WhatHasToBeTrue)?
        var curves: (npv: [Double], fundingNeed: [Double]?)?
        var band: ChartData.MonthBand?
        var years: [YearFigures]?
        var lines: (lines: [RevenueLineSummary], diversification: Diversification)?
        var funding: (FundingSummary, [ReturnSummary]?)?
        var risk: RiskSummary?
        var launch: LaunchSummary?
    }

    /// The summary's tasks in priority order, and what each waits for.
    ///
    /// Every task that reads a column in trial order (the comparisons, profit and roi from revenue and cost, the
    /// drivers, the chart curves, the revenue lines) comes before the task that reorders that column, and that task
    /// waits for it; besides, the drivers wait for the ranks, and nothing else waits. Long tasks come first, short ones (month histograms, cash bands) last, so a
    /// thread that runs out of long ones fills the gaps.
    struct Work {
        var tasks: [Task] = []
        var prerequisites: [[Int]] = []
        var index: [Task: Int] = [:]
        /// Threads for a column's percentile pass: the spare ones when its group has fewer columns than workers.
        let derivedThreads: Int, columnThreads: Int, npvThreads: Int

        init(_ plan: Plan, _ columns: TrialColumns, pairs: [(Int, Int)], inputs: Int, workers: Int) {
            let S = columns.strategyCount
            let analyses = plan.analyses
            let derived = columns.outcomes.filter(\.isDerived)
            let stored = columns.outcomes.filter { $0 != .npv && !$0.isDerived }
            derivedThreads = max(1, workers / max(1, S * derived.count))
            columnThreads = max(1, workers / max(1, S * stored.count + pairs.count + 1))
            npvThreads = max(1, workers / max(1, S))

            // Who reads a stored column in trial order before its task reorders it.
            func readers(_ s: Int, _ o: Outcome) -> [Task] {
                switch o {
                case .revenue, .cost: derived.map { .column(s, $0) } + [.drivers(s), .lines(s)]
                case .minCash: [.drivers(s)]
                case .fundingNeed: [.curves(s)]
                default: []
                }
            }
            // The tasks with scratch columns first, while nothing else is held (the run's memory peak).
            for (a, b) in pairs { add(.comparison(a, b)) }
            for s in 0..<S { for o in derived { add(.column(s, o)) } }
            for k in 0..<inputs { add(.rank(k)) }
            for s in 0..<S {
                if ChartData.kept(plan, columns) { add(.curves(s)) }
                if analyses.byYear { add(.years(s)) }
                if !plan.scenario.strategies[s].revenueLines.isEmpty { add(.lines(s)) }
                if columns.roundCount > 0 { add(.funding(s)) }
            }
            // Columns no driver task reads, between the ranks and the drivers that wait for all of them.
            for s in 0..<S { for o in stored where !readers(s, o).contains(.drivers(s)) { add(.column(s, o), after: readers(s, o)) } }
            add(.column(0, .demandShare))
            if inputs > 0 { for s in 0..<S { add(.drivers(s), after: (0..<inputs).map(Task.rank)) } }
            for s in 0..<S { for o in stored where readers(s, o).contains(.drivers(s)) { add(.column(s, o), after: readers(s, o)) } }
            for s in 0..<S {
                add(.column(s, .npv), after: pairs.filter { $0.0 == s || $0.1 == s }.map { .comparison($0.0, $0.1) } + [.drivers(s), .curves(s)])
            }
            for s in 0..<S {
                add(.breakeven(s))
                if columns.hasFundingNeed { add(.cashOut(s)) }
                for level in TrialColumns.adoptionLevels.indices { add(.reach(s, level)) }
            }
            for k in 0..<columns.riskCount { add(.risk(k)) }
            if columns.hasLaunch { add(.launch) }
            let months = ChartData.months(plan, columns)
            if months > 0 { for s in 0..<S { for month in 1...months { add(.cashBand(s, month)) } } }
        }

        /// Adds `task`, to run after those of `after` that are in the list.
        private mutating func add(_ task: Task, after: [Task] = []) {
            index[task] = tasks.count
            prerequisites.append(after.compactMap { index[$0] })
            tasks.append(task)
        }

        func threads(_ task: Task) -> Int {
            guard case .column(_, let outcome) = task else { return columnThreads }
            return outcome == .npv ? npvThreads : outcome.isDerived ? derivedThreads : columnThreads
        }
    }

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

    private static func reduce(_ task: Task, plan: Plan, columns: TrialColumns, tail: Int, confidence: Bool, threads: Int) -> Output {
        let n = columns.count
        switch task {
        case .comparison(let a, let b):
            let xa = columns.column(a, .npv), xb = columns.column(b, .npv)
            return ScratchColumn.with(count: n) { diff in
                var better = 0
                for i in 0..<n {
                    diff[i] = xa[i] - xb[i]
                    better &+= xa[i] > xb[i] ? 1 : 0
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
                let negatives = outcome == .profit || outcome == .minCash ? Stats.negatives(UnsafeBufferPointer(x)) : 0
                if outcome == .roi { x = compactDefined(x) }
                guard outcome == .profit else { return Output(stats: Stats.of(x, confidence: confidence, threads: threads), count: negatives) }
                let stats = Stats.of(x, extraPositions: tail > 0 ? [tail - 1] : [], confidence: confidence, threads: threads)
                var worst = 0.0
                for i in 0..<tail { worst += x[i] }
                return Output(stats: stats, count: negatives, cvar: tail > 0 ? -worst / Double(tail) : nil)
            }
        default:
            preconditionFailure("\(task) is not a column reduction")
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
}

/// Carries values into `concurrentPerform` whose threads write disjoint slots.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
