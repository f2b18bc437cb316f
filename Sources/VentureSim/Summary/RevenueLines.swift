/// What each revenue line of a strategy earns, and the diversification the
/// source claims for a mix: the spread of the mix's profit against each
/// line's alone, on the same trials.
///
/// A line "alone" earns its own revenue and pays its own cost plus every
/// cost no line carries (operations, customers, acquisition, risks, the
/// one-off costs): the plan with the same customers and only that line.
public enum RevenueLines {
    /// The lines of strategy `s` (its kind's own prices first, when they earn anything), reading the columns before
    /// they are reordered.
    static func summary(_ plan: Plan, _ columns: TrialColumns, strategy s: Int, confidence: Bool) -> (
        lines: [RevenueLineSummary], diversification: Diversification
    )? {
        let strategy = plan.scenario.strategies[s]
        guard !strategy.revenueLines.isEmpty else { return nil }
        let n = columns.count
        let first = plan.lineOffsets[s]
        let names = [strategy.kind.rawValue] + strategy.revenueLines.map(\.name)
        let kinds = [strategy.kind.rawValue] + strategy.revenueLines.map(\.kind.rawValue)
        // A total zero by its line's kind has no column: a column of zeros stands in for it (all equal, so reordering
        // it leaves it as it is).
        return ScratchColumn.with(count: n) { zero in
            zero.initialize(repeating: 0)
            let lineRevenue = names.indices.map { columns.lineColumn(first + $0, cost: false) ?? zero }
            let lineCost = names.indices.map { columns.lineColumn(first + $0, cost: true) ?? zero }
            return summary(
                names: names, kinds: kinds, revenue: columns.column(s, .revenue), cost: columns.column(s, .cost),
                lineRevenue: lineRevenue, lineCost: lineCost, confidence: confidence)
        }
    }

    /// The same from the strategy's revenue and cost and its lines' totals.
    private static func summary(
        names: [String], kinds: [String], revenue: UnsafeMutableBufferPointer<Double>,
        cost: UnsafeMutableBufferPointer<Double>, lineRevenue: [UnsafeMutableBufferPointer<Double>],
        lineCost: [UnsafeMutableBufferPointer<Double>], confidence: Bool
    ) -> (lines: [RevenueLineSummary], diversification: Diversification) {
        let n = revenue.count
        var common = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var carried = 0.0
            for c in lineCost { carried += c[i] }
            common[i] = cost[i] - carried
        }
        let own = lineRevenue[0].contains { $0 != 0 }
        var out: [RevenueLineSummary] = []
        for k in names.indices where k > 0 || own {
            var shares: [Double] = []
            shares.reserveCapacity(n)
            var alone = [Double](repeating: 0, count: n)
            for i in 0..<n {
                if revenue[i] > 0 { shares.append(lineRevenue[k][i] / revenue[i]) }
                alone[i] = lineRevenue[k][i] - lineCost[k][i] - common[i]
            }
            let shareP50 =
                shares.isEmpty ? nil : shares.withUnsafeMutableBufferPointer { Stats.of($0, confidence: false).p50 }
            let sdAlone = n > 0 ? alone.withUnsafeBufferPointer { Stats.moments($0).sd } : nil
            out.append(
                RevenueLineSummary(
                    line: names[k], kind: kinds[k], revenue: Stats.of(lineRevenue[k], confidence: confidence),
                    cost: n > 0 ? Stats.moments(UnsafeBufferPointer(lineCost[k])).mean : 0, shareP50: shareP50,
                    sdProfitAlone: sdAlone))
        }
        let mix = (0..<n).map { revenue[$0] - cost[$0] }
        let sdMix = n > 0 ? mix.withUnsafeBufferPointer { Stats.moments($0).sd } : nil
        return (
            out,
            Diversification(
                sdProfitMix: sdMix,
                sdProfitAlone: Dictionary(uniqueKeysWithValues: out.map { ($0.line, $0.sdProfitAlone) }))
        )
    }
}

/// One revenue line of a strategy.
public struct RevenueLineSummary: Codable, Sendable, Equatable {
    /// Its name (the kind's word for the strategy's own prices).
    public var line: String
    /// `subscription`, `api`, `hybrid` for the own prices, else the line's kind.
    public var kind: String
    /// Its revenue over the horizon.
    public var revenue: Stats
    /// Mean cost it carries itself (consulting's delivery, freemium's serving, API's unit costs).
    public var cost: Double
    /// Median over trials (with revenue) of its share of the strategy's revenue.
    public var shareP50: Double?
    /// Standard deviation of the profit the plan would make with this line alone.
    public var sdProfitAlone: Double?

    enum CodingKeys: String, CodingKey {
        case line, kind, revenue, cost
        case shareP50 = "share_p50", sdProfitAlone = "sd_profit_alone"
    }
}

/// The spread of profit with every line against each line alone.
public struct Diversification: Codable, Sendable, Equatable {
    public var sdProfitMix: Double?
    public var sdProfitAlone: [String: Double?]

    enum CodingKeys: String, CodingKey {
        case sdProfitMix = "sd_profit_mix", sdProfitAlone = "sd_profit_alone"
    }
}
