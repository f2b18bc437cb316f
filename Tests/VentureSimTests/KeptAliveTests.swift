import Foundation
import Testing
@testable import VentureSim

/// The funding need of the plan kept alive and the gap beyond the plan (issue 21), by hand.
@Suite struct KeptAliveTests {
    /// Revenue 10,000 against 50,000 a month: profit −40,000 in each of 30 months, no starting cash.
    /// Kept alive, the plan consumes 30 × 40,000 = 1,200,000 and its cash (0 at the start) is below zero from month 1.
    static func yaml(funding: String) -> String {
        """
        name: kept-alive
        simulation: {trials: 4, horizon_months: 30}
        market: {size: 100}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 100}]
        costs: {operations_monthly: 50000}
        \(funding)
        """
    }

    /// Whatever the rounds (none, one that keeps the company alive, one that runs out, one that never closes), the
    /// funding need and the cash-out month are the unfunded plan's: 1,200,000 and month 1.
    @Test(arguments: [
        "",
        "funding: [{name: seed, month: 1, amount: 3000000, pre_money: 3000000}]",
        "funding: [{name: seed, month: 1, amount: 1000000, pre_money: 3000000}]",
        "funding: [{name: seed, month: 1, amount: 1000000, pre_money: 3000000, close_probability: 0}]",
        "funding: [{name: a, when: {metric: customers, at_least: 1}, amount: 500000, pre_money: 1000000}, {name: b, "
            + "month: 12, amount: 9000000, pre_money: 1000000}]"
    ])
    func theFundingNeedIsThePlansWhateverTheRounds(_ funding: String) throws {
        let st = try Engine.run(Fixtures.load(Self.yaml(funding: funding)), workers: 2).strategies[0]
        #expect(st.fundingNeed?.p5 == 1_200_000 && st.fundingNeed?.p95 == 1_200_000)
        #expect(st.cashOutMonth?.p10 == 1 && st.cashOutMonth?.p90 == 1)
        #expect(st.cashOutByYear?.first == 1)
    }

    /// A 1 M seed lasts 25 months; the company dies in month 26 at −40,000. Kept alive it would go on losing 40,000 a
    /// month to month 30: −40,000 − 4 × 40,000 = −200,000, the gap beyond the plan (= 1.2 M need − 1 M raised).
    /// A 3 M seed never runs out: no gap. Failure still ends the company: revenue and cost stop at month 25 + 1.
    @Test func theGapBeyondThePlanIsWhatTheRoundsLeaveUnpaid() throws {
        let short = try Engine.run(
            Fixtures.load(Self.yaml(funding: "funding: [{name: seed, month: 1, amount: 1000000, pre_money: 3000000}]")),
            workers: 2
        ).strategies[0]
        #expect(short.funding?.pFailed == 1)
        #expect(short.funding?.gapBeyondPlan?.p5 == 200_000 && short.funding?.gapBeyondPlan?.p95 == 200_000)
        #expect(
            short.outcome(.revenue).mean == 260_000 && short.outcome(.cost).mean == 1_300_000
                && short.outcome(.customers).mean == 0)
        let long = try Engine.run(
            Fixtures.load(Self.yaml(funding: "funding: [{name: seed, month: 1, amount: 3000000, pre_money: 3000000}]")),
            workers: 2
        ).strategies[0]
        #expect(long.funding?.pFailed == 0 && long.funding?.gapBeyondPlan?.p95 == 0)
        // 1.18 M lasts 29 months (20,000 left); month 30, the last, takes cash to −20,000: the company fails in its
        // last month and, as before issue 21, keeps that month's 100 customers at the horizon; the gap is 20,000.
        let last = try Engine.run(
            Fixtures.load(Self.yaml(funding: "funding: [{name: seed, month: 1, amount: 1180000, pre_money: 3000000}]")),
            workers: 2
        ).strategies[0]
        #expect(
            last.funding?.pFailed == 1 && last.outcome(.customers).mean == 100
                && last.funding?.gapBeyondPlan?.p50 == 20_000)
    }

    /// The report speaks of the gap beyond the plan in words a committee can use, and of failure, not of cash going on
    /// below zero; without rounds it keeps its words.
    @Test func theGapIsSaidOnTopOfThePlannedRounds() throws {
        let s = try Fixtures.load(
            Self.yaml(funding: "funding: [{name: seed, month: 1, amount: 1000000, pre_money: 3000000}]"))
        let md = MarkdownReport.render(scenario: s, summary: try Engine.run(s, workers: 1), command: "x")
        #expect(md.contains("On top of the planned rounds, 200,000 more gives a 90 % chance of never failing"), "\(md)")
        #expect(
            md.contains("| P(fails) |") && md.contains("fails (runs out of cash) in 100 %")
                && md.contains("of the plan kept alive"))
        #expect(!md.contains("Cash is not stopped at zero") && !md.contains("with this plan's starting cash"))
        let plain = try Fixtures.load(Self.yaml(funding: ""))
        let words = MarkdownReport.render(scenario: plain, summary: try Engine.run(plain, workers: 1), command: "x")
        #expect(
            words.contains("Cash is not stopped at zero") && words.contains("with this plan's starting cash")
                && !words.contains("P(fails)"))
    }

    /// fintech-series-a with and without its `funding:` section: the same funding need and cash-out month, trial by
    /// trial (the operating flows do not depend on the rounds, and the rounds' draws have a stream of their own).
    @Test func fintechSeriesAsFundingNeedIsTheSameWithoutItsRounds() throws {
        var funded = try Fixtures.scenario("fintech-series-a.yaml")
        funded.simulation.trials = 2_000
        var plain = funded
        plain.funding = []
        plain.exit = nil
        let (_, a) = try Fixtures.columns(funded), (_, b) = try Fixtures.columns(plain)
        for s in 0..<a.strategyCount {
            #expect(Array(a.column(s, .fundingNeed)) == Array(b.column(s, .fundingNeed)))
            #expect(Array(a.cashOutColumn(s)) == Array(b.cashOutColumn(s)))
        }
        // The company does fail in some trials with its rounds, so the test would see a need cut off at failure.
        #expect(a.deathColumn(0).contains { $0 > 0 })
    }
}
