import Foundation
import Testing
import VentureSim

/// `--samples` against hostile names (issue 19): a formula-leading header
/// cell is neutralised, a name with CR LF never reaches the CSV.
@Suite struct CSVInjectionTests {
    static func scenario(strategy: String) -> String {
        """
        name: injection
        simulation: {trials: 500, seed: 4, horizon_months: 12}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}}
        strategies:
          - {name: \(strategy), kind: subscription, price_per_month: 50}
        costs: {training: 90000000}
        """
    }

    @Test func aFormulaHeaderCellIsNeutralisedAndNumbersStayNumbers() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario(strategy: "\"=cmd|' /C calc'!A0\"").write(
            to: dir.appendingPathComponent("i.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["run", "i.yaml", "--quiet", "--report", "i.md", "--samples", "i.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("i.csv"), encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        let header = ExportTests.fields(lines[0])
        #expect(lines.count == 501)
        #expect(header.contains("'=cmd|' /C calc'!A0.npv") && !header.contains { $0.hasPrefix("=") }, "\(header)")
        let npv = try #require(header.firstIndex(of: "'=cmd|' /C calc'!A0.npv"))
        let values = lines.dropFirst().map { ExportTests.fields($0)[npv] }
        #expect(values.allSatisfy { $0.hasPrefix("-") && Double($0) != nil }, "\(values.prefix(3))")
    }

    @Test func aNameWithCRLFIsRefusedBeforeAnythingIsWritten() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario(strategy: "\"Pro\\r\\n=cmd|' /C calc'!A0\"").write(
            to: dir.appendingPathComponent("i.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["run", "i.yaml", "--quiet", "--report", "i.md", "--samples", "i.csv"], in: dir)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("i.yaml:5:") && r.stderr.contains("strategies[0].name")
                && r.stderr.contains("a line break, U+000D"), "\(r.stderr)")
        #expect(CLIRunner.files(in: dir) == ["i.yaml"])
    }
}
