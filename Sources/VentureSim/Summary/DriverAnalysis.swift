/// Which drawn inputs move a strategy's NPV (the tornado), and where the
/// inputs sit in the trials that lose money or run out of cash.
///
/// Computed over a fixed, stated sample: trials 0 ..< min(trials,
/// `sampleLimit`), so memory and time stay bounded for any run size and the
/// figures are the same for any worker count. With 50,000 trials the standard
/// error of a rank correlation is below 1/√50,000 ≈ 0.0045.
public enum DriverAnalysis {
    public static let sampleLimit = 50_000

    /// The most inputs a plan can record (every slot drawn).
    static func maxInputs(strategies: Int) -> Int { Plan.sharedSlots + Plan.perStrategySlots * strategies }

    /// One input's ranks over the sample, with what the analysis needs of it.
    struct Ranked {
        let name: String
        /// Average ranks (1-based; ties share the mean of their ranks): halves of integers up to 2·sampleLimit + 1,
        /// exact in a Float, which halves the analysis's memory at the run's peak.
        let ranks: [Float]
        /// Values at the sample's P10 and P90 (GSL's interpolation), for the swing.
        let p10: Double
        let p90: Double
        /// The sample's values (the run's own columns, or scratch the caller keeps for the analysis).
        let values: UnsafeBufferPointer<Double>
        /// False when every value is the same: no ranking information.
        let varies: Bool
        /// The median of the inputs' percentile ranks over the whole sample (50 for a continuous input).
        let baselinePercentile: Double
    }

    /// Average ranks of `x` (1-based), and its P10 and P90.
    static func rank(_ name: String, _ x: UnsafeBufferPointer<Double>) -> Ranked {
        let n = x.count
        precondition(n <= 8_000_000, "ranks beyond 2²⁴ halves are not exact in a Float")
        // Ties share an average rank, so any sort gives the same ranks: the radix sort is the fast one.
        let order = RadixSort.order(x).map { Int($0) }
        var ranks = [Float](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && x[order[j + 1]] == x[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = Float(average) }
            i = j + 1
        }
        let sorted = order.map { x[$0] }
        func quantile(_ f: Double) -> Double { Percentiles.interpolate(f, count: n) { sorted[$0] } }
        // Ranks in sorted order are the order statistics of the percentile ranks 100 (r − ½) / n.
        let baseline = Percentiles.interpolate(0.5, count: n) { 100 * (Double(ranks[order[$0]]) - 0.5) / Double(n) }
        return Ranked(
            name: name, ranks: ranks, p10: n > 0 ? quantile(0.1) : 0, p90: n > 0 ? quantile(0.9) : 0,
            values: x, varies: n > 1 && sorted.first! != sorted.last!, baselinePercentile: baseline)
    }

    /// Pearson's correlation of two rank vectors: Spearman's ρ.
    static func correlation(_ a: [Float], _ b: [Float]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0.0) { $0 + Double($1) } / n, mb = b.reduce(0.0) { $0 + Double($1) } / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            let da = Double(a[i]) - ma, db = Double(b[i]) - mb
            sab += da * db
            saa += da * da
            sbb += db * db
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
    }

    /// The inputs of the drivers of strategies `names` (one strategy's NPV, or a pair's difference): the shared
    /// inputs, the risks' firings and the named strategies' own inputs; not other strategies' own inputs.
    static func inputs(_ ranked: [Ranked], of names: [String]) -> [Ranked] {
        ranked.filter { input in
            !input.name.hasPrefix("strategies.") || names.contains { input.name.hasPrefix("strategies.\($0).") }
        }
    }

    /// The drivers of one strategy's NPV (or of a pair's NPV difference), sorted by |ρ| (ties by name).
    static func drivers(npv: [Double], inputs: [Ranked]) -> [Driver] {
        let npvRanks = npv.withUnsafeBufferPointer { rank("npv", $0).ranks }
        var out = inputs.filter(\.varies).map { input -> Driver in
            let rho = correlation(input.ranks, npvRanks)
            var low = (0.0, 0), high = (0.0, 0)
            for i in npv.indices {
                if input.values[i] <= input.p10 { low = (low.0 + npv[i], low.1 + 1) }
                if input.values[i] >= input.p90 { high = (high.0 + npv[i], high.1 + 1) }
            }
            return Driver(
                input: input.name, spearman: rho, varianceShare: 0,
                npvMeanLow: low.1 > 0 ? low.0 / Double(low.1) : nil,
                npvMeanHigh: high.1 > 0 ? high.0 / Double(high.1) : nil)
        }
        let total = out.reduce(0) { $0 + $1.spearman * $1.spearman }
        for i in out.indices { out[i].varianceShare = total > 0 ? out[i].spearman * out[i].spearman / total : 0 }
        out.sort { (abs($0.spearman), $1.input) > (abs($1.spearman), $0.input) }
        return out
    }

    /// Each input's median percentile rank among the trials `selected`, by
    /// distance from its median over all trials (50, unless ties, as in a
    /// risk's firings, put many trials on one rank).
    static func medianPercentiles(_ selected: [Bool], inputs: [Ranked]) -> [InputPercentile] {
        let n = Double(selected.count)
        guard selected.contains(true) else { return [] }
        func median(_ values: [Double]) -> Double {
            var values = values
            return values.withUnsafeMutableBufferPointer { b in
                Selection.select(b, positions: Percentiles.positions(0.5, n: b.count))
                return Percentiles.interpolate(0.5, b)
            }
        }
        let chosen = selected.indices.filter { selected[$0] }
        var out = inputs.filter(\.varies).map { input -> InputPercentile in
            InputPercentile(
                input: input.name, medianPercentile: median(chosen.map { 100 * (Double(input.ranks[$0]) - 0.5) / n }),
                baselinePercentile: input.baselinePercentile)
        }
        out.sort {
            (abs($0.medianPercentile - $0.baselinePercentile), $1.input) > (
                abs($1.medianPercentile - $1.baselinePercentile), $0.input
            )
        }
        return out
    }
}

/// How one drawn input moves a strategy's NPV.
public struct Driver: Codable, Sendable, Equatable {
    /// The scenario path, e.g. `market.competition`, `risks.data-leak.firings`.
    public var input: String
    /// Spearman's rank correlation with NPV (average ranks for ties).
    public var spearman: Double
    /// ρ² normalised over the strategy's inputs to sum to 1.
    public var varianceShare: Double
    /// Mean NPV of the trials with the input at or below its P10, and at or above its P90.
    public var npvMeanLow: Double?
    public var npvMeanHigh: Double?

    enum CodingKeys: String, CodingKey {
        case input, spearman
        case varianceShare = "variance_share", npvMeanLow = "npv_mean_low", npvMeanHigh = "npv_mean_high"
    }
}

/// Where an input sits, as a median percentile (0–100), among trials that fail.
public struct InputPercentile: Codable, Sendable, Equatable {
    public var input: String
    public var medianPercentile: Double
    /// The input's median percentile over all trials: 50 for a continuous input.
    public var baselinePercentile: Double

    enum CodingKeys: String, CodingKey {
        case input
        case medianPercentile = "median_percentile", baselinePercentile = "baseline_percentile"
    }
}

/// What has to be true: the inputs of losing and of cash-out trials against 50.
public struct WhatHasToBeTrue: Codable, Sendable, Equatable {
    public var loss: [InputPercentile]
    public var cashOut: [InputPercentile]

    enum CodingKeys: String, CodingKey {
        case loss
        case cashOut = "cash_out"
    }
}
