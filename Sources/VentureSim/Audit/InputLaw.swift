/// A drawn input as the audit reads it: its path and record slot, the value at a percentile and the percentile of a
/// value in its own distribution (truncation included, every family), and the values it may be held at.
struct InputLaw {
    let path: String
    let slot: Int
    let distribution: Distribution
    /// The smallest and largest values a draw can take.
    let support: ClosedRange<Double>
    /// The values the audit may hold the input at beyond its own range: [0, 1] for a share (the market's factors and
    /// churn, clamped there by the model), from 0 for an input that cannot draw a negative value, else any.
    let domain: ClosedRange<Double>
    /// A discrete law's values inside its support, sorted, each with the share of draws at or below it.
    private let steps: [(value: Double, percentile: Double)]

    init(path: String, slot: Int, distribution: Distribution) {
        (self.path, self.slot, self.distribution) = (path, slot, distribution)
        support = distribution.support
        if case .discrete(let values, let weights) = distribution.law {
            // One pass over the sorted values (up to `Limits.maxDiscreteValues`), not a CDF per value.
            // Values as drawn: times the scale of a `PATH*=F` what-if.
            let scaled = values.map { $0 * distribution.scale }
            let kept = zip(scaled, weights).filter { distribution.support.contains($0.0) && $0.1 > 0 }.sorted {
                $0.0 < $1.0
            }
            let total = kept.reduce(0) { $0 + $1.1 }
            var sum = 0.0
            steps = kept.map { v, w in
                sum += w
                return (v, total > 0 ? sum / total : 1)
            }
        } else {
            steps = []
        }
        let share = Scenario.Market.factorPaths.contains(path) || path.hasSuffix(".churn_monthly")
        domain =
            share
            ? 0...1
            : support.lowerBound >= 0
                ? 0...Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
    }

    /// Whether the law draws whole values (a value's percentile is a step, not a curve).
    private var isDiscrete: Bool {
        switch distribution.law {
        case .poisson, .discrete: return true
        default: return false
        }
    }

    /// The share of draws at or below `v`.
    func percentile(of v: Double) -> Double {
        let d = distribution
        let lo = d.lower.map { isDiscrete ? d.cdf($0.nextDown) : d.cdf($0) } ?? 0
        let hi = d.upper.map { d.cdf($0) } ?? 1
        guard hi > lo else { return v >= support.lowerBound ? 1 : 0 }
        // The law's own CDF is before the scale (`Distribution.scale` > 0): v's share is that of v / scale.
        return min(1, max(0, (d.cdf(min(v, support.upperBound) / d.scale) - lo) / (hi - lo)))
    }

    /// The value below which a share `u` of draws fall: the law's quantile, or for a discrete law the smallest
    /// value whose percentile reaches u (found by bisection over the support).
    func value(at u: Double) -> Double {
        guard isDiscrete else { return min(max(distribution.quantile(u), support.lowerBound), support.upperBound) }
        if case .discrete = distribution.law {
            var lo = 0, hi = steps.count - 1
            guard hi >= 0 else { return support.upperBound }
            while lo < hi {
                let mid = (lo + hi) / 2
                if steps[mid].percentile >= u { hi = mid } else { lo = mid + 1 }
            }
            return steps[lo].value
        }
        // Poisson: whole counts (times the scale) from the support's bottom; the top bounded well past any percentile
        // asked for.
        let scale = distribution.scale
        var lo = (support.lowerBound / scale).rounded(.up),
            hi = min(support.upperBound / scale, max(lo, mean * 2 + 40 * mean.squareRoot() + 40))
        guard percentile(of: lo * scale) < u else { return lo * scale }
        while hi - lo > 1 {
            let mid = ((lo + hi) / 2).rounded(.down)
            if percentile(of: mid * scale) >= u { hi = mid } else { lo = mid }
        }
        return hi * scale
    }

    private var mean: Double {
        if case .poisson(let m) = distribution.law { return m }
        return 0
    }
}
