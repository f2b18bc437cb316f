import Testing
@testable import VentureSim

/// The summary's radix sort gives the comparison sort's order: ascending, stable for equal values.
@Suite struct RadixSortTests {
    @Test(arguments: [0, 1, 2, 3, 17, 2048, 50_000])
    func ordersLikeAStableSort(n: Int) {
        var g = SplitMix(state: UInt64(n) + 99)
        let specials: [Double] = [
            0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
            1, -1
        ]
        let x: [Double] = (0..<n).map { i in
            switch Int.random(in: 0..<4, using: &g) {
            case 0: return specials[Int.random(in: 0..<specials.count, using: &g)]
            case 1: return Double(Int.random(in: -3...3, using: &g))  // ties
            case 2: return Double.random(in: -1e300...1e300, using: &g)
            default: return Double.random(in: -1...1, using: &g) * Double(i)
            }
        }
        let expected = x.indices.sorted { (x[$0], $0) < (x[$1], $1) }
        let order: [Int] = x.withUnsafeBufferPointer { RadixSort.order($0) }.map { Int($0) }
        // The same values in the same order (−0 and +0 compare equal, so only the values are compared at ties of sign).
        #expect(order.map { x[$0] } == expected.map { x[$0] })
        for k in order.indices.dropFirst()
        where x[order[k - 1]] == x[order[k]] && x[order[k - 1]].sign == x[order[k]].sign {
            #expect(order[k - 1] < order[k], "stable at \(k)")
        }
        #expect(Set(order).count == n)
        var sorted = x
        RadixSort.sort(&sorted)
        #expect(sorted.map(\.bitPattern) == order.map { x[$0].bitPattern })
        #expect(sorted.elementsEqual(x.sorted()))
        // In place with a caller's scratch (longer than needed, its contents anything): the same bits.
        var inPlace = x
        var scratch = [Double](repeating: .nan, count: n + 3)
        inPlace.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { RadixSort.sort(v, scratch: $0) }
        }
        #expect(inPlace.map(\.bitPattern) == sorted.map(\.bitPattern))
    }
}
