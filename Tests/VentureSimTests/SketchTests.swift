import Foundation
import Testing
@testable import VentureSim

/// The sketch summary (`simulation.summary: sketch`, issue 11): its stated
/// error bound against exact order statistics, merges that give the same bits
/// in any order, and a sketch run that equals itself across workers and shards.
@Suite struct SketchTests {
    static let alpha = QuantileSketch.relativeError
    /// Every order statistic the sketch gives is within α·|x| of the exact one (plus the zero band), up to rounding in
    /// the log.
    static func bound(_ exact: Double) -> Double { alpha * abs(exact) * (1 + 1e-9) + QuantileSketch.zeroMagnitude }

    /// Money that crosses zero, spans many magnitudes and repeats values.
    static func data(_ n: Int, seed: UInt64) -> [Double] {
        var g = SplitMix(state: seed)
        return (0..<n).map { i in
            let u = Double.random(in: 0..<1, using: &g)
            switch i % 5 {
            case 0: return (u - 0.4) * 2e7
            case 1: return -exp(20 * u)
            case 2: return exp(30 * u - 10)
            case 3: return 0
            default: return (u * 10).rounded() * 1000
            }
        }
    }

    @Test func everyOrderStatisticIsWithinTheBound() {
        let x = Self.data(20000, seed: 7)
        var sketch = QuantileSketch()
        for v in x { sketch.add(v) }
        let sorted = x.sorted()
        let order = SketchOrder(sketch)
        var worst = 0.0
        for (k, exact) in sorted.enumerated() {
            let got = order.value(rank: k)
            #expect(abs(got - exact) <= Self.bound(exact), "rank \(k): \(got) vs \(exact)")
            if exact != 0 { worst = max(worst, abs(got - exact) / abs(exact)) }
        }
        // The bound is tight enough to mean something: some answers use most of it.
        #expect(worst > Self.alpha / 2)
        #expect(order.value(rank: 0) == sorted.first && order.value(rank: x.count - 1) == sorted.last)
        // CVaR's tail sum: each value within its bound, so the sum within the sum of bounds.
        let tail = 1000
        let exactSum = sorted.prefix(tail).reduce(0, +)
        #expect(abs(order.sumOfSmallest(tail) - exactSum) <= sorted.prefix(tail).map(Self.bound).reduce(0, +))
    }

    @Test func mergesGiveTheSameSketchInAnyOrder() {
        let x = Self.data(10000, seed: 11)
        var whole = QuantileSketch()
        for v in x { whole.add(v) }
        let parts = stride(from: 0, to: x.count, by: 1700).map { lo in
            var s = QuantileSketch()
            for v in x[lo..<min(x.count, lo + 1700)] { s.add(v) }
            return s
        }
        for order in [Array(parts.indices), parts.indices.reversed(), [3, 0, 5, 1, 4, 2]] {
            var merged = QuantileSketch()
            for i in order { merged.merge(parts[i]) }
            #expect(merged == whole)
        }
    }

    static let yaml =
        WhatIfTests.stressed.replacingOccurrences(
            of: "simulation: {trials: 4000, seed: 9, horizon_months: 24}",
            with: "simulation: {trials: 14000, seed: 9, horizon_months: 24, summary: sketch}")
        + "\ntargets:\n  - {name: customers, metric: customers, month: 12, at_least: 500}\n"

    /// Against the exact run of the same trials: counts equal, means to rounding, each percentile within the bound of
    /// its order statistics.
    @Test func sketchRunAgreesWithTheExactRun() throws {
        let sketched = try Fixtures.load(Self.yaml)
        var exactScenario = sketched
        exactScenario.simulation.summary = .exact
        let sketch = try Engine.run(sketched, workers: 2)
        let exact = try Engine.run(exactScenario, workers: 2)
        let (_, columns) = try Fixtures.columns(exactScenario)
        #expect(sketch.sketch?.relativeError == Self.alpha)
        #expect(exact.sketch == nil)
        for (a, b) in zip(sketch.strategies, exact.strategies) {
            #expect(a.pLoss == b.pLoss && a.pCashOut == b.pCashOut && a.pBreakeven == b.pBreakeven)
            #expect(a.breakevenMonthP50 == b.breakevenMonthP50 && a.adoption == b.adoption && a.targets == b.targets)
            #expect(a.cashOutMonth == b.cashOutMonth && a.cashOutByYear == b.cashOutByYear && a.risks == b.risks)
            #expect(a.drivers == nil && a.byYear == nil)
        }
        for (k, (a, b)) in zip(sketch.stressCases, exact.stressCases).enumerated() {
            #expect(
                zip(a.strategies, b.strategies).allSatisfy { $0.pLoss == $1.pLoss && $0.targets == $1.targets },
                "stress case \(k)")
        }
        for (s, strategy) in sketch.strategies.enumerated() {
            for outcome in [Outcome.npv, .profit, .revenue, .cost, .minCash, .customers, .fundingNeed] {
                let got = outcome == .fundingNeed ? strategy.fundingNeed! : strategy.outcome(outcome)
                let want =
                    outcome == .fundingNeed ? exact.strategies[s].fundingNeed! : exact.strategies[s].outcome(outcome)
                #expect(got.n == want.n)
                #expect(abs(got.mean! - want.mean!) <= 1e-9 * max(1, abs(want.mean!)), "\(outcome.key) mean")
                #expect(abs(got.sd! - want.sd!) <= 1e-9 * max(1, want.sd!), "\(outcome.key) sd")
                let sorted = columns.withColumn(s, outcome) { $0.sorted() }
                for (level, value) in zip(Percentiles.levels, got.percentiles) {
                    let lhs = Int(level * Double(sorted.count - 1))
                    let bound = max(Self.bound(sorted[lhs]), Self.bound(sorted[min(sorted.count - 1, lhs + 1)]))
                    let exactValue = Percentiles.interpolate(level, count: sorted.count) { sorted[$0] }
                    #expect(abs(value! - exactValue) <= bound, "\(strategy.name) \(outcome.key) P\(Int(level * 100))")
                }
            }
        }
    }

    @Test func sameBitsForAnyWorkerCountAndShardSplit() throws {
        let s = try Fixtures.load(Self.yaml)
        let one = try JSONReport.render(Engine.run(s, workers: 1), run: nil)
        #expect(try JSONReport.render(Engine.run(s, workers: 3), run: nil) == one)
        for shards in [2, 4] {
            let parts = try (0..<shards).map { k in
                let p = try PartialResult.simulate(
                    s, file: "s.yaml", text: Self.yaml, overrides: [], shard: k, of: shards, workers: 1 + k % 2)
                return ("part\(k)", try PartialResult.decode(p.encoded()).get())
            }
            #expect(parts[0].1.header.summary == "sketch")
            for order in [Array(parts.indices), parts.indices.reversed()] {
                let merged = try ShardMerge.merge(order.map { parts[$0] }, workers: 2)
                #expect(try JSONReport.render(merged.summary, run: nil) == one, "\(shards) shards, order \(order)")
            }
            // A sketch partial and an exact one are not the same run.
            var exact = s
            exact.simulation.summary = .exact
            let other = try PartialResult.simulate(
                exact, file: "s.yaml", text: Self.yaml, overrides: [], shard: 1, of: shards, workers: 1)
            let error = #expect(throws: PartialError.self) { _ = try ShardMerge.merge([parts[0], ("exact1", other)]) }
            #expect(error?.reason.contains("its summary is exact, not sketch") == true, "\(error?.reason ?? "")")
            // A damaged payload is refused, not misread.
            var cut = parts[0].1
            cut.payload = cut.payload.prefix(cut.payload.count - 9)
            let damaged = #expect(throws: PartialError.self) {
                _ = try ShardMerge.merge([("cut", cut)] + parts.dropFirst())
            }
            #expect(
                damaged?.reason.contains("cut: its sketches do not have the shape") == true, "\(damaged?.reason ?? "")")
        }
    }

    @Test func unsupportedFeaturesAndBadValuesAreRefused() {
        let lines = Fixtures.loadError(
            "simulation: {summary: sketch}\n",
            strategies:
                "[{name: s, kind: subscription, price_per_month: 1, revenue: [{line: advertising, "
                + "revenue_per_customer_month: 1}]}]"
        )
        #expect(lines.contains("simulation.summary") && lines.contains("does not cover revenue lines"), "\(lines)")
        let bad = Fixtures.loadError("simulation: {summary: sketchy}\n")
        #expect(bad.contains("expected 'exact'") && bad.contains("found 'sketchy'"), "\(bad)")
        #expect(Fixtures.loadError("simulation: {summary: sketch}\n") == "")
    }

    @Test func theMemoryGuardOffersTheSketch() throws {
        var s = try Fixtures.scenario("benchmark.yaml")
        s.simulation.trials = 100_000_000
        let message = try #require(ResourceEstimate.refusal(s, workers: 2, budget: 4 * 1_073_741_824))
        #expect(message.contains("--set simulation.summary=sketch"), "\(message)")
        s.simulation.summary = .sketch
        #expect(ResourceEstimate.refusal(s, workers: 2, budget: 4 * 1_073_741_824) == nil)
        // What a sketch run needs barely grows with the trials.
        let small = ResourceEstimate.sketchPeakBytes(trials: 1_000_000, strategies: 2, risks: 4, workers: 2)
        let large = ResourceEstimate.sketchPeakBytes(trials: 100_000_000, strategies: 2, risks: 4, workers: 2)
        #expect(large < 2 * small)
    }
}
