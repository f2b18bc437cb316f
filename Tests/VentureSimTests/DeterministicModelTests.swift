import Foundation
import Testing
@testable import VentureSim

/// Scenarios without randomness (constants; risks with probability 0 or 1),
/// checked against numbers worked out by hand from docs/model.md#the-model-month-by-month.
@Suite struct DeterministicModelTests {
    /// r_m = 1 % a month exactly.
    static let annualForOnePercent = (0..<12).reduce(1.0) { r, _ in r * 1.01 } - 1

    /// Bass adoption with churn, subscription, every cost, discounting.
    ///
    /// m = 1000, p 0.1, q 0.5, churn 0.1, price 10, T = 2:
    /// month 1: S = 0, n = 0.1 · 1000 = 100, A = 100, revenue 1000,
    ///          cost = 100 ops + 100 · 1 + 100 · 2 + 50 + 30 = 480.
    /// month 2: S = 90, n = (0.1 + 0.5 · 90/1000) · 910 = 131.95, A = 221.95,
    ///          revenue 2219.5, cost = 100 + 221.95 + 263.9 = 585.85.
    @Test func bassSubscription() throws {
        let s = try Fixtures.load(
            """
            name: bass
            simulation: {trials: 7, horizon_months: 2}
            market: {size: 1000}
            adoption: {model: bass, innovation: 0.1, imitation: 0.5}
            strategies: [{name: sub, kind: subscription, price_per_month: 10, churn_monthly: 0.1}]
            costs: {data_acquisition: 50, training: 30, operations_monthly: 100, cost_per_customer_monthly: 1,
                    acquisition_cost: 2}
            finance: {starting_cash: 0, discount_rate_annual: \(Self.annualForOnePercent)}
            """)
        let (_, c) = try Fixtures.columns(s)
        for trial in [0, 6] {
            #expect(close(c.value(strategy: 0, .customers, trial: trial), 221.95))
            #expect(close(c.value(strategy: 0, .revenue, trial: trial), 3219.5))
            #expect(close(c.value(strategy: 0, .cost, trial: trial), 1065.85))
            #expect(close(c.value(strategy: 0, .profit, trial: trial), 2153.65))
            #expect(close(c.value(strategy: 0, .roi, trial: trial), 2153.65 / 1065.85))
            #expect(close(c.value(strategy: 0, .npv, trial: trial), 520 / 1.01 + 1633.65 / (1.01 * 1.01)))
            #expect(close(c.value(strategy: 0, .minCash, trial: trial), 520))
            #expect(c.breakevenMonth(strategy: 0, trial: trial) == 1)
        }
    }

    /// Fixed adoption, three risks that fire every month (probability 1) with
    /// every impact, and the two spec kinds side by side. Worked by hand:
    ///
    /// m = 1000 · (1 − 0.5) = 500; shock 0.8 each month → m_t = 400, 320, 256.
    /// churn 0.5: A = 400; S 200, n 120, A 320; S 160, n 96, A 256.
    /// revenue loss 0.5 for 2 months each month → keep 0.5, 0.25, 0.25.
    /// Subscription (price 10): revenue 2000, 800, 640 = 3440.
    ///   cost: 100 + 400 + 800 + 5 (risk) + 1000 (data) = 2305;
    ///         100 + 320 + 240 + 5 + 0.1 · 2000 = 865;
    ///         100 + 256 + 192 + 5 + 0.1 · 2800 = 833;  total 4003.
    /// API (10 units at 2, unit cost 0.5): revenue 4000, 1600, 1280 = 6880;
    ///   cost: 2305 + 2000 = 4305; 100 + 320 + 240 + 5 + 400 + 1600 = 2665;
    ///         100 + 256 + 192 + 5 + 560 + 1280 = 2393; total 9363.
    @Test func fixedAdoptionWithEveryRiskImpact() throws {
        let s = try Fixtures.load(
            """
            name: risks
            simulation: {trials: 5, horizon_months: 3}
            market: {size: 1000, competition: 0.5}
            adoption: {model: fixed}
            strategies:
              - {name: sub, kind: subscription, price_per_month: 10, churn_monthly: 0.5}
              - {name: api, kind: api, price_per_unit: 2, units_per_customer_month: 10, unit_cost: 0.5,
                 churn_monthly: 0.5}
            costs: {data_acquisition: 1000, operations_monthly: 100, cost_per_customer_monthly: 1, acquisition_cost: 2}
            risks:
              - {name: shock, category: market, annual_probability: 1, demand_shock: 0.8}
              - {name: outage, category: technical, annual_probability: 1, revenue_loss: 0.5, duration_months: 2}
              - {name: fine, category: legal, annual_probability: 1, cost: 5, fine_of_annual_revenue: 0.1}
              - {name: never, category: legal, annual_probability: 0, cost: 1000000}
            finance: {starting_cash: 1000, discount_rate_annual: \(Self.annualForOnePercent)}
            """)
        let (_, c) = try Fixtures.columns(s)
        let d = 1.01
        for trial in 0..<5 {
            #expect(close(c.value(strategy: 0, .customers, trial: trial), 256))
            #expect(close(c.value(strategy: 0, .revenue, trial: trial), 3440))
            #expect(close(c.value(strategy: 0, .cost, trial: trial), 4003))
            #expect(close(c.value(strategy: 0, .profit, trial: trial), -563))
            #expect(close(c.value(strategy: 0, .npv, trial: trial), -305 / d - 65 / (d * d) - 193 / (d * d * d)))
            #expect(close(c.value(strategy: 0, .minCash, trial: trial), 437))
            #expect(c.breakevenMonth(strategy: 0, trial: trial) == nil)
            #expect(close(c.value(strategy: 1, .revenue, trial: trial), 6880))
            #expect(close(c.value(strategy: 1, .cost, trial: trial), 9363))
            #expect(close(c.value(strategy: 1, .profit, trial: trial), -2483))
            #expect(close(c.value(strategy: 1, .npv, trial: trial), -305 / d - 1065 / (d * d) - 1113 / (d * d * d)))
            #expect(close(c.value(strategy: 1, .minCash, trial: trial), 1000 - 2483))
            #expect(close(c.value(strategy: 0, .demandShare, trial: trial), 0.5))
            #expect(c.firingCount(risk: 0, trial: trial) == 3)
            #expect(c.firingCount(risk: 2, trial: trial) == 3)
            #expect(c.firingCount(risk: 3, trial: trial) == 0)
        }
        let summary = Summarizer.summarize(Plan(s), c)
        #expect(summary.strategies[1].pCashOut == 1)
        #expect(summary.strategies[0].pCashOut == 0)
        #expect(summary.strategies[0].risks.map(\.pFired) == [1, 1, 1, 0])
        #expect(summary.strategies[0].risks.map(\.meanFirings) == [3, 3, 3, 0])
        #expect(summary.comparisons[0].pABetterNpv == 1)
    }

    /// Hybrid (extension): fee 10 plus 10 units at 2 → 30 a customer-month.
    /// Fixed adoption, m = 100, no churn: A = 100 each month; T = 2:
    /// revenue 6000; unit cost 0.5 · 10 · 100 = 500 a month → cost 1000.
    @Test func hybridStrategy() throws {
        let s = try Fixtures.load(
            """
            name: hybrid
            simulation: {trials: 3, horizon_months: 2}
            market: {size: 100}
            adoption: {model: fixed}
            strategies: [{name: h, kind: hybrid, price_per_month: 10, price_per_unit: 2, units_per_customer_month: 10,
                         unit_cost: 0.5}]
            """)
        let (_, c) = try Fixtures.columns(s)
        #expect(close(c.value(strategy: 0, .revenue, trial: 2), 6000))
        #expect(close(c.value(strategy: 0, .cost, trial: 2), 1000))
        #expect(c.breakevenMonth(strategy: 0, trial: 2) == 1)
    }

    /// With no cost at all, roi is undefined in every trial: null, not 0 or NaN.
    @Test func roiUndefinedWhenCostIsZero() throws {
        let s = try Fixtures.load(
            """
            name: free
            simulation: {trials: 10, horizon_months: 2}
            market: {size: 10}
            strategies: [{name: s, kind: subscription, price_per_month: 1}]
            """)
        let summary = try Engine.run(s, workers: 1)
        let roi = summary.strategies[0].outcome(.roi)
        #expect(roi.n == 0 && roi.mean == nil && roi.p50 == nil)
        #expect(summary.strategies[0].breakevenMonthP50 == 1)
    }

    /// Numbers beyond double precision are a run error naming the strategy, not a report of NaNs.
    @Test func overflowIsARunError() throws {
        let s = try Fixtures.load(
            """
            name: huge
            simulation: {trials: 5000}
            market: {size: 1e300}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: 1e300}]
            """)
        #expect(throws: RunError.nonFinite(strategy: "s", outcome: "npv", trial: 0)) { try Engine.run(s, workers: 2) }
    }

    /// A market of zero: no customers, no division by zero (n_t = 0 when m_t = 0).
    @Test func zeroMarketIsFinite() throws {
        let s = try Fixtures.load(
            """
            name: empty
            simulation: {trials: 4, horizon_months: 12}
            market: {size: 0}
            strategies: [{name: s, kind: subscription, price_per_month: 1}]
            costs: {operations_monthly: 1}
            """)
        let (_, c) = try Fixtures.columns(s)
        #expect(c.value(strategy: 0, .customers, trial: 0) == 0)
        #expect(c.value(strategy: 0, .profit, trial: 3) == -12)
    }
}
