import ArgumentParser
import VentureSim

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without running them.",
        discussion: """
            Prints every problem found, with file, line, column and key path; exits 1 if any file is invalid. \
            Values that are legal but probably not meant get a ⚠ line (they do not fail the check).
            """
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var scenarios: [String]

    @OptionGroup var what: OverrideOptions

    @Flag(help: "Print every input in words, as the report's Inputs section does, so a misreading shows before a run.")
    var explain = false

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("Give at least one scenario file to check.") }
    }

    func run() throws {
        var failed = false
        let overrides = try what.overrides()
        for path in scenarios {
            let shown = TextRules.escaped(path)  // a line break in a file name too: one message, one line
            do {
                let s = try ScenarioFile.load(path: path, overrides: overrides)
                let counts = [
                    (s.strategies.count, "strategy", "strategies"), (s.risks.count, "risk", "risks"),
                    (s.simulation.trials, "trial", "trials"), (s.simulation.horizonMonths, "month", "months")
                ]
                .map { n, one, many in "\(NumberFormat.grouped(Int64(n))) \(n == 1 ? one : many)" }
                printOut("\(shown): ok (\(s.name): \(counts.joined(separator: ", ")))")
                for c in s.expectedClamping where c.share > ClampedInput.warningShare {
                    printError("\(shown): " + c.warning(measured: false))
                }
                for w in s.warnings { printError("\(shown): " + TextRules.escaped(w.line)) }
                if explain {
                    for (input, words) in MarkdownReport.inputRows(s) {
                        printOut("  " + TextRules.escaped("\(input): \(words)"))
                    }
                }
            } catch {
                printError(error.description)
                failed = true
            }
        }
        if failed { throw Exit.failure }
    }
}
