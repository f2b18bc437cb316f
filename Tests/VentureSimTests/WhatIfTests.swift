import Foundation
import Testing
@testable import VentureSim

/// Overrides, stress cases, funding need and targets (issue 8).
@Suite struct WhatIfTests {
    static let base = """
        name: whatif
        simulation: {trials: 4000, seed: 9, horizon_months: 24}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: {dist: uniform, min: 0.1, max: 0.4}}
        adoption: {per: year, innovation: 0.05, imitation: 0.5}
        strategies:
          - {name: sub, kind: subscription, price_per_month: 50, churn_monthly: {dist: beta, alpha: 2, beta: 60}}
          - {name: api, kind: api, price_per_unit: 2, units_per_customer_month: {dist: lognormal, p5: 10, p95: 100},
             unit_cost: 0.5}
        costs: {training: 200000, operations_monthly: 30000, acquisition_cost: {dist: uniform, min: 50, max: 150}}
        risks:
          - {name: leak, category: legal, annual_probability: 0.2, cost: {dist: uniform, min: 10000, max: 90000}}
        finance: {starting_cash: 300000}
        """

    @Test func setEqualsAHandEditedFile() throws {
        let overrides = try [
            "market.competition={dist: pert, min: 0.3, mode: 0.5, max: 0.8}", "strategies.api.price_per_unit=1.5",
            "risks.leak.annual_probability=0.1", "strategies[0].churn_monthly=0.02"
        ].map(Override.parse)
        let set = try ScenarioLoader.load(text: Self.base, file: "w.yaml", overrides: overrides)
        let edited = try ScenarioLoader.load(
            text: Self.base
                .replacingOccurrences(
                    of: "competition: {dist: uniform, min: 0.1, max: 0.4}",
                    with: "competition: {dist: pert, min: 0.3, mode: 0.5, max: 0.8}"
                )
                .replacingOccurrences(of: "price_per_unit: 2,", with: "price_per_unit: 1.5,")
                .replacingOccurrences(of: "annual_probability: 0.2", with: "annual_probability: 0.1")
                .replacingOccurrences(
                    of: "churn_monthly: {dist: beta, alpha: 2, beta: 60}", with: "churn_monthly: 0.02"), file: "w.yaml")
        #expect(set == edited)
        let a = try JSONReport.render(Engine.run(set, workers: 2), run: nil)
        let b = try JSONReport.render(Engine.run(edited, workers: 1), run: nil)
        #expect(a == b)
    }

    @Test(arguments: [
        ("strategies.nope.price_per_unit=1", "no entry named 'nope'"),
        ("market.competiton=0.3", "did you mean 'competition'"),
        ("market.competition=30", "a share from 0 to 1"),
        ("simulation.trials.x=2", "is a single value"),
        ("strategies[7].churn_monthly=0.1", "there is no [7]"),
        ("market.size", "expected PATH=VALUE"),
        // Scaling (issue 26, docs/model.md#scaling-an-input).
        ("costs.acquisition_cost*=abc", "expected a factor after '*', a number > 0"),
        ("costs.acquisition_cost*=0", "expected a factor > 0"),
        ("costs.acquisition_cost*=-1.2", "expected a factor > 0"),
        ("strategies.sub.kind*=2", "is not a number or a distribution"),
        ("name*=2", "is not a number or a distribution"),
        ("costs.data_acquisition*=2", "is not in the scenario"),
        ("strategies.sub.churn_monthly*=1e6", "inside [0, 1]"),
        ("*=2", "the path before '*=' is empty")
    ])
    func badOverridesNameTheArgument(_ argument: String, _ fragment: String) throws {
        let error = #expect(throws: ScenarioError.self) {
            _ = try ScenarioLoader.load(text: Self.base, file: "w.yaml", overrides: [Override.parse(argument)])
        }
        let text = error?.description ?? ""
        #expect(text.contains(fragment), "\(text)")
        #expect(error?.diagnostics.allSatisfy { $0.file == "--set '\(argument)'" } == true, "\(text)")
    }

    static let stressed =
        base + """

            stress:
              - name: pricier-api
                set: {strategies.api.price_per_unit: 3}
              - name: crowded
                description: competition doubles
                set:
                  market.competition: {dist: uniform, min: 0.2, max: 0.8}
                  risks.leak.annual_probability: 0.4
            """

    @Test func stressCasesEqualSeparateSetRuns() throws {
        let scenario = try Fixtures.load(Self.stressed)
        #expect(scenario.stress.map(\.name) == ["pricier-api", "crowded"])
        let summary = try Engine.run(scenario, workers: 2)
        #expect(summary.stressCases.map(\.name) == ["pricier-api", "crowded"])
        let separate = [
            ["strategies.api.price_per_unit=3"],
            ["market.competition={dist: uniform, min: 0.2, max: 0.8}", "risks.leak.annual_probability=0.4"]
        ]
        for (c, sets) in zip(summary.stressCases, separate) {
            let alone = try Engine.run(
                ScenarioLoader.load(text: Self.base, file: "w.yaml", overrides: sets.map(Override.parse)), workers: 3)
            #expect(c.strategies == alone.strategies, "\(c.name)")
        }
        // The base's own figures do not depend on its stress cases.
        var base = try Engine.run(Fixtures.load(Self.base), workers: 2)
        base.inputs = summary.inputs
        #expect(base.strategies == summary.strategies)
    }

    /// A case that changes only a price keeps the base's market, cost and risk draws in every trial.
    @Test func priceOnlyCaseKeepsTheBaseDraws() throws {
        let scenario = try Fixtures.load(Self.stressed)
        let (_, base) = try Fixtures.columns(scenario)
        let (_, pricier) = try Fixtures.columns(scenario.stress[0].scenario)
        for t in 0..<base.count {
            #expect(base.demandShare[t] == pricier.demandShare[t])
            #expect(base.firingCount(risk: 0, trial: t) == pricier.firingCount(risk: 0, trial: t))
            #expect(base.value(strategy: 0, .npv, trial: t) == pricier.value(strategy: 0, .npv, trial: t))
            #expect(base.value(strategy: 1, .customers, trial: t) == pricier.value(strategy: 1, .customers, trial: t))
            if t > 20 { break }
        }
        // Whole columns, not only the first trials.
        #expect(Array(base.column(0, .demandShare)) == Array(pricier.column(0, .demandShare)))
        #expect(Array(base.column(0, .npv)) == Array(pricier.column(0, .npv)))
        #expect(Array(base.column(1, .revenue)) != Array(pricier.column(1, .revenue)))
    }

    @Test(arguments: [
        (
            "  - name: bad\n    set: {market.competition: {dist: uniform, min: 20, max: 45}}",
            "stress[0].set.market.competition", "fractions"
        ),
        ("  - name: bad\n    set: {simulation.trials: 5}", "stress[0].set.simulation.trials", "cannot change"),
        (
            "  - name: bad\n    set: {strategies.zzz.price_per_month: 5}",
            "stress[0].set.strategies.zzz.price_per_month", "no entry named 'zzz'"
        ),
        (
            "  - name: a\n    set: {costs.training: 1}\n  - name: a\n    set: {costs.training: 2}", "stress[1].name",
            "duplicate stress case name"
        ),
        ("  - name: bad", "stress[0].set", "missing required key 'set'")
    ])
    func badStressCasesAreReportedWithTheirPath(_ yaml: String, _ path: String, _ fragment: String) throws {
        let error = #expect(throws: ScenarioError.self) {
            _ = try ScenarioLoader.load(text: Self.base + "\nstress:\n" + yaml, file: "test.yaml")
        }
        let text = error?.description ?? ""
        #expect(error?.diagnostics.contains { $0.path == path } == true, "\(text)")
        #expect(text.contains(fragment), "\(text)")
        #expect(error?.diagnostics.allSatisfy { $0.file == "test.yaml" && $0.line != nil } == true, "\(text)")
    }

    /// Funding need and targets of a deterministic plan, by hand.
    ///
    /// fixed adoption, m = 100, price 10, ops 2,000, training 5,000, T = 6:
    /// A deterministic plan worked by hand (here and in `HorizonTargetTests`), without its targets.
    static let handPlan = """
        name: hand
        simulation: {trials: 10, horizon_months: 6}
        market: {size: 100}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 10}]
        costs: {training: 5000, operations_monthly: 2000}
        finance: {starting_cash: 8000}

        """

    /// profit_1 = 1,000 − 2,000 − 5,000 = −6,000; profit_t = −1,000 after.
    /// Cumulative: −6,000, −7,000, …, −11,000 → funding need 11,000.
    /// starting cash 8,000: cash 2,000, 1,000, 0, −1,000 (month 4 runs out).
    @Test func fundingNeedAndTargetsByHand() throws {
        let s = try Fixtures.load(
            Self.handPlan + """
                targets:
                  - {name: arr, metric: annual_run_rate, month: 3, at_least: 12000}
                  - {name: arr-more, metric: annual_run_rate, month: 3, at_least: 12001}
                  - {name: revenue, metric: revenue_to_date, month: 5, at_least: 5000}
                  - {name: customers, metric: customers, month: 6, at_most: 99}
                  - {name: cash, metric: cash, month: 3, at_least: 0}
                  - {name: burn, metric: cumulative_profit, month: 2, at_most: -7000}
                """)
        let summary = try Engine.run(s, workers: 2)
        let st = summary.strategies[0]
        #expect(st.fundingNeed?.p50 == 11_000 && st.fundingNeed?.mean == 11_000)
        #expect(MarkdownReport.fundingWords(st.fundingNeed!).contains("raising 11,000 gives a 90 % chance"))
        #expect(st.cashOutMonth == MonthPercentiles(p10: 4, p50: 4, p90: 4))
        #expect(st.cashOutByYear == [1])
        #expect(st.targets.map(\.probability) == [1, 0, 1, 0, 1, 1])
        #expect(st.targets.allSatisfy { $0.se == 0 })
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(md.contains("| arr | `annual_run_rate` at month 3 ≥ 12,000 | 100 % ± 0 pp |"))
        // Year by year: one partial year of six months.
        #expect(st.byYear!.count == 1 && st.byYear![0].months == 6)
        #expect(
            st.byYear![0].revenue.p50 == 6_000 && st.byYear![0].cost.p50 == 17_000
                && st.byYear![0].profit.mean == -11_000)
        #expect(md.contains("| 1 (6 months) | Revenue | 6,000 | 6,000 | 6,000 | 6,000 |"))
    }

    /// Each year's revenue adds up to the trial's revenue, for every trial of the sample.
    @Test func yearsAddUpToTheWhole() throws {
        let s = try Fixtures.load(Self.base.replacingOccurrences(of: "horizon_months: 24", with: "horizon_months: 30"))
        let (plan, c) = try Fixtures.columns(s)
        #expect(plan.years == 3 && c.yearSample == 4000)
        for strategy in 0..<2 {
            for t in stride(from: 0, to: 4000, by: 97) {
                let years = (0..<3).map { c.yearColumn(strategy, year: $0, metric: 0)[t] }
                let total = c.value(strategy: strategy, .revenue, trial: t)
                #expect(abs(years.reduce(0, +) - total) <= 1e-9 * max(1, abs(total)))
            }
        }
        let summary = try Engine.run(s, workers: 2)
        #expect(summary.strategies[0].byYear?.map(\.months) == [12, 12, 6])
    }

    @Test func targetProbabilitiesAreCountedTheSameForAnyWorkerCount() throws {
        let s = try Fixtures.load(Self.base + "\ntargets: [{name: t, metric: customers, month: 12, at_least: 500}]")
        let a = try Engine.run(s, workers: 1), b = try Engine.run(s, workers: 3)
        #expect(a == b)
        let p = a.strategies[0].targets[0].probability
        #expect(p > 0 && p < 1)
        #expect(abs(a.strategies[0].targets[0].se - (p * (1 - p) / 4000).squareRoot()) < 1e-15)
    }
}

/// The drivers and what has to be true (issue 8, sections 2 and 4).
@Suite struct DriverTests {
    /// Revenue ∝ size × price over 12 months: size (±33 %) moves NPV most, price (±10 %) next,
    /// operations (0–2,000 a month) least; the discount rate is constant and the risk never fires.
    static let built = """
        name: drivers
        simulation: {trials: 20000, seed: 5, horizon_months: 12}
        market: {size: {dist: uniform, min: 1000, max: 2000}}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: {dist: uniform, min: 9, max: 11}}]
        costs: {operations_monthly: {dist: uniform, min: 0, max: 2000}, training: 150000}
        risks: [{name: never, category: market, annual_probability: 0, cost: 5}]
        """

    @Test func aBuiltScenarioComesOutInTheKnownOrder() throws {
        let summary = try Engine.run(Fixtures.load(Self.built), workers: 2)
        let drivers = summary.strategies[0].drivers!
        #expect(drivers.map(\.input) == ["market.size", "strategies.s.price_per_month", "costs.operations_monthly"])
        #expect(drivers[0].spearman > 0.8 && drivers[1].spearman > 0.2 && drivers[2].spearman < 0)
        #expect(abs(drivers.map(\.varianceShare).reduce(0, +) - 1) < 1e-12)
        #expect(drivers[0].npvMeanLow! < drivers[0].npvMeanHigh!)
        #expect(drivers[2].npvMeanLow! > drivers[2].npvMeanHigh!)
        #expect(summary.driverSample == 20000)
        // Losing trials (profit < 0: revenue below 150,000 + ops) have small markets and low prices.
        let loss = summary.strategies[0].whatHasToBeTrue!.loss
        #expect(loss.first?.input == "market.size" && loss.first!.medianPercentile < 30)
        #expect(loss.first { $0.input == "strategies.s.price_per_month" }!.medianPercentile < 50)
        #expect(loss.allSatisfy { $0.baselinePercentile == 50 })
        #expect(summary.strategies[0].pLoss > 0.05 && summary.strategies[0].pLoss < 0.95)
    }

    /// Spearman against a hand-computed case with ties (average ranks).
    @Test func ranksAverageTies() {
        let r = [3.0, 1, 3, 2, 3].withUnsafeBufferPointer { DriverAnalysis.rank("x", $0) }
        #expect(r.ranks == [4, 1, 4, 2, 4])
        #expect(abs(DriverAnalysis.correlation([1, 2, 3, 4], [1, 2, 3, 4]) - 1) < 1e-15)
        #expect(abs(DriverAnalysis.correlation([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-15)
        // Spearman of (1,2,3,4,5) against the ranks above: Pearson of [1..5] and [4,1,4,2,4].
        let rho = DriverAnalysis.correlation([1, 2, 3, 4, 5], r.ranks)
        #expect(abs(rho - 0.11180339887498948) < 1e-12)  // numpy.corrcoef
    }
}

/// Correlated inputs through a Gaussian copula (issue 8, section 6).
@Suite struct CorrelationTests {
    static let base = WhatIfTests.base.replacingOccurrences(of: "trials: 4000", with: "trials: 100000")

    @Test func correlationsReachTheirTargets() throws {
        let s = try Fixtures.load(
            Self.base + """

                correlations:
                  - {between: [market.competition, strategies.sub.churn_monthly], rank: 0.6}
                  - {between: [market.size, costs.acquisition_cost], rank: -0.4}
                """)
        let summary = try Engine.run(s, workers: 2)
        #expect(summary.correlations.count == 2)
        for c in summary.correlations { #expect(abs(c.achieved - c.target) < 0.02, "\(c)") }
        // Each marginal is kept: competition stays uniform on [0.1, 0.4] (mean 0.25, sd 0.0866).
        let (_, columns) = try Fixtures.columns(s)
        let plan = Plan(s)
        let k = plan.driverInputs.firstIndex { $0.name == "market.competition" }!
        let x = Array(columns.sampleColumn(k))
        let mean = x.reduce(0, +) / Double(x.count)
        #expect(abs(mean - 0.25) < 5 * 0.0866 / Double(x.count).squareRoot())
        #expect(x.allSatisfy { $0 >= 0.1 && $0 <= 0.4 })
        // The same for any worker count.
        #expect(try Engine.run(s, workers: 1) == summary)
        let md = MarkdownReport.render(scenario: s, summary: summary, command: "x")
        #expect(md.contains("Correlated inputs blur this ranking"))
    }

    @Test(arguments: [
        (
            "  - {between: [market.size, market.competition], rank: 0.9}\n  - {between: [market.size, "
                + "costs.acquisition_cost], rank: 0.9}\n  - {between: [market.competition, costs.acquisition_cost], "
                + "rank: -0.9}",
            "not positive definite"
        ),
        ("  - {between: [market.size, costs.training], rank: 0.5}", "is a constant"),
        ("  - {between: [market.size, market.sise], rank: 0.5}", "did you mean 'market.size'"),
        ("  - {between: [market.size, costs.acquisition_cost], rank: 1}", "strictly between −1 and 1"),
        ("  - {between: [market.size], rank: 0.5}", "two different input paths")
    ])
    func impossibleCorrelationsAreRefused(_ yaml: String, _ fragment: String) throws {
        let error = #expect(throws: ScenarioError.self) {
            _ = try Fixtures.load(WhatIfTests.base + "\ncorrelations:\n" + yaml)
        }
        #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "")")
    }

    @Test func discreteInputsCannotBeCorrelated() throws {
        let yaml =
            WhatIfTests.base.replacingOccurrences(
                of: "training: 200000", with: "training: {dist: discrete, values: [1, 2], weights: [1, 1]}")
            + "\ncorrelations: [{between: [market.size, costs.training], rank: 0.3}]"
        let error = #expect(throws: ScenarioError.self) { _ = try Fixtures.load(yaml) }
        #expect(error?.description.contains("is discrete") == true)
    }
}

/// `--precision`: blocks are added until every mean NPV is known well enough (issue 8, section 7).
@Suite struct PrecisionTests {
    static let scenario = """
        name: precise
        simulation: {seed: 3, horizon_months: 12}
        market: {size: {dist: lognormal, p5: 500, p95: 5000}}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 10}]
        costs: {operations_monthly: 5000}
        """

    @Test func stopsWhereItShouldAndReproduces() throws {
        let s = try Fixtures.load(Self.scenario)
        var attempts: [Int] = []
        let (summary, outcome) = try Precision.run(s, relative: 0.003, maxTrials: 2_000_000, workers: 2) {
            attempts.append($0)
        }
        #expect(attempts.count >= 2, "\(attempts)")
        #expect(outcome.reached && outcome.trials == summary.trials && outcome.trials == attempts.last)
        #expect(outcome.trials % Simulator.blockSize == 0)
        #expect(Precision.isReached(summary, relative: 0.003))
        // Every earlier attempt fell short: it stopped at the first count that is precise enough.
        for n in attempts.dropLast() {
            var t = s
            t.simulation.trials = n
            #expect(!Precision.isReached(try Engine.run(t, workers: 1), relative: 0.003), "\(n)")
        }
        // A rerun with the printed trial count gives the same figures to the last digit.
        var rerun = s
        rerun.simulation.trials = outcome.trials
        #expect(try Engine.run(rerun, workers: 3) == summary)
    }

    @Test func givesUpAtTheMaximum() throws {
        let s = try Fixtures.load(Self.scenario)
        let (summary, outcome) = try Precision.run(s, relative: 1e-6, maxTrials: 50_000, workers: 2)
        #expect(!outcome.reached && outcome.trials == 49_152 && summary.trials == 49_152)
    }
}
