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
        ("discountStep", VS_TRIAL_DISCOUNT_STEP), ("launch", VS_TRIAL_LAUNCH),
        ("exitMultiple", VS_TRIAL_EXIT_MULTIPLE)
    ]
    /// `TrialDraws` fields the lanes do not take: the record's flags.
    static let scalarOnlyTrialFields: Set<String> = ["sampled", "recorded"]
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

    /// The plan features the lane loop implements: every opt-in feature. The revenue lines' monthly draws are made
    /// before the loop, in the scalar loop's order; a funding round's month is decided lane by lane (`vs_close_rounds`,
    /// `TrialKernel.closeRounds`' twin). A feature added to `Plan.Feature` runs on the scalar path until it is here.
    static let features: Set<Plan.Feature> = [
        .launchDelay, .insurance, .laterLaunch, .drift, .revenueLines, .fundingRounds, .costShocks, .willingnessToPay
    ]

    /// A month's metric as the lane loop's `VS_METRIC_*` (the horizon metrics, never a round's trigger: NaN).
    static func metric(_ m: Target.Metric) -> Int32 {
        let k: Int
        switch m {
        case .annualRunRate: k = VS_METRIC_ANNUAL_RUN_RATE
        case .revenueToDate: k = VS_METRIC_REVENUE_TO_DATE
        case .customers: k = VS_METRIC_CUSTOMERS
        case .cash: k = VS_METRIC_CASH
        case .cumulativeProfit: k = VS_METRIC_CUMULATIVE_PROFIT
        case .fundingNeed, .npv, .lowestCash: k = VS_METRIC_OTHER
        }
        return Int32(k)
    }

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
