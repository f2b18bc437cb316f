import Testing
@testable import VentureSim

/// docs/model.md#worked-checks: the two worked checks, exactly.
@Suite struct WorkedCheckTests {
    @Test func seedSubscriptionExample() throws {
        let summary = try Engine.run(try Fixtures.scenario("worked-check-subscription.yaml"), workers: 2)
        let s = summary.strategies[0]
        for (outcome, expected) in [
            (Outcome.revenue, 100_000.0), (.cost, 3_500_000), (.profit, -3_400_000), (.customers, 1000)
        ] {
            let stats = s.outcome(outcome)
            #expect(stats.mean == expected, "\(outcome.key)")
            #expect(stats.p5 == expected && stats.p50 == expected && stats.p95 == expected, "\(outcome.key)")
            #expect(stats.sd == 0)
        }
        let roi = try #require(s.outcome(.roi).mean)
        #expect(abs(roi - (-3_400_000.0 / 3_500_000.0)) < 1e-15)
        #expect(abs(roi - (-0.971428571428571)) < 1e-14)
        #expect(s.pLoss == 1)
        #expect(s.outcome(.demandShare).mean == 1)
    }

    @Test func seedDemandExample() throws {
        let summary = try Engine.run(try Fixtures.scenario("worked-check-demand.yaml"), workers: 2)
        let d = try #require(summary.strategies[0].outcome(.demandShare).p50)
        #expect(abs(d - 0.49248) < 1e-15)
        #expect(abs(d - 0.9 * 0.8 * 0.8 * 0.9 * 0.95) < 1e-15)
        let customers = try #require(summary.strategies[0].outcome(.customers).mean)
        #expect(abs(customers - 492.48) < 1e-9)
    }
}
