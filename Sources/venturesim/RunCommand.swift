import ArgumentParser
import Foundation
import VentureSim

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write a Markdown report (and optionally JSON).",
        discussion: """
            With no scenario file, runs the built-in default scenario \
            (scenarios/\(DefaultScenario.fileName)). Flags override the file. \
            The report goes to reports/<scenario name>.md unless --report is given.
            """
    )

    @Argument(help: "Scenario file (YAML or JSON; - reads standard input). Default: the built-in example.")
    var scenario: String?

    @Option(help: "Number of trials (overrides simulation.trials).")
    var trials: Int?

    @Option(help: "Seed, an unsigned 64-bit integer (overrides simulation.seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: the number of active processors). Results do not depend on it.")
    var workers: Int = Simulator.defaultWorkers

    @OptionGroup var output: ReportOptions

    @Option(
        help: ArgumentHelp(
            "Also write every trial as CSV here: drawn inputs, risk firings, each strategy's outcomes.",
            valueName: "PATH.csv"))
    var samples: String?

    @Flag(help: "No progress display.")
    var quiet = false

    @Flag(
        help: ArgumentHelp(
            "Also audit the claims (as `venturesim audit`, --trials a point, default 20,000): REPORT-audit.md beside "
                + "the report.")
    )
    var audit = false

    @Option(
        help: ArgumentHelp(
            "Add blocks of trials until every strategy's mean NPV is known within this share (95 % half-width / "
                + "|mean|), e.g. 0.01.",
            valueName: "REL"))
    var precision: Double?

    @Option(help: "With --precision: the most trials to run.")
    var maxTrials: Int = 10_000_000

    @OptionGroup var what: OverrideOptions

    @Option(
        help: ArgumentHelp(
            "Run only shard K of N (0-based, whole blocks of trials) and write a partial result (--partial).",
            valueName: "K/N"))
    var shard: String?

    @Option(
        help: ArgumentHelp(
            "Where a shard writes its partial result, for `venturesim merge`. Without --shard, K and N come from "
                + "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, JOB_COMPLETION_INDEX (with --shards) or "
                + "AWS_BATCH_JOB_ARRAY_INDEX/AWS_BATCH_JOB_ARRAY_SIZE.",
            valueName: "PATH"))
    var partial: String?

    @Option(
        help: "The shard count, for engines that give only the index (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)."
    )
    var shards: Int?

    func validate() throws {
        if let trials, !(1...Limits.maxTrials).contains(trials) {
            throw ValidationError(
                "--trials must be from 1 to \(NumberFormat.grouped(Int64(Limits.maxTrials))), got \(trials).")
        }
        if !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024, got \(workers).") }
        if let precision {
            guard precision > 0, precision < 1 else {
                throw ValidationError("--precision must be a share between 0 and 1 (0.01 for 1 %), got \(precision).")
            }
            guard trials == nil else {
                throw ValidationError("--precision chooses the number of trials; give either it or --trials.")
            }
            guard samples == nil else {
                throw ValidationError("--samples exports one run's trials; give it with --trials, not --precision.")
            }
        }
        if let shard, ShardSplit.parse(shard) == nil {
            throw ValidationError("--shard must be K/N with 0 ≤ K < N ≤ 100,000, got '\(shard)'.")
        }
        if let shards, !(1...ShardSplit.maxShards).contains(shards) {
            throw ValidationError(
                "--shards must be from 1 to \(NumberFormat.grouped(Int64(ShardSplit.maxShards))), got \(shards).")
        }
        if audit && (precision != nil || partial != nil) {
            throw ValidationError("--audit audits a whole run of --trials; give it without --precision and --partial.")
        }
        if shard != nil && partial == nil {
            throw ValidationError("--shard writes a partial result: give --partial PATH too.")
        }
        if partial != nil && (precision != nil || samples != nil || output.given) {
            throw ValidationError(
                "a shard writes only its partial result; --report, --json, --html, --samples and --precision belong to "
                    + "`venturesim merge` or a whole run."
            )
        }
        if !(Simulator.blockSize...Limits.maxTrials).contains(maxTrials) {
            throw ValidationError(
                "--max-trials must be from \(Simulator.blockSize) to \(NumberFormat.grouped(Int64(Limits.maxTrials))), "
                    + "got \(maxTrials)."
            )
        }
    }

    func run() throws {
        let overrides = try what.overrides()
        let loaded = try CommandScenario.load(scenario, overrides: overrides)
        var s = loaded.scenario
        let (text, file) = (loaded.text, loaded.file)
        if let trials { s.simulation.trials = trials }
        if let seed { s.simulation.seed = seed }
        if samples != nil && s.simulation.summary == .sketch {
            printError(
                "error: --samples exports every trial, and a sketch summary (simulation.summary: sketch) keeps none; "
                    + "use the exact summary."
            )
            throw Exit.failure
        }
        var planned = s
        if precision != nil { planned.simulation.trials = maxTrials }
        if let message = MemoryBudget.refusal(planned, workers: workers) {
            printError("error: " + message)
            throw Exit.failure
        }
        if let sharding = try shardRequest() {
            try runShard(s, text: text, file: file, shard: sharding)
            return
        }
        let files = output.files(s)
        let reportPath = files.report
        let outputs = files.paths(s) + (samples.map { [$0] } ?? [])
        // Checked before the run, so a bad output path does not cost the work.
        try preflight(outputs)

        let trap = SignalTrap()
        let result: MonitoredRun
        // The per-trial CSV is streamed to its temporary file while the columns are still in trial order.
        let export = samples.map(SampleExport.init)
        defer { if let staged = export?.staged, export?.committed == false { staged.discard() } }
        do {
            if let precision {
                result = try MonitoredRun.executePrecision(
                    s, relative: precision, maxTrials: maxTrials, workers: workers, quiet: quiet, trap: trap)
                s.simulation.trials = result.summary.trials
            } else {
                result = try MonitoredRun.execute(
                    s, label: s.name, workers: workers, quiet: quiet, trap: trap, inspect: export?.inspect)
            }
        } catch {
            guard error == .cancelled else {
                printError("\(TextRules.escaped(scenario ?? DefaultScenario.fileName)): error: \(error)")
                throw Exit.failure
            }
            printError("\(trap.signalName) received: run stopped, no report written.")
            throw trap.exitCode
        }
        if trap.receivedSignal != nil {
            printError("\(trap.signalName) received: run stopped, no report written.")
            throw trap.exitCode
        }

        // Everything is rendered before anything is written, and written all or nothing.
        do {
            let rendered = try files.render(
                s, result.summary, info: result.info, command: reproduceCommand(s), note: precisionNote(result))
            if let failure = export?.failure { throw failure }
            try AtomicFile.writeAll(rendered, staged: export?.staged.map { [$0] } ?? [])
            export?.committed = true
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        printOut(ConsoleSummary.render(result.summary, seconds: result.seconds, report: reportPath, json: output.json))
        if audit { try runAudit(s, text: text, file: file, overrides: overrides, report: reportPath) }
    }

    /// Refuses, before the run, an output path that is the scenario file itself, is not a name we write to, or
    /// cannot be written.
    private func preflight(_ outputs: [String]) throws {
        do throws(AtomicFile.WriteError) {
            if let scenario, let input = AtomicFile.identity(of: scenario) {
                for path in outputs where AtomicFile.identity(of: path).map({ $0 == input }) == true {
                    throw AtomicFile.WriteError(
                        path: path, reason: "it is the scenario file being run; choose another output path")
                }
            }
            try OutputName.check(outputs)
            try AtomicFile.preflight(outputs)
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
    }

    /// Said under the title, so the report tells how its trial count was chosen.
    private func precisionNote(_ result: MonitoredRun) -> String? {
        return result.precision.map { p in
            "Trials chosen by `--precision \(p.relative)`: "
                + (p.reached
                    ? "every strategy's mean NPV is within ±\(NumberFormat.percent(p.relative)) (95 %) after "
                        + "\(NumberFormat.grouped(Int64(p.trials))) trials."
                    : "not reached within \(NumberFormat.grouped(Int64(maxTrials))) trials; these are the "
                        + "\(NumberFormat.grouped(Int64(p.trials))) run.")
        }
    }

    /// `--audit`: the audit of the run's scenario, its files beside the run's (`NAME-audit.md`, `.json`, `.html`).
    private func runAudit(_ s: Scenario, text: String, file: String, overrides: [Override], report: String) throws {
        func beside(_ path: String, _ ext: String) -> String {
            (path as NSString).deletingPathExtension + "-audit." + ext
        }
        let options = try AuditOptions.parse(["--trials", String(trials ?? 20_000)])
        var command =
            ["venturesim", "audit"] + (scenario.map { [Self.quote($0)] } ?? []) + [
                "--trials", String(options.trials), "--seed", String(s.simulation.seed)
            ]
        command += what.sets.flatMap { ["--set", Self.quote($0)] }
        try options.execute(
            s, text: text, file: file, overrides: overrides,
            report: AtomicFile.isStream(report) ? report : beside(report, "md"),
            json: output.json.map { beside($0, "json") }, html: output.html.map { beside($0, "html") },
            noCharts: output.noCharts,
            workers: workers, quiet: quiet, command: command.joined(separator: " "))
    }

    /// The shard to run: from --shard, else from the cluster engine's environment when --partial is given; nil for a
    /// whole run.
    private func shardRequest() throws -> (shard: Int, shards: Int)? {
        guard partial != nil else { return nil }
        if let shard { return ShardSplit.parse(shard) }
        do throws(ShardSplit.EnvironmentError) {
            if let found = try ShardSplit.fromEnvironment(ProcessInfo.processInfo.environment, shards: shards) {
                return found
            }
        } catch {
            printError(
                "error: --partial without --shard K/N takes the shard from the cluster's environment, but \(error)")
            throw Exit.usage
        }
        printError(
            "error: --partial without --shard K/N, and no SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, "
                + "JOB_COMPLETION_INDEX (with --shards N) "
                + "or AWS_BATCH_JOB_ARRAY_INDEX/AWS_BATCH_JOB_ARRAY_SIZE in the environment")
        throw Exit.usage
    }

    /// Simulates one shard and writes its partial result atomically.
    private func runShard(_ s: Scenario, text: String, file: String, shard: (shard: Int, shards: Int)) throws {
        let path = partial!
        do throws(AtomicFile.WriteError) {
            try OutputName.check([path])
            try AtomicFile.preflight([path])
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        let trap = SignalTrap()
        let range = ShardSplit.trials(shard: shard.shard, of: shard.shards, trials: s.simulation.trials)
        let result: PartialResult
        do {
            result = try MonitoredRun.watched(
                total: range.count * (1 + s.stress.count), label: "\(s.name) shard \(shard.shard)/\(shard.shards)",
                quiet: quiet, trap: trap
            ) { monitor throws(RunError) in
                try PartialResult.simulate(
                    s, file: file, text: text, overrides: what.sets, shard: shard.shard, of: shard.shards,
                    workers: workers, monitor: monitor)
            }.value
        } catch {
            if error == .cancelled {
                printError("\(trap.signalName) received: shard stopped, nothing written.")
                throw trap.exitCode
            }
            printError("\(TextRules.escaped(file)): error: \(error)")
            throw Exit.failure
        }
        if trap.receivedSignal != nil {
            printError("\(trap.signalName) received: shard stopped, nothing written.")
            throw trap.exitCode
        }
        do {
            try AtomicFile.write(result.encoded(), to: path)
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        printOut(
            "\(s.name): shard \(shard.shard)/\(shard.shards), trials \(NumberFormat.grouped(Int64(range.lowerBound))) "
                + "..< \(NumberFormat.grouped(Int64(range.upperBound))): \(TextRules.escaped(path))"
        )
    }

    /// The command line that reproduces this report exactly.
    private func reproduceCommand(_ s: Scenario) -> String {
        Self.reproduceCommand(scenario, s.simulation, sets: what.sets)
    }

    /// `venturesim run FILE --trials N --seed S --set …`: the command that reproduces a report; `run` and `batch` both
    /// print it.
    static func reproduceCommand(_ file: String?, _ simulation: Scenario.Simulation, sets: [String]) -> String {
        var parts = ["venturesim", "run"]
        if let file { parts.append(quote(file)) }
        parts += ["--trials", String(simulation.trials), "--seed", String(simulation.seed)]
        parts += sets.flatMap { ["--set", quote($0)] }
        return parts.joined(separator: " ")
    }

    static func quote(_ arg: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+")
        return arg.allSatisfy(safe.contains) ? arg : "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The few lines `run` prints on standard output.
enum ConsoleSummary {
    static func render(_ summary: Summary, seconds: Double, report: String, json: String?) -> String {
        var out =
            "\(summary.scenario): \(NumberFormat.grouped(Int64(summary.trials))) trials in "
            + "\(NumberFormat.fixed(seconds, 2)) s\n"
        for s in summary.strategies {
            let npv = s.outcome(.npv)
            out +=
                "  \(s.name): median NPV \(NumberFormat.amount(npv.p50)), P(loss) "
                + "\(NumberFormat.probability(s.pLoss)), P(cash out) \(NumberFormat.probability(s.pCashOut))\n"
        }
        out += "report: \(TextRules.escaped(report))"
        if let json { out += "\njson: \(TextRules.escaped(json))" }
        return out
    }
}

/// A `--samples` export: staged while the run's columns are in trial order, renamed with the report.
final class SampleExport {
    let path: String
    var staged: AtomicFile.Staged?
    var failure: AtomicFile.WriteError?
    /// Set once renamed; until then the temporary file is removed on any way out.
    var committed = false

    init(path: String) { self.path = path }

    var inspect: (Plan, TrialColumns) -> Void {
        { plan, columns in
            do throws(AtomicFile.WriteError) {
                self.staged = try AtomicFile.stage(self.path) {
                    (append: (String) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) in
                    try TrialCSV.write(plan, columns, append)
                }
            } catch {
                self.failure = error
            }
        }
    }
}
