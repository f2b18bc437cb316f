import Foundation
import Testing
import VentureSim

/// Issue 19: the history database is untrusted. A row holding a NULL, a value
/// of the wrong type or out of range is skipped and named (table, row id,
/// column), never a crash; extreme values never stop the index; a symlinked
/// database is refused like any output.
@Suite struct HistoryTamperTests {
    static let scenario = """
        name: nightly
        simulation: {trials: 2000, seed: 4, horizon_months: 24}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: 0.2}
        adoption: {per: year, innovation: 0.05, imitation: 0.5}
        strategies: [{name: sub, kind: subscription, price_per_month: 50, churn_monthly: 0.02}]
        costs: {training: 100000, operations_monthly: 20000}
        finance: {starting_cash: 300000}
        """

    /// A scenario folder and an output folder holding one recorded night.
    func firstNight() throws -> (input: URL, out: URL) {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Self.scenario.write(to: input.appendingPathComponent("nightly.yaml"), atomically: true, encoding: .utf8)
        let r = try batch(input, out)
        #expect(r.status == 0, "\(r.stderr)")
        return (input, out)
    }

    func batch(_ input: URL, _ out: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
    }

    func index(_ out: URL) throws -> BatchIndex {
        try JSONDecoder().decode(BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
    }

    /// Runs SQL on a database with Python's sqlite3 (another SQLite client, as an attacker would use).
    func sql(_ db: URL, _ statement: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", db.path,
            statement
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(statement)")
    }

    struct Tamper: Sendable, CustomStringConvertible {
        var statement: String
        var named: String
        var description: String { statement }
    }

    static let tampers = [
        Tamper(
            statement: "UPDATE figure SET p_loss = NULL",
            named: "figure row 1: p_loss is NULL, expected a probability from 0 to 1"),
        Tamper(
            statement: "UPDATE figure SET p_cash_out = 'lots'",
            named: "figure row 1: p_cash_out is text, expected a probability from 0 to 1"),
        Tamper(
            statement: "UPDATE figure SET p_loss = 1e308",
            named: "figure row 1: p_loss is 1e+308, expected a probability from 0 to 1"),
        Tamper(
            statement: "UPDATE figure SET npv_p50 = 9e999",
            named: "figure row 1: npv_p50 is inf, expected a finite number"),
        Tamper(
            statement: "UPDATE figure SET p_loss_se = -1",
            named: "figure row 1: p_loss_se is -1.0, expected a standard error"),
        Tamper(
            statement: "UPDATE figure SET strategy = x'00ff'",
            named: "figure row 1: strategy is a blob, expected "
                + "text"),
        Tamper(statement: "UPDATE run SET trials = 'many'", named: "run row 1: trials is text, expected an integer"),
        Tamper(
            statement: "UPDATE run SET trials = -5", named: "run row 1: trials is -5, expected a count of at least 1"),
        Tamper(statement: "UPDATE run SET status = x'01'", named: "run row 1: status is a blob, expected text"),
        Tamper(statement: "UPDATE night SET started = x'01'", named: "night row 1: started is a blob, expected text")
    ]

    @Test(arguments: tampers)
    func aDamagedRowIsSkippedAndNamed(_ tamper: Tamper) throws {
        let (input, out) = try firstNight()
        let db = out.appendingPathComponent("history.sqlite")
        try sql(db, tamper.statement)
        // batch: tonight's reports and night are written; the damaged row is named in the index, on stderr, and exit 5.
        let r = try batch(input, out)
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains(tamper.named), "\(r.stderr)")
        let idx = try index(out)
        #expect(idx.entries.map(\.status) == [.ok])
        #expect(
            idx.historyFailed == true
                && idx.history?.hasPrefix("recorded in history.sqlite (complete; 1 night") == true,
            "\(idx.history ?? "")")
        #expect(
            idx.history?.contains("1 damaged row of earlier nights skipped (\(tamper.named)") == true,
            "\(idx.history ?? "")")
        #expect(
            idx.historyWarnings?.count == 1 && idx.historyWarnings?[0].hasPrefix(tamper.named) == true,
            "\(idx.historyWarnings ?? [])")
        #expect(idx.entries[0].trend?.first?.pLoss.count == 1)
        let page = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(page.contains("Damaged rows of the history, skipped:") && page.contains("- " + tamper.named), "\(page)")
        // history: the other rows (tonight's), the damaged one named, exit 3; the JSON stays readable.
        let table = try CLIRunner.run(["history", out.path])
        #expect(table.status == 3 && table.stderr.contains(tamper.named), "\(table.stderr)")
        #expect(table.stdout.components(separatedBy: "| nightly.yaml | sub |").count - 1 == 1, "\(table.stdout)")
        let json = try CLIRunner.run(["history", out.path, "--json"])
        #expect(json.status == 3)
        let rows = try JSONDecoder().decode([HistoryRow].self, from: Data(json.stdout.utf8))
        #expect(rows.map(\.nightID) == [2])
    }

    @Test func hugeFiguresNeverStopTheIndex() throws {
        let (input, out) = try firstNight()
        let db = out.appendingPathComponent("history.sqlite")
        // Finite, so kept: the trend's arithmetic must stay finite (before, the index could not be encoded and stayed
        // pending).
        try sql(
            db,
            "UPDATE figure SET npv_p50 = 1e308, npv_p50_se = 1e308, p_loss_se = 1e308, p_cash_out_se = "
                + "1.7976931348623157e308, npv_mean = -1e308"
        )
        let r = try batch(input, out)
        #expect(r.status == 0, "\(r.stderr)")
        let idx = try index(out)
        #expect(idx.entries.map(\.status) == [.ok] && idx.historyFailed == nil)
        let trend = try #require(idx.entries[0].trend?.first)
        #expect(trend.npvP50.first == 1e308 && trend.drift?.npvP50?.zScore.map(\.isFinite) ?? true)
        #expect(
            try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8).contains(
                "## Over the nights"))
        let h = try CLIRunner.run(["history", out.path, "--json"])
        #expect(h.status == 0 && h.stdout.contains("1e+308"), "\(h.stderr)")
    }

    @Test func textOfTheDatabaseCannotForgeTableRows() throws {
        let (_, out) = try firstNight()
        // A strategy name that would close the cell, add columns and start a forged row, with an escape sequence.
        try sql(
            out.appendingPathComponent("history.sqlite"),
            "UPDATE figure SET strategy = 'sub | 0 % | 0 %' || char(10) || '| 2020 | x.yaml | fake | 0 % |' || "
                + "char(27) || '[2J'"
        )
        let h = try CLIRunner.run(["history", out.path])
        #expect(h.status == 0, "\(h.stderr)")
        let rows = h.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(rows.count == 3, "\(h.stdout)")
        // Every row keeps the table's nine cells: the name's bars are escaped, its newline and ESC written out.
        #expect(
            rows.allSatisfy { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 10 },
            "\(h.stdout)")
        #expect(
            h.stdout.contains("sub \\| 0 % \\| 0 %\\u{A}\\| 2020") && h.stdout.contains("\\u{1B}[2J")
                && !h.stdout.contains("\u{1B}"))
    }

    @Test func aSymlinkedDatabaseIsRefusedLikeAnyOutput() throws {
        let (input, out) = try firstNight()
        let db = out.appendingPathComponent("history.sqlite")
        let victim = out.deletingLastPathComponent().appendingPathComponent("victim.sqlite")
        try FileManager.default.moveItem(at: db, to: victim)
        try FileManager.default.createSymbolicLink(at: db, withDestinationURL: victim)
        let before = try Data(contentsOf: victim)
        let r = try batch(input, out)
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains("symbolic link"), "\(r.stderr)")
        let idx = try index(out)
        #expect(idx.entries.map(\.status) == [.ok] && idx.historyFailed == true)
        #expect(
            idx.history?.hasPrefix("not recorded: cannot use the history") == true
                && idx.history?.contains("symbolic link") == true, "\(idx.history ?? "")")
        #expect(try Data(contentsOf: victim) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: db.path) == victim.path)
        let h = try CLIRunner.run(["history", out.path])
        #expect(h.status == 1 && h.stderr.contains("symbolic link"), "\(h.stderr)")
    }
}

extension HistoryTamperTests {
    /// An attacker's find: a hard link at the history's name had the night written into another SQLite file.
    @Test func aHardLinkedDatabaseIsRefused() throws {
        let (input, out) = try firstNight()
        let db = out.appendingPathComponent("history.sqlite")
        let victim = out.deletingLastPathComponent().appendingPathComponent("victim.sqlite")
        try FileManager.default.moveItem(at: db, to: victim)
        try FileManager.default.linkItem(at: victim, to: db)
        let before = try Data(contentsOf: victim)
        let r = try batch(input, out)
        #expect(r.status == 5 && r.stderr.contains("2 links"), "\(r.stderr)")
        #expect(try index(out).historyFailed == true)
        #expect(try Data(contentsOf: victim) == before)
    }

    /// An attacker's find: a recursive trigger (or a view in place of a table) hung every later night.
    @Test(arguments: [
        (
            "CREATE TRIGGER t AFTER INSERT ON night BEGIN SELECT count(*) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION "
                + "ALL SELECT i + 1 FROM n) SELECT i FROM n); END",
            "trigger 't'"
        ),
        (
            "CREATE VIEW spin AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
            "view 'spin'"
        )
    ])
    func sqlPlantedInTheDatabaseIsRefused(_ statement: String, _ named: String) throws {
        let (input, out) = try firstNight()
        try sql(out.appendingPathComponent("history.sqlite"), statement)
        let r = try batch(input, out)
        #expect(r.status == 5 && r.stderr.contains(named) && r.stderr.contains("never creates"), "\(r.stderr)")
        #expect(try index(out).entries.map(\.status) == [.ok])
        let h = try CLIRunner.run(["history", out.path])
        #expect(h.status == 1 && h.stderr.contains(named), "\(h.stderr)")
    }

    /// An attacker's find: swift-log printed a file name's ESC sequence raw in the batch's log lines.
    @Test func logLinesEscapeFileNames() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Self.scenario.write(
            to: input.appendingPathComponent("x\u{1B}]0;PWNED\u{07}\u{1B}[31mRED.yaml"), atomically: true,
            encoding: .utf8)
        let r = try CLIRunner.run(["batch", input.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("running") || r.stderr.contains("done"), "\(r.stderr)")
        #expect(
            !r.stderr.unicodeScalars.contains("\u{1B}") && !r.stderr.unicodeScalars.contains("\u{07}"), "\(r.stderr)")
    }
}
