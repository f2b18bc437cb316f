internal import CGSL

/// A metalog distribution (Keelin 2016, "The Metalog Distributions", Decision Analysis 13(4)) through k given
/// quantiles exactly: its quantile function is M(y) = Σ aⱼ·gⱼ(y) on a scale z, with the basis
/// g₁ = 1, g₂ = L, g₃ = (y − ½)L, g₄ = (y − ½), g₅ = (y − ½)², g₆ = (y − ½)²L, L = ln(y / (1 − y)).
/// Unbounded, z = x; bounded below by bₗ (log metalog), z = ln(x − bₗ); above by bᵤ, z = −ln(bᵤ − x);
/// both (logit metalog), z = ln((x − bₗ)/(bᵤ − x)). It is a distribution only where M is increasing.
public struct Metalog: Sendable, Equatable {
    /// The quantiles as written: probabilities (increasing, in (0, 1)) and their values.
    public let probabilities: [Double]
    public let values: [Double]
    public let lower: Double?
    public let upper: Double?
    /// a₁ … a_k on the z scale.
    public let coefficients: [Double]

    /// Quantiles at most: six terms is as far as Keelin's basis is commonly used, and plenty for a pitch.
    static let maxTerms = 6

    /// Why a set of quantiles has no metalog (in words for a message).
    struct Refusal: Error { let message: String }

    /// The metalog through `values` at `probabilities`, or why there is none.
    static func fit(probabilities p: [Double], values x: [Double], lower: Double?, upper: Double?) -> Result<
        Metalog, Refusal
    > {
        let k = p.count
        guard let z = transformed(x, lower: lower, upper: upper) else {
            return .failure(
                Refusal(
                    message: "every quantile must lie strictly inside the bounds"
                        + " (\(lower.map(NodeReader.format) ?? "−∞") < value < \(upper.map(NodeReader.format) ?? "∞"))")
            )
        }
        guard let a = solve(p, z) else {
            return .failure(Refusal(message: "these quantiles give no metalog (the fit's equations are singular)"))
        }
        let m = Metalog(probabilities: p, values: x, lower: lower, upper: upper, coefficients: a)
        if let y = m.firstDecrease {
            let place =
                y < 0.001
                ? "in its lower tail" : y > 0.999 ? "in its upper tail" : "near its \(NumberFormat.percent(y)) quantile"
            var words =
                "the metalog through these quantiles is not a distribution: its quantile function decreases \(place)"
            if k == 3, let (lo, hi) = middleRange(p, z, lower: lower, upper: upper) {
                words +=
                    "; with these outer quantiles the middle one (at \(NumberFormat.percent(p[1]))) must lie between "
                    + "about "
                    + "\(NumberFormat.amount(lo)) and \(NumberFormat.amount(hi))"
            } else {
                words += "; bring the inner quantiles nearer a smooth curve through the outer ones, or give fewer"
            }
            return .failure(
                Refusal(message: words + (lower == nil && upper == nil ? ", or give bounds ('min', 'max')" : "")))
        }
        return .success(m)
    }

    /// The value below which a share `y` of draws fall.
    public func quantile(_ y: Double) -> Double {
        coefficients.withUnsafeBufferPointer {
            Self.quantile(y, $0.baseAddress!, count: $0.count, lower: lower ?? .nan, upper: upper ?? .nan)
        }
    }

    /// The quantile from a coefficient array, for the sampler (no allocation); NaN bounds are absent.
    @inline(__always)
    static func quantile(_ y: Double, _ a: UnsafePointer<Double>, count k: Int, lower: Double, upper: Double) -> Double
    {
        let c = y - 0.5, l = log(y / (1 - y))
        var m = a[0] + a[1] * l
        if k > 2 { m += a[2] * c * l }
        if k > 3 { m += a[3] * c }
        if k > 4 { m += a[4] * c * c }
        if k > 5 { m += a[5] * c * c * l }
        switch (lower.isNaN, upper.isNaN) {
        case (true, true): return m
        case (false, true): return lower + exp(m)
        case (true, false): return upper - exp(-m)
        case (false, false):
            // (bₗ + bᵤ e^M)/(1 + e^M), written so a large M cannot overflow.
            return m > 0 ? (lower * exp(-m) + upper) / (exp(-m) + 1) : (lower + upper * exp(m)) / (1 + exp(m))
        }
    }

    /// P(X ≤ x): the y whose quantile is x, by bisection on ln(y/(1 − y)) (M is increasing).
    public func cdf(_ x: Double) -> Double {
        if let lower, x <= lower { return 0 }
        if let upper, x >= upper { return 1 }
        var lo = -40.0, hi = 40.0
        if quantile(Self.logistic(lo)) >= x { return 0 }
        if quantile(Self.logistic(hi)) <= x { return 1 }
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if quantile(Self.logistic(mid)) < x { lo = mid } else { hi = mid }
        }
        return Self.logistic((lo + hi) / 2)
    }

    static func logistic(_ t: Double) -> Double { 1 / (1 + exp(-t)) }

    /// The values on the z scale, or nil when one lies outside the bounds.
    private static func transformed(_ x: [Double], lower: Double?, upper: Double?) -> [Double]? {
        var z: [Double] = []
        for v in x {
            if let lower, !(v > lower) { return nil }
            if let upper, !(v < upper) { return nil }
            switch (lower, upper) {
            case (nil, nil): z.append(v)
            case (let l?, nil): z.append(log(v - l))
            case (nil, let u?): z.append(-log(u - v))
            case (let l?, let u?): z.append(log((v - l) / (u - v)))
            }
        }
        return z.allSatisfy(\.isFinite) ? z : nil
    }

    /// gⱼ(y), j from 0.
    private static func basis(_ j: Int, _ y: Double) -> Double {
        let c = y - 0.5, l = log(y / (1 - y))
        switch j {
        case 0: return 1
        case 1: return l
        case 2: return c * l
        case 3: return c
        case 4: return c * c
        default: return c * c * l
        }
    }

    /// y(1 − y)·gⱼ′(y), j from 0, at y = logistic(t) (so L = t, exact far into the tails).
    private static func slope(_ j: Int, t: Double, y: Double, w: Double) -> Double {
        let c = y - 0.5
        switch j {
        case 0: return 0
        case 1: return 1
        case 2: return w * t + c
        case 3: return w
        case 4: return 2 * c * w
        default: return 2 * c * w * t + c * c
        }
    }

    /// The first grid point (as a probability) where the quantile function is not increasing; nil when it
    /// increases everywhere. The grid runs over ln(y/(1 − y)) from −40 to 40 (y from 4·10⁻¹⁸ to 1 − 4·10⁻¹⁸)
    /// in steps of 0.01: Keelin's feasibility is M′(y) > 0 for all y, and y(1 − y)M′ is smooth in L.
    var firstDecrease: Double? {
        for i in 0...8000 {
            let t = -40 + Double(i) * 0.01
            let y = Self.logistic(t), w = Self.logistic(t) * Self.logistic(-t)
            var s = 0.0
            for j in 0..<coefficients.count { s += coefficients[j] * Self.slope(j, t: t, y: y, w: w) }
            if !(s > 0) { return y }
        }
        return nil
    }

    /// The coefficients through (pᵢ, zᵢ): the k × k system Σⱼ aⱼ gⱼ(pᵢ) = zᵢ, by GSL's LU decomposition.
    private static func solve(_ p: [Double], _ z: [Double]) -> [Double]? {
        let k = p.count
        let m = gsl_matrix_alloc(k, k)!, b = gsl_vector_alloc(k)!, a = gsl_vector_alloc(k)!,
            perm = gsl_permutation_alloc(k)!
        defer { gsl_matrix_free(m); gsl_vector_free(b); gsl_vector_free(a); gsl_permutation_free(perm) }
        for i in 0..<k {
            gsl_vector_set(b, i, z[i])
            for j in 0..<k { gsl_matrix_set(m, i, j, basis(j, p[i])) }
        }
        var sign: Int32 = 0
        guard gsl_linalg_LU_decomp(m, perm, &sign) == Int32(GSL_SUCCESS),
            gsl_linalg_LU_solve(m, perm, b, a) == Int32(GSL_SUCCESS)
        else { return nil }
        let out = (0..<k).map { gsl_vector_get(a, $0) }
        return out.allSatisfy(\.isFinite) ? out : nil
    }

    /// For three quantiles, the open interval of middle values (as x) that give a distribution: found by bisection on
    /// each side of the logistic curve through the outer two (which is always one), towards the outer values.
    private static func middleRange(_ p: [Double], _ z: [Double], lower: Double?, upper: Double?) -> (Double, Double)? {
        func feasible(_ mid: Double) -> Bool {
            guard let a = solve(p, [z[0], mid, z[2]]) else { return false }
            return Metalog(probabilities: p, values: [], lower: nil, upper: nil, coefficients: a).firstDecrease == nil
        }
        // The two-term metalog (a logistic) through the outer quantiles, at the middle probability.
        let l0 = log(p[0] / (1 - p[0])), l1 = log(p[1] / (1 - p[1])), l2 = log(p[2] / (1 - p[2]))
        let centre = z[0] + (z[2] - z[0]) * (l1 - l0) / (l2 - l0)
        guard feasible(centre) else { return nil }
        func edge(towards end: Double) -> Double {
            var (inside, outside) = (centre, end)
            for _ in 0..<60 {
                let mid = (inside + outside) / 2
                if feasible(mid) { inside = mid } else { outside = mid }
            }
            return inside
        }
        func back(_ z: Double) -> Double {
            switch (lower, upper) {
            case (nil, nil): return z
            case (let l?, nil): return l + exp(z)
            case (nil, let u?): return u - exp(-z)
            case (let l?, let u?): return (l + u * exp(z)) / (1 + exp(z))
            }
        }
        return (back(edge(towards: z[0])), back(edge(towards: z[2])))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
