import Foundation
import Testing
@testable import VentureSim

/// Deadlines on rounds and what became of each round: closed, company dead before it, condition never met, came due
/// and did not close (issue 21), by hand.
@Suite struct RoundFateTests {
    /// 100 customers at 100 a month from month 1: revenue 10,000 a month, so revenue to date reaches 60,000 in month 6.
    static func yaml(operations: Int = 0, cash: Int = 0, horizon: Int = 12, funding: String) -> String {
        """
        name: fates
        simulation: {trials: 3, horizon_months: \(horizon)}
        market: {size: 100}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 100}]
        costs: {operations_monthly: \(operations)}
        finance: {starting_cash: \(cash)}
        funding:
        \(funding)
        """
    }

    static func round(_ latest: Int) -> String {
        "  - {name: late, when: {metric: revenue_to_date, at_least: 60000}, latest_month: \(latest), amount: 1000, "
            + "pre_money: 9000}"
    }

    /// The metric crosses in month 6: a deadline of month 5 (one month early) and the round never closes, its condition
    /// not met in its window; a deadline of month 6 and it closes in month 6 in every trial.
    @Test func aMetricCrossingOneMonthLateNeverCloses() throws {
        let late = try #require(
            try Engine.run(Fixtures.load(Self.yaml(funding: Self.round(5))), workers: 2).strategies[0].funding?.rounds[
                0])
        #expect(
            late.pClosed == 0 && late.pNotTriggered == 1 && late.pFailedBefore == 0 && late.pDeclined == 0
                && late.monthP50 == nil)
        let inTime = try #require(
            try Engine.run(Fixtures.load(Self.yaml(funding: Self.round(6))), workers: 2).strategies[0].funding?.rounds[
                0])
        #expect(inTime.pClosed == 1 && inTime.pNotTriggered == 0)
        // The interpolation between equal months may leave a last-bit difference (as the cash-out month's does).
        #expect(close(inTime.monthP10, 6) && inTime.monthP50 == 6 && close(inTime.monthP90, 6))
    }

    /// Profit −40,000 a month from a starting cash of 100,000: cash 60,000, 20,000, −20,000: dead in month 3.
    /// A fixed round in month 5 and a trigger met in month 6 (no deadline) both find the company dead before they come
    /// due; a trigger with a deadline of month 2 had its window close unmet while the company lived; a fixed round in
    /// month 1 that never closes came due and did not close.
    @Test func failureBeforeARoundIsCountedAsSuch() throws {
        let funding = """
              - {name: fixed, month: 5, amount: 1000, pre_money: 9000}
              - {name: trigger, when: {metric: revenue_to_date, at_least: 60000}, amount: 1000, pre_money: 9000}
              - {name: window, when: {metric: revenue_to_date, at_least: 60000}, latest_month: 2, amount: 1000,
                 pre_money: 9000}
              - {name: declined, month: 1, amount: 1000, pre_money: 9000, close_probability: 0}
            """
        let s = try Fixtures.load(Self.yaml(operations: 50000, cash: 100000, funding: funding))
        let summary = try Engine.run(s, workers: 2)
        let f = try #require(summary.strategies[0].funding)
        #expect(f.pFailed == 1)
        #expect(f.rounds.map(\.pFailedBefore) == [1, 1, 0, 0])
        #expect(f.rounds.map(\.pNotTriggered) == [0, 0, 1, 0])
        #expect(f.rounds.map(\.pDeclined) == [0, 0, 0, 1])
        #expect(f.rounds.map(\.pClosed) == [0, 0, 0, 0])
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(md.contains("| fixed | 0 % | 100 % | 0 % | 0 % | never |"), "\(md)")
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        for key in ["p_failed_before", "p_not_triggered", "p_declined", "gap_beyond_plan"] {
            #expect(json.contains("\"\(key)\""), "\(key)")
        }
    }

    /// A deadline on a fixed round means nothing (the round is due in its month) but may not be before it.
    @Test func aDeadlineOnAFixedRoundChangesNothing() throws {
        let f = try #require(
            try Engine.run(
                Fixtures.load(Self.yaml(funding: "  - {name: a, month: 3, latest_month: 8, amount: 1, pre_money: 9}")),
                workers: 1
            ).strategies[0].funding?.rounds[0])
        #expect(f.pClosed == 1 && f.monthP50 == 3)
    }

    @Test(arguments: [
        (
            "funding: [{name: a, when: {metric: cash, at_least: 1}, earliest_month: 6, latest_month: 5, amount: 1, "
                + "pre_money: 2}]",
            "funding[0].latest_month: 'latest_month' 5 is before 'earliest_month' 6"
        ),
        (
            "funding: [{name: a, when: {metric: cash, at_least: 1}, latest_month: 99, amount: 1, pre_money: 2}]",
            "funding[0].latest_month"
        ),
        (
            "funding: [{name: a, when: {metric: cash, at_least: 1}, latest_month: 0, amount: 1, pre_money: 2}]",
            "funding[0].latest_month"
        ),
        (
            "funding: [{name: a, month: 4, latest_month: 3, amount: 1, pre_money: 2}]",
            "'latest_month' 3 is before the round's 'month' 4"
        ),
        (
            "funding: [{name: a, when: {metric: cash, at_least: 1}, latest_month: soon, amount: 1, pre_money: 2}]",
            "funding[0].latest_month"
        )
    ])
    func badDeadlinesAreNamed(_ line: String, _ fragment: String) {
        let error = Fixtures.loadError(line)
        #expect(error.contains(fragment), "\(error)")
    }
}
