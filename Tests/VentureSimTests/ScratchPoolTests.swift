import Foundation
import Testing
@testable import VentureSim

/// The summary's scratch pool hands a region back out once it is given back, takes in donated columns, keeps no more
/// free regions than it is told, and what it holds does not change a figure.
@Suite struct ScratchPoolTests {
    /// The base address of the room `pool` hands out for `count` doubles, written whole to show it is there.
    static func base(_ pool: ScratchPool, _ count: Int) -> UnsafeMutablePointer<Double>? {
        pool.with(count: count) { x in
            x.update(repeating: 1)
            return x.baseAddress
        }
    }

    @Test func aRegionGivenBackIsHandedOutAgain() {
        let pool = ScratchPool(keep: 2)
        let first = Self.base(pool, 1000)
        #expect(first != nil)
        #expect(Self.base(pool, 1000) == first)
        // A smaller request fits in it too.
        #expect(Self.base(pool, 10) == first)
        pool.drain()
    }

    @Test func nestedRequestsGetDistinctRegions() {
        let pool = ScratchPool(keep: 3)
        let (a, b) = pool.with(count: 100) { a in
            pool.with(count: 100) { b in
                a.update(repeating: 1)
                b.update(repeating: 2)
                #expect(a.allSatisfy { $0 == 1 })
                return (a.baseAddress, b.baseAddress)
            }
        }
        #expect(a != b)
        pool.drain()
    }

    @Test func aDonatedColumnIsScratchFromThenOn() {
        let column = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4096)
        defer { column.deallocate() }
        column.initialize(repeating: 0)
        let pool = ScratchPool(keep: 2)
        pool.donate(column)
        #expect(Self.base(pool, 4096) == column.baseAddress)
        // Larger than any free region: mapped afresh.
        #expect(Self.base(pool, 5000) != column.baseAddress)
        pool.drain()
    }

    @Test func beyondKeepTheSmallestFreeRegionIsHandedBack() {
        let pool = ScratchPool(keep: 1)
        let small = Self.base(pool, 10)
        let large = Self.base(pool, 100_000)
        #expect(small != large)
        // Only the large one was kept: a small request now gets it.
        #expect(Self.base(pool, 10) == large)
        pool.drain()
    }

    /// Long enough for the bracketed pass, which gathers into the pool: a region full of NaN from an earlier user
    /// gives the same statistics, bit for bit, as fresh memory.
    @Test func statisticsThroughThePoolAreTheSame() {
        var g = SplitMix(state: 17)
        let data = (0..<100_000).map { _ in Double.random(in: -1...1, using: &g) * 1e6 }
        let stale = UnsafeMutableBufferPointer<Double>.allocate(capacity: data.count)
        defer { stale.deallocate() }
        stale.initialize(repeating: .nan)
        let pool = ScratchPool(keep: 2)
        pool.donate(stale)
        var plain = data, pooled = data
        let expected = plain.withUnsafeMutableBufferPointer { Stats.of($0) }
        let found = pooled.withUnsafeMutableBufferPointer { Stats.of($0, scratch: pool) }
        #expect(found == expected)
        pool.drain()
    }
}
