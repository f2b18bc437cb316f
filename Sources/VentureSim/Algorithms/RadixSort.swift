/// Sorting doubles by a least-significant-digit radix sort of their bits.
///
/// The summary sorts many arrays of tens of thousands of values (each input of
/// the driver analysis, each column's bracket sample, the chart curves): a radix
/// sort is several times faster there than the standard library's comparison
/// sort (neither swift-algorithms nor swift-collections has one). Equal values
/// keep their input order; −0 sorts just before +0, which compare equal, so a
/// sorted array reads the same as a comparison sort's. NaN must not occur.
enum RadixSort {
    /// Order-preserving unsigned key of a double: every bit of a negative flipped, only the sign bit of a positive.
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let b = v.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }

    @inline(__always)
    static func value(_ k: UInt64) -> Double {
        Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
    }

    /// `x` in ascending order.
    static func sort(_ x: inout [Double]) { x.withUnsafeMutableBufferPointer { sort($0) } }

    /// `x` in ascending order, in place.
    static func sort(_ x: UnsafeMutableBufferPointer<Double>) {
        guard x.count > 1 else { return }
        var keys = x.map(key)
        var none: [Int32] = []
        passes(&keys, &none)
        for i in keys.indices { x[i] = value(keys[i]) }
    }

    /// Indices of `x` in ascending order of value.
    static func order(_ x: UnsafeBufferPointer<Double>) -> [Int32] {
        let n = x.count
        var order = (0..<Int32(n)).map { $0 }
        guard n > 1 else { return order }
        var keys = x.map(key)
        passes(&keys, &order)
        return order
    }

    /// Sorts `keys`, carrying `payload` along when it is not empty.
    private static func passes(_ keys: inout [UInt64], _ payload: inout [Int32]) {
        let n = keys.count, carry = !payload.isEmpty
        let bits = 11, buckets = 1 << bits, mask = UInt64(buckets - 1)
        let digits = (64 + bits - 1) / bits
        // Every digit's counts in one read of the keys (they do not change between passes, only the order does).
        var counts = [Int](repeating: 0, count: digits * buckets)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for key in k {
                    for d in 0..<digits { c[d * buckets + Int((key >> UInt64(d * bits)) & mask)] += 1 }
                }
            }
        }
        var keys2 = [UInt64](repeating: 0, count: n), payload2 = [Int32](repeating: 0, count: carry ? n : 0)
        for d in 0..<digits {
            let shift = UInt64(d * bits)
            // A digit that is the same in every key moves nothing: skip its pass.
            if counts[d * buckets + Int((keys[0] >> shift) & mask)] == n { continue }
            keys.withUnsafeBufferPointer { k in
                keys2.withUnsafeMutableBufferPointer { k2 in
                    payload.withUnsafeBufferPointer { p in
                        payload2.withUnsafeMutableBufferPointer { p2 in
                            counts.withUnsafeMutableBufferPointer { all in
                                let c = UnsafeMutableBufferPointer(rebasing: all[d * buckets..<(d + 1) * buckets])
                                var sum = 0
                                for b in 0..<buckets { let t = c[b]; c[b] = sum; sum += t }
                                for i in 0..<n {
                                    let b = Int((k[i] >> shift) & mask)
                                    k2[c[b]] = k[i]
                                    if carry { p2[c[b]] = p[i] }
                                    c[b] += 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keys2)
            if carry { swap(&payload, &payload2) }
        }
    }
}
