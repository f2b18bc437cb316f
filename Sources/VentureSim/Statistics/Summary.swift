/// Everything a report says about a run: a pure function of scenario and seed.
public struct Summary: Codable, Sendable, Equatable {
    public var scenario: String
    public var trials: Int
    public var seed: UInt64
    public var horizonMonths: Int
    public var strategies: [StrategySummary]
    public var comparisons: [Comparison]

    enum CodingKeys: String, CodingKey {
        case scenario, trials, seed, strategies, comparisons
        case horizonMonths = "horizon_months"
    }
}

/// The figures of one strategy.
public struct StrategySummary: Codable, Sendable, Equatable {
    public var name: String
    public var kind: String
    /// Keyed by `Outcome.key`.
    public var outcomes: [String: Stats]
    /// P(profit < 0).
    public var pLoss: Double
    /// P(min_cash < 0).
    public var pCashOut: Double
    /// P(cumulative profit reaches 0 within the horizon).
    public var pBreakeven: Double
    /// Median breakeven month among trials that break even; nil when none do.
    public var breakevenMonthP50: Double?
    /// −P5 of profit.
    public var var95: Double
    /// −(mean profit of the ⌈0.05 · n⌉ worst trials).
    public var cvar95: Double
    public var risks: [RiskSummary]

    public func outcome(_ o: Outcome) -> Stats { outcomes[o.key]! }

    enum CodingKeys: String, CodingKey {
        case name, kind, outcomes, risks
        case pLoss = "p_loss", pCashOut = "p_cash_out", pBreakeven = "p_breakeven"
        case breakevenMonthP50 = "breakeven_month_p50", var95, cvar95
    }
}

/// How often a risk fired.
public struct RiskSummary: Codable, Sendable, Equatable {
    public var name: String
    public var category: String
    /// Share of trials in which it fired at least once.
    public var pFired: Double
    public var meanFirings: Double

    enum CodingKeys: String, CodingKey {
        case name, category
        case pFired = "p_fired", meanFirings = "mean_firings"
    }
}

/// Strategy A against strategy B, trial by trial (common random numbers).
public struct Comparison: Codable, Sendable, Equatable {
    public var a: String
    public var b: String
    /// P(npv_A > npv_B) within the same trial.
    public var pABetterNpv: Double
    /// Statistics of npv_A − npv_B.
    public var npvDifference: Stats

    enum CodingKeys: String, CodingKey {
        case a, b
        case pABetterNpv = "p_a_better_npv", npvDifference = "npv_difference"
    }
}
