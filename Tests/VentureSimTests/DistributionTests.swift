import Foundation
import Testing
@testable import VentureSim

/// Each family's draws against its known mean, variance and distribution
/// function, with tolerances of 5 standard errors (fixed seeds, so a
/// failure is a real change, not bad luck: 5 s.e. is exceeded by chance
/// with probability below 10⁻⁶).
@Suite struct DistributionTests {
    static let n = 100_000

    struct Family: CustomTestStringConvertible, Sendable {
        let spec: String
        let mean: Double?
        let variance: Double?
        var testDescription: String { spec }
    }

    static let families: [Family] = {
        let pa = 1 + 4 * (0.8 - 0.5) / 0.45, pb = 1 + 4 * (0.95 - 0.8) / 0.45
        let (ta, tm, tb) = (0.1, 0.2, 0.5)
        let (mu, sigma) = (1.0, 0.5)
        return [
            Family(spec: "{dist: uniform, min: 0.8, max: 1.0}", mean: 0.9, variance: 0.04 / 12),
            Family(spec: "{dist: normal, mean: 0.95, sd: 0.03}", mean: 0.95, variance: 0.0009),
            Family(
                spec: "{dist: lognormal, mu: 1, sigma: 0.5}", mean: exp(mu + sigma * sigma / 2),
                variance: (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)),
            Family(spec: "{dist: lognormal, p5: 20, p95: 150}", mean: nil, variance: nil),
            Family(spec: "{dist: beta, alpha: 2, beta: 5}", mean: 2.0 / 7, variance: 10.0 / (49 * 8)),
            Family(
                spec: "{dist: pert, min: 0.5, mode: 0.8, max: 0.95}", mean: 0.5 + 0.45 * pa / (pa + pb),
                variance: 0.45 * 0.45 * pa * pb / ((pa + pb) * (pa + pb) * (pa + pb + 1))),
            Family(
                spec: "{dist: triangular, min: 0.1, mode: 0.2, max: 0.5}", mean: (ta + tm + tb) / 3,
                variance: (ta * ta + tm * tm + tb * tb - ta * tm - ta * tb - tm * tb) / 18),
            Family(spec: "{dist: gamma, shape: 2.5, scale: 3}", mean: 7.5, variance: 22.5),
            Family(spec: "{dist: exponential, mean: 4}", mean: 4, variance: 16),
            Family(spec: "{dist: poisson, mean: 3.5}", mean: 3.5, variance: 3.5),
            Family(
                spec: "{dist: discrete, values: [1, 2, 10], weights: [1, 2, 1]}", mean: 15.0 / 4,
                variance: (1 + 8 + 100) / 4.0 - 225.0 / 16),
            Family(spec: "{dist: normal, mean: 0, sd: 1, min: -1, max: 2}", mean: nil, variance: nil),
            Family(spec: "{dist: lognormal, p5: 50, p95: 400, max: 300}", mean: nil, variance: nil),
            Family(spec: "{dist: gamma, shape: 0.5, scale: 1, min: 0.1}", mean: nil, variance: nil),
            Family(spec: "{dist: poisson, mean: 10, min: 8, max: 12}", mean: nil, variance: nil),
            Family(spec: "7.25", mean: 7.25, variance: 0)
        ]
    }()

    func draws(_ spec: String, seed: UInt64 = 20261122) throws -> (Distribution, [Double]) {
        let d = try ScenarioLoader.distribution(text: spec)
        return (d, Engine.draws(d, count: Self.n, seed: seed))
    }

    @Test(arguments: families)
    func meanAndVarianceWithinStandardErrors(_ f: Family) throws {
        let (_, x) = try draws(f.spec)
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let centred = x.map { $0 - mean }
        let variance = centred.reduce(0) { $0 + $1 * $1 } / (n - 1)
        let m4 = centred.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
        if let mu = f.mean, let v = f.variance {
            #expect(abs(mean - mu) <= 5 * (v / n).squareRoot() + 1e-12, "mean \(mean) vs \(mu)")
            // Standard error of the sample variance: √((μ₄ − σ⁴)/n).
            let seVariance = (max(0, m4 - variance * variance) / n).squareRoot()
            #expect(abs(variance - v) <= 5 * seVariance + 1e-12, "variance \(variance) vs \(v)")
        }
    }

    /// Kolmogorov–Smirnov against GSL's CDFs (truncation folded in) for the
    /// continuous families; the probability of each value, within 5 s.e., for
    /// the discrete ones.
    @Test(arguments: families)
    func goodnessOfFit(_ f: Family) throws {
        let (d, raw) = try draws(f.spec, seed: 99)
        let x = raw.sorted()
        let n = Double(x.count)
        let lo = d.lower.map { d.cdf($0.nextDown) } ?? 0
        let hi = d.upper.map { d.cdf($0) } ?? 1
        switch d.law {
        case .constant(let v):
            #expect(x.allSatisfy { $0 == v })
        case .poisson, .discrete:
            var counts: [Double: Int] = [:]
            for v in x { counts[v, default: 0] += 1 }
            for (v, c) in counts {
                let p = (d.cdf(v) - d.cdf(v - 1e-9)) / (hi - lo)
                let se = (p * (1 - p) / n).squareRoot()
                #expect(abs(Double(c) / n - p) <= 5 * se + 1e-12, "P(\(v)) \(Double(c) / n) vs \(p)")
            }
            if let lower = d.lower { #expect(x.first! >= lower) }
            if let upper = d.upper { #expect(x.last! <= upper) }
        default:
            var D = 0.0
            for (i, v) in x.enumerated() {
                let F = (d.cdf(v) - lo) / (hi - lo)
                D = max(D, abs(F - Double(i) / n), abs(F - Double(i + 1) / n))
            }
            // Critical value of the KS statistic at α = 0.001: 1.949 / √n.
            #expect(D < 1.949 / n.squareRoot(), "KS D = \(D)")
            if let lower = d.lower { #expect(x.first! >= lower) }
            if let upper = d.upper { #expect(x.last! <= upper) }
        }
    }

    @Test func sameSeedSameDrawsOtherSeedOthers() throws {
        let d = try ScenarioLoader.distribution(text: "{dist: beta, alpha: 2, beta: 5}")
        #expect(Engine.draws(d, count: 100, seed: 5) == Engine.draws(d, count: 100, seed: 5))
        #expect(Engine.draws(d, count: 100, seed: 5) != Engine.draws(d, count: 100, seed: 6))
        // GSL's own seeding keeps 32 bits; the Philox key keeps all 64.
        #expect(Engine.draws(d, count: 100, seed: 5) != Engine.draws(d, count: 100, seed: 5 + (1 << 32)))
    }

    @Test func truncationMassAndSupport() throws {
        let d = try ScenarioLoader.distribution(text: "{dist: normal, mean: 0, sd: 1, min: 0}")
        #expect(abs(d.truncatedMass - 0.5) < 1e-12)
        #expect(d.support == 0...Double.infinity)
        let t = try ScenarioLoader.distribution(text: "{dist: triangular, min: 0, mode: 1, max: 2}")
        #expect(abs(t.cdf(1) - 0.5) < 1e-15)
    }
}
