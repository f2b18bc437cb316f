/// Everything a report says about a run: a pure function of scenario and seed.
public struct Summary: Codable, Sendable, Equatable {
    public var scenario: String
    public var trials: Int
    public var seed: UInt64
    public var horizonMonths: Int
    public var strategies: [StrategySummary]
    public var comparisons: [Comparison]
    /// Shares (factors, churn) whose draws were clamped to [0, 1], with how
    /// often; inputs never clamped are left out.
    public var clamped: [ClampedInput]
    /// Every input of the scenario by path (`Scenario.inputs`), so that two
    /// results say which inputs differ between them.
    public var inputs: [String: String]
    /// Trials 0 ..< this are the sample of the drivers and of what has to be true.
    public var driverSample: Int
    /// Target against achieved rank correlation of each correlated pair (over the driver sample).
    public var correlations: [CorrelationResult] = []
    /// Trials 0 ..< this are the sample of the year-by-year figures.
    public var yearSample: Int
    /// The scenario's stress cases, each on the same trials as the base.
    public var stressCases: [StressSummary] = []
    /// What the charts draw (not part of the JSON result).
    public var charts: ChartData?
    /// The launch month, when some risk can delay it.
    public var launch: LaunchSummary?
    /// Set when the percentiles come from sketches (`simulation.summary: sketch`), not from every trial.
    public var sketch: SketchNote?

    enum CodingKeys: String, CodingKey {
        case scenario, trials, seed, strategies, comparisons, clamped, inputs
        case driverSample = "driver_sample", yearSample = "year_sample", correlations
        case stressCases = "stress_cases", launch, sketch
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
    /// How fast customers arrive: when the trials reach a share of their market.
    public var adoption: [AdoptionReach]
    /// max(0, −min_t cumulative profit_t): the most cash the plan consumes before it recovers
    /// (nil when the run does not compute the funding need, as with the four below).
    public var fundingNeed: Stats?
    /// Among trials that run out of cash, the first month cash < 0; nil when none do.
    public var cashOutMonth: MonthPercentiles?
    /// Share of all trials that first run out in each year of the horizon (the last may be partial).
    public var cashOutByYear: [Double]?
    /// The scenario's targets, in its order.
    public var targets: [TargetResult]
    /// The drawn inputs by how strongly they move NPV (over the driver sample).
    public var drivers: [Driver]?
    /// Where the inputs sit in losing and in cash-out trials.
    public var whatHasToBeTrue: WhatHasToBeTrue?
    /// Revenue, cost and profit of each year (over the year-by-year sample).
    public var byYear: [YearFigures]?
    /// Revenue per line, when the strategy lists revenue lines.
    public var revenueLines: [RevenueLineSummary]?
    public var diversification: Diversification?
    /// The funding rounds and the investors' returns, when the scenario has rounds (and an exit).
    public var funding: FundingSummary?
    public var returns: [ReturnSummary]?
    /// Over trials, the share of the reachable market this strategy's price keeps, when the scenario has
    /// `market.willingness_to_pay` (docs/model.md#willingness-to-pay).
    public var priceShareKept: Stats?

    public func outcome(_ o: Outcome) -> Stats { outcomes[o.key]! }

    enum CodingKeys: String, CodingKey {
        case name, kind, outcomes, risks
        case pLoss = "p_loss", pCashOut = "p_cash_out", pBreakeven = "p_breakeven"
        case breakevenMonthP50 = "breakeven_month_p50", var95, cvar95, adoption, targets
        case fundingNeed = "funding_need", cashOutMonth = "cash_out_month", cashOutByYear = "cash_out_by_year"
        case drivers, whatHasToBeTrue = "what_has_to_be_true", byYear = "by_year", revenueLines = "revenue_lines",
            diversification, funding, returns
        case priceShareKept = "price_share_kept"
    }
}

/// A correlation the scenario asked for, and the one the trials have.
public struct CorrelationResult: Codable, Sendable, Equatable {
    public var between: [String]
    public var target: Double
    /// Spearman's ρ of the two inputs over the driver sample.
    public var achieved: Double
}

/// Three percentiles of a month.
public struct MonthPercentiles: Codable, Sendable, Equatable {
    public var p10: Double
    public var p50: Double
    public var p90: Double
}

/// How likely a founder's claim is, with its binomial standard error.
public struct TargetResult: Codable, Sendable, Equatable {
    public var name: String
    public var probability: Double
    public var se: Double
}

/// The figures of one stress case: the strategies of the base scenario under the case's overrides.
public struct StressSummary: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The overrides, path → value as written.
    public var set: [String: String]
    public var strategies: [StrategySummary]
}

/// The adoption curve in words: how soon customers A_t reach a share of the
/// month's reachable market m_t.
public struct AdoptionReach: Codable, Sendable, Equatable {
    /// The share of the reachable market (0.5, 0.9).
    public var share: Double
    /// Share of trials that reach it within the horizon.
    public var pReached: Double
    /// The month by which half of all trials have reached it (the median
    /// with "not within the horizon" counted as later than any month); nil
    /// when fewer than half do.
    public var medianMonth: Int?

    enum CodingKeys: String, CodingKey {
        case share
        case pReached = "p_reached", medianMonth = "median_month"
    }
}

/// How often a risk fired.
public struct RiskSummary: Codable, Sendable, Equatable {
    public var name: String
    public var category: String
    /// Share of trials in which it fired at least once.
    public var pFired: Double
    public var meanFirings: Double
    /// Its cost with and without its insurance, when insured.
    public var insurance: InsuranceSummary?

    enum CodingKeys: String, CodingKey {
        case name, category, insurance
        case pFired = "p_fired", meanFirings = "mean_firings"
    }
}

/// What an insured risk costs a trial on average, with and without the cover.
public struct InsuranceSummary: Codable, Sendable, Equatable {
    /// Mean of the firings' costs before the insurer pays.
    public var meanCostUninsured: Double
    /// Mean of what the insurer pays back.
    public var meanCovered: Double
    /// The premiums over the horizon (the same in every trial).
    public var premiums: Double
    /// meanCostUninsured − meanCovered + premiums.
    public var meanCostInsured: Double

    enum CodingKeys: String, CodingKey {
        case premiums
        case meanCostUninsured = "mean_cost_uninsured", meanCovered = "mean_covered", meanCostInsured =
            "mean_cost_insured"
    }
}

/// When customers can first arrive, after the risks that delay the launch.
public struct LaunchSummary: Codable, Sendable, Equatable {
    /// The planned month (`market.launch_month`).
    public var planned: Int
    /// Share of trials whose launch was pushed back.
    public var pDelayed: Double
    /// Share of trials that do not launch within the horizon.
    public var pNotWithinHorizon: Double
    /// Percentiles of the launch month over the trials that launch within the horizon; nil when none do.
    public var month: MonthPercentiles?

    enum CodingKeys: String, CodingKey {
        case planned, month
        case pDelayed = "p_delayed", pNotWithinHorizon = "p_not_within_horizon"
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
    /// P(cash out) and P(loss) of A minus B over the same trials, with paired standard errors (nil in results from
    /// before these existed).
    public var pCashOutDifference: PairedDifference?
    public var pLossDifference: PairedDifference?
    /// Which drawn inputs move npv_A − npv_B, by the method of a strategy's drivers over the same sample (nil when
    /// the drivers are not computed: `simulation.analyses`, the sketch summary).
    public var drivers: [Driver]?

    public init(
        a: String, b: String, pABetterNpv: Double, npvDifference: Stats, pCashOutDifference: PairedDifference? = nil,
        pLossDifference: PairedDifference? = nil, drivers: [Driver]? = nil
    ) {
        (self.a, self.b, self.pABetterNpv, self.npvDifference) = (a, b, pABetterNpv, npvDifference)
        (self.pCashOutDifference, self.pLossDifference, self.drivers) = (pCashOutDifference, pLossDifference, drivers)
    }

    enum CodingKeys: String, CodingKey {
        case a, b, drivers
        case pABetterNpv = "p_a_better_npv", npvDifference = "npv_difference"
        case pCashOutDifference = "p_cash_out_difference", pLossDifference = "p_loss_difference"
    }
}

/// A share input whose draws fell outside [0, 1] and were clamped (docs/model.md#the-model-month-by-month).
public struct ClampedInput: Codable, Sendable, Equatable {
    /// The scenario path, e.g. `market.competition` or `strategies.api.churn_monthly`.
    public var input: String
    /// Share of the run's draws of this input that were clamped.
    public var share: Double

    /// Above this share a run warns: the distribution probably does not mean what was meant.
    public static let warningShare = 0.01

    /// The warning printed on standard error for a share above `warningShare`.
    public func warning(measured: Bool) -> String {
        "warning: \(input): \(measured ? "clamped" : "would be clamped") to [0, 1] in "
            + "\(measured ? "" : "about ")\(NumberFormat.probability(share)) of draws; "
            + "check the distribution (shares are fractions: 0.2 for 20 %)"
    }
}

extension Summary {
    /// The first figure that is infinite or NaN, named by its JSON path; nil
    /// when every figure is finite (a JSON result never holds NaN or ∞).
    public var firstNonFiniteFigure: String? {
        func stats(_ s: Stats, _ path: String) -> String? {
            let fields: [(String, Double?)] = [
                ("mean", s.mean), ("sd", s.sd), ("se", s.se), ("p5", s.p5), ("p10", s.p10), ("p25", s.p25),
                ("p50", s.p50), ("p75", s.p75), ("p90", s.p90), ("p95", s.p95)
            ]
            return fields.first { $0.1.map { !$0.isFinite } ?? false }.map { "\(path).\($0.0)" }
        }
        for s in strategies {
            let base = "strategies.\(s.name)"
            for key in s.outcomes.keys.sorted() {
                if let bad = stats(s.outcomes[key]!, "\(base).outcomes.\(key)") { return bad }
            }
            let plain: [(String, Double?)] = [
                ("p_loss", s.pLoss), ("p_cash_out", s.pCashOut), ("p_breakeven", s.pBreakeven),
                ("breakeven_month_p50", s.breakevenMonthP50), ("var95", s.var95), ("cvar95", s.cvar95)
            ]
            if let bad = plain.first(where: { $0.1.map { !$0.isFinite } ?? false }) { return "\(base).\(bad.0)" }
            if let need = s.fundingNeed, let bad = stats(need, "\(base).funding_need") { return bad }
        }
        for c in comparisons {
            if !c.pABetterNpv.isFinite { return "comparisons.\(c.a)-\(c.b).p_a_better_npv" }
            if let bad = stats(c.npvDifference, "comparisons.\(c.a)-\(c.b).npv_difference") { return bad }
            let paired = [("p_cash_out_difference", c.pCashOutDifference), ("p_loss_difference", c.pLossDifference)]
            for (key, d) in paired where d.map({ !$0.value.isFinite || !$0.se.isFinite }) ?? false {
                return "comparisons.\(c.a)-\(c.b).\(key)"
            }
        }
        return nil
    }
}
