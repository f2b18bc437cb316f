/// A validated scenario: every key of docs/model.md#a-scenario-file with its default filled in.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var simulation: Simulation
    public var market: Market
    public var adoption: Adoption
    public var strategies: [Strategy]
    public var costs: Costs
    public var risks: [Risk]
    public var finance: Finance
    /// What-if cases simulated beside the base (empty: none).
    public var stress: [StressCase] = []
    /// Founder's claims checked in every trial (empty: none).
    public var targets: [Target] = []
    /// Rank correlations between drawn inputs (empty: all independent).
    public var correlations: [Correlation] = []
    /// Named quantities drawn once per trial, read as `{var: NAME}` (empty: none; docs/model.md#shared-variables).
    public var variables: [Variable] = []
    /// Financing rounds, in the order they are considered within a month.
    public var funding: [FundingRound] = []
    /// The sale at the horizon, for the investors' returns.
    public var exit: Exit?

    public init(
        name: String, description: String? = nil, simulation: Simulation = Simulation(),
        market: Market, adoption: Adoption = Adoption(), strategies: [Strategy],
        costs: Costs = Costs(), risks: [Risk] = [], finance: Finance = Finance()
    ) {
        self.name = name
        self.description = description
        self.simulation = simulation
        self.market = market
        self.adoption = adoption
        self.strategies = strategies
        self.costs = costs
        self.risks = risks
        self.finance = finance
    }

    /// Trials, seed, horizon and the analyses computed (`simulation`).
    public struct Simulation: Sendable, Equatable {
        public var trials: Int
        public var seed: UInt64
        public var horizonMonths: Int
        /// The investor analyses the run computes (all by default).
        public var analyses: Analyses
        /// How the trials are summarised (`simulation.summary`): exactly, from every trial kept in memory, or by
        /// sketches.
        public var summary: SummaryMethod
        public init(
            trials: Int = 100_000, seed: UInt64 = 1, horizonMonths: Int = 36, analyses: Analyses = .all,
            summary: SummaryMethod = .exact
        ) {
            self.trials = trials
            self.seed = seed
            self.horizonMonths = horizonMonths
            self.analyses = analyses
            self.summary = summary
        }
    }

    /// `exact` (the default) keeps every trial's outcomes, so percentiles are exact; `sketch` keeps
    /// mergeable sketches instead (percentiles within `QuantileSketch.relativeError`, memory independent of trials).
    public enum SummaryMethod: String, Sendable, Equatable, CaseIterable {
        case exact, sketch
    }

    /// The market size and the five demand factors of the D model (docs/model.md#the-model-month-by-month).
    public struct Market: Sendable, Equatable {
        /// The scenario paths of the five factors, in the order P, D_customer, C, S, P_marketing.
        public static let factorPaths = [
            "market.performance", "market.demand", "market.competition", "market.service", "market.marketing"
        ]
        public var size: Distribution
        public var performance: Distribution
        public var demand: Distribution
        public var competition: Distribution
        public var service: Distribution
        public var marketing: Distribution
        /// The first month with customers and revenue (`launch_month`, default 1); a risk's `delay_months` pushes it
        /// back.
        public var launchMonth: Int = 1
        /// A customer's willingness to pay per month (`willingness_to_pay`; nil: price does not touch demand): each
        /// strategy keeps the share of the reachable market that would pay its price
        /// (docs/model.md#willingness-to-pay).
        public var willingnessToPay: Distribution?
        public init(
            size: Distribution, performance: Distribution = .constant(1), demand: Distribution = .constant(1),
            competition: Distribution = .constant(0), service: Distribution = .constant(1),
            marketing: Distribution = .constant(1)
        ) {
            self.size = size
            self.performance = performance
            self.demand = demand
            self.competition = competition
            self.service = service
            self.marketing = marketing
        }
    }

    /// How customers arrive (docs/model.md#adoption-the-unit-of-p-and-q).
    public struct Adoption: Sendable, Equatable {
        public enum Model: String, Sendable, Equatable, CaseIterable { case bass, fixed }
        /// The period `innovation` and `imitation` are given for.
        public enum Period: String, Sendable, Equatable, CaseIterable { case month, year }
        /// The Bass defaults as annual coefficients: the meta-analysis' means
        /// (Sultan, Farley & Lehmann 1990: p 0.03, q 0.38).
        public static let annualInnovation = 0.03
        public static let annualImitation = 0.38
        /// The defaults per month, p/12 and q/12 (docs/model.md#adoption-the-unit-of-p-and-q).
        public static let defaultInnovation = annualInnovation / 12
        public static let defaultImitation = annualImitation / 12
        public var model: Model
        public var per: Period
        public var innovation: Distribution
        public var imitation: Distribution
        public init(
            model: Model = .bass, per: Period = .month, innovation: Distribution = .constant(defaultInnovation),
            imitation: Distribution = .constant(defaultImitation)
        ) {
            self.model = model
            self.per = per
            self.innovation = innovation
            self.imitation = imitation
        }

        /// Whether the month loop divides p and q by 12.
        public var isAnnual: Bool { per == .year }
    }

    /// Company-wide costs (docs/model.md#the-model-month-by-month, step 4).
    public struct Costs: Sendable, Equatable {
        public var dataAcquisition: Distribution
        public var training: Distribution
        public var operationsMonthly: Distribution
        public var costPerCustomerMonthly: Distribution
        public var acquisitionCost: Distribution
        /// Yearly drift of the running costs (operations, cost per customer, unit cost): month t's are × (1 + c)^((t −
        /// 1)/12).
        public var costTrendAnnual: Double = 0
        public init(
            dataAcquisition: Distribution = .constant(0), training: Distribution = .constant(0),
            operationsMonthly: Distribution = .constant(0), costPerCustomerMonthly: Distribution = .constant(0),
            acquisitionCost: Distribution = .constant(0)
        ) {
            self.dataAcquisition = dataAcquisition
            self.training = training
            self.operationsMonthly = operationsMonthly
            self.costPerCustomerMonthly = costPerCustomerMonthly
            self.acquisitionCost = acquisitionCost
        }
    }

    /// Starting cash and the discount rate of NPV.
    public struct Finance: Sendable, Equatable {
        public var startingCash: Distribution
        public var discountRateAnnual: Distribution
        /// Yearly drift of every price: month t's are × (1 + g)^((t − 1)/12).
        public var priceGrowthAnnual: Double = 0
        public init(startingCash: Distribution = .constant(0), discountRateAnnual: Distribution = .constant(0)) {
            self.startingCash = startingCash
            self.discountRateAnnual = discountRateAnnual
        }
    }
}

/// A revenue model (docs/model.md#the-model-month-by-month). Subscription and API are the spec's kinds;
/// `hybrid` (a monthly fee plus metered usage) is VentureSim's opt-in extension.
public struct Strategy: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case subscription, api, hybrid

        /// The keys a strategy of this kind takes besides `name` and `kind`.
        public var keys: [String] {
            switch self {
            // A subscription's units and unit cost are a usage cost only
            // (docs/model.md#usage-costs-and-included-units).
            case .subscription: return ["price_per_month", "units_per_customer_month", "unit_cost", "churn_monthly"]
            case .api: return ["price_per_unit", "units_per_customer_month", "unit_cost", "churn_monthly"]
            case .hybrid:
                return [
                    "price_per_month", "price_per_unit", "units_per_customer_month", "unit_cost", "included_units",
                    "churn_monthly"
                ]
            }
        }
    }
    /// Units per customer and month a hybrid's monthly price includes: the usage price is charged on the units
    /// above it only (docs/model.md#usage-costs-and-included-units); 0 for every other kind.
    public var includedUnits: Double = 0
    /// The input keys (`Scenario.inputDistributions`) the model does not read for this strategy: another kind's
    /// prices, and a subscription's units and unit cost when it has no usage cost (so its inputs are as before issue
    /// 26).
    var unusedKeys: [String] {
        let usage = ["units_per_customer_month", "unit_cost"]
        return Kind.hybrid.keys.filter { !kind.keys.contains($0) || (!hasUsage && usage.contains($0)) }
    }
    /// Whether a subscription was given a usage cost (`units_per_customer_month`, `unit_cost`); an api or hybrid always
    /// has usage.
    public var hasUsage: Bool {
        kind != .subscription || unitsPerCustomerMonth != .constant(0) || unitCost != .constant(0)
    }
    public var name: String
    public var kind: Kind
    public var pricePerMonth: Distribution
    public var pricePerUnit: Distribution
    public var unitsPerCustomerMonth: Distribution
    public var unitCost: Distribution
    public var churnMonthly: Distribution
    /// Revenue lines beside the kind's own prices (empty: the kind's prices alone).
    public var revenueLines: [RevenueLine] = []

    public init(
        name: String, kind: Kind, pricePerMonth: Distribution = .constant(0), pricePerUnit: Distribution = .constant(0),
        unitsPerCustomerMonth: Distribution = .constant(0), unitCost: Distribution = .constant(0),
        churnMonthly: Distribution = .constant(0)
    ) {
        self.name = name
        self.kind = kind
        self.pricePerMonth = pricePerMonth
        self.pricePerUnit = pricePerUnit
        self.unitsPerCustomerMonth = unitsPerCustomerMonth
        self.unitCost = unitCost
        self.churnMonthly = churnMonthly
    }
}

/// A risk event (docs/model.md#the-model-month-by-month).
public struct Risk: Sendable, Equatable {
    public var name: String
    public var category: String
    public var annualProbability: Double
    /// One-off cost per firing, drawn afresh each time; nil when the key is absent.
    public var cost: Distribution?
    public var fineOfAnnualRevenue: Double
    public var revenueLoss: Double
    public var durationMonths: Int
    /// Factor on the market potential from the firing month on; nil when absent.
    public var demandShock: Double?
    /// Factor on every strategy's unit cost from the firing month on (docs/model.md#cost-shocks); nil when absent.
    public var unitCostShock: Double?
    /// Factor on the running costs, `operations_monthly` and `cost_per_customer_monthly`, from the firing month on
    /// (docs/model.md#cost-shocks); nil when absent.
    public var runningCostShock: Double?
    /// Whether the risk raises (or lowers) a cost from its firing month on.
    public var hasCostShock: Bool { unitCostShock != nil || runningCostShock != nil }
    /// Months a firing before launch pushes the launch back (0: none).
    public var delayMonths: Int = 0
    /// Cover of the firing's `cost`, bought with a monthly premium; nil when uninsured.
    public var insurance: Insurance?

    /// Transfer of a risk's cost (the source's "transferring" a risk): the premium is paid every
    /// month; of each firing's cost above the deductible, `coverShare` is paid back, at most `limit`.
    public struct Insurance: Sendable, Equatable {
        public var premiumMonthly: Double
        public var deductible: Double
        public var coverShare: Double
        public var limit: Double
        public init(
            premiumMonthly: Double = 0, deductible: Double = 0, coverShare: Double = 1, limit: Double = .infinity
        ) {
            (self.premiumMonthly, self.deductible, self.coverShare, self.limit) = (
                premiumMonthly, deductible, coverShare, limit
            )
        }

        /// What the insurer pays of a firing costing `cost`.
        public func covered(_ cost: Double) -> Double { min(limit, coverShare * max(0, cost - deductible)) }
    }

    public init(
        name: String, category: String, annualProbability: Double, cost: Distribution? = nil,
        fineOfAnnualRevenue: Double = 0, revenueLoss: Double = 0, durationMonths: Int = 1, demandShock: Double? = nil
    ) {
        self.name = name
        self.category = category
        self.annualProbability = annualProbability
        self.cost = cost
        self.fineOfAnnualRevenue = fineOfAnnualRevenue
        self.revenueLoss = revenueLoss
        self.durationMonths = durationMonths
        self.demandShock = demandShock
    }

    /// The chance of firing in any one month: 1 − (1 − a)^(1/12).
    public var monthlyProbability: Double {
        annualProbability >= 1 ? 1 : 1 - pow(1 - annualProbability, 1.0 / 12)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Scenario {
    /// The first feature a sketch summary cannot summarise, in words; nil when it covers the scenario.
    /// (These keep per-trial columns of their own: line totals, rounds and returns, insured costs, launch months.)
    var sketchUnsupported: String? {
        if strategies.contains(where: { !$0.revenueLines.isEmpty }) { return "revenue lines ('revenue' of a strategy)" }
        if !funding.isEmpty { return "funding rounds ('funding')" }
        if risks.contains(where: { $0.insurance != nil }) { return "insured risks ('insurance')" }
        if risks.contains(where: { $0.delayMonths > 0 }) || market.launchMonth != 1 {
            return "launch delays ('delay_months', 'market.launch_month')"
        }
        if market.willingnessToPay != nil { return "willingness to pay ('market.willingness_to_pay')" }
        return nil
    }
}
