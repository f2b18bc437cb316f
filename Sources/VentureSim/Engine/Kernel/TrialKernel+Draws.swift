internal import CGSL

/// The per-trial draws (docs/model.md#the-model-month-by-month): the shared inputs and the copula, the risk events, the
/// launch, the funding rounds' terms, and each strategy's own inputs, each from its own stream in a fixed order.
extension TrialKernel {
    /// The month arrays a trial's risk events are drawn into: the scalar path's own (stride 1), or one lane of the
    /// lanes' interleaved arrays (stride `laneCount`), so the lanes read them where they were written.
    struct MonthArrays {
        let eventCost, shock, keep, fine: UnsafeMutablePointer<Double>
        let stride: Int

        /// Months 0 … `months` − 1 with no event: `premiums` of cost, no shock, all revenue kept, no fine.
        @inline(__always)
        func reset(months: Int, premiums: Double) {
            let count = months * stride
            eventCost.update(repeating: premiums, count: count)
            shock.update(repeating: 1, count: count)
            keep.update(repeating: 1, count: count)
            fine.update(repeating: 0, count: count)
        }
    }

    /// This kernel's own month arrays, for the scalar path.
    var scalarMonths: MonthArrays {
        MonthArrays(
            eventCost: scratch.eventCost, shock: scratch.shock, keep: scratch.keep, fine: scratch.fine, stride: 1)
    }

    /// A trial's draws before the strategies (docs/model.md#the-model-month-by-month), in their fixed order: the shared
    /// inputs, the risk events into the month arrays (`eventCost`, `shock` cumulated, `keep`, `fine`; reset by the
    /// caller), the launch and the funding rounds' terms; stores D, the firings, the risk costs and the launch at row
    /// `row` of `out`.
    @inline(__always)
    func drawTrial<F: KernelFeatures>(_: F.Type, trial: Int, months: MonthArrays, into out: TrialColumns, row: Int)
        -> TrialDraws
    {
        scratch.streams.make(trial: trial)
        var d = drawInputs(trial: trial, into: out, row: row)
        let firstShock = drawRisks(F.self, trial: trial, months: months, into: out, row: row)
        d.launch = launchMonth(F.self, into: out, row: row)
        cumulateShocks(months, from: firstShock)
        if F.extended { cumulateCostShocks() }
        d.exitMultiple = drawFundingTerms(F.self, trial: trial)
        if F.extended && roundCount > 0 { storeRoundTerms(out, row: row) }
        return d
    }

    /// The shared inputs, once per trial, in a fixed order (docs/model.md#the-model-month-by-month: common to all
    /// strategies), through the copula where correlated; recorded when the trial is sampled or exported. Stores D at
    /// row `row`.
    @inline(__always)
    func drawInputs(trial: Int, into out: TrialColumns, row: Int) -> TrialDraws {
        let r = stream.rng
        let anyCorrelated = overrides
        if corrCount > 0 { copula(trial) }
        let sampled = trial < out.sampleCount
        // The record's every slot is filled for the driver sample and for a per-trial export.
        let recorded = sampled || out.exportsInputs
        if variableCount > 0 { drawVariables(trial: trial, recorded: recorded) }
        stream.select(.shared, trial: trial)
        let size = atLeastZero(correlated(plan.size.draw(r), slot: 0, anyCorrelated))
        var D = 1.0
        for f in 0..<scratch.factors.count {
            let drawn = correlated(scratch.factors[f].draw(r), slot: 1 + f, anyCorrelated)
            let x = unitClamped(drawn)
            if x != drawn { scratch.clampCounts[f] += 1 }
            if recorded { scratch.record[1 + f] = x }
            D *= f == 2 ? 1 - x : x
        }
        let m = size * D
        var p = correlated(plan.innovation.draw(r), slot: 6, anyCorrelated)
        var q = correlated(plan.imitation.draw(r), slot: 7, anyCorrelated)
        if recorded { (scratch.record[0], scratch.record[6], scratch.record[7]) = (size, p, q) }
        // Divided (not multiplied by 1/12), so annual 0.03 gives exactly the monthly default 0.03/12.
        if plan.annualAdoption { p /= 12; q /= 12 }
        let dataAcquisition = correlated(plan.dataAcquisition.draw(r), slot: 8, anyCorrelated)
        let training = correlated(plan.training.draw(r), slot: 9, anyCorrelated)
        let oneOff = dataAcquisition + training
        let operations = correlated(plan.operations.draw(r), slot: 10, anyCorrelated)
        let perCustomer = correlated(plan.costPerCustomer.draw(r), slot: 11, anyCorrelated)
        let cac = correlated(plan.acquisitionCost.draw(r), slot: 12, anyCorrelated)
        let cash0 = correlated(plan.startingCash.draw(r), slot: 13, anyCorrelated)
        let rate = correlated(plan.discountRate.draw(r), slot: 14, anyCorrelated)
        let monthlyRate = pow(1 + rate, 1.0 / 12) - 1
        let discountStep = 1 + monthlyRate
        if recorded {
            (scratch.record[8], scratch.record[9], scratch.record[10], scratch.record[11]) = (
                dataAcquisition, training, operations, perCustomer
            )
            (scratch.record[12], scratch.record[13], scratch.record[14]) = (cac, cash0, rate)
        }
        out.demandShare[row] = D
        // The cash fan's month 0, the same for every strategy (scalar and lanes alike draw through here).
        if trial < out.cashSample {
            for s in 0..<strategyCount {
                out.monthlyCash[ColumnLayout.cash(strategy: s, month: 0, horizon: horizon) * out.cashSample + trial] =
                    cash0
            }
        }
        return TrialDraws(
            m: m, p: p, q: q, oneOff: oneOff, operations: operations, perCustomer: perCustomer, cac: cac, cash0: cash0,
            discountStep: discountStep, launch: 1, exitMultiple: 0, sampled: sampled, recorded: recorded)
    }

    /// Risk events: the months each risk fires, by geometric gaps (the same law as an independent Bernoulli(p_m) draw
    /// every month, with fewer draws), and where each firing lands: its cost (less insurance) in `eventCost`, its
    /// fine, its revenue loss in `keep`, its demand shock, its launch delay. Stores the firings and the risk costs;
    /// returns the first month a demand shock fires (past the horizon: none).
    @inline(__always)
    func drawRisks<F: KernelFeatures>(_: F.Type, trial: Int, months: MonthArrays, into out: TrialColumns, row: Int)
        -> Int
    {
        let r = stream.rng
        let T = horizon
        let n = out.count
        let (eventCost, shock, keep, fine, w) = (
            months.eventCost, months.shock, months.keep, months.fine, months.stride
        )
        // The first month a demand shock fires: the cumulated shock is exactly 1 before it.
        var firstShock = T + 1
        if F.extended && plan.anyDelay { scratch.delayMonths.update(repeating: 0, count: T + 2) }
        let (runFactor, unitFactor) = F.extended ? (scratch.runFactor, scratch.unitFactor) : (nil, nil)
        runFactor?.update(repeating: 1, count: T + 2)
        unitFactor?.update(repeating: 1, count: T + 2)
        for k in 0..<riskCount {
            let risk = scratch.risks[k]
            var count = 0
            var gross = 0.0, covered = 0.0
            if risk.monthlyProbability > 0 {
                // Each risk its own stream: a shorter horizon stops its firings sooner without moving another risk's
                // draws.
                scratch.streams.select(k, in: stream, trial: trial)
                let noFiring = scratch.noFiringBelow + k * (T + 1)
                var t = Self.nextFiring(r, risk.logStay, after: 0, horizon: T, noFiringBelow: noFiring)
                while t <= T {
                    count += 1
                    if risk.hasCost {
                        let c = risk.cost.draw(r)
                        if let insurance = risk.insurance {
                            let paid = insurance.covered(c)
                            eventCost[w * t] += c - paid
                            gross += c
                            covered += paid
                        } else {
                            eventCost[w * t] += c
                        }
                    }
                    if risk.delay > 0 { scratch.delayMonths[t] += risk.delay }
                    fine[w * t] += risk.fine
                    if risk.revenueKeep != 1 {
                        let end = min(T, t + risk.duration - 1)
                        for s in t...end { keep[w * s] *= risk.revenueKeep }
                    }
                    if risk.hasShock {
                        shock[w * t] *= risk.shock
                        firstShock = min(firstShock, t)
                    }
                    if let runFactor, let unitFactor {
                        runFactor[t] *= risk.runningShock
                        unitFactor[t] *= risk.unitShock
                    }
                    t = Self.nextFiring(r, risk.logStay, after: t, horizon: T, noFiringBelow: noFiring)
                }
            }
            out.firings[k * n + row] = UInt16(truncatingIfNeeded: count)
            if out.hasRiskCosts && risk.costColumn >= 0 {
                out.riskCosts[ColumnLayout.riskCost(risk.costColumn, covered: false) * n + row] = gross
                out.riskCosts[ColumnLayout.riskCost(risk.costColumn, covered: true) * n + row] = covered
            }
        }
        return firstShock
    }

    /// The launch month: a firing before the launch pushes it back; one in a pushed-back stretch pushes it again.
    @inline(__always)
    func launchMonth<F: KernelFeatures>(_: F.Type, into out: TrialColumns, row: Int) -> Int {
        let T = horizon
        var launch = F.extended ? plan.launchMonth : 1
        if F.extended && plan.anyDelay {
            var t = 1
            while t < launch && t <= T { launch += scratch.delayMonths[t]; t += 1 }
            out.launch[row] = UInt16(min(launch, T + 1))
        }
        return launch
    }

    /// shock[t] *= shock[t − 1] from the first shock on, the running product kept in a register (through memory,
    /// each month waited for the last one's store); a product of the same two numbers, so the same bits.
    @inline(__always)
    func cumulateShocks(_ months: MonthArrays, from firstShock: Int) {
        let (T, shock, w) = (horizon, months.shock, months.stride)
        if firstShock < T {
            var cumulated = shock[w * firstShock]
            for t in firstShock + 1...T {
                cumulated = shock[w * t] * cumulated
                shock[w * t] = cumulated
            }
        }
    }

    /// With cost shocks: each month's running-cost and unit-cost factor, the drift times the product of the shocks
    /// fired up to that month (docs/model.md#cost-shocks).
    func cumulateCostShocks() {
        guard let run = scratch.runFactor, let unit = scratch.unitFactor else { return }
        var r = 1.0, u = 1.0
        for t in 1...horizon {
            r *= run[t]
            u *= unit[t]
            let drift = scratch.costFactor?[t] ?? 1
            (run[t], unit[t]) = (drift * r, drift * u)
        }
    }

    /// Funding rounds' terms and the exit multiple: drawn once per trial from their own stream, the same for every
    /// strategy.
    @inline(__always)
    func drawFundingTerms<F: KernelFeatures>(_: F.Type, trial: Int) -> Double {
        let r = stream.rng
        let roundCount = F.extended ? self.roundCount : 0
        let rounds = scratch.rounds
        var exitMultiple = 0.0
        if roundCount > 0 {
            stream.select(.funding, trial: trial)
            for k in 0..<roundCount {
                scratch.roundAmount[k] = max(0, rounds[k].amount.draw(r))
                scratch.roundPre[k] = rounds[k].preMoney.draw(r)
                scratch.roundU[k] = gsl_rng_uniform(r)
            }
            if let m = plan.exitMultiple { exitMultiple = max(0, m.draw(r)) }
        }
        return exitMultiple
    }

    /// A strategy's own draws from its stream (docs/model.md#the-model-month-by-month), recorded when the trial is.
    @inline(__always)
    func drawStrategy(_ s: Int, trial: Int, recorded: Bool) -> StrategyDraws {
        let r = stream.rng
        let anyCorrelated = overrides
        let plan = scratch.strategies[s]
        scratch.streams.select(riskCount + s, in: stream, trial: trial)
        let own = Plan.sharedSlots + Plan.perStrategySlots * s
        let drawnChurn = correlated(plan.churn.draw(r), slot: own, anyCorrelated)
        let churn = unitClamped(drawnChurn)
        if churn != drawnChurn { scratch.clampCounts[scratch.factors.count + s] += 1 }
        let pricePerMonth = correlated(plan.pricePerMonth.draw(r), slot: own + 1, anyCorrelated)
        let pricePerUnit = correlated(plan.pricePerUnit.draw(r), slot: own + 2, anyCorrelated)
        let units = correlated(plan.units.draw(r), slot: own + 3, anyCorrelated)
        let unitCost = correlated(plan.unitCost.draw(r), slot: own + 4, anyCorrelated)
        if recorded {
            (
                scratch.record[own], scratch.record[own + 1], scratch.record[own + 2], scratch.record[own + 3],
                scratch.record[own + 4]
            ) = (churn, pricePerMonth, pricePerUnit, units, unitCost)
        }
        // The usage price is charged above the included units only (docs/model.md#usage-costs-and-included-units);
        // without a tier the units as drawn, so no plan's bits change.
        let billed = plan.included > 0 ? atLeastZero(units - plan.included) : units
        let unitRevenue = billed * pricePerUnit
        // The share of the market that would pay what this strategy costs a customer a month, at this trial's prices
        // and usage (docs/model.md#willingness-to-pay); 1 without `willingness_to_pay`.
        let kept = self.plan.priceShare?.kept(atCost: pricePerMonth + unitRevenue) ?? 1
        return StrategyDraws(
            pricePerMonth: pricePerMonth, unitRevenue: unitRevenue, unitVariable: units * unitCost,
            retain: 1 - churn, kept: kept)
    }

    /// A trial's draws that its strategies' month loops read.
    struct TrialDraws {
        var m, p, q, oneOff, operations, perCustomer, cac, cash0, discountStep: Double
        var launch: Int
        var exitMultiple: Double
        var sampled, recorded: Bool
    }

    /// A strategy's draws that its month loop reads.
    struct StrategyDraws {
        var pricePerMonth, unitRevenue, unitVariable, retain: Double
        /// The share of the reachable market this strategy's price keeps (docs/model.md#willingness-to-pay; 1: all).
        var kept: Double
    }

    /// The variables' values this trial (docs/model.md#shared-variables), each from the stream keyed by its name, so
    /// adding, removing or reordering variables moves no other draw; through the copula where correlated.
    @inline(__always)
    func drawVariables(trial: Int, recorded: Bool) {
        let (r, first) = (stream.rng, plan.variableSlot)
        for v in 0..<variableCount {
            stream.select(.variable(scratch.varKeys[v]), trial: trial)
            let x = correlated(scratch.varSamplers[v].draw(r), slot: first + v, overrides)
            scratch.varValue[v] = x
            if recorded { scratch.record[first + v] = x }
        }
    }

    /// The uniforms of this trial's correlated inputs: correlated normals z = shift + L·e (shift 0 but in an audit's
    /// pinned plan), mapped through Φ. Each e_i is drawn from a stream keyed by its input's path
    /// (docs/model.md#correlated-inputs), so a stress case that changes the set of correlated inputs leaves the
    /// normals, and so the draws, of every input whose correlations it keeps.
    func copula(_ trial: Int) {
        let r = corrStream.rng
        for i in 0..<corrCount {
            corrStream.select(.copula(scratch.corrKeys[i]), trial: trial)
            scratch.corrE[i] = gsl_ran_gaussian_ziggurat(r, 1)
        }
        for i in 0..<corrCount {
            var z = scratch.corrShift[i]
            for j in 0...i { z += scratch.cholesky[i * corrCount + j] * scratch.corrE[j] }
            scratch.corrU[i] = gsl_cdf_ugaussian_P(z)
        }
    }

    /// An input's value: as drawn; when it reads a variable, the variable's value this trial (times a what-if's
    /// factor); when it is correlated, its law's quantile at the copula's uniform. The independent draw is still
    /// made, so every other input keeps its place in the stream.
    @inline(__always)
    func correlated(_ drawn: Double, slot: Int, _ anyCorrelated: Bool) -> Double {
        guard anyCorrelated else { return drawn }
        let v = scratch.varIndex[slot]
        if v >= 0 { return scratch.varValue[v] * scratch.varFactor[slot] }
        let i = scratch.corrIndex[slot]
        return i < 0 ? drawn : scratch.corrLaws[i].quantile(scratch.corrU[i])
    }

    /// The month of a risk's next firing after month `t` (0: the first), by a geometric gap drawn by inversion,
    /// ⌈ln U / ln(1 − p)⌉ with U in (0, 1) (`logStay` = ln(1 − p), −∞ when p = 1); past `horizon` when none is left.
    /// `noFiringBelow[m]` (`noFiringBound`) decides most "none in the m months left" draws without the logarithm.
    @inline(__always)
    static func nextFiring(
        _ r: UnsafeMutablePointer<gsl_rng>, _ logStay: Double, after t: Int, horizon: Int,
        noFiringBelow: UnsafePointer<Double>
    ) -> Int {
        if logStay == -.infinity { return t + 1 }
        let u = gsl_rng_uniform_pos(r)
        if u <= noFiringBelow[horizon - t] { return horizon + 1 }
        return t + geometricGap(u, logStay, limit: horizon)
    }

    /// ⌈ln u / logStay⌉, at least 1, capped past `limit` so a tiny p cannot overflow an integer.
    @inline(__always)
    static func geometricGap(_ u: Double, _ logStay: Double, limit: Int) -> Int {
        let gap = log(u) / logStay
        // ⌈gap⌉ > limit exactly when gap > limit (limit is an integer); below it, ⌈gap⌉ by truncation
        // (gap ≥ 0 and small, so exact), not a call to libm's ceil.
        guard gap <= Double(limit) else { return limit + 1 }
        let whole = Int(gap)
        return max(1, Double(whole) < gap ? whole + 1 : whole)
    }

    /// A bound below which a uniform u surely gives a gap longer than `months` (no firing in the months left):
    /// (1 − p)^m = e^(m·logStay), less a millionth. For u at or below it, ln u ≤ m·logStay − 10⁻⁶ while the
    /// rounding of ln u (|ln u| ≤ 23, a few 10⁻¹⁵) and of the quotient (m ≤ 1,200 months, 10⁻¹³) are far smaller, so
    /// the computed ln u / logStay exceeds m and the draw decides exactly as the logarithm would; above it, the
    /// logarithm decides. Tested against the logarithm at and around the bound.
    static func noFiringBound(months m: Int, logStay: Double) -> Double {
        guard logStay > -.infinity else { return 0 }
        return exp(Double(m) * logStay) * (1 - 1e-6)
    }
}

/// `max(0, x)` and `min(1, max(0, x))` with the standard library's exact semantics (`y >= x ? y : x`,
/// `y < x ? y : x`), forced inline: in the kernel's large body the generic `max` was left as a call.
@inline(__always) func atLeastZero(_ x: Double) -> Double { x >= 0 ? x : 0 }
@inline(__always) func unitClamped(_ x: Double) -> Double { let y = atLeastZero(x); return y < 1 ? y : 1 }

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
