import Foundation
import Logging
import VentureSim

/// The batch index as it stands, shared by the batch's loop and a forced
/// exit (the grace period over, or a second signal): whichever writes last,
/// the index on disk never says `pending` for a scenario that will not run.
final class LiveIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var index: BatchIndex
    private var writer: IndexWriter
    /// Set once the batch wrote its final index: a forced exit then leaves it as it is.
    private var finished = false
    /// The entries whose scenarios are running.
    private var running: Set<Int> = []

    init(_ index: BatchIndex, writer: IndexWriter) {
        self.index = index
        self.writer = writer
    }

    /// The index now.
    var current: BatchIndex {
        lock.lock()
        defer { lock.unlock() }
        return index
    }

    /// Changes the index, then rewrites it (at most once a second unless `force`).
    @discardableResult
    func update(force: Bool, _ change: (inout BatchIndex) -> Void) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        change(&index)
        return writer.write(index, force: force)
    }

    /// Notes that entry `i`'s scenario starts (`true`) or ends.
    func running(_ i: Int, _ on: Bool) {
        lock.lock()
        if on { running.insert(i) } else { running.remove(i) }
        lock.unlock()
    }

    /// Writes the batch's final index; later forced exits leave it alone.
    func finish(_ final: BatchIndex) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        index = final
        finished = true
        return writer.write(index, force: true)
    }

    /// At a forced exit: every scenario still waiting (and the one running)
    /// becomes `not run`, the index is written, and the lock is kept so that
    /// the batch's loop writes nothing after it. nil when the final index was
    /// already written.
    /// `record`: records the night in the history, true when it did (before the index says so).
    func writeForcedExit(signal: String, exitStatus: Int32, record: (BatchIndex) -> Bool) -> BatchIndex? {
        lock.lock()
        guard !finished else { lock.unlock(); return nil }
        for i in running where index.entries.indices.contains(i) && index.entries[i].status == .pending {
            index.entries[i].error = "\(signal) received while running; stopped at once, its reports not all written"
        }
        index.markInterrupted(signal: signal, running: running)
        index.finished = ISO8601DateFormatter().string(from: Date())
        index.exitStatus = exitStatus
        index.classifyFailures(lastNight: nil)
        index.newFailures = nil
        index.history =
            record(index)
            ? "recorded as interrupted (stopped at once: no trends tonight)" : "not recorded: stopped at once"
        writer.write(index, force: true)
        return index
    }
}

/// Rewrites the batch index: at the start, at the end, and in between at most
/// once a second, so a batch of many small scenarios spends time linear in
/// its size on the index (each rewrite is a whole file and two fsyncs).
struct IndexWriter {
    let out: String
    let log: Logger
    private var last = Date.distantPast
    static let interval = 1.0

    init(out: String, log: Logger) {
        self.out = out
        self.log = log
    }

    @discardableResult
    mutating func write(_ index: BatchIndex, force: Bool) -> Bool {
        guard force || Date().timeIntervalSince(last) >= Self.interval else { return true }
        last = Date()
        do {
            try AtomicFile.writeAll([
                AtomicFile.Output(
                    path: (out as NSString).appendingPathComponent("index.json"), data: JSONReport.encode(index)),
                AtomicFile.Output(
                    path: (out as NSString).appendingPathComponent("index.md"), text: BatchIndexReport.render(index)),
                AtomicFile.Output(
                    path: (out as NSString).appendingPathComponent("index.html"),
                    text: HTMLReport.render(
                        title: "VentureSim batch: \(index.folder)",
                        head: BatchIndexReport.document(index, linking: "html"),
                        links: Set(
                            index.entries.compactMap { $0.report.map { BatchIndexReport.linkTarget($0, "html") } })))
            ])
            return true
        } catch {
            log.error("cannot write index", metadata: ["error": "\(error)"])
            printError("error: \(error)")
            return false
        }
    }
}

extension BatchIndex {
    /// The batch's one line on standard output: `batch FOLDER: 3 ok, 1 invalid, …; new failures: 1 (b.yaml);
    /// history: recorded …; finished …; exit 4; index: OUT/index.md`.
    func summaryLine(out: String) -> String {
        let counts = counts
        let summary = BatchIndex.Status.shown.filter {
            [.ok, .invalid, .failed, .skipped, .notRun].contains($0) || counts[$0, default: 0] > 0
        }
        .map { "\(counts[$0, default: 0]) \(BatchIndexReport.label($0))" }.joined(separator: ", ")
        var parts = ["batch \(folder): \(entries.count) scenario file\(entries.count == 1 ? "" : "s"): \(summary)"]
        if let new = newFailures {
            let names = new.prefix(5).joined(separator: ", ") + (new.count > 5 ? ", …" : "")
            parts.append("new failures: \(new.count)\(new.isEmpty ? "" : " (\(names))")")
        }
        if let h = history { parts.append("history \(h)") }
        if let f = finished { parts.append("finished \(f)") }
        if let e = exitStatus { parts.append("exit \(e)") }
        parts.append("index: \(out)/index.md")
        return parts.joined(separator: "; ")
    }
}
