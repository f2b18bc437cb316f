/// Order statistics without a full sort: a quickselect that places
/// the elements at several target positions where a sort would put them,
/// with everything smaller before and everything larger after each one.
///
/// Expected O(n log k) for k targets; falls back to sorting a range whose
/// recursion gets deep, so bad pivots cannot make it quadratic.
enum Selection {
    /// Reorders `a` so that `a[t]` is the t-th smallest element for each t in `targets`.
    ///
    /// `prefix`: only `a[0 ..< prefix]` is wanted, arranged exactly as the full selection leaves it (CVaR's tail
    /// sums it in that order): ranges that start at or past it are not worked on. The partitions of a range touch
    /// nothing outside it, so skipping those ranges changes nothing before `prefix`; the targets at or past it are
    /// then not in place.
    static func select(_ a: UnsafeMutableBufferPointer<Double>, positions targets: [Int], prefix: Int = .max) {
        let sorted = Array(Set(targets.filter { $0 >= 0 && $0 < a.count })).sorted()
        guard !sorted.isEmpty, let base = a.baseAddress else { return }
        var depth = 0
        var n = a.count
        while n > 1 { depth += 2; n >>= 1 }
        sorted.withUnsafeBufferPointer { select(base, 0, a.count, $0[...], depthLimit: depth + 8, prefix: prefix) }
    }

    private static func select(
        _ a: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int, _ targets: Slice<UnsafeBufferPointer<Int>>,
        depthLimit: Int, prefix: Int
    ) {
        guard !targets.isEmpty, hi - lo > 1, lo < prefix else { return }
        if hi - lo <= 24 || depthLimit == 0 {
            var range = UnsafeMutableBufferPointer(start: a + lo, count: hi - lo)
            range.sort()
            return
        }
        // Median of three as pivot, then Hoare's partition: it swaps elements
        // equal to the pivot too, so runs of ties split evenly and it does
        // about a third of the swaps of a three-way partition.
        let mid = lo + (hi - lo) / 2
        let x = a[lo], y = a[mid], z = a[hi - 1]
        let pivot = max(min(x, y), min(max(x, y), z))
        var i = lo - 1, j = hi
        while true {
            repeat { i += 1 } while a[i] < pivot
            repeat { j -= 1 } while a[j] > pivot
            if i >= j { break }
            a.swapAt(i, j)
        }
        // Now [lo, j] ≤ pivot ≤ [j + 1, hi).
        let lt = j + 1, gt = j + 1
        let left = targets.prefix { $0 < lt }
        let right = targets.drop { $0 < gt }
        select(a, lo, lt, left, depthLimit: depthLimit - 1, prefix: prefix)
        select(a, gt, hi, right, depthLimit: depthLimit - 1, prefix: prefix)
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    @inline(__always) fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
