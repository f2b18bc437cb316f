/// Turns a sketch run's `SketchAccumulator` into its `Summary`: the same
/// figures as `Summarizer` where they are counts (P(loss), P(cash out), the
/// month figures, risks, targets), the percentiles and CVaR from the
/// sketches (each order statistic within `QuantileSketch.relativeError`),
/// means and SDs from the blocks' moments. The analyses that need every
/// trial's inputs (drivers, what has to be true, by year, charts) are not computed.
public enum SketchSummarizer {
    /// The analyses a sketch summary leaves out, by `Analyses.names`.
    public static let notComputed = ["drivers", "what_has_to_be_true", "by_year", "charts"]

    public static func summarize(_ plan: Plan, _ acc: SketchAccumulator) -> Summary {
        let scenario = plan.scenario
        let n = plan.trials
        let S = acc.strategies
        let confidence = plan.analyses.confidenceIntervals
        let stats = { (index: Int) in Self.stats(acc, index, confidence: confidence) }
        let demand = acc.index(0, .demandShare).map(stats)
        let risks = (0..<acc.risks).map { k in
            RiskSummary(
                name: scenario.risks[k].name, category: scenario.risks[k].category,
                pFired: Summarizer.share(acc.fired[k], n),
                meanFirings: n > 0 ? Double(acc.firings[k]) / Double(n) : 0)
        }
        let tail = Summarizer.tailCount(n)
        let strategies = (0..<S).map { s -> StrategySummary in
            var outcomes: [String: Stats] = [:]
            outcomes[Outcome.demandShare.key] = demand
            for outcome in acc.outcomes where outcome != .fundingNeed {
                outcomes[outcome.key] = acc.index(s, outcome).map(stats)
            }
            let profit = acc.index(s, .profit).map { acc.sketches[$0] }
            let cvar =
                if let profit, tail > 0 && profit.count > 0 {
                    -SketchOrder(profit).sumOfSmallest(tail) / Double(tail)
                } else { Double.nan }
            let T = scenario.targets.count, levels = TrialColumns.adoptionLevels.count
            let figures = StrategyFigures(
                outcomes: outcomes, losses: acc.negatives[2 * s], cashShortfalls: acc.negatives[2 * s + 1],
                cvar95: cvar,
                breakeven: acc.months(acc.breakeven, s), cashOut: acc.fundingNeed ? acc.months(acc.cashOut, s) : nil,
                reach: (0..<levels).map { level in
                    let base = (s * levels + level) * acc.months
                    return Array(acc.reach[base..<(base + acc.months)])
                },
                targetHits: Array(acc.targets[(s * T)..<(s * T + T)]),
                fundingNeed: acc.index(s, .fundingNeed).map(stats))
            return figures.summary(plan, strategy: s, trials: n, risks: risks)
        }
        let comparisons = acc.pairs.enumerated().map { j, p in
            Comparison(
                a: scenario.strategies[p.a].name, b: scenario.strategies[p.b].name,
                pABetterNpv: Summarizer.share(acc.better[j], n),
                npvDifference: stats(S * acc.outcomes.count + 1 + j),
                pCashOutDifference: acc.pairedCounts(j, cashOut: true).difference(trials: n),
                pLossDifference: acc.pairedCounts(j, cashOut: false).difference(trials: n))
        }
        let clamped = zip(scenario.shareInputs.map(\.path), acc.clamped).compactMap { input, count in
            count > 0 ? ClampedInput(input: input, share: Summarizer.share(count, n)) : nil
        }
        var summary = Summary(
            scenario: scenario.name, trials: n, seed: plan.seed, horizonMonths: plan.horizon, strategies: strategies,
            comparisons: comparisons, clamped: clamped, inputs: scenario.inputs, driverSample: 0, yearSample: 0)
        summary.sketch = SketchNote(relativeError: QuantileSketch.relativeError, notComputed: notComputed)
        return summary
    }

    /// The statistics of real column `index`: moments from the blocks, percentiles (and their intervals) from the
    /// sketch.
    static func stats(_ acc: SketchAccumulator, _ index: Int, confidence: Bool) -> Stats {
        let m = acc.moments(index)
        var s = Stats(n: m.count)
        guard m.count > 0 else { return s }
        s.mean = m.mean
        s.sd = m.sd
        s.se = m.sd / Double(m.count).squareRoot()
        let order = SketchOrder(acc.sketches[index])
        let q = Percentiles.levels.map { Percentiles.interpolate($0, count: m.count, orderStatistic: order.value) }
        (s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95) = (q[0], q[1], q[2], q[3], q[4], q[5], q[6])
        if confidence {
            s.ci95 = Dictionary(
                uniqueKeysWithValues: zip(Percentiles.keys, Percentiles.levels).map { key, f in
                    let r = Percentiles.confidenceRanks(f, n: m.count)
                    return (key, [order.value(rank: r.lower), order.value(rank: r.upper)])
                })
        }
        return s
    }
}

/// How a sketch summary differs from the exact one: its error bound and what it leaves out.
public struct SketchNote: Codable, Sendable, Equatable {
    /// Every percentile's order statistics are within this share of the exact ones.
    public var relativeError: Double
    /// The analyses (`simulation.analyses` names) not computed.
    public var notComputed: [String]

    enum CodingKeys: String, CodingKey {
        case relativeError = "relative_error", notComputed = "not_computed"
    }
}
