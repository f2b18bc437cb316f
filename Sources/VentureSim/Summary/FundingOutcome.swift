/// What the funding rounds did and what their investors get back, per strategy.
///
/// The columns keep what a round needs and no more (`ColumnLayout.Funding`): each round's closing month, its terms
/// and each strategy's exit value. Money raised, who owns what and what each round gets back come from replaying
/// the trial's cap table (`replay`), one figure at a time, so few values per trial are held beyond the columns.
enum FundingOutcome {
    /// Strategy `s`'s funding figures but its rounds' (`rounds` is empty: each round is a task of its own, `round`, so
    /// the rounds of both strategies share the workers).
    static func summary(
        _ plan: Plan, _ columns: TrialColumns, strategy s: Int, confidence: Bool, scratch pool: ScratchPool
    ) -> FundingSummary {
        let n = columns.count, K = columns.roundCount
        let dead = columns.deathColumn(s).reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let months = (0..<K).map { columns.roundMonthColumn(s, round: $0) }
        // Two columns of scratch: money raised and the founders' share at the horizon, over all trials.
        return pool.with(count: n) { raisedX in
            pool.with(count: n) { foundersX in
                var table = CapTable(rounds: K)
                for i in 0..<n {
                    replay(columns, months, trial: i, into: &table)
                    (raisedX[i], foundersX[i]) = (table.raised, table.founders)
                }
                return FundingSummary(
                    pFailed: Summarizer.share(dead, n),
                    raised: Stats.of(raisedX, confidence: confidence, scratch: pool),
                    founders: Stats.of(foundersX, confidence: confidence, scratch: pool),
                    gapBeyondPlan: Stats.of(
                        columns.fundingColumn(s, field: ColumnLayout.Funding.gap), confidence: confidence,
                        scratch: pool),
                    rounds: [])
            }
        }
    }

    /// Round `k` of strategy `s`: its figures and, with an exit, what its investors get back.
    static func round(
        _ plan: Plan, _ columns: TrialColumns, strategy s: Int, round k: Int, confidence: Bool,
        scratch pool: ScratchPool
    ) -> (RoundSummary, ReturnSummary?) {
        let months = (0..<columns.roundCount).map { columns.roundMonthColumn(s, round: $0) }
        let histogram = Summarizer.histogram(months[k], horizon: plan.horizon)
        let closed = columns.count - histogram[0]
        // Two columns of scratch as long as the trials in which the round closed: its investors' ownership (then
        // their MOICs and IRRs, one after the other) and their proceeds.
        return pool.with(count: closed) { room in
            pool.with(count: closed) { paid in
                let round = roundSummary(
                    plan, columns, strategy: s, round: k, months: months, histogram: histogram,
                    scratch: (room, paid), pool: pool, confidence: confidence)
                guard plan.scenario.exit != nil else { return (round, nil) }
                return (
                    round,
                    returnSummary(
                        columns, months[k], round: k, name: round.name, paid: paid, scratch: room,
                        horizon: plan.horizon, pool: pool, confidence: confidence)
                )
            }
        }
    }

    /// Round `k`'s figures, and its investors' proceeds over the trials in which it closed (in trial order, into
    /// `scratch.paid`; its ownership goes through `scratch.ownership`; both as long as those trials).
    private static func roundSummary(
        _ plan: Plan, _ columns: TrialColumns, strategy s: Int, round k: Int,
        months: [UnsafeMutableBufferPointer<UInt16>], histogram: [Int],
        scratch: (ownership: UnsafeMutableBufferPointer<Double>, paid: UnsafeMutableBufferPointer<Double>),
        pool: ScratchPool, confidence: Bool
    ) -> RoundSummary {
        let n = columns.count
        let exits = columns.fundingColumn(s, field: ColumnLayout.Funding.exit)
        // Over the trials in which the round closed, in trial order: its investors' ownership and proceeds.
        var table = CapTable(rounds: columns.roundCount)
        var closed = 0
        for i in 0..<n where months[k][i] > 0 {
            replay(columns, months, trial: i, into: &table)
            // A round with a closing month closed in the replay too: its payout is there.
            let payout = table.payout(k, exit: exits[i], preference: plan.liquidationPreference)
            (scratch.ownership[closed], scratch.paid[closed]) = (payout?.ownership ?? 0, payout?.proceeds ?? 0)
            closed += 1
        }
        var fates = [Int](repeating: 0, count: ColumnLayout.RoundFate.allCases.count)
        for f in columns.roundFateColumn(s, round: k) { fates[Int(f)] += 1 }
        func share(_ f: ColumnLayout.RoundFate) -> Double { Summarizer.share(fates[Int(f.rawValue)], n) }
        return RoundSummary(
            name: plan.scenario.funding[k].name, pClosed: Summarizer.share(closed, n),
            pFailedBefore: share(.failedBefore), pNotTriggered: share(.notTriggered), pDeclined: share(.declined),
            monthP10: Summarizer.monthQuantile(0.1, histogram), monthP50: Summarizer.monthQuantile(0.5, histogram),
            monthP90: Summarizer.monthQuantile(0.9, histogram),
            ownershipAtHorizon: Stats.of(scratch.ownership, confidence: confidence, scratch: pool))
    }

    /// What round `k`'s investors get back, from its proceeds `paid` in the trials in which it closed (in trial
    /// order; sorted here): the MOIC is proceeds / amount invested (NaN, and left out, when nothing was), the IRR
    /// the MOIC over the months from the closing to the horizon (one flow each way). The MOICs, then the IRRs, go
    /// through `scratch`, at least as long as `paid`.
    private static func returnSummary(
        _ columns: TrialColumns, _ months: UnsafeMutableBufferPointer<UInt16>, round k: Int, name: String,
        paid: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>,
        horizon T: Int, pool: ScratchPool, confidence: Bool
    ) -> ReturnSummary {
        let amount = ColumnLayout.Funding.amount(k)
        var (j, finite, atLeast1, atLeast3) = (0, 0, 0, 0)
        for i in months.indices where months[i] > 0 {
            let multiple = moicOf(proceeds: paid[j], amount: columns.roundTerm(amount, trial: i))
            j += 1
            guard multiple.isFinite else { continue }
            scratch[finite] = multiple
            finite += 1
            atLeast1 += multiple >= 1 ? 1 : 0
            atLeast3 += multiple >= 3 ? 1 : 0
        }
        let moic = Stats.of(
            UnsafeMutableBufferPointer(rebasing: scratch[0..<finite]), confidence: confidence, scratch: pool)
        // The MOICs again, now in trial order, for the IRRs.
        var irrs = 0
        j = 0
        for i in months.indices where months[i] > 0 {
            let multiple = moicOf(proceeds: paid[j], amount: columns.roundTerm(amount, trial: i))
            j += 1
            guard multiple.isFinite, let r = CapTable.irr(moic: multiple, monthsHeld: T - Int(months[i])) else {
                continue
            }
            scratch[irrs] = r
            irrs += 1
        }
        let irr = Stats.of(
            UnsafeMutableBufferPointer(rebasing: scratch[0..<irrs]), confidence: confidence, scratch: pool)
        return ReturnSummary(
            round: name, pMoicAtLeast1: Summarizer.share(atLeast1, finite),
            pMoicAtLeast3: Summarizer.share(atLeast3, finite), moic: moic, irr: irr,
            topDecileShare: topDecileShare(paid, scratch: scratch))
    }

    /// A round's MOIC as `CapTable.Payout`'s: proceeds / amount, NaN when nothing was invested.
    @inline(__always)
    static func moicOf(proceeds: Double, amount: Double) -> Double { amount > 0 ? proceeds / amount : .nan }

    /// Venture returns are a power law: how much of the expected proceeds the best tenth of trials bring (nil when
    /// none). Both sums run from the largest value down (a radix sort, ascending, read backwards: equal values are
    /// the same number, and a zero's sign cannot change a sum that starts at +0, so the sums are a descending sort's).
    private static func topDecileShare(
        _ paid: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>
    ) -> Double? {
        // A zero (of either sign; every trial whose company died) changes neither sum wherever it stands: only the
        // others are sorted, and the zeros keep their places between the positive and the negative values.
        var nonzero = 0
        for i in paid.indices where paid[i] != 0 {
            paid[nonzero] = paid[i]
            nonzero += 1
        }
        let values = UnsafeMutableBufferPointer(rebasing: paid[0..<nonzero])
        RadixSort.sort(values, scratch: scratch)
        let tenth = Int((Double(paid.count) / 10).rounded(.up))
        var total = 0.0, top = 0.0, j = 0, zeros = paid.count - nonzero
        for v in values.reversed() {
            if v < 0 { (j, zeros) = (j + zeros, 0) }
            total += v
            if j < tenth { top += v }
            j += 1
        }
        return total > 0 ? top / total : nil
    }

    /// Strategy `s`'s cap table at the horizon in trial `i`, replayed into `table` from what the columns keep
    /// (`months`: its rounds' closing months): the rounds that closed, in month order (the scenario's order within a
    /// month, as the month loop met them), at the trial's terms. The same operations in the same order as the month
    /// loop's would have been, so the same bits. Inlined: the summary replays every trial once per figure.
    @inline(__always)
    static func replay(
        _ columns: TrialColumns, _ months: [UnsafeMutableBufferPointer<UInt16>], trial i: Int,
        into table: inout CapTable
    ) {
        let K = months.count
        table.reset(rounds: K)
        // The closed rounds sorted by (month, round) as they are read, round after round: a handful, on the stack.
        // A key is month · 2¹⁶ + round (a month fits 16 bits), so rounds of one month keep the scenario's order.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, K)) { order in
            var closed = 0
            for k in 0..<K {
                let m = Int(months[k][i])
                guard m > 0 else { continue }
                let key = m << 16 | k
                var j = closed
                while j > 0 && order[j - 1] > key {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = key
                closed += 1
            }
            for key in order[0..<closed] {
                let k = key & 0xFFFF
                table.close(
                    k, amount: columns.roundTerm(ColumnLayout.Funding.amount(k), trial: i),
                    preMoney: columns.roundTerm(ColumnLayout.Funding.preMoney(k), trial: i), month: key >> 16)
            }
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
