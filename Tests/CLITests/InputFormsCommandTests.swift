import Foundation
import Testing

/// A pitch written as said, from the command line: `new`, `validate --explain`, the ⚠ lines, `sample` of an estimate.
@Suite struct InputFormsCommandTests {
    /// `venturesim new` for every strategy kind (and all three together) writes a scenario that validates without
    /// a problem or a warning, and runs.
    @Test(arguments: ["subscription", "api", "hybrid", "subscription,api,hybrid"])
    func newValidatesAndRuns(_ kinds: String) throws {
        let dir = try CLIRunner.temporaryFolder()
        let w = try CLIRunner.run(["new", "pitch", "--strategies", kinds], in: dir)
        #expect(w.status == 0, "\(w.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("pitch.yaml"), encoding: .utf8)
        // Every key line carries a comment (unit, example), except names, kinds and the description.
        for line in text.split(separator: "\n") where line.contains(":") && !line.hasPrefix("#") {
            let key = line.trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("name:") || key.hasPrefix("- name:") || key.hasPrefix("kind:")
                || key.hasPrefix("description:") || key.hasPrefix("category:") || key.hasSuffix(":")
            {
                continue
            }
            #expect(line.contains("#"), "\(line)")
        }
        let v = try CLIRunner.run(["validate", "pitch.yaml"], in: dir)
        #expect(v.status == 0 && v.stderr.isEmpty, "\(v.stderr)")
        let r = try CLIRunner.run(
            ["run", "pitch.yaml", "--quiet", "--trials", "500", "--no-charts", "--report", "p.md"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("p.md"), encoding: .utf8).contains("(90 % interval)"))
    }

    @Test func newNeverOverwritesAndRefusesALink() throws {
        let dir = try CLIRunner.temporaryFolder()
        try "keep me".write(to: dir.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let again = try CLIRunner.run(["new", "mine"], in: dir)
        #expect(again.status != 0 && again.stderr.contains("mine.yaml: already exists; not overwritten"))
        #expect(try String(contentsOf: dir.appendingPathComponent("mine.yaml"), encoding: .utf8) == "keep me")
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: "/nonexistent/target.yaml")
        let link = try CLIRunner.run(["new", "link"], in: dir)
        #expect(link.status != 0 && link.stderr.contains("link.yaml: is a symbolic link"))
        let bad = try CLIRunner.run(["new", "p", "--strategies", "subscription,freemium"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("Unknown strategy kind 'freemium'"))
    }

    @Test func validateWarnsAndExplains() throws {
        let dir = try CLIRunner.temporaryFolder()
        try """
        name: w
        market: {size: 4_000 to 12_000}
        adoption: {innovation: 0.03, imitation: 0.38}
        strategies:
          - {name: a, kind: subscription, price_per_month: {p10: 40, p50: 60, p90: 100, min: 0}}
        risks:
          - {name: rival, category: market, annual_probability: 0.1, demand_shock: 0.4}
        """.write(to: dir.appendingPathComponent("w.yaml"), atomically: true, encoding: .utf8)
        let v = try CLIRunner.run(["validate", "w.yaml", "--explain"], in: dir)
        #expect(v.status == 0)
        #expect(
            v.stderr.contains(
                "w.yaml: ⚠ adoption: innovation p 0.03 and imitation q 0.38 a month are above what published markets "
                    + "show"
            ))
        #expect(v.stderr.contains("these look like annual values: add `per: year`"))
        #expect(v.stderr.contains("w.yaml: ⚠ risks.rival.demand_shock: market × 0.4 from then on, a 60 % cut"))
        #expect(
            v.stdout.contains(
                "  market.size: 4,000 to 12,000 (90 % interval): lognormal (μ 8.84, σ 0.334), chosen for a positive "
                    + "amount or count; median 6,928"
            ))
        #expect(
            v.stdout.contains(
                "  strategies[0] a (subscription) price per month: metalog through P10 40, P50 60, P90 100 (≥ 0); "
                    + "median 60"
            ))
        let r = try CLIRunner.run(
            ["run", "w.yaml", "--quiet", "--trials", "300", "--no-charts", "--report", "w.md"], in: dir)
        #expect(r.status == 0 && r.stderr.contains("w: ⚠ risks.rival.demand_shock"))
        #expect(
            try String(contentsOf: dir.appendingPathComponent("w.md"), encoding: .utf8).contains(
                "- ⚠ adoption: innovation p 0.03"))
    }

    @Test func sampleDrawsAnEstimate() throws {
        let r = try CLIRunner.run(["sample", "{p10: 400, p50: 600, p90: 900}", "--count", "2000"])
        #expect(r.status == 0)
        let x = r.stdout.split(separator: "\n").compactMap { Double($0) }.sorted()
        #expect(x.count == 2000)
        // The median of 2,000 draws: s.e. √(0.25/2000)/f(600), f ≈ 0.0019 near the median, so about 6; 5 s.e. is 30.
        #expect(abs(x[999] - 600) < 30)
        let bad = try CLIRunner.run(["sample", "{p10: 100, p50: 110, p90: 1000}"])
        #expect(bad.status != 0 && bad.stderr.contains("must lie between about 250 and 850"))
    }
}
