import VentureSim

/// The scenario a `run` or an `audit` works on: the file given (or the built-in default) with the command's
/// overrides, its text kept (a shard's partial result carries it, so a merge rebuilds exactly this scenario).
struct CommandScenario {
    var scenario: Scenario
    var text: String
    var file: String

    /// Loads `path` (the default scenario when nil); an invalid file is reported on standard error and ends the
    /// command with `Exit.failure`. Warnings about values that were probably not meant go to standard error.
    static func load(_ path: String?, overrides: [Override]) throws -> CommandScenario {
        let file = path ?? DefaultScenario.fileName
        var text = DefaultScenario.text
        let s: Scenario
        do throws(ScenarioError) {
            if let path { text = try ScenarioFile.read(path: path) }
            s = try ScenarioLoader.load(text: text, file: file, overrides: overrides)
        } catch {
            printError(error.description)
            throw Exit.failure
        }
        for w in s.warnings { printError("\(TextRules.escaped(s.name)): " + TextRules.escaped(w.line)) }
        return CommandScenario(scenario: s, text: text, file: file)
    }
}
