import Foundation
import Testing
@testable import VentureSim

/// Wording a memo can quote without misleading (issue 7).
@Suite struct ReportWordingTests {
    @Test func probabilitiesNeverRoundToACertainty() {
        #expect(NumberFormat.probability(0.99996) == "> 99.9 %")
        #expect(NumberFormat.probability(0.00004) == "< 0.1 %")
        #expect(NumberFormat.probability(1) == "100 %")
        #expect(NumberFormat.probability(0) == "0 %")
        #expect(NumberFormat.probability(0.5) == "50 %")
        #expect(NumberFormat.probability(0.9984) == "99.8 %")
        #expect(NumberFormat.probability(0.0012) == "0.12 %")
    }

    @Test func absurdMagnitudesAreScientific() {
        #expect(NumberFormat.amount(3.2e306) == "3.2e+306")
        #expect(NumberFormat.amount(-1.5e15) == "−1.5e+15")
        #expect(NumberFormat.amount(2.5e9) == "2.5 B")
        #expect(NumberFormat.amount(999e9) == "999 B")
        #expect(NumberFormat.amount(1.2e12).count < 12)
    }

    /// A plan that always profits: VaR95 is negative and is said to be a profit.
    @Test func negativeValueAtRiskReadsAsAProfit() throws {
        let s = try Fixtures.load(
            """
            name: sure
            simulation: {trials: 2000, horizon_months: 12}
            market: {size: {dist: uniform, min: 1000, max: 2000}}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: 100}]
            """)
        let summary = try Engine.run(s, workers: 2)
        #expect(summary.strategies[0].var95 < 0)
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(md.contains("Even the 5th-percentile outcome is a profit of"))
        #expect(md.contains("none (profit "))
        #expect(!md.contains("| −"))  // no bare negative VaR in the summary table
        #expect(md.contains("Cash is not stopped at zero"))
        #expect(md.contains("| 0 % | 0 % |"))  // P(loss), P(cash out) exactly zero
    }
}
