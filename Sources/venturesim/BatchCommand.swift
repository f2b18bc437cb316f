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
            index.json list every scenario with its status, run time, headline figures and \
            how they moved since the previous run in that folder (flagged when beyond \
            \(Int(Drift.threshold)) standard errors). A bad scenario never stops the others. \
            Exit status: 0 all ok, 3 some scenarios invalid or failed, 1 the batch could \
            not start, 130/143 interrupted (the index records what was not run).
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
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { [".yaml", ".yml", ".json"].contains(where: $0.lowercased().hasSuffix) && !$0.hasPrefix(".") }
                .sorted()
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
        Self.removeStaleTemporaries(in: out, log: log)

        let trap = SignalTrap()
        let stamp = ISO8601DateFormatter().string(from: Date())
        var index = BatchIndex(folder: folder, started: stamp, trialsOverride: trials,
                               entries: files.map { BatchIndex.Entry(file: $0, status: .pending) })
        log.info("batch started", metadata: ["folder": "\(folder)", "scenarios": "\(files.count)", "out": "\(out)"])
        try? writeIndex(index, log: log)

        for (i, file) in files.enumerated() {
            if trap.receivedSignal != nil { break }
            index.entries[i] = runOne(file, trap: trap, log: log)
            try? writeIndex(index, log: log)
        }
        if trap.receivedSignal != nil {
            index.interrupted = trap.signalName
            for i in index.entries.indices where index.entries[i].status == .pending { index.entries[i].status = .notRun }
        }
        do {
            try writeIndex(index, log: log)
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        let summary = "\(index.count(.ok)) ok, \(index.count(.invalid)) invalid, \(index.count(.failed)) failed, \(index.count(.notRun)) not run"
        log.info("batch finished", metadata: ["result": "\(summary)"])
        print("batch \(folder): \(summary); index: \(out)/index.md")
        if trap.receivedSignal != nil { throw trap.exitCode }
        if !index.allOK { throw Exit.batchPartialFailure }
    }

    /// Runs one scenario file; never throws: every failure becomes the entry's status.
    private func runOne(_ file: String, trap: SignalTrap, log: Logger) -> BatchIndex.Entry {
        var entry = BatchIndex.Entry(file: file, status: .failed)
        let path = (folder as NSString).appendingPathComponent(file)
        let stem = (file as NSString).deletingPathExtension
        let reportPath = (out as NSString).appendingPathComponent(stem + ".md")
        let jsonPath = (out as NSString).appendingPathComponent(stem + ".json")
        var scenario: Scenario
        do {
            scenario = try ScenarioFile.load(path: path)
        } catch {
            entry.status = .invalid
            entry.error = error.description
            log.error("invalid scenario", metadata: ["file": "\(file)", "problems": "\(error.diagnostics.count)"])
            printError(error.description)
            return entry
        }
        entry.scenario = scenario.name
        if let trials { scenario.simulation.trials = trials }
        if let refusal = ResourceEstimate.refusal(scenario, workers: workers, budget: MemoryBudget.bytes) {
            entry.error = refusal
            log.error("scenario refused", metadata: ["file": "\(file)", "reason": "\(refusal)"])
            return entry
        }
        // The previous night's figures, read before this run replaces them.
        let previous = (try? Data(contentsOf: URL(fileURLWithPath: jsonPath))).flatMap { try? JSONReport.parse($0).0 }

        log.info("running", metadata: ["file": "\(file)", "trials": "\(scenario.simulation.trials)"])
        let result: MonitoredRun
        do {
            result = try MonitoredRun.execute(scenario, label: stem, workers: workers, quiet: quiet, trap: trap)
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
            let command = "venturesim run \(RunCommand.quote(path)) --trials \(scenario.simulation.trials) --seed \(scenario.simulation.seed)"
            try AtomicFile.write(JSONReport.render(summary, run: result.info), to: jsonPath)
            try AtomicFile.write(MarkdownReport.render(scenario: scenario, summary: summary, command: command), to: reportPath)
        } catch {
            entry.error = "\(error)"
            log.error("cannot write reports", metadata: ["file": "\(file)", "error": "\(error)"])
            return entry
        }
        entry.status = .ok
        entry.seconds = seconds
        entry.report = reportPath
        entry.json = jsonPath
        entry.headlines = Headline.of(summary)
        if let previous { entry.drift = Drift.compare(current: entry.headlines, previous: Headline.of(previous)) }
        let flagged = entry.drift?.filter(\.flagged).count ?? 0
        log.info("done", metadata: ["file": "\(file)", "seconds": "\(NumberFormat.fixed(seconds, 2))", "drift_flags": "\(flagged)"])
        return entry
    }

    private func writeIndex(_ index: BatchIndex, log: Logger) throws {
        do {
            try AtomicFile.write(JSONReport.encode(index), to: (out as NSString).appendingPathComponent("index.json"))
            try AtomicFile.write(BatchIndexReport.render(index), to: (out as NSString).appendingPathComponent("index.md"))
        } catch {
            log.error("cannot write index", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Temporary files left by a killed run (SIGKILL cannot be caught); never a final path.
    static func removeStaleTemporaries(in folder: String, log: Logger) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(AtomicFile.temporaryPrefix) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            log.notice("removed a temporary file left by an interrupted run", metadata: ["file": "\(name)"])
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
