import Testing
@testable import VentureSim

/// `--set 'PATH*=F'` and a stress case's `PATH*: F` (issue 26, docs/model.md#scaling-an-input): every draw of the
/// input multiplied by F, on the same trials.
@Suite struct ScaleOverrideTests {
    static let base = WhatIfTests.base

    func load(_ sets: [String], text: String = base) throws -> Scenario {
        try ScenarioLoader.load(text: text, file: "w.yaml", overrides: sets.map { try Override.parse($0) })
    }

    @Test func aConstantIsMultiplied() throws {
        let s = try load(["costs.operations_monthly*=1.2", "strategies.sub.price_per_month*=2"])
        #expect(s.costs.operationsMonthly == .constant(30000 * 1.2))
        #expect(s.strategies[0].pricePerMonth == .constant(100))
        // A scaled constant is the constant written by hand: the same scenario.
        let edited = try Fixtures.load(
            Self.base.replacingOccurrences(of: "operations_monthly: 30000", with: "operations_monthly: \(30000 * 1.2)")
                .replacingOccurrences(of: "price_per_month: 50", with: "price_per_month: 100"))
        #expect(s == edited)
    }

    @Test func twoFactorsMultiplyAndASetValueDropsThem() throws {
        #expect(try load(["costs.training*=2", "costs.training*=3"]).costs.training == .constant(1_200_000))
        #expect(try load(["costs.training*=2", "costs.training=5"]).costs.training == .constant(5))
        #expect(try load(["costs.training=5", "costs.training*=2"]).costs.training == .constant(10))
    }

    /// The same trials: each drawn acquisition cost is exactly the base's × 1.2, and no other input moves.
    @Test func everyDrawIsScaled() throws {
        let base = try load([])
        let scaled = try load(["costs.acquisition_cost*=1.2"])
        #expect(scaled.costs.acquisitionCost.scale == 1.2)
        let (plan, a) = try Fixtures.columns(base)
        let (_, b) = try Fixtures.columns(scaled)
        let k = try #require(plan.driverInputs.firstIndex { $0.name == "costs.acquisition_cost" })
        let x = Array(a.sampleColumn(k)), y = Array(b.sampleColumn(k))
        #expect(x.count > 100 && x.count == y.count)
        #expect(zip(x, y).allSatisfy { $0 * 1.2 == $1 })
        let size = try #require(plan.driverInputs.firstIndex { $0.name == "market.size" })
        #expect(Array(a.sampleColumn(size)) == Array(b.sampleColumn(size)))
        #expect(Array(a.column(0, .npv)) != Array(b.column(0, .npv)))
    }

    /// A correlated input is scaled too: its copula quantile times the factor.
    @Test func aCorrelatedDrawIsScaled() throws {
        let text = Self.base + "\ncorrelations:\n  - {between: [market.size, costs.acquisition_cost], rank: -0.4}\n"
        let (plan, a) = try Fixtures.columns(try load([], text: text))
        let (_, b) = try Fixtures.columns(try load(["costs.acquisition_cost*=0.5"], text: text))
        let k = try #require(plan.driverInputs.firstIndex { $0.name == "costs.acquisition_cost" })
        #expect(zip(Array(a.sampleColumn(k)), Array(b.sampleColumn(k))).allSatisfy { $0 * 0.5 == $1 })
    }

    @Test func aStressCaseScales() throws {
        let text =
            Self.base + "\nstress:\n  - name: cac-up\n    set: {costs.acquisition_cost*: 1.2, market.size*: 0.5}\n"
        let s = try Fixtures.load(text)
        let c = try #require(s.stress.first)
        #expect(c.set == ["costs.acquisition_cost*": "1.2", "market.size*": "0.5"])
        #expect(c.scenario == (try load(["costs.acquisition_cost*=1.2", "market.size*=0.5"])))
        // The base's own --set factor is kept by the case.
        let withBase = try load(["costs.training*=2"], text: text)
        #expect(withBase.stress[0].scenario.costs.training == .constant(400_000))
        #expect(Distribution(.uniform(min: 50, max: 150)).scaled(by: 1.2).words.contains("× 1.2"))
        let md = MarkdownReport.render(scenario: s, summary: try Engine.run(s, workers: 2), command: "x")
        #expect(md.contains("`costs.acquisition_cost` × `1.2`"), "\(md)")
    }

    /// Bad factors are among `WhatIfTests.badOverridesNameTheArgument`'s cases; here, the key path a problem names.
    @Test func aProblemOfAScaledValueNamesItsPath() throws {
        let kind = #expect(throws: ScenarioError.self) { _ = try load(["strategies.sub.kind*=2"]) }
        #expect(kind?.diagnostics.map(\.path) == ["strategies[0].kind"])
        let churn = #expect(throws: ScenarioError.self) { _ = try load(["strategies.sub.churn_monthly*=1e6"]) }
        #expect(churn?.diagnostics.map(\.path) == ["strategies[0].churn_monthly"])
    }

    @Test(arguments: [
        ("{costs.acquisition_cost*: x}", "stress[0].set.costs.acquisition_cost*", "expected a factor"),
        ("{costs.acquisition_cost*: -2}", "stress[0].set.costs.acquisition_cost*", "expected a factor > 0"),
        ("{strategies.sub.kind*: 2}", "stress[0].set.strategies.sub.kind", "not a number or a distribution")
    ])
    func badStressFactorsNameTheCase(_ set: String, _ path: String, _ fragment: String) throws {
        let error = #expect(throws: ScenarioError.self) {
            _ = try Fixtures.load(Self.base + "\nstress:\n  - name: bad\n    set: \(set)\n")
        }
        let text = error?.description ?? ""
        #expect(text.contains(fragment), "\(text)")
        #expect(error?.diagnostics.contains { $0.path.hasPrefix(path) } == true, "\(text)")
    }
}
