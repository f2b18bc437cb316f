import Foundation
@testable import VentureSim

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func scenarioPath(_ name: String) -> String { root.appendingPathComponent("scenarios/\(name)").path }

    static func scenario(_ name: String) throws -> Scenario { try ScenarioFile.load(path: scenarioPath(name)) }

    static func load(_ yaml: String) throws -> Scenario { try ScenarioLoader.load(text: yaml, file: "test.yaml") }

    /// The error text of a minimal scenario with `extra` lines added; "" when it loads.
    static func loadError(
        _ extra: String = "", strategies: String = "[{name: s, kind: subscription, price_per_month: 1}]"
    ) -> String {
        do {
            _ = try load("name: bad\nmarket: {size: 10}\nstrategies: \(strategies)\n" + extra)
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Runs a scenario and keeps the per-trial columns (not consumed by summarizing).
    static func columns(_ scenario: Scenario, workers: Int = 2) throws -> (Plan, TrialColumns) {
        let plan = Plan(scenario)
        return (plan, try Simulator.run(plan, workers: workers))
    }
}
