import ArgumentParser
import Foundation
import VentureSim

/// The process's exit codes, documented in the README and `--help`.
enum Exit {
    static let failure = ExitCode(1)
    /// A batch finished, but some scenarios failed, all of them known (each failed the last night it ran),
    /// or some were not run.
    static let batchPartialFailure = ExitCode(3)
    /// A batch finished with new failures: a scenario that was ok the last night it ran (or never ran) fails.
    static let newFailures = ExitCode(4)
    /// A batch finished, no failure new, but its night could not be written to the history (or the history is damaged).
    static let historyNotRecorded = ExitCode(5)
    static let usage = ExitCode(64)
    static let interrupted = ExitCode(130)
    static let terminated = ExitCode(143)
}

/// Prints to standard error, with every control character (but the line
/// breaks), bidirectional control and non-character escaped: messages quote
/// file names and scenario text, and a terminal must not act on them.
func printError(_ message: String) {
    let safe = TextRules.escaped(message, keepLineBreaks: true)
    FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

/// Prints to standard output, escaped like `printError`.
func printOut(_ message: String) {
    print(TextRules.escaped(message, keepLineBreaks: true))
}
