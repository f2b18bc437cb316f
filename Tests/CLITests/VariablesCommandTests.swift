import Foundation
import Testing

/// `variables:` from the command line (issue 26; docs/model.md#shared-variables): a run names the variable in the
/// inputs table, the drivers and the per-trial CSV; a stress case sets it; a mistake is refused at its place.
@Suite struct VariablesCommandTests {
    static let scenario = """
        name: receptionist
        simulation: {trials: 600, seed: 9, horizon_months: 24}
        market: {size: 4000 to 9000, competition: {dist: uniform, min: 0.1, max: 0.4}}
        variables:
          calls: {dist: lognormal, p5: 200, p95: 1400}
        strategies:
          - {name: per-call, kind: api, price_per_unit: 0.25, units_per_customer_month: {var: calls}, unit_cost: 0.04}
          - name: hybrid
            kind: hybrid
            price_per_month: 99
            price_per_unit: 0.12
            included_units: 500
            units_per_customer_month: {var: calls}
            unit_cost: 0.04
            revenue: [{line: value_added, name: add-on, attach_rate: 0.05 to 0.3, price_per_month: 30}]
        correlations: [{between: [variables.calls, strategies.hybrid.revenue.add-on.attach_rate], rank: 0.4}]
        stress:
          - {name: heavy callers, set: {variables.calls*: 1.5}}
        """

    @Test func aRunShowsTheVariableEverywhereAnInputIs() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario.write(to: dir.appendingPathComponent("v.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(
            ["run", "v.yaml", "--quiet", "--no-charts", "--report", "v.md", "--json", "v.json", "--samples", "v.csv"],
            in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("v.csv"), encoding: .utf8)
        let header = csv.prefix { $0 != "\r" }.split(separator: ",").map(String.init)
        #expect(header.contains("variables.calls"))
        #expect(header.contains("strategies.hybrid.revenue.add-on.attach_rate"))
        #expect(!header.contains("strategies.hybrid.units_per_customer_month"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("v.json")))
                as? [String: Any])
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        let drivers = try #require(strategies[1]["drivers"] as? [[String: Any]])
        #expect(drivers.contains { $0["input"] as? String == "variables.calls" })
        #expect((json["stress_cases"] as? [Any])?.count == 1)
        let report = try String(contentsOf: dir.appendingPathComponent("v.md"), encoding: .utf8)
        #expect(report.contains("variables.calls") && report.contains("the variable calls"))
    }

    @Test func anUnknownVariableIsRefusedAtItsPlace() throws {
        let dir = try CLIRunner.temporaryFolder()
        let broken = Self.scenario.replacingOccurrences(of: "{var: calls}, unit_cost", with: "{var: cals}, unit_cost")
        try broken.write(to: dir.appendingPathComponent("v.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["validate", "v.yaml"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("v.yaml:7:87:"), "\(r.stderr)")
        #expect(r.stderr.contains("strategies[0].units_per_customer_month.var"), "\(r.stderr)")
        #expect(r.stderr.contains("unknown variable 'cals'") && r.stderr.contains("known: calls"), "\(r.stderr)")
    }
}
