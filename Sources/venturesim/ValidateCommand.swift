import ArgumentParser
import VentureSim

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without running them.",
        discussion: "Prints every problem found, with file, line, column and key path; exits 1 if any file is invalid."
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var scenarios: [String]

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("Give at least one scenario file to check.") }
    }

    func run() throws {
        var failed = false
        for path in scenarios {
            do {
                let s = try ScenarioFile.load(path: path)
                print("\(path): ok (\(s.name): \(s.strategies.count) strategies, \(s.risks.count) risks, \(s.simulation.trials) trials, \(s.simulation.horizonMonths) months)")
            } catch {
                printError(error.description)
                failed = true
            }
        }
        if failed { throw Exit.failure }
    }
}
