/// What a strategy's summary is made of, however it was measured (every trial's columns, or a sketch run's
/// counts and sketches): the one place a strategy's figures (probabilities, the month figures, VaR, targets,
/// adoption) are assembled, for the exact and the sketch summaries alike.
struct StrategyFigures {
    /// Each reported outcome's statistics by key, the demand share included.
    var outcomes: [String: Stats]
    /// Trials with a loss (profit < 0) and with a cash shortfall (minimum cash < 0).
    var losses: Int
    var cashShortfalls: Int
    /// CVaR95 (NaN when there is no tail).
    var cvar95: Double
    /// Month histograms (index 0: never): first month with cumulative profit ≥ 0; first month with cash < 0 (with the
    /// funding need); first month at each adoption level (`TrialColumns.adoptionLevels`).
    var breakeven: [Int]
    var cashOut: [Int]?
    var reach: [[Int]]
    /// Trials in which each target (scenario order) held.
    var targetHits: [Int]
    /// The funding need's statistics (with the funding need).
    var fundingNeed: Stats?

    /// The strategy's summary over `n` trials; the analyses only the exact summary computes are added by it.
    func summary(_ plan: Plan, strategy s: Int, trials n: Int, risks: [RiskSummary]) -> StrategySummary {
        let scenario = plan.scenario
        let share = Summarizer.share
        let byYear = cashOut.map { cashOut in
            (0..<plan.years).map { y in share(cashOut[(12 * y + 1)...min(plan.horizon, 12 * y + 12)].reduce(0, +), n) }
        }
        let targets = zip(scenario.targets, targetHits).map { t, hits in
            let p = share(hits, n)
            return TargetResult(name: t.name, probability: p, se: n > 0 ? (p * (1 - p) / Double(n)).squareRoot() : 0)
        }
        let adoption = zip(TrialColumns.adoptionLevels, reach).map { level, histogram in
            Summarizer.reach(share: level, histogram: histogram, n: n)
        }
        let strategy = scenario.strategies[s]
        return StrategySummary(
            name: strategy.name, kind: strategy.kind.rawValue, outcomes: outcomes,
            pLoss: share(losses, n), pCashOut: share(cashShortfalls, n), pBreakeven: share(n - breakeven[0], n),
            breakevenMonthP50: Summarizer.monthQuantile(0.5, breakeven),
            var95: -(outcomes[Outcome.profit.key]?.p5 ?? .nan), cvar95: cvar95,
            risks: risks, adoption: adoption, fundingNeed: fundingNeed,
            cashOutMonth: cashOut.flatMap(Summarizer.monthPercentiles),
            cashOutByYear: byYear, targets: targets, drivers: nil, whatHasToBeTrue: nil, byYear: nil)
    }
}
