import Foundation
import Testing
@testable import VentureSim

/// The bracketed selection gives exactly the order statistics a sort gives,
/// whether the sample brackets the targets or misjudges them (the fallback).
@Suite struct BracketSelectionTests {
    static func positions(_ n: Int) -> [Int] {
        Percentiles.levels.flatMap { Percentiles.positions($0, n: n) }
            + Percentiles.levels.map { Percentiles.confidenceRanks($0, n: n) }.flatMap { [$0.lower, $0.upper] } + [
                0, n - 1, n / 3
            ]
    }

    /// Checked with the counting pass on one, two and three threads: the same order statistics each time.
    static func check(_ data: [Double], _ label: String) {
        let sorted = data.sorted()
        let wanted = positions(data.count)
        for threads in [1, 2, 3] {
            var copy = data
            let found = copy.withUnsafeMutableBufferPointer {
                BracketSelection.orderStatistics($0, positions: wanted, threads: threads)
            }
            #expect(Set(found.keys) == Set(wanted), "\(label), \(threads) threads")
            for t in wanted {
                #expect(found[t]?.bitPattern == sorted[t].bitPattern, "\(label), \(threads) threads: rank \(t)")
            }
        }
    }

    @Test(arguments: [65_536, 100_003, 400_000])
    func randomDataEqualsSorting(n: Int) {
        var rng = SplitMix(state: UInt64(n))
        Self.check((0..<n).map { _ in Double.random(in: -1e9...1e9, using: &rng) }, "uniform \(n)")
        Self.check((0..<n).map { _ in exp(Double.random(in: 0...20, using: &rng)) - 1e5 }, "skewed \(n)")
    }

    @Test func tiesAndConstantsEqualSorting() {
        var rng = SplitMix(state: 3)
        Self.check((0..<100_000).map { _ in Double(Int.random(in: 0..<4, using: &rng)) }, "four values")
        Self.check([Double](repeating: 7.5, count: 80_000), "constant")
        // Mostly zero with a tail, like a funding need.
        Self.check(
            (0..<90_000).map { _ in
                Double.random(in: 0...1, using: &rng) < 0.8 ? 0 : Double.random(in: 0...1e6, using: &rng)
            }, "zeros")
        Self.check((0..<90_000).map(Double.init), "sorted")
        Self.check((0..<90_000).reversed().map(Double.init), "reversed")
    }

    /// Every sampled value (each `stride`-th) is the smallest: the sample
    /// misjudges every bracket, and the answer must still be exact.
    @Test func aMisleadingSampleFallsBackExactly() {
        var rng = SplitMix(state: 11)
        let data = (0..<100_000).map { i in
            i % BracketSelection.stride == 0 ? -1e12 : Double.random(in: 0...1, using: &rng)
        }
        Self.check(data, "adversarial")
    }

    /// The ranks `Stats.of` asks for: the percentiles, their confidence bounds and CVaR's tail.
    static func summaryTargets(_ n: Int) -> [Int] {
        let ranks =
            Percentiles.levels.flatMap { Percentiles.positions($0, n: n) }
            + Percentiles.levels.map { Percentiles.confidenceRanks($0, n: n) }.flatMap { [$0.lower, $0.upper] } + [
                n / 20 - 1
            ]
        return Array(Set(ranks)).sorted()
    }

    /// A column of ties (a deterministic scenario's, issue 27) is counted, not gathered: no scratch at all, where it
    /// once reserved room for 119 million values; and the figures are a sort's.
    @Test func aColumnOfTiesTakesNoScratch() {
        let n = 1_000_000
        let column = [Double](repeating: 49_248, count: n)
        for threads in [1, 2] {
            let layout = column.withUnsafeBufferPointer {
                BracketSelection.layout($0, Self.summaryTargets(n), threads: threads)
            }
            #expect(layout?.scratch == 0, "\(threads) threads")
        }
        var copy = column
        var deviations: BracketSelection.Deviations? = .init(mean: 49_248)
        let found = copy.withUnsafeMutableBufferPointer {
            BracketSelection.withoutReordering(
                UnsafeBufferPointer($0), positions: Self.summaryTargets(n), deviations: &deviations)
        }
        #expect(found?.count == Self.summaryTargets(n).count)
        #expect(found?.values.allSatisfy { $0 == 49_248 } == true)
        #expect(deviations?.sum == 0)
    }

    /// Whatever the data, the scratch stays within `scratchLimit` (a column's worth) and the figures are a sort's: ties
    /// at a percentile, a column mostly of one value with a tail, and two values split at the median.
    @Test func scratchIsBoundedWhateverTheData() {
        var rng = SplitMix(state: 27)
        let n = 200_000
        let columns: [(String, [Double])] = [
            (
                "mostly zero",
                (0..<n).map { _ in
                    Double.random(in: 0...1, using: &rng) < 0.9 ? 0 : Double.random(in: 0...1e6, using: &rng)
                }
            ),
            ("two values", (0..<n).map { _ in Double(Int.random(in: 0...1, using: &rng)) }),
            ("uniform", (0..<n).map { _ in Double.random(in: -1...1, using: &rng) })
        ]
        for (label, data) in columns {
            for threads in [1, 2, 3] {
                let layout = data.withUnsafeBufferPointer {
                    BracketSelection.layout($0, Self.summaryTargets(n), threads: threads)
                }
                #expect(
                    (layout?.scratch ?? 0) <= BracketSelection.scratchLimit(count: n), "\(label), \(threads) threads")
            }
            Self.check(data, label)
        }
        // Noise has no ties: each bracket spans 2 (4 √(s f(1 − f)) + 2) sample positions about its percentile, s = n /
        // 32, and takes room for 2 (n / s + 1) = 66 values a position: Σ over the seven levels of √(f(1 − f)) is 2.4,
        // so about 66 · 8 · 2.4 · √(n / 32) ≈ 224 √n values (100,000 at n = 200,000; a fifth of a column at a million).
        let uniform = columns[2].1.withUnsafeBufferPointer {
            BracketSelection.layout($0, Self.summaryTargets(n), threads: 1)
        }
        #expect((uniform?.scratch ?? .max) < Int(260 * Double(n).squareRoot()))
    }
}
