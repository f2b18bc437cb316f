import Foundation
import Testing
@testable import VentureSim

/// The pieces of issue 27's nightly runs: trends that break at a change of inputs, drift rounded to its standard
/// error, stress cases among the compared inputs, new failures told from known ones, durations, history retention.
@Suite struct NightlyTests {
    static func figures(pLoss: Double, npv: Double = 1_000) -> NightFigures {
        NightFigures(
            strategy: "s", pLoss: pLoss, pLossSE: 0.005, pCashOut: 0.1, pCashOutSE: 0.005, npvMean: npv, npvSE: 10,
            npvP5: nil,
            npvP50: npv, npvP50SE: 10, npvP95: nil, fundingNeedP90: nil)
    }

    static func row(_ night: Int64, digest: String, pLoss: Double, inputs: [String: String]? = nil) -> HistoryRow {
        HistoryRow(
            nightID: night, night: "night-\(night)", file: "x.yaml", scenario: "x", digest: digest, seed: "1",
            trials: 10_000, status: "ok",
            figures: figures(pLoss: pLoss), inputs: inputs)
    }

    /// Nights 1–3 with inputs A (P(loss) 0.2), nights 4–5 with B (0.4): tonight with B is compared with nights 4–5 only
    /// (no flag, though 0.4 is 28 standard errors from A's 0.2), and the break names what changed.
    @Test func aTrendComparesOnlyTheNightsWithTonightsInputs() {
        let past =
            (1...3).map { Self.row($0, digest: "A", pLoss: 0.2, inputs: ["price": "100"]) }
            + (4...5).map { Self.row($0, digest: "B", pLoss: 0.4, inputs: ["price": "150"]) }
        let t = Trend.of(tonight: [Self.figures(pLoss: 0.4)], digest: "B", inputs: ["price": "150"], past: past)[0]
        #expect(t.sameInputNights == 2 && t.drift?.flagged == false && t.drift?.pLoss.previous == 0.4)
        #expect(t.pLoss.count == 6 && t.inputsChangedAt == "night-4")
        #expect(t.changedInputs == [InputChange(key: "price", old: "100", new: "150")])
        // Tonight's own change: no night to compare with, the break is tonight.
        let first = Trend.of(tonight: [Self.figures(pLoss: 0.6)], digest: "C", inputs: ["price": "200"], past: past)[0]
        #expect(first.drift == nil && first.sameInputNights == 0 && first.inputsChangedAt == "tonight")
        #expect(first.changedInputs == [InputChange(key: "price", old: "150", new: "200")])
        // Unchanged inputs all along: no break.
        let steady = Trend.of(
            tonight: [Self.figures(pLoss: 0.2)], digest: "A", inputs: ["price": "100"], past: Array(past.prefix(3)))[0]
        #expect(steady.inputsChangedAt == nil && steady.sameInputNights == 3 && steady.drift?.flagged == false)
    }

    /// Rounding noise is no move: a change far below its standard error reads "unchanged", never "+0.00000000373" or
    /// "−0 pp"; a real move keeps the digits its standard error supports.
    @Test func driftIsRoundedToItsStandardError() {
        let noise = Drift(
            strategy: "s", pLoss: FigureDrift(previous: 0.2, previousSE: 0.004, current: 0.2 - 1e-17, currentSE: 0.004),
            pCashOut: FigureDrift(previous: 0.1, previousSE: 0.003, current: 0.1, currentSE: 0.003),
            npvP50: FigureDrift(previous: 49_248, previousSE: 1_200, current: 49_248.00000000373, currentSE: 1_200))
        #expect(BatchIndexReport.describe(noise) == "unchanged")
        // A deterministic scenario (standard errors 0): a difference in the last bits is no move, and not flagged.
        let exact = FigureDrift(previous: 49_248, previousSE: 0, current: 49_248.00000000373, currentSE: 0)
        #expect(exact.zScore == 0 && !exact.flagged)
        let moved = Drift(
            strategy: "s", pLoss: FigureDrift(previous: 0.2, previousSE: 0.004, current: 0.254, currentSE: 0.004),
            pCashOut: FigureDrift(previous: 0.1, previousSE: 0.003, current: 0.1, currentSE: 0.003),
            npvP50: FigureDrift(previous: 10_000, previousSE: 1_200, current: 23_456, currentSE: 1_200))
        // s.e. of the P(loss) change 0.57 pp: shown to 0.1 pp; of the median's 1,697: to the thousand.
        #expect(BatchIndexReport.describe(moved) == "P(loss) +5.4 pp ⚠, median NPV +13,000 ⚠")
        #expect(FigureDrift.rounded(-0.0004, se: 0.02, finest: 0.1) == 0)
        #expect(FigureDrift.rounded(.nan, se: 1, finest: 0) == nil)
    }

    @Test func stressCasesAreComparedInputs() {
        let inputs = ComparedInputs.merged(
            ["market.size": "100"], [("rival", "a rival enters", ["market.competition": "0.4"]), ("bare", nil, [:])])
        #expect(
            inputs == [
                "market.size": "100", "stress.rival.description": "a rival enters",
                "stress.rival.set.market.competition": "0.4",
                "stress.bare.set": "{}"
            ])
    }

    /// A failure is new when the file was ok, interrupted or absent on the last recorded night; known when it failed
    /// then.
    @Test func newFailuresAreToldFromKnownOnes() {
        var index = BatchIndex(
            folder: "f", started: "t", trialsOverride: nil,
            entries: [
                .init(file: "a.yaml", status: .failed), .init(file: "b.yaml", status: .invalid),
                .init(file: "c.yaml", status: .timedOut),
                .init(file: "d.yaml", status: .ok), .init(file: "e.yaml", status: .failed)
            ])
        index.classifyFailures(lastNight: [
            "a.yaml": "failed", "b.yaml": "ok", "c.yaml": "interrupted", "d.yaml": "failed", "e.yaml": "invalid"
        ])
        #expect(index.newFailures == ["b.yaml", "c.yaml"])
        #expect(index.entries.map(\.newFailure) == [false, true, true, nil, false])
        #expect(index.totals?["total"] == 5 && index.totals?["failed"] == 2 && index.totals?["timed_out"] == 1)
        index.classifyFailures(lastNight: nil)
        #expect(index.newFailures == ["a.yaml", "b.yaml", "c.yaml", "e.yaml"])
    }

    /// A night interrupted before a file's turn says nothing of it: its failure the night before stays known.
    @Test func anInterruptedNightKeepsAFailureKnown() {
        let nights = [
            NightRecord(id: 1, started: "1", runs: ["a.yaml": "failed", "b.yaml": "ok"]),
            NightRecord(
                id: 2, started: "2", status: "interrupted (SIGTERM)",
                runs: ["a.yaml": "not_run", "b.yaml": "interrupted"])
        ]
        #expect(NightRecord.lastOutcomes(nights) == ["a.yaml": "failed", "b.yaml": "ok"])
        var index = BatchIndex(
            folder: "f", started: "t", trialsOverride: nil, entries: [.init(file: "a.yaml", status: .failed)])
        index.classifyFailures(lastNight: NightRecord.lastOutcomes(nights))
        #expect(index.newFailures == [])
    }

    @Test func durations() {
        #expect(
            BatchDuration.seconds("90") == 90 && BatchDuration.seconds("90s") == 90
                && BatchDuration.seconds("5m") == 300)
        #expect(BatchDuration.seconds("1.5h") == 5400)
        for bad in ["", "s", "-1", "0", "1d", "nan", "inf", "1e9", "5 m"] {
            #expect(BatchDuration.seconds(bad) == nil, "\(bad)")
        }
    }

    /// `--keep-nights`: the oldest nights go with their runs and figures; each night keeps how it ended.
    @Test func historyKeepsTheLastNights() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "venturesim-nights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let history = try History(path: dir.appendingPathComponent(History.fileName).path)
        for n in 1...5 {
            try history.record(
                night: "night-\(n)", status: n == 3 ? "interrupted (SIGTERM)" : "complete",
                exitStatus: n == 3 ? 143 : 0,
                runs: [
                    NightRun(
                        file: "x.yaml", scenario: "x", digest: "A", seed: 1, trials: 10,
                        status: n == 3 ? "interrupted" : "ok", seconds: 1,
                        figures: n == 3 ? [] : [Self.figures(pLoss: 0.2)], inputs: ["price": "\(n)"])
                ])
        }
        #expect(try history.prune(keep: 3) == 2)
        let nights = try history.nights()
        #expect(nights.map(\.started) == ["night-3", "night-4", "night-5"])
        #expect(
            nights[0].status == "interrupted (SIGTERM)" && nights[0].exitStatus == 143
                && nights[0].runs == ["x.yaml": "interrupted"])
        let rows = try history.rows().rows
        #expect(rows.map(\.night) == ["night-4", "night-5"] && rows[1].inputs == ["price": "5"])
    }
}
