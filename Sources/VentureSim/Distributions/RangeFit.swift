internal import CGSL

/// A range as it was said (`4_000 to 12_000`, `{low: 0.02, high: 0.04}`): a central interval holding
/// `confidence` of the probability (0.9 unless said), and the family fitted to it.
public struct StatedRange: Sendable, Equatable {
    public var low: Double
    public var high: Double
    public var confidence: Double
    /// Whether the user named the family (`dist:`) rather than leaving it to the quantity.
    public var named: Bool

    /// The probabilities of the interval's ends: 0.05 and 0.95 for a 90 % interval.
    public var lowerProbability: Double { (1 - confidence) / 2 }
    public var upperProbability: Double { (1 + confidence) / 2 }
}

/// The laws a range can be fitted as (docs/model.md#distributions): each puts `low` and `high` at the
/// interval's two quantiles exactly (up to the solver's tolerance for the beta).
enum RangeFit {
    /// The families a range can name with `dist:`.
    static let families: [Distribution.Family] = [.lognormal, .beta, .normal, .uniform]

    /// The law, or the reason it cannot be fitted (in words for a message).
    static func law(_ family: Distribution.Family, _ r: StatedRange) -> Result<Distribution.Law, Refusal> {
        let z = gsl_cdf_ugaussian_Pinv(r.upperProbability)
        switch family {
        case .normal:
            return .success(.normal(mean: (r.low + r.high) / 2, sd: (r.high - r.low) / (2 * z)))
        case .uniform:
            // The uniform whose central `confidence` is [low, high]: widened by the tails' share on each side.
            let half = (r.high - r.low) / (2 * r.confidence)
            let mid = (r.low + r.high) / 2
            return .success(.uniform(min: mid - half, max: mid + half))
        case .lognormal:
            guard r.low > 0 else {
                return .failure(Refusal("a lognormal range needs low > 0 (it draws only positive values)"))
            }
            // At 90 % the same law as `{dist: lognormal, p5: low, p95: high}`, so both write and read alike.
            if r.confidence == 0.9 { return .success(Distribution.lognormal(p5: r.low, p95: r.high)) }
            let (a, b) = (log(r.low), log(r.high))
            return .success(.lognormal(mu: (a + b) / 2, sigma: (b - a) / (2 * z), percentiles: nil))
        case .beta:
            guard r.low > 0, r.high < 1 else {
                return .failure(
                    Refusal(
                        "a beta range (a share or a rate) needs 0 < low < high < 1; write shares as fractions (0.02 "
                            + "for 2 %)"
                    ))
            }
            guard let (a, b) = beta(r) else {
                return .failure(
                    Refusal(
                        "no beta distribution has these quantiles within reach of the solver; name another family with "
                            + "'dist:'"
                    ))
            }
            return .success(.beta(alpha: a, beta: b))
        default:
            return .failure(
                Refusal(
                    "a range can be fitted as \(families.map(\.rawValue).joined(separator: ", ")), not "
                        + "\(family.rawValue)"
                ))
        }
    }

    /// Why a range was refused.
    struct Refusal: Error { let message: String; init(_ m: String) { message = m } }

    /// The beta(α, β) whose quantiles at the range's two probabilities are `low` and `high`.
    ///
    /// The beta's quantiles have no closed form, so GSL's quantile (`gsl_cdf_beta_Pinv`) is put inside GSL's
    /// multiroot solver (Powell's hybrid method, `gsl_multiroot_fsolver_hybrids`, with a finite-difference
    /// Jacobian). The unknowns are ln α and ln β (so they stay positive) and the residuals are compared on the
    /// logit scale (so a quantile near 0 counts as much as one near 1). The start is the beta with the
    /// interval's mid-point as mean and a normal's sd for the interval.
    static func beta(_ r: StatedRange) -> (Double, Double)? {
        let z = gsl_cdf_ugaussian_Pinv(r.upperProbability)
        let m = (r.low + r.high) / 2, sd = (r.high - r.low) / (2 * z)
        let k = Swift.max(2, m * (1 - m) / (sd * sd) - 1)
        var target = BetaTarget(pl: r.lowerProbability, ph: r.upperProbability, low: logit(r.low), high: logit(r.high))
        guard let solver = gsl_multiroot_fsolver_alloc(vs_gsl_multiroot_hybrids(), 2) else { return nil }
        defer { gsl_multiroot_fsolver_free(solver) }
        let x = gsl_vector_alloc(2)!
        defer { gsl_vector_free(x) }
        gsl_vector_set(x, 0, log(m * k))
        gsl_vector_set(x, 1, log((1 - m) * k))
        return withUnsafeMutablePointer(to: &target) { params -> (Double, Double)? in
            var f = gsl_multiroot_function(f: betaResiduals, n: 2, params: UnsafeMutableRawPointer(params))
            guard gsl_multiroot_fsolver_set(solver, &f, x) == Int32(GSL_SUCCESS) else { return nil }
            for _ in 0..<200 {
                if gsl_multiroot_fsolver_iterate(solver) != Int32(GSL_SUCCESS) { break }
                if gsl_multiroot_test_residual(solver.pointee.f, 1e-12) == Int32(GSL_SUCCESS) { break }
            }
            let a = exp(gsl_vector_get(solver.pointee.x, 0)), b = exp(gsl_vector_get(solver.pointee.x, 1))
            // Accepted only if the quantiles are where they were asked for (a millionth of the interval's width).
            let tolerance = 1e-6 * (r.high - r.low)
            guard a.isFinite, b.isFinite, a > 0, b > 0,
                abs(gsl_cdf_beta_Pinv(r.lowerProbability, a, b) - r.low) <= tolerance,
                abs(gsl_cdf_beta_Pinv(r.upperProbability, a, b) - r.high) <= tolerance
            else { return nil }
            return (a, b)
        }
    }

    static func logit(_ x: Double) -> Double { log(x / (1 - x)) }
}

/// The two quantiles a beta fit aims at (logits of the targets).
private struct BetaTarget {
    var pl, ph, low, high: Double
}

/// logit(Q(pl; α, β)) − logit(low) and the same at ph, for α = e^x₀, β = e^x₁ (GSL calls it; a C function).
private let betaResiduals:
    @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?) -> Int32 =
        { x, params, f in
            guard let x, let params, let f else { return Int32(GSL_EINVAL) }
            let t = params.assumingMemoryBound(to: BetaTarget.self).pointee
            let a = exp(gsl_vector_get(x, 0)), b = exp(gsl_vector_get(x, 1))
            guard a.isFinite, b.isFinite, a > 0, b > 0 else { return Int32(GSL_EDOM) }
            let ql = gsl_cdf_beta_Pinv(t.pl, a, b), qh = gsl_cdf_beta_Pinv(t.ph, a, b)
            guard ql > 0, ql < 1, qh > 0, qh < 1 else { return Int32(GSL_EDOM) }
            gsl_vector_set(f, 0, RangeFit.logit(ql) - t.low)
            gsl_vector_set(f, 1, RangeFit.logit(qh) - t.high)
            return Int32(GSL_SUCCESS)
        }

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
