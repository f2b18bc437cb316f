/// What a batch run did with each scenario file: the index written beside
/// the reports (as index.md and index.json).
public struct BatchIndex: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Reports written.
        case ok
        /// The file is not a valid scenario.
        case invalid
        /// Valid, but the run or the writing of its reports failed.
        case failed
        /// Not run: the batch was interrupted first.
        case notRun = "not_run"
        /// Waiting its turn (only in an index written while the batch runs).
        case pending
        /// Not read: not a regular file, or a symbolic link leaving the scenario folder.
        case skipped
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var file: String
        public var scenario: String?
        public var status: Status
        public var error: String?
        public var seconds: Double?
        public var report: String?
        public var json: String?
        public var headlines: [Headline]
        /// Movement against the previous run's JSON, when there was one.
        public var drift: [Drift]?
        /// Inputs that differ from the previous run's (empty: none); nil when
        /// there was no previous result, or it predates inputs in the JSON.
        public var changedInputs: [InputChange]?
        /// The strategies over the nights of the history, when there is one.
        public var trend: [Trend]?

        enum CodingKeys: String, CodingKey {
            case file, scenario, status, error, seconds, report, json, headlines, drift, trend
            case changedInputs = "changed_inputs"
        }

        public init(file: String, status: Status) {
            self.file = file
            self.status = status
            self.headlines = []
        }
    }

    public var folder: String
    public var started: String
    public var trialsOverride: Int?
    public var entries: [Entry]
    /// Why the batch stopped early (a signal), if it did.
    public var interrupted: String?
    /// What became of the night in the history database: recorded, or why not.
    public var history: String?
    /// True when the history could not be read or written, in whole or in part
    /// (damaged rows skipped): the reports are written all the same.
    public var historyFailed: Bool?
    /// The damaged rows of the history that were skipped, each named by table,
    /// row id and column (the first `HistoryRead.namedLimit`, then a count).
    public var historyWarnings: [String]?

    public init(folder: String, started: String, trialsOverride: Int?, entries: [Entry]) {
        self.folder = folder
        self.started = started
        self.trialsOverride = trialsOverride
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case folder, started, trialsOverride = "trials_override", entries, interrupted, history
        case historyFailed = "history_failed", historyWarnings = "history_warnings"
    }

    /// A batch stopped by `signal`: every scenario not run says so, and the night is not recorded.
    public mutating func markInterrupted(signal: String) {
        interrupted = signal
        for i in entries.indices where entries[i].status == .pending { entries[i].status = .notRun }
        history = "not recorded: the batch was interrupted"
    }

    public var allOK: Bool { entries.allSatisfy { $0.status == .ok } && historyFailed != true }

    /// Counts of each status, in one pass (the index is rewritten often).
    public var counts: [Status: Int] { entries.reduce(into: [:]) { $0[$1.status, default: 0] += 1 } }
}
