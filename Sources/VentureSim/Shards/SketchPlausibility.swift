/// Whether a decoded sketch accumulator could be a shard's: every count
/// between 0 and the shard's trials, each month histogram summing to them,
/// firings consistent with the trials that fired, each sketch's extremes
/// finite when it holds values, and each block's moments a count of its rows
/// with a finite mean and a non-negative sum of squares whose counts add up
/// to the sketch's. After these checks, summarising cannot trap or meet a
/// NaN that a real run could not give.
enum SketchPlausibility {
    static func problem(_ a: SketchAccumulator, trials: Range<Int>) -> SketchProblem? {
        let m = trials.count
        func counts(_ xs: [Int], _ place: String, max: Int) -> SketchProblem? {
            xs.firstIndex { !(0...max).contains($0) }.map {
                SketchProblem(place: "\(place)[\($0)]", problem: "\(xs[$0]) is not a count of 0 to \(max)")
            }
        }
        for (xs, place) in [
            (a.negatives, "negatives"), (a.better, "better"), (a.paired, "paired"), (a.fired, "fired"),
            (a.clamped, "clamped"),
            (a.targets, "targets"),
            (a.breakeven, "breakeven"), (a.reach, "reach"), (a.cashOut, "cash_out")
        ] {
            if let p = counts(xs, place, max: m) { return p }
        }
        if let p = counts(a.firings, "firings", max: m * Int(UInt16.max)) { return p }
        // A trial in which only A had a loss (a cash shortfall) is one of A's such trials; likewise for B.
        for (j, pair) in a.pairs.enumerated() {
            for (k, s) in [pair.a, pair.b, pair.a, pair.b].enumerated()
            where a.paired[4 * j + k] > a.negatives[2 * s + k / 2] {
                return SketchProblem(
                    place: "paired[\(4 * j + k)]",
                    problem: "\(a.paired[4 * j + k]) trials, more than the strategy's \(a.negatives[2 * s + k / 2])")
            }
        }
        for k in a.fired.indices where a.firings[k] < a.fired[k] || a.firings[k] > a.fired[k] * Int(UInt16.max) {
            return SketchProblem(place: "firings[\(k)]", problem: "\(a.firings[k]) firings in \(a.fired[k]) trials")
        }
        // Every trial has one month (0: none) in each histogram.
        for (xs, place) in [(a.breakeven, "breakeven"), (a.reach, "reach"), (a.cashOut, "cash_out")] {
            for start in stride(from: 0, to: xs.count, by: a.months) {
                let sum = xs[start..<min(xs.count, start + a.months)].reduce(0, +)
                if sum != m {
                    return SketchProblem(
                        place: "\(place)[\(start)...]",
                        problem: "a month histogram of \(sum) trials, the shard has \(m)")
                }
            }
        }
        for (i, s) in a.sketches.enumerated() {
            let ok =
                s.count == 0
                ? s.minimum == .infinity && s.maximum == -.infinity
                : s.minimum.isFinite && s.maximum.isFinite && s.minimum <= s.maximum
            if !ok {
                return SketchProblem(
                    place: "sketch \(i)", problem: "extremes \(s.minimum) and \(s.maximum) for \(s.count) values")
            }
        }
        var totals = [Int](repeating: 0, count: a.columnCount)
        for (key, values) in a.blocks {
            let rows = min(Simulator.blockSize, trials.upperBound - key * Simulator.blockSize)
            for i in 0..<a.columnCount {
                let (count, mean, squares) = (values[3 * i], values[3 * i + 1], values[3 * i + 2])
                guard count >= 0, count <= Double(rows), count.rounded() == count else {
                    return SketchProblem(
                        place: "block \(key) column \(i)", problem: "count \(count) is not one of 0 to \(rows) rows")
                }
                let ok = count == 0 ? mean == 0 && squares == 0 : mean.isFinite && squares.isFinite && squares >= 0
                if !ok {
                    return SketchProblem(
                        place: "block \(key) column \(i)",
                        problem: "mean \(mean) and sum of squares \(squares) for \(Int(count)) values")
                }
                totals[i] += Int(count)
            }
        }
        for i in totals.indices where totals[i] != a.sketches[i].count {
            return SketchProblem(
                place: "sketch \(i)", problem: "\(a.sketches[i].count) values, its blocks count \(totals[i])")
        }
        return nil
    }
}
