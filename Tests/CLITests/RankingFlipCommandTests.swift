import Foundation
import Testing
import VentureSim

/// What flips the ranking, end to end: the JSON's paired difference against the per-trial CSV of
/// `Tests/fixtures/ranking-flip.yaml` (docs/model.md#what-flips-the-ranking).
@Suite struct RankingFlipCommandTests {
    @Test func thePairedDifferenceIsTheCSVsByHand() throws {
        let dir = try CLIRunner.temporaryFolder()
        try FileManager.default.copyItem(
            at: CLIRunner.root.appendingPathComponent("Tests/fixtures/ranking-flip.yaml"),
            to: dir.appendingPathComponent("f.yaml"))
        let (header, rows) = try ExportTests.runWritingSamples(in: dir)
        #expect(rows.count == 3000)
        func column(_ name: String) throws -> [Double] {
            let k = try #require(header.firstIndex(of: name), "\(name) in \(header)")
            return rows.map { Double($0[k]) ?? .nan }
        }
        let data = try Data(contentsOf: dir.appendingPathComponent("f.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let comparison = (json["comparisons"] as! [[String: Any]])[0]
        // The probabilities through the decoder, which reads a number back to the double written (JSONSerialization
        // may not, in the last bit).
        let summary = try JSONDecoder().decode(Summary.self, from: data)
        let paired = [
            "cash_out": summary.comparisons[0].pCashOutDifference, "loss": summary.comparisons[0].pLossDifference
        ]
        let figures = summary.strategies.map { ["cash_out": $0.pCashOut, "loss": $0.pLoss] }
        for (key, failed) in [
            ("cash_out", { (s: String) throws -> [Bool] in try column("\(s).min_cash").map { $0 < 0 } }),
            ("loss", { (s: String) throws -> [Bool] in try column("\(s).profit").map { $0 < 0 } })
        ] {
            let (a, b) = (try failed("flat"), try failed("metered"))
            let d = zip(a, b).map { Double($0 ? 1 : 0) - Double($1 ? 1 : 0) }
            let n = Double(d.count), mean = d.reduce(0, +) / n
            let se = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / n).squareRoot()
            let got = try #require(paired[key] ?? nil)
            // The value is the two strategies' own figures subtracted, to the last bit.
            #expect(got.value == figures[0][key]! - figures[1][key]!, "\(key)")
            #expect(abs(got.value - mean) <= 1e-15, "\(key)")
            #expect(se > 0 && abs(got.se - se) <= 1e-12 * se, "\(key): \(got.se) against \(se)")
        }
        let drivers = try #require(comparison["drivers"] as? [[String: Any]])
        #expect(drivers.first?["input"] as? String == "strategies.metered.units_per_customer_month")
        #expect(Set(drivers.first!.keys) == ["input", "spearman", "variance_share", "npv_mean_low", "npv_mean_high"])
        let md = try String(contentsOf: dir.appendingPathComponent("f.md"), encoding: .utf8)
        #expect(md.contains("### What flips the ranking") && md.contains("- **flat − metered**: P(loss) "))
    }
}
