import Foundation
import GRDB

/// A night as the history records it: when it started, how it ended, and each scenario file's status.
public struct NightRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var started: String
    /// `complete`, `interrupted (SIGTERM)`; nil for a night recorded before nights said so (complete).
    public var status: String?
    public var finished: String?
    public var exitStatus: Int64?
    /// File → status (`ok`, `failed`, `interrupted`, `timed_out`, `not_run`, …).
    public var runs: [String: String]

    enum CodingKeys: String, CodingKey { case id, started, status, finished, exitStatus = "exit_status", runs }
}

extension NightRecord {
    /// Each file's status on the last of `nights` (oldest first) on which it ran: a night that was interrupted before
    /// the file's turn (`not_run`, `interrupted`) says nothing of it, so a known failure stays known across it.
    public static func lastOutcomes(_ nights: [NightRecord]) -> [String: String] {
        var last: [String: String] = [:]
        for n in nights {
            for (file, status) in n.runs where !["not_run", "interrupted", "pending"].contains(status) {
                last[file] = status
            }
        }
        return last
    }
}

extension History {
    /// The last `limit` nights, oldest first, each with its files' statuses. Values of the wrong type (a tampered
    /// database) read as absent; a run row without a text file name or status is left out.
    public func nights(limit: Int = Int.max) throws(HistoryError) -> [NightRecord] {
        do {
            return try db.read { db in
                let nights = try Row.fetchAll(
                    db, sql: "SELECT id, started, status, finished, exit_status FROM night ORDER BY id DESC LIMIT ?",
                    arguments: [min(max(limit, 0), 1_000_000)])
                var out: [NightRecord] = []
                for n in nights.reversed() {
                    guard case .int64(let id) = n["id"].map({ $0.databaseValue.storage }) ?? .null else { continue }
                    let text = { (key: String) -> String? in
                        if case .string(let s) = n[key].map({ $0.databaseValue.storage }) ?? .null { s } else { nil }
                    }
                    var exit: Int64?
                    if case .int64(let e) = n["exit_status"].map({ $0.databaseValue.storage }) ?? .null { exit = e }
                    var runs: [String: String] = [:]
                    for r in try Row.fetchAll(
                        db, sql: "SELECT file, status FROM run WHERE nightId = ? LIMIT 100000", arguments: [id])
                    {
                        if case .string(let f) = r["file"].map({ $0.databaseValue.storage }) ?? .null,
                            case .string(let s) = r["status"].map({ $0.databaseValue.storage }) ?? .null
                        {
                            runs[f] = s
                        }
                    }
                    out.append(
                        NightRecord(
                            id: id, started: text("started") ?? "?", status: text("status"), finished: text("finished"),
                            exitStatus: exit, runs: runs))
                }
                return out
            }
        } catch {
            throw HistoryError(reason: "cannot read the history: \(error)")
        }
    }

    /// Deletes every night but the last `keep` (their runs and figures with them, by the schema's cascade: GRDB enables
    /// foreign keys); how many nights were deleted.
    @discardableResult
    public func prune(keep: Int) throws(HistoryError) -> Int {
        do {
            return try db.write { db in
                try db.execute(
                    sql: "DELETE FROM night WHERE id NOT IN (SELECT id FROM night ORDER BY id DESC LIMIT ?)",
                    arguments: [max(0, keep)])
                return db.changesCount
            }
        } catch {
            throw HistoryError(reason: "cannot prune the history: \(error)")
        }
    }
}
