/// What a run will need, so a too-large one is refused before it starts
/// rather than killed by the kernel midway.
public enum ResourceEstimate {
    /// Peak bytes of a run: the trial columns plus, while summarizing, one
    /// difference column per concurrent strategy comparison.
    public static func peakBytes(trials: Int, strategies: Int, risks: Int, workers: Int) -> Double {
        let comparisons = min(max(0, strategies * (strategies - 1) / 2), max(1, workers))
        return TrialColumns.bytes(trials: trials, strategies: strategies, risks: risks) + 8 * Double(trials) * Double(comparisons)
    }

    /// A message when `scenario` would need more than `budget` bytes; nil when it fits.
    public static func refusal(_ scenario: Scenario, workers: Int, budget: Double) -> String? {
        let s = scenario.simulation
        let need = peakBytes(trials: s.trials, strategies: scenario.strategies.count, risks: scenario.risks.count, workers: workers)
        guard need > budget else { return nil }
        let gib = { (x: Double) in NumberFormat.fixed(x / 1_073_741_824, 2) + " GiB" }
        return "\(scenario.name): \(NumberFormat.grouped(Int64(s.trials))) trials × \(scenario.strategies.count) strategies "
            + "(and \(scenario.risks.count) risks) need about \(gib(need)) of memory for exact percentiles, "
            + "more than the \(gib(budget)) this run may use; lower --trials (memory grows linearly with trials)."
    }
}
