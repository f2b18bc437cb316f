/// The per-trial outcomes of one strategy (docs/model.md#the-model-month-by-month), in report order.
public enum Outcome: Int, CaseIterable, Sendable {
    case npv, profit, revenue, cost, roi, minCash, customers, fundingNeed, demandShare

    /// The key used in JSON results and reports.
    public var key: String {
        switch self {
        case .npv: return "npv"
        case .profit: return "profit"
        case .revenue: return "revenue"
        case .cost: return "cost"
        case .roi: return "roi"
        case .minCash: return "min_cash"
        case .customers: return "customers"
        case .fundingNeed: return "funding_need"
        case .demandShare: return "demand_share"
        }
    }

    /// Outcomes stored once per strategy; demand share is common to all strategies.
    static let perStrategy: [Outcome] = [.npv, .profit, .revenue, .cost, .roi, .minCash, .customers, .fundingNeed]

    /// The outcomes a run reports per strategy: `perStrategy`, less the funding need when it is not computed.
    static func stored(fundingNeed: Bool) -> [Outcome] {
        fundingNeed ? perStrategy : perStrategy.filter { $0 != .fundingNeed }
    }

    /// Outcomes not kept per trial but computed from revenue and cost when read, exactly as the month loop would
    /// (profit = revenue − cost; roi = profit / cost, NaN when the cost is 0): two columns less of memory.
    var isDerived: Bool { self == .profit || self == .roi }

    /// Outcome `self` of a trial from its revenue and cost.
    @inline(__always)
    func derived(revenue: Double, cost: Double) -> Double {
        let profit = revenue - cost
        return self == .profit ? profit : cost != 0 ? profit / cost : .nan
    }
}
