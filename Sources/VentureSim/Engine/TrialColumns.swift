#if canImport(Glibc)
    import Glibc
#endif

/// Per-trial outcomes of a run, stored as contiguous columns indexed by
/// trial, so percentiles are exact and results can be split and merged.
///
/// Memory: 8 bytes × (6 × strategies + 1) + 2 bytes × (4 × strategies + risks) per trial
/// (5 and 3 per strategy without the funding need): profit and roi are computed from revenue and cost when read.
public final class TrialColumns: @unchecked Sendable {
    public let count: Int
    public let strategyCount: Int
    public let riskCount: Int
    /// [strategy][outcome (`storedOutcomes` order)][trial]
    let values: UnsafeMutablePointer<Double>
    /// The outcomes reported per strategy: `Outcome.perStrategy`, less the funding need when it is not computed.
    let outcomes: [Outcome]
    /// The outcomes kept per trial: `outcomes` less the derived ones.
    let storedOutcomes: [Outcome]
    /// Values per strategy and trial (`storedOutcomes.count`).
    let stride: Int
    /// Each outcome's place among the stored ones (by raw value; −1: derived or not stored).
    let slots: [Int]
    /// Whether the funding need and cash-out month are stored.
    let hasFundingNeed: Bool
    /// D of each trial.
    let demandShare: UnsafeMutablePointer<Double>
    /// [strategy][trial]: first month with cumulative profit ≥ 0; 0 when none.
    let breakeven: UnsafeMutablePointer<UInt16>
    /// [strategy][trial]: first month with cash < 0; 0 when none (allocated with the funding need).
    let cashOut: UnsafeMutablePointer<UInt16>
    /// [risk][trial]: how many times the risk fired.
    let firings: UnsafeMutablePointer<UInt16>
    /// [strategy][level][trial]: first month with A_t ≥ level · m_t, for the
    /// levels of `adoptionLevels`; 0 when not within the horizon.
    let reach: UnsafeMutablePointer<UInt16>

    /// The shares of the reachable market whose first month is recorded.
    public static let adoptionLevels = [0.5, 0.9]

    /// Set by the simulator when some trial may hold an infinite or NaN
    /// outcome, so the exact (serial) check runs only then.
    var mayHaveNonFinite = true
    /// The driver sample: trials 0 ..< `sampleCount`, [input (Plan.driverInputs order)][trial].
    public let sampleCount: Int
    let sampleInputs: UnsafeMutablePointer<Double>
    let sampleInputCount: Int
    /// The year-by-year sample: trials 0 ..< `yearSample`, [strategy][year][revenue, cost][trial].
    public let yearSample: Int
    public let years: Int
    let byYear: UnsafeMutablePointer<Double>
    /// The cash sample: trials 0 ..< `cashSample`, [strategy][month][trial]: the starting cash (month 0), then cash at
    /// the end of each month 1 … horizon.
    public let cashSample: Int
    let horizon: Int
    let monthlyCash: UnsafeMutablePointer<Double>
    /// [trial]: the month customers could first arrive (after delays), when some risk delays the launch.
    public let hasLaunch: Bool
    let launch: UnsafeMutablePointer<UInt16>
    /// [insured risk][gross, covered][trial]: each insured risk's cost before insurance and what insurance paid
    /// (`RiskPlan.costColumn`; an uninsured risk has none).
    public let insuredRisks: Int
    public var hasRiskCosts: Bool { insuredRisks > 0 }
    let riskCosts: UnsafeMutablePointer<Double>
    /// Funding rounds (when the scenario has them): [strategy][trial] death month (0: alive);
    /// [strategy][round][trial] closing month (0: not closed); [strategy][`ColumnLayout.Funding` field][trial];
    /// [`ColumnLayout.Funding` term][trial] the rounds' terms, common to the strategies.
    public let roundCount: Int
    let deathMonth: UnsafeMutablePointer<UInt16>
    let roundMonth: UnsafeMutablePointer<UInt16>
    /// [strategy][round][trial]: what became of the round (`ColumnLayout.RoundFate`).
    let roundFate: UnsafeMutablePointer<UInt8>
    let fundingValues: UnsafeMutablePointer<Double>
    /// [drawn term][trial]: the terms the scenario draws; a fixed term (an amount or pre-money given as a number) has
    /// no column. `termSlots[field]`: term `field`'s column among them, or −1 when it is fixed at `fixedTerms[field]`.
    let roundTerms: UnsafeMutablePointer<Double>
    let termSlots: UnsafeMutablePointer<Int>
    let fixedTerms: UnsafeMutablePointer<Double>
    /// Columns of drawn terms.
    let drawnTerms: Int
    /// [line column (Plan.lineOffsets)][revenue, cost][trial]: each revenue line's totals over the horizon.
    public let lineColumns: Int
    /// [kept line total][trial]: a total that is zero in every trial by its line's kind (`Plan.lineTotalKept`) has no
    /// column. `lineSlots[ColumnLayout.line(column, cost:)]`: its column among the kept ones, or −1.
    let lineTotals: UnsafeMutablePointer<Double>
    let lineSlots: UnsafeMutablePointer<Int>
    let keptLineTotals: Int
    /// [strategy][trial]: the share of the reachable market the strategy's price keeps, when the scenario has
    /// `market.willingness_to_pay` (docs/model.md#willingness-to-pay).
    public let hasPriceShare: Bool
    let priceShare: UnsafeMutablePointer<Double>
    /// Every array `init` allocated, freed together.
    private let allocations: [UnsafeMutableRawPointer]
    /// Every trial's drawn inputs, [input (Plan.driverInputs order)][row], kept only for a per-trial export.
    public let exportsInputs: Bool
    let exportInputs: UnsafeMutablePointer<Double>
    /// [strategy][target]: trials in which the target held.
    var targetCounts: [Int] = []
    /// How many draws were clamped to [0, 1]: P, D_customer, C, S, P_marketing, then each strategy's churn.
    var clampCounts: [Int] = []

    static let outcomesPerStrategy = Outcome.perStrategy.filter { !$0.isDerived }.count

    /// Bytes needed for `trials` trials (what `init` allocates).
    public static func bytes(trials: Int, strategies: Int, risks: Int) -> Double {
        Double(trials)
            * (8 * Double(outcomesPerStrategy * strategies + 1) + 2
                * Double((2 + adoptionLevels.count) * strategies + risks))
            + Double(min(trials, DriverAnalysis.sampleLimit)) * 8
            * Double(DriverAnalysis.maxInputs(strategies: strategies) + 3 * strategies)
            + 8 * Double(YearByYear.maxValues)
    }

    /// Allocates the columns; nil when the memory cannot be had (a clean
    /// error rather than a crash when a limit such as `ulimit -v` is lower than expected).
    public init?(
        count: Int, strategies: Int, risks: Int, sample: Int = 0, sampleInputs inputCount: Int = 0, yearSample: Int = 0,
        years: Int = 0,
        fundingNeed: Bool = true, cashSample: Int = 0, horizon: Int = 0, exportInputs exporting: Bool = false,
        launch hasLaunch: Bool = false, insuredRisks: Int = 0, lineColumns: Int = 0, rounds: Int = 0,
        fixedTerms fixed: [Double?] = [], lineKept: [Bool] = [], priceShare hasPriceShare: Bool = false
    ) {
        // The columns of an earlier run may still be being freed: never hold two runs' at once.
        ColumnRelease.waitForPending()
        (self.count, strategyCount, riskCount, self.horizon) = (count, strategies, risks, horizon)
        (sampleCount, sampleInputCount, self.yearSample, self.years, self.cashSample) = (
            sample, inputCount, yearSample, years, cashSample
        )
        (exportsInputs, self.hasLaunch, self.insuredRisks, self.lineColumns, roundCount, self.hasPriceShare) = (
            exporting, hasLaunch, insuredRisks, lineColumns, rounds, hasPriceShare
        )
        hasFundingNeed = fundingNeed
        outcomes = Outcome.stored(fundingNeed: fundingNeed)
        storedOutcomes = outcomes.filter { !$0.isDerived }
        stride = storedOutcomes.count
        slots = Outcome.allCases.map { [storedOutcomes] in storedOutcomes.firstIndex(of: $0) ?? -1 }
        var held: [UnsafeMutableRawPointer] = []
        func allocate<T>(_ n: Int, _: T.Type, zeroed: Bool = false) -> UnsafeMutablePointer<T>? {
            // Zeroed with calloc: a large block comes mapped from the kernel, already zero, its pages touched first
            // by the workers that fill them rather than cleared here on one thread.
            let size = MemoryLayout<T>.stride
            guard let raw = zeroed ? calloc(max(1, n), size) : malloc(max(1, n) * size) else { return nil }
            held.append(raw)
            return raw.bindMemory(to: T.self, capacity: max(1, n))
        }
        let (S, funded) = (strategies, rounds > 0)
        let terms = ColumnLayout.Funding.terms(rounds: rounds)
        let fixed = fixed.isEmpty ? [Double?](repeating: nil, count: terms) : fixed
        precondition(fixed.count == terms, "a fixed value or nil for every round term")
        drawnTerms = fixed.count { $0 == nil }
        let kept = lineKept.isEmpty ? [Bool](repeating: true, count: 2 * lineColumns) : lineKept
        precondition(kept.count == 2 * lineColumns, "whether each line total is kept")
        keptLineTotals = kept.count { $0 }
        guard let values = allocate(count * S * stride, Double.self), let demandShare = allocate(count, Double.self),
            let breakeven = allocate(count * S, UInt16.self), let firings = allocate(count * risks, UInt16.self),
            let reach = allocate(count * S * Self.adoptionLevels.count, UInt16.self),
            let cashOut = allocate(fundingNeed ? count * S : 0, UInt16.self),
            let sampleInputs = allocate(sample * inputCount, Double.self, zeroed: true),
            let byYear = allocate(yearSample * S * years * 2, Double.self, zeroed: true),
            let monthlyCash = allocate(cashSample * S * (horizon + 1), Double.self),
            let exportInputs = allocate(exporting ? count * inputCount : 0, Double.self),
            let launch = allocate(hasLaunch ? count : 0, UInt16.self),
            let riskCosts = allocate(2 * insuredRisks * count, Double.self),
            let lineTotals = allocate(keptLineTotals * count, Double.self),
            let lineSlots = allocate(2 * lineColumns, Int.self),
            let priceShare = allocate(hasPriceShare ? S * count : 0, Double.self),
            let deathMonth = allocate(funded ? S * count : 0, UInt16.self),
            let roundMonth = allocate(S * rounds * count, UInt16.self),
            let roundFate = allocate(S * rounds * count, UInt8.self),
            let fundingValues = allocate(funded ? S * ColumnLayout.Funding.perStrategy * count : 0, Double.self),
            let roundTerms = allocate(drawnTerms * count, Double.self),
            let termSlots = allocate(terms, Int.self), let fixedTerms = allocate(terms, Double.self)
        else {
            for p in held { free(p) }
            return nil
        }
        allocations = held
        (self.values, self.demandShare, self.breakeven, self.firings, self.reach, self.cashOut) = (
            values, demandShare, breakeven, firings, reach, cashOut
        )
        (self.sampleInputs, self.byYear, self.monthlyCash, self.exportInputs) = (
            sampleInputs, byYear, monthlyCash, exportInputs
        )
        (self.launch, self.riskCosts, self.lineTotals, self.priceShare) = (launch, riskCosts, lineTotals, priceShare)
        (self.deathMonth, self.roundMonth, self.roundFate, self.fundingValues, self.roundTerms) = (
            deathMonth, roundMonth, roundFate, fundingValues, roundTerms
        )
        Self.number(fixed.map { $0 == nil }, into: termSlots)
        for (field, value) in fixed.enumerated() { fixedTerms[field] = value ?? 0 }
        Self.number(kept, into: lineSlots)
        (self.termSlots, self.fixedTerms, self.lineSlots) = (termSlots, fixedTerms, lineSlots)
    }

    deinit {
        for p in allocations { free(p) }
    }

    /// Fills `slots` with each field's column among the kept ones, −1 for a field without one.
    private static func number(_ kept: [Bool], into slots: UnsafeMutablePointer<Int>) {
        var next = 0
        for (k, keep) in kept.enumerated() {
            slots[k] = keep ? next : -1
            next += keep ? 1 : 0
        }
    }

    func deathColumn(_ strategy: Int) -> UnsafeMutableBufferPointer<UInt16> {
        UnsafeMutableBufferPointer(start: deathMonth + strategy * count, count: roundCount > 0 ? count : 0)
    }

    func roundMonthColumn(_ strategy: Int, round: Int) -> UnsafeMutableBufferPointer<UInt16> {
        UnsafeMutableBufferPointer(
            start: roundMonth + ColumnLayout.roundMonth(strategy: strategy, round: round, rounds: roundCount) * count,
            count: count)
    }

    func roundFateColumn(_ strategy: Int, round: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(
            start: roundFate + ColumnLayout.roundMonth(strategy: strategy, round: round, rounds: roundCount) * count,
            count: count)
    }

    /// Field `field` (`ColumnLayout.Funding.gap`, `.exit`) of strategy `strategy`'s funding values.
    func fundingColumn(_ strategy: Int, field: Int) -> UnsafeMutableBufferPointer<Double> {
        precondition(roundCount > 0 && field < ColumnLayout.Funding.perStrategy, "no such funding column")
        return UnsafeMutableBufferPointer(
            start: fundingValues + (strategy * ColumnLayout.Funding.perStrategy + field) * count, count: count)
    }

    /// Drawn term `field` (`ColumnLayout.Funding.amount(k)`, `.preMoney(k)`) of the rounds, per trial.
    func roundTermColumn(_ field: Int) -> UnsafeMutableBufferPointer<Double> {
        precondition(field < ColumnLayout.Funding.terms(rounds: roundCount) && termSlots[field] >= 0, "no such column")
        return UnsafeMutableBufferPointer(start: roundTerms + termSlots[field] * count, count: count)
    }

    /// Term `field` of the rounds in trial `i`: as drawn, or the scenario's number when the term is fixed.
    @inline(__always)
    func roundTerm(_ field: Int, trial i: Int) -> Double {
        let slot = termSlots[field]
        return slot >= 0 ? roundTerms[slot * count + i] : fixedTerms[field]
    }

    /// Line column `column`'s revenue (`cost` false) or cost (true) per trial; nil when it is zero in every trial
    /// (`Plan.lineTotalKept`).
    func lineColumn(_ column: Int, cost: Bool) -> UnsafeMutableBufferPointer<Double>? {
        precondition(column < lineColumns, "no such revenue line")
        let slot = lineSlots[ColumnLayout.line(column, cost: cost)]
        return slot < 0 ? nil : UnsafeMutableBufferPointer(start: lineTotals + slot * count, count: count)
    }

    /// Strategy `strategy`'s share of the market kept by its price, per trial (only with `hasPriceShare`).
    func priceShareColumn(_ strategy: Int) -> UnsafeMutableBufferPointer<Double> {
        precondition(hasPriceShare, "the scenario has no willingness to pay")
        return UnsafeMutableBufferPointer(start: priceShare + strategy * count, count: count)
    }

    /// Insured risk `insured`'s (`RiskPlan.costColumn`) cost before insurance (`covered` false) or what insurance
    /// paid (true), per trial.
    func riskCostColumn(_ insured: Int, covered: Bool) -> UnsafeMutableBufferPointer<Double> {
        precondition(insured >= 0 && insured < insuredRisks, "no such insured risk")
        return UnsafeMutableBufferPointer(
            start: riskCosts + ColumnLayout.riskCost(insured, covered: covered) * count, count: count)
    }

    func launchColumn() -> UnsafeMutableBufferPointer<UInt16> {
        precondition(hasLaunch, "no risk delays the launch")
        return UnsafeMutableBufferPointer(start: launch, count: count)
    }

    /// Every trial's value of drawn input `k` (only when `exportsInputs`).
    func exportColumn(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
        precondition(exportsInputs, "the inputs are not kept")
        return UnsafeMutableBufferPointer(start: exportInputs + k * count, count: count)
    }

    /// Cash at the end of `month` (0: the starting cash) of strategy `strategy`, trials 0 ..< cashSample.
    func cashColumn(_ strategy: Int, month: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(
            start: monthlyCash + ColumnLayout.cash(strategy: strategy, month: month, horizon: horizon) * cashSample,
            count: cashSample)
    }

    /// The columns a plan's run of `count` trials fills; a run error when the memory cannot be had.
    static func make(for plan: Plan, count: Int, exportInputs: Bool = false) throws(RunError) -> TrialColumns {
        guard
            let columns = TrialColumns(
                count: count, strategies: plan.strategyCount, risks: plan.riskCount,
                sample: plan.driverSample, sampleInputs: plan.driverInputs.count,
                yearSample: plan.yearSample, years: plan.years, fundingNeed: plan.analyses.fundingNeed,
                cashSample: plan.cashSample, horizon: plan.horizon, exportInputs: exportInputs,
                launch: plan.anyDelay, insuredRisks: plan.insuredRisks, lineColumns: plan.lineColumns,
                rounds: plan.rounds.count, fixedTerms: plan.fixedTerms, lineKept: plan.lineTotalKept,
                priceShare: plan.priceShare != nil)
        else {
            throw .outOfMemory(
                bytes: TrialColumns.bytes(trials: count, strategies: plan.strategyCount, risks: plan.riskCount))
        }
        return columns
    }

    /// Year `year`'s revenue (`metric` 0) or cost (1) of strategy `strategy`, trials 0 ..< yearSample.
    func yearColumn(_ strategy: Int, year: Int, metric: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(
            start: byYear + ColumnLayout.year(strategy: strategy, year: year, metric: metric, years: years)
                * yearSample, count: yearSample)
    }

    /// The driver sample's values of input `k`, trials 0 ..< sampleCount.
    func sampleColumn(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: sampleInputs + k * sampleCount, count: sampleCount)
    }

    /// The column of one strategy's stored outcome (`.demandShare`: the trials' D); see `withColumn` for any outcome.
    func column(_ strategy: Int, _ outcome: Outcome) -> UnsafeMutableBufferPointer<Double> {
        if outcome == .demandShare { return UnsafeMutableBufferPointer(start: demandShare, count: count) }
        precondition(hasFundingNeed || outcome != .fundingNeed, "the funding need is not computed")
        precondition(!outcome.isDerived, "\(outcome.key) is computed from revenue and cost, not stored")
        let index = strategy * stride + slots[outcome.rawValue]
        return UnsafeMutableBufferPointer(start: values + index * count, count: count)
    }

    /// Calls `body` with rows `rows` of one strategy's outcome: the stored column in place (what `body` does to it
    /// stays), or a derived outcome computed into scratch memory that lives for the call. Read a derived outcome
    /// before anything reorders the revenue and cost columns.
    func withColumn<R>(
        _ strategy: Int, _ outcome: Outcome, rows: Range<Int>? = nil,
        _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        let rows = rows ?? 0..<count
        guard outcome.isDerived else {
            return try body(UnsafeMutableBufferPointer(rebasing: column(strategy, outcome)[rows]))
        }
        let revenue = column(strategy, .revenue), cost = column(strategy, .cost)
        return try ScratchColumn.with(count: rows.count) { x in
            for (k, i) in rows.enumerated() { x[k] = outcome.derived(revenue: revenue[i], cost: cost[i]) }
            return try body(x)
        }
    }

    func breakevenColumn(_ strategy: Int) -> UnsafeMutableBufferPointer<UInt16> {
        UnsafeMutableBufferPointer(start: breakeven + strategy * count, count: count)
    }

    /// First months at which strategy `strategy` reached `adoptionLevels[level]` of the market.
    func reachColumn(_ strategy: Int, level: Int) -> UnsafeMutableBufferPointer<UInt16> {
        UnsafeMutableBufferPointer(
            start: reach + ColumnLayout.reach(strategy: strategy, level: level) * count, count: count)
    }

    func cashOutColumn(_ strategy: Int) -> UnsafeMutableBufferPointer<UInt16> {
        UnsafeMutableBufferPointer(start: cashOut + strategy * count, count: count)
    }

    func firingsColumn(_ risk: Int) -> UnsafeMutableBufferPointer<UInt16> {
        UnsafeMutableBufferPointer(start: firings + risk * count, count: count)
    }
}
