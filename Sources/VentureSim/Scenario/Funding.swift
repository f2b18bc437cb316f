/// A financing round (`funding:`): fixed at a month, or triggered by the
/// first month a metric reaches a bound (on or after `earliestMonth`, by
/// `latestMonth` if it has one, else never), then closing with
/// `closeProbability`, decided once per trial.
///
/// A closing round adds `amount` to cash and dilutes every holder pro rata:
/// the new investors own amount / (pre-money + amount). With `funding:` in a
/// scenario a company whose cash goes below zero is dead from that month.
public struct FundingRound: Sendable, Equatable {
    /// What triggers a round: a metric of the month against a bound.
    public struct Trigger: Sendable, Equatable {
        public var metric: Target.Metric
        public var atLeast: Bool
        public var threshold: Double
        public init(metric: Target.Metric, atLeast: Bool, threshold: Double) {
            (self.metric, self.atLeast, self.threshold) = (metric, atLeast, threshold)
        }
    }

    public var name: String
    /// The month of a fixed round; nil for a triggered one.
    public var month: Int?
    public var trigger: Trigger?
    public var earliestMonth: Int
    /// The last month a triggered round may come due (nil: the horizon's); on a fixed round, at or after its month.
    public var latestMonth: Int?
    public var amount: Distribution
    public var preMoney: Distribution
    public var closeProbability: Double

    public init(
        name: String, month: Int? = nil, trigger: Trigger? = nil, earliestMonth: Int = 1, latestMonth: Int? = nil,
        amount: Distribution,
        preMoney: Distribution, closeProbability: Double = 1
    ) {
        (self.name, self.month, self.trigger, self.earliestMonth, self.latestMonth) = (
            name, month, trigger, earliestMonth, latestMonth
        )
        (self.amount, self.preMoney, self.closeProbability) = (amount, preMoney, closeProbability)
    }
}

/// The company's sale at the horizon (`exit:`): its value is a multiple of the annual run rate.
public struct Exit: Sendable, Equatable {
    public var multipleOfRunRate: Distribution
    /// Each round's investors take back at least their money (1×, non-participating, pari passu) before common shares.
    public var liquidationPreference: Bool
    public init(multipleOfRunRate: Distribution, liquidationPreference: Bool = false) {
        self.multipleOfRunRate = multipleOfRunRate
        self.liquidationPreference = liquidationPreference
    }
}
