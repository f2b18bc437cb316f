/// Turns a run's trial columns into its `Summary` (docs/model.md#the-model-month-by-month).
///
/// Columns are reduced in parallel, as tasks of one schedule (`TaskSchedule`); a column's sums run in trial order on
/// one thread and its percentile pass may be shared by spare threads (integer counts, selection by value), so the
/// digits do not depend on how many threads share the work or in which order the tasks run. The columns are reordered
/// in place (percentiles are found by selection), so they are consumed.
public enum Summarizer {
    public static func summarize(_ plan: Plan, _ columns: TrialColumns, workers: Int = Simulator.defaultWorkers)
        -> Summary
    {
        summarize(plan, columns, workers: workers, choose: nil)
    }

    /// The same; `choose` picks which of the ready tasks runs next (its place among them), for tests: any order the
    /// declared readers allow gives the same summary. `early`: the sample tasks' results (`sampleTasks`), when they
    /// ran before.
    static func summarize(
        _ plan: Plan, _ columns: TrialColumns, workers: Int, choose: (([Task]) -> Int)?, early: [Task: Output]? = nil
    ) -> Summary {
        let pairs = Self.pairs(columns.strategyCount)
        let early = early ?? sampleTasks(plan, columns, workers: workers, choose: choose)
        let work = Work(plan, columns, pairs: pairs, inputs: driverInputCount(plan, columns), workers: workers)
        let pick = choose.map { choose in { (ready: [Int]) in ready[choose(ready.map { work.tasks[$0] })] } }
        // The tasks' scratch columns, and the stored columns once summarised: no task reads them again.
        let pool = ScratchPool()
        defer { pool.drain() }
        let outputs = TaskSchedule.run(
            work.tasks.count, prerequisites: work.prerequisites, workers: workers, choose: pick
        ) { i, done -> Output in
            if let output = early[work.tasks[i]] { return output }
            let results = { (task: Task) in work.index[task].map(done) }
            let output = run(
                work.tasks[i], plan: plan, columns: columns, work: work, pool: pool, named: [], firings: nil,
                done: results)
            if Work.releases(work.tasks[i]), case .column(let s, let o) = work.tasks[i] {
                pool.donate(columns.column(s, o))
            }
            return output
        }
        return assemble(
            plan, columns, Results(index: work.index, outputs: outputs), pairs: pairs,
            inputs: driverInputCount(plan, columns))
    }

    /// Every pair of strategies (a, b), a < b, in order: the comparisons.
    static func pairs(_ S: Int) -> [(Int, Int)] { (0..<S).flatMap { a in (a + 1..<S).map { (a, $0) } } }

    /// The inputs the driver analysis ranks: the drawn inputs, then each risk's firings (none without a sample).
    private static func driverInputCount(_ plan: Plan, _ columns: TrialColumns) -> Int {
        columns.sampleCount > 1 ? plan.driverInputs.count + columns.riskCount : 0
    }

    /// The results of the tasks that read only the samples and the first `sampleRows` rows of the columns (ranks,
    /// drivers, curves, year by year, cash bands), then the samples handed back to the system: run as soon as those
    /// rows are simulated (`Simulator.AfterRows`), they leave the rest of the run without the samples' memory
    /// (docs/performance.md#memory).
    static func sampleTasks(_ plan: Plan, _ columns: TrialColumns, workers: Int, choose: (([Task]) -> Int)? = nil)
        -> [Task: Output]
    {
        let pairs = Self.pairs(columns.strategyCount)
        // The driver sample's inputs: the drawn inputs as they are in the columns, the risks' firing counts as
        // doubles in scratch (filled by their rank tasks) kept for the analysis.
        let N = columns.sampleCount
        let firings = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, columns.riskCount * N))
        defer { firings.deallocate() }
        let named: [(name: String, values: UnsafeBufferPointer<Double>)] =
            N > 1
            ? plan.driverInputs.enumerated().map { k, input in
                (input.name, UnsafeBufferPointer(columns.sampleColumn(k)))
            }
                + plan.scenario.risks.enumerated().map { k, risk in
                    ("risks.\(risk.name).firings", UnsafeBufferPointer(rebasing: firings[k * N..<(k + 1) * N]))
                } : []
        let work = Work(plan, columns, pairs: pairs, inputs: named.count, workers: workers)
        // The sample tasks, with their prerequisites among them (a drivers task waits for the ranks).
        let chosen = work.tasks.indices.filter { work.tasks[$0].readsOnlySamples }
        let place = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, $0) })
        let pick = choose.map { choose in { (ready: [Int]) in ready[choose(ready.map { work.tasks[chosen[$0]] })] } }
        let outputs = TaskSchedule.run(
            chosen.count, prerequisites: chosen.map { work.prerequisites[$0].compactMap { place[$0] } },
            workers: workers, choose: pick
        ) { i, done -> Output in
            let results = { (task: Task) in work.index[task].flatMap { place[$0] }.map(done) }
            return run(
                work.tasks[chosen[i]], plan: plan, columns: columns, work: work, pool: nil, named: named,
                firings: firings, done: results)
        }
        columns.releaseSamples()
        return Dictionary(uniqueKeysWithValues: zip(chosen.map { work.tasks[$0] }, outputs))
    }

    /// The rows the sample tasks read: the driver, year-by-year and cash samples and the charts' curves.
    static func sampleRows(_ plan: Plan) -> Int {
        max(
            plan.driverSample, plan.yearSample, plan.cashSample,
            plan.analyses.charts ? min(plan.trials, ChartData.sampleLimit) : 0)
    }

    /// Runs one task, its scratch columns from `pool` (nil for the sample tasks, which take none). (About 40 lines:
    /// one case per task kind, each a call.)
    private static func run(
        _ task: Task, plan: Plan, columns: TrialColumns, work: Work, pool: ScratchPool?,
        named: [(name: String, values: UnsafeBufferPointer<Double>)], firings: UnsafeMutableBufferPointer<Double>?,
        done: (Task) -> Output?
    ) -> Output {
        let confidence = plan.analyses.confidenceIntervals
        let N = columns.sampleCount
        let pool = pool ?? ScratchPool(keep: 1)
        switch task {
        case .rank(let k):
            if k >= plan.driverInputs.count, let firings {
                let r = k - plan.driverInputs.count
                for (i, count) in columns.firingsColumn(r).prefix(N).enumerated() { firings[r * N + i] = Double(count) }
            }
            return .ranked(DriverAnalysis.rank(named[k].name, named[k].values))
        case .drivers(let s):
            let scope = DriverAnalysis.inputs(ranked(named.count, done), of: [plan.scenario.strategies[s].name])
            let npv = Array(columns.column(s, .npv).prefix(N))
            let loss = columns.withColumn(s, .profit, rows: 0..<N) { $0.map { $0 < 0 } }
            let cashOut = columns.column(s, .minCash).prefix(N).map { $0 < 0 }
            return .drivers(
                DriverAnalysis.drivers(npv: npv, inputs: scope),
                WhatHasToBeTrue(
                    loss: DriverAnalysis.medianPercentiles(loss, inputs: scope),
                    cashOut: DriverAnalysis.medianPercentiles(cashOut, inputs: scope)))
        case .comparisonDrivers(let a, let b):
            let names = [a, b].map { plan.scenario.strategies[$0].name }
            let scope = DriverAnalysis.inputs(ranked(named.count, done), of: names)
            let (xa, xb) = (columns.column(a, .npv), columns.column(b, .npv))
            // The difference as the comparison takes it, trial by trial over the driver sample.
            return .comparisonDrivers(DriverAnalysis.drivers(npv: (0..<N).map { xa[$0] - xb[$0] }, inputs: scope))
        case .curves(let s):
            let curves = ChartData.curves(columns, strategy: s)
            return .curves(npv: curves.npv, fundingNeed: curves.fundingNeed)
        case .cashBand(let s, let month):
            return .band(ChartData.band(columns, strategy: s, month: month))
        case .years(let s):
            return .years(YearByYear.figures(columns, strategy: s, horizon: plan.horizon, confidence: confidence))
        case .lines(let s):
            return .lines(RevenueLines.summary(plan, columns, strategy: s, confidence: confidence, scratch: pool))
        case .funding(let s):
            return .funding(
                FundingOutcome.summary(plan, columns, strategy: s, confidence: confidence, scratch: pool))
        case .round(let s, let k):
            let round = FundingOutcome.round(
                plan, columns, strategy: s, round: k, confidence: confidence, scratch: pool)
            return .round(round.0, round.1)
        case .risk(let k):
            return .risk(riskSummary(plan, columns, risk: k))
        case .launch:
            return .launch(launchSummary(columns.launchColumn(), planned: plan.launchMonth, horizon: plan.horizon))
        case .comparison, .column, .breakeven, .reach, .cashOut:
            return reduce(
                task, plan: plan, columns: columns, tail: tailCount(columns.count), confidence: confidence,
                threads: work.threads(task), scratch: pool)
        }
    }

    /// The ranked inputs a drivers task reads. Every rank task is among its prerequisites (`Task.needs`): a missing
    /// one is a scheduling defect, so stop rather than rank the drivers over too few inputs.
    private static func ranked(_ count: Int, _ done: (Task) -> Output?) -> [DriverAnalysis.Ranked] {
        (0..<count).map { k -> DriverAnalysis.Ranked in
            guard case .ranked(let x)? = done(.rank(k)) else {
                preconditionFailure("the summary's schedule has no rank result for input \(k)")
            }
            return x
        }
    }

    /// The summary from the tasks' results: each strategy's figures (`StrategyFigures`, shared with the sketch
    /// summary), then the analyses only every trial's columns give.
    private static func assemble(
        _ plan: Plan, _ columns: TrialColumns, _ results: Results, pairs: [(Int, Int)], inputs: Int
    ) -> Summary {
        let scenario = plan.scenario
        let n = columns.count, S = columns.strategyCount
        let analyses = plan.analyses
        let comparisons = pairs.map { a, b in
            var c = results.required(.comparison(a, b), results.comparison)
            c.drivers = analyses.drivers ? results.comparisonDrivers(.comparisonDrivers(a, b)) ?? [] : nil
            return c
        }
        let demand = results.required(.column(0, .demandShare), results.column).stats
        let ranked = (0..<inputs).map { results.required(.rank($0), results.ranked) }
        let correlations = scenario.correlations.map { c -> CorrelationResult in
            // Correlated inputs are drawn, so both are among the ranked inputs (when there is a sample to rank).
            let ranks = c.between.map { name in ranked.first { $0.name == name }?.ranks }
            guard let a = ranks[0], let b = ranks[1] else {
                return CorrelationResult(between: c.between, target: c.rank, achieved: 0)
            }
            return CorrelationResult(between: c.between, target: c.rank, achieved: DriverAnalysis.correlation(a, b))
        }
        let charts =
            ChartData.kept(plan, columns)
            ? ChartData(
                plan, columns, curves: (0..<S).map { results.required(.curves($0), results.curves) },
                bands: (0..<S).map { s in
                    ChartData.months(plan, columns).map { results.required(.cashBand(s, $0), results.band) }
                })
            : nil
        let risks = (0..<columns.riskCount).map { results.required(.risk($0), results.risk) }
        let T = scenario.targets.count
        let strategies = (0..<S).map { s -> StrategySummary in
            var outcomes: [String: Stats] = [Outcome.demandShare.key: demand]
            for outcome in columns.outcomes where outcome != .fundingNeed {
                outcomes[outcome.key] = results.required(.column(s, outcome), results.column).stats
            }
            let profit = results.required(.column(s, .profit), results.column)
            let figures = StrategyFigures(
                outcomes: outcomes, losses: profit.negatives,
                cashShortfalls: results.required(.column(s, .minCash), results.column).negatives,
                cvar95: profit.cvar ?? .nan, breakeven: results.required(.breakeven(s), results.histogram),
                cashOut: results.histogram(.cashOut(s)),
                reach: TrialColumns.adoptionLevels.indices.map { results.required(.reach(s, $0), results.histogram) },
                targetHits: Array(columns.targetCounts[(s * T)..<(s * T + T)]),
                fundingNeed: results.column(.column(s, .fundingNeed))?.stats)
            var summary = figures.summary(plan, strategy: s, trials: n, risks: risks)
            let drivers = results.drivers(.drivers(s)) ?? ([], WhatHasToBeTrue(loss: [], cashOut: []))
            summary.drivers = analyses.drivers ? drivers.0 : nil
            summary.whatHasToBeTrue = analyses.whatHasToBeTrue ? drivers.1 : nil
            summary.byYear = results.years(.years(s))
            let lines = results.lines(.lines(s))
            summary.revenueLines = lines?.lines
            summary.diversification = lines?.diversification
            if var funding = results.funding(.funding(s)) {
                let rounds = (0..<columns.roundCount).map { results.required(.round(s, $0), results.round) }
                funding.rounds = rounds.map(\.0)
                summary.funding = funding
                summary.returns = plan.scenario.exit == nil ? nil : rounds.compactMap(\.1)
            }
            // Read by nothing else, so its order may change (docs/model.md#willingness-to-pay).
            if columns.hasPriceShare && n > 0 {
                summary.priceShareKept = Stats.of(columns.priceShareColumn(s), confidence: false)
            }
            return summary
        }
        let clamped = zip(scenario.shareInputs.map(\.path), columns.clampCounts).compactMap { input, count in
            count > 0 ? ClampedInput(input: input, share: share(count, n)) : nil
        }
        var summary = Summary(
            scenario: scenario.name, trials: n, seed: plan.seed, horizonMonths: plan.horizon,
            strategies: strategies, comparisons: comparisons, clamped: clamped, inputs: scenario.inputs,
            driverSample: columns.sampleCount, yearSample: columns.yearSample)
        summary.correlations = correlations
        summary.charts = charts
        summary.launch = results.launch(.launch)
        return summary
    }
}
