/// The whole pipeline in one call: compile, simulate, summarize.
public enum Engine {
    /// Runs the scenario and then each of its stress cases on the same trials
    /// (same seed and trial indices, so every draw a case does not change is the base's).
    /// `inspect`, when given, sees the base run's per-trial columns (every drawn input kept) before the summary reorders them:
    /// how a per-trial export streams them out without a copy.
    public static func run(_ scenario: Scenario, workers: Int = Simulator.defaultWorkers, monitor: RunMonitor? = nil,
                           inspect: ((Plan, TrialColumns) -> Void)? = nil) throws(RunError) -> Summary {
        var summary = try runOne(scenario, workers: workers, monitor: monitor, inspect: inspect)
        for c in scenario.stress {
            // The base's trials, seed and horizon, whatever overrode them after loading (--trials, --seed).
            var stressed = c.scenario
            stressed.simulation = scenario.simulation
            let s = try runOne(stressed, workers: workers, monitor: monitor)
            summary.stressCases.append(StressSummary(name: c.name, description: c.description, set: c.set, strategies: s.strategies))
        }
        return summary
    }

    /// Trials a run simulates in all: the base and each stress case.
    public static func totalTrials(_ scenario: Scenario) -> Int { scenario.simulation.trials * (1 + scenario.stress.count) }

    private static func runOne(_ scenario: Scenario, workers: Int, monitor: RunMonitor?,
                               inspect: ((Plan, TrialColumns) -> Void)? = nil) throws(RunError) -> Summary {
        let plan = Plan(scenario)
        let columns = try Simulator.run(plan, workers: workers, monitor: monitor, exportInputs: inspect != nil)
        if columns.mayHaveNonFinite, let bad = columns.firstNonFinite() {
            throw .nonFinite(strategy: scenario.strategies[bad.strategy].name, outcome: bad.outcome.key, trial: bad.trial)
        }
        inspect?(plan, columns)
        let summary = Summarizer.summarize(plan, columns, workers: workers)
        if let figure = summary.firstNonFiniteFigure { throw .nonFiniteStatistic(figure: figure) }
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
