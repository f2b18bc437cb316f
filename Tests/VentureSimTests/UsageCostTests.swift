import Testing
@testable import VentureSim

/// Usage costs on any kind and included units (issue 26), against figures worked by hand on a market
/// of 100 customers all won in month 1 (fixed adoption, no churn).
@Suite struct UsageCostTests {
    static func scenario(horizon: Int = 6, strategy: String, extra: String = "") throws -> Scenario {
        try Fixtures.load("""
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
        let s = try Self.scenario(strategy: "{name: s, kind: subscription, price_per_month: 10, units_per_customer_month: 20, unit_cost: 0.1}")
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
        #expect(plain.inputs["strategies.s.unit_cost"] == nil && plain.inputs["strategies.s.units_per_customer_month"] == nil)
    }

    /// 99 a month including 500 units, 0.12 per unit above: at 800 units a customer pays 99 + 300 × 0.12 = 135, so
    /// 13,500 a month and 81,000 in six months; the unit cost is paid on all 800 units: 100 × 800 × 0.05 = 4,000 a month.
    /// At 400 units (under the tier) the customer pays 99 only.
    @Test(arguments: [(800.0, 81_000.0, 24_000.0), (400, 59_400, 12_000)])
    func aHybridChargesUsageAboveItsIncludedUnits(_ units: Double, _ revenue: Double, _ cost: Double) throws {
        let s = try Self.scenario(strategy: "{name: h, kind: hybrid, price_per_month: 99, price_per_unit: 0.12, "
                                  + "units_per_customer_month: \(units), unit_cost: 0.05, included_units: 500}")
        #expect(s.inputs["strategies.h.included_units"] == "500")
        let year = try #require(try Engine.run(s, workers: 1).strategies[0].byYear?.first)
        #expect(abs((year.revenue.p50 ?? .nan) - revenue) < 1e-6, "\(year.revenue.p50)")
        #expect(abs((year.cost.p50 ?? .nan) - cost) < 1e-6, "\(year.cost.p50)")
    }

    @Test(arguments: [
        ("{name: s, kind: subscription, price_per_month: 10, unit_cost: 0.1}", "needs 'units_per_customer_month'"),
        ("{name: s, kind: api, price_per_unit: 1, units_per_customer_month: 5, included_units: 2}", "unknown key 'included_units'"),
        ("{name: h, kind: hybrid, price_per_month: 9, price_per_unit: 1, units_per_customer_month: 5, included_units: -1}", "a number ≥ 0"),
    ])
    func badUsageKeysAreRefused(_ strategy: String, _ fragment: String) {
        let error = Fixtures.loadError(strategies: "[\(strategy)]")
        #expect(error.contains(fragment), "\(error)")
    }
}
