/// What the charts draw that the summary's figures do not hold: quantile
/// curves of NPV and of the funding need, and cash month by month.
///
/// The curves are read off fixed samples (trials 0 ..< `sample` and
/// 0 ..< `cashSample`), so they are the same for any worker count and cost
/// a bounded amount; the figures the charts mark (P5, P50, P95, the funding
/// need's P90 and P95) are the whole run's. Not part of the JSON result.
public struct ChartData: Sendable, Equatable {
    /// Trials the NPV and funding-need curves are read from.
    public var sample: Int
    /// Trials the cash fan is read from.
    public var cashSample: Int
    public var strategies: [StrategyCurves]

    /// The most trials the curves are read from.
    public static let sampleLimit = 50_000
    /// The most trials whose cash is kept month by month.
    public static let cashSampleLimit = 20_000
    /// The quantile levels of the curves: 0, 0.005, …, 1.
    public static let levels = (0...200).map { Double($0) / 200 }

    public struct StrategyCurves: Sendable, Equatable {
        public var name: String
        /// NPV at each of `levels` (GSL's interpolation over the sample).
        public var npv: [Double]
        /// The funding need at each of `levels`; nil when it is not computed.
        public var fundingNeed: [Double]?
        /// The starting cash (index 0), then cash at the end of each month 1 … T.
        public var cash: [MonthBand]
    }

    /// Five percentiles of one month's cash.
    public struct MonthBand: Sendable, Equatable {
        public var p10, p25, p50, p75, p90: Double
    }

    /// The quantile curve of `x` at `levels`, sorting `x`.
    static func curve(_ x: inout [Double]) -> [Double] {
        RadixSort.sort(&x)
        let n = x.count
        return x.withUnsafeBufferPointer { sorted in
            levels.map { f in Percentiles.interpolate(f, count: n) { sorted[$0] } }
        }
    }

    /// A strategy's NPV and funding-need curves, read off the sample (trials 0 ..< `sample(columns)`) before the
    /// summary reorders those columns.
    static func curves(_ columns: TrialColumns, strategy s: Int) -> (npv: [Double], fundingNeed: [Double]?) {
        let N = sample(columns)
        var npv = Array(columns.column(s, .npv).prefix(N))
        let need = columns.hasFundingNeed ? Array(columns.column(s, .fundingNeed).prefix(N)) : nil
        return (
            curve(&npv),
            need.map {
                var x = $0; return curve(&x)
            }
        )
    }

    /// A strategy's cash band in month `month` (0 … T) of the cash sample.
    static func band(_ columns: TrialColumns, strategy s: Int, month: Int) -> MonthBand {
        // Sorted (radix: faster than selecting five levels of 20,000 values), the same order statistics.
        var values = Array(columns.cashColumn(s, month: month))
        RadixSort.sort(&values)
        let q = values.withUnsafeMutableBufferPointer { b in
            [0.1, 0.25, 0.5, 0.75, 0.9].map { Percentiles.interpolate($0, b) }
        }
        return MonthBand(p10: q[0], p25: q[1], p50: q[2], p75: q[3], p90: q[4])
    }

    /// The trials the curves are read from.
    static func sample(_ columns: TrialColumns) -> Int { min(columns.count, sampleLimit) }

    /// Whether a run keeps chart data: with the charts analysis, and some trials.
    static func kept(_ plan: Plan, _ columns: TrialColumns) -> Bool { plan.analyses.charts && columns.count > 0 }

    /// The months whose cash bands a run keeps: 0 (the starting cash) to the horizon; none without a cash sample.
    static func months(_ plan: Plan, _ columns: TrialColumns) -> Range<Int> {
        columns.cashSample > 0 ? 0..<(plan.horizon + 1) : 0..<0
    }

    /// The chart data from each strategy's curves and cash bands (months `months`).
    init(_ plan: Plan, _ columns: TrialColumns, curves: [(npv: [Double], fundingNeed: [Double]?)], bands: [[MonthBand]])
    {
        sample = Self.sample(columns)
        cashSample = columns.cashSample
        strategies = curves.indices.map { s in
            StrategyCurves(
                name: plan.scenario.strategies[s].name, npv: curves[s].npv, fundingNeed: curves[s].fundingNeed,
                cash: bands[s])
        }
    }
}
