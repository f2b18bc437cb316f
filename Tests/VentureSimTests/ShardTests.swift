import Foundation
import Testing
@testable import VentureSim

/// Shards merged give the single run's result to the last digit, whatever
/// the shard count and merge order; bad sets of partials are refused by name.
@Suite struct ShardTests {
    /// Every kind of column: stress cases, targets, a revenue line, funding with an exit, insurance, a launch delay.
    static let yaml =
        WhatIfTests.stressed.replacingOccurrences(
            of: "simulation: {trials: 4000, seed: 9, horizon_months: 24}",
            with: "simulation: {trials: 12000, seed: 9, horizon_months: 24}"
        )
        .replacingOccurrences(
            of: "price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60}}",
            with:
                "price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60}, revenue: [{line: advertising, "
                + "revenue_per_customer_month: {dist: uniform, min: 0, max: 4}}]}"
        )
        .replacingOccurrences(
            of: "cost: {dist: uniform, min: 10000, max: 90000}}",
            with:
                "cost: {dist: uniform, min: 10000, max: 90000}, insurance: {premium_monthly: 100, deductible: 5000}}\n "
                + " - {name: slow, category: technical, annual_probability: 0.3, delay_months: 2}"
        )
            + """

            targets:
              - {name: customers, metric: customers, month: 12, at_least: 500}
            funding:
              - {name: seed, month: 1, amount: 500000, pre_money: 2000000}
              - {name: a, when: {metric: customers, at_least: 300}, amount: {dist: uniform, min: 1e6, max: 2e6},
                 pre_money: 8e6, close_probability: 0.6}
            exit: {multiple_of_run_rate: {dist: uniform, min: 2, max: 8}}
            """

    static func single(_ s: Scenario) throws -> Data { try JSONReport.render(Engine.run(s, workers: 2), run: nil) }

    static func partials(_ s: Scenario, shards: Int) throws -> [(name: String, partial: PartialResult)] {
        try (0..<shards).map { k in
            let p = try PartialResult.simulate(
                s, file: "s.yaml", text: Self.yaml, overrides: [], shard: k, of: shards, workers: 1 + k % 2)
            // Through the file format, as a merge sees it.
            return ("part\(k)", try PartialResult.decode(p.encoded()).get())
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func mergedShardsEqualOneRun(shards: Int) throws {
        let s = try Fixtures.load(Self.yaml)
        let expected = try Self.single(s)
        var parts = try Self.partials(s, shards: shards)
        parts.reverse()
        let merged = try ShardMerge.merge(parts, workers: 2)
        #expect(merged.scenario == s)
        #expect(try JSONReport.render(merged.summary, run: nil) == expected)
        #expect(Charts.all(merged.summary).map(\.svg) == Charts.all(try Engine.run(s, workers: 1)).map(\.svg))
    }

    @Test func splitsByWholeBlocks() {
        #expect(ShardSplit.trials(shard: 0, of: 4, trials: 20000) == 0..<4096)
        #expect(ShardSplit.trials(shard: 3, of: 4, trials: 20000) == 12288..<20000)
        #expect((0..<7).map { ShardSplit.trials(shard: $0, of: 7, trials: 20000).count }.reduce(0, +) == 20000)
        #expect(ShardSplit.parse("3/4")! == (3, 4) && ShardSplit.parse("4/4") == nil && ShardSplit.parse("x") == nil)
    }

    @Test func badSetsAreRefusedByName() throws {
        let s = try Fixtures.load(Self.yaml)
        let parts = try Self.partials(s, shards: 4)
        func reason(_ p: [(name: String, partial: PartialResult)]) -> String {
            do { _ = try ShardMerge.merge(p); return "merged" } catch { return error.reason }
        }
        #expect(
            reason(Array(parts.prefix(2))) == "missing shards 2, 3 of 4: give each shard's partial result exactly once")
        #expect(reason(parts + [("again", parts[1].partial)]).contains("shard 1 given 2 times (part1, again)"))
        var other = try Fixtures.load(Self.yaml)
        other.simulation.seed = 10
        let foreign = try PartialResult.simulate(
            other, file: "s.yaml", text: Self.yaml, overrides: [], shard: 3, of: 4, workers: 1)
        #expect(
            reason(Array(parts.prefix(3)) + [("foreign", foreign)]).contains(
                "foreign is not from the same run as part0: its"))
        var cut = parts[2].partial
        cut.payload = cut.payload.prefix(100)
        #expect(reason([parts[0], parts[1], ("cut", cut), parts[3]]).contains("cut: its arrays do not have the sizes"))
        if case .failure(let e) = PartialResult.decode(Data("hello".utf8)) {
            #expect(e.reason.contains("not a VentureSim partial result"))
        } else {
            Issue.record("decoded")
        }
    }
}
