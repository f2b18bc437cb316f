/// A named what-if of a scenario: the base with some values overridden,
/// simulated on the same trials (common random numbers).
public struct StressCase: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The overrides, path → value as written (YAML).
    public var set: [String: String]
    /// The base scenario with the overrides applied (and no stress cases of its own).
    public var scenario: Scenario

    public init(name: String, description: String?, set: [String: String], scenario: Scenario) {
        self.name = name
        self.description = description
        self.set = set
        self.scenario = scenario
    }
}

/// A founder's claim, checked trial by trial: `metric` at `month` is at least
/// (or at most) `threshold`.
public struct Target: Sendable, Equatable {
    public enum Metric: String, Sendable, Equatable, CaseIterable {
        /// 12 × that month's revenue.
        case annualRunRate = "annual_run_rate"
        /// Revenue of months 1 … month.
        case revenueToDate = "revenue_to_date"
        /// A_month.
        case customers
        /// cash_month.
        case cash
        /// Profit of months 1 … month.
        case cumulativeProfit = "cumulative_profit"
        /// Over the horizon (no month): the most cash the plan consumes before it recovers, the `funding_need` outcome.
        case fundingNeed = "funding_need"
        /// Over the horizon (no month): the discounted profit of every month, the `npv` outcome.
        case npv
        /// Over the horizon (no month): the lowest cash of any month, the `min_cash` outcome.
        case lowestCash = "lowest_cash"

        /// Whether the metric is a figure of the whole horizon (a target of it takes no month).
        public var isHorizon: Bool { self == .fundingNeed || self == .npv || self == .lowestCash }
        /// The metrics checked in a given month (targets with `month`, and funding triggers).
        public static var monthly: [Metric] { allCases.filter { !$0.isHorizon } }
    }

    public var name: String
    public var metric: Metric
    public var month: Int
    /// true: holds when metric ≥ threshold; false: when metric ≤ threshold.
    public var atLeast: Bool
    public var threshold: Double

    public init(name: String, metric: Metric, month: Int, atLeast: Bool, threshold: Double) {
        self.name = name
        self.metric = metric
        self.month = month
        self.atLeast = atLeast
        self.threshold = threshold
    }

    /// The claim in words: "annual_run_rate at month 36 ≥ 10 M", "funding_need over the horizon ≤ 5 M".
    public var words: String {
        "\(metric.rawValue) \(when) \(atLeast ? "≥" : "≤") \(NumberFormat.amount(threshold))"
    }

    /// "at month 36", or "over the horizon" for a horizon metric.
    public var when: String { metric.isHorizon ? "over the horizon" : "at month \(month)" }
}
