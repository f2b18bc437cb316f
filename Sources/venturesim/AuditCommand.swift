import ArgumentParser
import Foundation
import VentureSim

/// `venturesim audit SCENARIO`: what you would have to believe for each claim (docs/guide.md, "Auditing a pitch").
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Audit a scenario's claims (targets): each input's break-even, the success profile, and a decision table.",
        discussion: """
            For every target and strategy, finds the value of each drawn input at which the claim holds in --level \
            of trials (every other input drawn as in the scenario, the same trials at every value). The report goes to \
            reports/<scenario name>-audit.md unless --report is given.
            """
    )

    @Argument(help: "Scenario file (YAML or JSON; - reads standard input). Default: the built-in example.")
    var scenario: String?

    @OptionGroup var audit: AuditOptions

    @Option(help: "Seed, an unsigned 64-bit integer (overrides simulation.seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: the number of active processors). Results do not depend on it.")
    var workers: Int = Simulator.defaultWorkers

    @OptionGroup var output: ReportOptions

    @Flag(help: "No progress display.")
    var quiet = false

    @OptionGroup var what: OverrideOptions

    func validate() throws {
        try audit.check()
        if !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024, got \(workers).") }
    }

    func run() throws {
        let overrides = try what.overrides()
        let loaded = try CommandScenario.load(scenario, overrides: overrides)
        var s = loaded.scenario
        let (text, file) = (loaded.text, loaded.file)
        if let seed { s.simulation.seed = seed }
        let report = output.report ?? "reports/\(OutputName.capped(ScenarioFile.slug(s.name)))-audit.md"
        try audit.execute(
            s, text: text, file: file, overrides: overrides, report: report, json: output.json, html: output.html,
            noCharts: output.noCharts, workers: workers, quiet: quiet, command: reproduceCommand(s))
    }

    private func reproduceCommand(_ s: Scenario) -> String {
        var parts = ["venturesim", "audit"] + (scenario.map { [RunCommand.quote($0)] } ?? [])
        parts += ["--trials", String(audit.trials), "--seed", String(s.simulation.seed), "--level", "\(audit.level)"]
        parts +=
            audit.vary.flatMap { ["--vary", RunCommand.quote($0)] }
            + what.sets.flatMap { ["--set", RunCommand.quote($0)] }
        return parts.joined(separator: " ")
    }
}

/// The audit's options, shared by `audit` and `run --audit`.
struct AuditOptions: ParsableArguments {
    @Option(help: "Trials at each value tried (the same trials at every value).")
    var trials: Int = 20_000

    @Option(help: "The probability a claim must reach: the break-even is where P(claim) crosses it.")
    var level: Double = 0.5

    @Option(
        help: ArgumentHelp(
            "A decision table over a founder's choice: PATH=LOW..HIGH[:STEPS] (any constant or distribution parameter, "
                + "as --set takes it; at most two, a grid).", valueName: "PATH=LOW..HIGH[:STEPS]"))
    var vary: [String] = []

    func check() throws {
        if !(100...Limits.maxTrials).contains(trials) {
            throw ValidationError(
                "--trials must be from 100 to \(NumberFormat.grouped(Int64(Limits.maxTrials))), got \(trials).")
        }
        if !(level > 0 && level < 1) {
            throw ValidationError(
                "--level must be a probability strictly between 0 and 1 (0.5 for a coin flip), got \(level).")
        }
        if vary.count > 2 { throw ValidationError("--vary at most twice (a grid of two choices), got \(vary.count).") }
        for v in vary { if case .failure(let e) = DecisionTable.Vary.parse(v) { throw ValidationError(e.description) } }
    }

    /// `body` with a progress display and a signal trap: its value, or the conventional exit when a signal stopped it
    /// (nothing written) or it failed.
    static func stoppable<T>(
        total: Int, label: String, file: String, quiet: Bool, _ body: (RunMonitor) throws(RunError) -> T
    ) throws -> T {
        let trap = SignalTrap()
        var value: T?
        do {
            value = try MonitoredRun.watched(total: total, label: label, quiet: quiet, trap: trap, body).value
        } catch {
            if error != .cancelled {
                printError("\(TextRules.escaped(file)): error: \(error)")
                throw Exit.failure
            }
        }
        // Cancelled only by a signal; a signal that came after the last trial still means nothing is written.
        guard let value, trap.receivedSignal == nil else {
            printError("\(trap.signalName) received: audit stopped, no report written.")
            throw trap.exitCode
        }
        return value
    }

    /// Runs the audit of `s` with a progress display and cancellation by signal, and writes its files all or nothing.
    func execute(
        _ s: Scenario, text: String, file: String, overrides: [Override], report: String, json: String?, html: String?,
        noCharts: Bool, workers: Int, quiet: Bool, command: String
    ) throws {
        var options = Auditor.Options()
        (options.trialsPerPoint, options.level, options.workers) = (trials, level, workers)
        let varies = vary.compactMap { try? DecisionTable.Vary.parse($0).get() }
        // Every row's scenario is loaded before the work, so a bad path costs nothing.
        var rows: [(values: [Double], scenario: Scenario)] = []
        do throws(ScenarioError) {
            for values in DecisionTable.Vary.grid(varies) where !varies.isEmpty {
                var row = try ScenarioLoader.load(
                    text: text, file: file,
                    overrides: overrides + zip(varies, values).map { v, x throws(ScenarioError) in try v.override(x) })
                row.simulation.seed = s.simulation.seed
                rows.append((values, row))
            }
        } catch {
            printError(error.description)
            throw Exit.failure
        }
        let chartsBeside = !noCharts && !AtomicFile.isStream(report)
        let charted = s.targets.count * s.strategies.count
        let chartPaths =
            chartsBeside ? ChartFiles.paths(report: report, charts: (0..<charted).map { "claim-\($0 + 1)" }) : []
        let paths = [report] + chartPaths.map(\.path) + (json.map { [$0] } ?? []) + (html.map { [$0] } ?? [])
        do throws(AtomicFile.WriteError) {
            try OutputName.check(paths)
            try AtomicFile.preflight(paths)
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        let total =
            Auditor.plannedTrials(s, options) + rows.count * trials * (1 + s.targets.count * s.strategies.count * 25)
        let result = try Self.stoppable(total: total, label: "\(s.name) audit", file: file, quiet: quiet) {
            monitor throws(RunError) in
            var r = try Auditor.run(s, options: options, monitor: monitor)
            if !varies.isEmpty {
                r.decisionTable = try Auditor.decisionTable(
                    varies, rows: rows, audit: r, options: options, monitor: monitor)
            }
            return r
        }
        do {
            let pictures =
                chartsBeside || html != nil
                ? result.claims.enumerated().map {
                    Charts.claim($1, index: $0, scenario: s.name, settings: result.settings)
                } : []
            let files = chartsBeside ? ChartFiles.paths(report: report, charts: pictures) : []
            let markdown = AuditReport.document(
                s, result, charts: files.map { (file: Optional($0.file), picture: $0.picture) }, command: command)
            var outputs =
                [AtomicFile.Output(path: report, text: MarkdownWriter.write(markdown))]
                + files.map { AtomicFile.Output(path: $0.path, text: $0.picture.svg) }
            if let json { outputs.append(AtomicFile.Output(path: json, data: try JSONReport.encode(result))) }
            if let html {
                let page = AuditReport.document(
                    s, result, charts: pictures.map { (file: nil, picture: $0) }, command: command)
                outputs.append(
                    AtomicFile.Output(
                        path: html, text: HTMLReport.render(title: s.name + " — claims audit", head: page)))
            }
            try AtomicFile.writeAll(outputs)
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        if !quiet {
            printOut(
                "\(TextRules.escaped(s.name)): claims audited (\(result.claims.count)); report "
                    + "\(TextRules.escaped(report))"
            )
        }
    }
}
