import Foundation
import Testing
@testable import VentureSim

/// The bracketed selection gives exactly the order statistics a sort gives,
/// whether the sample brackets the targets or misjudges them (the fallback).
@Suite struct BracketSelectionTests {
    static func positions(_ n: Int) -> [Int] {
        Percentiles.levels.flatMap { Percentiles.positions($0, n: n) }
            + Percentiles.levels.map { Percentiles.confidenceRanks($0, n: n) }.flatMap { [$0.lower, $0.upper] } + [0, n - 1, n / 3]
    }

    /// Checked with the counting pass on one, two and three threads: the same order statistics each time.
    static func check(_ data: [Double], _ label: String) {
        let sorted = data.sorted()
        let wanted = positions(data.count)
        for threads in [1, 2, 3] {
            var copy = data
            let found = copy.withUnsafeMutableBufferPointer { BracketSelection.orderStatistics($0, positions: wanted, threads: threads) }
            #expect(Set(found.keys) == Set(wanted), "\(label), \(threads) threads")
            for t in wanted { #expect(found[t]?.bitPattern == sorted[t].bitPattern, "\(label), \(threads) threads: rank \(t)") }
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
        Self.check((0..<90_000).map { _ in Double.random(in: 0...1, using: &rng) < 0.8 ? 0 : Double.random(in: 0...1e6, using: &rng) }, "zeros")
        Self.check((0..<90_000).map(Double.init), "sorted")
        Self.check((0..<90_000).reversed().map(Double.init), "reversed")
    }

    /// Every sampled value (each `stride`-th) is the smallest: the sample
    /// misjudges every bracket, and the answer must still be exact.
    @Test func aMisleadingSampleFallsBackExactly() {
        var rng = SplitMix(state: 11)
        let data = (0..<100_000).map { i in i % BracketSelection.stride == 0 ? -1e12 : Double.random(in: 0...1, using: &rng) }
        Self.check(data, "adversarial")
    }
}
