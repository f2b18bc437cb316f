internal import CGSL

extension Distribution {
    /// P(lower ≤ X ≤ upper) under the untruncated law: how much probability a
    /// truncation keeps (1 when there is none).
    public var truncatedMass: Double { mass(lower ?? -.infinity, upper ?? .infinity) }

    /// P(a ≤ X ≤ b) for a draw of this distribution, truncation and scale included.
    public func probability(from a: Double, to b: Double) -> Double {
        // X = scale · Y with scale > 0: a ≤ X ≤ b exactly when a/scale ≤ Y ≤ b/scale.
        let (a, b) = scale == 1 ? (a, b) : (a / scale, b / scale)
        let kept = truncatedMass
        guard kept > 0 else { return 0 }
        let lo = Swift.max(a, lower ?? -.infinity), hi = Swift.min(b, upper ?? .infinity)
        guard lo <= hi else { return 0 }
        return Swift.min(1, mass(lo, hi) / kept)
    }

    /// P(lo ≤ X ≤ hi) under the untruncated law (a closed interval).
    func mass(_ lo: Double, _ hi: Double) -> Double {
        switch law {
        case .constant(let v):
            return v >= lo && v <= hi ? 1 : 0
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            let kept = zip(values, weights).filter { $0.0 >= lo && $0.0 <= hi }.reduce(0) { $0 + $1.1 }
            return kept / total
        case .poisson(let mean):
            // Integer support: P(ceil(lo) ≤ K ≤ floor(hi)).
            let k0 = Swift.max(0, lo.rounded(.up)), k1 = hi.rounded(.down)
            guard k1 >= k0 else { return 0 }
            let upperP = k1 >= 1e9 ? 1 : gsl_cdf_poisson_P(UInt32(k1), mean)
            let lowerP = k0 >= 1 ? gsl_cdf_poisson_P(UInt32(Swift.min(k0 - 1, 1e9)), mean) : 0
            return upperP - lowerP
        default:
            return Swift.max(0, cdf(hi) - cdf(lo))
        }
    }

    /// The inverse CDF of a continuous law, truncation and scale included: the value
    /// below which a share `u` of draws fall (for the copula of correlated inputs).
    func quantile(_ u: Double) -> Double {
        unscaledQuantile(u) * scale
    }

    /// The inverse CDF of the law truncated to `[lower, upper]`, before `scale`.
    private func unscaledQuantile(_ u: Double) -> Double {
        var u = u
        if lower != nil || upper != nil {
            let lo = cdf(lower ?? -.infinity), hi = cdf(upper ?? .infinity)
            u = lo + u * (hi - lo)
        }
        u = Swift.min(Swift.max(u, 1e-16), 1 - 1e-16)
        let x: Double
        switch law {
        case .constant(let v): x = v
        case .uniform(let a, let b): x = a + u * (b - a)
        case .normal(let m, let s): x = m + s * gsl_cdf_ugaussian_Pinv(u)
        case .lognormal(let mu, let sigma, _): x = gsl_cdf_lognormal_Pinv(u, mu, sigma)
        case .beta(let a, let b): x = gsl_cdf_beta_Pinv(u, a, b)
        case .pert(let lo, let mode, let hi):
            let (a, b) = Distribution.pertShape(min: lo, mode: mode, max: hi)
            x = lo + (hi - lo) * gsl_cdf_beta_Pinv(u, a, b)
        case .triangular(let a, let m, let b):
            let c = (m - a) / (b - a)
            x = u < c ? a + ((b - a) * (m - a) * u).squareRoot() : b - ((b - a) * (b - m) * (1 - u)).squareRoot()
        case .gamma(let k, let s): x = gsl_cdf_gamma_Pinv(u, k, s)
        case .exponential(let m): x = gsl_cdf_exponential_Pinv(u, m)
        case .metalog(let m): x = m.quantile(u)
        case .poisson, .discrete: x = .nan  // refused by validation
        }
        return Swift.min(Swift.max(x, lower ?? -.infinity), upper ?? .infinity)
    }

    /// The cumulative distribution function of a continuous law, untruncated and before `scale`.
    func cdf(_ x: Double) -> Double {
        if x == -.infinity { return 0 }
        if x == .infinity { return 1 }
        switch law {
        case .constant(let v): return x >= v ? 1 : 0
        case .uniform(let a, let b): return gsl_cdf_flat_P(x, a, b)
        case .normal(let m, let s): return gsl_cdf_gaussian_P(x - m, s)
        case .lognormal(let mu, let sigma, _): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
        case .beta(let a, let b): return x <= 0 ? 0 : x >= 1 ? 1 : gsl_cdf_beta_P(x, a, b)
        case .pert(let lo, let mode, let hi):
            let (a, b) = Distribution.pertShape(min: lo, mode: mode, max: hi)
            let u = (x - lo) / (hi - lo)
            return u <= 0 ? 0 : u >= 1 ? 1 : gsl_cdf_beta_P(u, a, b)
        case .triangular(let a, let m, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            return x <= m ? (x - a) * (x - a) / ((b - a) * (m - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - m))
        case .gamma(let k, let s): return x <= 0 ? 0 : gsl_cdf_gamma_P(x, k, s)
        case .exponential(let m): return x <= 0 ? 0 : gsl_cdf_exponential_P(x, m)
        case .poisson(let m): return x < 0 ? 0 : gsl_cdf_poisson_P(UInt32(min(x.rounded(.down), 1e9)), m)
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            return zip(values, weights).filter { $0.0 <= x }.reduce(0) { $0 + $1.1 } / total
        case .metalog(let m): return m.cdf(x)
        }
    }

    /// The smallest and largest values a draw can take (after truncation).
    public var support: ClosedRange<Double> {
        var lo: Double, hi: Double
        switch law {
        case .constant(let v): (lo, hi) = (v, v)
        case .uniform(let a, let b), .pert(let a, _, let b), .triangular(let a, _, let b): (lo, hi) = (a, b)
        case .normal: (lo, hi) = (-.infinity, .infinity)
        case .lognormal, .gamma, .exponential, .poisson: (lo, hi) = (0, .infinity)
        case .beta: (lo, hi) = (0, 1)
        case .discrete(let values, let weights):
            let kept = zip(values, weights).filter { $0.1 > 0 }.map(\.0)
            (lo, hi) = (kept.min() ?? 0, kept.max() ?? 0)
        case .metalog(let m): (lo, hi) = (m.lower ?? -.infinity, m.upper ?? .infinity)
        }
        if let lower { lo = Swift.max(lo, lower) }
        if let upper { hi = Swift.min(hi, upper) }
        // scale > 0 keeps the order (and ±∞ stay themselves).
        return lo * scale...Swift.max(lo, hi) * scale
    }

    /// Beta-PERT's beta parameters with λ = 4: α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min).
    static func pertShape(min: Double, mode: Double, max: Double) -> (Double, Double) {
        (1 + 4 * (mode - min) / (max - min), 1 + 4 * (max - mode) / (max - min))
    }
}
