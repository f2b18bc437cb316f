/// A scenario compiled for sampling: samplers resolved, strategies and risks
/// as flat arrays indexed by position, nothing left to look up by name.
public struct Plan: @unchecked Sendable {
    struct StrategyPlan {
        var pricePerMonth: Sampler
        var pricePerUnit: Sampler
        var units: Sampler
        var unitCost: Sampler
        var churn: Sampler
        /// Units a customer's monthly price includes (a hybrid's `included_units`; 0: none).
        var included: Double
        /// Its streams' key (`RandomStream.nameKey` of its name).
        var streamKey: UInt64
    }

    /// One revenue line: its kind and a sampler per parameter (`RevenueLine.Kind.parameters` order).
    struct LinePlan {
        var kind: RevenueLine.Kind
        var values: [Sampler]
        var shares: [Bool]
    }

    struct RiskPlan {
        var monthlyProbability: Double
        /// ln(1 − p_m), for geometric gaps between firings.
        var logStay: Double
        var hasCost: Bool
        var cost: Sampler
        var fine: Double
        var revenueKeep: Double
        var duration: Int
        var shock: Double
        var hasShock: Bool
        /// Factors on the unit costs and on the running costs from the firing month on (1: none;
        /// docs/model.md#cost-shocks).
        var unitShock: Double
        var runningShock: Double
        /// Months a firing before launch pushes the launch back.
        var delay: Int
        var insurance: Risk.Insurance?
        /// Its pair of risk-cost columns (`ColumnLayout.riskCost`) when it is insured; −1 when it is not (an uninsured
        /// risk's cost needs no column: the summary reads the columns only for what insurance changed).
        var costColumn: Int
        /// Its stream's key (`RandomStream.nameKey` of its name).
        var streamKey: UInt64
    }

    public let scenario: Scenario
    public var trials: Int { scenario.simulation.trials }
    public var seed: UInt64 { scenario.simulation.seed }
    public var horizon: Int { scenario.simulation.horizonMonths }
    public var strategyCount: Int { strategies.count }
    public var riskCount: Int { risks.count }

    let size: Sampler
    /// P, D_customer, C, S, P_marketing, in that order.
    let factors: [Sampler]
    let bass: Bool
    /// p and q are annual: the loop uses p/12 and q/12 (docs/model.md#adoption-the-unit-of-p-and-q).
    let annualAdoption: Bool
    let innovation: Sampler
    let imitation: Sampler
    let dataAcquisition: Sampler
    let training: Sampler
    let operations: Sampler
    let costPerCustomer: Sampler
    let acquisitionCost: Sampler
    let startingCash: Sampler
    let discountRate: Sampler
    let strategies: [StrategyPlan]
    let risks: [RiskPlan]
    /// The drawn inputs the driver analysis ranks: name and slot in a trial's record of values.
    public let driverInputs: [(name: String, slot: Int)]
    /// The investor analyses the run computes.
    public var analyses: Analyses { scenario.simulation.analyses }
    /// Trials 0 ..< this are kept for the driver analysis (all of them up to `DriverAnalysis.sampleLimit`),
    /// when the drivers, what has to be true or the achieved correlations need them.
    public var driverSample: Int {
        analyses.drivers || analyses.whatHasToBeTrue || !scenario.correlations.isEmpty
            ? min(trials, DriverAnalysis.sampleLimit) : 0
    }
    /// Years of the horizon, the last possibly partial.
    public var years: Int { (horizon + 11) / 12 }
    /// Trials 0 ..< this are kept year by year (bounded: `YearByYear.maxValues` values in all).
    public var yearSample: Int {
        analyses.byYear
            ? min(trials, DriverAnalysis.sampleLimit, YearByYear.maxValues / max(1, strategies.count * years * 2)) : 0
    }
    /// Trials 0 ..< this keep their cash month by month, for the cash fan chart
    /// (bounded: `YearByYear.maxValues` values in all).
    public var cashSample: Int {
        analyses.charts
            ? min(trials, ChartData.cashSampleLimit, YearByYear.maxValues / max(1, strategies.count * (horizon + 1)))
            : 0
    }
    /// Values per trial record (`Scenario.drawnInputs`): the shared inputs, then `perStrategySlots` per strategy, then
    /// the variables, then the revenue lines' parameters.
    static let sharedSlots = 15
    static let perStrategySlots = 5
    let recordSize: Int
    /// The first variable's slot; variable v is at `variableSlot + v` (docs/model.md#shared-variables).
    var variableSlot: Int { Self.sharedSlots + Self.perStrategySlots * strategies.count }
    /// The variables' samplers and stream keys (`RandomStream.nameKey` of `variables.NAME`).
    let variables: [Sampler]
    let variableKeys: [UInt64]
    /// Inputs that read a variable: their slot, the variable's index and the factor on its value (a what-if's
    /// `PATH*=F` at the input).
    let variableReaders: [(slot: Int, variable: Int, factor: Double)]
    /// Each revenue line's first parameter slot, in `strategyLines` order flattened.
    let lineSlots: [Int]
    /// Correlated inputs: their record slots, distributions, and the lower Cholesky
    /// factor (k × k, row-major) of their normal copula's matrix; an audit's pinned input changes them (`Plan+Pin`).
    var correlatedSlots: [Int]
    var correlatedLaws: [Distribution]
    var cholesky: [Double]
    /// Added to each correlated normal before its uniform (empty: none): the conditional mean of an audit's
    /// pinned input's partners (`Plan+Pin`).
    var copulaShift: [Double] = []
    /// Each strategy's revenue lines, in the scenario's order (kept apart from `StrategyPlan`, which the kernel copies
    /// every trial).
    let strategyLines: [[LinePlan]]
    /// Revenue lines in all (`lineSlots` has one slot each), and the most any one strategy has.
    var lineCount: Int { lineSlots.count }
    var mostLines: Int { strategyLines.map(\.count).max() ?? 0 }
    /// Columns of line totals: for strategy s, `lineOffsets[s]` is its first; each strategy with lines
    /// has 1 + its lines' count (the kind's own prices first); `lineColumns` in all.
    let lineOffsets: [Int]
    let lineColumns: Int
    /// Whether each line total (`ColumnLayout.line`) can be other than zero, and so keeps a column: the kind's own
    /// prices always; a line's revenue unless it is freemium (which only costs), its cost only for the kinds whose
    /// month has one (`TrialKernel.lineMonth`: consulting's delivery, freemium's serving). A zero total is +0 in every
    /// trial (a zero month, times factors that are positive), so the summary reads it as a column of zeros.
    var lineTotalKept: [Bool] {
        scenario.strategies.flatMap { st -> [Bool] in
            st.revenueLines.isEmpty ? [] : [true, true] + st.revenueLines.flatMap { [$0.kind.earns, $0.kind.costs] }
        }
    }
    /// Financing rounds compiled: fixed month (0 for a triggered round), trigger, earliest and latest month (the
    /// horizon without a deadline), close probability, samplers.
    struct RoundPlan {
        var month: Int
        var metric: Target.Metric
        var atLeast: Bool
        var threshold: Double
        var earliest: Int
        var latest: Int
        var closeProbability: Double
        var amount: Sampler
        var preMoney: Sampler
    }
    let rounds: [RoundPlan]
    /// Each round's amount and pre-money (`ColumnLayout.Funding` terms) when the scenario gives it as a number: what
    /// the kernel's draw of it always is (an amount no less than 0), so it takes no column; nil when it is drawn.
    var fixedTerms: [Double?] {
        scenario.funding.flatMap { r in [r.amount.constantValue.map { max(0, $0) }, r.preMoney.constantValue] }
    }
    /// The exit multiple of the annual run rate (nil: no exit), and whether preferences apply.
    let exitMultiple: Sampler?
    let liquidationPreference: Bool
    /// The first month with customers, before any delay.
    let launchMonth: Int
    /// Whether some risk delays the launch or is insured.
    let anyDelay: Bool
    let anyInsurance: Bool
    /// Insured risks: each has a pair of risk-cost columns (`RiskPlan.costColumn`).
    let insuredRisks: Int
    /// Whether some risk has a cost shock (the month loop then reads per-trial cost factors).
    let anyCostShock: Bool
    /// `market.willingness_to_pay` compiled (nil: price does not touch demand; docs/model.md#willingness-to-pay).
    let priceShare: PriceShare?
    /// Whether the plan uses any of the opt-in business-model features (the kernel's extended pass).
    var usesBusinessModels: Bool { !features.isEmpty }
    /// The premiums of every insured risk, paid every month.
    let premiums: Double
    /// Month t's factor on prices and on running costs (index 0 unused); nil when there is no drift.
    let priceFactor: [Double]?
    let costFactor: [Double]?
    /// Targets in month order, each with its index in the scenario's list: the monthly ones first
    /// (`monthTargetCount` of them, checked in the month loop), then those of the whole horizon (checked on the
    /// totals).
    let targets: [(index: Int, target: Target)]
    let monthTargetCount: Int
    private let tables: SamplerTables

    /// Compiles a validated scenario.
    public init(_ scenario: Scenario) {
        GSLSetup.configured
        let tables = SamplerTables()
        func s(_ d: Distribution) -> Sampler { Sampler(d, tables: tables) }
        self.scenario = scenario
        self.tables = tables
        let m = scenario.market
        size = s(m.size)
        factors = [m.performance, m.demand, m.competition, m.service, m.marketing].map(s)
        bass = scenario.adoption.model == .bass
        annualAdoption = scenario.adoption.isAnnual
        innovation = s(scenario.adoption.innovation)
        imitation = s(scenario.adoption.imitation)
        let c = scenario.costs
        dataAcquisition = s(c.dataAcquisition)
        training = s(c.training)
        operations = s(c.operationsMonthly)
        costPerCustomer = s(c.costPerCustomerMonthly)
        acquisitionCost = s(c.acquisitionCost)
        startingCash = s(scenario.finance.startingCash)
        discountRate = s(scenario.finance.discountRateAnnual)
        strategies = Self.strategyPlans(scenario, s)
        strategyLines = Self.linePlans(scenario, s)
        // Record slots are the order of `drawnInputs`: the shared inputs, then per strategy churn, price per month,
        // price per unit, units, unit cost (the order the kernel draws), then the variables and the lines'
        // parameters. Only drawn inputs take part; an input reading a variable is the variable's column.
        let all = scenario.drawnInputs
        recordSize = all.count
        let inputs = all.enumerated().filter {
            $0.element.distribution.constantValue == nil && $0.element.distribution.variable == nil
        }.map { ($0.element.path, $0.offset) }
        driverInputs = inputs
        variables = scenario.variables.map { s($0.distribution) }
        variableKeys = scenario.variables.map { RandomStream.nameKey($0.path) }
        variableReaders = Self.variableReaders(scenario)
        lineSlots = Self.lineSlots(scenario)
        let (involved, matrix) = Correlation.matrix(scenario.correlations)
        correlatedSlots = involved.map { name in all.firstIndex { $0.path == name }! }
        correlatedLaws = correlatedSlots.map { all[$0].distribution }
        // Validation has checked the matrix is positive definite.
        cholesky = Cholesky.factor(matrix, k: involved.count) ?? []
        targets = Self.orderedTargets(scenario)
        monthTargetCount = scenario.targets.count { !$0.metric.isHorizon }
        risks = Self.riskPlans(scenario, s)
        let (offsets, columns) = Self.lineOffsets(scenario)
        lineOffsets = offsets
        lineColumns = columns
        rounds = Self.roundPlans(scenario, s)
        exitMultiple = scenario.exit.map { s($0.multipleOfRunRate) }
        liquidationPreference = scenario.exit?.liquidationPreference ?? false
        launchMonth = scenario.market.launchMonth
        anyDelay = scenario.risks.contains { $0.delayMonths > 0 }
        anyInsurance = scenario.risks.contains { $0.insurance != nil }
        insuredRisks = scenario.risks.count { $0.insurance != nil }
        anyCostShock = scenario.risks.contains { $0.hasCostShock }
        priceShare = m.willingnessToPay.map(PriceShare.init)
        premiums = scenario.risks.reduce(0) { $0 + ($1.insurance?.premiumMonthly ?? 0) }
        let T = scenario.simulation.horizonMonths
        priceFactor = Self.drift(scenario.finance.priceGrowthAnnual, months: T)
        costFactor = Self.drift(scenario.costs.costTrendAnnual, months: T)
    }

    // MARK: Compile steps

    /// Each strategy's samplers, in the scenario's order.
    private static func strategyPlans(_ scenario: Scenario, _ s: (Distribution) -> Sampler) -> [StrategyPlan] {
        scenario.strategies.map {
            StrategyPlan(
                pricePerMonth: s($0.pricePerMonth), pricePerUnit: s($0.pricePerUnit),
                units: s($0.unitsPerCustomerMonth), unitCost: s($0.unitCost), churn: s($0.churnMonthly),
                included: $0.includedUnits, streamKey: RandomStream.nameKey($0.name))
        }
    }

    /// Each strategy's revenue lines, compiled.
    private static func linePlans(_ scenario: Scenario, _ s: (Distribution) -> Sampler) -> [[LinePlan]] {
        scenario.strategies.map {
            $0.revenueLines.map {
                LinePlan(kind: $0.kind, values: $0.values.map(s), shares: $0.kind.parameters.map(\.share))
            }
        }
    }

    /// The record slots that read a variable: the slot, the variable's index and the factor on the variable's
    /// value (the input's scale over the variable's own).
    private static func variableReaders(_ scenario: Scenario) -> [(slot: Int, variable: Int, factor: Double)] {
        scenario.drawnInputs.enumerated().compactMap { slot, input in
            guard let name = input.distribution.variable,
                let v = scenario.variables.firstIndex(where: { $0.name == name })
            else { return nil }
            let own = scenario.variables[v].distribution.scale
            return (slot, v, own != 0 ? input.distribution.scale / own : 1)
        }
    }

    /// Each revenue line's first record slot: after the shared, per-strategy and variable slots, in line order.
    private static func lineSlots(_ scenario: Scenario) -> [Int] {
        let firstVariable = Self.sharedSlots + Self.perStrategySlots * scenario.strategies.count
        var next = firstVariable + scenario.variables.count
        return scenario.strategies.flatMap(\.revenueLines).map { line in
            defer { next += line.kind.parameters.count }
            return next
        }
    }

    /// The targets in month order with their index in the scenario's list: the monthly ones first, then those of
    /// the whole horizon.
    private static func orderedTargets(_ scenario: Scenario) -> [(index: Int, target: Target)] {
        scenario.targets.enumerated().map { ($0.offset, $0.element) }.sorted {
            ($0.1.metric.isHorizon ? 1 : 0, $0.1.month, $0.0) < ($1.1.metric.isHorizon ? 1 : 0, $1.1.month, $1.0)
        }
    }

    /// Each risk, compiled.
    private static func riskPlans(_ scenario: Scenario, _ s: (Distribution) -> Sampler) -> [RiskPlan] {
        var insured = 0
        return scenario.risks.map {
            let column = $0.insurance == nil ? -1 : insured
            if $0.insurance != nil { insured += 1 }
            return RiskPlan(
                monthlyProbability: $0.monthlyProbability, logStay: log1p(-$0.monthlyProbability),
                hasCost: $0.cost != nil, cost: s($0.cost ?? .constant(0)),
                fine: $0.fineOfAnnualRevenue, revenueKeep: 1 - $0.revenueLoss, duration: $0.durationMonths,
                shock: $0.demandShock ?? 1, hasShock: $0.demandShock != nil,
                unitShock: $0.unitCostShock ?? 1, runningShock: $0.runningCostShock ?? 1, delay: $0.delayMonths,
                insurance: $0.insurance, costColumn: column,
                streamKey: RandomStream.nameKey($0.name))
        }
    }

    /// Each strategy's first line column (a strategy with lines takes one column for its total and one per line),
    /// and the number of line columns in all.
    private static func lineOffsets(_ scenario: Scenario) -> (offsets: [Int], columns: Int) {
        var offset = 0
        let offsets = scenario.strategies.map { st in
            defer { offset += st.revenueLines.isEmpty ? 0 : 1 + st.revenueLines.count }
            return offset
        }
        return (offsets, offset)
    }

    /// Each funding round, compiled.
    private static func roundPlans(_ scenario: Scenario, _ s: (Distribution) -> Sampler) -> [RoundPlan] {
        scenario.funding.map { r in
            RoundPlan(
                month: r.month ?? 0, metric: r.trigger?.metric ?? .cash, atLeast: r.trigger?.atLeast ?? true,
                threshold: r.trigger?.threshold ?? 0, earliest: r.month ?? r.earliestMonth,
                latest: r.month ?? r.latestMonth ?? scenario.simulation.horizonMonths,
                closeProbability: r.closeProbability,
                amount: s(r.amount), preMoney: s(r.preMoney))
        }
    }

    /// Month t's factor for an annual drift `rate` (index 0 unused), or nil when there is no drift.
    private static func drift(_ rate: Double, months T: Int) -> [Double]? {
        rate == 0 ? nil : [1] + (1...T).map { pow(1 + rate, Double($0 - 1) / 12) }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
