/// The whole pipeline in one call: compile, simulate, summarize.
public enum Engine {
    public static func run(_ scenario: Scenario, workers: Int = Simulator.defaultWorkers, monitor: RunMonitor? = nil) throws(RunError) -> Summary {
        let plan = Plan(scenario)
        let columns = try Simulator.run(plan, workers: workers, monitor: monitor)
        if columns.mayHaveNonFinite, let bad = columns.firstNonFinite() {
            throw .nonFinite(strategy: scenario.strategies[bad.strategy].name, outcome: bad.outcome.key, trial: bad.trial)
        }
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
