import Testing
@testable import VentureSim

/// Targets of the whole horizon: `funding_need`, `npv`, `lowest_cash` (issue 22).
@Suite struct HorizonTargetTests {
    /// The deterministic plan of `WhatIfTests.fundingNeedAndTargetsByHand`: cumulative profit −6,000, −7,000, …,
    /// −11,000, so funding need 11,000 and NPV −11,000 (no discounting); starting cash 8,000 gives cash 2,000 … −3,000,
    /// lowest −3,000.
    static let hand =
        WhatIfTests.handPlan + """
            targets:
              - {name: need, metric: funding_need, at_most: 11000}
              - {name: need-less, metric: funding_need, at_most: 10999}
              - {name: arr, metric: annual_run_rate, month: 3, at_least: 12000}
              - {name: npv, metric: npv, at_least: -11000}
              - {name: npv-more, metric: npv, at_least: -10999}
              - {name: cash, metric: lowest_cash, at_least: -3000}
              - {name: cash-more, metric: lowest_cash, at_least: -2999}
            """

    /// Ten trials: eight in lanes and two on the scalar path, so both count the horizon targets.
    @Test func horizonTargetsByHand() throws {
        let s = try Fixtures.load(Self.hand)
        #expect(s.targets[0].month == 6 && s.targets[0].words == "funding_need over the horizon ≤ 11,000")
        let summary = try Engine.run(s, workers: 2)
        #expect(summary.strategies[0].targets.map(\.probability) == [1, 0, 1, 1, 0, 1, 0])
        let scalar = try Simulator.run(Plan(s), workers: 1, path: .scalar)
        #expect(scalar.targetCounts == [10, 0, 10, 10, 0, 10, 0])
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(md.contains("| need | `funding_need` over the horizon ≤ 11,000 | 100 % ± 0 pp |"), "\(md)")
    }

    /// A horizon target with a month, and a funding trigger on a horizon metric, are refused at their key paths.
    @Test func horizonMetricsAreValidated() {
        let withMonth = Fixtures.loadError("targets: [{name: t, metric: npv, month: 3, at_least: 0}]")
        #expect(withMonth.contains("targets[0].month") && withMonth.contains("takes no 'month'"), "\(withMonth)")
        let noMonth = Fixtures.loadError("targets: [{name: t, metric: cash, at_least: 0}]")
        #expect(noMonth.contains("targets[0]") && noMonth.contains("month"), "\(noMonth)")
        let unknown = Fixtures.loadError("targets: [{name: t, metric: funding, at_most: 0}]")
        #expect(unknown.contains("targets[0].metric") && unknown.contains("'funding_need'"), "\(unknown)")
        let trigger = Fixtures.loadError(
            """
            funding: [{name: a, when: {metric: lowest_cash, at_most: 0}, amount: 100, pre_money: 1000}]
            """)
        #expect(trigger.contains("funding[0].when.metric") && trigger.contains("whole horizon"), "\(trigger)")
    }
}
