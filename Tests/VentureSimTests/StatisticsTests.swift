import CGSL
import Foundation
import Testing
@testable import VentureSim

/// Percentiles by selection against GSL's quantile of fully sorted data, to the last digit.
@Suite struct StatisticsTests {
    static let sizes = [1, 2, 3, 5, 20, 21, 100, 1001, 65_537]

    @Test(arguments: sizes, [false, true])
    func percentilesEqualGSLOnSortedData(n: Int, ties: Bool) {
        var rng = SplitMix(state: UInt64(n) * 7919 + (ties ? 1 : 0))
        var data = (0..<n).map { _ in
            ties ? Double(Int.random(in: 0..<5, using: &rng)) : Double.random(in: -1e6...1e6, using: &rng)
        }
        let sorted = data.sorted()
        let stats = data.withUnsafeMutableBufferPointer { Stats.of($0) }
        for (f, value) in zip(Percentiles.levels, stats.percentiles) {
            let expected = sorted.withUnsafeBufferPointer {
                gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, n, f)
            }
            #expect(value == expected, "n \(n) f \(f)")
        }
        let mean = sorted.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, n) }
        #expect(abs(stats.mean! - mean) <= 1e-12 * max(1, abs(mean)))
        if n > 1 {
            let sd = sorted.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, n) }
            #expect(abs(stats.sd! - sd) <= 1e-10 * max(1, sd))
            #expect(abs(stats.se! - sd / Double(n).squareRoot()) <= 1e-10 * max(1, sd))
        }
    }

    @Test func selectionPlacesEveryTarget() {
        var rng = SplitMix(state: 42)
        var data = (0..<10_000).map { _ in Double(Int.random(in: 0..<300, using: &rng)) }
        let sorted = data.sorted()
        let targets = [0, 1, 499, 500, 5000, 9998, 9999]
        data.withUnsafeMutableBufferPointer { Selection.select($0, positions: targets) }
        for t in targets {
            #expect(data[t] == sorted[t])
            #expect(data[..<t].allSatisfy { $0 <= data[t] } && data[(t + 1)...].allSatisfy { $0 >= data[t] })
        }
    }

    /// A selection of a prefix only (CVaR's tail) leaves that prefix exactly as the full selection does, bit for bit.
    @Test(arguments: [100, 65_537, 200_003])
    func prefixSelectionArrangesThePrefixAsTheFullOne(n: Int) {
        var rng = SplitMix(state: UInt64(n))
        let data = (0..<n).map { _ in Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 7 }
        let tail = Int((0.05 * Double(n)).rounded(.up))
        let positions = Percentiles.levels.flatMap { Percentiles.positions($0, n: n) } + [tail - 1]
        var full = data, pruned = data
        full.withUnsafeMutableBufferPointer { Selection.select($0, positions: positions) }
        pruned.withUnsafeMutableBufferPointer { Selection.select($0, positions: positions, prefix: tail) }
        #expect(full[..<tail].map(\.bitPattern) == pruned[..<tail].map(\.bitPattern))
    }

    @Test func cvarIsTheMeanOfTheWorstFivePercent() throws {
        let s = try Fixtures.load(
            """
            name: c
            simulation: {trials: 2001, horizon_months: 3}
            market: {size: {dist: uniform, min: 0, max: 1000}}
            adoption: {model: fixed}
            strategies: [{name: a, kind: subscription, price_per_month: 10}]
            costs: {operations_monthly: 8000}
            """)
        let (plan, columns) = try Fixtures.columns(s)
        let profits = (0..<2001).map { columns.value(strategy: 0, .profit, trial: $0) }.sorted()
        let k = Int((0.05 * 2001).rounded(.up))
        let expected = -profits[..<k].reduce(0, +) / Double(k)
        let summary = Summarizer.summarize(plan, columns)
        #expect(k == 101)
        #expect(abs(summary.strategies[0].cvar95 - expected) <= 1e-9 * abs(expected))
        #expect(summary.strategies[0].var95 == -summary.strategies[0].outcome(.profit).p5!)
    }

    @Test func numberFormatting() {
        #expect(NumberFormat.amount(-3_400_000) == "−3.4 M")
        #expect(NumberFormat.amount(123_456.7) == "123,457")
        #expect(NumberFormat.amount(1_234_567_890) == "1.235 B")
        #expect(NumberFormat.amount(0.012345) == "0.0123")
        #expect(NumberFormat.amount(nil) == "–")
        #expect(NumberFormat.percent(0.1234) == "12.3 %")
        #expect(NumberFormat.percent(0.0042) == "0.42 %")
        #expect(NumberFormat.percent(1) == "100 %")
        #expect(NumberFormat.grouped(-1_000_000) == "−1,000,000")
        #expect(NumberFormat.ratio(-0.971428) == "−0.971")
    }
}

/// Confidence intervals of percentiles from order statistics (issue 8, section 7).
@Suite struct PercentileIntervalTests {
    /// Over 400 samples of 1,000 uniform values, the P10, P50 and P95 intervals each
    /// cover the true quantile in 95 % of samples, within 3.5 binomial standard errors.
    @Test func intervalsCoverNinetyFivePercent() {
        var rng = SplitMix(state: 42)
        let runs = 400, n = 1000
        var covered = [0, 0, 0]
        let levels = [("p10", 0.10), ("p50", 0.50), ("p95", 0.95)]
        for _ in 0..<runs {
            var x = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) }
            let s = x.withUnsafeMutableBufferPointer { Stats.of($0) }
            for (k, (key, q)) in levels.enumerated() {
                let ci = s.ci95![key]!
                #expect(
                    ci[0] <= s.percentiles[Percentiles.keys.firstIndex(of: key)!]!
                        && s.percentiles[Percentiles.keys.firstIndex(of: key)!]! <= ci[1])
                if ci[0] <= q && q <= ci[1] { covered[k] += 1 }
            }
        }
        let se = (0.95 * 0.05 / Double(runs)).squareRoot()
        for c in covered {
            #expect(abs(Double(c) / Double(runs) - 0.95) < 3.5 * se, "coverage \(Double(c) / Double(runs))")
        }
    }

    @Test func ranksAreClampedForTinySamples() {
        #expect(Percentiles.confidenceRanks(0.05, n: 1) == (0, 0))
        #expect(Percentiles.confidenceRanks(0.5, n: 3) == (0, 2))
        // n = 100, f = 0.5: m 50, s 5 → ranks 40 and 61 (1-based).
        #expect(Percentiles.confidenceRanks(0.5, n: 100) == (39, 60))
    }
}
