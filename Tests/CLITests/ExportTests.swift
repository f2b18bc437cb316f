import Foundation
import Testing
import VentureSim

/// `--samples PATH.csv`: every trial, RFC 4180, written like every other output.
@Suite struct ExportTests {
    static let scenario = """
        name: export
        simulation: {trials: 5000, seed: 3, horizon_months: 18}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: {dist: uniform, min: 0.1, max: 0.4}}
        strategies:
          - {name: sub, kind: subscription, price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60}}
          - {name: api, kind: api, price_per_unit: 2, units_per_customer_month: {dist: lognormal, p5: 10, p95: 100},
             unit_cost: 0.5}
        costs: {training: 200000, operations_monthly: 30000}
        risks:
          - {name: 'leak, "big"', category: legal, annual_probability: 0.2, cost: 50000}
        finance: {starting_cash: 300000}
        """

    /// Runs `f.yaml` in `dir` writing `f.md`, `f.json` and the per-trial CSV `f.csv`; the CSV's header and rows.
    static func runWritingSamples(in dir: URL) throws -> (header: [String], rows: [[String]]) {
        let r = try CLIRunner.run(
            ["run", "f.yaml", "--quiet", "--report", "f.md", "--json", "f.json", "--samples", "f.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOf: dir.appendingPathComponent("f.csv"), encoding: .utf8).split(
            separator: "\r\n")
        return (fields(lines[0]), lines.dropFirst().map(fields))
    }

    /// RFC 4180 fields of one line (quotes doubled inside quoted fields).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false, i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex && line[next] == "\"" {
                        field.append("\""); i = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field); field = ""
            } else {
                field.append(c)
            }
            i = line.index(after: i)
        }
        return out + [field]
    }

    @Test func theCSVRoundTripsToTheJSON() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario.write(to: dir.appendingPathComponent("e.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(
            ["run", "e.yaml", "--quiet", "--report", "e.md", "--json", "e.json", "--samples", "e.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("e.csv"), encoding: .utf8)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 5001)
        let header = Self.fields(lines[0])
        #expect(header.prefix(4) == ["trial", "market.size", "market.competition", "strategies.sub.churn_monthly"])
        #expect(
            header.contains("risks.leak, \"big\".firings") && lines[0].contains("\"risks.leak, \"\"big\"\".firings\""))
        #expect(header.contains("sub.npv") && header.contains("api.funding_need") && header.contains("demand_share"))
        let rows = lines.dropFirst().map(Self.fields)
        #expect(rows.allSatisfy { $0.count == header.count })
        #expect(rows.map { $0[0] } == (0..<5000).map(String.init))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("e.json")))
            as! [String: Any]
        for (k, s) in (json["strategies"] as! [[String: Any]]).enumerated() {
            let column = header.firstIndex(of: "\(s["name"]!).npv")!
            let values = rows.map { Double($0[column])! }
            // Kahan-free but in double: 5,000 terms lose far less than 1e-12 relative.
            let mean = values.reduce(0, +) / Double(values.count)
            let expected = ((s["outcomes"] as! [String: Any])["npv"] as! [String: Any])["mean"] as! Double
            #expect(abs(mean - expected) <= 1e-12 * abs(expected), "strategy \(k): \(mean) vs \(expected)")
        }
        // Every number reads back to a double: 17 significant digits.
        #expect(rows[0][1].filter(\.isNumber).count >= 16)
        #expect(!CLIRunner.files(in: dir).contains { $0.hasPrefix(AtomicFile.temporaryPrefix) })
    }

    /// With funding rounds, each strategy's failure month and each round's columns (a round name with a comma and
    /// quotes is quoted like any name); the share of filled failure months is the JSON's P(fails).
    @Test func fundedRunsGetTheirFundingColumns() throws {
        let dir = try CLIRunner.temporaryFolder()
        let funded =
            Self.scenario + """

                funding:
                  - {name: 'seed, "a"', month: 3, amount: 200000, pre_money: 800000, close_probability: 0.5}
                exit: {multiple_of_run_rate: 4}
                """
        try funded.write(to: dir.appendingPathComponent("f.yaml"), atomically: true, encoding: .utf8)
        let (header, rows) = try Self.runWritingSamples(in: dir)
        for field in ["closing_month", "amount", "ownership_at_horizon", "proceeds", "moic", "irr"] {
            #expect(header.contains("sub.seed, \"a\".\(field)"), "\(field)")
        }
        #expect(rows.allSatisfy { $0.count == header.count })
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("f.json")))
            as! [String: Any]
        for s in json["strategies"] as! [[String: Any]] {
            let column = header.firstIndex(of: "\(s["name"]!).failure_month")!
            let failed = Double(rows.filter { !$0[column].isEmpty }.count) / Double(rows.count)
            #expect(failed == (s["funding"] as! [String: Any])["p_failed"] as! Double)
        }
    }

    @Test func aBadSamplesPathIsRefusedBeforeTheRun() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario.write(to: dir.appendingPathComponent("e.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: "/tmp/elsewhere.csv")
        let r = try CLIRunner.run(["run", "e.yaml", "--quiet", "--report", "e.md", "--samples", "link.csv"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("link.csv") && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("e.md").path))
        // Into a device it streams; with --precision it is refused as usage.
        #expect(
            try CLIRunner.run(["run", "e.yaml", "--quiet", "--report", "e.md", "--samples", "/dev/null"], in: dir)
                .status == 0)
        #expect(
            try CLIRunner.run(["run", "e.yaml", "--quiet", "--precision", "0.1", "--samples", "x.csv"], in: dir).status
                == 64)
    }

    @Test func aFailedRunLeavesNoCSV() throws {
        let dir = try CLIRunner.temporaryFolder()
        // Overflows in the statistics (not in a trial): the CSV is staged, then removed.
        try """
        name: overflow
        simulation: {trials: 2000}
        market: {size: 1e300}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 1e300}]
        """.write(to: dir.appendingPathComponent("o.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["run", "o.yaml", "--quiet", "--report", "o.md", "--samples", "o.csv"], in: dir)
        #expect(r.status == 1)
        #expect(CLIRunner.files(in: dir) == ["o.yaml"], "\(CLIRunner.files(in: dir))")
    }
}
