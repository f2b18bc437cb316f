import Dispatch
internal import CPasses

/// Order statistics of a large column in about one pass: a fixed sample
/// brackets each cluster of target ranks by value, one pass counts the values
/// below each bracket and gathers those inside it, and only the gathered
/// values are selected (Floyd and Rivest's idea, with several targets).
///
/// The result is exact whatever the sample says: each bracket's counts prove
/// that its targets lie inside it, and a bracket the sample misjudged sends
/// the whole column to `Selection`. The counting pass is C's (`CPasses`,
/// vectorised). The sample is every `stride`-th value, so
/// the work done is a function of the data alone.
enum BracketSelection {
    /// Below this many values a quickselect is as fast.
    static let minimumCount = 65_536
    /// One sampled value in this many.
    static let stride = 32
    /// Bracket half-width in standard deviations of a sample rank.
    static let sigmas = 4.0

    /// The order statistics of `x` at `positions` (0-based ranks), keyed by rank.
    /// May reorder `x`. `x` holds no NaN.
    /// `threads`: how many threads share the counting pass (the counts are integers and the gathered values are
    /// selected by value, so the result is the same for any number).
    static func orderStatistics(_ x: UnsafeMutableBufferPointer<Double>, positions: [Int], threads: Int = 1) -> [Int: Double] {
        guard !targets(positions, count: x.count).isEmpty else { return [:] }
        var none: Deviations?
        return withoutReordering(UnsafeBufferPointer(x), positions: positions, threads: threads, deviations: &none)
            ?? reordering(x, positions: positions)
    }

    /// The order statistics by sorting or selecting `x` in place: what is left where the bracketed pass cannot do
    /// without reordering.
    static func reordering(_ x: UnsafeMutableBufferPointer<Double>, positions: [Int]) -> [Int: Double] {
        let targets = targets(positions, count: x.count)
        if x.count < minimumCount {
            // A short column (a year of the year-by-year sample, a revenue line's share): sorting it by radix
            // is faster than selecting two dozen ranks, and gives the same order statistics.
            RadixSort.sort(x)
        } else {
            Selection.select(x, positions: targets)
        }
        return Dictionary(uniqueKeysWithValues: targets.map { ($0, x[$0]) })
    }

    /// The order statistics, leaving `x` as it is; nil where only a selection that reorders it would do (a short column, or
    /// a sample that misjudged a bracket).
    /// `deviations`: when given, its `sum` is set to Σ (x − mean)² in column order if the counting pass ran whole on
    /// one thread (that pass reads every value in order anyway).
    static func withoutReordering(_ x: UnsafeBufferPointer<Double>, positions: [Int], threads: Int = 1,
                                  deviations: inout Deviations?) -> [Int: Double]? {
        let targets = targets(positions, count: x.count)
        guard x.count >= minimumCount, !targets.isEmpty else { return nil }
        return bracketed(x, targets, threads: max(1, min(threads, x.count / minimumCount)), deviations: &deviations)
    }

    /// The distinct ranks of `positions` within 0 ..< `count`, ascending.
    private static func targets(_ positions: [Int], count: Int) -> [Int] {
        Array(Set(positions.filter { $0 >= 0 && $0 < count })).sorted()
    }

    /// The sum of squared deviations from `mean`, when the counting pass could take it.
    struct Deviations {
        let mean: Double
        var sum: Double?
    }

    /// A run of target ranks and the closed value interval [low, high] that should hold them.
    private struct Bracket {
        var first: Int
        var last: Int
        var low: Double
        var high: Double
    }

    /// nil when a bracket turns out not to hold its targets.
    private static func bracketed(_ x: UnsafeBufferPointer<Double>, _ targets: [Int], threads: Int, deviations: inout Deviations?) -> [Int: Double]? {
        let n = x.count
        var sample = Swift.stride(from: 0, to: n, by: stride).map { x[$0] }
        RadixSort.sort(&sample)
        let s = sample.count
        var brackets: [Bracket] = []
        for t in targets {
            let f = Double(t) / Double(n - 1)
            let margin = Int((sigmas * (Double(s) * f * (1 - f)).squareRoot()).rounded(.up)) + 2
            let center = Int((f * Double(s - 1)).rounded())
            let low = center - margin < 0 ? -Double.infinity : sample[center - margin]
            let high = center + margin >= s ? Double.infinity : sample[center + margin]
            // Brackets that touch or overlap become one, so the intervals are disjoint and ordered.
            if var last = brackets.last, low <= last.high.nextUp {
                last.last = t
                last.low = min(last.low, low)
                last.high = max(last.high, high)
                brackets[brackets.count - 1] = last
            } else {
                brackets.append(Bracket(first: t, last: t, low: low, high: high))
            }
        }
        // Bucket of a value: how many bounds it reaches, with each bracket's
        // upper bound moved one step up so that ≥ decides both ends; bucket
        // 2k + 1 is bracket k. At most 7 percentiles with their confidence
        // bounds make at most 7 brackets: 14 bounds, compared at once.
        let bounds = brackets.flatMap { [$0.low, $0.high.nextUp] }
        guard bounds.count < 16 else { return nil }
        // Padded to 16 with +∞ (never ≤ a finite value): a value's bucket is the sum of sixteen compares.
        let lanes = UnsafeMutablePointer<Double>.allocate(capacity: 16)
        defer { lanes.deallocate() }
        lanes.initialize(repeating: .infinity, count: 16)
        for (i, bound) in bounds.enumerated() { lanes[i] = bound }
        // Room for what the brackets should hold, with slack; a bracket that
        // holds more than that was misjudged by the sample. Each thread's part
        // of the column gets its own room, counts and fill marks.
        let capacity = brackets.map { 4 * (n / s + 1) * (2 * Int(sigmas * (Double(s) * 0.25).squareRoot()) + 8 + $0.last - $0.first) }
        let offsets = capacity.reduce(into: [0]) { $0.append($0.last! + $1) }
        let room = offsets.last!
        // Mapped, not from the heap (see ScratchColumn); only the pages written are ever touched.
        return ScratchColumn.with(count: threads * room) { space -> [Int: Double]? in
            let gathered = space.baseAddress!
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: threads * 17)
            defer { counts.deallocate() }
            let filled = UnsafeMutablePointer<Int>.allocate(capacity: threads * brackets.count)
            defer { filled.deallocate() }
            let limits = UnsafeMutablePointer<Int>.allocate(capacity: threads * brackets.count)
            defer { limits.deallocate() }
            for part in 0..<threads {
                for k in brackets.indices {
                    filled[part * brackets.count + k] = part * room + offsets[k]
                    limits[part * brackets.count + k] = part * room + offsets[k + 1]
                }
            }
            let failed = UnsafeMutablePointer<Int32>.allocate(capacity: threads)
            defer { failed.deallocate() }
            let k = brackets.count
            if threads == 1 {
                var squares = 0.0
                failed[0] = withUnsafeMutablePointer(to: &squares) { squares in
                    vs_bracket_pass(x.baseAddress, n, lanes, counts, filled, limits, gathered, deviations?.mean ?? 0, deviations == nil ? nil : squares)
                }
                if failed[0] == 0 { deviations?.sum = squares }
            } else {
                let pass = UncheckedBox((x, lanes, counts, filled, limits, gathered, failed))
                DispatchQueue.concurrentPerform(iterations: threads) { part in
                    let (x, lanes, counts, filled, limits, gathered, failed) = pass.value
                    let lo = n * part / threads, hi = n * (part + 1) / threads
                    failed[part] = vs_bracket_pass(x.baseAddress! + lo, hi - lo, lanes, counts + 17 * part, filled + k * part, limits + k * part,
                                                   gathered, 0, nil)
                }
            }
            if (0..<threads).contains(where: { failed[$0] != 0 }) { return nil }
            // Each bracket's values from every part, one after another (their order does not change an order statistic).
            let held = brackets.indices.map { k in (0..<threads).reduce(0) { $0 + filled[$1 * brackets.count + k] - ($1 * room + offsets[k]) } }
            let merged = UnsafeMutablePointer<Double>.allocate(capacity: max(1, held.reduce(0, +)))
            defer { merged.deallocate() }
            var inside: [UnsafeMutableBufferPointer<Double>] = []
            var at = 0
            for k in brackets.indices {
                let start = at
                for part in 0..<threads {
                    let from = part * room + offsets[k], to = filled[part * brackets.count + k]
                    (merged + at).update(from: gathered + from, count: to - from)
                    at += to - from
                }
                inside.append(UnsafeMutableBufferPointer(start: merged + start, count: at - start))
            }
            let total = (0..<17).map { b in (0..<threads).reduce(0) { $0 + counts[17 * $1 + b] } }
            var result: [Int: Double] = [:]
            var below = 0
            for (k, bracket) in brackets.enumerated() {
                below += total[2 * k]
                let held = inside[k].count
                guard below <= bracket.first, below + held > bracket.last else { return nil }
                let wanted = targets.filter { $0 >= bracket.first && $0 <= bracket.last }
                Selection.select(inside[k], positions: wanted.map { $0 - below })
                for t in wanted { result[t] = inside[k][t - below] }
                below += held
            }
            return result
        }
    }
}
