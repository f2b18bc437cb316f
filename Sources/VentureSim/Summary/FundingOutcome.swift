/// What the funding rounds did and what their investors get back, per strategy.
///
/// The columns keep what a round needs and no more (`ColumnLayout.Funding`): each round's closing month, its terms
/// and the exit's value. Who owns what, and what each round gets back, come from replaying the trial's cap table
/// (`replay`), one figure at a time, so no more than two values per trial are held beyond the columns.
enum FundingOutcome {
    static func summary(_ plan: Plan, _ columns: TrialColumns, strategy s: Int, confidence: Bool) -> (FundingSummary, [ReturnSummary]?) {
        let n = columns.count, T = plan.horizon, K = columns.roundCount
        let dead = columns.deathColumn(s).reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let months = (0..<K).map { columns.roundMonthColumn(s, round: $0) }
        var table = CapTable(rounds: K)
        // Money raised and the founders' share at the horizon, over all trials.
        let (raised, founders) = ScratchColumn.with(count: n) { raised in
            ScratchColumn.with(count: n) { founders in
                for i in 0..<n {
                    replay(columns, months, trial: i, into: &table)
                    (raised[i], founders[i]) = (table.raised, table.founders)
                }
                return (Stats.of(raised, confidence: confidence), Stats.of(founders, confidence: confidence))
            }
        }
        var roundSummaries: [RoundSummary] = []
        var returns: [ReturnSummary] = []
        for (k, round) in plan.scenario.funding.enumerated() {
            let histogram = Summarizer.histogram(months[k], horizon: T)
            // Over the trials in which the round closed, in trial order: its investors' ownership and proceeds.
            var own: [Double] = [], paid: [Double] = []
            own.reserveCapacity(n - histogram[0])
            paid.reserveCapacity(n - histogram[0])
            let exits = columns.exitColumn(s)
            for i in 0..<n where months[k][i] > 0 {
                replay(columns, months, trial: i, into: &table)
                // A round with a closing month closed in the replay too: its payout is there (the zeros keep `paid` in step
                // with the closing months, which `returnSummary` reads alongside it).
                let payout = table.waterfall(exit: exits[i], preference: plan.liquidationPreference).payout(k)
                own.append(payout?.ownership ?? 0)
                paid.append(payout?.proceeds ?? 0)
            }
            roundSummaries.append(RoundSummary(name: round.name, pClosed: Summarizer.share(n - histogram[0], n),
                                               monthP50: Summarizer.monthQuantile(0.5, histogram),
                                               ownershipAtHorizon: own.withUnsafeMutableBufferPointer { Stats.of($0, confidence: confidence) }))
            own = []
            guard plan.scenario.exit != nil else { continue }
            returns.append(returnSummary(columns, months[k], round: k, name: round.name, paid: &paid, horizon: T, confidence: confidence))
        }
        let funding = FundingSummary(pFailed: Summarizer.share(dead, n), raised: raised, founders: founders, rounds: roundSummaries)
        return (funding, plan.scenario.exit == nil ? nil : returns)
    }

    /// What round `k`'s investors get back, from its proceeds `paid` in the trials in which it closed (in trial
    /// order; sorted here): the MOIC is proceeds / amount invested (NaN, and left out, when nothing was), the IRR
    /// the MOIC over the months from the closing to the horizon.
    private static func returnSummary(_ columns: TrialColumns, _ months: UnsafeMutableBufferPointer<UInt16>, round k: Int, name: String,
                                      paid: inout [Double], horizon T: Int, confidence: Bool) -> ReturnSummary {
        let amounts = columns.roundTermColumn(ColumnLayout.Funding.amount(k))
        var moic: [Double] = [], irr: [Double] = []
        moic.reserveCapacity(paid.count)
        irr.reserveCapacity(paid.count)
        var j = 0
        for i in months.indices where months[i] > 0 {
            let amount = amounts[i]
            let multiple = amount > 0 ? paid[j] / amount : .nan
            j += 1
            guard multiple.isFinite else { continue }
            moic.append(multiple)
            // The money goes in at the closing month and comes back at the horizon: one flow each way.
            if let r = CapTable.irr(moic: multiple, monthsHeld: T - Int(months[i])) { irr.append(r) }
        }
        let atLeast1 = moic.reduce(0) { $0 + ($1 >= 1 ? 1 : 0) }, atLeast3 = moic.reduce(0) { $0 + ($1 >= 3 ? 1 : 0) }
        let moicStats = moic.withUnsafeMutableBufferPointer { Stats.of($0, confidence: confidence) }
        let irrStats = irr.withUnsafeMutableBufferPointer { Stats.of($0, confidence: confidence) }
        let (pMoicAtLeast1, pMoicAtLeast3) = (Summarizer.share(atLeast1, moic.count), Summarizer.share(atLeast3, moic.count))
        // Released before the proceeds are sorted (the sort's scratch is as long).
        (moic, irr) = ([], [])
        return ReturnSummary(round: name, pMoicAtLeast1: pMoicAtLeast1, pMoicAtLeast3: pMoicAtLeast3, moic: moicStats, irr: irrStats,
                             topDecileShare: topDecileShare(&paid))
    }

    /// Venture returns are a power law: how much of the expected proceeds the best tenth of trials bring (nil when none).
    /// Both sums run from the largest value down (a radix sort, ascending, read backwards: equal values are the same
    /// number, and a zero's sign cannot change a sum that starts at +0, so the sums are a descending sort's).
    private static func topDecileShare(_ paid: inout [Double]) -> Double? {
        RadixSort.sort(&paid)
        let tenth = Int((Double(paid.count) / 10).rounded(.up))
        var total = 0.0, top = 0.0
        for (j, v) in paid.reversed().enumerated() {
            total += v
            if j < tenth { top += v }
        }
        return total > 0 ? top / total : nil
    }

    /// Strategy `s`'s cap table at the horizon in trial `i`, replayed into `table` from what the columns keep (`months`:
    /// its rounds' closing months): the rounds that closed, in month order (the scenario's order within a month, as
    /// the month loop met them), at the trial's terms. The same operations in the same order as the month loop's, so
    /// the same bits.
    static func replay(_ columns: TrialColumns, _ months: [UnsafeMutableBufferPointer<UInt16>], trial i: Int, into table: inout CapTable) {
        let K = months.count, n = columns.count
        table.reset(rounds: K)
        while true {
            var next = -1, nextMonth = Int.max
            for k in 0..<K where table.isPending(k) {
                let m = Int(months[k][i])
                if m > 0 && m < nextMonth { (next, nextMonth) = (k, m) }
            }
            guard next >= 0 else { return }
            table.close(next, amount: columns.roundTerms[ColumnLayout.Funding.amount(next) * n + i],
                        preMoney: columns.roundTerms[ColumnLayout.Funding.preMoney(next) * n + i], month: nextMonth)
        }
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
    public var rounds: [RoundSummary]

    enum CodingKeys: String, CodingKey {
        case raised, founders, rounds
        case pFailed = "p_failed"
    }
}

/// One funding round.
public struct RoundSummary: Codable, Sendable, Equatable {
    public var name: String
    /// Share of trials in which it closed.
    public var pClosed: Double
    /// Median closing month among the trials in which it closed; nil when it never did.
    public var monthP50: Double?
    /// Its investors' ownership at the horizon, over the trials in which it closed.
    public var ownershipAtHorizon: Stats

    enum CodingKeys: String, CodingKey {
        case name
        case pClosed = "p_closed", monthP50 = "month_p50", ownershipAtHorizon = "ownership_at_horizon"
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
        case pMoicAtLeast1 = "p_moic_at_least_1", pMoicAtLeast3 = "p_moic_at_least_3", topDecileShare = "top_decile_share"
    }
}

#if canImport(Glibc)
import Glibc
#endif
