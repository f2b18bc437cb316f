import Testing

@testable import VentureSim

/// The lanes against the scalar path on what `LaneIdentityTests`' random business scenarios leave out (found by a
/// review that planted bugs these catch): revenue lines in a later strategy than the first and in two strategies,
/// two advertising lines drawing every month and one correlated, a round triggered by each month metric either
/// way, a plan whose only rounds are run-rate triggers (so the loop's gate skips months), and the targets a dead
/// company reads (customers, revenue to date, cumulative profit).
@Suite struct LaneRoundsTests {
    static func scenario(horizon: Int, variant: Int) -> String {
        let metric = ["customers", "revenue_to_date", "cumulative_profit", "annual_run_rate", "cash"][variant % 5]
        let direction = variant % 2 == 0 ? "at_least" : "at_most"
        let threshold = [
            "customers": "50", "revenue_to_date": "20000", "cumulative_profit": "-300000", "annual_run_rate": "100000",
            "cash": "200000"
        ][metric, default: "0"]
        let correlated =
            variant % 3 == 0
            ? "correlations:\n  - between: [strategies.lined.revenue.ads2.revenue_per_customer_month, "
                + "market.competition]\n    rank: 0.4\n" : ""
        // Variants 6 and 7: only run-rate triggers, so the gate below which no round can come due is finite.
        let rounds =
            variant >= 6
            ? """
              - {name: up, when: {metric: annual_run_rate, at_least: 900000}, earliest_month: \(min(2, horizon)),
                 amount: 300000, pre_money: 8000000, close_probability: 0.7}
              - {name: low, when: {metric: annual_run_rate, at_most: \(variant == 6 ? 30000 : 200000)},
                 earliest_month: \(min(3, horizon)), amount: 300000, pre_money: 3000000, close_probability: 0.6}
            """
            : """
              - {name: a, when: {metric: \(metric), \(direction): \(threshold)}, earliest_month: 1,
                 latest_month: \(max(1, horizon - 1)), amount: {dist: uniform, min: 100000, max: 600000},
                 pre_money: 8000000, close_probability: 0.7}
              - {name: b, when: {metric: annual_run_rate, at_most: 50000}, earliest_month: 1, amount: 100000,
                 pre_money: 3000000, close_probability: 0.5}
              - {name: c, when: {metric: customers, at_least: 5}, amount: 200000, pre_money: 3000000}
              - {name: d, month: \(horizon), amount: 100000, pre_money: 3000000}
            """
        return """
            name: lane-rounds-\(horizon)-\(variant)
            simulation: {trials: 1003, seed: \(horizon * 31 + variant), horizon_months: \(horizon), analyses: all}
            variables:
              ads: {dist: uniform, min: 0.5, max: 3}
            market:
              size: {dist: lognormal, p5: 2000, p95: 90000}
              performance: {dist: beta, alpha: 8, beta: 3}
              competition: {dist: triangular, min: 0.05, mode: 0.2, max: 0.6}
              launch_month: \(variant % 2 == 0 ? 1 : 3)
              willingness_to_pay: {dist: lognormal, p5: 20, p95: 400}
            adoption: {model: bass, per: year, innovation: 0.03, imitation: 0.4}
            strategies:
              - {name: plain, kind: subscription, price_per_month: 45, churn_monthly: 0.03}
            \(LaneIdentityTests.hybrid("lined"))
                  - {line: freemium, free_per_paying: {dist: uniform, min: 2, max: 9},
                     serving_cost_per_free_month: 0.05}
                  - {name: ads1, line: advertising, revenue_per_customer_month: {dist: lognormal, p5: 0.5, p95: 6}}
                  - {name: ads2, line: advertising, revenue_per_customer_month: {dist: normal, mean: 1, sd: 2, min: -1}}
                  - {line: consulting, projects_per_month: {dist: uniform, min: 0, max: 3}, fee: 20000,
                     delivery_cost_share: 0.4, capacity_per_month: 2}
                  - {line: one_time, price: {dist: uniform, min: 100, max: 900}, maintenance_monthly_share: 0.02}
              - name: third
                kind: subscription
                price_per_month: {dist: uniform, min: 10, max: 80}
                churn_monthly: 0.05
                revenue:
                  - {line: commission, take_rate: 0.03, volume_per_customer_month: {dist: lognormal, p5: 5, p95: 80}}
                  - {line: advertising, revenue_per_customer_month: {var: ads}}
                  - {line: consulting, projects_per_month: 0, fee: 20000, delivery_cost_share: 0.4,
                     capacity_per_month: 2}
                  - {line: value_added, attach_rate: {dist: uniform, min: 0.1, max: 0.4}, price_per_month: 30}
            costs: {training: 500000, cost_per_customer_monthly: 2, cost_trend_annual: 0.05,
                    operations_monthly: {dist: pert, min: 20000, mode: 60000, max: 200000},
                    acquisition_cost: {dist: lognormal, p5: 30, p95: 400}}
            finance: {starting_cash: {dist: uniform, min: 100000, max: 2000000}, price_growth_annual: 0.03,
                      discount_rate_annual: 0.15}
            risks:
              - {name: outage, category: technical, annual_probability: 0.5, cost: {dist: uniform,
                 min: 1000, max: 90000}, revenue_loss: 0.3, duration_months: 2, delay_months: 2,
                 insurance: {premium_monthly: 500, deductible: 5000, cover_share: 0.8, limit: 60000}}
              - {name: fine, category: legal, annual_probability: 0.3, fine_of_annual_revenue: 0.05}
              - {name: rival, category: market, annual_probability: 0.3, demand_shock: 0.8, unit_cost_shock: 1.3}
            targets:
              - {name: cust, metric: customers, month: \(max(1, horizon / 2)), at_least: 30}
              - {name: rtd, metric: revenue_to_date, month: \(horizon), at_least: 100000}
              - {name: cum, metric: cumulative_profit, month: \(horizon), at_most: -200000}
              - {name: need, metric: funding_need, at_most: 2000000}
            funding:
            \(rounds)
            exit: {multiple_of_run_rate: {dist: uniform, min: 2, max: 8}, liquidation_preference: true}
            \(correlated)
            """
    }

    @Test(arguments: [1, 13, 40], Array(0..<8))
    func lanesEqualTheScalarPath(horizon: Int, variant: Int) throws {
        let s = try ScenarioLoader.load(
            text: Self.scenario(horizon: horizon, variant: variant), file: "lane-rounds.yaml")
        let plan = Plan(s)
        #expect(TrialKernel(plan: plan).lanesFit, "\(plan.features)")
        let scalar = try Simulator.run(plan, workers: 2, path: .scalar)
        for build in TrialKernel.runnableLaneBuilds {
            let lanes = try Simulator.run(plan, workers: 2, path: .lanes(build))
            let what = "horizon \(horizon), variant \(variant), \(build)"
            #expect(LaneIdentityTests.firstDifference(scalar, lanes) == nil, Comment(rawValue: what))
            #expect(
                scalar.targetCounts == lanes.targetCounts && scalar.clampCounts == lanes.clampCounts,
                Comment(rawValue: what))
        }
    }

    /// The scenarios reach what they are for: some companies die, and rounds close.
    @Test func someCompaniesDieAndSomeRoundsClose() throws {
        let plan = try Plan(ScenarioLoader.load(text: Self.scenario(horizon: 40, variant: 1), file: "r.yaml"))
        let c = try Simulator.run(plan, workers: 1, path: .best)
        let (n, K) = (c.count, plan.rounds.count)
        let deaths = (0..<(plan.strategies.count * n)).count { c.deathMonth[$0] > 0 }
        let closed = (0..<(plan.strategies.count * K * n)).count { c.roundMonth[$0] > 0 }
        #expect(deaths > 0 && deaths < plan.strategies.count * n)
        #expect(closed > 0)
    }
}

extension LaneRoundsTests {
    /// A scenario built in code skips the loader and its limits: with more revenue lines in a strategy than
    /// `Limits.maxRevenueLines`, the kernel's scratch is sized by the plan (it overran before), and the lanes still
    /// give the scalar path's bytes.
    @Test func moreLinesThanTheLoaderAllowsRun() throws {
        var s = try ScenarioLoader.load(text: Self.scenario(horizon: 13, variant: 1), file: "r.yaml")
        for i in 0..<(Limits.maxRevenueLines + 6 - s.strategies[1].revenueLines.count) {
            s.strategies[1].revenueLines.append(
                RevenueLine(kind: .advertising, name: "extra\(i)", values: [Distribution(.uniform(min: 0, max: 2))]))
        }
        let plan = Plan(s)
        let (scalar, lanes) = try (
            Simulator.run(plan, workers: 1, path: .scalar), Simulator.run(plan, workers: 1, path: .best)
        )
        #expect(LaneIdentityTests.firstDifference(scalar, lanes) == nil)
    }
}
