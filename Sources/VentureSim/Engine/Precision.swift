/// Runs a scenario with as many trials as it takes for every strategy's mean
/// NPV to be known to a relative precision: the 95 % half-width 1.96 · s.e.
/// at most `relative` × |mean|.
///
/// Trial counts are whole blocks, so the run that stops is exactly the run of
/// that many trials: `--trials N` with the printed N reproduces it to the last digit.
public enum Precision {
    /// What a precision run found, recorded in the JSON's `run` object and the report.
    public struct Outcome: Codable, Sendable, Equatable {
        public var relative: Double
        public var reached: Bool
        public var trials: Int
    }

    /// The first run has this many blocks (unless the maximum is smaller).
    public static let startBlocks = 8

    /// Whether every strategy's mean NPV is within `relative` (95 % half-width over |mean|).
    public static func isReached(_ summary: Summary, relative: Double) -> Bool {
        summary.strategies.allSatisfy { s in
            let npv = s.outcome(.npv)
            guard let mean = npv.mean, let se = npv.se else { return false }
            return 1.959963984540054 * se <= relative * abs(mean)
        }
    }

    /// The trials the next run needs: the current count scaled by the square of
    /// the worst ratio of half-width to allowed width, at least doubled, in whole blocks.
    static func nextTrials(_ summary: Summary, relative: Double, current: Int, maxTrials: Int) -> Int {
        let worst =
            summary.strategies.map { s -> Double in
                let npv = s.outcome(.npv)
                guard let mean = npv.mean, let se = npv.se, mean != 0 else { return .infinity }
                return 1.959963984540054 * se / (relative * abs(mean))
            }.max() ?? 1
        let wanted = worst.isFinite ? Double(current) * worst * worst * 1.1 : .infinity
        let grown = max(wanted, 2 * Double(current))
        return min(maxTrials, blocks(grown.isFinite ? min(grown, Double(maxTrials)) : Double(maxTrials)))
    }

    /// `n` rounded up to whole blocks.
    static func blocks(_ n: Double) -> Int {
        let b = Double(Simulator.blockSize)
        return Int((n / b).rounded(.up) * b)
    }

    /// Runs `scenario` with growing trial counts until the precision is reached or `maxTrials` is.
    public static func run(
        _ scenario: Scenario, relative: Double, maxTrials: Int, workers: Int,
        monitor: RunMonitor? = nil, progress: (Int) -> Void = { _ in }
    ) throws(RunError) -> (Summary, Outcome) {
        let cap = max(Simulator.blockSize, (maxTrials / Simulator.blockSize) * Simulator.blockSize)
        var trials = min(cap, startBlocks * Simulator.blockSize)
        while true {
            var s = scenario
            s.simulation.trials = trials
            progress(trials)
            let summary = try Engine.run(s, workers: workers, monitor: monitor)
            let reached = isReached(summary, relative: relative)
            if reached || trials >= cap {
                return (summary, Outcome(relative: relative, reached: reached, trials: trials))
            }
            trials = nextTrials(summary, relative: relative, current: trials, maxTrials: cap)
        }
    }
}
