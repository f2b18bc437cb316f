import GRDB

/// A row of the history that could not be read: the table, its row id, the
/// column and what was wrong. The database is untrusted (anyone who can write
/// the output folder can edit it), so such a row is skipped and named, never
/// decoded by force.
public struct SkippedRow: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var table: String
    /// The row's id in its table; nil when the id itself is not an integer.
    public var rowID: Int64?
    public var column: String
    /// What the column holds and what was expected: `is NULL, expected a probability from 0 to 1`.
    public var problem: String

    enum CodingKeys: String, CodingKey { case table, rowID = "row_id", column, problem }

    /// `figure row 3: p_loss is NULL, expected a probability from 0 to 1`.
    public var what: String { "\(table) row \(rowID.map(String.init) ?? "?"): \(column) \(problem)" }
    public var description: String { what + "; row skipped" }
}

/// What `History.rows` read: the rows that passed, and those skipped.
public struct HistoryRead: Sendable {
    public var rows: [HistoryRow]
    /// Each damaged row once, in the order met.
    public var skipped: [SkippedRow]

    /// How many skipped rows are named one by one (in warnings, the index); the rest are counted.
    public static let namedLimit = 20

    /// The skipped rows as warning lines: the first `namedLimit`, then a line counting the rest.
    public var warnings: [String] {
        let named = skipped.prefix(Self.namedLimit).map(\.description)
        let rest = skipped.count - named.count
        return named + (rest > 0 ? ["and \(rest) more damaged row\(rest == 1 ? "" : "s") skipped"] : [])
    }
}

/// Reads one joined row of the history (night, run, figure) column by column
/// from its SQLite storage class, checking type and range: what a night
/// records is text where text is due, integers where integers are, and
/// finite numbers, probabilities from 0 to 1 and standard errors ≥ 0.
struct HistoryRowDecoder {
    /// The SELECT list the decoder reads, with each table's row id.
    static let columns = """
        night.id AS night_row, night.started,
        run.id AS run_row, run.file, run.scenario, run.digest, run.seed, run.trials, run.status, run.inputs,
        figure.rowid AS figure_row, figure.strategy, figure.p_loss, figure.p_loss_se,
        figure.p_cash_out, figure.p_cash_out_se, figure.npv_mean, figure.npv_se,
        figure.npv_p5, figure.npv_p50, figure.npv_p50_se, figure.npv_p95, figure.funding_need_p90
        """

    let row: Row

    /// The row, or the first problem found in it.
    static func decode(_ row: Row) throws(SkippedRow) -> HistoryRow {
        let d = HistoryRowDecoder(row: row)
        let nightID = try d.integer("night", "id", "night_row")
        let figures = NightFigures(
            strategy: try d.text("figure", "strategy"),
            pLoss: try d.probability("p_loss"), pLossSE: try d.standardError("p_loss_se"),
            pCashOut: try d.probability("p_cash_out"), pCashOutSE: try d.standardError("p_cash_out_se"),
            npvMean: try d.amount("npv_mean"), npvSE: try d.optionalStandardError("npv_se"),
            npvP5: try d.amount("npv_p5"), npvP50: try d.amount("npv_p50"),
            npvP50SE: try d.optionalStandardError("npv_p50_se"),
            npvP95: try d.amount("npv_p95"), fundingNeedP90: try d.amount("funding_need_p90"))
        let trials = try d.optionalInteger("run", "trials")
        if let trials, trials < 1 { throw d.problem("run", "trials", "is \(trials), expected a count of at least 1") }
        return HistoryRow(
            nightID: nightID, night: try d.text("night", "started"), file: try d.text("run", "file"),
            scenario: try d.optionalText("run", "scenario"), digest: try d.optionalText("run", "digest"),
            seed: try d.optionalText("run", "seed"), trials: trials.map(Int.init), status: try d.text("run", "status"),
            figures: figures, inputs: (try? d.optionalText("run", "inputs")).flatMap { $0 }.flatMap(NightRun.decode))
    }

    /// The id of `table`'s row in this joined row, when it is an integer.
    func rowID(_ table: String) -> Int64? {
        if case .int64(let id) = row[table + "_row"].flatMap({ $0.databaseValue.storage }) { return id }
        return nil
    }

    func problem(_ table: String, _ column: String, _ what: String) -> SkippedRow {
        SkippedRow(table: table, rowID: rowID(table), column: column, problem: what)
    }

    /// The storage of `column` (named `alias` in the SELECT when it differs).
    func storage(_ column: String, _ alias: String? = nil) -> DatabaseValue.Storage {
        row[alias ?? column].map { $0.databaseValue.storage } ?? .null
    }

    /// How a stored value reads in a message: `NULL`, `text`, `a blob`, `1e+308`.
    static func describe(_ s: DatabaseValue.Storage) -> String {
        switch s {
        case .null: return "NULL"
        case .int64(let i): return "\(i)"
        case .double(let x): return "\(x)"
        case .string: return "text"
        case .blob: return "a blob"
        }
    }

    func text(_ table: String, _ column: String) throws(SkippedRow) -> String {
        guard let s = try optionalText(table, column) else { throw problem(table, column, "is NULL, expected text") }
        return s
    }

    func optionalText(_ table: String, _ column: String) throws(SkippedRow) -> String? {
        switch storage(column) {
        case .null: return nil
        case .string(let s): return s
        case let other: throw problem(table, column, "is \(Self.describe(other)), expected text")
        }
    }

    func integer(_ table: String, _ column: String, _ alias: String? = nil) throws(SkippedRow) -> Int64 {
        guard let i = try optionalInteger(table, column, alias) else {
            throw problem(table, column, "is NULL, expected an integer")
        }
        return i
    }

    func optionalInteger(_ table: String, _ column: String, _ alias: String? = nil) throws(SkippedRow) -> Int64? {
        switch storage(column, alias) {
        case .null: return nil
        case .int64(let i): return i
        case let other: throw problem(table, column, "is \(Self.describe(other)), expected an integer")
        }
    }

    /// A finite number of the figure table, or nil for NULL; `expected` says what it should be.
    func number(_ column: String, expected: String, valid: (Double) -> Bool) throws(SkippedRow) -> Double? {
        let x: Double
        switch storage(column) {
        case .null: return nil
        case .int64(let i): x = Double(i)
        case .double(let d): x = d
        case let other: throw problem("figure", column, "is \(Self.describe(other)), expected \(expected)")
        }
        guard x.isFinite, valid(x) else {
            throw problem("figure", column, "is \(Self.describe(.double(x))), expected \(expected)")
        }
        return x
    }

    func required(_ column: String, expected: String, valid: (Double) -> Bool) throws(SkippedRow) -> Double {
        guard let x = try number(column, expected: expected, valid: valid) else {
            throw problem("figure", column, "is NULL, expected \(expected)")
        }
        return x
    }

    func probability(_ column: String) throws(SkippedRow) -> Double {
        try required(column, expected: "a probability from 0 to 1") { (0...1).contains($0) }
    }

    func standardError(_ column: String) throws(SkippedRow) -> Double {
        try required(column, expected: "a standard error (a finite number ≥ 0)") { $0 >= 0 }
    }

    func optionalStandardError(_ column: String) throws(SkippedRow) -> Double? {
        try number(column, expected: "a standard error (a finite number ≥ 0)") { $0 >= 0 }
    }

    func amount(_ column: String) throws(SkippedRow) -> Double? {
        try number(column, expected: "a finite number") { _ in true }
    }
}
