import Foundation
import Testing
@testable import VentureSim

/// The four-trial lanes (issue 12) give the scalar path's numbers to the last
/// bit, on random scenarios: every per-trial array byte for byte, and the
/// target and clamp counts, for every build of the lane loop the processor runs (baseline, AVX2, AVX-512).
@Suite struct LaneIdentityTests {
    /// A random scenario: distributions on every factor, Bass or instant adoption, risks with costs,
    /// revenue losses, shocks and fines, two or three strategies, targets, and analyses that keep the lanes busy.
    static func scenario(seed: UInt64) -> String {
        var g = SplitMix(state: seed)
        func u(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * Double.random(in: 0..<1, using: &g) }
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &g)] }
        let horizon = pick([1, 7, 24, 36, 61])
        let trials = pick([997, 2050, 4099, 6001])
        let analyses = pick(["none", "[funding_need]", "[funding_need, drivers, confidence_intervals]", "all"])
        // Called inside the literal below, so its draws come in the order they always did.
        func adoption() -> String {
            guard pick([true, true, false]) else { return "{model: fixed}" }
            let q = u(0.005, 0.05)
            return "{model: bass, innovation: \(q), imitation: {dist: uniform, min: 0.1, max: \(u(0.2, 0.6))}}"
        }
        var y = """
            name: random-\(seed)
            simulation: {trials: \(trials), seed: \(seed), horizon_months: \(horizon), analyses: \(analyses)}
            market:
              size: {dist: lognormal, p5: \(Int(u(500, 5000))), p95: \(Int(u(20000, 400000)))}
              performance: {dist: beta, alpha: \(u(2, 20)), beta: \(u(1, 6))}
              competition: {dist: triangular, min: 0.05, mode: \(u(0.1, 0.3)), max: 0.6}
              marketing: {dist: normal, mean: 0.9, sd: \(u(0.02, 0.2))}
            adoption: \(adoption())
            strategies:
              - {name: sub, kind: subscription, price_per_month: {dist: uniform, min: 20, max: 120},
                 churn_monthly: {dist: beta, alpha: 2, beta: \(u(20, 90))}}
              - {name: api, kind: api, price_per_unit: \(u(0.5, 3)), units_per_customer_month: {dist: lognormal,
                 p5: 10, p95: 200}, unit_cost: \(u(0.1, 0.6))}

            """
        if pick([true, false]) {
            y +=
                "  - {name: hybrid, kind: hybrid, price_per_month: 30, price_per_unit: 0.5, units_per_customer_month: "
                + "40, churn_monthly: 0.03}\n"
        }
        y += """
            costs: {data_acquisition: \(Int(u(0, 1e6))), training: \(Int(u(0, 2e6))),
                    cost_per_customer_monthly: \(u(0, 8)),
                    operations_monthly: {dist: pert, min: 20000, mode: 60000, max: 200000},
                    acquisition_cost: {dist: lognormal, p5: 30, p95: 400}}
            finance: {starting_cash: \(Int(u(1e5, 5e6))), discount_rate_annual: {dist: uniform, min: 0.05, max: 0.3}}
            risks:
              - {name: outage, category: technical, annual_probability: \(u(0.05, 0.9)), cost: {dist: uniform,
                 min: 1000, max: 90000}, revenue_loss: \(u(0.1, 0.6)), duration_months: \(pick([1, 2, 5]))}
              - {name: fine, category: legal, annual_probability: \(u(0.02, 0.5)),
                 fine_of_annual_revenue: \(u(0.01, 0.1))}
              - {name: rival, category: market, annual_probability: \(u(0.05, 0.4)), demand_shock: \(u(0.5, 0.95))}
            targets:
              - {name: arr, metric: annual_run_rate, month: \(max(1, horizon / 2)), at_least: \(Int(u(1e5, 5e6)))}
              - {name: cash, metric: cash, month: \(horizon), at_most: 0}
              - {name: early, metric: customers, month: 1, at_least: 1}

            """
        return y
    }

    /// A random scenario with business models (every opt-in feature the lanes implement): revenue lines of every
    /// kind (one or two drawing every month, an advertising line read from a variable), drift on prices and costs,
    /// a later launch and launch delays, an insured risk, cost shocks, willingness to pay, fines, targets, and
    /// funding rounds with an exit (companies that run out of cash and stop counting).
    static func businessScenario(seed: UInt64) -> String {
        var g = SplitMix(state: seed &* 7919)
        func u(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * Double.random(in: 0..<1, using: &g) }
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &g)] }
        let horizon = pick([1, 13, 36, 61])
        let trials = pick([997, 2050, 4099])
        let adoption = pick(["{model: fixed}", "{model: bass, per: year, innovation: 0.03, imitation: 0.4}"])
        let launch = pick(["", "\n  launch_month: \(pick([2, 5, 14]))"])
        let wtp = pick(["", "\n  willingness_to_pay: {dist: lognormal, p5: 20, p95: 400}"])
        let consulting = pick([
            "",
            "- {line: consulting, projects_per_month: {dist: uniform, min: 0, max: 3}, fee: 20000, "
                + "delivery_cost_share: 0.4, capacity_per_month: 2}"
        ])
        let advertising = pick([
            "- {line: advertising, revenue_per_customer_month: {dist: lognormal, p5: 0.5, p95: 6}}",
            "- {line: advertising, revenue_per_customer_month: {dist: normal, mean: 1, sd: 2, min: -1}}",
            "- {line: advertising, revenue_per_customer_month: {var: ads}}"
        ])
        let trend = pick(["", "cost_trend_annual: \(u(-0.2, 0.1)),"])
        let growth = pick(["", "price_growth_annual: \(u(-0.05, 0.1)),"])
        let shocks = pick(["", "unit_cost_shock: 1.3, running_cost_shock: 1.1,"])
        // Funding rounds (a fixed month, a run-rate trigger, a cash trigger with a deadline) and an exit; none in some.
        let roundMonth = max(1, horizon / 3), latest = max(1, horizon - 1)
        let funding = pick([
            "",
            """
            funding:
              - {name: seed, month: \(roundMonth), amount: \(Int(u(1e5, 2e6))), pre_money: 3000000}
              - {name: a, when: {metric: annual_run_rate, at_least: \(Int(u(1e5, 2e6)))}, earliest_month: 1,
                 amount: {dist: uniform, min: 1000000, max: 3000000}, pre_money: 8000000, close_probability: 0.7}
              - {name: bridge, when: {metric: cash, at_most: \(Int(u(0, 3e5)))}, latest_month: \(latest),
                 amount: 400000, pre_money: {dist: uniform, min: 1000000, max: 4000000}, close_probability: 0.5}
            exit: {multiple_of_run_rate: {dist: uniform, min: 2, max: 8}, liquidation_preference: true}

            """
        ])
        return """
            name: business-\(seed)
            simulation: {trials: \(trials), seed: \(seed), horizon_months: \(horizon), analyses: all}
            variables:
              ads: {dist: uniform, min: 0.5, max: 3}
            market:
              size: {dist: lognormal, p5: 2000, p95: 90000}
              performance: {dist: beta, alpha: 8, beta: 3}
              competition: {dist: triangular, min: 0.05, mode: 0.2, max: 0.6}\(launch)\(wtp)
            adoption: \(adoption)
            strategies:
            \(hybrid("mix"))
                  \(advertising)
                  \(consulting)
                  - {line: one_time, price: {dist: uniform, min: 100, max: 900}, maintenance_monthly_share: 0.02}
                  - {line: value_added, attach_rate: {dist: uniform, min: 0.1, max: 0.4}, price_per_month: 30}
                  - {line: commission, take_rate: 0.03, volume_per_customer_month: {dist: lognormal, p5: 5, p95: 80}}
                  - {line: freemium, free_per_paying: {dist: uniform, min: 2, max: 9},
                     serving_cost_per_free_month: 0.05}
              - {name: plain, kind: subscription, price_per_month: 45, churn_monthly: 0.03}
            costs: {training: \(Int(u(0, 2e6))), cost_per_customer_monthly: 2, \(trend)
                    operations_monthly: {dist: pert, min: 20000, mode: 60000, max: 200000},
                    acquisition_cost: {dist: lognormal, p5: 30, p95: 400}}
            finance: {starting_cash: \(Int(u(1e5, 5e6))), \(growth) discount_rate_annual: 0.15}
            risks:
              - {name: outage, category: technical, annual_probability: \(u(0.05, 0.9)), cost: {dist: uniform,
                 min: 1000, max: 90000}, revenue_loss: 0.3, duration_months: 2, delay_months: 2,
                 insurance: {premium_monthly: 500, deductible: 5000, cover_share: 0.8, limit: 60000}}
              - {name: fine, category: legal, annual_probability: 0.3, fine_of_annual_revenue: 0.05}
              - {name: rival, category: market, annual_probability: 0.3, demand_shock: 0.8, \(shocks)}
            targets:
              - {name: arr, metric: annual_run_rate, month: \(max(1, horizon / 2)), at_least: 500000}
              - {name: cash, metric: cash, month: \(horizon), at_most: 0}
              - {name: need, metric: funding_need, at_most: 2000000}

            """ + funding
    }

    /// A hybrid strategy's YAML up to its `revenue:` key (its lines follow, indented by four more spaces).
    static func hybrid(_ name: String) -> String {
        """
          - name: \(name)
            kind: hybrid
            price_per_month: {dist: uniform, min: 10, max: 80}
            price_per_unit: 0.02
            units_per_customer_month: {dist: lognormal, p5: 100, p95: 2000}
            unit_cost: 0.01
            churn_monthly: {dist: beta, alpha: 2, beta: 60}
            revenue:
        """
    }

    /// The lanes give the scalar path's bytes on plans with business models too (lines, drift, launch, insurance,
    /// cost shocks, willingness to pay, funding rounds), on every build of the lane loop the processor runs.
    @Test(arguments: Array(UInt64(1)...16))
    func lanesEqualTheScalarPathWithBusinessModels(seed: UInt64) throws {
        let s = try ScenarioLoader.load(text: Self.businessScenario(seed: seed), file: "business-\(seed).yaml")
        let plan = Plan(s)
        #expect(plan.usesBusinessModels && plan.features.contains(.revenueLines))
        #expect(TrialKernel(plan: plan).lanesFit, "seed \(seed): \(plan.features) not all in the lanes")
        let scalar = try Simulator.run(plan, workers: 2, path: .scalar)
        for build in TrialKernel.runnableLaneBuilds {
            let lanes = try Simulator.run(plan, workers: 2, path: .lanes(build))
            #expect(Self.firstDifference(scalar, lanes) == nil, "seed \(seed), \(build)")
            #expect(
                scalar.targetCounts == lanes.targetCounts && scalar.clampCounts == lanes.clampCounts,
                "seed \(seed), \(build)")
        }
    }

    /// The first buffer of `a` whose bytes differ from `b`'s, with the first differing element (nil: none), rather
    /// than the arrays, which an expectation would print whole.
    static func firstDifference(_ a: TrialColumns, _ b: TrialColumns) -> String? {
        let (x, y) = (bytes(a), bytes(b))
        for (k, buffer) in a.buffers.enumerated() where x[k] != y[k] {
            let first = x[k].indices.first { $0 >= y[k].count || x[k][$0] != y[k][$0] } ?? 0
            return "\(buffer.name) differs at element \(first / buffer.elementSize)"
        }
        return nil
    }

    static func bytes(_ c: TrialColumns) -> [[UInt8]] {
        c.buffers.map { b in Array(UnsafeRawBufferPointer(start: b.base, count: b.columns * b.length * b.elementSize)) }
    }

    @Test(arguments: Array(UInt64(1)...12))
    func lanesEqualTheScalarPath(seed: UInt64) throws {
        let s = try ScenarioLoader.load(text: Self.scenario(seed: seed), file: "random-\(seed).yaml")
        let plan = Plan(s)
        let scalar = try Simulator.run(plan, workers: 2, path: .scalar)
        for build in TrialKernel.runnableLaneBuilds {
            let lanes = try Simulator.run(plan, workers: 2, path: .lanes(build))
            let (a, b) = (Self.bytes(scalar), Self.bytes(lanes))
            for (k, buffer) in scalar.buffers.enumerated() {
                // The first differing byte, not the arrays (an expectation would print them whole).
                let same = a[k] == b[k]
                let first = same ? nil : a[k].indices.first { $0 >= b[k].count || a[k][$0] != b[k][$0] }
                #expect(
                    same,
                    Comment(
                        rawValue: "seed \(seed), \(build): \(buffer.name) differs at byte \(first ?? -1) (element "
                            + "\((first ?? 0) / buffer.elementSize))")
                )
            }
            #expect(
                scalar.targetCounts == lanes.targetCounts && scalar.clampCounts == lanes.clampCounts,
                "seed \(seed), \(build)")
        }
    }

    /// The month loop stores each outcome where the columns read it, and profit and roi read back as the loop computed
    /// them.
    @Test func storedSlotsMatchTheColumns() throws {
        let columns = try #require(TrialColumns(count: 3, strategies: 2, risks: 1))
        #expect(columns.storedOutcomes == [.npv, .revenue, .cost, .minCash, .customers, .fundingNeed])
        let slots = ColumnLayout.Stored.self
        #expect(
            [slots.npv, slots.revenue, slots.cost, slots.minCash, slots.customers, slots.fundingNeed]
                == columns.storedOutcomes.map { columns.slots[$0.rawValue] })
        columns.column(1, .revenue)[2] = 7
        columns.column(1, .cost)[2] = 2
        #expect(columns.value(strategy: 1, .profit, trial: 2) == 5 && columns.value(strategy: 1, .roi, trial: 2) == 2.5)
        columns.column(1, .cost)[2] = 0
        #expect(columns.value(strategy: 1, .roi, trial: 2).isNaN)
    }

    /// The lanes are used where they should be: every group of a plan without business models, the year-by-year and
    /// cash samples included (the random scenarios above keep every trial in those samples).
    @Test func lanesAreTaken() throws {
        let plan = try Plan(Fixtures.load(Self.scenario(seed: 5)))
        #expect(plan.yearSample > 0 || plan.cashSample > 0 || plan.analyses == .none)
        #expect(TrialKernel(plan: plan).lanesFit)
        #expect(!TrialKernel(plan: plan, path: .scalar).lanesFit)
    }

    /// Every C slot of the lane loop is paired with a Swift value exactly once, and every field of the values the
    /// lanes exchange is paired or declared scalar-only: a slot or a field added on one side only fails here.
    @Test func theLaneContractCoversBothSides() {
        func fields(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        func check(
            _ slots: [(field: String, slot: Int)], count: Int, _ value: Any, scalarOnly: Set<String> = [],
            _ what: String
        ) {
            #expect(slots.map(\.slot).sorted() == Array(0..<count), "\(what): every C slot named once")
            #expect(Set(slots.map(\.field)).count == slots.count, "\(what): each field once")
            #expect(
                Set(slots.map(\.field)) == fields(value).subtracting(scalarOnly),
                "\(what): every Swift field paired or scalar-only")
            #expect(scalarOnly.isSubset(of: fields(value)), "\(what): scalar-only fields exist")
        }
        let draws = TrialKernel.TrialDraws(
            m: 0, p: 0, q: 0, oneOff: 0, operations: 0, perCustomer: 0, cac: 0, cash0: 0, discountStep: 0,
            launch: 0, exitMultiple: 0, sampled: false, recorded: false)
        check(
            LaneContract.trialSlots, count: LaneContract.trialSlotCount, draws,
            scalarOnly: LaneContract.scalarOnlyTrialFields, "trial")
        check(
            LaneContract.strategySlots, count: LaneContract.strategySlotCount,
            TrialKernel.StrategyDraws(pricePerMonth: 0, unitRevenue: 0, unitVariable: 0, retain: 0, kept: 1),
            scalarOnly: LaneContract.scalarOnlyStrategyFields, "strategy")
        let totals = TrialKernel.StrategyTotals(
            npv: 0, revenueSum: 0, costSum: 0, minCash: 0, A: 0, minCumulative: 0, cashOutMonth: 0,
            breakeven: 0, reachHalf: 0, reachMost: 0)
        check(LaneContract.outSlots, count: LaneContract.outSlotCount, totals, "out")
    }

    /// A shipped scenario that uses each opt-in feature. A feature added to `Plan.Feature` without one fails here.
    static let featureScenarios: [Plan.Feature: String] = [
        .launchDelay: "consulting-to-platform", .insurance: "consulting-to-platform",
        .laterLaunch: "consulting-to-platform",
        .drift: "consumer-assistant-ads", .revenueLines: "consumer-assistant-ads", .fundingRounds: "fintech-series-a",
        .costShocks: "benchmark", .willingnessToPay: "ai-phone-receptionist"
    ]

    /// Risks added to a shipped scenario where none ships with the feature yet (`unit_cost_shock`, issue 26).
    static let featureRisks: [Plan.Feature: Risk] = {
        var priceRise = Risk(name: "telephony-price-rise", category: "cost", annualProbability: 0.3)
        priceRise.unitCostShock = 1.4
        return [.costShocks: priceRise]
    }()

    /// Each opt-in feature: a plan that uses it runs in lanes exactly when the lanes implement it
    /// (`LaneContract.features`),
    /// and then gives the scalar path's bytes; otherwise the kernel keeps it on the scalar path. A feature the lanes
    /// do not implement cannot pass silently through them.
    @Test(arguments: Plan.Feature.allCases)
    func eachFeatureRunsInLanesOnlyWhereTheyImplementIt(_ feature: Plan.Feature) throws {
        let name = try #require(Self.featureScenarios[feature], "no scenario uses \(feature)")
        var scenario = try Fixtures.scenario("\(name).yaml")
        scenario.simulation.trials = 997
        if let risk = Self.featureRisks[feature] { scenario.risks.append(risk) }
        let plan = Plan(scenario)
        #expect(plan.features.contains(feature))
        #expect(plan.usesBusinessModels)
        #expect(TrialKernel(plan: plan).lanesFit == plan.features.isSubset(of: LaneContract.features))
        // A feature the lanes claim is checked on a scenario that really runs in lanes.
        if LaneContract.features.contains(feature) {
            #expect(
                plan.features.isSubset(of: LaneContract.features),
                "\(feature): \(name) also uses features the lanes do not implement")
        }
        if TrialKernel(plan: plan).lanesFit {
            let (scalar, lanes) = try (
                Simulator.run(plan, workers: 1, path: .scalar), Simulator.run(plan, workers: 1, path: .best)
            )
            #expect(Self.firstDifference(scalar, lanes) == nil, "\(feature): \(name)")
        }
    }

    /// A plan that uses no opt-in feature is all lanes.
    @Test func aPlanWithoutFeaturesRunsInLanes() throws {
        let plan = try Plan(Fixtures.scenario("ai-customer-service-saas.yaml"))
        #expect(plan.features.isEmpty && !plan.usesBusinessModels)
        #expect(TrialKernel(plan: plan).lanesFit)
    }
}

/// The kernel keeps room for every revenue line's parameters.
@Test func everyRevenueLineFitsTheKernelsParameterSlots() {
    #expect(RevenueLine.Kind.allCases.allSatisfy { $0.parameters.count <= KernelScratch.lineParameters })
}
