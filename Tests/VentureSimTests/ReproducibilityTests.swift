import Foundation
import Testing
@testable import VentureSim

/// docs/model.md#randomness-and-reproducibility: same scenario and seed, same numbers, whatever the split.
@Suite struct ReproducibilityTests {
    func benchmark(trials: Int, seed: UInt64? = nil) throws -> Scenario {
        var s = try Fixtures.scenario("benchmark.yaml")
        s.simulation.trials = trials
        if let seed { s.simulation.seed = seed }
        return s
    }

    @Test func identicalForAnyWorkerCount() throws {
        let s = try benchmark(trials: 30_001)
        let one = try Engine.run(s, workers: 1)
        #expect(try Engine.run(s, workers: 2) == one)
        #expect(try Engine.run(s, workers: 3) == one)
        #expect(try Engine.run(s, workers: 8) == one)
        let json1 = try JSONReport.render(one, run: nil)
        let json2 = try JSONReport.render(try Engine.run(s, workers: 2), run: nil)
        #expect(json1 == json2)
        let md = MarkdownReport.render(scenario: s, summary: one, command: "x")
        #expect(md == MarkdownReport.render(scenario: s, summary: try Engine.run(s, workers: 4), command: "x"))
    }

    @Test func trialRangesMergeToTheWholeRun() throws {
        let plan = Plan(try benchmark(trials: 10_000))
        let whole = try Simulator.run(plan, workers: 2)
        let first = try Simulator.run(plan, trials: 0..<6_123, workers: 1)
        let second = try Simulator.run(plan, trials: 6_123..<10_000, workers: 2)
        for s in 0..<2 {
            for outcome in Outcome.allCases {
                for t in stride(from: 0, to: 10_000, by: 37) {
                    let part =
                        t < 6_123
                        ? first.value(strategy: s, outcome, trial: t)
                        : second.value(strategy: s, outcome, trial: t - 6_123)
                    let w = whole.value(strategy: s, outcome, trial: t)
                    #expect(part == w || (part.isNaN && w.isNaN))
                }
            }
        }
    }

    @Test func differentSeedsDiffer() throws {
        let a = try Engine.run(try benchmark(trials: 5_000, seed: 1), workers: 2)
        let b = try Engine.run(try benchmark(trials: 5_000, seed: 2), workers: 2)
        #expect(a.strategies[0].outcome(.npv) != b.strategies[0].outcome(.npv))
    }

    /// Common random numbers: a strategy's trial does not depend on the other strategies.
    @Test func addingAStrategyLeavesTheOthersUnchanged() throws {
        var s = try benchmark(trials: 3_000)
        let alone = try Engine.run(s, workers: 2)
        s.strategies.append(
            Strategy(name: "extra", kind: .subscription, pricePerMonth: .init(.uniform(min: 50, max: 150))))
        let more = try Engine.run(s, workers: 2)
        #expect(more.strategies[0] == alone.strategies[0])
        #expect(more.strategies[1] == alone.strategies[1])
    }

    @Test func cancellationStopsTheRun() throws {
        let monitor = RunMonitor()
        monitor.cancel()
        #expect(throws: RunError.cancelled) {
            try Simulator.run(Plan(try benchmark(trials: 100_000)), workers: 2, monitor: monitor)
        }
    }
}
