/// What the funding rounds did and what their investors get back, per strategy.
enum FundingOutcome {
    static func summary(_ plan: Plan, _ columns: TrialColumns, strategy s: Int, confidence: Bool) -> (
        FundingSummary, [ReturnSummary]?
    ) {
        let n = columns.count, T = plan.horizon
        let rounds = plan.scenario.funding
        let dead = columns.deathColumn(s).reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        var roundSummaries: [RoundSummary] = []
        var returns: [ReturnSummary] = []
        for (k, round) in rounds.enumerated() {
            let months = columns.roundMonthColumn(s, round: k)
            let histogram = Summarizer.histogram(months, horizon: T)
            let closed = n - histogram[0]
            let ownership = columns.fundingColumn(s, field: ColumnLayout.Funding.ownership(k))
            let proceeds = columns.fundingColumn(s, field: ColumnLayout.Funding.proceeds(k))
            let moicColumn = columns.fundingColumn(s, field: ColumnLayout.Funding.moic(k))
            // Over the trials in which the round closed.
            var own: [Double] = [], moic: [Double] = [], irr: [Double] = [], paid: [Double] = []
            for i in 0..<n where months[i] > 0 {
                own.append(ownership[i])
                paid.append(proceeds[i])
                guard moicColumn[i].isFinite else { continue }
                moic.append(moicColumn[i])
                let held = T - Int(months[i])
                // The money goes in at the closing month and comes back at the horizon: one flow each way.
                if let r = CapTable.irr(moic: moicColumn[i], monthsHeld: held) { irr.append(r) }
            }
            var fates = [Int](repeating: 0, count: ColumnLayout.RoundFate.allCases.count)
            for f in columns.roundFateColumn(s, round: k) { fates[Int(f)] += 1 }
            func share(_ f: ColumnLayout.RoundFate) -> Double { Summarizer.share(fates[Int(f.rawValue)], n) }
            roundSummaries.append(
                RoundSummary(
                    name: round.name, pClosed: Summarizer.share(closed, n),
                    pFailedBefore: share(.failedBefore), pNotTriggered: share(.notTriggered),
                    pDeclined: share(.declined),
                    monthP10: Summarizer.monthQuantile(0.1, histogram),
                    monthP50: Summarizer.monthQuantile(0.5, histogram),
                    monthP90: Summarizer.monthQuantile(0.9, histogram),
                    ownershipAtHorizon: own.withUnsafeMutableBufferPointer { Stats.of($0, confidence: confidence) }))
            guard plan.scenario.exit != nil else { continue }
            let atLeast1 = moic.reduce(0) { $0 + ($1 >= 1 ? 1 : 0) },
                atLeast3 = moic.reduce(0) { $0 + ($1 >= 3 ? 1 : 0) }
            // Venture returns are a power law: how much of the expected proceeds the best tenth of trials bring.
            paid.sort(by: >)
            let total = paid.reduce(0, +)
            let top = paid.prefix(Int((Double(paid.count) / 10).rounded(.up))).reduce(0, +)
            returns.append(
                ReturnSummary(
                    round: round.name, pMoicAtLeast1: Summarizer.share(atLeast1, moic.count),
                    pMoicAtLeast3: Summarizer.share(atLeast3, moic.count),
                    moic: moic.withUnsafeMutableBufferPointer { Stats.of($0, confidence: confidence) },
                    irr: irr.withUnsafeMutableBufferPointer { Stats.of($0, confidence: confidence) },
                    topDecileShare: total > 0 ? top / total : nil))
        }
        let funding = FundingSummary(
            pFailed: Summarizer.share(dead, n),
            raised: Stats.of(columns.fundingColumn(s, field: ColumnLayout.Funding.raised), confidence: confidence),
            founders: Stats.of(columns.fundingColumn(s, field: ColumnLayout.Funding.founders), confidence: confidence),
            gapBeyondPlan: Stats.of(columns.fundingColumn(s, field: ColumnLayout.Funding.gap), confidence: confidence),
            rounds: roundSummaries)
        return (funding, plan.scenario.exit == nil ? nil : returns)
    }
}

/// The funding of one strategy's company.
public struct FundingSummary: Codable, Sendable, Equatable {
    /// Share of trials in which the company ran out of cash and died.
    public var pFailed: Double
    /// Money raised over the horizon.
    public var raised: Stats
    /// The founders' ownership at the horizon (1 = all of it).
    public var founders: Stats
    /// The most cash below zero on the plan kept alive counting the rounds that closed: what, on top of them, keeps the
    /// company from failing (0 in a trial that never fails). Nil in a result written before it existed.
    public var gapBeyondPlan: Stats?
    public var rounds: [RoundSummary]

    enum CodingKeys: String, CodingKey {
        case raised, founders, rounds
        case pFailed = "p_failed", gapBeyondPlan = "gap_beyond_plan"
    }
}

/// One funding round.
public struct RoundSummary: Codable, Sendable, Equatable {
    public var name: String
    /// Share of trials in which it closed.
    public var pClosed: Double
    /// Shares of trials in which the company failed before the round came due, lived but the round's condition was not
    /// met in its window, and the round came due but did not close (with `pClosed`, they add up to 1). Nil in a result
    /// written before they existed.
    public var pFailedBefore: Double?
    public var pNotTriggered: Double?
    public var pDeclined: Double?
    /// Closing month's P10, P50 and P90 among the trials in which it closed; nil when it never did.
    public var monthP10: Double?
    public var monthP50: Double?
    public var monthP90: Double?
    /// Its investors' ownership at the horizon, over the trials in which it closed.
    public var ownershipAtHorizon: Stats

    enum CodingKeys: String, CodingKey {
        case name
        case pClosed = "p_closed", monthP50 = "month_p50", ownershipAtHorizon = "ownership_at_horizon"
        case pFailedBefore = "p_failed_before", pNotTriggered = "p_not_triggered", pDeclined = "p_declined"
        case monthP10 = "month_p10", monthP90 = "month_p90"
    }
}

/// What a round's investors get back from the exit, over the trials in which the round closed.
public struct ReturnSummary: Codable, Sendable, Equatable {
    public var round: String
    public var pMoicAtLeast1: Double
    public var pMoicAtLeast3: Double
    /// Proceeds / amount invested.
    public var moic: Stats
    /// Annualised: MOIC^(12 / months held) − 1.
    public var irr: Stats
    /// Share of the expected proceeds that the best 10 % of those trials bring.
    public var topDecileShare: Double?

    enum CodingKeys: String, CodingKey {
        case round, moic, irr
        case pMoicAtLeast1 = "p_moic_at_least_1", pMoicAtLeast3 = "p_moic_at_least_3", topDecileShare =
            "top_decile_share"
    }
}

#if canImport(Glibc)
    import Glibc
#endif
