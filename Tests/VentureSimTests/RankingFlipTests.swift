import Foundation
import Testing
@testable import VentureSim

/// What flips the ranking (docs/model.md#what-flips-the-ranking): the drivers of a pair's NPV difference and the
/// paired differences of P(loss) and P(cash out) with their standard errors.
@Suite struct RankingFlipTests {
    /// The scenario of `Tests/fixtures/ranking-flip.yaml` (see its comment) with its own simulation settings. The NPV
    /// difference is Σ_t A_t (50 − units) / (1 + r)^t: the calls alone decide the winner.
    static func yaml(trials: Int = 4000, seed: Int = 11, analyses: String = "all", summary: String = "exact")
        -> String
    {
        let text =
            (try? String(
                contentsOf: Fixtures.root.appendingPathComponent("Tests/fixtures/ranking-flip.yaml"), encoding: .utf8))
            ?? ""
        return text.replacingOccurrences(
            of: "simulation: {trials: 3000, seed: 5, horizon_months: 24}",
            with: "simulation: {trials: \(trials), seed: \(seed), horizon_months: 24, analyses: \(analyses), "
                + "summary: \(summary)}")
    }

    @Test func theInputThatDecidesTheWinnerLeadsTheDifferencesDrivers() throws {
        let summary = try Engine.run(Fixtures.load(Self.yaml()), workers: 2)
        let c = try #require(summary.comparisons.first)
        let drivers = try #require(c.drivers)
        #expect(drivers.first?.input == "strategies.metered.units_per_customer_month", "\(drivers)")
        // More calls favour `metered`, so they lower flat − metered.
        #expect((drivers.first?.spearman ?? 0) < -0.5 && (drivers.first?.varianceShare ?? 0) > 0.5)
        // The running cost drives each strategy's own NPV but not the difference: its ρ with it is sampling noise,
        // whose s.e. is about 1/√4000 ≈ 0.016; 0.07 is over four of them.
        let flatOwn = try #require(summary.strategies[0].drivers)
        let ownRunning = try #require(flatOwn.first { $0.input == "costs.operations_monthly" })
        #expect(ownRunning.spearman < -0.3, "\(flatOwn)")
        let running = try #require(drivers.first { $0.input == "costs.operations_monthly" })
        #expect(abs(running.spearman) < 0.07)
        // The difference's inputs are the shared ones and both strategies' own, by the drivers' own list.
        #expect(!flatOwn.contains { $0.input.hasPrefix("strategies.metered.") })
        let shares = drivers.reduce(0) { $0 + $1.varianceShare }
        #expect(abs(shares - 1) < 1e-12)
    }

    /// The paired differences against a hand computation over the run's own columns, and their values against the
    /// strategies' own figures, bit for bit.
    @Test func pairedDifferencesAreTheStrategiesFiguresSubtracted() throws {
        let scenario = try Fixtures.load(Self.yaml())
        let summary = try Engine.run(scenario, workers: 2)
        let (_, columns) = try Fixtures.columns(scenario)
        let c = try #require(summary.comparisons.first)
        let (a, b) = (summary.strategies[0], summary.strategies[1])
        let cash = try #require(c.pCashOutDifference), loss = try #require(c.pLossDifference)
        #expect(cash.value == a.pCashOut - b.pCashOut && loss.value == a.pLoss - b.pLoss)
        #expect(a.pCashOut > 0.1 && a.pCashOut < 0.9 && cash.value != 0, "a scenario where the test can fail")
        func handSE(_ failed: (Int, Int) -> Bool) -> Double {
            let n = columns.count
            let d = (0..<n).map { i in Double(failed(0, i) ? 1 : 0) - Double(failed(1, i) ? 1 : 0) }
            let mean = d.reduce(0, +) / Double(n)
            let variance = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            return (variance / Double(n)).squareRoot()
        }
        let minCash = [columns.column(0, .minCash), columns.column(1, .minCash)]
        let revenue = [columns.column(0, .revenue), columns.column(1, .revenue)]
        let cost = [columns.column(0, .cost), columns.column(1, .cost)]
        #expect(close(cash.se, handSE { s, i in minCash[s][i] < 0 }, 1e-12))
        #expect(close(loss.se, handSE { s, i in revenue[s][i] - cost[s][i] < 0 }, 1e-12))
        // The shared draws make the paired error far smaller than the unpaired one.
        let unpaired = ((a.pCashOut * (1 - a.pCashOut) + b.pCashOut * (1 - b.pCashOut)) / 4000).squareRoot()
        #expect(cash.se < unpaired / 2)
    }

    /// The sketch summary keeps the paired counts, so its paired differences are the exact run's; its comparisons
    /// have no drivers (nor do its strategies).
    @Test func theSketchGivesTheExactPairedDifferences() throws {
        let exact = try Engine.run(Fixtures.load(Self.yaml()), workers: 2)
        let sketch = try Engine.run(Fixtures.load(Self.yaml(summary: "sketch")), workers: 3)
        for (e, s) in zip(exact.comparisons, sketch.comparisons) {
            #expect(s.pCashOutDifference == e.pCashOutDifference && s.pLossDifference == e.pLossDifference)
            #expect(s.drivers == nil && e.drivers != nil)
        }
        let off = try Engine.run(Fixtures.load(Self.yaml(analyses: "[funding_need]")), workers: 2)
        #expect(off.comparisons[0].drivers == nil && off.comparisons[0].pCashOutDifference != nil)
    }

    /// Counts in any order add up to the same standard error; the formula against small cases by hand.
    @Test func standardErrorFromCounts() {
        // n = 4, d = (1, 1, 0, −1): mean 0.25, Σ(d − 0.25)² = 0.5625 · 2 + 0.0625 + 1.5625 = 2.75, var 2.75/3.
        #expect(close(PairedCounts.standardError(aOnly: 2, bOnly: 1, trials: 4), (2.75 / 3 / 4).squareRoot(), 1e-15))
        #expect(PairedCounts.standardError(aOnly: 0, bOnly: 0, trials: 100) == 0)
        #expect(PairedCounts.standardError(aOnly: 1, bOnly: 0, trials: 1) == 0)
        var counts = PairedCounts()
        for (x, y) in [(true, true), (true, false), (false, true), (false, false), (true, false)] { counts.add(x, y) }
        #expect(counts == PairedCounts(a: 3, b: 2, aOnly: 2, bOnly: 1))
        #expect(counts.difference(trials: 5).value == 3.0 / 5 - 2.0 / 5)
    }

    /// The standard error measures the spread of the paired difference across independent runs. Over K = 200 runs of
    /// n = 400 trials (seeds 1 … 200), the sample variance V of the K differences estimates Var(P̂_A − P̂_B); if the
    /// s.e. is right, the mean of se² estimates the same quantity (each se² is unbiased, and their mean over 200 runs
    /// has a relative error of a few %). V over K near-normal values (a mean over 400 trials) has a relative standard
    /// deviation of √(2/(K − 1)) ≈ 0.10, so V / mean(se²) lies within 1 ± 0.4 (four of those) unless the seeds
    /// chosen are a four-standard-deviation accident (about one set in 10,000: the upper tail of a χ² with 199 degrees
    /// of freedom). The unpaired error (the two binomial variances added) is more than twice as large here,
    /// so a formula that forgot the pairing would put the ratio near 0.4 or below and fail.
    @Test func theStandardErrorMatchesTheSpreadAcrossRuns() throws {
        var values: [Double] = [], squares: [Double] = [], unpaired: [Double] = []
        for seed in 1...200 {
            let s = try Engine.run(Fixtures.load(Self.yaml(trials: 400, seed: seed, analyses: "none")), workers: 1)
            let d = try #require(s.comparisons[0].pCashOutDifference)
            values.append(d.value)
            squares.append(d.se * d.se)
            let (a, b) = (s.strategies[0].pCashOut, s.strategies[1].pCashOut)
            unpaired.append((a * (1 - a) + b * (1 - b)) / 400)
        }
        let mean = values.reduce(0, +) / 200
        let v = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 199
        let expected = squares.reduce(0, +) / 200
        #expect(unpaired.reduce(0, +) / 200 > 2.5 * expected, "the scenario must tell paired from unpaired")
        #expect(abs(v / expected - 1) < 0.4, "V \(v), mean se² \(expected)")
    }
}

/// The words: the comparison section's paired differences and drivers, funded wording, hostile names.
@Suite struct RankingFlipReportTests {
    static func markdown(_ yaml: String) throws -> String {
        let s = try Fixtures.load(yaml)
        return MarkdownReport.render(scenario: s, summary: try Engine.run(s, workers: 2), command: "venturesim run x")
    }

    @Test func theComparisonSaysWhatFlipsTheRanking() throws {
        let md = try Self.markdown(RankingFlipTests.yaml())
        let section = try #require(md.components(separatedBy: "## Strategy comparison").last)
        #expect(
            section.contains("- **flat − metered**: P(loss) ") && section.contains(" pp; P(cash out) "), "\(section)")
        #expect(section.contains("### What flips the ranking"))
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let header = try #require(rows.firstIndex { $0.contains("Rank correlation with the difference") })
        #expect(rows[header + 1].hasPrefix("| strategies.metered.units_per_customer_month | −0."), "\(rows)")
        #expect(!section.contains("P(fails)"))
    }

    /// With funding rounds, running out of cash is failure, and the paired difference says so.
    @Test func fundedRunsSayFails() throws {
        let funded =
            RankingFlipTests.yaml()
            + "\nfunding:\n  - {name: seed, month: 6, amount: 500000, pre_money: 2000000}\n"
            + "exit: {multiple_of_run_rate: 4}\n"
        let md = try Self.markdown(funded)
        let bullet = try #require(md.split(separator: "\n").first { $0.hasPrefix("- **flat − metered**: P(loss)") })
        #expect(bullet.contains("; P(fails) ") && !bullet.contains("P(cash out)"), "\(bullet)")
    }

    @Test func hostileNamesStayText() throws {
        let (md, html, _) = try ReportEscapingTests.reports(ReportEscapingTests.hostile())
        #expect(md.contains("### What flips the ranking") && md.contains("Paired differences"))
        #expect(ReportEscapingTests.markdownTablesKeepTheirShape(md))
        let page = ReportEscapingTests.withoutCharts(html)
        #expect(ReportEscapingTests.htmlTablesKeepTheirShape(page) && !page.contains("<img"))
        // The pair's label and the strategies' own inputs (named after them) are escaped text.
        #expect(md.contains("**S1 \\`\\`\\`x\">\\<img"), "\(md)")
        #expect(page.contains("<strong>S1 ```x&quot;&gt;&lt;img"))
    }

    @Test func pointsReadAsPercentagePoints() {
        #expect(MarkdownReport.points(PairedDifference(value: 0.0321, se: 0.0041)) == "+3.21 pp ± 0.41 pp")
        #expect(MarkdownReport.points(PairedDifference(value: -0.25, se: 0.012)) == "−25 pp ± 1.2 pp")
        #expect(MarkdownReport.points(PairedDifference(value: -0.000001, se: 0.0001)) == "0 pp ± 0.01 pp")
        #expect(MarkdownReport.points(PairedDifference(value: 0, se: 0)) == "0 pp ± 0 pp")
    }
}
