import Foundation
import Testing
@testable import VentureSim

/// Shared variables, revenue-line inputs as drawn inputs, and correlations on streams of their own (issue 26;
/// docs/model.md#shared-variables, docs/model.md#correlated-inputs).
@Suite struct VariableTests {
    /// Two api strategies, priced 1 and 2 a unit, reading one variable for their units; every other input constant
    /// and no cost, so each trial's revenue is exactly price × units × the customer-months, the same for both.
    static let shared = """
        name: shared
        simulation: {trials: 400, seed: 7, horizon_months: 12}
        market: {size: 1000, competition: {dist: uniform, min: 0.1, max: 0.4}}
        variables:
          calls: {dist: lognormal, p5: 200, p95: 1400}
          spare: 200 to 900
        strategies:
          - {name: a, kind: api, price_per_unit: 1, units_per_customer_month: {var: calls}}
          - {name: b, kind: api, price_per_unit: 2, units_per_customer_month: {var: calls}}
        """

    static func load(_ yaml: String) throws -> Scenario { try ScenarioLoader.load(text: yaml, file: "v.yaml") }

    /// The first diagnostic of a scenario that must not load.
    static func refusal(_ yaml: String) throws -> Diagnostic {
        do {
            let s = try load(yaml)
            Issue.record("loaded \(s.name)")
            throw CancellationError()
        } catch let error as ScenarioError {
            return try #require(error.diagnostics.first)
        }
    }

    static let base = """
        name: v
        market: {size: 1000}
        variables: {calls: {dist: uniform, min: 1, max: 9}}
        """

    @Test func anUnknownVariableIsRefusedWithItsPlaceAndTheKnownNames() throws {
        let d = try Self.refusal(
            Self.base + "\nstrategies: [{name: a, kind: api, price_per_unit: 1, units_per_customer_month: {var: cals}}]"
        )
        #expect(d.file == "v.yaml" && d.line == 4 && d.column != nil)
        #expect(d.path == "strategies[0].units_per_customer_month.var")
        #expect(d.message.contains("unknown variable 'cals'") && d.message.contains("did you mean 'calls'"))
        #expect(d.message.contains("known: calls"))
    }

    @Test func aVariableReadingAVariableIsRefused() throws {
        let d = try Self.refusal(
            """
            name: v
            market: {size: 1000}
            variables:
              calls: {dist: uniform, min: 1, max: 9}
              more: {var: calls}
            strategies: [{name: a, kind: subscription, price_per_month: 1}]
            """)
        #expect(d.line == 5 && d.path == "variables.more")
        #expect(d.message.contains("cannot refer to another variable"))
    }

    @Test func aNameGivenTwiceIsRefused() throws {
        let d = try Self.refusal(
            """
            name: v
            market: {size: 1000}
            variables:
              calls: 3 to 9
              calls: 4 to 8
            strategies: [{name: a, kind: subscription, price_per_month: 1}]
            """)
        // The YAML reader refuses a key given twice in any mapping (at the first).
        #expect(d.line == 4 && d.message.contains("duplicate key 'calls'"), "\(d)")
    }

    @Test func aPlaceThatDrawsOnItsOwnStreamRefusesAVariable() throws {
        let risk = try Self.refusal(
            Self.base + """

                strategies: [{name: a, kind: subscription, price_per_month: 1}]
                risks: [{name: r, category: c, annual_probability: 0.1, cost: {var: calls}}]
                """)
        #expect(risk.path == "risks[0].cost" && risk.message.contains("cannot be used here"), "\(risk)")
        let number = try Self.refusal(
            Self.base + """

                strategies: [{name: a, kind: subscription, price_per_month: 1}]
                risks: [{name: r, category: c, annual_probability: {var: calls}}]
                """)
        #expect(number.path == "risks[0].annual_probability" && number.message.contains("plain number"), "\(number)")
    }

    @Test func anInputThatReadsAVariableIsCorrelatedThroughIt() throws {
        let d = try Self.refusal(
            Self.shared + "\ncorrelations: [{between: [strategies.a.units_per_customer_month, market.competition], "
                + "rank: 0.3}]")
        #expect(d.message.contains("correlate 'variables.calls' instead"), "\(d)")
        // The variable itself can be.
        let s = try Self.load(
            Self.shared + "\ncorrelations: [{between: [variables.calls, market.competition], rank: 0.5}]")
        let summary = try Engine.run(s, workers: 1)
        let achieved = try #require(summary.correlations.first?.achieved)
        // 400 trials: the SE of a rank correlation near 0.5 is about (1 − ρ²)/√n ≈ 0.04; five SEs.
        #expect(abs(achieved - 0.5) < 0.2, "\(achieved)")
    }

    /// Both strategies' revenue is price × units × customer-months with the same customers: b's is exactly twice
    /// a's in every trial only if both read the same units; the variable has its own CSV column, its readers none.
    @Test func twoStrategiesReadingOneVariableSeeTheSameValueInEveryTrial() throws {
        let csv = try FundingCSVTests.table(Self.load(Self.shared))
        let a = try #require(csv["a.revenue"]), b = try #require(csv["b.revenue"])
        let calls = try #require(csv["variables.calls"])
        #expect(csv["strategies.a.units_per_customer_month"] == nil)
        #expect(Set(calls.compactMap { $0 }).count > 300)
        for i in a.indices { #expect(b[i]! == 2 * a[i]!, "trial \(i)") }
        // And that value is the variable's column: revenue per unit of calls is the same customer-months in
        // every trial with the same market (size and adoption constant, only competition drawn).
        #expect(zip(a, calls).allSatisfy { $0! > 0 && $1! > 0 })
    }

    /// A variable that alone decides the outcome (every other input nearly fixed) ranks first among the drivers.
    @Test func aVariableThatDecidesTheOutcomeIsTheFirstDriver() throws {
        let s = try Self.load(
            """
            name: d
            simulation: {trials: 2000, seed: 3, horizon_months: 12}
            market: {size: 1000, competition: {dist: uniform, min: 0.1, max: 0.11}}
            variables: {price: {dist: uniform, min: 10, max: 100}}
            costs: {operations_monthly: {dist: uniform, min: 100, max: 110}}
            strategies: [{name: a, kind: subscription, price_per_month: {var: price}}]
            """)
        let drivers = try #require(try Engine.run(s, workers: 1).strategies[0].drivers)
        #expect(drivers.first?.input == "variables.price", "\(drivers.map(\.input))")
    }

    /// Adding a variable (and a strategy reading it) or reordering the variables moves no other figure.
    @Test func addingOrReorderingVariablesLeavesOtherFiguresUnchanged() throws {
        let before = try StreamKeyTests.byName(Engine.run(Self.load(Self.shared), workers: 2))
        let more =
            Self.shared.replacingOccurrences(
                of: "variables:\n", with: "variables:\n  seats: {dist: uniform, min: 1, max: 5}\n")
            + "\n  - {name: c, kind: subscription, price_per_month: {var: seats}}"
        let after = try StreamKeyTests.byName(Engine.run(Self.load(more), workers: 2))
        #expect(after["a"] == before["a"] && after["b"] == before["b"] && after["c"] != nil)
        let reordered = Self.shared.replacingOccurrences(
            of: "  calls: {dist: lognormal, p5: 200, p95: 1400}\n  spare: 200 to 900\n",
            with: "  spare: 200 to 900\n  calls: {dist: lognormal, p5: 200, p95: 1400}\n")
        #expect(reordered != Self.shared)
        #expect(try StreamKeyTests.byName(Engine.run(Self.load(reordered), workers: 1)) == before)
    }

    /// A revenue line's parameters are drawn inputs: CSV columns after the older ones, drivers, correlatable.
    @Test func revenueLineInputsAreColumnsDriversAndCorrelatable() throws {
        let yaml = """
            name: l
            simulation: {trials: 400, seed: 11, horizon_months: 12}
            market: {size: {dist: uniform, min: 500, max: 1500}}
            strategies:
              - name: s
                kind: subscription
                price_per_month: 10
                churn_monthly: {dist: uniform, min: 0.01, max: 0.05}
                revenue:
                  - line: value_added
                    name: addon
                    attach_rate: {dist: uniform, min: 0.1, max: 0.5}
                    price_per_month: 20
                  - {line: advertising, revenue_per_customer_month: {dist: uniform, min: 1, max: 3}}
            """
        let s = try Self.load(yaml)
        let plan = Plan(s)
        #expect(
            plan.driverInputs.map(\.name) == [
                "market.size", "strategies.s.churn_monthly", "strategies.s.revenue.addon.attach_rate",
                "strategies.s.revenue.advertising.revenue_per_customer_month"
            ])
        let csv = try FundingCSVTests.table(s)
        // Advertising drawn every month: its value is the mean of the trial's monthly draws, inside the law's range
        // and much narrower than one draw's (12 draws: SD of the mean 0.58/√12 ≈ 0.17).
        let ads = try #require(csv["strategies.s.revenue.advertising.revenue_per_customer_month"]).map { $0! }
        #expect(ads.allSatisfy { $0 > 1 && $0 < 3 })
        #expect(ads.filter { abs($0 - 2) > 0.75 }.count < 4)
        let correlated = try Self.load(
            yaml + "\ncorrelations: [{between: [strategies.s.revenue.addon.attach_rate, market.size], rank: 0.6}]")
        let achieved = try #require(try Engine.run(correlated, workers: 1).correlations.first?.achieved)
        // 400 trials, SE ≈ (1 − 0.36)/√400 = 0.032; five SEs.
        #expect(abs(achieved - 0.6) < 0.16, "\(achieved)")
    }

    /// The stress cases' promise: changing or removing one correlation keeps the draws of a correlated input
    /// outside that pair, trial by trial (each input's copula normal has a stream of its own).
    @Test func changingOneCorrelationKeepsAnUnrelatedCorrelatedInputsDraws() throws {
        func yaml(_ correlations: String) -> String {
            """
            name: c
            simulation: {trials: 300, seed: 5, horizon_months: 12}
            market:
              size: {dist: uniform, min: 500, max: 1500}
              competition: {dist: uniform, min: 0.1, max: 0.4}
              demand: {dist: uniform, min: 0.5, max: 0.9}
            costs: {operations_monthly: {dist: uniform, min: 100, max: 200}}
            strategies: [{name: a, kind: subscription, price_per_month: 10}]
            correlations: \(correlations)
            """
        }
        let keep = "{between: [market.demand, costs.operations_monthly], rank: 0.4}"
        let base = try FundingCSVTests.table(
            Self.load(yaml("[{between: [market.size, market.competition], rank: 0.3}, \(keep)]")))
        let changed = try FundingCSVTests.table(
            Self.load(yaml("[{between: [market.size, market.competition], rank: -0.5}, \(keep)]")))
        let removed = try FundingCSVTests.table(Self.load(yaml("[\(keep)]")))
        for input in ["market.demand", "costs.operations_monthly"] {
            #expect(changed[input]! == base[input]!, "\(input)")
            #expect(removed[input]! == base[input]!, "\(input)")
        }
        #expect(changed["market.size"]! != base["market.size"]!)
    }
}
