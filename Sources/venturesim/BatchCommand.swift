import ArgumentParser
import Foundation
import Logging
import VentureSim

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run every scenario file in a folder; one report each, plus an index.",
        discussion: """
            Runs the .yaml, .yml and .json files of FOLDER in name order. Each scenario \
            writes <file name>.md and <file name>.json in the output folder; index.md and \
            index.json list every scenario with its status, run time, headline figures, \
            how they moved since the previous run in that folder (flagged when beyond \
            \(Int(Drift.threshold)) standard errors) and which inputs changed. A bad scenario \
            never stops the others. Files that are not regular files, and symbolic links \
            leading outside FOLDER, are skipped unread; two files that would write the same \
            report (a.yaml and a.json) are refused by name. One batch at a time may write \
            an output folder (a lock file holds it). Exit status: 0 all ok, 3 some scenarios \
            invalid, failed or skipped, 1 the batch could not start, 130/143 interrupted \
            (the index records what was not run).
            """
    )

    @Argument(help: "Folder of scenario files.")
    var folder: String

    @Option(help: "Output folder for reports and the index.")
    var out: String = "reports"

    @Option(help: "Trials for every scenario (overrides each file's simulation.trials).")
    var trials: Int?

    @Option(help: "Worker threads per scenario (default: active processors).")
    var workers: Int = Simulator.defaultWorkers

    @Flag(help: "No progress display.")
    var quiet = false

    @OptionGroup var what: OverrideOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        if let trials, !(1...Limits.maxTrials).contains(trials) {
            throw ValidationError("--trials must be from 1 to \(NumberFormat.grouped(Int64(Limits.maxTrials))), got \(trials).")
        }
        if !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024, got \(workers).") }
    }

    func run() throws {
        loggingBootstrapped
        var log = Logger(label: "venturesim.batch")
        log.logLevel = logLevel
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            log.critical("cannot read folder", metadata: ["folder": "\(folder)", "error": "\(error.localizedDescription)"])
            printError("\(folder): error: cannot read the folder (\(error.localizedDescription))")
            throw Exit.failure
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            printError("\(out): error: cannot create the output folder (\(error.localizedDescription))")
            throw Exit.failure
        }
        if let a = BatchPlan.realPath(folder), a == BatchPlan.realPath(out) {
            printError("\(out): error: the output folder is the scenario folder; its reports would be read as scenarios the next night. Choose another --out.")
            throw Exit.failure
        }
        let lock: FolderLock
        do {
            lock = try FolderLock(folder: out)
        } catch {
            log.critical("cannot lock the output folder", metadata: ["out": "\(out)", "holder": "\(error.holder.map(String.init) ?? "?")",
                                                                "reason": "\(error.reason ?? "held by another batch")"])
            printError("error: \(error)")
            throw Exit.failure
        }
        for name in TemporaryFiles.removeStale(in: out) {
            log.notice("removed a temporary file left by a process that is gone", metadata: ["file": "\(name)"])
        }

        let overrides = try what.overrides()
        let plan = BatchPlan(folder: folder, names: names)
        let trap = SignalTrap()
        let stamp = ISO8601DateFormatter().string(from: Date())
        var index = BatchIndex(folder: folder, started: stamp, trialsOverride: trials, entries: plan.items.map { item in
            var entry = BatchIndex.Entry(file: item.file, status: item.refusal?.status ?? .pending)
            entry.error = item.refusal?.message
            return entry
        })
        log.info("batch started", metadata: ["folder": "\(folder)", "scenarios": "\(plan.items.count)", "out": "\(out)"])
        for item in plan.items { if let r = item.refusal { log.error("not run", metadata: ["file": "\(item.file)", "reason": "\(r.message)"]) } }
        let live = LiveIndex(index, writer: IndexWriter(out: out, log: log))
        live.update(force: true) { _ in }
        // A forced exit (a second signal, or the grace period over) ends the process at once: it still leaves an index that
        // says which scenarios were not run, and the summary line.
        let out = out
        trap.onForcedExit { [live] in
            guard let final = live.writeForcedExit(signal: trap.signalName) else { return }
            print(final.summaryLine(out: out))
            fflush(nil)  // _exit does not flush standard output
        }

        let night = NightLog()
        for (i, item) in plan.items.enumerated() where item.refusal == nil {
            if trap.receivedSignal != nil { break }
            live.running(i)
            let entry = runOne(item, overrides: overrides, trap: trap, log: log, night: night)
            live.update(force: false) { $0.entries[i] = entry }
        }
        live.running(nil)
        index = live.current
        if trap.receivedSignal != nil {
            index.markInterrupted(signal: trap.signalName)
        } else {
            // After every report is on disk: a broken or locked database never costs a night's reports.
            recordHistory(&index, night: night, started: stamp, log: log)
        }
        guard live.finish(index) else { throw Exit.failure }
        withExtendedLifetime(lock) {}
        let line = index.summaryLine(out: out)
        log.info("batch finished", metadata: ["result": "\(line)"])
        printOut(line)
        if trap.receivedSignal != nil { throw trap.exitCode }
        if !index.allOK { throw Exit.batchPartialFailure }
    }

    /// Runs one scenario file; never throws: every failure becomes the entry's status.
    private func runOne(_ item: BatchPlan.Item, overrides: [Override], trap: SignalTrap, log: Logger, night: NightLog) -> BatchIndex.Entry {
        let file = item.file
        var entry = BatchIndex.Entry(file: file, status: .failed)
        let path = (folder as NSString).appendingPathComponent(file)
        let jsonPath = RunOutputs.batchJSON(folder: out, stem: item.stem)
        var scenario: Scenario
        do {
            // The planned path: a regular file, or the in-folder target of a link; never a link again.
            scenario = try ScenarioFile.load(path: item.readPath ?? path, name: path, followLinks: false, overrides: overrides)
        } catch {
            entry.status = .invalid
            entry.error = error.description
            log.error("invalid scenario", metadata: ["file": "\(file)", "problems": "\(error.diagnostics.count)"])
            printError(error.description)
            return entry
        }
        entry.scenario = scenario.name
        if let trials { scenario.simulation.trials = trials }
        if let refusal = MemoryBudget.refusal(scenario, workers: workers) {
            entry.error = refusal
            log.error("scenario refused", metadata: ["file": "\(file)", "reason": "\(refusal)"])
            return entry
        }
        let files = RunOutputs.batch(scenario, folder: out, stem: item.stem)
        do {
            try AtomicFile.preflight(files.paths(scenario))
        } catch {
            entry.error = "\(error)"
            log.error("cannot write reports", metadata: ["file": "\(file)", "error": "\(error)"])
            return entry
        }
        // The previous night's figures, read before this run replaces them.
        let previous = PreviousResult.read(at: jsonPath)

        log.info("running", metadata: ["file": "\(file)", "trials": "\(scenario.simulation.trials)"])
        let result: MonitoredRun
        do {
            result = try MonitoredRun.execute(scenario, label: item.stem, workers: workers, quiet: quiet, trap: trap)
        } catch {
            if error == .cancelled {
                entry.status = .notRun
                entry.error = "\(trap.signalName) received while running; no report written"
                log.warning("interrupted", metadata: ["file": "\(file)"])
            } else {
                entry.error = error.description
                log.error("run failed", metadata: ["file": "\(file)", "error": "\(error)"])
            }
            return entry
        }
        let summary = result.summary, seconds = result.seconds
        do {
            let command = RunCommand.reproduceCommand(path, scenario.simulation, sets: what.sets)
            // All rendered first, then written together or not at all: a JSON never stands beside an older report.
            try AtomicFile.writeAll(files.render(scenario, summary, info: result.info, command: command))
        } catch {
            entry.error = "\(error)"
            log.error("cannot write reports", metadata: ["file": "\(file)", "error": "\(error)"])
            return entry
        }
        entry.status = .ok
        night.runs[file] = NightRun(file: file, scenario: scenario.name, digest: PartialResult.digest(scenario), seed: scenario.simulation.seed,
                                    trials: scenario.simulation.trials, status: "ok", seconds: seconds, figures: NightFigures.of(summary))
        entry.seconds = seconds
        entry.report = files.report
        entry.json = jsonPath
        entry.headlines = Headline.of(summary)
        if let previous {
            entry.drift = Drift.compare(current: entry.headlines, previous: previous.headlines)
            entry.changedInputs = previous.inputs.map { InputChange.between(old: $0, new: summary.inputs) }
        }
        let flagged = entry.drift?.filter(\.flagged).count ?? 0
        log.info("done", metadata: ["file": "\(file)", "seconds": "\(NumberFormat.fixed(seconds, 2))", "drift_flags": "\(flagged)",
                                    "inputs_changed": "\(entry.changedInputs?.count ?? 0)"])
        return entry
    }

}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// What a batch's scenarios gave tonight, for the history.
final class NightLog {
    var runs: [String: NightRun] = [:]
}

extension BatchCommand {
    /// Reads the past nights of `history.sqlite` in the output folder into each entry's trend, then records tonight;
    /// a failure is logged and said in the index (and makes the exit status 3), never thrown.
    func recordHistory(_ index: inout BatchIndex, night: NightLog, started: String, log: Logger) {
        let path = (out as NSString).appendingPathComponent(History.fileName)
        do throws(HistoryError) {
            let history = try History(path: path)
            let read = try history.rows(nights: History.window)
            let past = read.rows
            for i in index.entries.indices {
                guard let tonight = night.runs[index.entries[i].file] else { continue }
                index.entries[i].trend = Trend.of(tonight: tonight.figures, past: past.filter { $0.file == index.entries[i].file })
            }
            let runs = index.entries.map { e in
                night.runs[e.file] ?? NightRun(file: e.file, scenario: e.scenario, digest: nil, seed: nil, trials: nil, status: e.status.rawValue,
                                               seconds: e.seconds, figures: [])
            }
            try history.record(night: started, runs: runs)
            let nights = Set(past.map(\.nightID)).count + 1
            index.history = "recorded in \(History.fileName) (\(nights) night\(nights == 1 ? "" : "s") in the last \(History.window))"
            log.info("history recorded", metadata: ["file": "\(path)"])
            if !read.skipped.isEmpty { reportSkipped(read, in: &index, path: path, log: log) }
        } catch {
            index.history = "not recorded: \(error.reason)"
            index.historyFailed = true
            log.error("history not recorded", metadata: ["file": "\(path)", "error": "\(error.reason)"])
            printError("error: history: \(error.reason)")
        }
    }

    /// Damaged rows of earlier nights: tonight is recorded and the trends use the other rows, but the history is not
    /// what was written, so the index names them and the exit status is 3, as for any damaged database.
    private func reportSkipped(_ read: HistoryRead, in index: inout BatchIndex, path: String, log: Logger) {
        let n = read.skipped.count
        index.history = (index.history ?? "") + "; \(n) damaged row\(n == 1 ? "" : "s") of earlier nights skipped (\(read.skipped[0].what)\(n > 1 ? ", …" : ""))"
        index.historyWarnings = read.warnings
        index.historyFailed = true
        for s in read.skipped.prefix(HistoryRead.namedLimit) {
            log.warning("history row skipped", metadata: ["file": "\(path)", "table": "\(s.table)", "row": "\(s.rowID.map(String.init) ?? "?")",
                                                         "column": "\(s.column)", "problem": "\(s.problem)"])
        }
        for w in read.warnings { printError("\(path): warning: \(w)") }
    }
}
