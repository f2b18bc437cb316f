import Foundation
import Testing
@testable import VentureSim

/// The adoption unit (docs/model.md#adoption-the-unit-of-p-and-q) and the adoption curve in words.
@Suite struct AdoptionTests {
    static let base = """
        name: adoption
        simulation: {trials: 5000, seed: 3, horizon_months: 60}
        market: {size: {dist: lognormal, p5: 1000, p95: 50000}, competition: {dist: uniform, min: 0.1, max: 0.4}}
        strategies: [{name: s, kind: subscription, price_per_month: 10, churn_monthly: {dist: beta, alpha: 2,
                     beta: 60}}]
        costs: {operations_monthly: 1000}
        """

    /// `{innovation: 0.03, imitation: 0.38, per: year}` gives exactly the defaults' numbers.
    @Test func annualMeansGiveExactlyTheDefaults() throws {
        // Every figure equal; only the inputs as written differ.
        func run(_ yaml: String) throws -> Summary {
            var s = try Engine.run(Fixtures.load(yaml), workers: 2)
            s.inputs = [:]
            return s
        }
        let defaults = try run(Self.base)
        let annual = try run(Self.base + "\nadoption: {innovation: 0.03, imitation: 0.38, per: year}")
        let annualDefaults = try run(Self.base + "\nadoption: {per: year}")
        let monthly = try run(Self.base + "\nadoption: {innovation: 0.0025, imitation: \(0.38 / 12), per: month}")
        #expect(annual == defaults)
        #expect(annualDefaults == defaults)
        #expect(monthly == defaults)
        // The old reading (annual coefficients applied per month) is a different, faster market.
        let tooFast = try run(Self.base + "\nadoption: {innovation: 0.03, imitation: 0.38}")
        #expect(tooFast.strategies[0].outcome(.customers).mean! > defaults.strategies[0].outcome(.customers).mean!)
    }

    /// The months to 50 % and 90 % of the market, against the Bass recursion run by hand.
    @Test func reachMonthsFollowTheRecursion() throws {
        let s = try Fixtures.load(
            """
            name: reach
            simulation: {trials: 3, horizon_months: 240}
            market: {size: 1000}
            adoption: {innovation: 0.03, imitation: 0.38, per: year}
            strategies: [{name: s, kind: subscription, price_per_month: 1}, {name: c, kind: subscription,
                         price_per_month: 1, churn_monthly: 0.05}]
            """)
        func months(churn: Double) -> (Int?, Int?) {
            let p = 0.03 / 12, q = 0.38 / 12, m = 1000.0
            var a = 0.0, half: Int?, most: Int?
            for t in 1...240 {
                let survivors = a * (1 - churn)
                a = survivors + (p + q * survivors / m) * max(0, m - survivors)
                if half == nil && a >= 0.5 * m { half = t }
                if most == nil && a >= 0.9 * m { most = t }
            }
            return (half, most)
        }
        let (_, c) = try Fixtures.columns(s)
        let noChurn = months(churn: 0), churn = months(churn: 0.05)
        // The law firm of issue 7 reached 90 % in 14 months; at the annual means it takes years.
        #expect(noChurn.1 != nil && noChurn.1! > 120)
        for trial in 0..<3 {
            #expect(c.reachMonth(strategy: 0, level: 0, trial: trial) == noChurn.0)
            #expect(c.reachMonth(strategy: 0, level: 1, trial: trial) == noChurn.1)
            #expect(c.reachMonth(strategy: 1, level: 0, trial: trial) == churn.0)
            #expect(c.reachMonth(strategy: 1, level: 1, trial: trial) == churn.1)
        }
        let summary = try Engine.run(s, workers: 1)
        #expect(summary.strategies[0].adoption.map(\.medianMonth) == [noChurn.0, noChurn.1])
        #expect(summary.strategies[0].adoption.map(\.pReached) == [1, 1])
        // With 5 % monthly churn the steady state is below 90 % of the market.
        #expect(
            churn.1 == nil && summary.strategies[1].adoption[1].medianMonth == nil
                && summary.strategies[1].adoption[1].pReached == 0)
    }

    @Test func fixedAdoptionReachesEverythingInMonthOne() throws {
        let s = try Fixtures.load(
            """
            name: fixed
            simulation: {trials: 10, horizon_months: 5}
            market: {size: 1000}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: 1}]
            """)
        let summary = try Engine.run(s, workers: 1)
        #expect(summary.strategies[0].adoption.map(\.medianMonth) == [1, 1])
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(
            md.contains(
                "Adoption (median trial): 50 % of the reachable market by month 1, 90 % by month 1; within the horizon "
                    + "50 % is reached in 100 % of trials, 90 % in 100 %."
            ))
    }

    /// The share of clamped draws is measured in the run and agrees with the
    /// distribution's mass outside [0, 1] within 5 binomial standard errors.
    @Test func clampedDrawsAreCountedInTheRun() throws {
        let s = try Fixtures.load(
            Self.base.replacingOccurrences(
                of: "competition: {dist: uniform, min: 0.1, max: 0.4}",
                with: "competition: {dist: normal, mean: 0.05, sd: 0.03}"
            )
            .replacingOccurrences(of: "trials: 5000", with: "trials: 40000"))
        let expected = s.expectedClamping[0].share
        for workers in [1, 3] {
            let summary = try Engine.run(s, workers: workers)
            #expect(summary.clamped.map(\.input) == ["market.competition"])
            let measured = summary.clamped[0].share
            let se = (expected * (1 - expected) / 40000).squareRoot()
            #expect(abs(measured - expected) < 5 * se, "measured \(measured), expected \(expected)")
            let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
            #expect(md.contains("clamped to [0, 1] in \(NumberFormat.probability(measured)) of draws ⚠"))
        }
        // A scenario whose shares stay inside [0, 1] reports none.
        #expect(try Engine.run(Fixtures.load(Self.base), workers: 2).clamped.isEmpty)
    }
}
