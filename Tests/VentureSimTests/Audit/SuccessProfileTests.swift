import Testing
@testable import VentureSim

/// The success profile: where the inputs sit, and how often risks fire, in the trials where a claim holds (issue 22).
@Suite struct SuccessProfileTests {
    /// One month of fixed adoption: customers = size unless the shock risk fires (demand × 0); the noise risk costs
    /// money only. size ~ U(0, 1,000), price ~ U(0.5, 1.5).
    static let yaml = """
        name: profile
        simulation: {trials: 100, seed: 4, horizon_months: 1}
        market: {size: {dist: uniform, min: 0, max: 1000}}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: {dist: uniform, min: 0.5, max: 1.5}}]
        risks:
          - {name: shock, category: market, annual_probability: 0.9, demand_shock: 0}
          - {name: noise, category: ops, annual_probability: 0.9, cost: 10}
        targets:
          - {name: always, metric: revenue_to_date, month: 1, at_least: -1}
          - {name: large, metric: customers, month: 1, at_least: 800}
        """

    static func profiles() throws -> [SuccessProfile] {
        let plan = Plan(try Fixtures.load(Self.yaml.replacingOccurrences(of: "trials: 100", with: "trials: 20000")))
        return try SuccessProfile.all(plan, workers: 2, monitor: nil)
    }

    /// A claim that holds in every trial: every input's median percentile is its overall one, 50 (within the ranks'
    /// half-step 100/(2n)), and every risk fires as often among them as overall.
    @Test func aClaimThatAlwaysHoldsHasEveryInputAtItsMedian() throws {
        let always = try Self.profiles()[0]
        #expect(always.trials == 20_000 && always.of == 20_000)
        #expect(always.inputs.allSatisfy { abs($0.medianPercentile - 50) <= 100.0 / 40_000 }, "\(always.inputs)")
        #expect(always.risks.allSatisfy { $0.whenHolds == $0.overall })
    }

    /// Customers ≥ 800 needs size ≥ 800 and no shock: size's median percentile among those trials is 90 (the middle of
    /// P80–P100); price is independent of the claim, so near 50: with n ≈ 20,000 × 0.2 × 0.825 = 3,300 trials, a
    /// median percentile's s.e. is 50/√n ≈ 0.87, checked within five. The shock never fired in them (0 against its
    /// monthly 1 − 0.1^(1/12) ≈ 0.175 overall, s.e. 0.0027); the noise risk fires as often as overall (s.e. of the
    /// difference about √(0.175 · 0.825 / 3,300) ≈ 0.0066).
    @Test func aClaimThatNeedsALargeMarketHasTheMarketFarAboveItsMedian() throws {
        let large = try Self.profiles()[1]
        let size = try #require(large.inputs.first { $0.input == "market.size" })
        let price = try #require(large.inputs.first { $0.input == "strategies.s.price_per_month" })
        #expect(
            abs(size.medianPercentile - 90) < 5 * 0.87 && abs(price.medianPercentile - 50) < 5 * 0.87, "\(large.inputs)"
        )
        #expect(large.inputs.first?.input == "market.size")
        let shock = try #require(large.risks.first { $0.risk == "shock" }),
            noise = try #require(large.risks.first { $0.risk == "noise" })
        #expect(shock.whenHolds == 0 && abs(shock.overall - (1 - pow(0.1, 1.0 / 12))) < 5 * 0.0027)
        #expect(abs(noise.whenHolds - noise.overall) < 5 * 0.0066, "\(noise)")
    }
}

#if canImport(Glibc)
    import Glibc
#endif
