import ArgumentParser
import Logging
import VentureSim

@main
struct VentureSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venturesim",
        abstract: "Monte Carlo strategy and risk simulator for AI start-ups.",
        discussion: """
            Exit codes: 0 success; 1 a scenario is invalid or a run failed; \
            3 a batch finished with known failures only; 4 a batch finished with new failures; \
            5 a batch finished but could not write its history; 64 bad command-line usage; \
            130 interrupted (SIGINT); 143 terminated (SIGTERM).
            """,
        version: VentureSimVersion.current,
        subcommands: [
            RunCommand.self, AuditCommand.self, BatchCommand.self, MergeCommand.self, HistoryCommand.self,
            ValidateCommand.self, SampleCommand.self, NewCommand.self
        ],
        defaultSubcommand: RunCommand.self
    )
}

/// Logs go to standard error through swift-log, so standard output stays for results; what they quote
/// of file names and messages is escaped for the terminal.
let loggingBootstrapped: Void = LoggingSystem.bootstrap {
    EscapingLogHandler(inner: StreamLogHandler.standardError(label: $0))
}
