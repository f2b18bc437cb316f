internal import CGSL

/// One worker's simulator: the month loop of MODEL.md §1–5 for one trial at
/// a time, with scratch space allocated once so a trial allocates nothing.
final class TrialKernel {
    let plan: Plan
    let stream: RandomStream
    let horizon: Int
    let strategyCount: Int
    let riskCount: Int
    let strategies: UnsafeMutableBufferPointer<Plan.StrategyPlan>
    let risks: UnsafeMutableBufferPointer<Plan.RiskPlan>
    let factors: UnsafeMutableBufferPointer<Sampler>
    // Month-indexed scratch (index 0 unused, 1…T).
    let eventCost: UnsafeMutablePointer<Double>
    let shock: UnsafeMutablePointer<Double>
    let keep: UnsafeMutablePointer<Double>
    let fine: UnsafeMutablePointer<Double>
    let revenue: UnsafeMutablePointer<Double>
    /// Targets in month order, flat: month, metric, ≥ (else ≤), threshold, index in the scenario.
    let targetCount: Int
    let targetMonth: UnsafeMutableBufferPointer<Int>
    let targetMetric: UnsafeMutableBufferPointer<Target.Metric>
    let targetAtLeast: UnsafeMutableBufferPointer<Bool>
    let targetThreshold: UnsafeMutableBufferPointer<Double>
    let targetIndex: UnsafeMutableBufferPointer<Int>
    /// [strategy][target index]: trials so far in which the target held.
    let targetHits: UnsafeMutableBufferPointer<Int>
    /// One trial's input values by record slot (Plan.recordSize), kept for the driver sample.
    let record: UnsafeMutablePointer<Double>
    let driverSlots: UnsafeMutableBufferPointer<Int>
    let driverCount: Int
    /// The copula of correlated inputs: count, a stream of their normals, each
    /// record slot's index among them (−1: independent), their uniforms this
    /// trial, their laws and the Cholesky factor.
    let corrCount: Int
    let corrStream: RandomStream
    let corrIndex: UnsafeMutablePointer<Int>
    let corrU: UnsafeMutablePointer<Double>
    let corrE: UnsafeMutablePointer<Double>
    let corrLaws: UnsafeMutableBufferPointer<Distribution>
    let cholesky: UnsafeMutablePointer<Double>
    /// One strategy's revenue and cost by year, for the year-by-year sample.
    let yearly: UnsafeMutablePointer<Double>
    let years: Int
    /// Draws clamped to [0, 1] so far: the five factors, then each strategy's churn.
    let clampCounts: UnsafeMutableBufferPointer<Int>
    /// Whether any risk has a revenue-based fine (skips the trailing-revenue bookkeeping otherwise).
    let anyFine: Bool
    /// One strategy's revenue lines this trial: parameters [line][4], and running totals of the kind's own
    /// prices (index 0) and each line (1 …): revenue and cost.
    let lineParams: UnsafeMutablePointer<Double>
    let lineRevenue: UnsafeMutablePointer<Double>
    let lineCost: UnsafeMutablePointer<Double>
    /// Revenue lines per strategy, and how many each has (read without touching the arrays when there are none).
    let strategyLines: [[Plan.LinePlan]]
    let lineCounts: UnsafeMutablePointer<Int>
    let roundCount: Int
    /// `plan.usesBusinessModels`, read once.
    let extended: Bool
    /// Whether any investor analysis needs the month loop's bookkeeping (a run with `analyses: none` and no targets does not).
    let investor: Bool
    let noLines: [Plan.LinePlan] = []
    let noRounds: [Plan.RoundPlan] = []
    /// Funding rounds this trial (common to all strategies): amount, pre-money, the uniform that decides closing;
    /// per strategy: each round's state (0 pending, month closed, −1 not closed) and ownership.
    let roundAmount: UnsafeMutablePointer<Double>
    let roundPre: UnsafeMutablePointer<Double>
    let roundU: UnsafeMutablePointer<Double>
    let roundState: UnsafeMutablePointer<Int>
    let roundOwn: UnsafeMutablePointer<Double>
    /// Month-indexed: the launch delay of the risks fired in month t.
    let delayMonths: UnsafeMutablePointer<Int>
    /// [risk][months left 0 … T]: `noFiringBound` of each risk, so most last draws of a trial's risks need no logarithm.
    let noFiringBelow: UnsafeMutablePointer<Double>
    /// Month-indexed factors on prices and running costs (nil pointers when there is no drift).
    let priceFactor: UnsafeMutablePointer<Double>?
    let costFactor: UnsafeMutablePointer<Double>?

    /// The lanes' scratch, and whether the lanes are used (the scalar path alone is kept for checking).
    let lanes: LaneScratch
    let lanesEnabled: Bool
    let laneBuild: LaneBuild

    init(plan: Plan, path: Path = .best) {
        self.plan = plan
        switch path {
        case .scalar: (lanesEnabled, laneBuild) = (false, .base)
        case .lanes(let build): (lanesEnabled, laneBuild) = (true, build)
        }
        lanes = LaneScratch(months: plan.horizon + 2, years: plan.years, strategies: plan.strategies.count,
                            targetMonths: plan.targets.map(\.target.month))
        stream = RandomStream(seed: plan.seed)
        horizon = plan.horizon
        strategyCount = plan.strategies.count
        riskCount = plan.risks.count
        strategies = .allocate(capacity: max(1, strategyCount))
        _ = strategies.initialize(from: plan.strategies)
        risks = .allocate(capacity: max(1, riskCount))
        _ = risks.initialize(from: plan.risks)
        factors = .allocate(capacity: plan.factors.count)
        _ = factors.initialize(from: plan.factors)
        let months = horizon + 2
        eventCost = .allocate(capacity: months)
        shock = .allocate(capacity: months)
        keep = .allocate(capacity: months)
        fine = .allocate(capacity: months)
        revenue = .allocate(capacity: months)
        anyFine = plan.risks.contains { $0.fine > 0 }
        strategyLines = plan.strategyLines
        lineCounts = .allocate(capacity: max(1, strategyCount))
        for (i, lines) in plan.strategyLines.enumerated() { lineCounts[i] = lines.count }
        roundCount = plan.rounds.count
        extended = plan.usesBusinessModels
        investor = plan.analyses.fundingNeed || !plan.targets.isEmpty || plan.yearSample > 0 || plan.cashSample > 0
        roundAmount = .allocate(capacity: Limits.maxRounds)
        roundPre = .allocate(capacity: Limits.maxRounds)
        roundU = .allocate(capacity: Limits.maxRounds)
        roundState = .allocate(capacity: Limits.maxRounds)
        roundOwn = .allocate(capacity: Limits.maxRounds)
        lineParams = .allocate(capacity: 4 * Limits.maxRevenueLines)
        lineRevenue = .allocate(capacity: Limits.maxRevenueLines + 1)
        lineCost = .allocate(capacity: Limits.maxRevenueLines + 1)
        delayMonths = .allocate(capacity: months)
        delayMonths.initialize(repeating: 0, count: months)
        noFiringBelow = .allocate(capacity: max(1, riskCount * (horizon + 1)))
        for (k, risk) in plan.risks.enumerated() {
            for m in 0...horizon { noFiringBelow[k * (horizon + 1) + m] = Self.noFiringBound(months: m, logStay: risk.logStay) }
        }
        func copy(_ factors: [Double]?) -> UnsafeMutablePointer<Double>? {
            guard let factors else { return nil }
            let p = UnsafeMutablePointer<Double>.allocate(capacity: factors.count)
            p.initialize(from: factors, count: factors.count)
            return p
        }
        priceFactor = copy(plan.priceFactor)
        costFactor = copy(plan.costFactor)
        clampCounts = .allocate(capacity: plan.factors.count + strategyCount)
        clampCounts.initialize(repeating: 0)
        let targets = plan.targets
        targetCount = targets.count
        targetMonth = .allocate(capacity: max(1, targetCount))
        targetMetric = .allocate(capacity: max(1, targetCount))
        targetAtLeast = .allocate(capacity: max(1, targetCount))
        targetThreshold = .allocate(capacity: max(1, targetCount))
        targetIndex = .allocate(capacity: max(1, targetCount))
        for (k, t) in targets.enumerated() {
            targetMonth[k] = t.target.month
            targetMetric[k] = t.target.metric
            targetAtLeast[k] = t.target.atLeast
            targetThreshold[k] = t.target.threshold
            targetIndex[k] = t.index
        }
        targetHits = .allocate(capacity: max(1, strategyCount * targetCount))
        targetHits.initialize(repeating: 0)
        record = .allocate(capacity: plan.recordSize)
        record.initialize(repeating: 0, count: plan.recordSize)
        corrCount = plan.correlatedSlots.count
        corrStream = RandomStream(seed: plan.seed)
        corrIndex = .allocate(capacity: plan.recordSize)
        corrIndex.initialize(repeating: -1, count: plan.recordSize)
        for (i, slot) in plan.correlatedSlots.enumerated() { corrIndex[slot] = i }
        corrU = .allocate(capacity: max(1, corrCount))
        corrE = .allocate(capacity: max(1, corrCount))
        corrLaws = .allocate(capacity: max(1, corrCount))
        _ = corrLaws.initialize(from: plan.correlatedLaws)
        cholesky = .allocate(capacity: max(1, corrCount * corrCount))
        cholesky.initialize(from: plan.cholesky, count: corrCount * corrCount)
        years = plan.years
        yearly = .allocate(capacity: 2 * years)
        driverCount = plan.driverInputs.count
        driverSlots = .allocate(capacity: max(1, driverCount))
        for (k, input) in plan.driverInputs.enumerated() { driverSlots[k] = input.slot }
    }

    deinit {
        strategies.deallocate()
        risks.deallocate()
        factors.deallocate()
        eventCost.deallocate()
        shock.deallocate()
        keep.deallocate()
        fine.deallocate()
        revenue.deallocate()
        delayMonths.deallocate()
        noFiringBelow.deallocate()
        lineParams.deallocate()
        lineCounts.deallocate()
        roundAmount.deallocate()
        roundPre.deallocate()
        roundU.deallocate()
        roundState.deallocate()
        roundOwn.deallocate()
        lineRevenue.deallocate()
        lineCost.deallocate()
        priceFactor?.deallocate()
        costFactor?.deallocate()
        clampCounts.deallocate()
        targetMonth.deallocate()
        targetMetric.deallocate()
        targetAtLeast.deallocate()
        targetThreshold.deallocate()
        targetIndex.deallocate()
        targetHits.deallocate()
        record.deallocate()
        corrIndex.deallocate()
        corrU.deallocate()
        corrE.deallocate()
        corrLaws.deallocate()
        cholesky.deallocate()
        yearly.deallocate()
        driverSlots.deallocate()
    }

    /// Simulates the trials of rows `rows` of `out` (row r is trial `firstTrial` + r, its global index, which picks
    /// its random streams), `laneCount` at a time in lanes where they fit. Returns false when an outcome may have
    /// overflowed (a cheap test; `TrialColumns.firstNonFinite` is exact).
    @discardableResult
    func run(rows: Range<Int>, firstTrial: Int, into out: TrialColumns) -> Bool {
        var finite = true
        var row = rows.lowerBound
        while row < rows.upperBound {
            if row + Self.laneCount <= rows.upperBound && lanesFit {
                finite = runLanes(trial: firstTrial + row, into: out, row: row) && finite
                row += Self.laneCount
            } else {
                finite = run(trial: firstTrial + row, into: out, row: row) && finite
                row += 1
            }
        }
        return finite
    }

    /// Simulates trial `trial` alone (the scalar path).
    @discardableResult
    func run(trial: Int, into out: TrialColumns, row: Int) -> Bool {
        extended ? run(ExtendedFeatures.self, trial: trial, into: out, row: row)
            : investor ? run(InvestorFeatures.self, trial: trial, into: out, row: row) : run(LeanFeatures.self, trial: trial, into: out, row: row)
    }

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
    var scalarMonths: MonthArrays { MonthArrays(eventCost: eventCost, shock: shock, keep: keep, fine: fine, stride: 1) }

    /// A trial's draws before the strategies (MODEL.md §3): the shared inputs, the risk events into the
    /// month arrays (`eventCost`, `shock` cumulated, `keep`, `fine`; reset by the caller), the launch and the
    /// funding rounds; stores the firings, the risk costs, the launch and D at row `row` of `out`.
    @inline(__always)
    func drawTrial<F: KernelFeatures>(_: F.Type, trial: Int, months: MonthArrays, into out: TrialColumns, row: Int) -> TrialDraws {
        let r = stream.rng
        let T = horizon
        let n = out.count

        // Shared draws, once per trial, in a fixed order (MODEL.md §3: common to all strategies).
        let anyCorrelated = corrCount > 0
        if anyCorrelated { copula(trial) }
        stream.select(.shared, trial: trial)
        let size = atLeastZero(correlated(plan.size.draw(r), slot: 0, anyCorrelated))
        let sampled = trial < out.sampleCount
        // The record's every slot is filled for the driver sample and for a per-trial export.
        let recorded = sampled || out.exportsInputs
        var D = 1.0
        for f in 0..<factors.count {
            let drawn = correlated(factors[f].draw(r), slot: 1 + f, anyCorrelated)
            let x = unitClamped(drawn)
            if x != drawn { clampCounts[f] += 1 }
            if recorded { record[1 + f] = x }
            D *= f == 2 ? 1 - x : x
        }
        let m = size * D
        var p = correlated(plan.innovation.draw(r), slot: 6, anyCorrelated)
        var q = correlated(plan.imitation.draw(r), slot: 7, anyCorrelated)
        if recorded { (record[0], record[6], record[7]) = (size, p, q) }
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
            (record[8], record[9], record[10], record[11]) = (dataAcquisition, training, operations, perCustomer)
            (record[12], record[13], record[14]) = (cac, cash0, rate)
        }

        // Risk events: the months a risk fires, by geometric gaps (the same law
        // as an independent Bernoulli(p_m) draw every month, with fewer draws).
        stream.select(.risks, trial: trial)
        let (eventCost, shock, keep, fine, w) = (months.eventCost, months.shock, months.keep, months.fine, months.stride)
        // The first month a demand shock fires: the cumulated shock is exactly 1 before it.
        var firstShock = T + 1
        if F.extended && plan.anyDelay { delayMonths.update(repeating: 0, count: T + 2) }
        for k in 0..<riskCount {
            let risk = risks[k]
            var count = 0
            var gross = 0.0, covered = 0.0
            if risk.monthlyProbability > 0 {
                let noFiring = noFiringBelow + k * (T + 1)
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
                    if risk.delay > 0 { delayMonths[t] += risk.delay }
                    fine[w * t] += risk.fine
                    if risk.revenueKeep != 1 {
                        let end = min(T, t + risk.duration - 1)
                        for s in t...end { keep[w * s] *= risk.revenueKeep }
                    }
                    if risk.hasShock {
                        shock[w * t] *= risk.shock
                        firstShock = min(firstShock, t)
                    }
                    t = Self.nextFiring(r, risk.logStay, after: t, horizon: T, noFiringBelow: noFiring)
                }
            }
            out.firings[k * n + row] = UInt16(truncatingIfNeeded: count)
            if out.hasRiskCosts {
                out.riskCosts[2 * k * n + row] = gross
                out.riskCosts[(2 * k + 1) * n + row] = covered
            }
        }
        // A firing before the launch pushes it back; one in a pushed-back stretch pushes it again.
        var launch = F.extended ? plan.launchMonth : 1
        if F.extended && plan.anyDelay {
            var t = 1
            while t < launch && t <= T { launch += delayMonths[t]; t += 1 }
            out.launch[row] = UInt16(min(launch, T + 1))
        }
        // shock[t] *= shock[t − 1] from the first shock on, the running product kept in a register (through memory,
        // each month waited for the last one's store); a product of the same two numbers, so the same bits.
        if firstShock < T {
            var cumulated = shock[w * firstShock]
            for t in firstShock + 1...T {
                cumulated = shock[w * t] * cumulated
                shock[w * t] = cumulated
            }
        }
        // Funding rounds and the exit: drawn once per trial from their own stream, the same for every strategy.
        let roundCount = F.extended ? self.roundCount : 0
        let rounds = roundCount > 0 ? plan.rounds : noRounds
        var exitMultiple = 0.0
        if roundCount > 0 {
            stream.select(.funding, trial: trial)
            for k in 0..<roundCount {
                roundAmount[k] = max(0, rounds[k].amount.draw(r))
                roundPre[k] = rounds[k].preMoney.draw(r)
                roundU[k] = gsl_rng_uniform(r)
            }
            if let m = plan.exitMultiple { exitMultiple = max(0, m.draw(r)) }
        }
        out.demandShare[row] = D
        return TrialDraws(m: m, p: p, q: q, oneOff: oneOff, operations: operations, perCustomer: perCustomer, cac: cac, cash0: cash0,
                          discountStep: discountStep, launch: launch, exitMultiple: exitMultiple, sampled: sampled, recorded: recorded)
    }

    /// The month loop, compiled once without the opt-in features (so a plan that uses none pays nothing for them) and once with.
    @inline(__always)
    func run<F: KernelFeatures>(_: F.Type, trial: Int, into out: TrialColumns, row: Int) -> Bool {
        let priceFactor = F.extended ? self.priceFactor : nil, costFactor = F.extended ? self.costFactor : nil
        var finite = true
        let r = stream.rng
        let T = horizon
        let n = out.count
        // Insurance premiums are a cost of every month, common to all strategies.
        scalarMonths.reset(months: horizon + 2, premiums: F.extended && plan.anyInsurance ? plan.premiums : 0)
        let d = drawTrial(F.self, trial: trial, months: scalarMonths, into: out, row: row)
        let (m, p, q, oneOff, operations, perCustomer, cac, cash0) = (d.m, d.p, d.q, d.oneOff, d.operations, d.perCustomer, d.cac, d.cash0)
        let (discountStep, launch, exitMultiple) = (d.discountStep, d.launch, d.exitMultiple)
        let roundCount = F.extended ? self.roundCount : 0
        let rounds = roundCount > 0 ? plan.rounds : noRounds

        // Locals, not properties: the month loop's stores through pointers would otherwise make the compiler reload them every month.
        let (bass, anyFine, keep, shock, eventCost, fine, revenue) = (self.bass, self.anyFine, self.keep, self.shock, self.eventCost, self.fine, self.revenue)
        for s in 0..<strategyCount {
            let own = drawStrategy(s, trial: trial, recorded: d.recorded)
            let (pricePerMonth, unitRevenue, unitVariable, retain) = (own.pricePerMonth, own.unitRevenue, own.unitVariable, own.retain)
            // Revenue lines: their parameters from the strategy's own line stream, which then serves their monthly draws.
            let lineCount = F.extended ? lineCounts[s] : 0
            let lines = lineCount > 0 ? strategyLines[s] : noLines
            if lineCount > 0 {
                stream.select(.lines(s), trial: trial)
                for k in 0..<lineCount {
                    for (j, sampler) in lines[k].values.enumerated() {
                        let x = sampler.draw(r)
                        lineParams[4 * k + j] = lines[k].shares[j] ? min(1, max(0, x)) : x
                    }
                }
                lineRevenue.update(repeating: 0, count: lineCount + 1)
                lineCost.update(repeating: 0, count: lineCount + 1)
            }

            var A = 0.0, cash = cash0, cumulative = 0.0, npv = 0.0, discount = 1.0
            var revenueSum = 0.0, costSum = 0.0, minCash = Double.infinity
            var breakeven = 0, reachHalf = 0, reachMost = 0, cashOutMonth = 0, nextTarget = 0
            var minCumulative = Double.infinity
            var dead = false, deathMonth = 0, raised = 0.0, founders = 1.0, lastR = 0.0
            if roundCount > 0 {
                roundState.update(repeating: 0, count: roundCount)
                roundOwn.update(repeating: 0, count: roundCount)
            }
            let yearSampled = trial < out.yearSample
            let cashSampled = trial < out.cashSample
            let cashRow = out.monthlyCash + s * T * out.cashSample + trial
            if yearSampled { yearly.update(repeating: 0, count: 2 * years) }
            for t in 1...T {
                discount /= discountStep
                if F.extended && dead {
                    // Out of cash with funding rounds in the plan: no more revenue, cost or customers.
                    A = 0
                    if cashSampled { cashRow[(t - 1) * out.cashSample] = cash }
                    checkTargets(&nextTarget, month: t, strategy: s, R: 0, revenueSum: revenueSum, A: 0, cash: cash, cumulative: cumulative)
                    continue
                }
                let mt = m * shock[t]
                let survivors = A * retain
                let new: Double
                if F.extended && t < launch {
                    new = 0
                } else if bass {
                    new = mt > 0 ? (p + q * survivors / mt) * atLeastZero(mt - survivors) : 0
                } else {
                    new = atLeastZero(mt - survivors)
                }
                A = survivors + new
                if reachMost == 0 && mt > 0 {
                    if reachHalf == 0 && A >= 0.5 * mt { reachHalf = t }
                    if A >= 0.9 * mt { reachMost = t }
                }
                var R = (A * pricePerMonth + A * unitRevenue) * keep[t]
                if let priceFactor { R *= priceFactor[t] }
                var cost: Double
                if let costFactor {
                    let f = costFactor[t]
                    cost = operations * f + A * perCustomer * f + new * cac + eventCost[t] + A * unitVariable * f
                } else {
                    cost = operations + A * perCustomer + new * cac + eventCost[t] + A * unitVariable
                }
                if lineCount > 0 {
                    lineRevenue[0] += R
                    lineCost[0] += A * unitVariable * (costFactor?[t] ?? 1)
                    for k in 0..<lineCount {
                        let (rev, spent) = lineMonth(lines[k], params: lineParams + 4 * k, A: A, new: new, r: r)
                        let earned = rev * keep[t] * (priceFactor?[t] ?? 1)
                        let paid = lines[k].kind == .freemium ? spent * (costFactor?[t] ?? 1) : spent * keep[t] * (priceFactor?[t] ?? 1)
                        lineRevenue[k + 1] += earned
                        lineCost[k + 1] += paid
                        R += earned
                        cost += paid
                    }
                }
                if t == 1 { cost += oneOff }
                if anyFine {
                    if fine[t] > 0 {
                        var last12 = 0.0
                        var u = max(1, t - 12)
                        while u < t { last12 += revenue[u]; u += 1 }
                        cost += fine[t] * last12
                    }
                    revenue[t] = R
                }
                let profit = R - cost
                if F.investor && yearSampled {
                    let y = 2 * ((t - 1) / 12)
                    yearly[y] += R
                    yearly[y + 1] += cost
                }
                revenueSum += R
                costSum += cost
                cumulative += profit
                cash += profit
                npv += profit * discount
                if roundCount > 0 {
                    lastR = R
                    for k in 0..<roundCount where roundState[k] == 0 {
                        let round = rounds[k]
                        let due: Bool
                        if round.month > 0 {
                            due = t == round.month
                        } else if t >= round.earliest {
                            let value = Self.metric(round.metric, R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative)
                            due = round.atLeast ? value >= round.threshold : value <= round.threshold
                        } else {
                            due = false
                        }
                        guard due else { continue }
                        guard roundU[k] < round.closeProbability else { roundState[k] = -1; continue }
                        // Everyone is diluted pro rata; the new investors own amount / post-money.
                        let post = roundPre[k] + roundAmount[k]
                        let kept = roundPre[k] / post
                        founders *= kept
                        for j in 0..<roundCount where roundState[j] > 0 { roundOwn[j] *= kept }
                        roundOwn[k] = roundAmount[k] / post
                        roundState[k] = t
                        cash += roundAmount[k]
                        raised += roundAmount[k]
                    }
                    if cash < 0 { dead = true; deathMonth = t }
                }
                if cash < minCash { minCash = cash }
                if F.investor {
                    if cashSampled { cashRow[(t - 1) * out.cashSample] = cash }
                    if cumulative < minCumulative { minCumulative = cumulative }
                    if cashOutMonth == 0 && cash < 0 { cashOutMonth = t }
                }
                if breakeven == 0 && cumulative >= 0 { breakeven = t }
                if F.investor { checkTargets(&nextTarget, month: t, strategy: s, R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative) }
            }
            if roundCount > 0 {
                if F.extended && dead { lastR = 0 }
                finishFunding(out, strategy: s, row: row, rounds: rounds, exit: exitMultiple * 12 * lastR,
                              death: deathMonth, raised: raised, founders: founders)
            }
            finite = store(StrategyTotals(npv: npv, revenueSum: revenueSum, costSum: costSum, minCash: minCash, A: A, minCumulative: minCumulative,
                                          cashOutMonth: cashOutMonth, breakeven: breakeven, reachHalf: reachHalf, reachMost: reachMost),
                           strategy: s, into: out, row: row) && finite
            if yearSampled {
                for y in 0..<years {
                    out.yearColumn(s, year: y, metric: 0)[trial] = yearly[2 * y]
                    out.yearColumn(s, year: y, metric: 1)[trial] = yearly[2 * y + 1]
                }
            }
            if lineCount > 0 {
                let first = self.plan.lineOffsets[s]
                for k in 0...lineCount {
                    out.lineTotals[(2 * (first + k)) * n + row] = lineRevenue[k]
                    out.lineTotals[(2 * (first + k) + 1) * n + row] = lineCost[k]
                }
            }
        }
        storeRecord(trial: trial, sampled: d.sampled, into: out, row: row)
        return finite
    }

    /// What a strategy's month loop leaves: the sums, extremes and first months of MODEL.md §5.
    struct StrategyTotals {
        var npv, revenueSum, costSum, minCash, A, minCumulative: Double
        var cashOutMonth, breakeven, reachHalf, reachMost: Int
    }

    /// Stores strategy `s`'s outcomes at row `row`; false when one may have overflowed.
    @inline(__always)
    func store(_ x: StrategyTotals, strategy s: Int, into out: TrialColumns, row: Int) -> Bool {
        let n = out.count
        let base = out.values + (s * out.stride) * n + row
        // Profit and roi are not stored: `TrialColumns` computes them from revenue and cost (`Outcome.derived`).
        base[StoredSlot.npv * n] = x.npv
        base[StoredSlot.revenue * n] = x.revenueSum
        base[StoredSlot.cost * n] = x.costSum
        base[StoredSlot.minCash * n] = x.minCash
        base[StoredSlot.customers * n] = x.A
        if out.hasFundingNeed {
            // The most cash the plan consumes before it recovers, whatever the starting cash.
            base[StoredSlot.fundingNeed * n] = max(0, -x.minCumulative)
            out.cashOut[s * n + row] = UInt16(x.cashOutMonth)
        }
        out.breakeven[s * n + row] = UInt16(x.breakeven)
        out.reach[(2 * s) * n + row] = UInt16(x.reachHalf)
        out.reach[(2 * s + 1) * n + row] = UInt16(x.reachMost)
        return (x.npv + x.revenueSum + x.costSum + x.minCash + x.A).isFinite
    }

    /// Places of the stored outcomes in a strategy's block of columns (`TrialColumns.storedOutcomes` order, checked by a test).
    enum StoredSlot {
        static let npv = 0, revenue = 1, cost = 2, minCash = 3, customers = 4, fundingNeed = 5
    }

    /// A strategy's own draws from its stream (MODEL.md §3), recorded when the trial is.
    @inline(__always)
    func drawStrategy(_ s: Int, trial: Int, recorded: Bool) -> StrategyDraws {
        let r = stream.rng
        let anyCorrelated = corrCount > 0
        let plan = strategies[s]
        stream.select(.strategy(s), trial: trial)
        let own = Plan.sharedSlots + Plan.perStrategySlots * s
        let drawnChurn = correlated(plan.churn.draw(r), slot: own, anyCorrelated)
        let churn = unitClamped(drawnChurn)
        if churn != drawnChurn { clampCounts[factors.count + s] += 1 }
        let pricePerMonth = correlated(plan.pricePerMonth.draw(r), slot: own + 1, anyCorrelated)
        let pricePerUnit = correlated(plan.pricePerUnit.draw(r), slot: own + 2, anyCorrelated)
        let units = correlated(plan.units.draw(r), slot: own + 3, anyCorrelated)
        let unitCost = correlated(plan.unitCost.draw(r), slot: own + 4, anyCorrelated)
        if recorded {
            (record[own], record[own + 1], record[own + 2], record[own + 3], record[own + 4]) = (churn, pricePerMonth, pricePerUnit, units, unitCost)
        }
        return StrategyDraws(pricePerMonth: pricePerMonth, unitRevenue: units * pricePerUnit, unitVariable: units * unitCost, retain: 1 - churn)
    }

    /// The trial's drawn inputs into the driver sample and the per-trial export, where they are kept.
    @inline(__always)
    func storeRecord(trial: Int, sampled: Bool, into out: TrialColumns, row: Int) {
        if sampled {
            let N = out.sampleCount
            for k in 0..<driverCount { out.sampleInputs[k * N + trial] = record[driverSlots[k]] }
        }
        if out.exportsInputs {
            for k in 0..<driverCount { out.exportInputs[k * out.count + row] = record[driverSlots[k]] }
        }
    }

    var bass: Bool { plan.bass }

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
    }

    /// A kernel pass's feature set, as a type, so each pass is specialised with what it does not use compiled out:
    /// `extended`, the business-model features; `investor`, the month-by-month bookkeeping of the investor
    /// analyses (funding need and cash-out month, targets, the year and cash samples).
    protocol KernelFeatures {
        static var extended: Bool { get }
        static var investor: Bool { get }
    }
    enum LeanFeatures: KernelFeatures {
        static var extended: Bool { false }
        static var investor: Bool { false }
    }
    enum InvestorFeatures: KernelFeatures {
        static var extended: Bool { false }
        static var investor: Bool { true }
    }
    enum ExtendedFeatures: KernelFeatures {
        static var extended: Bool { true }
        static var investor: Bool { true }
    }

    /// A metric of the month (targets and triggered rounds).
    @inline(__always)
    static func metric(_ m: Target.Metric, R: Double, revenueSum: Double, A: Double, cash: Double, cumulative: Double) -> Double {
        switch m {
        case .annualRunRate: return 12 * R
        case .revenueToDate: return revenueSum
        case .customers: return A
        case .cash: return cash
        case .cumulativeProfit: return cumulative
        }
    }

    /// Counts the targets of month `t` that hold.
    @inline(__always)
    func checkTargets(_ next: inout Int, month t: Int, strategy s: Int, R: Double, revenueSum: Double, A: Double, cash: Double, cumulative: Double) {
        while next < targetCount && targetMonth[next] == t {
            countTarget(next, strategy: s, R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative)
            next += 1
        }
    }

    /// Counts target `k` (in month order) for strategy `s` when it holds at the month's figures.
    @inline(__always)
    func countTarget(_ k: Int, strategy s: Int, R: Double, revenueSum: Double, A: Double, cash: Double, cumulative: Double) {
        let value = Self.metric(targetMetric[k], R: R, revenueSum: revenueSum, A: A, cash: cash, cumulative: cumulative)
        let holds = targetAtLeast[k] ? value >= targetThreshold[k] : value <= targetThreshold[k]
        if holds { targetHits[s * targetCount + targetIndex[k]] += 1 }
    }

    /// Stores a strategy's funding outcome: who owns what at the horizon and what each round's investors get back
    /// from an exit worth `exit` (common stock; with the preference, 1× non-participating, pari passu).
    func finishFunding(_ out: TrialColumns, strategy s: Int, row: Int, rounds: [Plan.RoundPlan], exit: Double,
                               death: Int, raised: Double, founders: Double) {
        let n = out.count, K = rounds.count
        out.deathMonth[s * n + row] = UInt16(death)
        func put(_ field: Int, _ x: Double) { out.fundingValues[(s * out.fundingStride + field) * n + row] = x }
        put(0, raised)
        put(1, founders)
        // Which closed rounds take their preference rather than convert, and what that leaves the common holders.
        var preferred = 0.0, convertingShare = founders
        for k in 0..<K where roundState[k] > 0 {
            if plan.liquidationPreference && roundAmount[k] > roundOwn[k] * exit { preferred += roundAmount[k] } else { convertingShare += roundOwn[k] }
        }
        let remainder = max(0, exit - preferred)
        for k in 0..<K {
            out.roundMonth[(s * K + k) * n + row] = UInt16(max(0, roundState[k]))
            guard roundState[k] > 0 else {
                put(2 + 3 * k, 0); put(3 + 3 * k, 0); put(4 + 3 * k, .nan)
                continue
            }
            let proceeds: Double
            if plan.liquidationPreference && roundAmount[k] > roundOwn[k] * exit {
                proceeds = preferred > exit ? exit * roundAmount[k] / preferred : roundAmount[k]
            } else if plan.liquidationPreference {
                proceeds = convertingShare > 0 ? remainder * roundOwn[k] / convertingShare : 0
            } else {
                proceeds = roundOwn[k] * exit
            }
            put(2 + 3 * k, roundOwn[k])
            put(3 + 3 * k, proceeds)
            put(4 + 3 * k, roundAmount[k] > 0 ? proceeds / roundAmount[k] : .nan)
        }
    }

    /// One revenue line's revenue and cost in a month, before revenue losses and drift.
    @inline(__always)
    func lineMonth(_ line: Plan.LinePlan, params: UnsafeMutablePointer<Double>, A: Double, new: Double,
                           r: UnsafeMutablePointer<gsl_rng>) -> (Double, Double) {
        switch line.kind {
        case .oneTime: return (new * params[0] + A * params[0] * params[1], 0)
        case .valueAdded: return (A * params[0] * params[1], 0)
        // Ad income is unstable: drawn afresh every month.
        case .advertising: return (A * max(0, line.values[0].draw(r)), 0)
        case .consulting:
            // Projects arrive as a Poisson count with the drawn mean, capped by delivery capacity.
            let projects = min(params[3], Double(params[0] > 0 ? gsl_ran_poisson(r, params[0]) : 0))
            let fees = projects * params[1]
            return (fees, fees * params[2])
        case .commission: return (A * params[0] * params[1], 0)
        case .freemium: return (0, A * params[0] * params[1])
        }
    }

    /// The uniforms of this trial's correlated inputs: correlated normals
    /// z = L·e from their own stream, mapped through Φ.
    func copula(_ trial: Int) {
        corrStream.select(.correlation, trial: trial)
        let r = corrStream.rng
        for i in 0..<corrCount { corrE[i] = gsl_ran_gaussian_ziggurat(r, 1) }
        for i in 0..<corrCount {
            var z = 0.0
            for j in 0...i { z += cholesky[i * corrCount + j] * corrE[j] }
            corrU[i] = gsl_cdf_ugaussian_P(z)
        }
    }

    /// An input's value: as drawn, or, when it is correlated, its law's quantile
    /// at the copula's uniform. The independent draw is still made, so every
    /// other input keeps its place in the stream.
    @inline(__always)
    func correlated(_ drawn: Double, slot: Int, _ anyCorrelated: Bool) -> Double {
        guard anyCorrelated else { return drawn }
        let i = corrIndex[slot]
        return i < 0 ? drawn : corrLaws[i].quantile(corrU[i])
    }

    /// The month of a risk's next firing after month `t` (0: the first), by a geometric gap drawn by inversion,
    /// ⌈ln U / ln(1 − p)⌉ with U in (0, 1) (`logStay` = ln(1 − p), −∞ when p = 1); past `horizon` when none is left.
    /// `noFiringBelow[m]` (`noFiringBound`) decides most "none in the m months left" draws without the logarithm.
    @inline(__always)
    static func nextFiring(_ r: UnsafeMutablePointer<gsl_rng>, _ logStay: Double, after t: Int, horizon: Int,
                           noFiringBelow: UnsafePointer<Double>) -> Int {
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
@inline(__always) private func atLeastZero(_ x: Double) -> Double { x >= 0 ? x : 0 }
@inline(__always) private func unitClamped(_ x: Double) -> Double { let y = atLeastZero(x); return y < 1 ? y : 1 }

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
