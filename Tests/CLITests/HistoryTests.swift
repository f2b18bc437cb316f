import Foundation
import Testing
import VentureSim

/// The nightly history (SQLite through GRDB): three simulated nights, a trend and drift
/// against the history, a corrupted database and one from a newer version.
@Suite struct HistoryTests {
    static let scenario = """
        name: nightly
        simulation: {trials: 6000, seed: 4, horizon_months: 24}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: COMPETITION}
        adoption: {per: year, innovation: 0.05, imitation: 0.5}
        strategies: [{name: sub, kind: subscription, price_per_month: 50, churn_monthly: 0.02}]
        costs: {training: 100000, operations_monthly: 20000}
        finance: {starting_cash: 300000}
        """

    func night(_ input: URL, _ out: URL, competition: String) throws -> CLIRunner.Result {
        try Self.scenario.replacingOccurrences(of: "COMPETITION", with: competition)
            .write(to: input.appendingPathComponent("nightly.yaml"), atomically: true, encoding: .utf8)
        return try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
    }

    func index(_ out: URL) throws -> BatchIndex {
        try JSONDecoder().decode(BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
    }

    @Test func threeNightsBuildATrendAndDriftIsJudgedAgainstThem() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (n, c) in ["0.2", "0.2", "0.5"].enumerated() {
            let r = try night(input, out, competition: c)
            #expect(r.status == 0, "\(r.stderr)")
            let idx = try index(out)
            #expect(
                idx.history
                    == "recorded in history.sqlite (complete; \(n + 1) night\(n == 0 ? "" : "s") in the last 30)")
            let trend = try #require(idx.entries[0].trend?.first)
            #expect(trend.pLoss.count == n + 1)
            if n == 0 { #expect(trend.drift == nil) }
            // The same inputs and seed give the same figures: no move. Night 3's competition is a change of inputs: the
            // trend breaks there (no drift across it, the change listed beside it), and the move since last night is
            // flagged.
            if n == 1 {
                #expect(trend.drift?.flagged == false && trend.pLoss[0] == trend.pLoss[1] && trend.sameInputNights == 1)
            }
            if n == 2 {
                #expect(trend.drift == nil && trend.sameInputNights == 0 && trend.inputsChangedAt == "tonight")
                #expect(trend.changedInputs == [InputChange(key: "market.competition", old: "0.2", new: "0.5")])
                #expect(idx.entries[0].drift?.first?.flagged == true && trend.pLoss[2] > trend.pLoss[1])
            }
        }
        let md = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(
            md.contains("## Over the nights") && md.contains("| nightly.yaml | sub | 1 of 3 |")
                && md.contains("since tonight: `market.competition` `0.2` → `0.5`"))
        let table = try CLIRunner.run(["history", out.path, "nightly.yaml"])
        #expect(
            table.status == 0 && table.stdout.components(separatedBy: "| nightly.yaml | sub |").count - 1 == 3,
            "\(table.stdout)")
        let json = try CLIRunner.run(["history", out.path, "--json", "--nights", "2"])
        let rows = try JSONDecoder().decode([HistoryRow].self, from: Data(json.stdout.utf8))
        #expect(rows.count == 2 && rows.map(\.nightID) == [2, 3] && rows[1].figures.pLoss > rows[0].figures.pLoss)
    }

    @Test func aCorruptedDatabaseNeverCostsTheReports() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 4096).write(to: out.appendingPathComponent("history.sqlite"))
        let r = try night(input, out, competition: "0.2")
        #expect(r.status == 5, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("nightly.md").path))
        let idx = try index(out)
        #expect(
            idx.entries[0].status == .ok && idx.historyFailed == true
                && idx.history?.hasPrefix("not recorded:") == true, "\(idx.history ?? "")")
        #expect(r.stderr.contains("history not recorded") || r.stderr.contains("error: history:"), "\(r.stderr)")
        #expect(
            try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8).contains(
                "**History not recorded:"))
    }

    @Test func aNewerSchemaIsRefusedAndLeftAlone() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        #expect(try night(input, out, competition: "0.2").status == 0)
        // A later VentureSim's migration, recorded as GRDB records them.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES "
                + "('v9')\"); c.commit()",
            out.appendingPathComponent("history.sqlite").path
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("history.sqlite"))
        let r = try night(input, out, competition: "0.3")
        #expect(r.status == 5)
        #expect(try index(out).history?.contains("was written by a newer VentureSim (schema v9)") == true)
        #expect(try Data(contentsOf: out.appendingPathComponent("history.sqlite")) == before)
        let h = try CLIRunner.run(["history", out.path])
        #expect(h.status == 1 && h.stderr.contains("newer VentureSim"), "\(h.stderr)")
    }
}
