import Foundation
import Logging
import VentureSim

extension BatchCommand {
    /// Reads the past nights of `history.sqlite` in the output folder into each entry's trend, tells new failures from
    /// known ones, then records tonight, complete or not (`signal`), with its exit status; prunes to `--keep-nights`.
    /// A failure is logged and said in the index and the summary line (exit status 5 unless a failure is new), never
    /// thrown.
    func recordHistory(
        _ index: inout BatchIndex, night: NightLog, started: String, previous: PreviousIndex?, signal: Int32?,
        log: Logger
    ) {
        let path = (out as NSString).appendingPathComponent(History.fileName)
        let tonight = night.runs
        do throws(HistoryError) {
            let history = try History(path: path)
            let read = try history.rows(nights: History.window)
            let past = read.rows
            for i in index.entries.indices {
                guard let run = tonight[index.entries[i].file] else { continue }
                index.entries[i].trend = Trend.of(
                    tonight: run.figures, digest: run.digest, inputs: run.inputs,
                    past: past.filter { $0.file == index.entries[i].file })
            }
            let recent = try history.nights(limit: History.window)
            index.classifyFailures(lastNight: recent.isEmpty ? previous?.statuses : NightRecord.lastOutcomes(recent))
            index.exitStatus = Self.exitStatus(index, signal: signal)
            try history.record(
                night: started, status: index.nightStatus, finished: ISO8601DateFormatter().string(from: Date()),
                exitStatus: index.exitStatus, runs: Self.runs(index, tonight))
            if let keepNights {
                let gone = try history.prune(keep: keepNights)
                if gone > 0 {
                    log.info("history pruned", metadata: ["nights_deleted": "\(gone)", "kept": "\(keepNights)"])
                }
            }
            let nights = Set(past.map(\.nightID)).count + 1
            index.history =
                "recorded in \(History.fileName) (\(index.nightStatus); \(nights) night\(nights == 1 ? "" : "s") in "
                + "the last \(History.window))"
            log.info("history recorded", metadata: ["file": "\(path)", "night": "\(index.nightStatus)"])
            if !read.skipped.isEmpty {
                reportSkipped(read, in: &index, path: path, log: log)
                index.exitStatus = Self.exitStatus(index, signal: signal)
            }
        } catch {
            if index.newFailures == nil { index.classifyFailures(lastNight: previous?.statuses) }
            index.history = "not recorded: \(error.reason)"
            index.historyFailed = true
            index.exitStatus = Self.exitStatus(index, signal: signal)
            log.error("history not recorded", metadata: ["file": "\(path)", "error": "\(error.reason)"])
            printError("error: history: \(error.reason)")
        }
    }

    /// At a forced exit: the night as the index stands, without trends (there is no time for them).
    func recordForced(_ index: BatchIndex, night: NightLog, started: String) -> Bool {
        let path = (out as NSString).appendingPathComponent(History.fileName)
        return
            (try? History(path: path).record(
                night: started, status: index.nightStatus, finished: ISO8601DateFormatter().string(from: Date()),
                exitStatus: index.exitStatus, runs: Self.runs(index, night.runs))) != nil
    }

    /// Every entry of the index as a run of the night: its figures when it ran, else its status alone.
    static func runs(_ index: BatchIndex, _ tonight: [String: NightRun]) -> [NightRun] {
        index.entries.map { e in
            tonight[e.file].map { run in
                var r = run; r.status = e.status.rawValue; return r
            }
                ?? NightRun(
                    file: e.file, scenario: e.scenario, digest: nil, seed: nil, trials: nil, status: e.status.rawValue,
                    seconds: e.seconds, figures: [])
        }
    }

    /// Damaged rows of earlier nights: tonight is recorded and the trends use the other rows, but the history is not
    /// what was written, so the index names them and the exit status says so, as for any damaged database.
    private func reportSkipped(_ read: HistoryRead, in index: inout BatchIndex, path: String, log: Logger) {
        let n = read.skipped.count
        index.history =
            (index.history ?? "")
            + "; \(n) damaged row\(n == 1 ? "" : "s") of earlier nights skipped "
            + "(\(read.skipped[0].what)\(n > 1 ? ", …" : ""))"
        index.historyWarnings = read.warnings
        index.historyFailed = true
        for s in read.skipped.prefix(HistoryRead.namedLimit) {
            log.warning(
                "history row skipped",
                metadata: [
                    "file": "\(path)", "table": "\(s.table)", "row": "\(s.rowID.map(String.init) ?? "?")",
                    "column": "\(s.column)", "problem": "\(s.problem)"
                ])
        }
        for w in read.warnings { log.warning("history damaged", metadata: ["file": "\(path)", "warning": "\(w)"]) }
    }
}
