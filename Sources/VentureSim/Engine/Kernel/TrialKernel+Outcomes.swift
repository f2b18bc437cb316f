/// A trial's outcomes into the columns: each strategy's totals, its funding outcome, the drawn inputs kept for the
/// driver sample and the export.
extension TrialKernel {
    /// What a strategy's month loop leaves: the sums, extremes and first months of
    /// docs/model.md#the-model-month-by-month.
    struct StrategyTotals {
        var npv, revenueSum, costSum, minCash, A, minCumulative: Double
        var cashOutMonth, breakeven, reachHalf, reachMost: Int

        /// The most cash the plan consumes before it recovers, whatever the starting cash (the `funding_need` outcome
        /// and target).
        var fundingNeed: Double { max(0, -minCumulative) }
    }

    /// Stores strategy `s`'s outcomes at row `row`; false when one may have overflowed.
    @inline(__always)
    func store(_ x: StrategyTotals, strategy s: Int, into out: TrialColumns, row: Int) -> Bool {
        let n = out.count
        if claimCount > targetCount { countHorizonTargets(x, strategy: s) }
        let base = out.values + (s * out.stride) * n + row
        // Profit and roi are not stored: `TrialColumns` computes them from revenue and cost (`Outcome.derived`).
        base[ColumnLayout.Stored.npv * n] = x.npv
        base[ColumnLayout.Stored.revenue * n] = x.revenueSum
        base[ColumnLayout.Stored.cost * n] = x.costSum
        base[ColumnLayout.Stored.minCash * n] = x.minCash
        base[ColumnLayout.Stored.customers * n] = x.A
        if out.hasFundingNeed {
            // The most cash the plan consumes before it recovers, whatever the starting cash.
            base[ColumnLayout.Stored.fundingNeed * n] = x.fundingNeed
            out.cashOut[s * n + row] = UInt16(x.cashOutMonth)
        }
        out.breakeven[s * n + row] = UInt16(x.breakeven)
        out.reach[ColumnLayout.reach(strategy: s, level: 0) * n + row] = UInt16(x.reachHalf)
        out.reach[ColumnLayout.reach(strategy: s, level: 1) * n + row] = UInt16(x.reachMost)
        return (x.npv + x.revenueSum + x.costSum + x.minCash + x.A).isFinite
    }

    /// The trial's drawn inputs into the driver sample and the per-trial export, where they are kept.
    @inline(__always)
    func storeRecord(trial: Int, sampled: Bool, into out: TrialColumns, row: Int) {
        if sampled {
            let N = out.sampleCount
            for k in 0..<driverCount { out.sampleInputs[k * N + trial] = scratch.record[scratch.driverSlots[k]] }
        }
        if out.exportsInputs {
            for k in 0..<driverCount { out.exportInputs[k * out.count + row] = scratch.record[scratch.driverSlots[k]] }
        }
    }

    /// Stores a strategy's funding outcome: the death month, the gap beyond the plan, the exit's value `exit`, and
    /// each round's closing month (0: it did not close) and fate. With the rounds' terms (`storeRoundTerms`) they are
    /// what the summary replays the cap table from (`FundingOutcome.replay`): money raised, who owns what and each
    /// round's proceeds are not stored. The fields are `ColumnLayout.Funding`'s; `state(k)`: round k's state (0
    /// pending, −1 declined, else the month it closed).
    @inline(__always)
    func storeFunding(
        _ out: TrialColumns, strategy s: Int, row: Int, rounds K: Int, exit: Double, death: Int, lowestCash: Double,
        lowestAfterDeath: Double, state: (Int) -> Int
    ) {
        let n = out.count, P = ColumnLayout.Funding.perStrategy
        // The gap beyond the plan: the lowest cash, the company's own or its going on after death, below zero.
        let gap = max(0, -min(lowestCash, lowestAfterDeath))
        out.deathMonth[s * n + row] = UInt16(death)
        out.fundingValues[(s * P + ColumnLayout.Funding.gap) * n + row] = gap
        out.fundingValues[(s * P + ColumnLayout.Funding.exit) * n + row] = exit
        for k in 0..<K {
            let column = ColumnLayout.roundMonth(strategy: s, round: k, rounds: K) * n + row
            let state = state(k)
            out.roundMonth[column] = UInt16(max(0, state))
            // Still pending at the end: the company died while the round could still come due, or its window passed.
            let fate: ColumnLayout.RoundFate =
                state > 0
                ? .closed
                : state < 0
                    ? .declined
                    : death > 0 && death < scratch.rounds[k].latest ? .failedBefore : .notTriggered
            out.roundFate[column] = fate.rawValue
        }
    }

    /// The trial's rounds' terms as drawn (common to its strategies), at row `row`.
    @inline(__always)
    func storeRoundTerms(_ out: TrialColumns, row: Int) {
        let n = out.count
        for k in 0..<roundCount {
            // A fixed term has no column (`TrialColumns.termSlots`).
            let (a, p) = (
                out.termSlots[ColumnLayout.Funding.amount(k)], out.termSlots[ColumnLayout.Funding.preMoney(k)]
            )
            if a >= 0 { out.roundTerms[a * n + row] = scratch.roundAmount[k] }
            if p >= 0 { out.roundTerms[p * n + row] = scratch.roundPre[k] }
        }
    }

    /// Strategy `s`'s revenue and cost by year, into the year-by-year sample.
    @inline(__always)
    func storeYears(_ out: TrialColumns, strategy s: Int, trial: Int) {
        for y in 0..<years {
            out.yearColumn(s, year: y, metric: 0)[trial] = scratch.yearly[2 * y]
            out.yearColumn(s, year: y, metric: 1)[trial] = scratch.yearly[2 * y + 1]
        }
    }
}
