extension Scenario {
    /// The share inputs (five factors, each strategy's churn) with their scenario paths.
    public var shareInputs: [(path: String, distribution: Distribution)] {
        let m = market
        return zip(Market.factorPaths, [m.performance, m.demand, m.competition, m.service, m.marketing]).map {
            ($0, $1)
        }
            + strategies.map { ("strategies.\($0.name).churn_monthly", $0.churnMonthly) }
    }

    /// The share of draws each share input is expected to have clamped to
    /// [0, 1], from its distribution (a run measures the real share); inputs
    /// never clamped are left out.
    public var expectedClamping: [ClampedInput] {
        shareInputs.compactMap { path, d in
            let outside = 1 - d.probability(from: 0, to: 1)
            return outside > 1e-12 ? ClampedInput(input: path, share: outside) : nil
        }
    }
}
