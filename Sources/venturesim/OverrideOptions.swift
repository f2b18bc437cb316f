import ArgumentParser
import VentureSim

/// `--set PATH=VALUE`, shared by run, validate and batch.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a scenario value: PATH=VALUE, VALUE in YAML (repeatable). Strategies and risks by name: "
                + "strategies.api.price_per_unit=1.5.",
            valueName: "PATH=VALUE"))
    var sets: [String] = []

    /// The parsed overrides; a malformed one is reported and ends the command.
    func overrides() throws -> [Override] {
        var out: [Override] = []
        for s in sets {
            do throws(ScenarioError) {
                out.append(try Override.parse(s))
            } catch {
                printError(error.description)
                throw Exit.failure
            }
        }
        return out
    }
}
