#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A mergeable quantile sketch with a relative error bound, for money that
/// can be negative: logarithmic buckets (DDSketch's) kept apart by sign, and
/// a count of zeros.
///
/// Bucket i of a sign holds the magnitudes in (γ^(i−1), γ^i] with
/// γ = (1 + α)/(1 − α); it answers with 2γ^i/(γ + 1), within α of every
/// magnitude it holds. The k-th smallest value the sketch gives is therefore
/// within α·|x₍k₎| of the exact k-th smallest value x₍k₎ (magnitudes below
/// `zeroMagnitude` count as 0; answers are kept within the exact minimum and
/// maximum, which covers magnitudes beyond `maxMagnitude`). The state is
/// integer counts and the exact extremes, so merging sketches in any order
/// gives the same sketch, bit for bit.
public struct QuantileSketch: Sendable, Equatable {
    /// α: the relative error of every order statistic.
    public static let relativeError = 0.001
    /// Magnitudes below this count as zero (an absolute error below it).
    public static let zeroMagnitude = 1e-9
    /// Magnitudes above this share the top bucket (their answers are bounded by the exact extremes only).
    public static let maxMagnitude = 1e18
    static let gamma = (1 + relativeError) / (1 - relativeError)
    static let logGamma = log(gamma)
    static let firstIndex = Int((log(zeroMagnitude) / logGamma).rounded(.up))
    static let lastIndex = Int((log(maxMagnitude) / logGamma).rounded(.up))
    /// Buckets per sign.
    static let bucketCount = lastIndex - firstIndex + 1

    /// Counts by bucket (index − `firstIndex`) of the positive values and of the negative ones' magnitudes.
    var positive: [Int]
    var negative: [Int]
    var zeros = 0
    /// The values counted, and their exact extremes (+∞ and −∞ while empty).
    public internal(set) var count = 0
    var minimum = Double.infinity
    var maximum = -Double.infinity

    public init() {
        positive = [Int](repeating: 0, count: Self.bucketCount)
        negative = [Int](repeating: 0, count: Self.bucketCount)
    }

    /// The bucket of a magnitude ≥ `zeroMagnitude`.
    @inline(__always)
    static func bucket(_ magnitude: Double) -> Int {
        let i = (log(magnitude) / logGamma).rounded(.up)
        return min(bucketCount - 1, max(0, Int(i) - firstIndex))
    }

    /// The value bucket `b` answers with (a magnitude).
    static func representative(_ b: Int) -> Double {
        2 * pow(gamma, Double(b + firstIndex)) / (gamma + 1)
    }

    /// Counts `x`, which must not be NaN.
    @inline(__always)
    public mutating func add(_ x: Double) {
        count += 1
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
        if x >= Self.zeroMagnitude {
            positive[Self.bucket(x)] += 1
        } else if x <= -Self.zeroMagnitude {
            negative[Self.bucket(-x)] += 1
        } else {
            zeros += 1
        }
    }

    /// Adds another sketch's counts to this one's.
    public mutating func merge(_ other: QuantileSketch) {
        for b in 0..<Self.bucketCount {
            positive[b] += other.positive[b]
            negative[b] += other.negative[b]
        }
        zeros += other.zeros
        count += other.count
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// The ascending walk over the buckets: each non-empty one's answer and count, most negative first.
    func ascending() -> [(value: Double, count: Int)] {
        var out: [(value: Double, count: Int)] = []
        for b in stride(from: Self.bucketCount - 1, through: 0, by: -1) where negative[b] > 0 {
            out.append((-Self.representative(b), negative[b]))
        }
        if zeros > 0 { out.append((0, zeros)) }
        for b in 0..<Self.bucketCount where positive[b] > 0 { out.append((Self.representative(b), positive[b])) }
        return out.map { (min(maximum, max(minimum, $0.value)), $0.count) }
    }
}

/// Order statistics read off a sketch: the bucket walk made once, then each rank looked up.
struct SketchOrder {
    private let values: [Double]
    /// Cumulative counts: `ends[j]` values lie in the first j + 1 buckets.
    private let ends: [Int]

    init(_ sketch: QuantileSketch) {
        let walk = sketch.ascending()
        values = walk.map(\.value)
        var total = 0
        ends = walk.map {
            total += $0.count; return total
        }
    }

    /// The k-th smallest value (0-based), within α of the exact one.
    func value(rank k: Int) -> Double {
        // The first bucket whose cumulative count passes k.
        var lo = 0, hi = ends.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] > k { hi = mid } else { lo = mid + 1 }
        }
        return values[lo]
    }

    /// The sum of the `k` smallest values (CVaR's tail), each as the sketch answers it.
    func sumOfSmallest(_ k: Int) -> Double {
        var sum = 0.0, taken = 0
        for (j, v) in values.enumerated() where taken < k {
            let inBucket = ends[j] - (j > 0 ? ends[j - 1] : 0)
            let take = min(inBucket, k - taken)
            sum += v * Double(take)
            taken += take
        }
        return sum
    }
}
