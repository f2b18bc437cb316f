import Foundation
import Testing
@testable import VentureSim

/// The summary's scratch pool hands a region back out once it is given back, takes in donated columns, holds no more
/// than was donated and no more free regions than it is told, and what it holds does not change a figure.
@Suite struct ScratchPoolTests {
    /// The base address of the room `pool` hands out for `count` doubles, written whole to show it is there.
    static func base(_ pool: ScratchPool, _ count: Int) -> UnsafeMutablePointer<Double>? {
        pool.with(count: count) { x in
            x.update(repeating: 1)
            return x.baseAddress
        }
    }

    /// A column's room in the pool's own hands: its pages handed back when the pool lets it go.
    static func column(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
        let column = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        column.initialize(repeating: 0)
        return column
    }

    /// Without a donation, what a task mapped goes back to the system when it is done: the pool holds nothing the
    /// summary did not free first.
    @Test func withoutADonationNothingIsKept() {
        let pool = ScratchPool(keep: 3)
        #expect(Self.base(pool, 1000) != nil)
        #expect(pool.freeCount == 0)
        // Beyond what was donated, the mapped region goes back first and the donated column stays.
        let column = Self.column(500)
        defer { column.deallocate() }
        pool.donate(column)
        #expect(Self.base(pool, 1000) != column.baseAddress)
        #expect(pool.freeCount == 1)
        #expect(Self.base(pool, 500) == column.baseAddress)
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

    /// A donated column is scratch from then on, handed out again each time it is given back.
    @Test func aDonatedColumnIsHandedOutAgain() {
        let column = Self.column(4096)
        defer { column.deallocate() }
        let pool = ScratchPool(keep: 2)
        pool.donate(column)
        #expect(Self.base(pool, 4096) == column.baseAddress)
        #expect(Self.base(pool, 4096) == column.baseAddress)
        // A smaller request fits in it too; a larger one than any free region is mapped afresh.
        #expect(Self.base(pool, 10) == column.baseAddress)
        #expect(Self.base(pool, 5000) != column.baseAddress)
        pool.drain()
    }

    @Test func beyondKeepTheSmallestFreeRegionIsHandedBack() {
        let (small, large) = (Self.column(10), Self.column(100_000))
        defer { (small.deallocate(), large.deallocate()) }
        let pool = ScratchPool(keep: 1)
        pool.donate(small)
        pool.donate(large)
        #expect(pool.freeCount == 1)
        // Only the large one was kept: a small request now gets it.
        #expect(Self.base(pool, 10) == large.baseAddress)
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
