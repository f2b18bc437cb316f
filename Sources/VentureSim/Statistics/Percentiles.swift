/// Percentiles by linear interpolation between order statistics, exactly as
/// GSL's `gsl_stats_quantile_from_sorted_data` (numpy's `linear`): with
/// h = f · (n − 1), the result is (1 − (h − ⌊h⌋)) · x₍⌊h⌋₎ + (h − ⌊h⌋) · x₍⌊h⌋+1₎.
enum Percentiles {
    /// The report's percentile levels (MODEL.md §6).
    static let levels: [Double] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]

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
