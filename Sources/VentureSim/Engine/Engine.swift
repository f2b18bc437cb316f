/// The whole pipeline in one call: compile, simulate, summarize.
public enum Engine {
    /// Runs the scenario and then each of its stress cases on the same trials
    /// (same seed and trial indices, so every draw a case does not change is the base's).
    /// `inspect`, when given, sees the base run's per-trial columns (every drawn input kept) before the summary
    /// reorders them: how a per-trial export streams them out without a copy.
    public static func run(
        _ scenario: Scenario, workers: Int = Simulator.defaultWorkers, monitor: RunMonitor? = nil,
        inspect: ((Plan, TrialColumns) -> Void)? = nil
    ) throws(RunError) -> Summary {
        try withStressCases(scenario) { k, s throws(RunError) in
            try runOne(s, workers: workers, monitor: monitor, inspect: k == 0 ? inspect : nil)
        }
    }

    /// The base's summary with each stress case's figures appended: `summary(k, s)` is run k's (0 the base, then
    /// each case in order) of scenario `s`.
    static func withStressCases(_ scenario: Scenario, _ summary: (Int, Scenario) throws(RunError) -> Summary)
        throws(RunError) -> Summary
    {
        var base = try summary(0, scenario)
        for (k, (c, stressed)) in zip(scenario.stress, stressScenarios(scenario)).enumerated() {
            let s = try summary(k + 1, stressed)
            base.stressCases.append(
                StressSummary(name: c.name, description: c.description, set: c.set, strategies: s.strategies))
        }
        return base
    }

    /// Each stress case as a scenario with the base's trials, seed and horizon, whatever overrode them after loading
    /// (--trials, --seed).
    static func stressScenarios(_ scenario: Scenario) -> [Scenario] {
        scenario.stress.map { c in
            var stressed = c.scenario
            stressed.simulation = scenario.simulation
            return stressed
        }
    }

    /// The base and every stress case simulated over `trials` only (a shard): their columns, not yet summarised.
    static func simulate(_ scenario: Scenario, trials range: Range<Int>, workers: Int, monitor: RunMonitor?)
        throws(RunError) -> [TrialColumns]
    {
        var out: [TrialColumns] = []
        for s in [scenario] + stressScenarios(scenario) {
            out.append(try Simulator.run(Plan(s), trials: range, workers: workers, monitor: monitor))
        }
        return out
    }

    /// The summary of the base and stress cases from their columns over all trials (merged shards).
    static func summarize(_ scenario: Scenario, _ columns: [TrialColumns], workers: Int) throws(RunError) -> Summary {
        try withStressCases(scenario) { k, s throws(RunError) in try summarizeOne(Plan(s), columns[k], workers: workers)
        }
    }

    private static func summarizeOne(
        _ plan: Plan, _ columns: TrialColumns, workers: Int, early: [Summarizer.Task: Summarizer.Output]? = nil
    ) throws(RunError) -> Summary {
        if columns.mayHaveNonFinite, let bad = columns.firstNonFinite() {
            throw .nonFinite(
                strategy: plan.scenario.strategies[bad.strategy].name, outcome: bad.outcome.key, trial: bad.trial)
        }
        let summary = Summarizer.summarize(plan, columns, workers: workers, choose: nil, early: early)
        if let figure = summary.firstNonFiniteFigure { throw .nonFiniteStatistic(figure: figure) }
        return summary
    }

    /// The summary of the base and stress cases from their sketch accumulators over all trials (merged shards).
    static func summarizeSketches(_ scenario: Scenario, _ accumulators: [SketchAccumulator]) throws(RunError) -> Summary
    {
        try withStressCases(scenario) { k, s throws(RunError) in try summarizeSketch(Plan(s), accumulators[k]) }
    }

    /// The sketch summary of a plan's accumulator, checked as an exact one is.
    static func summarizeSketch(_ plan: Plan, _ accumulator: SketchAccumulator) throws(RunError) -> Summary {
        let summary = SketchSummarizer.summarize(plan, accumulator)
        if let figure = summary.firstNonFiniteFigure { throw .nonFiniteStatistic(figure: figure) }
        return summary
    }

    /// Trials a run simulates in all: the base and each stress case.
    public static func totalTrials(_ scenario: Scenario) -> Int {
        scenario.simulation.trials * (1 + scenario.stress.count)
    }

    private static func runOne(
        _ scenario: Scenario, workers: Int, monitor: RunMonitor?,
        inspect: ((Plan, TrialColumns) -> Void)? = nil
    ) throws(RunError) -> Summary {
        let plan = Plan(scenario)
        if scenario.simulation.summary == .sketch {
            return try summarizeSketch(plan, Simulator.runSketch(plan, workers: workers, monitor: monitor))
        }
        // The sample tasks as soon as their rows are simulated, so the samples are not held to the end.
        nonisolated(unsafe) var early: [Summarizer.Task: Summarizer.Output]?
        let after = Simulator.AfterRows(rows: Summarizer.sampleRows(plan)) {
            early = Summarizer.sampleTasks(plan, $0, workers: workers)
        }
        let columns = try Simulator.run(
            plan, workers: workers, monitor: monitor, exportInputs: inspect != nil, path: .best, after: after)
        if columns.mayHaveNonFinite, let bad = columns.firstNonFinite() {
            throw .nonFinite(
                strategy: scenario.strategies[bad.strategy].name, outcome: bad.outcome.key, trial: bad.trial)
        }
        inspect?(plan, columns)
        let summary = try summarizeOne(plan, columns, workers: workers, early: early)
        ColumnRelease.inBackground(consume columns)
        return summary
    }

    /// `count` draws from one distribution on the stream of (seed, 0): what
    /// `venturesim sample` prints, for checking a family against another library.
    public static func draws(_ distribution: Distribution, count: Int, seed: UInt64) -> [Double] {
        let tables = SamplerTables()
        let sampler = Sampler(distribution, tables: tables)
        let stream = RandomStream(seed: seed)
        stream.select(.shared, trial: 0)
        return withExtendedLifetime(tables) { (0..<count).map { _ in sampler.draw(stream.rng) } }
    }
}
