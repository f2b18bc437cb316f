import Testing
@testable import VentureSim

/// Usage costs on any kind, included units and cost shocks (issue 26), against figures worked by hand on a market
/// of 100 customers all won in month 1 (fixed adoption, no churn).
@Suite struct UsageCostTests {
    static func scenario(horizon: Int = 6, strategy: String, extra: String = "") throws -> Scenario {
        try Fixtures.load(
            """
            name: usage
            simulation: {trials: 10, horizon_months: \(horizon)}
            market: {size: 100}
            adoption: {model: fixed}
            strategies: [\(strategy)]
            finance: {starting_cash: 0}
            """ + extra)
    }

    /// Revenue 100 × 10 = 1,000 a month; usage cost 100 × 20 × 0.1 = 200 a month; over six months 6,000 and 1,200.
    @Test func aSubscriptionPaysForItsUsageAndChargesNone() throws {
        let s = try Self.scenario(
            strategy: "{name: s, kind: subscription, price_per_month: 10, units_per_customer_month: 20, unit_cost: 0.1}"
        )
        let summary = try Engine.run(s, workers: 1)
        let year = try #require(summary.strategies[0].byYear?.first)
        #expect(year.revenue.p50 == 6_000)
        #expect(abs((year.cost.p50 ?? .nan) - 1_200) < 1e-9)
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(md.contains("s (subscription) units per customer-month (a cost only)"))
        #expect(!md.contains("hybrid"))
        #expect(s.inputs["strategies.s.unit_cost"] == "0.1")
        // Without a usage cost a subscription's inputs are as before: no units, no unit cost.
        let plain = try Self.scenario(strategy: "{name: s, kind: subscription, price_per_month: 10}")
        #expect(
            plain.inputs["strategies.s.unit_cost"] == nil
                && plain.inputs["strategies.s.units_per_customer_month"] == nil)
    }

    /// 99 a month including 500 units, 0.12 per unit above: at 800 units a customer pays 99 + 300 × 0.12 = 135, so
    /// 13,500 a month and 81,000 in six months; the unit cost is paid on all 800 units: 100 × 800 × 0.05 = 4,000 a
    /// month. At 400 units (under the tier) the customer pays 99 only.
    @Test(arguments: [(800.0, 81_000.0, 24_000.0), (400, 59_400, 12_000)])
    func aHybridChargesUsageAboveItsIncludedUnits(_ units: Double, _ revenue: Double, _ cost: Double) throws {
        let s = try Self.scenario(
            strategy: "{name: h, kind: hybrid, price_per_month: 99, price_per_unit: 0.12, "
                + "units_per_customer_month: \(units), unit_cost: 0.05, included_units: 500}")
        #expect(s.inputs["strategies.h.included_units"] == "500")
        let year = try #require(try Engine.run(s, workers: 1).strategies[0].byYear?.first)
        #expect(abs((year.revenue.p50 ?? .nan) - revenue) < 1e-6, "\(year.revenue.p50)")
        #expect(abs((year.cost.p50 ?? .nan) - cost) < 1e-6, "\(year.cost.p50)")
    }

    @Test(arguments: [
        ("{name: s, kind: subscription, price_per_month: 10, unit_cost: 0.1}", "needs 'units_per_customer_month'"),
        (
            "{name: s, kind: api, price_per_unit: 1, units_per_customer_month: 5, included_units: 2}",
            "unknown key 'included_units'"
        ),
        (
            "{name: h, kind: hybrid, price_per_month: 9, price_per_unit: 1, units_per_customer_month: 5, "
                + "included_units: -1}",
            "a number ≥ 0"
        )
    ])
    func badUsageKeysAreRefused(_ strategy: String, _ fragment: String) {
        let error = Fixtures.loadError(strategies: "[\(strategy)]")
        #expect(error.contains(fragment), "\(error)")
    }

    /// A risk with annual probability 1 fires in every month, so its shocks compound from month 1: month t's running
    /// costs (operations 1,000 and 100 customers × 1) are × 1.5^t and its unit costs (100 × 20 × 0.1 = 200) × 2^t.
    /// Costs: 1,100·1.5 + 200·2 = 2,050; 1,100·2.25 + 200·4 = 3,275; 1,100·3.375 + 200·8 = 5,312.5. Revenue 1,000 a
    /// month, so the cumulative profit is −1,050, −3,325, −7,637.5, the funding need 7,637.5.
    @Test func costShocksCompoundFromTheFiringMonth() throws {
        let s = try Self.scenario(
            horizon: 3,
            strategy:
                "{name: s, kind: subscription, price_per_month: 10, units_per_customer_month: 20, unit_cost: 0.1}",
            extra: """

                costs: {operations_monthly: 1000, cost_per_customer_monthly: 1}
                risks: [{name: price-rise, category: cost, annual_probability: 1, unit_cost_shock: 2,
                        running_cost_shock: 1.5}]
                targets:
                  - {name: m1, metric: cumulative_profit, month: 1, at_least: -1050}
                  - {name: m1-more, metric: cumulative_profit, month: 1, at_least: -1049.999}
                  - {name: m2, metric: cumulative_profit, month: 2, at_least: -3325}
                  - {name: m2-more, metric: cumulative_profit, month: 2, at_least: -3324.999}
                """)
        let plan = Plan(s)
        // Cost shocks run in the lanes: the hand-computed figures below check them there.
        #expect(plan.features.contains(.costShocks) && TrialKernel(plan: plan).lanesFit)
        let st = try Engine.run(s, workers: 1).strategies[0]
        #expect(abs((try #require(st.byYear?.first).cost.p50 ?? .nan) - 10_637.5) < 1e-6)
        #expect(st.fundingNeed?.p50 == 7_637.5)
        #expect(st.targets.map(\.probability) == [1, 0, 1, 0])
        #expect(s.inputs["risks.price-rise.unit_cost_shock"] == "2")
        #expect(
            MarkdownReport.render(scenario: s, summary: try Engine.run(s, workers: 1), command: "x").contains(
                "unit costs × 2 from then on"))
    }

    /// A risk that never fires leaves every figure as without it; the cost drift and the shocks multiply.
    @Test func aShockThatNeverFiresChangesNothingAndDriftStillApplies() throws {
        let strategy =
            "{name: s, kind: hybrid, price_per_month: 10, price_per_unit: 1, units_per_customer_month: 20, unit_cost: "
            + "0.1}"
        let drift = "\ncosts: {operations_monthly: 1000, cost_trend_annual: 0.5}\n"
        let without = try Engine.run(Self.scenario(horizon: 24, strategy: strategy, extra: drift), workers: 1)
        let never = try Engine.run(
            Self.scenario(
                horizon: 24, strategy: strategy,
                extra: drift
                    + "risks: [{name: r, category: cost, annual_probability: 0, unit_cost_shock: 3}]\n"), workers: 1)
        #expect(never.strategies[0].outcomes == without.strategies[0].outcomes)
        #expect(never.strategies[0].byYear == without.strategies[0].byYear)
    }
}
