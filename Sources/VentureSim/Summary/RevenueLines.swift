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
    static func summary(
        _ plan: Plan, _ columns: TrialColumns, strategy s: Int, confidence: Bool, scratch pool: ScratchPool
    ) -> (lines: [RevenueLineSummary], diversification: Diversification)? {
        let strategy = plan.scenario.strategies[s]
        guard !strategy.revenueLines.isEmpty else { return nil }
        let n = columns.count
        let first = plan.lineOffsets[s]
        let names = [strategy.kind.rawValue] + strategy.revenueLines.map(\.name)
        let kinds = [strategy.kind.rawValue] + strategy.revenueLines.map(\.kind.rawValue)
        // A total zero by its line's kind has no column: a column of zeros stands in for it (all equal, so reordering
        // it leaves it as it is).
        return pool.with(count: n) { zero in
            zero.initialize(repeating: 0)
            let lineRevenue = names.indices.map { columns.lineColumn(first + $0, cost: false) ?? zero }
            let lineCost = names.indices.map { columns.lineColumn(first + $0, cost: true) ?? zero }
            return summary(
                names: names, kinds: kinds, revenue: columns.column(s, .revenue), cost: columns.column(s, .cost),
                lineRevenue: lineRevenue, lineCost: lineCost, confidence: confidence, scratch: pool)
        }
    }

    /// The same from the strategy's revenue and cost and its lines' totals, with columns of `pool` as scratch.
    private static func summary(
        names: [String], kinds: [String], revenue: UnsafeMutableBufferPointer<Double>,
        cost: UnsafeMutableBufferPointer<Double>, lineRevenue: [UnsafeMutableBufferPointer<Double>],
        lineCost: [UnsafeMutableBufferPointer<Double>], confidence: Bool, scratch pool: ScratchPool
    ) -> (lines: [RevenueLineSummary], diversification: Diversification) {
        let n = revenue.count
        // Three columns: the cost no line carries, then a line's shares and its profit alone, line after line.
        return pool.with(count: n) { common in
            pool.with(count: n) { shares in
                pool.with(count: n) { alone in
                    for i in 0..<n {
                        var carried = 0.0
                        for c in lineCost { carried += c[i] }
                        common[i] = cost[i] - carried
                    }
                    let own = lineRevenue[0].contains { $0 != 0 }
                    var out: [RevenueLineSummary] = []
                    for k in names.indices where k > 0 || own {
                        var m = 0
                        for i in 0..<n {
                            if revenue[i] > 0 {
                                shares[m] = lineRevenue[k][i] / revenue[i]
                                m += 1
                            }
                            alone[i] = lineRevenue[k][i] - lineCost[k][i] - common[i]
                        }
                        let shareP50 =
                            m == 0
                            ? nil
                            : Stats.of(
                                UnsafeMutableBufferPointer(rebasing: shares[0..<m]), confidence: false, scratch: pool
                            ).p50
                        let sdAlone = n > 0 ? Stats.moments(UnsafeBufferPointer(alone)).sd : nil
                        out.append(
                            RevenueLineSummary(
                                line: names[k], kind: kinds[k],
                                revenue: Stats.of(lineRevenue[k], confidence: confidence, scratch: pool),
                                cost: n > 0 ? Stats.moments(UnsafeBufferPointer(lineCost[k])).mean : 0,
                                shareP50: shareP50,
                                sdProfitAlone: sdAlone))
                    }
                    // The mix's profit in the room of a line's profit alone, read no more.
                    for i in 0..<n { alone[i] = revenue[i] - cost[i] }
                    let sdMix = n > 0 ? Stats.moments(UnsafeBufferPointer(alone)).sd : nil
                    return (
                        out,
                        Diversification(
                            sdProfitMix: sdMix,
                            sdProfitAlone: Dictionary(uniqueKeysWithValues: out.map { ($0.line, $0.sdProfitAlone) }))
                    )
                }
            }
        }
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
