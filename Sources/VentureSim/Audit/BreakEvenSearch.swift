/// The search for one input's break-even (docs/model.md, "The break-even value"): a scan over the input's own
/// percentiles, then bisection between the two scanned points where P(claim | input = v) crosses the level; when the
/// scan never crosses, steps beyond the range (within the input's domain) on the side where the claim does better.
struct BreakEvenSearch {
    let law: InputLaw
    let level: Double
    /// Percentiles scanned (0–1, increasing).
    let scan: [Double]
    let steps: Int
    /// Multiples of the scanned width tried beyond the range.
    static let beyond: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]

    /// What the search found: the break-even (the tried value nearest the crossing on the side that reaches the level)
    /// and whether the claim needs the input at least or at most it; or that it never or always reaches the level.
    enum Found: Equatable {
        case crossing(value: Double, atLeast: Bool)
        case neverReaches, alwaysHolds
    }

    /// Runs the search; `probability(v)` is P(claim | input = v) on the audit's trials.
    func run(_ probability: (Double) throws(RunError) -> Double) throws(RunError) -> Found {
        var values: [Double] = []
        for u in scan {
            let v = law.value(at: u)
            if values.last != v { values.append(v) }
        }
        var ps: [Double] = []
        for v in values { ps.append(try probability(v)) }
        let reach = ps.map { $0 >= level }
        if reach.allSatisfy({ $0 }) { return .alwaysHolds }
        guard reach.contains(true) else { return try outside(values, ps, probability) }
        if reach.last == true, let a = reach.lastIndex(of: false) {
            // The claim needs the input high: the highest scanned point below the level and the one above it.
            return try bisect(
                percentiles: (law.percentile(of: values[a]), law.percentile(of: values[a + 1])), atLeast: true,
                probability)
        }
        let b = reach.firstIndex(of: false) ?? 0
        if b > 0 {
            return try bisect(
                percentiles: (law.percentile(of: values[b]), law.percentile(of: values[b - 1])), atLeast: false,
                probability)
        }
        // Below the level at the low end only where it rises to it later (a hump): the lowest crossing, upwards.
        let c = reach.firstIndex(of: true) ?? 0
        return try bisect(
            percentiles: (law.percentile(of: values[c - 1]), law.percentile(of: values[c])), atLeast: true, probability)
    }

    /// Bisection in percentile space between `failing` (below the level) and `reaching`; the value at the reaching end.
    private func bisect(
        percentiles: (failing: Double, reaching: Double), atLeast: Bool,
        _ probability: (Double) throws(RunError) -> Double
    ) throws(RunError) -> Found {
        var (fail, reach) = percentiles
        var reachValue = law.value(at: reach)
        for _ in 0..<steps {
            let mid = (fail + reach) / 2
            let v = law.value(at: mid)
            if try probability(v) >= level { (reach, reachValue) = (mid, v) } else { fail = mid }
        }
        return .crossing(value: reachValue, atLeast: atLeast)
    }

    /// The scan stayed below the level: values beyond the range on the better side (then the other), within the
    /// domain, until one reaches it; then bisection in value between it and the last one that did not.
    private func outside(_ values: [Double], _ ps: [Double], _ probability: (Double) throws(RunError) -> Double)
        throws(RunError) -> Found
    {
        guard let first = values.first, let last = values.last else { return .neverReaches }
        let width = max(last - first, abs(last), abs(first), 1e-9)
        let sides = (ps.last ?? 0) >= (ps.first ?? 0) ? [true, false] : [false, true]
        for up in sides {
            var previous = up ? last : first
            for f in Self.beyond {
                let v =
                    up ? min(law.domain.upperBound, last + f * width) : max(law.domain.lowerBound, first - f * width)
                if v == previous { break }
                if try probability(v) >= level { return try bisect(values: (previous, v), atLeast: up, probability) }
                previous = v
            }
        }
        return .neverReaches
    }

    private func bisect(
        values: (failing: Double, reaching: Double), atLeast: Bool,
        _ probability: (Double) throws(RunError) -> Double
    ) throws(RunError) -> Found {
        var (fail, reach) = values
        for _ in 0..<steps {
            let mid = (fail + reach) / 2
            if try probability(mid) >= level { reach = mid } else { fail = mid }
        }
        return .crossing(value: reach, atLeast: atLeast)
    }
}
