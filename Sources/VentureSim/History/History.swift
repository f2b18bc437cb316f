import Foundation
import GRDB

/// The nightly history of a batch output folder: every night's headline
/// figures of every scenario, in SQLite (`history.sqlite`), schema versioned
/// by GRDB migrations. A database written by a newer VentureSim (a migration
/// this one does not know) is refused, never altered.
public final class History {
    public static let fileName = "history.sqlite"
    /// The schema's migrations, oldest first.
    static let migrations = ["v1", "v2"]
    /// How many past nights drift and trends look at.
    public static let window = 30

    let db: DatabaseQueue

    /// Opens (creating when absent) and migrates the history at `path`.
    /// Like every output, it is refused when it is a symbolic link (or
    /// anything but a regular file): a link planted at its name would have
    /// the night written into whatever SQLite file it points at.
    public init(path: String) throws(HistoryError) {
        try Self.refuseLinks(path)
        var config = Configuration()
        config.busyMode = .timeout(2)
        // SQLite has already opened the file here, before any read or write: a link swapped in since the check above is
        // refused too.
        config.prepareDatabase { _ in try Self.refuseLinks(path) }
        do {
            db = try DatabaseQueue(path: path, configuration: config)
            try Self.refuseForeignCode(db, path: path)
            let migrator = Self.migrator
            let applied = try db.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(Self.migrations)
            if !unknown.isEmpty {
                throw HistoryError(
                    reason:
                        "\(path) was written by a newer VentureSim (schema "
                        + "\(unknown.sorted().joined(separator: ", "))); this one knows "
                        + "\(Self.migrations.joined(separator: ", ")) and leaves it as it is")
            }
            try migrator.migrate(db)
        } catch let e as HistoryError {
            throw e
        } catch {
            throw HistoryError(reason: "\(path): \(error)")
        }
    }

    /// Triggers and views run SQL that the file's author wrote whenever VentureSim writes or reads a
    /// table: a recursive one hangs every later night. VentureSim creates neither, so a history that
    /// holds one was made elsewhere, and is refused by name.
    static func refuseForeignCode(_ db: DatabaseQueue, path: String) throws {
        let found = try db.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name LIMIT 5"
            )
            .map { row -> String in
                let type: String = (row["type"] as String?) ?? "?", name: String = (row["name"] as String?) ?? "?"
                return "\(type) '\(TextRules.escaped(name))'"
            }
        }
        guard found.isEmpty else {
            throw HistoryError(
                reason:
                    "cannot use the history \(path): it holds \(found.joined(separator: ", ")), which VentureSim never "
                    + "creates (SQL that would run on every night); move it away to start a new history")
        }
    }

    /// Throws unless `path` is absent or a regular file with one link: the check `AtomicFile` makes of every
    /// output, and the lock's: a hard link would have the night written into another SQLite file.
    static func refuseLinks(_ path: String) throws(HistoryError) {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_nlink > 1 {
            throw HistoryError(
                reason: "cannot use the history \(path): it has \(st.st_nlink) links (a hard link to another file); "
                    + "the history is a file of its own")
        }
        do throws(AtomicFile.WriteError) {
            switch try AtomicFile.target(path) {
            case .absent, .regular: return
            case .stream:
                throw AtomicFile.WriteError(path: path, reason: "it is a device or pipe; the history is a regular file")
            }
        } catch {
            throw HistoryError(reason: "cannot use the history \(path): \(error.reason)")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "night") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started", .text).notNull()
                t.column("engine", .text).notNull()
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("night", onDelete: .cascade).notNull()
                t.column("file", .text).notNull()
                t.column("scenario", .text)
                t.column("digest", .text)
                t.column("seed", .text)
                t.column("trials", .integer)
                t.column("status", .text).notNull()
                t.column("seconds", .double)
            }
            try db.create(table: "figure") { t in
                t.belongsTo("run", onDelete: .cascade).notNull()
                t.column("strategy", .text).notNull()
                for c in [
                    "p_loss", "p_loss_se", "p_cash_out", "p_cash_out_se", "npv_mean", "npv_se", "npv_p5", "npv_p50",
                    "npv_p50_se", "npv_p95",
                    "funding_need_p90"
                ] {
                    t.column(c, .double)
                }
            }
        }
        // Issue 27: how each night ended (complete or interrupted), and each run's inputs, so that a trend can say
        // which inputs changed at a break.
        m.registerMigration("v2") { db in
            try db.alter(table: "night") { t in
                t.add(column: "status", .text)
                t.add(column: "finished", .text)
                t.add(column: "exit_status", .integer)
            }
            try db.alter(table: "run") { t in t.add(column: "inputs", .text) }
        }
        return m
    }

    /// Records one night: how it ended (`status`: complete, interrupted (SIGTERM)), its scenarios' statuses and
    /// figures.
    public func record(
        night: String, status: String = "complete", finished: String? = nil, exitStatus: Int32? = nil,
        runs: [NightRun]
    ) throws(HistoryError) {
        do {
            try db.write { db in
                try db.execute(
                    sql: "INSERT INTO night (started, engine, status, finished, exit_status) VALUES (?, ?, ?, ?, ?)",
                    arguments: [night, VentureSimVersion.current, status, finished, exitStatus.map { Int($0) }])
                let nightID = db.lastInsertedRowID
                for r in runs {
                    try db.execute(
                        sql: """
                            INSERT INTO run (nightId, file, scenario, digest, seed, trials, status, seconds, inputs)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            nightID, r.file, r.scenario, r.digest, r.seed.map(String.init), r.trials, r.status,
                            r.seconds,
                            r.inputs.flatMap(NightRun.encode)
                        ])
                    let runID = db.lastInsertedRowID
                    for f in r.figures {
                        try db.execute(
                            sql: """
                                INSERT INTO figure (runId, strategy, p_loss, p_loss_se, p_cash_out, p_cash_out_se,
                                    npv_mean, npv_se, npv_p5, npv_p50, npv_p50_se, npv_p95, funding_need_p90)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                runID, f.strategy, f.pLoss, f.pLossSE, f.pCashOut, f.pCashOutSE, f.npvMean, f.npvSE,
                                f.npvP5, f.npvP50,
                                f.npvP50SE, f.npvP95, f.fundingNeedP90
                            ])
                    }
                }
            }
        } catch {
            throw HistoryError(reason: "cannot record the night: \(error)")
        }
    }

    /// Every recorded figure, oldest night first; of one scenario file (or
    /// scenario name) when given, of the last `nights` nights. A row holding a
    /// NULL, a value of the wrong type or out of range is skipped and named.
    public func rows(scenario: String? = nil, nights: Int = Int.max) throws(HistoryError) -> HistoryRead {
        do {
            return try db.read { db in
                // Ids read from their storage: a tampered `night` table may hold anything there.
                let recent = try Row.fetchAll(
                    db, sql: "SELECT id FROM night ORDER BY id DESC LIMIT ?",
                    arguments: [min(max(nights, 0), 1_000_000)]
                )
                .compactMap { row -> Int64? in
                    if case .int64(let id) = row["id"].map({ $0.databaseValue.storage }) { id } else { nil }
                }
                guard !recent.isEmpty else { return HistoryRead(rows: [], skipped: []) }
                var sql = """
                    SELECT \(HistoryRowDecoder.columns)
                    FROM figure JOIN run ON figure.runId = run.id JOIN night ON run.nightId = night.id
                    WHERE night.id IN (\(recent.map(String.init).joined(separator: ",")))
                    """
                var arguments: StatementArguments = []
                if let scenario {
                    sql += " AND (run.file = ? OR run.scenario = ?)"
                    arguments = [scenario, scenario]
                }
                sql += " ORDER BY night.id, run.file, figure.rowid"
                var read = HistoryRead(rows: [], skipped: [])
                var seen = Set<String>()
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() {
                    do throws(SkippedRow) {
                        read.rows.append(try HistoryRowDecoder.decode(row))
                    } catch {
                        // A damaged run row spoils each of its figures' rows: name it once.
                        if seen.insert(error.description).inserted { read.skipped.append(error) }
                    }
                }
                return read
            }
        } catch {
            throw HistoryError(reason: "cannot read the history: \(error)")
        }
    }
}

/// Why the history could not be read or written.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
