import Testing
@testable import VentureSim

/// The audit's reading of an input's own distribution: value at a percentile and percentile of a value, every family
/// kind (continuous, truncated, whole-valued).
@Suite struct InputLawTests {
    @Test func discreteAndPoissonLawsStepThroughTheirValues() {
        let d = InputLaw(
            path: "costs.training", slot: 9,
            distribution: Distribution(.discrete(values: [3, 1, 2], weights: [2, 1, 1])))
        #expect([0.1, 0.25, 0.3, 0.5, 0.9, 1].map(d.value) == [1, 1, 2, 2, 3, 3])
        #expect(d.percentile(of: 2) == 0.5 && d.percentile(of: 0.5) == 0 && d.percentile(of: 7) == 1)
        // Poisson(4): P(X ≤ 3) = 0.4335, P(X ≤ 4) = 0.6288, so the median is 4.
        let p = InputLaw(path: "costs.training", slot: 9, distribution: Distribution(.poisson(mean: 4)))
        #expect(p.value(at: 0.5) == 4 && p.value(at: 0.4) == 3 && abs(p.percentile(of: 4) - 0.6288) < 1e-4)
    }

    /// A normal truncated to [0, ∞): its median is Φ⁻¹(0.75) ≈ 0.6745; a money input keeps the audit at or above 0.
    @Test func aTruncatedLawIsReadInsideItsBounds() {
        let t = InputLaw(path: "costs.training", slot: 9, distribution: Distribution(.normal(mean: 0, sd: 1), lower: 0))
        #expect(
            abs(t.value(at: 0.5) - 0.6744897501960817) < 1e-9 && abs(t.percentile(of: 0.6744897501960817) - 0.5) < 1e-9)
        #expect(t.domain.lowerBound == 0)
        let share = InputLaw(
            path: "market.competition", slot: 3, distribution: Distribution(.uniform(min: 0.1, max: 0.4)))
        #expect(share.domain == 0...1)
    }
}
