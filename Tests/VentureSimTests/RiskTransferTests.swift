import Foundation
import Testing
@testable import VentureSim

/// Insurance, a delayed launch and drifting prices and costs (issue 10),
/// each on a scenario without randomness, against a hand computation.
@Suite struct RiskTransferTests {
    /// A risk that fires every month (probability 1) costing 1,000, insured
    /// with a premium of 10, deductible 200, cover 50 %, limit 300: the insurer
    /// pays min(300, 0.5 · 800) = 300, so a month costs 700 + 10. Three months: 2,130.
    @Test func insurancePaysAboveTheDeductibleUpToTheLimit() throws {
        let s = try Fixtures.load(
            """
            name: insured
            simulation: {trials: 5, horizon_months: 3}
            market: {size: 0}
            strategies: [{name: s, kind: subscription, price_per_month: 0}]
            risks:
              - name: outage
                category: technical
                annual_probability: 1
                cost: 1000
                insurance: {premium_monthly: 10, deductible: 200, cover_share: 0.5, limit: 300}
            """)
        #expect(s.risks[0].insurance?.covered(1000) == 300 && s.risks[0].insurance?.covered(150) == 0)
        let summary = try Engine.run(s, workers: 2)
        let st = summary.strategies[0]
        #expect(st.outcome(.cost).mean == 2130 && st.outcome(.profit).p50 == -2130)
        let i = try #require(st.risks[0].insurance)
        #expect(i == InsuranceSummary(meanCostUninsured: 3000, meanCovered: 900, premiums: 30, meanCostInsured: 2130))
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(
            md.contains("| outage | 50 % above 200, at most 300 a firing, 10 a month | 3,000 | 900 | 30 | 2,130 |"),
            "\(md)")
        #expect(
            s.inputs["risks.outage.insurance"] == "{premium_monthly: 10, deductible: 200, cover_share: 0.5, limit: 300}"
        )
    }

    /// Fixed adoption of 100 customers at 10 a month and 5 to acquire each, launch planned for month 3:
    /// months 3 … 6 earn 1,000 each, acquisition (month 3) costs 500. A risk that fires every
    /// month and delays the launch by a month keeps pushing it: 3 → 4 (month 1), 5 (2), 6 (3),
    /// 7 (4), 8 (5): no customers within six months.
    @Test func aLaunchMonthAndRisksThatDelayIt() throws {
        let base = """
            name: launch
            simulation: {trials: 4, horizon_months: 6}
            market: {size: 100, launch_month: 3}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: 10}]
            costs: {acquisition_cost: 5, operations_monthly: 1}
            """
        let planned = try Engine.run(Fixtures.load(base), workers: 1).strategies[0]
        #expect(
            planned.outcome(.revenue).mean == 4000 && planned.outcome(.cost).mean == 506
                && planned.breakevenMonthP50 == 3)
        let delayed = try Fixtures.load(
            base + """

                risks: [{name: slow-training, category: technical, annual_probability: 1, delay_months: 1}]
                """)
        let summary = try Engine.run(delayed, workers: 2)
        #expect(summary.strategies[0].outcome(.revenue).mean == 0 && summary.strategies[0].outcome(.cost).mean == 6)
        #expect(summary.launch == LaunchSummary(planned: 3, pDelayed: 1, pNotWithinHorizon: 1, month: nil))
        // A delay of 1 fired only in month 1 (a risk cannot fire in one month alone, so: a two-month horizon, launch 2
        // → 3).
        let short = try Fixtures.load(
            base.replacingOccurrences(of: "horizon_months: 6", with: "horizon_months: 4")
                .replacingOccurrences(of: "launch_month: 3", with: "launch_month: 1") + """

                    risks: [{name: slow-training, category: technical, annual_probability: 1, delay_months: 1}]
                    """)
        // Launch 1 → month 1 is not before launch 1, so nothing is pushed: it launches on time.
        let onTime = try Engine.run(short, workers: 1)
        #expect(
            onTime.launch?.pDelayed == 0 && onTime.launch?.month?.p50 == 1
                && onTime.strategies[0].outcome(.revenue).mean == 4000)
        #expect(
            MarkdownReport.render(scenario: delayed, summary: summary, command: "x").contains(
                "Launch: planned for month 3; pushed back in 100 % of trials"))
    }

    /// Prices grow 21 % a year and running costs fall 19 % a year: month t's price is
    /// 10 · 1.21^((t−1)/12) and its operations 1,000 · 0.81^((t−1)/12), per customer 2 · 0.81^((t−1)/12).
    @Test func pricesAndCostsDrift() throws {
        let s = try Fixtures.load(
            """
            name: drift
            simulation: {trials: 3, horizon_months: 13}
            market: {size: 50}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: 10}]
            costs: {operations_monthly: 1000, cost_per_customer_monthly: 2, acquisition_cost: 7,
                    cost_trend_annual: -0.19}
            finance: {price_growth_annual: 0.21}
            """)
        let (_, c) = try Fixtures.columns(s)
        let months = (1...13).map { Double($0 - 1) / 12 }
        let revenue = months.reduce(0) { $0 + 50 * 10 * pow(1.21, $1) }
        let cost = months.reduce(0) { $0 + (1000 + 50 * 2) * pow(0.81, $1) } + 50 * 7
        #expect(close(c.value(strategy: 0, .revenue, trial: 2), revenue))
        #expect(close(c.value(strategy: 0, .cost, trial: 2), cost))
        // Month 13 is a year on: exactly 1.21 and 0.81 times month 1's.
        #expect(Plan(s).priceFactor?[13] == 1.21 && Plan(s).costFactor?[13] == 0.81)
        #expect(s.inputs["finance.price_growth_annual"] == "0.21" && s.inputs["costs.cost_trend_annual"] == "-0.19")
    }

    @Test(arguments: [
        (
            "risks: [{name: r, category: legal, annual_probability: 0.1, insurance: {premium_monthly: 5}}]",
            "covers the risk's 'cost'"
        ),
        (
            "risks: [{name: r, category: legal, annual_probability: 0.1, cost: 5, insurance: {cover_share: 2}}]",
            "from 0 to 1"
        ),
        (
            "risks: [{name: r, category: legal, annual_probability: 0.1, cost: 5, insurance: {premium: 2}}]",
            "did you mean 'premium_monthly'"
        ),
        ("finance: {price_growth_annual: -1}", "a yearly rate above −1"),
        ("risks: [{name: r, category: legal, annual_probability: 0.1, delay_months: 0}]", "delay_months")
    ])
    func badValuesAreNamed(_ line: String, _ fragment: String) {
        let error = Fixtures.loadError(line)
        #expect(error.contains(fragment), "\(error)")
    }
}
