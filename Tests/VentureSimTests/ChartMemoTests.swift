import Foundation
import Testing
@testable import VentureSim

/// Charts an investor can paste into a memo (issue 21): a footer saying where each came from, a tornado ordered by
/// its bars, labels that do not overprint, a cash fan from month 0 with year ticks, a stress chart with its values.
@Suite struct ChartMemoTests {
    /// Every chart's footer names the scenario, the trial count and the seed.
    @Test func everyChartSaysWhereItCameFrom() throws {
        let (_, summary) = try ChartTests.summary()
        let footer =
            "\(summary.scenario) · \(NumberFormat.grouped(Int64(summary.trials))) trials · seed \(summary.seed)"
        let charts = Charts.all(summary)
        #expect(charts.count == 6)
        for c in charts { #expect(c.svg.contains(">\(footer)</text>"), "\(c.slug)") }
    }

    /// The tornado's rows, top to bottom, have bars of non-increasing length (from the mean NPV to the farther end).
    @Test func theTornadoIsOrderedByTheLengthOfItsBars() throws {
        let (_, summary) = try ChartTests.summary()
        let svg = try #require(Charts.all(summary).first { $0.slug == "tornado" }).svg
        let s = summary.strategies[0]
        let base = try #require(s.outcome(.npv).mean)
        let drivers = Array(try #require(s.drivers).prefix(10))
        func length(_ d: Driver) -> Double {
            let ends = [base] + [d.npvMeanLow, d.npvMeanHigh].compactMap { $0 }
            return ends.max()! - ends.min()!
        }
        // Each driver's label's place in the first panel's text.
        let firstPanel = svg.components(separatedBy: ">\(summary.strategies[1].name)</text>")[0]
        let placed = drivers.compactMap { d in firstPanel.range(of: ">\(d.input)</text>").map { (d, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }
        #expect(placed.count == drivers.count)
        let lengths = placed.map { length($0.0) }
        #expect(zip(lengths, lengths.dropFirst()).allSatisfy { $0 >= $1 }, "\(lengths)")
    }

    /// Labels close together go to different rows; labels apart share one.
    @Test func labelsTakeTheFirstRowWhereTheyFit() {
        #expect(labelRows([(100, 20), (110, 20), (130, 20), (300, 20)]) == [0, 1, 0, 0])
        #expect(labelRows([(300, 20), (100, 20), (105, 20)]) == [0, 0, 1])
    }

    @Test(arguments: [
        (48, [0, 12, 24, 36, 48]), (60, [0, 12, 24, 36, 48, 60]), (12, [0, 2, 4, 6, 8, 10, 12]),
        (6, [0, 1, 2, 3, 4, 5, 6]),
        (18, [0, 3, 6, 9, 12, 15, 18]), (120, [0, 24, 48, 72, 96, 120])
    ])
    func monthTicksFitTheHorizon(_ horizon: Int, _ ticks: [Int]) {
        #expect(Axis.monthTicks(horizon: horizon) == ticks.map(Double.init))
    }

    /// The cash fan's first point is month 0 at the starting cash; its ticks are whole years (a 24-month horizon here).
    @Test func theCashFanStartsAtTheStartingCash() throws {
        let (s, summary) = try ChartTests.summary()
        let cash = try #require(summary.charts?.strategies[0].cash.first)
        #expect(cash.p10 == s.finance.startingCash.constantValue && cash.p90 == s.finance.startingCash.constantValue)
        let svg = try #require(Charts.all(summary).first { $0.slug == "cash" }).svg
        #expect(svg.contains(">12</text>") && svg.contains(">24</text>"))
    }

    /// The stress chart's P(loss) axis runs to a labelled 100 %, and each bar and median carries its value.
    @Test func theStressChartLabelsItsValues() throws {
        let (_, summary) = try ChartTests.summary()
        let svg = try #require(Charts.all(summary).first { $0.slug == "stress" }).svg
        #expect(svg.contains(">100.00 %</text>") || svg.contains(">100 %</text>"))
        for c in summary.stressCases {
            for s in c.strategies {
                #expect(svg.contains(">\(NumberFormat.probability(s.pLoss))</text>"))
                #expect(svg.contains(">\(NumberFormat.amount(s.outcome(.npv).p50))</text>"))
            }
        }
    }

    /// The funded funding chart marks the starting cash and the starting cash plus the rounds' median money.
    @Test func theFundedFundingChartMarksTheRounds() throws {
        var s = try Fixtures.scenario("fintech-series-a.yaml")
        s.simulation.trials = 2_000
        let summary = try Engine.run(s, workers: 2)
        let svg = try #require(Charts.all(summary).first { $0.slug == "funding" }).svg
        #expect(svg.contains(">starting cash 1 M</text>"))
        for st in summary.strategies {
            let x = 1_000_000 + (st.funding?.raised.p50 ?? .nan)
            #expect(svg.contains(">+ rounds (median) \(NumberFormat.amount(x))</text>"))
        }
    }
}
