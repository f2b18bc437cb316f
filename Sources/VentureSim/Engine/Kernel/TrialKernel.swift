/// One worker's simulator: the trials of docs/model.md#the-model-month-by-month, one at a time or eight in lanes, with
/// its scratch (`KernelScratch`) carved once from one arena, so a trial allocates nothing.
///
/// The stages, each in a file of its own: the per-trial draws (`TrialKernel+Draws`: inputs, copula, risks, launch,
/// funding terms, each strategy's inputs), the month loop (`TrialKernel+MonthLoop`), the outcome writes
/// (`TrialKernel+Outcomes`), and the lanes' dispatch to `CLanes` (`TrialKernel+Lanes`).
final class TrialKernel {
    let plan: Plan
    let stream: RandomStream
    /// The copula's stream of normals (its own, so the independent draws keep their places).
    let corrStream: RandomStream
    let horizon: Int
    let strategyCount: Int
    let riskCount: Int
    /// The targets checked month by month (`Plan.monthTargetCount`); all of them, the stride of `targetHits`.
    let targetCount: Int
    let claimCount: Int
    let driverCount: Int
    let corrCount: Int
    /// The variables, and whether some input's draw is replaced (correlated, or read from a variable).
    let variableCount: Int
    let overrides: Bool
    let years: Int
    let roundCount: Int
    /// The first month any funding round can come due (its fixed month, or its trigger's earliest).
    let firstRoundMonth: Int
    /// Whether any risk has a revenue-based fine (skips the trailing-revenue bookkeeping otherwise).
    let anyFine: Bool
    /// `plan.usesBusinessModels`, read once.
    let extended: Bool
    /// Whether any investor analysis needs the month loop's bookkeeping (a run with `analyses: none` and no targets
    /// does not).
    let investor: Bool
    /// Whether trials run in lanes: the lanes are enabled (the scalar path alone is kept for checking) and implement
    /// every feature the plan uses (`LaneContract.features`); and the lane loop's build.
    let lanesFit: Bool
    let laneBuild: LaneBuild
    /// Every piece of memory the kernel works in, and the one allocation it lives in (freed with the kernel).
    let scratch: KernelScratch
    private let arena: ScratchArena

    init(plan: Plan, path: Path = .best) {
        self.plan = plan
        let lanesEnabled: Bool
        switch path {
        case .scalar: (lanesEnabled, laneBuild) = (false, .base)
        case .lanes(let build): (lanesEnabled, laneBuild) = (true, build)
        }
        lanesFit = lanesEnabled && plan.features.isSubset(of: LaneContract.features)
        stream = RandomStream(seed: plan.seed)
        corrStream = RandomStream(seed: plan.seed)
        horizon = plan.horizon
        strategyCount = plan.strategies.count
        riskCount = plan.risks.count
        targetCount = plan.monthTargetCount
        claimCount = plan.targets.count
        driverCount = plan.driverInputs.count
        corrCount = plan.correlatedSlots.count
        variableCount = plan.variables.count
        overrides = corrCount > 0 || !plan.variableReaders.isEmpty
        years = plan.years
        roundCount = plan.rounds.count
        anyFine = plan.risks.contains { $0.fine > 0 }
        extended = plan.usesBusinessModels
        investor = plan.analyses.fundingNeed || !plan.targets.isEmpty || plan.yearSample > 0 || plan.cashSample > 0
        firstRoundMonth = plan.rounds.map(\.earliest).min() ?? 0
        (arena, scratch) = ScratchArena.make { KernelScratch(plan: plan, carving: &$0) }
        scratch.fill(from: plan, in: arena)
    }

    /// [strategy][target index]: trials so far in which the target held.
    var targetHits: UnsafeMutableBufferPointer<Int> { scratch.targetHits }
    /// Draws clamped to [0, 1] so far: the five factors, then each strategy's churn.
    var clampCounts: UnsafeMutableBufferPointer<Int> { scratch.clampCounts }
    var bass: Bool { plan.bass }

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
        extended
            ? run(ExtendedFeatures.self, trial: trial, into: out, row: row)
            : investor
                ? run(InvestorFeatures.self, trial: trial, into: out, row: row)
                : run(LeanFeatures.self, trial: trial, into: out, row: row)
    }
}

extension TrialKernel {
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
}
