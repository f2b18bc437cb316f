import Foundation
import Testing
@testable import VentureSim

/// The summary's tasks declare which columns they read in trial order; any order those declarations allow must give
/// the same summary, to the last digit. A missing declaration lets a column be reordered before a reader sees it, and
/// an order that runs every reorderer as soon as it is allowed and holds back one kind of reader then finds it.
@Suite struct SummaryScheduleTests {
    /// The kinds of task that read another task's column in trial order (profit and roi read revenue and cost).
    enum Reader: CaseIterable { case comparison, derived, drivers, curves, lines }

    static func reader(_ task: Summarizer.Task) -> Reader? {
        switch task {
        case .comparison: .comparison
        case .drivers: .drivers
        case .curves: .curves
        case .lines: .lines
        case .column(_, let outcome): outcome.isDerived ? .derived : nil
        default: nil
        }
    }

    static func reorders(_ task: Summarizer.Task) -> Bool {
        if case .column(_, let outcome) = task { return !outcome.isDerived }
        return false
    }

    /// The summary of `scenario` at `trials` with the tasks taken one at a time by `choose`.
    static func summary(_ scenario: Scenario, trials: Int, _ choose: @escaping ([Summarizer.Task]) -> Int) throws
        -> Summary
    {
        var scenario = scenario
        scenario.simulation.trials = trials
        let plan = Plan(scenario)
        return Summarizer.summarize(plan, try Simulator.run(plan, workers: 2), workers: 1, choose: choose)
    }

    /// Reorderers as soon as they are allowed, then tasks that read nothing, then readers, `held` last of all.
    static func worstFor(_ held: Reader?) -> ([Summarizer.Task]) -> Int {
        { ready in
            ready.firstIndex(where: reorders) ?? ready.firstIndex { reader($0) == nil }
                ?? ready.firstIndex { reader($0) != held } ?? 0
        }
    }

    /// The reference: every task that reorders a column in place runs last, right whatever is declared.
    static func readersFirst(_ ready: [Summarizer.Task]) -> Int { ready.firstIndex { !reorders($0) } ?? 0 }

    @Test(arguments: [
        "benchmark.yaml", "ai-customer-service-saas.yaml", "consulting-to-platform.yaml",
        "consumer-assistant-ads.yaml", "fintech-risk-scoring-api.yaml", "fintech-series-a.yaml",
        "medical-diagnosis-ai.yaml"
    ])
    func anyAllowedOrderGivesTheSameSummary(file: String) throws {
        let scenario = try Fixtures.scenario(file)
        let expected = try Self.summary(scenario, trials: 6_000, Self.readersFirst)
        let expectedJSON = try JSONReport.render(expected, run: nil)
        var orders: [(String, ([Summarizer.Task]) -> Int)] = [("worst, no reader held", Self.worstFor(nil))]
        orders += Reader.allCases.map { ("worst, \($0) held", Self.worstFor($0)) }
        for seed in 1...2 {
            var g = SplitMix(state: UInt64(seed) &* 7919)
            orders.append(("random \(seed)", { ready in Int.random(in: 0..<ready.count, using: &g) }))
        }
        for (name, order) in orders {
            let summary = try Self.summary(scenario, trials: 6_000, order)
            #expect(summary == expected, "\(file), \(name)")
            #expect(try JSONReport.render(summary, run: nil) == expectedJSON, "\(file), \(name)")
        }
        var whole = scenario
        whole.simulation.trials = 6_000
        let plan = Plan(whole)
        #expect(
            Summarizer.summarize(plan, try Simulator.run(plan, workers: 2), workers: 2) == expected,
            "\(file), the schedule's own order")
    }

    /// Past the chart sample (50,000 trials) and below the bracketed selection (65,536), a reordered column changes
    /// which values the chart curves read.
    @Test func theChartCurvesReadTheirColumnsBeforeTheyAreReordered() throws {
        let scenario = try Fixtures.scenario("benchmark.yaml")
        let expected = try Self.summary(scenario, trials: 60_000, Self.readersFirst)
        #expect(try Self.summary(scenario, trials: 60_000, Self.worstFor(.curves)) == expected)
    }
}
