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
    static func orderStatistics(_ x: UnsafeMutableBufferPointer<Double>, positions: [Int], threads: Int = 1) -> [Int:
        Double]
    {
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

    /// The order statistics, leaving `x` as it is; nil where only a selection that reorders it would do (a short
    /// column, or a sample that misjudged a bracket).
    /// `deviations`: when given, its `sum` is set to Σ (x − mean)² in column order if the counting pass ran whole on
    /// one thread (that pass reads every value in order anyway).
    /// `scratch`: where the pass gathers the values inside the brackets (else memory mapped for the call).
    static func withoutReordering(
        _ x: UnsafeBufferPointer<Double>, positions: [Int], threads: Int = 1,
        deviations: inout Deviations?, scratch: ScratchPool? = nil
    ) -> [Int: Double]? {
        let targets = targets(positions, count: x.count)
        guard x.count >= minimumCount, !targets.isEmpty else { return nil }
        return bracketed(
            x, targets, threads: max(1, min(threads, x.count / minimumCount)), deviations: &deviations,
            scratch: scratch)
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

    /// A run of target ranks and the closed value interval [low, high] that should hold them; `lowIndex` … `highIndex`:
    /// the sample positions it spans (how many values it should hold, about `stride` per position).
    fileprivate struct Bracket {
        var first: Int
        var last: Int
        var low: Double
        var high: Double
        var lowIndex: Int
        var highIndex: Int

        /// The sample says every value in it is one value: it is counted, not gathered (a column of ties would
        /// otherwise gather the whole column).
        var tie: Bool { low == high && low.isFinite && low.nextUp.isFinite }
    }

    /// The brackets of `targets` from the sorted `sample` of a column of `n` values, touching ones merged.
    private static func brackets(_ targets: [Int], sample: [Double], n: Int) -> [Bracket] {
        let s = sample.count
        var brackets: [Bracket] = []
        for t in targets {
            let f = Double(t) / Double(n - 1)
            let margin = Int((sigmas * (Double(s) * f * (1 - f)).squareRoot()).rounded(.up)) + 2
            let center = Int((f * Double(s - 1)).rounded())
            let low = center - margin < 0 ? -Double.infinity : sample[center - margin]
            let high = center + margin >= s ? Double.infinity : sample[center + margin]
            let (lowIndex, highIndex) = (max(0, center - margin), min(s - 1, center + margin))
            // Brackets that touch or overlap become one, so the intervals are disjoint and ordered.
            if var last = brackets.last, low <= last.high.nextUp {
                last.last = t
                last.low = min(last.low, low)
                last.high = max(last.high, high)
                last.lowIndex = min(last.lowIndex, lowIndex)
                last.highIndex = max(last.highIndex, highIndex)
                brackets[brackets.count - 1] = last
            } else {
                brackets.append(
                    Bracket(first: t, last: t, low: low, high: high, lowIndex: lowIndex, highIndex: highIndex))
            }
        }
        return brackets
    }

    /// The intervals the counting pass gathers, as [low, upper) pairs: one per bracket, and for a tie bracket at v two
    /// empty ones, [v, v) and [v⁺, v⁺) (v⁺ the next Double), whose bucket between them counts the values equal to v.
    /// `slot[k]`: bracket k's first interval.
    private static func intervals(_ brackets: [Bracket]) -> (bounds: [Double], slot: [Int]) {
        var bounds: [Double] = [], slot: [Int] = []
        for b in brackets {
            slot.append(bounds.count / 2)
            bounds += b.tie ? [b.low, b.low, b.low.nextUp, b.low.nextUp] : [b.low, b.high.nextUp]
        }
        return (bounds, slot)
    }

    /// Room for the values bracket `b` should gather from a part of `part` values of a column whose sample has `s`
    /// values: about `part / s` per sample position it spans, twice over with a margin (the count inside is within a
    /// few of its square root of that); a bracket that holds more was misjudged by the sample.
    private static func room(_ b: Bracket, part: Int, s: Int) -> Int {
        b.tie ? 0 : min(part, 2 * (part / s + 1) * (b.highIndex - b.lowIndex + 8))
    }

    /// Scratch the gathered values may take, over all threads, in values: beyond this the column is selected in place.
    /// A column's worth at most, whatever the data (the memory guard counts it so: `ResourceEstimate`).
    static func scratchLimit(count n: Int) -> Int { n }

    /// Where the counting pass puts what: the brackets, the bounds of their intervals, and each part's room.
    struct Layout {
        fileprivate var brackets: [Bracket]
        fileprivate var bounds: [Double]
        fileprivate var slot: [Int]
        /// Each part's first and last-plus-one value.
        var parts: [(lo: Int, hi: Int)]
        /// Intervals per part (bounds / 2).
        var slots: Int
        /// Part p's interval j gathers into offsets[p · slots + j] ..< offsets[p · slots + j + 1].
        var offsets: [Int]
        /// The scratch the gathered values take, in values.
        var scratch: Int { offsets[offsets.count - 1] }
    }

    /// The layout of the counting pass over `x` for the ascending distinct `targets` on `threads` threads; nil where
    /// the pass cannot do (more than 7 brackets, or more scratch than `scratchLimit`).
    static func layout(_ x: UnsafeBufferPointer<Double>, _ targets: [Int], threads: Int) -> Layout? {
        let n = x.count
        var sample = Swift.stride(from: 0, to: n, by: stride).map { x[$0] }
        RadixSort.sort(&sample)
        let s = sample.count
        let brackets = brackets(targets, sample: sample, n: n)
        // Bucket of a value: how many bounds it reaches, with each interval's
        // upper bound moved one step up so that ≥ decides both ends; bucket
        // 2k + 1 is interval k. At most 7 percentiles with their confidence
        // bounds make at most 7 brackets: 14 bounds, compared at once.
        let (bounds, slot) = intervals(brackets)
        guard bounds.count < 16 else { return nil }
        let slots = bounds.count / 2
        let parts = (0..<threads).map { (lo: n * $0 / threads, hi: n * ($0 + 1) / threads) }
        var capacity = [Int](repeating: 0, count: threads * slots)
        for (p, part) in parts.enumerated() {
            for (k, b) in brackets.enumerated() {
                capacity[p * slots + slot[k]] = room(b, part: part.hi - part.lo, s: s)
            }
        }
        let layout = Layout(
            brackets: brackets, bounds: bounds, slot: slot, parts: parts, slots: slots,
            offsets: capacity.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1) })
        return layout.scratch <= scratchLimit(count: n) ? layout : nil
    }

    /// nil when a bracket turns out not to hold its targets, or the pass cannot do (`layout`).
    private static func bracketed(
        _ x: UnsafeBufferPointer<Double>, _ targets: [Int], threads: Int, deviations: inout Deviations?,
        scratch: ScratchPool?
    ) -> [Int: Double]? {
        let n = x.count
        guard let layout = layout(x, targets, threads: threads) else { return nil }
        let (brackets, bounds, slot, parts, slots, offsets) = (
            layout.brackets, layout.bounds, layout.slot, layout.parts, layout.slots, layout.offsets
        )
        let total = layout.scratch
        // Padded to 16 with +∞ (never ≤ a finite value): a value's bucket is the sum of sixteen compares.
        let lanes = UnsafeMutablePointer<Double>.allocate(capacity: 16)
        defer { lanes.deallocate() }
        lanes.initialize(repeating: .infinity, count: 16)
        for (i, bound) in bounds.enumerated() { lanes[i] = bound }
        // From the summary's pool, or mapped, not from the heap (see ScratchColumn); only the pages written are
        // touched.
        func gather(_ body: (UnsafeMutableBufferPointer<Double>) -> [Int: Double]?) -> [Int: Double]? {
            if let scratch { return scratch.with(count: total, body) }
            return ScratchColumn.with(count: total, body)
        }
        return gather { space -> [Int: Double]? in
            let gathered = space.baseAddress!
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: threads * 17)
            defer { counts.deallocate() }
            counts.initialize(repeating: 0, count: threads * 17)
            let filled = UnsafeMutablePointer<Int>.allocate(capacity: max(1, threads * slots))
            defer { filled.deallocate() }
            let limits = UnsafeMutablePointer<Int>.allocate(capacity: max(1, threads * slots))
            defer { limits.deallocate() }
            for i in 0..<(threads * slots) {
                filled[i] = offsets[i]
                limits[i] = offsets[i + 1]
            }
            let failed = UnsafeMutablePointer<Int32>.allocate(capacity: threads)
            defer { failed.deallocate() }
            if threads == 1 {
                var squares = 0.0
                failed[0] = withUnsafeMutablePointer(to: &squares) { squares in
                    vs_bracket_pass(
                        x.baseAddress, n, lanes, counts, filled, limits, gathered, deviations?.mean ?? 0,
                        deviations == nil ? nil : squares)
                }
                if failed[0] == 0 { deviations?.sum = squares }
            } else {
                let pass = UncheckedBox((x, lanes, counts, filled, limits, gathered, failed))
                DispatchQueue.concurrentPerform(iterations: threads) { part in
                    let (x, lanes, counts, filled, limits, gathered, failed) = pass.value
                    let (lo, hi) = parts[part]
                    failed[part] = vs_bracket_pass(
                        x.baseAddress! + lo, hi - lo, lanes, counts + 17 * part, filled + slots * part,
                        limits + slots * part,
                        gathered, 0, nil)
                }
            }
            if (0..<threads).contains(where: { failed[$0] != 0 }) { return nil }
            let buckets = (0..<17).map { b in (0..<threads).reduce(0) { $0 + counts[17 * $1 + b] } }
            return select(
                brackets, targets, slot: slot, buckets: buckets, threads: threads, slots: slots, offsets: offsets,
                filled: filled, gathered: gathered)
        }
    }

    /// The order statistics from the counting pass: each bracket's targets selected among its gathered values (those of
    /// every part, one after another: their order does not change an order statistic), or a tie bracket's one value.
    /// nil when a bracket's counts do not prove that its targets lie inside it.
    private static func select(
        _ brackets: [Bracket], _ targets: [Int], slot: [Int], buckets: [Int], threads: Int, slots: Int,
        offsets: [Int], filled: UnsafeMutablePointer<Int>, gathered: UnsafeMutablePointer<Double>
    ) -> [Int: Double]? {
        let gatheredCount = brackets.indices.reduce(0) { sum, k in
            sum + (0..<threads).reduce(0) { $0 + filled[$1 * slots + slot[k]] - offsets[$1 * slots + slot[k]] }
        }
        let merged = UnsafeMutablePointer<Double>.allocate(capacity: max(1, gatheredCount))
        defer { merged.deallocate() }
        var result: [Int: Double] = [:]
        var below = 0, at = 0
        for (k, bracket) in brackets.enumerated() {
            let j = slot[k]
            // The values between the previous interval and this bracket's first.
            below += buckets[2 * j]
            let wanted = targets.filter { $0 >= bracket.first && $0 <= bracket.last }
            if bracket.tie {
                // Bucket 2j + 2 lies between [v, v) and [v⁺, v⁺): the values equal to v.
                let held = buckets[2 * j + 2]
                guard below <= bracket.first, below + held > bracket.last else { return nil }
                for t in wanted { result[t] = bracket.low }
                below += held
                continue
            }
            let start = at
            for part in 0..<threads {
                let from = offsets[part * slots + j], to = filled[part * slots + j]
                (merged + at).update(from: gathered + from, count: to - from)
                at += to - from
            }
            let inside = UnsafeMutableBufferPointer(start: merged + start, count: at - start)
            guard below <= bracket.first, below + inside.count > bracket.last else { return nil }
            Selection.select(inside, positions: wanted.map { $0 - below })
            for t in wanted { result[t] = inside[t - below] }
            below += inside.count
        }
        return result
    }
}
