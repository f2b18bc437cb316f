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

    /// Stores a strategy's funding outcome from the cap table: money raised, the founders' share at the horizon, the
    /// gap beyond the plan, the death month, and each round's closing month, fate, amount, ownership, proceeds and MOIC
    /// at an exit worth `exit` (`CapTable.waterfall`). The fields are `ColumnLayout.Funding`'s.
    func storeFunding(
        _ out: TrialColumns, _ capTable: CapTable, strategy s: Int, row: Int, rounds K: Int, exit: Double, death: Int,
        gap: Double
    ) {
        let n = out.count
        out.deathMonth[s * n + row] = UInt16(death)
        func put(_ field: Int, _ x: Double) { out.fundingValues[(s * out.fundingStride + field) * n + row] = x }
        put(ColumnLayout.Funding.raised, capTable.raised)
        put(ColumnLayout.Funding.founders, capTable.founders)
        put(ColumnLayout.Funding.gap, gap)
        let waterfall = capTable.waterfall(exit: exit, preference: plan.liquidationPreference)
        for k in 0..<K {
            let column = ColumnLayout.roundMonth(strategy: s, round: k, rounds: K) * n + row
            let state = capTable.state[k]
            out.roundMonth[column] = UInt16(max(0, state))
            // Still pending at the end: the company died while the round could still come due, or its window passed.
            let fate: ColumnLayout.RoundFate =
                state > 0
                ? .closed
                : state < 0
                    ? .declined
                    : death > 0 && death < plan.rounds[k].latest ? .failedBefore : .notTriggered
            out.roundFate[column] = fate.rawValue
            let payout = waterfall.payout(k) ?? CapTable.Payout(ownership: 0, proceeds: 0, moic: .nan)
            put(ColumnLayout.Funding.ownership(k), payout.ownership)
            put(ColumnLayout.Funding.proceeds(k), payout.proceeds)
            put(ColumnLayout.Funding.moic(k), payout.moic)
            put(ColumnLayout.Funding.amount(k), capTable.invested[k])
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
