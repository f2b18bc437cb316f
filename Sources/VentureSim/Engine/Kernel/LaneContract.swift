internal import CLanes

/// The contract between the Swift kernel and the C lane loop (`Sources/CLanes/include/lanes.h`): which of the
/// kernel's values go in which C slot, and which plan features the C loop implements. The lanes' packing and
/// unpacking (`TrialKernel+Lanes`) follow these lists; `LaneIdentityTests` checks them both ways: every C slot
/// is named here exactly once, and every field of the Swift values is either here or declared scalar-only.
enum LaneContract {
    /// `TrialDraws` fields by `VS_TRIAL_*` slot.
    static let trialSlots: [(field: String, slot: Int)] = [
        ("m", VS_TRIAL_M), ("p", VS_TRIAL_P), ("q", VS_TRIAL_Q), ("oneOff", VS_TRIAL_ONE_OFF),
        ("operations", VS_TRIAL_OPERATIONS),
        ("perCustomer", VS_TRIAL_PER_CUSTOMER), ("cac", VS_TRIAL_CAC), ("cash0", VS_TRIAL_CASH0),
        ("discountStep", VS_TRIAL_DISCOUNT_STEP), ("launch", VS_TRIAL_LAUNCH)
    ]
    /// `TrialDraws` fields the lanes do not take: the exit (funding rounds only) and the record's flags.
    static let scalarOnlyTrialFields: Set<String> = ["exitMultiple", "sampled", "recorded"]
    static let trialSlotCount = VS_TRIAL_FIELDS

    /// `StrategyDraws` fields by `VS_STRATEGY_*` slot.
    static let strategySlots: [(field: String, slot: Int)] = [
        ("pricePerMonth", VS_STRATEGY_PRICE_PER_MONTH), ("unitRevenue", VS_STRATEGY_UNIT_REVENUE),
        ("unitVariable", VS_STRATEGY_UNIT_VARIABLE), ("retain", VS_STRATEGY_RETAIN), ("kept", VS_STRATEGY_KEPT)
    ]
    /// `StrategyDraws` fields the lanes do not take: none.
    static let scalarOnlyStrategyFields: Set<String> = []
    static let strategySlotCount = VS_STRATEGY_FIELDS

    /// `StrategyTotals` fields by `VS_OUT_*` slot.
    static let outSlots: [(field: String, slot: Int)] = [
        ("npv", VS_OUT_NPV), ("revenueSum", VS_OUT_REVENUE), ("costSum", VS_OUT_COST), ("minCash", VS_OUT_MIN_CASH),
        ("A", VS_OUT_CUSTOMERS),
        ("minCumulative", VS_OUT_MIN_CUMULATIVE), ("breakeven", VS_OUT_BREAKEVEN), ("reachHalf", VS_OUT_REACH_HALF),
        ("reachMost", VS_OUT_REACH_MOST), ("cashOutMonth", VS_OUT_CASH_OUT)
    ]
    static let outSlotCount = VS_OUT_FIELDS

    /// The values per target month the lane loop keeps: R, revenue to date, A, cash, cumulative profit.
    static let targetValues = 5

    /// The plan features the lane loop implements: every opt-in business-model feature but funding rounds (a round
    /// closing moves a trial's cash, and a company out of cash stops counting: a branch per trial and month). The
    /// revenue lines' monthly draws are made before the loop, in the scalar loop's order. A plan using any other
    /// feature runs on the scalar path.
    static let features: Set<Plan.Feature> = Set(Plan.Feature.allCases).subtracting([.fundingRounds])

    /// A revenue line's kind as the lane loop's `VS_LINE_*`.
    static func lineKind(_ kind: RevenueLine.Kind) -> Int32 {
        let k: Int
        switch kind {
        case .oneTime: k = VS_LINE_ONE_TIME
        case .valueAdded: k = VS_LINE_VALUE_ADDED
        case .advertising: k = VS_LINE_ADVERTISING
        case .consulting: k = VS_LINE_CONSULTING
        case .commission: k = VS_LINE_COMMISSION
        case .freemium: k = VS_LINE_FREEMIUM
        }
        return Int32(k)
    }
}
