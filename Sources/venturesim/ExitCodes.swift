import ArgumentParser
import Foundation

/// The process's exit codes, documented in the README and `--help`.
enum Exit {
    static let failure = ExitCode(1)
    static let batchPartialFailure = ExitCode(3)
    static let usage = ExitCode(64)
    static let interrupted = ExitCode(130)
    static let terminated = ExitCode(143)
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}
