import Foundation
import GRDB

/// The nightly history of a batch output folder: every night's headline
/// figures of every scenario, in SQLite (`history.sqlite`), schema versioned
/// by GRDB migrations. A database written by a newer VentureSim (a migration
/// this one does not know) is refused, never altered.
public final class History {
    public static let fileName = "history.sqlite"
    /// The schema's migrations, oldest first.
    static let migrations = ["v1"]
    /// How many past nights drift and trends look at.
    public static let window = 30

    let db: DatabaseQueue

    /// Opens (creating when absent) and migrates the history at `path`.
    public init(path: String) throws(HistoryError) {
        var config = Configuration()
        config.busyMode = .timeout(2)
        do {
            db = try DatabaseQueue(path: path, configuration: config)
            let migrator = Self.migrator
            let applied = try db.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(Self.migrations)
            if !unknown.isEmpty {
                throw HistoryError(reason: "\(path) was written by a newer VentureSim (schema \(unknown.sorted().joined(separator: ", "))); this one knows "
                    + "\(Self.migrations.joined(separator: ", ")) and leaves it as it is")
            }
            try migrator.migrate(db)
        } catch let e as HistoryError {
            throw e
        } catch {
            throw HistoryError(reason: "\(path): \(error)")
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
                for c in ["p_loss", "p_loss_se", "p_cash_out", "p_cash_out_se", "npv_mean", "npv_se", "npv_p5", "npv_p50", "npv_p50_se", "npv_p95",
                          "funding_need_p90"] {
                    t.column(c, .double)
                }
            }
        }
        return m
    }

    /// Records one night: its scenarios' statuses and figures.
    public func record(night: String, runs: [NightRun]) throws(HistoryError) {
        do {
            try db.write { db in
                try db.execute(sql: "INSERT INTO night (started, engine) VALUES (?, ?)", arguments: [night, VentureSimVersion.current])
                let nightID = db.lastInsertedRowID
                for r in runs {
                    try db.execute(sql: "INSERT INTO run (nightId, file, scenario, digest, seed, trials, status, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [nightID, r.file, r.scenario, r.digest, r.seed.map(String.init), r.trials, r.status, r.seconds])
                    let runID = db.lastInsertedRowID
                    for f in r.figures {
                        try db.execute(sql: """
                            INSERT INTO figure (runId, strategy, p_loss, p_loss_se, p_cash_out, p_cash_out_se, npv_mean, npv_se, npv_p5, npv_p50,
                                                npv_p50_se, npv_p95, funding_need_p90) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [runID, f.strategy, f.pLoss, f.pLossSE, f.pCashOut, f.pCashOutSE, f.npvMean, f.npvSE, f.npvP5, f.npvP50,
                                             f.npvP50SE, f.npvP95, f.fundingNeedP90])
                    }
                }
            }
        } catch {
            throw HistoryError(reason: "cannot record the night: \(error)")
        }
    }

    /// Every recorded figure, oldest night first; of one scenario file (or scenario name) when given, of the last `nights` nights.
    public func rows(scenario: String? = nil, nights: Int = Int.max) throws(HistoryError) -> [HistoryRow] {
        do {
            return try db.read { db in
                let recent = try Int64.fetchAll(db, sql: "SELECT id FROM night ORDER BY id DESC LIMIT ?", arguments: [min(nights, 1_000_000)])
                guard !recent.isEmpty else { return [] }
                var sql = """
                    SELECT night.id AS nightID, night.started, run.file, run.scenario, run.digest, run.seed, run.trials, run.status, figure.*
                    FROM figure JOIN run ON figure.runId = run.id JOIN night ON run.nightId = night.id
                    WHERE night.id IN (\(recent.map(String.init).joined(separator: ",")))
                    """
                var arguments: StatementArguments = []
                if let scenario {
                    sql += " AND (run.file = ? OR run.scenario = ?)"
                    arguments = [scenario, scenario]
                }
                sql += " ORDER BY night.id, run.file, figure.rowid"
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(HistoryRow.init)
            }
        } catch {
            throw HistoryError(reason: "cannot read the history: \(error)")
        }
    }
}

/// What a night records of one scenario file.
public struct NightRun: Sendable {
    public var file: String
    public var scenario: String?
    public var digest: String?
    public var seed: UInt64?
    public var trials: Int?
    public var status: String
    public var seconds: Double?
    public var figures: [NightFigures]

    public init(file: String, scenario: String?, digest: String?, seed: UInt64?, trials: Int?, status: String, seconds: Double?, figures: [NightFigures]) {
        (self.file, self.scenario, self.digest, self.seed, self.trials) = (file, scenario, digest, seed, trials)
        (self.status, self.seconds, self.figures) = (status, seconds, figures)
    }
}

/// One strategy's headline figures of a night, with their standard errors.
public struct NightFigures: Codable, Sendable, Equatable {
    public var strategy: String
    public var pLoss: Double
    public var pLossSE: Double
    public var pCashOut: Double
    public var pCashOutSE: Double
    public var npvMean: Double?
    public var npvSE: Double?
    public var npvP5: Double?
    public var npvP50: Double?
    public var npvP50SE: Double?
    public var npvP95: Double?
    public var fundingNeedP90: Double?

    enum CodingKeys: String, CodingKey {
        case strategy
        case pLoss = "p_loss", pLossSE = "p_loss_se", pCashOut = "p_cash_out", pCashOutSE = "p_cash_out_se", npvMean = "npv_mean", npvSE = "npv_se"
        case npvP5 = "npv_p5", npvP50 = "npv_p50", npvP50SE = "npv_p50_se", npvP95 = "npv_p95", fundingNeedP90 = "funding_need_p90"
    }

    /// A run's figures, strategy by strategy.
    public static func of(_ summary: Summary) -> [NightFigures] {
        zip(summary.strategies, Headline.of(summary)).map { s, h in
            let npv = s.outcome(.npv)
            return NightFigures(strategy: s.name, pLoss: h.pLoss, pLossSE: h.pLossSE, pCashOut: h.pCashOut, pCashOutSE: h.pCashOutSE,
                                npvMean: npv.mean, npvSE: npv.se, npvP5: npv.p5, npvP50: npv.p50, npvP50SE: h.npvP50SE, npvP95: npv.p95,
                                fundingNeedP90: s.fundingNeed?.p90)
        }
    }
}

/// One row of the history: a night, a scenario file, a strategy's figures.
public struct HistoryRow: Codable, Sendable, Equatable {
    /// The night's number in the database (nights are numbered in the order they were recorded).
    public var nightID: Int64
    /// When the night's batch started.
    public var night: String
    public var file: String
    public var scenario: String?
    public var digest: String?
    public var seed: String?
    public var trials: Int?
    public var status: String
    public var figures: NightFigures

    init(_ row: Row) {
        nightID = row["nightID"]
        night = row["started"]
        file = row["file"]
        scenario = row["scenario"]
        digest = row["digest"]
        seed = row["seed"]
        trials = row["trials"]
        status = row["status"]
        figures = NightFigures(strategy: row["strategy"], pLoss: row["p_loss"], pLossSE: row["p_loss_se"], pCashOut: row["p_cash_out"],
                               pCashOutSE: row["p_cash_out_se"], npvMean: row["npv_mean"], npvSE: row["npv_se"], npvP5: row["npv_p5"],
                               npvP50: row["npv_p50"], npvP50SE: row["npv_p50_se"], npvP95: row["npv_p95"], fundingNeedP90: row["funding_need_p90"])
    }
}

/// Why the history could not be read or written.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
