import Testing
@testable import VentureSim

/// `--vary`'s decision table (issue 22).
@Suite struct DecisionTableTests {
    static let yaml = """
        name: table
        simulation: {trials: 100000, seed: 9, horizon_months: 24}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: {dist: uniform, min: 0.1, max: 0.4}}
        adoption: {per: year, innovation: {dist: uniform, min: 0.02, max: 0.08}, imitation: 0.5}
        strategies:
          - {name: sub, kind: subscription, price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60}}
        costs: {training: 200000, operations_monthly: 30000, acquisition_cost: {dist: uniform, min: 50, max: 150}}
        finance: {starting_cash: 500000}
        stress: [{name: cheap, set: {strategies.sub.price_per_month: 20}}]
        targets:
          - {name: arr, metric: annual_run_rate, month: 24, at_least: 1000000}
          - {name: need, metric: funding_need, at_most: 400000}
        """

    static func rows(_ vary: [DecisionTable.Vary]) throws -> [(values: [Double], scenario: Scenario)] {
        try DecisionTable.Vary.grid(vary).map { values in
            let overrides = try zip(vary, values).map { v, x throws in try v.override(x) }
            return (values, try ScenarioLoader.load(text: Self.yaml, file: "table.yaml", overrides: overrides))
        }
    }

    /// The row at the scenario's own price (50) is a plain run of the scenario with the audit's trials, to the last
    /// digit; a higher price raises the claim's chance.
    @Test func theRowAtTheScenariosOwnValueIsThePlainRun() throws {
        let vary = try DecisionTable.Vary.parse("strategies.sub.price_per_month=25..75:3").get()
        #expect(vary.values == [25, 50, 75])
        var options = Auditor.Options()
        (options.trialsPerPoint, options.workers, options.bisectionSteps) = (3000, 2, 4)
        let scenario = try Fixtures.load(Self.yaml)
        let audit = try Auditor.run(scenario, options: options)
        let table = try Auditor.decisionTable([vary], rows: Self.rows([vary]), audit: audit, options: options)
        var plain = scenario
        plain.simulation.trials = 3000
        let run = try Engine.run(plain, workers: 1).strategies[0]
        let own = table.rows[1].strategies[0]
        #expect(table.rows[1].values == [50])
        #expect(own.claims.map(\.probability) == run.targets.map(\.probability))
        #expect(own.pLoss == run.pLoss && own.pCashOut == run.pCashOut)
        #expect(own.npvP50 == run.outcomes["npv"]?.p50 && own.fundingNeedP90 == run.fundingNeed?.p90)
        #expect(table.rows[2].strategies[0].claims[0].probability > table.rows[0].strategies[0].claims[0].probability)
        // Each claim's break-even over its top input, at every row.
        let top = audit.claims.map { $0.inputs.first?.input }
        #expect(table.rows.allSatisfy { row in row.strategies[0].claims.map(\.input) == top })
    }

    /// Two `--vary` give every pair, the first varying slowest; malformed ones are refused with the form expected.
    @Test func twoVariesGiveAGridAndBadOnesAreRefused() throws {
        let a = try DecisionTable.Vary.parse("strategies.sub.price_per_month=25..75:3").get()
        let b = try DecisionTable.Vary.parse("finance.starting_cash = 0..1e6 : 2").get()
        #expect(DecisionTable.Vary.grid([a, b]) == [[25, 0], [25, 1e6], [50, 0], [50, 1e6], [75, 0], [75, 1e6]])
        for bad in ["x", "x=1", "x=1..", "=1..2", "x=a..2", "x=1..2:1", "x=1..2:0", "x=1..2:500", "x=1..nan"] {
            guard case .failure(let e) = DecisionTable.Vary.parse(bad) else { Issue.record("\(bad) parsed"); continue }
            #expect(e.description.contains("PATH=LOW..HIGH[:STEPS]"))
        }
        #expect(try b.override(1e6).valueText == "1000000" && a.override(37.5).valueText == "37.5")
    }
}
