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
        ("discountStep", VS_TRIAL_DISCOUNT_STEP)
    ]
    /// `TrialDraws` fields the lanes do not take: the launch and exit (business-model features only) and the record's
    /// flags.
    static let scalarOnlyTrialFields: Set<String> = ["launch", "exitMultiple", "sampled", "recorded"]
    static let trialSlotCount = VS_TRIAL_FIELDS

    /// `StrategyDraws` fields by `VS_STRATEGY_*` slot.
    static let strategySlots: [(field: String, slot: Int)] = [
        ("pricePerMonth", VS_STRATEGY_PRICE_PER_MONTH), ("unitRevenue", VS_STRATEGY_UNIT_REVENUE),
        ("unitVariable", VS_STRATEGY_UNIT_VARIABLE), ("retain", VS_STRATEGY_RETAIN)
    ]
    /// `StrategyDraws` fields the lanes do not take: the share the price keeps (`Plan.Feature.willingnessToPay` only).
    static let scalarOnlyStrategyFields: Set<String> = ["kept"]
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

    /// The plan features the lane loop implements: none of the opt-in business-model features (their month loop
    /// draws as it goes, which lanes cannot). A plan using any other runs on the scalar path.
    static let features: Set<Plan.Feature> = []
}
