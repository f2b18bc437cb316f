import Foundation
import Testing

/// `market.willingness_to_pay` end to end (docs/model.md#willingness-to-pay): `validate` warns of a price nobody
/// pays, `run` writes each strategy's share kept into the JSON and the report.
@Suite struct WillingnessToPayCommandTests {
    @Test func runReportsTheShareEachPriceKeeps() throws {
        let dir = try CLIRunner.temporaryFolder()
        try """
        name: price
        simulation: {horizon_months: 12}
        market: {size: 1000, willingness_to_pay: {dist: uniform, min: 0, max: 100}}
        adoption: {model: fixed}
        strategies:
          - {name: 'cheap <b>', kind: subscription, price_per_month: 40}
          - {name: dear, kind: subscription, price_per_month: 5000}
        """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let v = try CLIRunner.run(["validate", "p.yaml"], in: dir)
        #expect(v.status == 0)
        #expect(v.stderr.contains("⚠ strategies.dear: ") && v.stderr.contains("almost nobody buys"), "\(v.stderr)")
        let r = try CLIRunner.run(
            ["run", "p.yaml", "--quiet", "--trials", "200", "--no-charts", "--report", "p.md", "--json", "p.json"],
            in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("p.json")))
                as? [String: Any])
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        let kept = strategies.map { ($0["price_share_kept"] as? [String: Any])?["p50"] as? Double }
        // Uniform(0, 100): 1 − 40/100 at 40, nobody at 5,000.
        #expect(kept.count == 2 && abs((kept[0] ?? .nan) - 0.6) < 1e-12 && kept[1] == 0, "\(kept)")
        let md = try String(contentsOf: dir.appendingPathComponent("p.md"), encoding: .utf8)
        #expect(md.contains("## Demand kept by price"))
        // The name as text: its tag escaped (the summary's row carries the kind; this one the share).
        #expect(md.contains("| cheap \\<b> | 60 % | (the same in every trial) | 60 % |"), "\(md)")
    }
}
