import Foundation
import Testing
@testable import VentureSim

/// Scenarios whose answers are known in closed form, with tolerances of
/// 5 standard errors computed from the same formulas.
@Suite struct ClosedFormTests {
    /// Fixed adoption, no churn, no costs: revenue = T · price · size, with
    /// size ~ uniform(1000, 3000): mean 12 · 10 · 2000, sd 120 · 2000/√12.
    /// A risk with annual probability 0.3 over 24 months fires at least once
    /// with probability 1 − 0.7², and 24 · p_m times on average.
    @Test func revenueAndRiskFrequencies() throws {
        let n = 200_000
        let s = try Fixtures.load(
            """
            name: closed
            simulation: {trials: \(n), horizon_months: 24, seed: 3}
            market: {size: {dist: uniform, min: 1000, max: 3000}}
            adoption: {model: fixed}
            strategies: [{name: a, kind: subscription, price_per_month: 10}]
            risks: [{name: r, category: technical, annual_probability: 0.3, cost: 1}]
            """)
        let summary = try Engine.run(s, workers: 2)
        let revenue = summary.strategies[0].outcome(.revenue)
        let mean = 24 * 10 * 2000.0, sd = 240 * 2000 / 12.0.squareRoot()
        #expect(abs(revenue.mean! - mean) < 5 * sd / Double(n).squareRoot())
        #expect(abs(revenue.sd! - sd) < 5 * sd / (2 * Double(n)).squareRoot() * 1.2)
        // The median of a uniform is its midpoint; se of a median ≈ 1/(2 f √n), f = 1/(range).
        #expect(abs(revenue.p50! - mean) < 5 * (240 * 2000.0) / (2 * Double(n).squareRoot()))

        let pFired = 1 - 0.7 * 0.7
        let risk = summary.strategies[0].risks[0]
        #expect(abs(risk.pFired - pFired) < 5 * (pFired * (1 - pFired) / Double(n)).squareRoot())
        let pm = 1 - pow(0.7, 1.0 / 12)
        let firingsSD = (24 * pm * (1 - pm)).squareRoot()
        #expect(abs(risk.meanFirings - 24 * pm) < 5 * firingsSD / Double(n).squareRoot())
        // Each firing costs 1: mean cost = mean firings.
        #expect(abs(summary.strategies[0].outcome(.cost).mean! - risk.meanFirings) < 1e-9)
    }
}
