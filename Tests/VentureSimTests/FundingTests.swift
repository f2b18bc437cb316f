import Foundation
import Testing
@testable import VentureSim

/// Funding rounds, a failed company and the investors' returns (issue 10), by hand.
@Suite struct FundingTests {
    /// 100 customers from month 1 at 1,000 a month: revenue 100,000 a month, an annual run rate of 1.2 M.
    /// Seed in month 1: 1 M at 4 M pre-money → the seed investors own 20 %, the founders 80 %.
    /// Series A when the run rate reaches 1 M, not before month 3: it closes in month 3, 2 M at 8 M pre-money:
    /// its investors own 20 %, everyone else keeps 80 %: seed 16 %, founders 64 %.
    static func yaml(multiple: Double, preference: Bool = false, horizon: Int = 13) -> String {
        """
        name: rounds
        simulation: {trials: 5, horizon_months: \(horizon)}
        market: {size: 100}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 1000}]
        costs: {operations_monthly: 20000}
        funding:
          - {name: seed, month: 1, amount: 1000000, pre_money: 4000000}
          - {name: series-a, when: {metric: annual_run_rate, at_least: 1000000}, earliest_month: 3, amount: 2000000,
             pre_money: 8000000}
        exit: {multiple_of_run_rate: \(multiple), liquidation_preference: \(preference)}
        """
    }

    @Test func aFixedAndATriggeredRoundDiluteEveryone() throws {
        let summary = try Engine.run(Fixtures.load(Self.yaml(multiple: 10)), workers: 2)
        let f = try #require(summary.strategies[0].funding)
        #expect(f.pFailed == 0 && f.raised.mean == 3_000_000)
        #expect(close(f.founders.p50, 0.64, 1e-12))
        #expect(
            f.rounds.map(\.name) == ["seed", "series-a"] && f.rounds.map(\.pClosed) == [1, 1]
                && f.rounds.map(\.monthP50) == [1, 3])
        #expect(close(f.rounds[0].ownershipAtHorizon.p50, 0.16) && close(f.rounds[1].ownershipAtHorizon.p50, 0.2))
        // Cash: profit 80,000 a month, plus the rounds; the funding need is unchanged by financing.
        #expect(summary.strategies[0].outcome(.minCash).p50 == 1_080_000)
        #expect(summary.strategies[0].fundingNeed?.p50 == 0)
    }

    /// Exit 10 × 1.2 M = 12 M. Common stock: seed 16 % → 1.92 M (MOIC 1.92 over 12 months: IRR 92 %),
    /// series A 20 % → 2.4 M (MOIC 1.2 over 10 months: IRR 1.2^1.2 − 1). At 1 × (1.2 M) both prefer their money back: 3
    /// M of preferences for 1.2 M, paid pro rata: 0.4 M and 0.8 M, MOIC
    /// 0.4 each.
    @Test func exitProceedsMoicAndIrr() throws {
        let common = try Engine.run(Fixtures.load(Self.yaml(multiple: 10)), workers: 1).strategies[0].returns!
        #expect(common.map(\.round) == ["seed", "series-a"])
        #expect(close(common[0].moic.p50, 1.92) && close(common[1].moic.p50, 1.2))
        #expect(close(common[0].irr.p50, 0.92) && close(common[1].irr.p50, pow(1.2, 12.0 / 10) - 1))
        #expect(common[0].pMoicAtLeast1 == 1 && common[0].pMoicAtLeast3 == 0)
        // Every trial is the same: the best tenth brings a tenth (one trial of five, rounded up: a fifth).
        #expect(close(common[0].topDecileShare, 0.2))
        let preferred = try Engine.run(Fixtures.load(Self.yaml(multiple: 1, preference: true)), workers: 2).strategies[
            0
        ].returns!
        #expect(close(preferred[0].moic.p50, 0.4) && close(preferred[1].moic.p50, 0.4))
        // Without the preference at 1 ×: 16 % and 20 % of 1.2 M.
        let plain = try Engine.run(Fixtures.load(Self.yaml(multiple: 1)), workers: 2).strategies[0].returns!
        #expect(close(plain[0].moic.p50, 0.192) && close(plain[1].moic.p50, 0.12))
        // With the preference but a large exit, converting is worth more: the same as common stock.
        let converting = try Engine.run(Fixtures.load(Self.yaml(multiple: 10, preference: true)), workers: 2)
            .strategies[0].returns!
        #expect(close(converting[0].moic.p50, 1.92) && close(converting[1].moic.p50, 1.2))
    }

    /// Revenue 10,000 against 50,000 a month: a 1 M seed lasts 25 months (cash 0 is not below zero);
    /// month 26 takes cash to −40,000 and the company is dead: nothing more is earned or spent.
    @Test func aCompanyThatRunsOutOfCashDies() throws {
        let s = try Fixtures.load(
            """
            name: dies
            simulation: {trials: 3, horizon_months: 30}
            market: {size: 100}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: 100}]
            costs: {operations_monthly: 50000}
            funding: [{name: seed, month: 1, amount: 1000000, pre_money: 3000000}]
            exit: {multiple_of_run_rate: 5}
            """)
        let summary = try Engine.run(s, workers: 2)
        let st = summary.strategies[0]
        #expect(st.funding?.pFailed == 1)
        #expect(st.outcome(.revenue).mean == 260_000 && st.outcome(.cost).mean == 1_300_000)
        #expect(st.outcome(.customers).mean == 0 && st.outcome(.minCash).mean == -40_000 && st.pCashOut == 1)
        // A dead company's exit is worth nothing.
        #expect(st.returns?[0].moic.p50 == 0 && st.returns?[0].irr.p50 == -1 && st.returns?[0].pMoicAtLeast1 == 0)
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(
            md.contains("## Funding rounds and returns") && md.contains("fails (runs out of cash) in 100 % of trials"))
    }

    /// A round that closes with probability 0.3 closes in 30 % of trials within binomial noise, and the
    /// decision is the same draw for every strategy (common random numbers).
    @Test func closeProbabilityIsDrawnOncePerTrial() throws {
        let s = try Fixtures.load(
            """
            name: maybe
            simulation: {trials: 20000, seed: 5, horizon_months: 12}
            market: {size: 100}
            adoption: {model: fixed}
            strategies: [{name: a, kind: subscription, price_per_month: 100}, {name: b, kind: subscription,
                         price_per_month: 90}]
            funding: [{name: angel, when: {metric: customers, at_least: 50}, amount: 100000, pre_money: 900000,
                      close_probability: 0.3}]
            """)
        let (plan, columns) = try Fixtures.columns(s)
        let n = Double(columns.count)
        let closedA = columns.roundMonthColumn(0, round: 0), closedB = columns.roundMonthColumn(1, round: 0)
        let share = Double(closedA.filter { $0 > 0 }.count) / n
        #expect(abs(share - 0.3) <= 5 * (0.3 * 0.7 / n).squareRoot())
        #expect(Array(closedA) == Array(closedB))
        #expect(plan.rounds[0].closeProbability == 0.3)
        #expect(
            try Engine.run(s, workers: 2).strategies.allSatisfy {
                $0.returns == nil && $0.funding?.rounds[0].monthP50 == 1
            })
    }

    @Test(arguments: [
        ("funding: [{name: a, amount: 1, pre_money: 2}]", "missing 'month' (a fixed round) or 'when'"),
        ("funding: [{name: a, month: 2, when: {metric: cash, at_least: 1}, amount: 1, pre_money: 2}]", "not both"),
        (
            "funding: [{name: a, when: {metric: arr, at_least: 1}, amount: 1, pre_money: 2}]",
            "expected one of 'annual_run_rate'"
        ),
        ("funding: [{name: a, month: 1, amount: 1, pre_money: 0}]", "a number > 0"),
        ("exit: {multiple_of_run_rate: 3}", "there is no 'funding' round"),
        (
            "funding: [{name: a, month: 1, amount: 1, pre_money: 2}]\nexit: {multiple_of_run_rate: 3, "
                + "liquidation_preference: yes}",
            "true or false"
        )
    ])
    func badFundingIsNamed(_ line: String, _ fragment: String) {
        let error = Fixtures.loadError(line)
        #expect(error.contains(fragment), "\(error)")
    }
}
