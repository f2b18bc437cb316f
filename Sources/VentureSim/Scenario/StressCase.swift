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

    /// The claim in words: "annual_run_rate at month 36 ≥ 10 M".
    public var words: String {
        "\(metric.rawValue) at month \(month) \(atLeast ? "≥" : "≤") \(NumberFormat.amount(threshold))"
    }
}
