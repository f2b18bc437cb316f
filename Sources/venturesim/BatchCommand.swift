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
            \(Int(Drift.threshold)) standard errors) and which inputs changed; history.sqlite keeps \
            every night, complete or interrupted. A bad scenario never stops the others. Files \
            that are not regular files, and symbolic links leading outside FOLDER, are skipped \
            unread; two files that would write the same report (a.yaml and a.json) are refused \
            by name. One batch at a time may write an output folder (a lock file holds it). \
            Exit status: 0 all ok; 3 only known failures (each failed the last night it ran \
            too) or scenarios not run; 4 new failures since the last night; 5 the history could \
            not be written (no new failure); 1 the batch could not start (no scenario file, \
            unreadable folder, lock held); 130/143 interrupted (the night is recorded all the same).
            """
    )

    @Argument(help: "Folder of scenario files.")
    var folder: String

    @Option(help: "Output folder for reports and the index.")
    var out: String = "reports"

    @Option(help: "Trials for every scenario (overrides each file's simulation.trials).")
    var trials: Int?

    @Option(help: "Worker threads in all (default: active processors); --jobs shares them.")
    var workers: Int = Simulator.defaultWorkers

    @Flag(help: "No progress display.")
    var quiet = false

    @OptionGroup var what: OverrideOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Log lines on standard error: text (values quoted) or json (one object a line); both timestamped.")
    var logFormat: LogFormat = .text

    @Option(
        help: ArgumentHelp(
            "Stop a scenario that runs longer (90, 90s, 5m, 1h): it is marked timed out, the others go on.",
            valueName: "duration"))
    var timeoutPerScenario: String?

    @Option(
        help: ArgumentHelp(
            "Scenarios run at once, sharing --workers and the memory budget (the reports are the same as one at a "
                + "time).")
    )
    var jobs: Int = 1

    @Option(help: "Keep the last N nights in history.sqlite (older nights deleted after tonight is recorded).")
    var keepNights: Int?

    @Flag(help: "Validate every scenario and print the files the batch would write; run nothing, write nothing.")
    var dryRun = false

    @Flag(
        inversion: .prefixedNo,
        help: """
            Record the night in history.sqlite (default: yes, unless standard input is a terminal: a batch run by hand \
            is not a night unless --history says so).
            """)
    var history: Bool?

    func validate() throws {
        if let trials, !(1...Limits.maxTrials).contains(trials) {
            throw ValidationError(
                "--trials must be from 1 to \(NumberFormat.grouped(Int64(Limits.maxTrials))), got \(trials).")
        }
        if !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024, got \(workers).") }
        if !(1...64).contains(jobs) { throw ValidationError("--jobs must be from 1 to 64, got \(jobs).") }
        if let keepNights, !(1...100_000).contains(keepNights) {
            throw ValidationError("--keep-nights must be from 1 to 100000, got \(keepNights).")
        }
        if let t = timeoutPerScenario, BatchDuration.seconds(t) == nil {
            throw ValidationError(
                "--timeout-per-scenario must be a duration such as 90, 90s, 5m or 1h (at most a week), got '\(t)'.")
        }
    }

    /// Workers each scenario gets: the batch's shared among the jobs.
    var workersPerJob: Int { max(1, workers / jobs) }

    func run() throws {
        let log = BatchLogHandler.logger(logFormat, level: logLevel)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            log.critical(
                "cannot read folder", metadata: ["folder": "\(folder)", "error": "\(error.localizedDescription)"])
            printError("\(folder): error: cannot read the folder (\(error.localizedDescription))")
            throw Exit.failure
        }
        let plan = BatchPlan(folder: folder, names: names)
        guard !plan.items.isEmpty else {
            // A wrong path or an unmounted share must not look like a quiet night.
            log.critical("no scenario files", metadata: ["folder": "\(folder)"])
            printError("\(folder): error: no scenario files (.yaml, .yml, .json) in the folder; nothing to run")
            throw Exit.failure
        }
        let overrides = try what.overrides()
        if dryRun { return try dryRun(plan, overrides: overrides, log: log) }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            printError("\(out): error: cannot create the output folder (\(error.localizedDescription))")
            throw Exit.failure
        }
        if let a = BatchPlan.realPath(folder), a == BatchPlan.realPath(out) {
            printError(
                "\(out): error: the output folder is the scenario folder; its reports would be read as scenarios the "
                    + "next night. Choose another --out."
            )
            throw Exit.failure
        }
        let lock: FolderLock
        do {
            lock = try FolderLock(folder: out)
        } catch {
            log.critical(
                "cannot lock the output folder",
                metadata: [
                    "out": "\(out)", "holder": "\(error.holder.map(String.init) ?? "?")",
                    "reason": "\(error.reason ?? "held by another batch")"
                ])
            printError("error: \(error)")
            throw Exit.failure
        }
        for name in TemporaryFiles.removeStale(in: out) {
            log.notice("removed a temporary file left by a process that is gone", metadata: ["file": "\(name)"])
        }
        try withExtendedLifetime(lock) { try night(plan, overrides: overrides, log: log) }
    }

    /// Runs the night: every scenario, then the history, the final index and the summary line; throws the exit status.
    private func night(_ plan: BatchPlan, overrides: [Override], log: Logger) throws {
        let previous = PreviousIndex.read(out: out)
        let recording = history ?? (isatty(STDIN_FILENO) == 0)
        let trap = SignalTrap()
        let stamp = ISO8601DateFormatter().string(from: Date())
        let index = BatchIndex(
            folder: folder, started: stamp, trialsOverride: trials,
            entries: plan.items.map { item in
                var entry = BatchIndex.Entry(file: item.file, status: item.refusal?.status ?? .pending)
                entry.error = item.refusal?.message
                return entry
            })
        log.info(
            "batch started",
            metadata: ["folder": "\(folder)", "scenarios": "\(plan.items.count)", "out": "\(out)", "jobs": "\(jobs)"])
        for item in plan.items {
            if let r = item.refusal {
                log.error("not run", metadata: ["file": "\(item.file)", "reason": "\(r.message)"])
            }
        }
        let live = LiveIndex(index, writer: IndexWriter(out: out, log: log))
        live.update(force: true) { _ in }
        let nightLog = NightLog()
        let recorder = NightRecorder()
        // A forced exit (a second signal, or the grace period over) ends the process at once: it still leaves an index
        // that says which scenarios were not run, the night in the history, and the summary line.
        let out = out
        trap.onForcedExit { [live, self] in
            let recorded = { (index: BatchIndex) -> Bool in
                var done = false
                if recording {
                    recorder.once(waiting: 0.5) { done = self.recordForced(index, night: nightLog, started: stamp) }
                }
                return done
            }
            guard
                let final = live.writeForcedExit(
                    signal: trap.signalName, exitStatus: 128 + (trap.receivedSignal ?? SIGINT), record: recorded)
            else { return }
            print(final.summaryLine(out: out))
            fflush(nil)  // _exit does not flush standard output
        }
        runAll(plan, overrides: overrides, trap: trap, live: live, night: nightLog, log: log)
        var final = live.current
        if trap.receivedSignal != nil { final.markInterrupted(signal: trap.signalName) }
        StaleReports.mark(&final, previous: previous, out: out)
        recorder.once(waiting: nil) {
            if recording {
                // After every report is on disk: a broken or locked database never costs a night's reports.
                recordHistory(
                    &final, night: nightLog, started: stamp, previous: previous, signal: trap.receivedSignal, log: log)
            } else {
                final.classifyFailures(lastNight: previous?.statuses)
                final.history = "not recorded (--no-history, or a batch run from a terminal; --history records it)"
                final.exitStatus = Self.exitStatus(final, signal: trap.receivedSignal)
            }
        }
        final.finished = ISO8601DateFormatter().string(from: Date())
        guard live.finish(final) else { throw Exit.failure }
        let line = final.summaryLine(out: out)
        log.info("batch finished", metadata: ["result": "\(line)"])
        printOut(line)
        let status = final.exitStatus ?? 1
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the planned scenarios, `jobs` at a time, until they are done or a signal stops the batch.
    private func runAll(
        _ plan: BatchPlan, overrides: [Override], trap: SignalTrap, live: LiveIndex, night: NightLog, log: Logger
    ) {
        let queue = WorkQueue(plan.items.indices.filter { plan.items[$0].refusal == nil })
        let deadline = timeoutPerScenario.flatMap(BatchDuration.seconds)
        let group = DispatchGroup()
        // Read only, by every job.
        nonisolated(unsafe) let overrides = overrides
        for _ in 0..<min(jobs, max(1, queue.count)) {
            group.enter()
            let thread = Thread {
                while trap.receivedSignal == nil, let i = queue.next() {
                    live.running(i, true)
                    let entry = runOne(
                        plan.items[i], overrides: overrides, trap: trap, deadline: deadline.map(Deadline.init),
                        log: log, night: night)
                    live.update(force: false) { $0.entries[i] = entry }
                    live.running(i, false)
                }
                group.leave()
            }
            // Room for a scenario's summary on the thread's stack, as the main thread has.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// The exit status of a finished (or interrupted) night; see docs/operations.md.
    static func exitStatus(_ index: BatchIndex, signal: Int32?) -> Int32 {
        if let signal { return 128 + signal }
        if !(index.newFailures ?? []).isEmpty { return Exit.newFailures.rawValue }
        if index.historyFailed == true { return Exit.historyNotRecorded.rawValue }
        if !index.entries.allSatisfy({ $0.status == .ok || $0.status == .gone }) {
            return Exit.batchPartialFailure.rawValue
        }
        return 0
    }

    /// Runs one scenario file; never throws: every failure becomes the entry's status.
    private func runOne(
        _ item: BatchPlan.Item, overrides: [Override], trap: SignalTrap, deadline: Deadline?, log: Logger,
        night: NightLog
    ) -> BatchIndex.Entry {
        let file = item.file
        var entry = BatchIndex.Entry(file: file, status: .failed)
        let path = (folder as NSString).appendingPathComponent(file)
        let jsonPath = RunOutputs.batchJSON(folder: out, stem: item.stem)
        var scenario: Scenario
        do {
            // The planned path: a regular file, or the in-folder target of a link; never a link again.
            scenario = try ScenarioFile.load(
                path: item.readPath ?? path, name: path, followLinks: false, overrides: overrides)
        } catch {
            entry.status = .invalid
            entry.error = error.description
            log.error("invalid scenario", metadata: ["file": "\(file)", "problems": "\(error.diagnostics.count)"])
            printError(error.description)
            return entry
        }
        entry.scenario = scenario.name
        if let trials { scenario.simulation.trials = trials }
        if let refusal = MemoryBudget.refusal(scenario, workers: workersPerJob, share: jobs) {
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
            result = try MonitoredRun.execute(
                scenario, label: item.stem, workers: workersPerJob, quiet: quiet, trap: trap, deadline: deadline,
                warn: { log.warning("input clamped", metadata: ["file": "\(file)", "warning": "\($0)"]) })
        } catch {
            if error == .cancelled, let deadline, deadline.expired, trap.receivedSignal == nil {
                entry.status = .timedOut
                entry.error =
                    "stopped after \(NumberFormat.fixed(deadline.seconds, 0)) s (--timeout-per-scenario); no report "
                    + "written"
                log.error("timed out", metadata: ["file": "\(file)", "seconds": "\(deadline.seconds)"])
            } else if error == .cancelled {
                entry.status = .interrupted
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
        record(
            &entry, scenario, summary, seconds: seconds, previous: previous, files: files, jsonPath: jsonPath, log: log,
            night: night)
        return entry
    }

    /// A run that wrote its files: its figures into tonight's history, its drift against the previous night's
    /// figures and inputs into its index entry.
    private func record(
        _ entry: inout BatchIndex.Entry, _ scenario: Scenario, _ summary: Summary, seconds: Double,
        previous: PreviousResult?, files: RunOutputs, jsonPath: String, log: Logger, night: NightLog
    ) {
        let file = entry.file
        let inputs = ComparedInputs.of(summary)
        night.add(
            NightRun(
                file: file, scenario: scenario.name, digest: PartialResult.digest(scenario),
                seed: scenario.simulation.seed,
                trials: scenario.simulation.trials, status: "ok", seconds: seconds, figures: NightFigures.of(summary),
                inputs: inputs))
        entry.seconds = seconds
        entry.report = files.report
        entry.json = jsonPath
        entry.headlines = Headline.of(summary)
        if let previous {
            entry.drift = Drift.compare(current: entry.headlines, previous: previous.headlines)
            entry.changedInputs = previous.inputs.map { InputChange.between(old: $0, new: inputs) }
        }
        let flagged = entry.drift?.filter(\.flagged).count ?? 0
        log.info(
            "done",
            metadata: [
                "file": "\(file)", "seconds": "\(NumberFormat.fixed(seconds, 2))", "drift_flags": "\(flagged)",
                "inputs_changed": "\(entry.changedInputs?.count ?? 0)"
            ])
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
