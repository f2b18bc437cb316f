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
        /// Running when the batch was stopped by a signal: no report written.
        case interrupted
        /// Stopped at `--timeout-per-scenario`: no report written.
        case timedOut = "timed_out"
        /// In the previous index, but its file is no longer in the folder: its old reports remain, marked.
        case gone
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
        /// True when the scenario failed (failed, invalid or timed out) tonight but not the last night it ran.
        public var newFailure: Bool?
        /// Reports left from an earlier run that tonight did not replace (the scenario failed, or its file is gone),
        /// with when that run was: they are not tonight's figures.
        public var staleReport: String?

        enum CodingKeys: String, CodingKey {
            case file, scenario, status, error, seconds, report, json, headlines, drift, trend
            case changedInputs = "changed_inputs", newFailure = "new_failure", staleReport = "stale_report"
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
    /// When the batch ended, and with which exit status (see docs/operations.md).
    public var finished: String?
    public var exitStatus: Int32?
    /// How many scenario files ended in each status (`ok`, `failed`, …), and the total.
    public var totals: [String: Int]?
    /// The scenario files that failed tonight but not the last night they ran, in name order.
    public var newFailures: [String]?
    /// How the night ended, as the history records it: `complete`, or `interrupted (SIGTERM)`.
    public var nightStatus: String { interrupted.map { "interrupted (\($0))" } ?? "complete" }

    public init(folder: String, started: String, trialsOverride: Int?, entries: [Entry]) {
        self.folder = folder
        self.started = started
        self.trialsOverride = trialsOverride
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case folder, started, trialsOverride = "trials_override", entries, interrupted, history
        case historyFailed = "history_failed", historyWarnings = "history_warnings"
        case finished, exitStatus = "exit_status", totals, newFailures = "new_failures"
    }

    /// A batch stopped by `signal`: the scenarios `running` are interrupted, every other one still waiting is not run.
    public mutating func markInterrupted(signal: String, running: Set<Int> = []) {
        interrupted = signal
        for i in entries.indices where entries[i].status == .pending {
            entries[i].status = running.contains(i) ? .interrupted : .notRun
            if running.contains(i), entries[i].error == nil {
                entries[i].error = "\(signal) received while running; no report written"
            }
        }
    }

    /// The statuses that are failures of the scenario itself (not of the batch: interrupted, not run).
    public static let failures: Set<Status> = [.invalid, .failed, .timedOut, .skipped]

    /// Marks each failing entry whose file did not fail the last night it ran (`lastNight`: file → its status then,
    /// a file absent from it is new) and fills `newFailures` and `totals`.
    public mutating func classifyFailures(lastNight: [String: String]?) {
        var new: [String] = []
        for i in entries.indices where Self.failures.contains(entries[i].status) {
            let before = lastNight?[entries[i].file].flatMap(Status.init(rawValue:))
            let isNew = before.map { !Self.failures.contains($0) } ?? true
            entries[i].newFailure = isNew
            if isNew { new.append(entries[i].file) }
        }
        newFailures = new.sorted()
        var t = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        t["total"] = entries.count
        totals = t
    }

    /// Counts of each status, in one pass (the index is rewritten often).
    public var counts: [Status: Int] { entries.reduce(into: [:]) { $0[$1.status, default: 0] += 1 } }
}

extension BatchIndex.Status {
    /// Every status in the order an index counts them.
    public static let shown: [BatchIndex.Status] = [
        .ok, .invalid, .failed, .timedOut, .interrupted, .skipped, .notRun, .pending, .gone
    ]
}
