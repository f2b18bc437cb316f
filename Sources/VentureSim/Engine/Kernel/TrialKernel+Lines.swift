internal import CGSL

/// The revenue lines in the month loop (docs/model.md#revenue-lines): a strategy's lines' parameters drawn once per
/// trial, each month's revenue and cost of every line, and their totals into the columns. Everything is read from
/// `LineScratch` through pointers: no array, no class instance, so no reference counting in the month loop.
extension TrialKernel {
    /// Strategy `s`'s revenue lines' parameters, from its own line stream (which then serves their monthly draws),
    /// read from a variable or through the copula where they are (docs/model.md#shared-variables), recorded when the
    /// trial is, and their running totals zeroed.
    @inline(__always)
    func drawLineParameters(_ s: Int, trial: Int, recorded: Bool) {
        let (r, x, P) = (stream.rng, scratch.lines, KernelScratch.lineParameters)
        let (first, count) = (x.first[s], x.count[s])
        stream.select(.lines(scratch.strategies[s].streamKey), trial: trial)
        for k in 0..<count {
            let line = first + k
            for j in 0..<x.valueCount[line] {
                let v = correlated(x.samplers[P * line + j].draw(r), slot: x.slot[line] + j, overrides)
                let value = x.share[P * line + j] ? min(1, max(0, v)) : v
                x.params[P * k + j] = value
                if recorded { scratch.record[x.slot[line] + j] = value }
            }
            // Advertising's monthly draws: their sum and count, for the recorded value (their mean).
            if x.kind[line] == .advertising { (x.params[P * k + 1], x.params[P * k + 2]) = (0, 0) }
        }
        x.totals.update(repeating: 0, count: 2 * (count + 1))
    }

    /// Month `t`'s revenue lines of strategy `s` added to its revenue `R` and cost, each less revenue losses and
    /// with drift, and (`tally`: while the company lives) to the lines' running totals (index 0: the kind's own
    /// prices).
    @inline(__always)
    func addLines(
        _ s: Int, month t: Int, A: Double, new: Double, unitVariable: Double, tally: Bool,
        R: inout Double, cost: inout Double
    ) {
        let (r, x, keep, priceFactor, costFactor) = (
            stream.rng, scratch.lines, scratch.keep, scratch.priceFactor, scratch.costFactor
        )
        let (first, count, P) = (x.first[s], x.count[s], KernelScratch.lineParameters)
        if tally {
            x.totals[0] += R
            x.totals[1] += A * unitVariable * ((scratch.unitFactor ?? costFactor)?[t] ?? 1)
        }
        for k in 0..<count {
            let kind = x.kind[first + k]
            let (rev, spent) = lineMonth(
                kind, samplers: x.samplers + P * (first + k), params: x.params + P * k, fixed: x.fixed[first + k], A: A,
                new: new, r: r)
            let earned = rev * keep[t] * (priceFactor?[t] ?? 1)
            let paid = kind == .freemium ? spent * (costFactor?[t] ?? 1) : spent * keep[t] * (priceFactor?[t] ?? 1)
            if tally {
                x.totals[2 * (k + 1)] += earned
                x.totals[2 * (k + 1) + 1] += paid
            }
            R += earned
            cost += paid
        }
    }

    /// One revenue line's revenue and cost in a month, before revenue losses and drift: from its parameters drawn
    /// this trial and its draw of the month (`lineDraw`).
    @inline(__always)
    func lineMonth(
        _ kind: RevenueLine.Kind, samplers: UnsafeMutablePointer<Sampler>, params: UnsafeMutablePointer<Double>,
        fixed: Bool, A: Double, new: Double, r: UnsafeMutablePointer<gsl_rng>
    ) -> (Double, Double) {
        let drawn = lineDraw(kind, samplers: samplers, params: params, fixed: fixed, r: r)
        switch kind {
        case .oneTime: return (new * params[0] + A * params[0] * params[1], 0)
        case .valueAdded: return (A * params[0] * params[1], 0)
        case .advertising: return (A * drawn, 0)
        case .consulting:
            let fees = drawn * params[1]
            return (fees, fees * params[2])
        case .commission: return (A * params[0] * params[1], 0)
        case .freemium: return (0, A * params[0] * params[1])
        }
    }

    /// A revenue line's draw of the month, from the strategy's line stream: advertising's revenue per customer
    /// (drawn afresh, ad income being unstable, unless `fixed`: read from a variable or correlated, the trial's value
    /// every month; its sum and count kept in `params` for the recorded mean), consulting's projects (a Poisson count
    /// with the drawn mean, capped by delivery capacity); the other kinds draw nothing (0).
    @inline(__always)
    func lineDraw(
        _ kind: RevenueLine.Kind, samplers: UnsafeMutablePointer<Sampler>, params: UnsafeMutablePointer<Double>,
        fixed: Bool, r: UnsafeMutablePointer<gsl_rng>
    ) -> Double {
        switch kind {
        case .advertising:
            let perCustomer = max(0, fixed ? params[0] : samplers[0].draw(r))
            params[1] += perCustomer
            params[2] += 1
            return perCustomer
        case .consulting: return min(params[3], Double(params[0] > 0 ? gsl_ran_poisson(r, params[0]) : 0))
        case .oneTime, .valueAdded, .commission, .freemium: return 0
        }
    }

    /// When the trial is recorded, each advertising line's value is the mean of its monthly draws
    /// (docs/model.md#shared-variables).
    @inline(__always)
    func recordAdvertisingMeans(_ s: Int) {
        let (x, P) = (scratch.lines, KernelScratch.lineParameters)
        for k in 0..<x.count[s] where x.kind[x.first[s] + k] == .advertising {
            let (sum, draws) = (x.params[P * k + 1], x.params[P * k + 2])
            if draws > 0 { scratch.record[x.slot[x.first[s] + k]] = sum / draws }
        }
    }

    /// Strategy `s`'s revenue lines' totals at row `row`: the kind's own prices, then each line, revenue and cost,
    /// read from `totals` ([1 + line][revenue, cost][lane], `lanes` lanes, this trial's lane `lane`).
    @inline(__always)
    func storeLines(
        _ out: TrialColumns, strategy s: Int, row: Int, totals: UnsafePointer<Double>, lanes: Int = 1, lane: Int = 0
    ) {
        let (x, n) = (scratch.lines, out.count)
        let (first, count) = (x.column[s], x.count[s])
        for k in 0...count {
            // A total zero by its line's kind has no column (`TrialColumns.lineSlots`).
            let (r, c) = (
                out.lineSlots[ColumnLayout.line(first + k, cost: false)],
                out.lineSlots[ColumnLayout.line(first + k, cost: true)]
            )
            if r >= 0 { out.lineTotals[r * n + row] = totals[2 * lanes * k + lane] }
            if c >= 0 { out.lineTotals[c * n + row] = totals[2 * lanes * k + lanes + lane] }
        }
    }
}
