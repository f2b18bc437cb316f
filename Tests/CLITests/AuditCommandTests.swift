import Foundation
import Testing

/// `venturesim audit` and `run --audit` end to end (issue 22).
@Suite struct AuditCommandTests {
    /// size ~ U(0, 1,000), one month of fixed adoption: customers ≥ 600 breaks even at size 600. Every name is hostile
    /// text.
    static let scenario = """
        name: "audit <script>alert(1)</script> | *x*"
        simulation: {trials: 100, seed: 3, horizon_months: 1}
        market: {size: {dist: uniform, min: 0, max: 1000}}
        adoption: {model: fixed}
        strategies: [{name: "s<b>", kind: subscription, price_per_month: {dist: uniform, min: 1, max: 2}}]
        targets: [{name: "big </text><script>x</script> | `tick`", metric: customers, month: 1, at_least: 600}]
        """

    static func folder() throws -> URL {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func auditWritesTheClaimsReportChartJSONAndHTML() throws {
        let dir = try Self.folder()
        let r = try CLIRunner.run(
            [
                "audit", "s.yaml", "--trials", "500", "--report", "out.md", "--json", "out.json", "--html", "out.html",
                "--vary", "strategies.s<b>.price_per_month=1..3:3", "--quiet"
            ], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLIRunner.files(in: dir) == ["out-claim-1.svg", "out.html", "out.json", "out.md", "s.yaml"])
        let md = try String(contentsOf: dir.appendingPathComponent("out.md"), encoding: .utf8)
        #expect(md.contains("## Claims") && md.contains("`market.size` is at least 600: P60 of its own range"), "\(md)")
        #expect(md.contains("Each point is 500 trials") && md.contains("10 bisection steps"))
        // Scenario text is escaped as the report escapes it: outside code spans `<` is `\<`, inside them it is literal
        // text.
        #expect(
            md.contains("### Decision table")
                && md.contains("# Claims audit: audit \\<script>alert(1)\\</script> \\| \\*x\\*"), "\(md)")
        #expect(md.contains("### `` big </text><script>x</script> | `tick` `` for s\\<b>"))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out.json")))
            as? [String: Any]
        let audit = try #require(json?["audit"] as? [[String: Any]])
        let input = try #require((audit.first?["inputs"] as? [[String: Any]])?.first)
        #expect(input["input"] as? String == "market.size" && input["verdict"] as? String == "within_range")
        #expect(abs((input["break_even"] as? Double ?? 0) - 600) < 1 && !(input["curve"] as? [Any] ?? []).isEmpty)
        #expect(
            audit.first?["success_profile"] != nil
                && audit.first?["target"] as? String == "big </text><script>x</script> | `tick`")
        let table = try #require(json?["decision_table"] as? [String: Any])
        #expect(
            (table["rows"] as? [Any])?.count == 3
                && (table["vary"] as? [[String: Any]])?.first?["path"] as? String == "strategies.s<b>.price_per_month")
        for file in ["out-claim-1.svg", "out.html"] {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(
                !text.contains("<script>") && !text.contains("</text><script>") && text.contains("&lt;script&gt;"),
                "\(file)")
        }
    }

    @Test func runAuditWritesTheAuditBesideTheReport() throws {
        let dir = try Self.folder()
        let r = try CLIRunner.run(
            [
                "run", "s.yaml", "--trials", "300", "--report", "r.md", "--json", "r.json", "--no-charts", "--audit",
                "--quiet"
            ], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLIRunner.files(in: dir) == ["r-audit.json", "r-audit.md", "r.json", "r.md", "s.yaml"])
        let md = try String(contentsOf: dir.appendingPathComponent("r-audit.md"), encoding: .utf8)
        #expect(md.contains("Each point is 300 trials") && md.contains("venturesim audit s.yaml --trials 300 --seed 3"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let dir = try Self.folder()
        for args in [
            ["--level", "1.5"], ["--vary", "x=1"], ["--trials", "10"],
            ["--vary", "a=1..2", "--vary", "b=1..2", "--vary", "c=1..2"]
        ] {
            let r = try CLIRunner.run(["audit", "s.yaml"] + args, in: dir)
            #expect(r.status == 64, "\(args): \(r.stderr)")
        }
        let badPath = try CLIRunner.run(
            ["audit", "s.yaml", "--trials", "100", "--vary", "market.nothing=1..2", "--quiet"], in: dir)
        #expect(badPath.status == 1 && badPath.stderr.contains("market.nothing"), "\(badPath.stderr)")
        #expect(CLIRunner.files(in: dir) == ["s.yaml"])
    }

    /// SIGTERM and SIGINT midway: conventional exit code, nothing written.
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signalStopsTheAuditAndLeavesNothing(_ signal: Int32, _ expected: Int32) throws {
        let dir = try CLIRunner.temporaryFolder()
        let scenario = CLIRunner.root.appendingPathComponent("scenarios/ai-customer-service-saas.yaml").path
        let (p, _, err) = try CLIRunner.start(
            ["audit", scenario, "--trials", "2000000", "--json", "out.json", "--report", "out.md"], in: dir)
        // The first progress line: the signal lands mid-audit.
        _ = try CLIRunner.waitFor("trials", on: err, deadline: 120)
        kill(p.processIdentifier, signal)
        #expect(CLIRunner.waitForExit(p, deadline: 60))
        #expect(p.terminationStatus == expected)
        #expect(CLIRunner.files(in: dir).isEmpty)
    }
}
