import Testing
@testable import VentureSim

/// Which per-trial columns a plan allocates: what a million-trial run holds (8 bytes a double, 2 a month or count, 1 a
/// round's fate). A column added for every plan, or for a kind of scenario that did without it, shows here before it
/// shows in a run's peak memory (docs/performance.md#memory).
@Suite struct ColumnShapeTests {
    /// Each per-trial array's columns of the plan of shipped scenario `name`, by array name (empty ones left out).
    static func columns(_ name: String) throws -> [String: Int] {
        let plan = Plan(try Fixtures.scenario("\(name).yaml"))
        let columns = try TrialColumns.make(for: plan, count: 1)
        return Dictionary(
            uniqueKeysWithValues: columns.buffers.filter { $0.perTrial && $0.columns > 0 }.map {
                ($0.name, $0.columns)
            })
    }

    /// Bytes a trial takes in the per-trial columns of shipped scenario `name`.
    static func bytesPerTrial(_ name: String) throws -> Int {
        let plan = Plan(try Fixtures.scenario("\(name).yaml"))
        let columns = try TrialColumns.make(for: plan, count: 1)
        return columns.buffers.filter(\.perTrial).reduce(0) { $0 + $1.columns * $1.elementSize }
    }

    /// Only an insured risk keeps its cost before insurance and what insurance paid (consumer-assistant-ads insures
    /// one of its three risks).
    @Test func onlyInsuredRisksKeepRiskCosts() throws {
        #expect(try Self.columns("consumer-assistant-ads")["risk_costs"] == 2)
        #expect(try Self.columns("consulting-to-platform")["risk_costs"] == 2)
        #expect(try Self.columns("benchmark")["risk_costs"] == nil)
    }

    /// A line total that is zero by its kind keeps no column: consumer-assistant-ads' freemium line only costs, its
    /// advertising and commission lines only earn (with the subscription's own revenue and cost: 5 of 8 totals).
    @Test func onlyLineTotalsThatCanBeNonzeroKeepColumns() throws {
        #expect(try Self.columns("consumer-assistant-ads")["lines"] == 5)
        #expect(try Self.columns("consulting-to-platform")["lines"] == 5)
    }

    /// A round whose amount and pre-money are numbers keeps no terms per trial: fintech-series-a's angel round is
    /// fixed, its Series A and B are drawn.
    @Test func onlyDrawnRoundTermsKeepColumns() throws {
        #expect(try Self.columns("fintech-series-a")["round_terms"] == 4)
        let plan = Plan(try Fixtures.scenario("fintech-series-a.yaml"))
        #expect(plan.fixedTerms.prefix(2) == [4_000_000, 8_000_000])
        #expect(plan.fixedTerms.dropFirst(2).allSatisfy { $0 == nil })
    }

    /// The bytes per trial of the scenarios that hold the most, as of this change: a rise is a choice to make
    /// deliberately (and to measure: docs/performance.md#memory), not a side effect.
    @Test(arguments: [
        ("benchmark", 128), ("ai-phone-receptionist", 208), ("consulting-to-platform", 184),
        ("consumer-assistant-ads", 182), ("fintech-series-a", 210)
    ])
    func bytesPerTrialDoNotGrow(_ name: String, bytes: Int) throws {
        #expect(try Self.bytesPerTrial(name) == bytes)
    }
}
