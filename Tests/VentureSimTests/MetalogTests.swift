import Foundation
import Testing
@testable import VentureSim

/// Three-point and quantile estimates as metalogs (Keelin 2016): exact through their quantiles, refused where
/// the quantile function is not increasing, drawn by the quantile function at one uniform.
@Suite struct MetalogTests {
    struct Estimate: CustomTestStringConvertible, Sendable {
        let spec: String
        let quantiles: [(Double, Double)]
        var testDescription: String { spec }
    }

    static let estimates: [Estimate] = [
        Estimate(
            spec: "{p10: 400_000, p50: 600_000, p90: 900_000}",
            quantiles: [(0.1, 400_000), (0.5, 600_000), (0.9, 900_000)]),
        Estimate(spec: "{p10: 400, p50: 600, p90: 900, min: 0}", quantiles: [(0.1, 400), (0.5, 600), (0.9, 900)]),
        Estimate(
            spec: "{p10: 0.02, p50: 0.03, p90: 0.06, min: 0, max: 1}",
            quantiles: [(0.1, 0.02), (0.5, 0.03), (0.9, 0.06)]),
        Estimate(spec: "{p10: -5, p50: 2, p90: 4, max: 5}", quantiles: [(0.1, -5), (0.5, 2), (0.9, 4)]),
        Estimate(
            spec: "{quantiles: {0.05: 4000, 0.5: 6000, 0.95: 12000}}",
            quantiles: [(0.05, 4000), (0.5, 6000), (0.95, 12000)]),
        Estimate(
            spec: "{dist: metalog, quantiles: {0.05: 10, 0.25: 14, 0.5: 17, 0.75: 21, 0.95: 30}, min: 0}",
            quantiles: [(0.05, 10), (0.25, 14), (0.5, 17), (0.75, 21), (0.95, 30)])
    ]

    /// Exactly: the fit solves the k × k system through the k points, so each quantile comes back to the
    /// rounding of a few operations (10⁻¹² relative).
    @Test(arguments: estimates)
    func reproducesItsQuantiles(_ e: Estimate) throws {
        let d = try ScenarioLoader.distribution(text: e.spec)
        #expect(d.lawFamily == .metalog)
        for (p, x) in e.quantiles {
            #expect(abs(d.quantile(p) - x) <= 1e-12 * max(1, abs(x)), "P\(p): \(d.quantile(p)) against \(x)")
            #expect(abs(d.cdf(x) - p) <= 1e-9)
        }
    }

    /// The draws' sample quantiles are the estimate's within five standard errors (√(p(1 − p)/n)/f(x_p), the
    /// density f from the CDF by a central difference; see RangeTests), and every draw lies within the bounds.
    @Test(arguments: estimates)
    func drawsFollowTheQuantiles(_ e: Estimate) throws {
        let d = try ScenarioLoader.distribution(text: e.spec)
        let n = 100_000
        let x = Engine.draws(d, count: n, seed: 7).sorted()
        #expect(x.allSatisfy { d.support.contains($0) })
        for (p, target) in e.quantiles {
            let h = 1e-5 * max(1, abs(target))
            let density = (d.cdf(target + h) - d.cdf(target - h)) / (2 * h)
            let se = (p * (1 - p) / Double(n)).squareRoot() / density
            let sample = Percentiles.interpolate(p, count: n) { x[$0] }
            #expect(abs(sample - target) <= 5 * se, "P\(p) \(sample) against \(target), s.e. \(se)")
        }
    }

    @Test func anInfeasibleSetIsRefusedWithWhatWouldBeValid() {
        // Median far below the middle: a3/a2 past Keelin's bound for three terms, so M decreases somewhere.
        #expect {
            try ScenarioLoader.distribution(text: "{p10: 100, p50: 110, p90: 1000}")
        } throws: { error in
            guard let m = (error as? ScenarioError)?.diagnostics.first?.message else { return false }
            return m.hasPrefix(
                "the metalog through these quantiles is not a distribution: its quantile function decreases in its "
                    + "lower tail"
            )
                && m.contains("; with these outer quantiles the middle one (at 50 %) must lie between about ")
                && m.hasSuffix(", or give bounds ('min', 'max')")
        }
        // And the range it names is right: just inside both ends is a distribution, and bounds widen what is feasible.
        #expect((try? ScenarioLoader.distribution(text: "{p10: 100, p50: 550, p90: 1000}")) != nil)
        // A lopsided set an unbounded metalog cannot take, a log metalog (bounded below) can.
        #expect((try? ScenarioLoader.distribution(text: "{p10: 100, p50: 200, p90: 1000}")) == nil)
        #expect((try? ScenarioLoader.distribution(text: "{p10: 100, p50: 200, p90: 1000, min: 0}")) != nil)
    }

    @Test func theMiddleRangeNamedIsTheFeasibleOne() throws {
        let refused = Metalog.fit(probabilities: [0.1, 0.5, 0.9], values: [100, 110, 1000], lower: nil, upper: nil)
        guard case .failure(let r) = refused else { Issue.record("accepted"); return }
        // Read the two numbers back and check that just inside them is feasible and just outside is not.
        let tail = r.message.components(separatedBy: "must lie between about ")[1]
        let bounds = tail.components(separatedBy: ", or")[0].components(separatedBy: " and ").map {
            Double($0.replacingOccurrences(of: ",", with: ""))!
        }
        func ok(_ mid: Double) -> Bool {
            if case .success = Metalog.fit(
                probabilities: [0.1, 0.5, 0.9], values: [100, mid, 1000], lower: nil, upper: nil)
            {
                return true
            }
            return false
        }
        #expect(ok(bounds[0] * 1.01) && ok(bounds[1] * 0.99))
        #expect(!ok(bounds[0] * 0.97) && !ok(bounds[1] * 1.03))
    }

    @Test(arguments: [
        RefusedInput(
            value: "{p10: 500, p50: 400, p90: 900}",
            fragment: "quantiles must increase with their probability: P10 is 500 and P50 is 400"),
        RefusedInput(
            value: "{p10: 5, p50: 6, p90: 9, min: 5}",
            fragment: "every quantile must lie strictly inside the bounds (5 < value < ∞)"),
        RefusedInput(value: "{p50: 6}", fragment: "a metalog needs from 2 to 6 quantiles"),
        RefusedInput(value: "{p10: 1, quantiles: {0.5: 2}}", fragment: "not both"),
        RefusedInput(
            value: "{quantiles: {1.5: 2, 0.5: 1}}", fragment: "expected a probability strictly between 0 and 1"),
        RefusedInput(value: "{p10: 1, p50: 2, p90: 3, mode: 2}", fragment: "unknown key 'mode'")
    ])
    func malformedEstimatesAreRefused(_ r: RefusedInput) {
        #expect {
            try ScenarioLoader.distribution(text: r.value)
        } throws: { error in
            (error as? ScenarioError)?.diagnostics.contains { $0.message.contains(r.fragment) } ?? false
        }
    }

    @Test func writtenBackAndInWords() throws {
        let d = try ScenarioLoader.distribution(text: "{p10: 400, p50: 600, p90: 900, min: 0}")
        #expect(d.yaml == "{dist: metalog, quantiles: {0.1: 400, 0.5: 600, 0.9: 900}, min: 0}")
        #expect(try ScenarioLoader.distribution(text: d.yaml) == d)
        #expect(d.words == "metalog through P10 400, P50 600, P90 900 (≥ 0); median 600")
    }

    /// A metalog input takes part in a rank correlation: its value is its quantile at the copula's uniform.
    @Test func correlatesLikeAnyOtherInput() throws {
        let s = try ScenarioLoader.load(
            text: """
                name: t
                simulation: {trials: 2000, horizon_months: 12}
                market:
                  size: {p10: 2000, p50: 5000, p90: 9000, min: 0}
                strategies:
                  - name: a
                    kind: subscription
                    price_per_month: 10
                costs:
                  acquisition_cost: {p10: 50, p50: 100, p90: 300, min: 0}
                correlations:
                  - between: [market.size, costs.acquisition_cost]
                    rank: 0.8
                """, file: "t.yaml")
        #expect(s.correlations.count == 1)
        _ = try Engine.run(s, workers: 1)
    }
}
