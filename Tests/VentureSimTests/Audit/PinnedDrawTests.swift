import Testing
@testable import VentureSim

/// The audit's pinned input: held exactly, every other draw on the same streams, correlated partners drawn from their
/// conditional law (docs/model.md, "The conditional draw of correlated partners").
@Suite struct PinnedDrawTests {
    static let base = """
        name: pinned
        simulation: {trials: 20000, seed: 11, horizon_months: 3}
        market: {size: {dist: uniform, min: 100, max: 200}, competition: {dist: uniform, min: 0, max: 1}}
        strategies: [{name: s, kind: subscription, price_per_month: 1, churn_monthly: {dist: uniform, min: 0,
                     max: 0.1}}]
        costs: {operations_monthly: {dist: uniform, min: 0, max: 1000}}
        """

    static func normalScores(_ columns: TrialColumns, _ plan: Plan, _ path: String, max: Double) -> [Double] {
        let k = plan.driverInputs.firstIndex { $0.name == path }!
        let standard = Distribution(.normal(mean: 0, sd: 1))
        return columns.exportColumn(k).map { standard.quantile($0 / max) }
    }

    static func meanAndSD(_ x: [Double]) -> (Double, Double) {
        let m = x.reduce(0, +) / Double(x.count)
        return (m, (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot())
    }

    /// An independent input held at a value: that value in every trial, and every other input as in the plain run.
    @Test func anIndependentInputIsHeldAndTheOthersKeepTheirDraws() throws {
        let plan = Plan(try Fixtures.load(Self.base))
        let slot = plan.driverInputs.first { $0.name == "market.size" }!.slot
        let plain = try Simulator.run(plan, workers: 2, exportInputs: true)
        let pinned = try Simulator.run(
            plan.pinning(slot: slot, value: 123.5, percentile: 0.235), workers: 2, exportInputs: true)
        for (k, input) in plan.driverInputs.enumerated() {
            if input.name == "market.size" {
                #expect(pinned.exportColumn(k).allSatisfy { $0 == 123.5 })
            } else {
                #expect(Array(pinned.exportColumn(k)) == Array(plain.exportColumn(k)), "\(input.name)")
            }
        }
    }

    /// Two correlated inputs (normal correlation r = 2 sin(π·0.5/6)): competition held at its P80 makes churn's normal
    /// score r·z + √(1 − r²)·e, z = Φ⁻¹(0.8). Its mean has s.e. √(1 − r²)/√n ≈ 0.0061 and its sd s.e. sd/√(2n) ≈ 0.0043
    /// at n = 20,000: checked within five s.e. The independent operations keep their draws.
    @Test func aCorrelatedPartnerIsDrawnFromItsConditionalLaw() throws {
        let s = try Fixtures.load(
            Self.base + "\ncorrelations: [{between: [market.competition, strategies.s.churn_monthly], rank: 0.5}]")
        let plan = Plan(s)
        let slot = plan.driverInputs.first { $0.name == "market.competition" }!.slot
        let columns = try Simulator.run(
            plan.pinning(slot: slot, value: 0.8, percentile: 0.8), workers: 2, exportInputs: true)
        let r = 2 * sin(Double.pi * 0.5 / 6), z = Distribution(.normal(mean: 0, sd: 1)).quantile(0.8)
        let (mean, sd) = Self.meanAndSD(Self.normalScores(columns, plan, "strategies.s.churn_monthly", max: 0.1))
        #expect(abs(mean - r * z) < 5 * 0.0061, "\(mean) vs \(r * z)")
        #expect(abs(sd - (1 - r * r).squareRoot()) < 5 * 0.0043, "\(sd)")
    }

    /// Three correlated inputs, competition held at its P20: the other two have conditional means Σ_j·z and conditional
    /// correlation (Σ_bc − Σ_ab Σ_ac)/√((1 − Σ_ab²)(1 − Σ_ac²)); a sample correlation's s.e. is about (1 − ρ²)/√n ≤
    /// 0.0071.
    @Test func threeCorrelatedInputsFollowTheConditionalCovariance() throws {
        let s = try Fixtures.load(
            Self.base + """

                correlations:
                  - {between: [market.competition, strategies.s.churn_monthly], rank: 0.5}
                  - {between: [market.competition, costs.operations_monthly], rank: -0.3}
                  - {between: [strategies.s.churn_monthly, costs.operations_monthly], rank: 0.2}
                """)
        let plan = Plan(s)
        let slot = plan.driverInputs.first { $0.name == "market.competition" }!.slot
        let columns = try Simulator.run(
            plan.pinning(slot: slot, value: 0.2, percentile: 0.2), workers: 2, exportInputs: true)
        func r(_ rank: Double) -> Double { 2 * sin(Double.pi * rank / 6) }
        let z = Distribution(.normal(mean: 0, sd: 1)).quantile(0.2)
        let b = Self.normalScores(columns, plan, "strategies.s.churn_monthly", max: 0.1)
        let c = Self.normalScores(columns, plan, "costs.operations_monthly", max: 1000)
        let (mb, sb) = Self.meanAndSD(b), (mc, sc) = Self.meanAndSD(c)
        #expect(abs(mb - r(0.5) * z) < 5 * 0.0071 && abs(mc - r(-0.3) * z) < 5 * 0.0071, "\(mb) \(mc)")
        let covariance = zip(b, c).reduce(0) { $0 + ($1.0 - mb) * ($1.1 - mc) } / Double(b.count - 1)
        let expected = (r(0.2) - r(0.5) * r(-0.3)) / ((1 - r(0.5) * r(0.5)) * (1 - r(-0.3) * r(-0.3))).squareRoot()
        #expect(abs(covariance / (sb * sc) - expected) < 5 * 0.0071, "\(covariance / (sb * sc)) vs \(expected)")
    }
}

#if canImport(Glibc)
    import Glibc
#endif
