/// The plan year by year, the view a pitch deck's financial plan is written
/// in: revenue, cost and profit of each year of the horizon.
///
/// Computed over a fixed sample, trials 0 ..< `Plan.yearSample` (the driver
/// sample, fewer when many strategies over a long horizon would need more than
/// `maxValues` stored values), so memory stays bounded and the figures are
/// the same for any worker count. A year's profit is its revenue − its cost.
public enum YearByYear {
    /// Stored values at most (8 bytes each): 32 MB.
    public static let maxValues = 4_000_000

    /// Each year's statistics of one strategy, reordering the sample columns.
    static func figures(_ columns: TrialColumns, strategy s: Int, horizon: Int, confidence: Bool = true)
        -> [YearFigures]
    {
        guard columns.yearSample > 0 else { return [] }
        return (0..<columns.years).map { y in
            let revenue = columns.yearColumn(s, year: y, metric: 0), cost = columns.yearColumn(s, year: y, metric: 1)
            let profit = UnsafeMutableBufferPointer<Double>.allocate(capacity: revenue.count)
            defer { profit.deallocate() }
            for i in 0..<revenue.count { profit[i] = revenue[i] - cost[i] }
            return YearFigures(
                year: y + 1, months: min(12, horizon - 12 * y),
                revenue: Stats.of(revenue, confidence: confidence), cost: Stats.of(cost, confidence: confidence),
                profit: Stats.of(profit, confidence: confidence))
        }
    }
}

/// One year of a strategy's plan.
public struct YearFigures: Codable, Sendable, Equatable {
    public var year: Int
    /// 12, or fewer for a last partial year.
    public var months: Int
    public var revenue: Stats
    public var cost: Stats
    public var profit: Stats
}
