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
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: x.count)
        defer { scratch.deallocate() }
        sort(x, scratch: scratch)
    }

    /// `x` in ascending order, in place, with `scratch` (at least as long; its contents are overwritten) as the
    /// passes' second buffer: the keys are the values' own bits, so nothing is allocated beyond the digit counts.
    static func sort(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n > 1 else { return }
        precondition(scratch.count >= n, "a radix sort's scratch is as long as what it sorts")
        x.withMemoryRebound(to: UInt64.self) { keys in
            scratch.withMemoryRebound(to: UInt64.self) { other in
                for i in 0..<n { keys[i] = key(Double(bitPattern: keys[i])) }
                let k2 = UnsafeMutableBufferPointer(rebasing: other[0..<n])
                if passes(keys, k2, payload: nil) { _ = keys.update(fromContentsOf: k2) }
                for i in 0..<n { keys[i] = value(keys[i]).bitPattern }
            }
        }
    }

    /// Indices of `x` in ascending order of value.
    static func order(_ x: UnsafeBufferPointer<Double>) -> [Int32] {
        let n = x.count
        var order = (0..<Int32(n)).map { $0 }
        guard n > 1 else { return order }
        var keys = x.map(key), keys2 = [UInt64](repeating: 0, count: n), order2 = [Int32](repeating: 0, count: n)
        let swapped = keys.withUnsafeMutableBufferPointer { k in
            keys2.withUnsafeMutableBufferPointer { k2 in
                order.withUnsafeMutableBufferPointer { p in
                    order2.withUnsafeMutableBufferPointer { p2 in passes(k, k2, payload: (p, p2)) }
                }
            }
        }
        return swapped ? order2 : order
    }

    /// Sorts `keys`, carrying `payload.0` along when there is one, with `other` (and `payload.1`) as the second
    /// buffer of each pass. Returns whether the sorted keys (and payload) ended in the second buffers.
    private static func passes(
        _ keys: UnsafeMutableBufferPointer<UInt64>, _ other: UnsafeMutableBufferPointer<UInt64>,
        payload: (UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>)?
    ) -> Bool {
        let n = keys.count
        let bits = 11, buckets = 1 << bits, mask = UInt64(buckets - 1)
        let digits = (64 + bits - 1) / bits
        // Every digit's counts in one read of the keys (they do not change between passes, only the order does).
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: digits * buckets)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        for key in keys {
            for d in 0..<digits { counts[d * buckets + Int((key >> UInt64(d * bits)) & mask)] += 1 }
        }
        var (k, k2, swapped) = (keys, other, false)
        var (p, p2) = payload ?? (UnsafeMutableBufferPointer(start: nil, count: 0), .init(start: nil, count: 0))
        let carry = payload != nil
        for d in 0..<digits {
            let shift = UInt64(d * bits)
            // A digit that is the same in every key moves nothing: skip its pass.
            if counts[d * buckets + Int((k[0] >> shift) & mask)] == n { continue }
            let c = UnsafeMutableBufferPointer(rebasing: counts[d * buckets..<(d + 1) * buckets])
            var sum = 0
            for b in 0..<buckets { let t = c[b]; c[b] = sum; sum += t }
            for i in 0..<n {
                let b = Int((k[i] >> shift) & mask)
                k2[c[b]] = k[i]
                if carry { p2[c[b]] = p[i] }
                c[b] += 1
            }
            swap(&k, &k2)
            if carry { swap(&p, &p2) }
            swapped.toggle()
        }
        return swapped
    }
}
