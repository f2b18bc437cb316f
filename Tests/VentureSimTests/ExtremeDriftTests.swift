import Foundation
import Testing
@testable import VentureSim

/// Figures near the largest Double (a tampered history or earlier result,
/// issue 19) never make drift, trends or the index non-finite, and never trap.
@Suite struct ExtremeDriftTests {
    static let extremes: [Double] = [
        0, 1, -1, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 5e-324, 1e154, 0.5
    ]

    @Test func figureDriftIsFiniteForAnyFiniteInputs() {
        for a in Self.extremes {
            for b in Self.extremes {
                for se in [0, 5e-324, 1e-300, 0.01, 1e154, 1e308, Double.greatestFiniteMagnitude] {
                    let d = FigureDrift(previous: a, previousSE: se, current: b, currentSE: se)
                    #expect(d.zScore.map(\.isFinite) ?? true, "\(a) \(b) \(se)")
                    if a == b { #expect(d.zScore == 0 && !d.flagged) }
                }
            }
        }
    }

    @Test func ordinaryFiguresKeepTheirDigits() {
        // The plain formula, unchanged wherever it does not overflow.
        let d = FigureDrift(previous: 0.3, previousSE: 0.004, current: 0.32, currentSE: 0.005)
        #expect(d.zScore == abs(0.32 - 0.3) / (0.004 * 0.004 + 0.005 * 0.005).squareRoot())
        let b = Trend.baseline([0.1, 0.2, 0.4], [0.01, 0.02, 0.03])
        #expect(b.mean == (0.1 + 0.2 + 0.4) / 3 && b.se == (0.01 * 0.01 + 0.02 * 0.02 + 0.03 * 0.03).squareRoot() / 3)
    }

    @Test func baselineOfHugeNightsIsFinite() {
        let b = Trend.baseline([1e308, 1e308, -1e308, 1e308], [1e308, 1e308, 1e308, 1e308])
        #expect(b.mean.isFinite && b.se.isFinite)
        #expect(abs(b.mean - 0.5e308) < 1e295 && abs(b.se - 0.5e308) < 1e295)
    }

    @Test func sparklineNeverTraps() {
        #expect(Trend.sparkline([1e308, -1e308, 0]) == "█▁▅")
        #expect(Trend.sparkline([.greatestFiniteMagnitude, -.greatestFiniteMagnitude]) == "█▁")
        #expect(Trend.sparkline([.nan, 1, 2, .infinity, nil]) == " ▁█  ")
        #expect(Trend.sparkline([.nan]) == "")
    }

    @Test func trendAndIndexOfExtremeNightsEncode() throws {
        func night(_ id: Int64, _ median: Double, _ se: Double) -> HistoryRow {
            HistoryRow(
                nightID: id, night: "n\(id)", file: "x.yaml", scenario: "x", digest: nil, seed: nil, trials: 10,
                status: "ok",
                figures: NightFigures(
                    strategy: "s", pLoss: 1, pLossSE: 1e308, pCashOut: 0, pCashOutSE: 0, npvMean: 1e308, npvSE: 1e308,
                    npvP5: -1e308, npvP50: median, npvP50SE: se, npvP95: 1e308, fundingNeedP90: 1e308))
        }
        let past = [night(1, 1e308, 1e308), night(2, -1e308, 1e308), night(3, 1.7e308, 0)]
        let tonight = NightFigures(
            strategy: "s", pLoss: 0, pLossSE: 0, pCashOut: 1, pCashOutSE: 0, npvMean: -1e308, npvSE: 0,
            npvP5: -1e308, npvP50: -1.7e308, npvP50SE: 1e-320, npvP95: 1e308, fundingNeedP90: nil)
        let trends = Trend.of(tonight: [tonight], past: past)
        var entry = BatchIndex.Entry(file: "x.yaml", status: .ok)
        entry.trend = trends
        entry.headlines = [
            Headline(strategy: "s", trials: Int.max, pLoss: 1, pCashOut: 0, npvP25: -1e308, npvP50: 0, npvP75: 1e308)
        ]
        entry.drift = Drift.compare(
            current: entry.headlines,
            previous: [
                Headline(
                    strategy: "s", trials: 1, pLoss: 0, pCashOut: 1, npvP25: -1.7e308, npvP50: 1.7e308, npvP75: 1.7e308)
            ])
        let index = BatchIndex(folder: "in", started: "now", trialsOverride: nil, entries: [entry])
        let data = try JSONReport.encode(index)
        #expect(try JSONDecoder().decode(BatchIndex.self, from: data) == index)
        #expect(trends[0].drift?.npvP50 != nil && trends[0].drift?.pLoss.flagged == false)
        #expect(!BatchIndexReport.render(index).isEmpty)
    }

    @Test func headlineOfOpposedHugeQuartilesHasAFiniteError() {
        let h = Headline(
            strategy: "s", trials: 1, pLoss: 0.5, pCashOut: 0.5, npvP25: -1.7e308, npvP50: 0, npvP75: 1.7e308)
        #expect(h.npvP50SE == nil || h.npvP50SE!.isFinite)
        let ordinary = Headline(
            strategy: "s", trials: 100, pLoss: 0.5, pCashOut: 0.5, npvP25: -10, npvP50: 0, npvP75: 30)
        #expect(ordinary.npvP50SE == 4)
    }

    @Test func anEarlierResultWithImpossibleProbabilitiesGivesNoHeadlineForThem() throws {
        let json = """
            {"trials": 100, "strategies": [
              {"name": "bad", "p_loss": 1e308, "p_cash_out": 0.1, "outcomes": {"npv": {"p25": -1e308, "p50": 0,
               "p75": 1e308}}},
              {"name": "neg", "p_loss": 0.2, "p_cash_out": -3, "outcomes": {}},
              {"name": "good", "p_loss": 0.2, "p_cash_out": 0.1, "outcomes": {"npv": {"p25": -1e308, "p50": 0,
               "p75": 1e308}}}]}
            """
        let previous = try #require(PreviousResult.parse(Data(json.utf8)))
        let h = previous.headlines
        #expect(h.map(\.strategy) == ["good"])
        #expect(h[0].npvP50SE.map(\.isFinite) ?? true)
        _ = try JSONReport.encode(h)
    }
}
