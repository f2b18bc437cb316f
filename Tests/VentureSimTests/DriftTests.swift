import Testing
@testable import VentureSim

@Suite struct DriftTests {
    func headline(_ pLoss: Double, _ median: Double, n: Int = 10_000) -> Headline {
        var h = try! Headline(
            Engine.run(
                Fixtures.load(
                    """
                    name: h
                    simulation: {trials: 10}
                    market: {size: 1}
                    strategies: [{name: s, kind: subscription, price_per_month: 1}]
                    """), workers: 1
            ).strategies[0], trials: n)
        h.pLoss = pLoss
        h.pLossSE = (pLoss * (1 - pLoss) / Double(n)).squareRoot()
        h.npvP50 = median
        h.npvP50SE = 1000 / Double(n).squareRoot()
        return h
    }

    @Test func identicalRunsDoNotDrift() {
        let d = Drift.compare(current: [headline(0.3, 5e6)], previous: [headline(0.3, 5e6)])
        #expect(d.count == 1 && !d[0].flagged && d[0].pLoss.zScore == 0)
    }

    @Test func movesWithinNoiseAreNotFlagged() {
        // se of P(loss) at 0.3 with n = 10,000 is 0.00458; combined 0.00648: 0.01 is 1.5 s.e.
        let d = Drift.compare(current: [headline(0.31, 5e6)], previous: [headline(0.3, 5e6)])
        #expect(!d[0].pLoss.flagged)
        #expect(abs(d[0].pLoss.zScore! - 0.01 / (2 * 0.21 / 10_000 + 0.0).squareRoot()) < 0.2)
    }

    @Test func movesBeyondNoiseAreFlagged() {
        let d = Drift.compare(current: [headline(0.35, 5e6 + 100)], previous: [headline(0.3, 5e6)])
        #expect(d[0].pLoss.flagged)
        #expect(d[0].npvP50?.flagged == true)
        #expect(d[0].flagged)
    }

    @Test func strategiesAreMatchedByName() {
        var other = headline(0.3, 5e6)
        other.strategy = "renamed"
        #expect(Drift.compare(current: [other], previous: [headline(0.3, 5e6)]).isEmpty)
    }
}
