/// A scenario compiled for sampling: samplers resolved, strategies and risks
/// as flat arrays indexed by position, nothing left to look up by name.
public struct Plan: @unchecked Sendable {
    struct StrategyPlan {
        var pricePerMonth: Sampler
        var pricePerUnit: Sampler
        var units: Sampler
        var unitCost: Sampler
        var churn: Sampler
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
        /// Months a firing before launch pushes the launch back.
        var delay: Int
        var insurance: Risk.Insurance?
        /// Its place among the insured risks (their cost columns, `ColumnLayout.riskCost`); −1 when it is not insured.
        var insuredSlot: Int
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
    /// p and q are annual: the loop uses p/12 and q/12 (MODEL.md §2).
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
    /// How many risks are insured (each keeps its cost before insurance and what insurance paid, per trial).
    var insuredRiskCount: Int { risks.reduce(0) { $0 + ($1.insuredSlot >= 0 ? 1 : 0) } }
    /// The drawn inputs the driver analysis ranks: name and slot in a trial's record of values.
    public let driverInputs: [(name: String, slot: Int)]
    /// The investor analyses the run computes.
    public var analyses: Analyses { scenario.simulation.analyses }
    /// Trials 0 ..< this are kept for the driver analysis (all of them up to `DriverAnalysis.sampleLimit`),
    /// when the drivers, what has to be true or the achieved correlations need them.
    public var driverSample: Int {
        analyses.drivers || analyses.whatHasToBeTrue || !scenario.correlations.isEmpty ? min(trials, DriverAnalysis.sampleLimit) : 0
    }
    /// Years of the horizon, the last possibly partial.
    public var years: Int { (horizon + 11) / 12 }
    /// Trials 0 ..< this are kept year by year (bounded: `YearByYear.maxValues` values in all).
    public var yearSample: Int {
        analyses.byYear ? min(trials, DriverAnalysis.sampleLimit, YearByYear.maxValues / max(1, strategies.count * years * 2)) : 0
    }
    /// Trials 0 ..< this keep their cash month by month, for the cash fan chart
    /// (bounded: `YearByYear.maxValues` values in all).
    public var cashSample: Int {
        analyses.charts ? min(trials, ChartData.cashSampleLimit, YearByYear.maxValues / max(1, strategies.count * horizon)) : 0
    }
    /// Values per trial record: the shared inputs, then `perStrategySlots` per strategy.
    static let sharedSlots = 15
    static let perStrategySlots = 5
    var recordSize: Int { Self.sharedSlots + Self.perStrategySlots * strategies.count }
    /// Correlated inputs: their record slots, distributions, and the lower Cholesky
    /// factor (k × k, row-major) of their normal copula's matrix.
    let correlatedSlots: [Int]
    let correlatedLaws: [Distribution]
    let cholesky: [Double]
    /// Each strategy's revenue lines, in the scenario's order (kept apart from `StrategyPlan`, which the kernel copies every trial).
    let strategyLines: [[LinePlan]]
    /// Columns of line totals: for strategy s, `lineOffsets[s]` is its first; each strategy with lines
    /// has 1 + its lines' count (the kind's own prices first); `lineColumns` in all.
    let lineOffsets: [Int]
    let lineColumns: Int
    /// Financing rounds compiled: fixed month (0 for a triggered round), trigger, earliest month, close probability, samplers.
    struct RoundPlan {
        var month: Int
        var metric: Target.Metric
        var atLeast: Bool
        var threshold: Double
        var earliest: Int
        var closeProbability: Double
        var amount: Sampler
        var preMoney: Sampler
    }
    let rounds: [RoundPlan]
    /// The exit multiple of the annual run rate (nil: no exit), and whether preferences apply.
    let exitMultiple: Sampler?
    let liquidationPreference: Bool
    /// The first month with customers, before any delay.
    let launchMonth: Int
    /// Whether some risk delays the launch or is insured.
    let anyDelay: Bool
    let anyInsurance: Bool
    /// Whether the plan uses any of the opt-in business-model features (the kernel's extended pass).
    var usesBusinessModels: Bool { !features.isEmpty }
    /// The premiums of every insured risk, paid every month.
    let premiums: Double
    /// Month t's factor on prices and on running costs (index 0 unused); nil when there is no drift.
    let priceFactor: [Double]?
    let costFactor: [Double]?
    /// Targets in month order, each with its index in the scenario's list.
    let targets: [(index: Int, target: Target)]
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
        strategies = scenario.strategies.map {
            StrategyPlan(pricePerMonth: s($0.pricePerMonth), pricePerUnit: s($0.pricePerUnit),
                         units: s($0.unitsPerCustomerMonth), unitCost: s($0.unitCost), churn: s($0.churnMonthly))
        }
        strategyLines = scenario.strategies.map {
            $0.revenueLines.map { LinePlan(kind: $0.kind, values: $0.values.map(s), shares: $0.kind.parameters.map(\.share)) }
        }
        // Record slots are the order of `inputDistributions`, which is the order the kernel draws: the shared
        // inputs, then per strategy churn, price per month, price per unit, units, unit cost. Only drawn inputs take part.
        let all = scenario.inputDistributions
        let inputs = all.enumerated().filter { $0.element.distribution.constantValue == nil }.map { ($0.element.path, $0.offset) }
        driverInputs = inputs
        let (involved, matrix) = Correlation.matrix(scenario.correlations)
        correlatedSlots = involved.map { name in all.firstIndex { $0.path == name }! }
        correlatedLaws = correlatedSlots.map { all[$0].distribution }
        // Validation has checked the matrix is positive definite.
        cholesky = Cholesky.factor(matrix, k: involved.count) ?? []
        targets = scenario.targets.enumerated().map { ($0.offset, $0.element) }.sorted { ($0.1.month, $0.0) < ($1.1.month, $1.0) }
        var insured = 0
        risks = scenario.risks.map { r in
            defer { if r.insurance != nil { insured += 1 } }
            return RiskPlan(monthlyProbability: r.monthlyProbability, logStay: log1p(-r.monthlyProbability), hasCost: r.cost != nil,
                            cost: s(r.cost ?? .constant(0)), fine: r.fineOfAnnualRevenue, revenueKeep: 1 - r.revenueLoss, duration: r.durationMonths,
                            shock: r.demandShock ?? 1, hasShock: r.demandShock != nil, delay: r.delayMonths, insurance: r.insurance,
                            insuredSlot: r.insurance != nil ? insured : -1)
        }
        var offset = 0
        lineOffsets = scenario.strategies.map { st in
            defer { offset += st.revenueLines.isEmpty ? 0 : 1 + st.revenueLines.count }
            return offset
        }
        lineColumns = offset
        rounds = scenario.funding.map { r in
            RoundPlan(month: r.month ?? 0, metric: r.trigger?.metric ?? .cash, atLeast: r.trigger?.atLeast ?? true,
                      threshold: r.trigger?.threshold ?? 0, earliest: r.month ?? r.earliestMonth, closeProbability: r.closeProbability,
                      amount: s(r.amount), preMoney: s(r.preMoney))
        }
        exitMultiple = scenario.exit.map { s($0.multipleOfRunRate) }
        liquidationPreference = scenario.exit?.liquidationPreference ?? false
        launchMonth = scenario.market.launchMonth
        anyDelay = scenario.risks.contains { $0.delayMonths > 0 }
        anyInsurance = scenario.risks.contains { $0.insurance != nil }
        premiums = scenario.risks.reduce(0) { $0 + ($1.insurance?.premiumMonthly ?? 0) }
        let T = scenario.simulation.horizonMonths
        func drift(_ rate: Double) -> [Double]? {
            rate == 0 ? nil : [1] + (1...T).map { pow(1 + rate, Double($0 - 1) / 12) }
        }
        priceFactor = drift(scenario.finance.priceGrowthAnnual)
        costFactor = drift(scenario.costs.costTrendAnnual)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
