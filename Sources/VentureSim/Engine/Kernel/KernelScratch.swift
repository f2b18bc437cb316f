internal import CLanes

/// Everything a worker's kernel keeps between trials, declared once and carved from one `ScratchArena`: the plan's
/// per-trial parts in flat memory, the month arrays a trial's risk events are drawn into, the copula's, the
/// funding rounds' and the revenue lines' working values, the target and clamp counts, and the lanes' arrays.
/// A new piece of scratch is one line in `carve` (and its filling, if it starts from the plan, in `fill`).
struct KernelScratch {
    // The plan's parts a trial reads, in flat memory.
    var strategies: UnsafeMutableBufferPointer<Plan.StrategyPlan>
    var risks: UnsafeMutableBufferPointer<Plan.RiskPlan>
    var factors: UnsafeMutableBufferPointer<Sampler>
    /// Month-indexed (index 0 unused, 1…T, one spare): one trial's risk costs, cumulated demand shock, kept share
    /// of revenue, fines (shares of the last twelve months' revenue), its revenue (for the fines), the launch delay
    /// of the risks fired in month t.
    var eventCost, shock, keep, fine, revenue: UnsafeMutablePointer<Double>
    var delayMonths: UnsafeMutablePointer<Int>
    /// [risk][months left 0 … T]: `TrialKernel.noFiringBound` of each risk, so most last draws of a trial's risks need
    /// no logarithm.
    var noFiringBelow: UnsafeMutablePointer<Double>
    /// Month-indexed factors on prices and running costs (nil when there is no drift).
    var priceFactor, costFactor: UnsafeMutablePointer<Double>?
    /// With cost shocks (nil without): one trial's month-indexed factors on the running costs and on the unit
    /// costs, drift times the cumulated shocks (docs/model.md#cost-shocks).
    var runFactor, unitFactor: UnsafeMutablePointer<Double>?
    /// Targets in month order, flat: month, metric, ≥ (else ≤), threshold, index in the scenario.
    var targetMonth: UnsafeMutablePointer<Int>
    var targetMetric: UnsafeMutablePointer<Target.Metric>
    var targetAtLeast: UnsafeMutablePointer<Bool>
    var targetThreshold: UnsafeMutablePointer<Double>
    var targetIndex: UnsafeMutablePointer<Int>
    /// [strategy][target index]: trials so far in which the target held.
    var targetHits: UnsafeMutableBufferPointer<Int>
    /// Draws clamped to [0, 1] so far: the five factors, then each strategy's churn.
    var clampCounts: UnsafeMutableBufferPointer<Int>
    /// One trial's input values by record slot (`Plan.recordSize`), kept for the driver sample and the export;
    /// the record slots the driver sample keeps.
    var record: UnsafeMutablePointer<Double>
    var driverSlots: UnsafeMutablePointer<Int>
    /// The copula: each record slot's index among the correlated inputs (−1: independent), their normals and
    /// uniforms this trial, their laws and the Cholesky factor.
    var corrIndex: UnsafeMutablePointer<Int>
    var corrE, corrU, corrShift: UnsafeMutablePointer<Double>
    var corrLaws: UnsafeMutablePointer<Distribution>
    var cholesky: UnsafeMutablePointer<Double>
    /// Each correlated input's stream key (`RandomStream.nameKey` of its path): its normal's own stream.
    var corrKeys: UnsafeMutablePointer<UInt64>
    /// The variables (docs/model.md#shared-variables): samplers, stream keys and this trial's values; per record slot,
    /// the variable it reads (−1: none) and the factor on its value.
    var varSamplers: UnsafeMutablePointer<Sampler>
    var varKeys: UnsafeMutablePointer<UInt64>
    var varValue: UnsafeMutablePointer<Double>
    var varIndex: UnsafeMutablePointer<Int>
    var varFactor: UnsafeMutablePointer<Double>
    /// One strategy's revenue and cost by year, for the year-by-year sample.
    var yearly: UnsafeMutablePointer<Double>
    /// Every strategy's revenue lines, flat (see `LineScratch`).
    var lines: LineScratch
    /// The plan's funding rounds; this trial's terms (common to all strategies): amount, pre-money, the uniform that
    /// decides closing; and each round's state in the strategy being simulated: 0 pending, −1 declined, else the
    /// month it closed. (Who owns what is not the kernel's business: the summary replays the cap table from the
    /// closing months and the terms, `FundingOutcome.replay`.)
    var rounds: UnsafeMutablePointer<Plan.RoundPlan>
    var roundAmount, roundPre, roundU: UnsafeMutablePointer<Double>
    var roundState: UnsafeMutablePointer<Int>
    /// The lanes' arrays (see `LaneScratch`).
    var lanes: LaneScratch
    /// The risks' and strategies' streams, their first blocks made a trial at a time (see `StreamBatch`).
    var streams: StreamBatch

    /// Parameters a revenue line may have (`RevenueLine.Kind.parameters`; checked by a test).
    static let lineParameters = 4

    /// Carves every region for `plan` (contents undefined until `fill`).
    init(plan: Plan, carving c: inout ScratchArena.Carver) {
        let T = plan.horizon, months = T + 2, S = plan.strategies.count, K = plan.targets.count
        // Sized by the plan's own counts, not the loader's limits: a scenario built in code skips the loader.
        let R = plan.rounds.count, C = plan.correlatedSlots.count
        strategies = c.buffer(Plan.StrategyPlan.self, S)
        risks = c.buffer(Plan.RiskPlan.self, plan.risks.count)
        factors = c.buffer(Sampler.self, plan.factors.count)
        (eventCost, shock, keep, fine, revenue) = (
            c.take(Double.self, months), c.take(Double.self, months), c.take(Double.self, months),
            c.take(Double.self, months), c.take(Double.self, months)
        )
        delayMonths = c.take(Int.self, months)
        noFiringBelow = c.take(Double.self, plan.risks.count * (T + 1))
        priceFactor = plan.priceFactor.map { c.take(Double.self, $0.count) }
        costFactor = plan.costFactor.map { c.take(Double.self, $0.count) }
        (runFactor, unitFactor) =
            plan.anyCostShock ? (c.take(Double.self, months), c.take(Double.self, months)) : (nil, nil)
        targetMonth = c.take(Int.self, K)
        targetMetric = c.take(Target.Metric.self, K)
        targetAtLeast = c.take(Bool.self, K)
        targetThreshold = c.take(Double.self, K)
        targetIndex = c.take(Int.self, K)
        targetHits = c.buffer(Int.self, S * K)
        clampCounts = c.buffer(Int.self, plan.factors.count + S)
        record = c.take(Double.self, plan.recordSize)
        driverSlots = c.take(Int.self, plan.driverInputs.count)
        corrIndex = c.take(Int.self, plan.recordSize)
        (corrE, corrU, corrShift) = (c.take(Double.self, C), c.take(Double.self, C), c.take(Double.self, C))
        corrLaws = c.take(Distribution.self, C)
        cholesky = c.take(Double.self, C * C)
        corrKeys = c.take(UInt64.self, C)
        let V = plan.variables.count
        (varSamplers, varKeys, varValue) = (c.take(Sampler.self, V), c.take(UInt64.self, V), c.take(Double.self, V))
        (varIndex, varFactor) = (c.take(Int.self, plan.recordSize), c.take(Double.self, plan.recordSize))
        yearly = c.take(Double.self, 2 * plan.years)
        lines = LineScratch(plan: plan, carving: &c)
        rounds = c.take(Plan.RoundPlan.self, plan.rounds.count)
        (roundAmount, roundPre, roundU) = (c.take(Double.self, R), c.take(Double.self, R), c.take(Double.self, R))
        roundState = c.take(Int.self, R)
        lanes = LaneScratch(plan: plan, carving: &c)
        streams = StreamBatch(plan: plan, carving: &c)
    }

    /// Fills the regions that start from the plan, and zeroes the counts and the arrays read before they are written.
    func fill(from plan: Plan, in arena: ScratchArena) {
        let T = plan.horizon, months = T + 2
        arena.initialize(strategies, from: plan.strategies)
        arena.initialize(risks, from: plan.risks)
        arena.initialize(factors, from: plan.factors)
        delayMonths.initialize(repeating: 0, count: months)
        for (k, risk) in plan.risks.enumerated() {
            for m in 0...T {
                noFiringBelow[k * (T + 1) + m] = TrialKernel.noFiringBound(months: m, logStay: risk.logStay)
            }
        }
        if let f = plan.priceFactor { priceFactor?.initialize(from: f, count: f.count) }
        if let f = plan.costFactor { costFactor?.initialize(from: f, count: f.count) }
        for (k, t) in plan.targets.enumerated() {
            targetMonth[k] = t.target.month
            targetMetric[k] = t.target.metric
            targetAtLeast[k] = t.target.atLeast
            targetThreshold[k] = t.target.threshold
            targetIndex[k] = t.index
        }
        targetHits.initialize(repeating: 0)
        clampCounts.initialize(repeating: 0)
        record.initialize(repeating: 0, count: plan.recordSize)
        for (k, input) in plan.driverInputs.enumerated() { driverSlots[k] = input.slot }
        corrIndex.initialize(repeating: -1, count: plan.recordSize)
        for (i, slot) in plan.correlatedSlots.enumerated() { corrIndex[slot] = i }
        arena.initialize(corrLaws, from: plan.correlatedLaws)
        cholesky.initialize(from: plan.cholesky, count: plan.correlatedSlots.count * plan.correlatedSlots.count)
        corrShift.initialize(repeating: 0, count: plan.correlatedSlots.count)
        for (i, x) in plan.copulaShift.enumerated() { corrShift[i] = x }
        let inputs = plan.scenario.drawnInputs
        for (i, slot) in plan.correlatedSlots.enumerated() { corrKeys[i] = RandomStream.nameKey(inputs[slot].path) }
        arena.initialize(varSamplers, from: plan.variables)
        varKeys.initialize(from: plan.variableKeys, count: plan.variableKeys.count)
        varValue.initialize(repeating: 0, count: plan.variables.count)
        varIndex.initialize(repeating: -1, count: plan.recordSize)
        varFactor.initialize(repeating: 1, count: plan.recordSize)
        for r in plan.variableReaders { (varIndex[r.slot], varFactor[r.slot]) = (r.variable, r.factor) }
        lines.fill(from: plan, overridden: { corrIndex[$0] >= 0 || varIndex[$0] >= 0 })
        streams.fill(from: plan)
        arena.initialize(rounds, from: plan.rounds)
        lanes.revenue.initialize(repeating: 0, count: TrialKernel.laneCount * months)
        for (k, t) in plan.targets.enumerated() { lanes.targetMonths[k] = t.target.month }
        lanes.fill(from: plan, lines: lines)
    }
}

/// Every strategy's revenue lines in flat memory, so the month loop reads them through pointers (no array, no
/// reference count): strategy s's lines are `first[s]` ..< `first[s] + count[s]`, its line columns start at
/// `column[s]` (`Plan.lineOffsets`); each line's kind, its parameters' samplers and share flags
/// ([line][`KernelScratch.lineParameters`]) and how many it has. One strategy's working values this trial: the
/// parameters drawn ([line of the strategy][`lineParameters`]), and the running totals of the kind's own prices
/// (index 0) and of each line (1 …): [1 + line][revenue, cost].
struct LineScratch {
    var first, count, column: UnsafeMutablePointer<Int>
    var kind: UnsafeMutablePointer<RevenueLine.Kind>
    var samplers: UnsafeMutablePointer<Sampler>
    var share: UnsafeMutablePointer<Bool>
    var valueCount: UnsafeMutablePointer<Int>
    /// Each line's first record slot (`Plan.lineSlots`), and whether its monthly draw is replaced by its per-trial
    /// value (advertising read from a variable or correlated: docs/model.md#shared-variables).
    var slot: UnsafeMutablePointer<Int>
    var fixed: UnsafeMutablePointer<Bool>
    var params, totals: UnsafeMutablePointer<Double>

    init(plan: Plan, carving c: inout ScratchArena.Carver) {
        let (S, lines, most, P) = (plan.strategies.count, plan.lineCount, plan.mostLines, KernelScratch.lineParameters)
        (first, count, column) = (c.take(Int.self, S), c.take(Int.self, S), c.take(Int.self, S))
        kind = c.take(RevenueLine.Kind.self, lines)
        samplers = c.take(Sampler.self, P * lines)
        share = c.take(Bool.self, P * lines)
        valueCount = c.take(Int.self, lines)
        (slot, fixed) = (c.take(Int.self, lines), c.take(Bool.self, lines))
        (params, totals) = (c.take(Double.self, P * most), c.take(Double.self, 2 * (most + 1)))
    }

    /// Copies the plan's lines in (samplers and kinds are plain values: nothing to release).
    func fill(from plan: Plan, overridden: (Int) -> Bool) {
        let P = KernelScratch.lineParameters
        var k = 0
        for (s, lines) in plan.strategyLines.enumerated() {
            (first[s], count[s], column[s]) = (k, lines.count, plan.lineOffsets[s])
            for line in lines {
                kind[k] = line.kind
                valueCount[k] = line.values.count
                slot[k] = plan.lineSlots[k]
                fixed[k] = line.kind == .advertising && overridden(plan.lineSlots[k])
                for (j, sampler) in line.values.enumerated() {
                    (samplers + P * k + j).initialize(to: sampler)
                    share[P * k + j] = line.shares[j]
                }
                k += 1
            }
        }
    }
}

/// The lanes' arrays: month-indexed ([month][lane]); the lane loop's inputs (the trials' draws, [field][lane]; each
/// strategy's, [strategy][field][lane]), its outputs ([field][lane]), the targets' months and values
/// ([target][metric][lane]), the year-by-year and cash samples' values ([year][revenue, cost][lane], [month −
/// 1][lane]); for business models (`vs_lanes_business`), the running- and unit-cost factors ([month][lane], nil
/// without drift or cost shocks), and every strategy's revenue lines: their kinds, parameters
/// ([line][parameter][lane]), monthly draws ([place][month][lane], `lineMonthSlot`) and one strategy's totals
/// ([1 + line][revenue, cost][lane]).
struct LaneScratch {
    var eventCost, shock, keep, fine, revenue: UnsafeMutablePointer<Double>
    var trialDraws, strategyDraws, results, targetValues, yearValues, cashValues: UnsafeMutablePointer<Double>
    var targetMonths: UnsafeMutablePointer<Int>
    var runFactor, unitFactor: UnsafeMutablePointer<Double>?
    var lineKind: UnsafeMutablePointer<Int32>
    /// Each line's place in `lineMonthly` (−1: its kind reads no monthly value), so only advertising and consulting
    /// lines take room there.
    var lineMonthSlot: UnsafeMutablePointer<Int>
    /// Per strategy: whether at most one of its lines draws every month (`TrialKernel.drawsMonthly`), so a trial's
    /// monthly draws can be made line by line in the stream's order (`TrialKernel.drawLaneLines`).
    var lineByLine: UnsafeMutablePointer<Bool>
    var lineParams, lineMonthly, lineTotals: UnsafeMutablePointer<Double>
    /// One strategy's business-model inputs, as the lane loop reads them (`TrialKernel.prepareBusiness`).
    var business: UnsafeMutablePointer<vs_lanes_business>
    /// The funding rounds (`vs_lanes_round`); this group's terms and one strategy's round states ([round][lane]); its
    /// funding outcomes ([VS_FUNDING_*][lane]).
    var rounds: UnsafeMutablePointer<vs_lanes_round>
    var roundU, roundAmount, roundState, funding: UnsafeMutablePointer<Double>

    init(plan: Plan, carving c: inout ScratchArena.Carver) {
        let L = TrialKernel.laneCount, months = plan.horizon + 2, m = L * months
        let (years, strategies, targets) = (plan.years, plan.strategies.count, plan.targets.count)
        (eventCost, shock, keep, fine, revenue) = (
            c.take(Double.self, m), c.take(Double.self, m), c.take(Double.self, m),
            c.take(Double.self, m), c.take(Double.self, m)
        )
        trialDraws = c.take(Double.self, L * Int(VS_TRIAL_FIELDS))
        strategyDraws = c.take(Double.self, L * Int(VS_STRATEGY_FIELDS) * strategies)
        results = c.take(Double.self, L * Int(VS_OUT_FIELDS))
        targetValues = c.take(Double.self, L * LaneContract.targetValues * targets)
        yearValues = c.take(Double.self, L * 2 * years)
        cashValues = c.take(Double.self, m)
        targetMonths = c.take(Int.self, targets)
        let factored = plan.costFactor != nil || plan.anyCostShock
        (runFactor, unitFactor) = factored ? (c.take(Double.self, m), c.take(Double.self, m)) : (nil, nil)
        let (lines, most) = (plan.lineCount, plan.mostLines)
        lineKind = c.take(Int32.self, lines)
        lineMonthSlot = c.take(Int.self, lines)
        lineByLine = c.take(Bool.self, plan.strategies.count)
        lineParams = c.take(Double.self, L * KernelScratch.lineParameters * lines)
        lineMonthly = c.take(Double.self, m * Self.monthlyLines(plan))
        lineTotals = c.take(Double.self, L * 2 * (most + 1))
        business = c.take(vs_lanes_business.self, 1)
        let K = plan.rounds.count
        rounds = c.take(vs_lanes_round.self, K)
        (roundU, roundAmount, roundState) = (
            c.take(Double.self, L * K), c.take(Double.self, L * K), c.take(Double.self, L * K)
        )
        funding = c.take(Double.self, L * Int(VS_FUNDING_FIELDS))
    }

    /// How many lines read a value drawn every month (advertising, even when fixed by a variable or the copula, and
    /// consulting).
    static func monthlyLines(_ plan: Plan) -> Int {
        plan.strategyLines.reduce(0) { n, lines in n + lines.count { TrialKernel.readsMonthly($0.kind) } }
    }

    /// Fills what starts from the plan: the revenue lines' kinds and monthly places; the cost factors of a plan with
    /// drift and no cost shocks (the same for every trial; with shocks each trial's are copied in as it is drawn).
    func fill(from plan: Plan, lines: LineScratch) {
        let L = TrialKernel.laneCount
        var slot = 0
        for k in 0..<plan.lineCount {
            lineKind[k] = LaneContract.lineKind(lines.kind[k])
            lineMonthSlot[k] = TrialKernel.readsMonthly(lines.kind[k]) ? slot : -1
            if lineMonthSlot[k] >= 0 { slot += 1 }
        }
        lineMonthly.initialize(repeating: 0, count: L * (plan.horizon + 2) * slot)
        for s in 0..<plan.strategies.count {
            let drawing = (0..<lines.count[s]).count {
                TrialKernel.drawsMonthly(lines.kind[lines.first[s] + $0], fixed: lines.fixed[lines.first[s] + $0])
            }
            lineByLine[s] = drawing <= 1
        }
        for (k, round) in plan.rounds.enumerated() {
            rounds[k] = vs_lanes_round(
                month: round.month, earliest: round.earliest, latest: round.latest,
                metric: LaneContract.metric(round.metric), at_least: round.atLeast ? 1 : 0, threshold: round.threshold,
                close_probability: round.closeProbability)
        }
        guard let drift = plan.costFactor, !plan.anyCostShock, let run = runFactor, let unit = unitFactor else {
            return
        }
        for t in drift.indices {
            for l in 0..<L { (run[L * t + l], unit[L * t + l]) = (drift[t], drift[t]) }
        }
    }
}
