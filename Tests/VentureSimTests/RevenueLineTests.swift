import Foundation
import Testing
@testable import VentureSim

/// Revenue lines (issue 10): each kind on a scenario without randomness, by hand.
@Suite struct RevenueLineTests {
    /// 100 customers from month 1 (fixed adoption, no churn), three months, a subscription at 10:
    /// own 1,000 a month; one-time 50 with 10 % maintenance: 5,000 + 500, then 500, 500;
    /// value-added 20 % at 30: 600 a month; commission 5 % of 1,000: 5,000 a month; advertising 1.5: 150 a month;
    /// consulting min(3, Poisson(10⁶)) = 3 projects at 1,000, 40 % delivery: 3,000 earned, 1,200 spent a month;
    /// freemium 3 free users per paying one at 2: 600 a month. Operations 100 a month carried by no line.
    static let yaml = """
        name: lines
        simulation: {trials: 6, horizon_months: 3}
        market: {size: 100}
        adoption: {model: fixed}
        strategies:
          - name: mix
            kind: subscription
            price_per_month: 10
            revenue:
              - {line: one_time, price: 50, maintenance_monthly_share: 0.1}
              - {line: value_added, attach_rate: 0.2, price_per_month: 30}
              - {line: commission, take_rate: 0.05, volume_per_customer_month: 1000}
              - {line: advertising, revenue_per_customer_month: 1.5}
              - {line: consulting, projects_per_month: 1000000, fee: 1000, delivery_cost_share: 0.4,
                 capacity_per_month: 3}
              - {line: freemium, free_per_paying: 3, serving_cost_per_free_month: 2}
        costs: {operations_monthly: 100}
        """

    @Test func everyLineByHand() throws {
        let s = try Fixtures.load(Self.yaml)
        let summary = try Engine.run(s, workers: 2)
        let st = summary.strategies[0]
        #expect(st.outcome(.revenue).mean == 35_750)
        #expect(st.outcome(.cost).mean == 5_700)
        #expect(st.outcome(.profit).p50 == 30_050)
        let lines = try #require(st.revenueLines)
        #expect(
            lines.map(\.line) == [
                "subscription", "one_time", "value_added", "commission", "advertising", "consulting", "freemium"
            ])
        #expect(lines.map { $0.revenue.mean } == [3_000, 6_500, 1_800, 15_000, 450, 9_000, 0])
        #expect(lines.map(\.cost) == [0, 0, 0, 0, 0, 3_600, 1_800])
        #expect(lines[3].shareP50 == 15_000.0 / 35_750)
        // Deterministic: every profit alone has no spread.
        #expect(st.diversification?.sdProfitMix == 0 && lines.allSatisfy { $0.sdProfitAlone == 0 })
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(
            md.contains("## Revenue lines")
                && md.contains("| consulting | consulting | 9,000 | 9,000 | 25.2 % | 3,600 | 0 |"), "\(md)")
        #expect(s.inputs["strategies.mix.revenue.consulting.capacity_per_month"] == "3")
    }

    /// A line's monthly draws and parameters come from the strategy's own line stream: adding a line leaves
    /// the market, the risks and every other strategy exactly as they were, and the mix spreads less than the
    /// riskiest line alone when the lines move independently.
    @Test func linesKeepTheOtherDrawsAndDiversify() throws {
        let base = WhatIfTests.base
        let withLine = base.replacingOccurrences(
            of: "price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60}}",
            with: """
                price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60},
                     revenue: [{line: advertising, revenue_per_customer_month: {dist: uniform, min: 0, max: 40}},
                               {line: consulting, projects_per_month: 2, fee: {dist: lognormal, p5: 5000, p95: 40000}}]}
                """)
        let a = try Engine.run(Fixtures.load(base), workers: 2), b = try Engine.run(Fixtures.load(withLine), workers: 1)
        #expect(a.strategies[1] == b.strategies[1])
        #expect(a.strategies[0].outcome(.demandShare) == b.strategies[0].outcome(.demandShare))
        #expect(a.strategies[0].outcome(.customers) == b.strategies[0].outcome(.customers))
        let lines = try #require(b.strategies[0].revenueLines)
        #expect(lines.map(\.line) == ["subscription", "advertising", "consulting"])
        let mix = try #require(b.strategies[0].diversification?.sdProfitMix)
        #expect(mix == b.strategies[0].outcome(.profit).sd)
        // Each line alone, worked from the trial columns: its revenue − its cost − the costs no line carries.
        let (plan, c) = try Fixtures.columns(Fixtures.load(withLine))
        func sd(_ x: [Double]) -> Double {
            let m = x.reduce(0, +) / Double(x.count)
            return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
        }
        let n = c.count, first = plan.lineOffsets[0]
        // A total without a column (zero by its line's kind) is 0 in every trial.
        func total(_ k: Int, cost: Bool, _ i: Int) -> Double { c.lineColumn(first + k, cost: cost)?[i] ?? 0 }
        for k in 0..<3 {
            let alone = (0..<n).map { i -> Double in
                let carried = (0..<3).reduce(0.0) { $0 + total($1, cost: true, i) }
                return total(k, cost: false, i) - total(k, cost: true, i) - (c.column(0, .cost)[i] - carried)
            }
            let expected = sd(alone)
            #expect(abs(lines[k].sdProfitAlone! - expected) <= 1e-9 * expected, "\(lines[k].line)")
        }
        // Lines that earn independently of each other spread less together than their spreads added.
        let spreads = (1..<3).map { k in sd((0..<n).map { total(k, cost: false, $0) }) }
        #expect(
            sd((0..<n).map { total(1, cost: false, $0) + total(2, cost: false, $0) })
                < spreads.reduce(0, +))
    }

    @Test(arguments: [
        ("{line: consultancy, fee: 1}", "did you mean 'consulting'"),
        ("{line: commission, take_rate: 0.1}", "missing required key 'volume_per_customer_month'"),
        ("{line: value_added, attach_rate: 20, price_per_month: 3}", "a share from 0 to 1"),
        ("{line: advertising, revenue_per_customer_month: 1, price: 3}", "unknown key 'price'")
    ])
    func badLinesAreNamed(_ line: String, _ fragment: String) {
        let error = Fixtures.loadError(
            strategies: "[{name: s, kind: subscription, price_per_month: 1, revenue: [\(line)]}]")
        #expect(error.contains(fragment) && error.contains("strategies[0].revenue[0]"), "\(error)")
    }
}
