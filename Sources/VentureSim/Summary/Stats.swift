/// Mean, spread and percentiles of one outcome over the trials (docs/model.md#the-model-month-by-month).
/// Values are nil when no trial has a defined value (e.g. roi when every cost is 0).
public struct Stats: Codable, Sendable, Equatable {
    /// How many trials the figures are over.
    public var n: Int
    public var mean: Double?
    /// Sample standard deviation (n − 1).
    public var sd: Double?
    /// Standard error of the mean, sd / √n.
    public var se: Double?
    public var p5: Double?
    public var p10: Double?
    public var p25: Double?
    public var p50: Double?
    public var p75: Double?
    public var p90: Double?
    public var p95: Double?
    /// Distribution-free 95 % confidence intervals of the percentiles, keyed
    /// `p5` … `p95`: [order statistic below, order statistic above] (see `Percentiles.confidenceRanks`).
    public var ci95: [String: [Double]]?

    /// The percentiles in `Percentiles.levels` order.
    public var percentiles: [Double?] { [p5, p10, p25, p50, p75, p90, p95] }

    /// Mean and sample standard deviation (n − 1; 0 for one value) of `x`, which must not be empty,
    /// summed in the order given: what `of` reports, for callers that need no percentiles.
    static func moments(_ x: UnsafeBufferPointer<Double>) -> (mean: Double, sd: Double) {
        let mean = Self.mean(x)
        return (mean, sd(count: x.count, squares: x.count > 1 ? squares(x, about: mean) : 0))
    }

    /// The mean of `x`, which must not be empty, summed in the order given.
    static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count
        // Shifted by the first value (a constant column gives its value
        // exactly) and compensated (Neumaier), so a million terms lose no digits.
        let shift = x[0]
        var sum = 0.0, compensation = 0.0
        for v in x {
            let d = v - shift
            let t = sum + d
            compensation += abs(sum) >= abs(d) ? (sum - t) + d : (d - t) + sum
            sum = t
        }
        return shift + (sum + compensation) / Double(n)
    }

    /// Σ (v − mean)², added in the order given.
    static func squares(_ x: UnsafeBufferPointer<Double>, about mean: Double) -> Double {
        var ss = 0.0
        for v in x { let d = v - mean; ss += d * d }
        return ss
    }

    /// How many values are below zero (losses, cash-outs). Without a branch: whether a trial lost is a coin flip the
    /// predictor cannot learn, and the loop vectorises.
    static func negatives(_ x: UnsafeBufferPointer<Double>) -> Int {
        var count = 0
        for v in x { count &+= v < 0 ? 1 : 0 }
        return count
    }

    /// The sample standard deviation (n − 1; 0 for one value) from the sum of squared deviations.
    static func sd(count n: Int, squares: Double) -> Double { n > 1 ? (squares / Double(n - 1)).squareRoot() : 0 }

    /// Computes the statistics of `x`, reordering it in place (percentiles by selection).
    /// The mean is summed in the order given, so the same data give the same digits.
    /// `confidence`: also the 95 % confidence interval of each percentile.
    /// `threads`: how many threads share a long column's percentile pass (the figures do not depend on it).
    /// `scratch`: where that pass gathers the values near the percentiles (else memory mapped for the call).
    static func of(
        _ x: UnsafeMutableBufferPointer<Double>, extraPositions: [Int] = [], confidence: Bool = true, threads: Int = 1,
        scratch: ScratchPool? = nil
    ) -> Stats {
        let n = x.count
        var s = Stats(n: n)
        guard n > 0 else { return s }
        let mean = Self.mean(UnsafeBufferPointer(x))
        // With extra positions the bounds are selected even when not reported: the
        // arrangement the caller reads (CVaR's tail) is then the same either way.
        let bounds =
            confidence || !extraPositions.isEmpty
            ? Percentiles.levels.map { Percentiles.confidenceRanks($0, n: n) } : []
        let positions =
            Percentiles.levels.flatMap { Percentiles.positions($0, n: n) } + bounds.flatMap { [$0.lower, $0.upper] }
            + extraPositions
        // The order statistics in about one pass that leaves x as it is, where the column is long enough; that pass
        // also sums the squared deviations, else they are summed here, while x is still in the order given.
        var deviations: BracketSelection.Deviations? = n > 1 ? BracketSelection.Deviations(mean: mean) : nil
        let kept = BracketSelection.withoutReordering(
            UnsafeBufferPointer(x), positions: positions, threads: threads, deviations: &deviations, scratch: scratch)
        let sd = Self.sd(
            count: n, squares: n > 1 ? deviations?.sum ?? Self.squares(UnsafeBufferPointer(x), about: mean) : 0)
        (s.mean, s.sd, s.se) = (mean, sd, sd / Double(n).squareRoot())
        let order: (Int) -> Double
        if extraPositions.isEmpty {
            // Nobody reads the arrangement: the order statistics alone.
            // Where the bracketed pass gave nothing, it is not run again: sorted or selected in place.
            let found = kept ?? BracketSelection.reordering(x, positions: positions)
            order = { found[$0]! }
        } else if let kept {
            // The caller reads the values before its extra positions (CVaR's tail) in the order selection leaves
            // them: only that prefix is arranged, and the order statistics come from the bracketed pass.
            Selection.select(x, positions: positions, prefix: extraPositions.max()! + 1)
            order = { kept[$0]! }
        } else {
            Selection.select(x, positions: positions)
            order = { x[$0] }
        }
        let q = Percentiles.levels.map { Percentiles.interpolate($0, count: n, orderStatistic: order) }
        (s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95) = (q[0], q[1], q[2], q[3], q[4], q[5], q[6])
        if confidence {
            s.ci95 = Dictionary(
                uniqueKeysWithValues: zip(Percentiles.keys, bounds).map { ($0, [order($1.lower), order($1.upper)]) })
        }
        return s
    }
}
