import Foundation
import Testing
@testable import VentureSim

/// Every shipped scenario gives the numbers it gave before, to the last digit (Tests/golden holds them):
/// at 3,000 trials, and at 100,000, above the summary's long-column threshold where the bracketed selection
/// and the radix sort's long path run, each on one worker and on two.
@Suite struct GoldenTests {
    /// Every scenario in scenarios/ (a test below fails when one is added without a golden).
    static let names = [
        "ai-customer-service-saas", "ai-phone-receptionist", "benchmark", "consulting-to-platform",
        "consumer-assistant-ads",
        "fintech-risk-scoring-api", "fintech-series-a", "medical-diagnosis-ai",
        "worked-check-subscription", "worked-check-demand"
    ]

    /// Trials of the long runs: above `BracketSelection.minimumCount`, so the long-column path is what they check.
    static let longTrials = 100_000

    static func golden(_ name: String, trials: Int) throws -> Summary {
        let folder = trials == 3000 ? "Tests/golden" : "Tests/golden/\(trials)"
        return try JSONDecoder().decode(
            Summary.self, from: Data(contentsOf: Fixtures.root.appendingPathComponent("\(folder)/\(name).json")))
    }

    static func run(_ name: String, trials: Int, workers: Int) throws -> Summary {
        var scenario = try Fixtures.scenario("\(name).yaml")
        scenario.simulation.trials = trials
        var summary = try Engine.run(scenario, workers: workers)
        summary.charts = nil
        return summary
    }

    @Test(arguments: names, [1, 2])
    func shippedScenarioIsUnchanged(_ name: String, workers: Int) throws {
        #expect(try Self.run(name, trials: 3000, workers: workers) == Self.golden(name, trials: 3000))
    }

    /// The long path on one and on two workers. (In the debug build that `swift test` makes, the ten scenarios
    /// take about a minute on two workers; see Tests/golden/README.md.)
    @Test(arguments: names, [1, 2])
    func shippedScenarioIsUnchangedAboveTheLongColumnThreshold(_ name: String, workers: Int) throws {
        #expect(
            try Self.run(name, trials: Self.longTrials, workers: workers) == Self.golden(name, trials: Self.longTrials))
    }

    @Test func theLongRunsAreAboveTheThreshold() {
        #expect(Self.longTrials > BracketSelection.minimumCount)
    }

    @Test func everyShippedScenarioHasGoldens() throws {
        let shipped = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.root.appendingPathComponent("scenarios").path
        )
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(shipped == Self.names.sorted())
    }
}
