internal import CGSL

/// A compiled distribution: a flat value the hot loop can draw from with one
/// switch and a GSL call, no allocation and no lookup.
///
/// Families follow docs/model.md#distributions and use GSL's samplers: `gsl_ran_flat`,
/// `gsl_ran_gaussian_ziggurat` (also, exponentiated, for lognormals), `gsl_ran_beta` (also for
/// Beta-PERT), `gsl_ran_gamma`, `gsl_ran_exponential`, `gsl_ran_poisson`,
/// `gsl_ran_discrete` (Walker's alias table); triangular by inverting its CDF
/// (GSL has no triangular sampler); a metalog by its quantile function at one uniform. Truncation redraws until the
/// value lies in bounds (validation guarantees the kept mass is ≥ 10⁻⁶).
struct Sampler {
    /// The family a sampler draws from (`Distribution.Family`, the one list of families).
    typealias Family = Distribution.Family

    let family: Family
    /// Family parameters, in the order documented at each case of `draw`.
    let a: Double, b: Double, c: Double, d: Double
    let lower: Double, upper: Double
    let truncated: Bool
    /// Every draw's factor (`Distribution.scale`); 1 (an exact identity) for an input as written.
    let scale: Double
    /// Walker table and values of a discrete law, owned by `SamplerTables`.
    let table: UnsafeMutablePointer<gsl_ran_discrete_t>?
    let values: UnsafePointer<Double>?

    init(_ dist: Distribution, tables: SamplerTables) {
        var (a, b, c, d) = (0.0, 0.0, 0.0, 0.0)
        var table: UnsafeMutablePointer<gsl_ran_discrete_t>?
        var values: UnsafePointer<Double>?
        switch dist.law {
        case .constant(let v): a = v * dist.scale
        case .uniform(let lo, let hi): (a, b) = (lo, hi)
        case .normal(let m, let s): (a, b) = (m, s)
        case .lognormal(let mu, let sigma, _): (a, b) = (mu, sigma)
        case .beta(let al, let be): (a, b) = (al, be)
        case .pert(let lo, let mode, let hi):
            (a, b) = (lo, hi - lo)
            (c, d) = Distribution.pertShape(min: lo, mode: mode, max: hi)
        case .triangular(let lo, let mode, let hi):
            // a = min, b = max, c = (mode − min)/(max − min), d = max − min
            (a, b, c, d) = (lo, hi, (mode - lo) / (hi - lo), hi - lo)
        case .gamma(let k, let s): (a, b) = (k, s)
        case .exponential(let m): a = m
        case .poisson(let m): a = m
        case .discrete(let vs, let ws):
            (table, values) = tables.discrete(values: vs, weights: ws)
        case .metalog(let m):
            // a = terms, b = lower bound, c = upper bound (NaN: none); the coefficients in `values`.
            (a, b, c) = (Double(m.coefficients.count), m.lower ?? .nan, m.upper ?? .nan)
            values = tables.array(m.coefficients)
        }
        self.family = dist.lawFamily
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
        self.lower = dist.lower ?? -.infinity
        self.upper = dist.upper ?? .infinity
        self.truncated = dist.lower != nil || dist.upper != nil
        self.scale = dist.scale
        self.table = table
        self.values = values
    }

    /// One draw.
    @inline(__always)
    func draw(_ r: UnsafeMutablePointer<gsl_rng>) -> Double {
        if family == .constant { return a }
        var x = raw(r)
        if truncated {
            while !(x >= lower && x <= upper) { x = raw(r) }
        }
        return x * scale
    }

    /// `count` draws, one after another, into `p`, `p + stride`, …: the draws `draw` would make, with the family
    /// decided once (a revenue line drawing every month of a trial).
    @inline(__always)
    func fill(_ r: UnsafeMutablePointer<gsl_rng>, count: Int, into p: UnsafeMutablePointer<Double>, stride: Int) {
        if family == .lognormal && !truncated {
            for i in 0..<count { p[i * stride] = exp(a + gsl_ran_gaussian_ziggurat(r, b)) * scale }
        } else {
            for i in 0..<count { p[i * stride] = draw(r) }
        }
    }

    @inline(__always)
    private func raw(_ r: UnsafeMutablePointer<gsl_rng>) -> Double {
        switch family {
        case .constant: return a
        case .uniform: return gsl_ran_flat(r, a, b)
        case .normal: return a + gsl_ran_gaussian_ziggurat(r, b)
        // exp of GSL's ziggurat normal rather than `gsl_ran_lognormal` (the polar method: two uniforms a try, a
        // log, a square root and a division): the same law at a third of the cost, which an advertising line
        // drawing every month pays 48 times a trial (docs/performance.md#the-lognormal-sampler).
        case .lognormal: return exp(a + gsl_ran_gaussian_ziggurat(r, b))
        case .beta: return gsl_ran_beta(r, a, b)
        case .pert: return a + b * gsl_ran_beta(r, c, d)
        case .triangular:
            let u = gsl_rng_uniform(r)
            return u < c ? a + (d * d * c * u).squareRoot() : b - (d * d * (1 - c) * (1 - u)).squareRoot()
        case .gamma: return gsl_ran_gamma(r, a, b)
        case .exponential: return gsl_ran_exponential(r, a)
        case .poisson: return Double(gsl_ran_poisson(r, a))
        case .discrete: return values![Int(gsl_ran_discrete(r, table))]
        case .metalog: return metalog(r)
        }
    }

    /// A metalog's draw, out of line: its quantile function (a loop over the terms) inlined into `raw` made `draw`
    /// too large to inline into the kernel, so every draw of every family became a call.
    @inline(never)
    private func metalog(_ r: UnsafeMutablePointer<gsl_rng>) -> Double {
        Metalog.quantile(gsl_rng_uniform_pos(r), values!, count: Int(a), lower: b, upper: c)
    }
}

/// Owns the GSL tables and value arrays of discrete samplers for as long as
/// the plan that uses them lives.
final class SamplerTables: @unchecked Sendable {
    private var tables: [UnsafeMutablePointer<gsl_ran_discrete_t>] = []
    private var arrays: [UnsafeMutablePointer<Double>] = []

    /// A copy of `values` that lives as long as the tables.
    func array(_ values: [Double]) -> UnsafePointer<Double> {
        let copy = UnsafeMutablePointer<Double>.allocate(capacity: values.count)
        copy.initialize(from: values, count: values.count)
        arrays.append(copy)
        return UnsafePointer(copy)
    }

    func discrete(values: [Double], weights: [Double]) -> (
        UnsafeMutablePointer<gsl_ran_discrete_t>, UnsafePointer<Double>
    ) {
        let table = weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc($0.count, $0.baseAddress) }!
        let copy = UnsafeMutablePointer<Double>.allocate(capacity: values.count)
        copy.initialize(from: values, count: values.count)
        tables.append(table)
        arrays.append(copy)
        return (table, UnsafePointer(copy))
    }

    deinit {
        tables.forEach { gsl_ran_discrete_free($0) }
        arrays.forEach { $0.deallocate() }
    }
}
