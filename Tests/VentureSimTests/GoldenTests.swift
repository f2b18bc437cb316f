import Foundation
import Testing
@testable import VentureSim

/// Every shipped scenario gives the numbers it gave before the opt-in
/// extensions, to the last digit (Tests/golden holds them).
@Suite struct GoldenTests {
    static let names = ["ai-customer-service-saas", "benchmark", "fintech-risk-scoring-api", "medical-diagnosis-ai",
                        "worked-check-subscription", "worked-check-demand"]

    @Test(arguments: names)
    func shippedScenarioIsUnchanged(_ name: String) throws {
        var scenario = try Fixtures.scenario("\(name).yaml")
        scenario.simulation.trials = 3000
        var summary = try Engine.run(scenario, workers: 2)
        summary.charts = nil
        let golden = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/golden/\(name).json")))
        #expect(summary == golden)
    }
}
