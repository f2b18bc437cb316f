/// The per-trial outcomes of one strategy (MODEL.md §5), in report order.
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

    /// The outcomes a run stores per strategy: `perStrategy`, less the funding need when it is not computed.
    static func stored(fundingNeed: Bool) -> [Outcome] { fundingNeed ? perStrategy : perStrategy.filter { $0 != .fundingNeed } }
}
