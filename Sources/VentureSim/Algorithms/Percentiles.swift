/// Percentiles by linear interpolation between order statistics, exactly as
/// GSL's `gsl_stats_quantile_from_sorted_data` (numpy's `linear`): with
/// h = f · (n − 1), the result is (1 − (h − ⌊h⌋)) · x₍⌊h⌋₎ + (h − ⌊h⌋) · x₍⌊h⌋+1₎.
enum Percentiles {
    /// The report's percentile levels (docs/model.md#the-model-month-by-month).
    static let levels: [Double] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]
    /// Their JSON keys.
    static let keys = ["p5", "p10", "p25", "p50", "p75", "p90", "p95"]

    /// The 0-based positions of the order statistics that bound a distribution-free
    /// 95 % confidence interval of the quantile at `f` in a sample of `n`: the count
    /// of values below the true quantile is Binomial(n, f), so with
    /// m = n·f and s = √(n·f·(1 − f)), the interval runs from the
    /// ⌊m − 1.96 s⌋-th to the ⌈m + 1.96 s⌉ + 1-th smallest value (1-based, clamped to 1 … n),
    /// the normal approximation of the binomial (good from a few hundred trials).
    static func confidenceRanks(_ f: Double, n: Int) -> (lower: Int, upper: Int) {
        guard n > 0 else { return (0, 0) }
        let m = Double(n) * f, s = (Double(n) * f * (1 - f)).squareRoot()
        let lower = Int((m - 1.959963984540054 * s).rounded(.down))
        let upper = Int((m + 1.959963984540054 * s).rounded(.up)) + 1
        return (min(n, max(1, lower)) - 1, min(n, max(1, upper)) - 1)
    }

    /// The order-statistic positions a quantile at `f` reads in a sample of `n`.
    static func positions(_ f: Double, n: Int) -> [Int] {
        guard n > 0 else { return [] }
        let lhs = Int(f * Double(n - 1))
        return lhs == n - 1 ? [lhs] : [lhs, lhs + 1]
    }

    /// The quantile at `f` of data whose `positions(f, n)` already hold their order statistics.
    static func interpolate(_ f: Double, _ x: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = x.count
        guard n > 0 else { return .nan }
        let index = f * Double(n - 1)
        let lhs = Int(index)
        let delta = index - Double(lhs)
        return lhs == n - 1 ? x[lhs] : (1 - delta) * x[lhs] + delta * x[lhs + 1]
    }

    /// The same rule over sorted data given as a lookup of the k-th smallest value.
    static func interpolate(_ f: Double, count n: Int, orderStatistic: (Int) -> Double) -> Double {
        guard n > 0 else { return .nan }
        let index = f * Double(n - 1)
        let lhs = Int(index)
        let delta = index - Double(lhs)
        return lhs == n - 1 ? orderStatistic(lhs) : (1 - delta) * orderStatistic(lhs) + delta * orderStatistic(lhs + 1)
    }
}
