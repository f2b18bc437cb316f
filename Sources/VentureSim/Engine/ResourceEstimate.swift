/// What a run will need, so a too-large one is refused before it starts
/// rather than killed by the kernel midway.
public enum ResourceEstimate {
    /// Peak bytes of a run: the trial columns plus, while summarizing, one
    /// difference column per concurrent strategy comparison.
    public static func peakBytes(trials: Int, strategies: Int, risks: Int, workers: Int) -> Double {
        let comparisons = min(max(0, strategies * (strategies - 1) / 2), max(1, workers))
        return TrialColumns.bytes(trials: trials, strategies: strategies, risks: risks) + 8 * Double(trials)
            * Double(comparisons)
    }

    /// Peak bytes of a sketch run (`simulation.summary: sketch`): per worker one block's columns and an
    /// accumulator, and the merged one; the blocks' moments are all that grows with the trials.
    public static func sketchPeakBytes(trials: Int, strategies: Int, risks: Int, workers: Int) -> Double {
        let columns = Double(strategies * TrialColumns.outcomesPerStrategy + 1 + strategies * (strategies - 1) / 2)
        let accumulator = columns * 2 * 8 * Double(QuantileSketch.bucketCount)
        let blocks = Double((trials + Simulator.blockSize - 1) / Simulator.blockSize)
        return Double(workers + 1)
            * (accumulator + TrialColumns.bytes(trials: Simulator.blockSize, strategies: strategies, risks: risks))
            + blocks * columns * 3 * 8 * 2
    }

    /// Address space a thread reserves beyond what it touches: its stack (8 MiB) and glibc's malloc arena (64 MiB),
    /// both counted by `ulimit -v` (RLIMIT_AS) from the moment they are mapped. Measured: each worker more raises a
    /// run's peak virtual size by about 74 MiB.
    public static let threadReservation = 72.0 * 1_048_576

    /// Address space a run takes beyond the process's as it starts: its peak bytes, the summary's scratch
    /// (per summarizing thread a derived column and the bracketed selection's gathered values and their copy, each at
    /// most a column: `BracketSelection.scratchLimit`), and each thread's reservation, the workers' and the summary's.
    public static func addressSpaceBytes(_ scenario: Scenario, workers: Int) -> Double {
        let s = scenario.simulation
        let (S, R) = (scenario.strategies.count, scenario.risks.count)
        let resident =
            s.summary == .sketch
            ? sketchPeakBytes(trials: s.trials, strategies: S, risks: R, workers: workers)
            : peakBytes(trials: s.trials, strategies: S, risks: R, workers: workers)
        let scratch = s.summary == .sketch ? 0 : 3 * 8 * Double(s.trials) * Double(workers)
        return resident + scratch + threadReservation * Double(workers + 2)
    }

    /// A message naming the scenario when its run would not fit in `left` bytes of address space (what `ulimit -v`
    /// leaves); nil when it fits or there is no such limit. A run that does not fit would end in a failed allocation
    /// midway (a trap, where the allocation is Swift's): it is refused before it starts instead.
    public static func addressSpaceRefusal(_ scenario: Scenario, workers: Int, left: Double?) -> String? {
        guard let left else { return nil }
        let need = addressSpaceBytes(scenario, workers: workers)
        guard need > 0.9 * left else { return nil }
        let gib = { (x: Double) in NumberFormat.fixed(x / 1_073_741_824, 2) + " GiB" }
        return
            "\(scenario.name): \(NumberFormat.grouped(Int64(scenario.simulation.trials))) trials on \(workers) "
            + "worker\(workers == 1 ? "" : "s") need about "
            + "\(gib(need)) of address space, more than the \(gib(left)) the address-space limit (ulimit -v) leaves; "
            + "lower --trials or --workers, or raise the limit."
    }

    /// A message when `scenario` would need more than `budget` bytes; nil when it fits.
    /// When an exact summary does not fit but a sketch would, the message offers the sketch.
    public static func refusal(_ scenario: Scenario, workers: Int, budget: Double) -> String? {
        let s = scenario.simulation
        let (S, R) = (scenario.strategies.count, scenario.risks.count)
        let sketch = sketchPeakBytes(trials: s.trials, strategies: S, risks: R, workers: workers)
        let need =
            s.summary == .sketch ? sketch : peakBytes(trials: s.trials, strategies: S, risks: R, workers: workers)
        guard need > budget else { return nil }
        let gib = { (x: Double) in NumberFormat.fixed(x / 1_073_741_824, 2) + " GiB" }
        let what =
            "\(scenario.name): \(NumberFormat.grouped(Int64(s.trials))) trials × \(S) strategies (and \(R) risks) need "
            + "about \(gib(need)) of memory"
        if s.summary == .sketch {
            return what
                + " for a sketch summary, more than the \(gib(budget)) this run may use; lower --trials or --workers."
        }
        let offer =
            sketch <= budget && scenario.sketchUnsupported == nil
            ? "; lower --trials (memory grows linearly with trials), or summarise by sketches in about \(gib(sketch)): "
                + "--set simulation.summary=sketch (percentiles within "
                + "\(NumberFormat.probability(QuantileSketch.relativeError)), counts exact)."
            : "; lower --trials (memory grows linearly with trials)."
        return what + " for exact percentiles, more than the \(gib(budget)) this run may use" + offer
    }
}
