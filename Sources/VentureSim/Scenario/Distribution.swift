/// A number in a scenario: a constant or a probability distribution (docs/model.md#distributions),
/// optionally truncated to `[lower, upper]` by redrawing.
public struct Distribution: Sendable, Equatable {
    /// The family and its parameters, already validated.
    public enum Law: Sendable, Equatable {
        case constant(Double)
        case uniform(min: Double, max: Double)
        case normal(mean: Double, sd: Double)
        /// `percentiles` keeps the p5/p95 the user wrote, for reports.
        case lognormal(mu: Double, sigma: Double, percentiles: Percentiles?)
        case beta(alpha: Double, beta: Double)
        case pert(min: Double, mode: Double, max: Double)
        case triangular(min: Double, mode: Double, max: Double)
        case gamma(shape: Double, scale: Double)
        case exponential(mean: Double)
        case poisson(mean: Double)
        case discrete(values: [Double], weights: [Double])
        /// Through given quantiles, bounds included (`Metalog`).
        case metalog(Metalog)
    }

    /// A distribution family of docs/model.md#distributions: its name in a scenario file and the parameter keys it
    /// takes. The one list of families: `Law` (the parameters), the reader, the sampler and the support all switch over
    /// it or over `Law`, so a family added here and not handled there does not compile.
    public enum Family: String, CaseIterable, Sendable {
        case constant, uniform, normal, lognormal, beta, pert, triangular, gamma, exponential, poisson, discrete,
            metalog

        /// Parameter keys; `min`/`max` (truncation) are added for the families that
        /// do not use them as their own bounds.
        var keys: [String] {
            switch self {
            case .constant: return ["value"]
            case .uniform: return ["min", "max"]
            case .normal: return ["mean", "sd"]
            case .lognormal: return ["mu", "sigma", "p5", "p95"]
            case .beta: return ["alpha", "beta"]
            case .pert, .triangular: return ["min", "mode", "max"]
            case .gamma: return ["shape", "scale"]
            case .exponential, .poisson: return ["mean"]
            case .discrete: return ["values", "weights"]
            // Also p10/p50/p90-style keys: `NodeReader.metalogEstimate` reads them.
            case .metalog: return ["quantiles"]
            }
        }

        var boundsAreParameters: Bool { self == .uniform || self == .pert || self == .triangular || self == .metalog }
    }

    /// The 90 % interval a lognormal was written with.
    public struct Percentiles: Sendable, Equatable {
        public var p5: Double
        public var p95: Double
    }

    public var law: Law
    /// Truncation bounds (`min`/`max` keys); nil when absent.
    public var lower: Double?
    public var upper: Double?
    /// The range the law was fitted to, when it was written as one (`4_000 to 12_000`); nil otherwise.
    public var range: StatedRange?
    /// A published range for the input (`reference: {low, high, source}`), for the claim audit; it changes no draw.
    public var reference: Reference?
    /// Every draw of the law (truncated to `[lower, upper]`, which are the law's own bounds) multiplied by this
    /// factor > 0: a `PATH*=F` what-if (docs/model.md#scaling-an-input). 1 for an input as written.
    public var scale: Double = 1
    /// The `variables:` entry this input reads (`{var: NAME}`; docs/model.md#shared-variables), nil for an input
    /// drawn on its own. The law and bounds are the variable's; `scale` over the variable's is a what-if's factor.
    public var variable: String?

    public init(_ law: Law, lower: Double? = nil, upper: Double? = nil) {
        self.law = law
        self.lower = lower
        self.upper = upper
    }

    public static func constant(_ value: Double) -> Distribution { Distribution(.constant(value)) }

    /// The z-score of the 95th percentile of the standard normal, as docs/model.md#distributions fixes it.
    public static let z95 = 1.6448536269514722

    /// A lognormal given by its 5th and 95th percentiles (docs/model.md#distributions).
    public static func lognormal(p5: Double, p95: Double) -> Law {
        let mu = (log(p5) + log(p95)) / 2
        let sigma = (log(p95) - log(p5)) / (2 * z95)
        return .lognormal(mu: mu, sigma: sigma, percentiles: Percentiles(p5: p5, p95: p95))
    }

    /// The family of the law (`family` is its name).
    public var lawFamily: Family {
        switch law {
        case .constant: .constant
        case .uniform: .uniform
        case .normal: .normal
        case .lognormal: .lognormal
        case .beta: .beta
        case .pert: .pert
        case .triangular: .triangular
        case .gamma: .gamma
        case .exponential: .exponential
        case .poisson: .poisson
        case .discrete: .discrete
        case .metalog: .metalog
        }
    }

    /// This input with every draw multiplied by `factor` (> 0): a constant becomes the product, a random
    /// law keeps its draws and multiplies each (so a draw of the scaled input is exactly the base's × factor).
    public func scaled(by factor: Double) -> Distribution {
        var d = self
        if case .constant(let v) = law, lower == nil, upper == nil {
            d.law = .constant(v * factor)
        } else {
            d.scale *= factor
        }
        return d
    }

    /// The value of a constant, nil for a random law.
    public var constantValue: Double? {
        if case .constant(let v) = law { return v * scale }
        return nil
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
