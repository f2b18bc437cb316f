import Testing
@testable import VentureSim

/// A stress case whose values break the scenario elsewhere is refused at the case, never left out silently.
@Suite struct StressCaseErrorTests {
    @Test func aCaseThatMakesACorrelatedInputConstantIsRefused() throws {
        let yaml = """
            name: t
            market: {size: {dist: uniform, min: 900, max: 1100}, competition: {dist: uniform, min: 0.1, max: 0.4}}
            strategies: [{name: a, kind: subscription, price_per_month: 10}]
            correlations: [{between: [market.size, market.competition], rank: 0.3}]
            stress:
              - name: c
                set: {market.competition: 0.6}
            """
        do {
            let s = try ScenarioLoader.load(text: yaml, file: "t.yaml")
            Issue.record("loaded with \(s.stress.count) stress cases")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.path == "stress[0].set", "\(error)")
            #expect(
                d.message.contains("with this case's values") && d.message.contains("correlations[0].between[1]")
                    && d.message.contains("constant"), "\(error)")
        }
    }
}
