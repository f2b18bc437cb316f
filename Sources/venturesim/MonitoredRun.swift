import Dispatch
import Foundation
import VentureSim

/// One scenario run with a progress display and cancellation by signal:
/// what `run` and `batch` share.
struct MonitoredRun {
    let summary: Summary
    let seconds: Double
    let workers: Int
    /// Set when the trial count came from `--precision`.
    var precision: Precision.Outcome?

    /// The part of the JSON result that varies between runs.
    var info: JSONReport.RunInfo {
        var info = JSONReport.RunInfo(
            version: VentureSimVersion.current, workers: workers, seconds: seconds,
            host: ProcessInfo.processInfo.hostName)
        info.precision = precision
        return info
    }

    /// Runs with as many trials as `--precision` needs; a line on standard error per attempt.
    static func executePrecision(
        _ scenario: Scenario, relative: Double, maxTrials: Int, workers: Int, quiet: Bool,
        trap: SignalTrap
    ) throws(RunError) -> MonitoredRun {
        let monitor = RunMonitor()
        trap.watch(monitor)
        let started = Date()
        let (summary, outcome) = try Precision.run(
            scenario, relative: relative, maxTrials: maxTrials, workers: workers, monitor: monitor
        ) { n in
            if !quiet { printError("\(scenario.name): --precision: running \(NumberFormat.grouped(Int64(n))) trials…") }
        }
        warnAboutClamping(summary, label: scenario.name)
        if !outcome.reached {
            printError(
                "\(scenario.name): warning: --precision \(outcome.relative) not reached within --max-trials "
                    + "\(NumberFormat.grouped(Int64(maxTrials))); reporting "
                    + "\(NumberFormat.grouped(Int64(outcome.trials))) trials"
            )
        }
        return MonitoredRun(
            summary: summary, seconds: Date().timeIntervalSince(started), workers: workers, precision: outcome)
    }

    /// `warn`: where the run's warnings go (the batch logs them, timestamped); standard error when nil.
    static func execute(
        _ scenario: Scenario, label: String, workers: Int, quiet: Bool, trap: SignalTrap, deadline: Deadline? = nil,
        warn: ((String) -> Void)? = nil, inspect: ((Plan, TrialColumns) -> Void)? = nil
    ) throws(RunError) -> MonitoredRun {
        let (summary, seconds) = try watched(
            total: Engine.totalTrials(scenario), label: label, quiet: quiet, trap: trap,
            deadline: deadline
        ) { monitor throws(RunError) in
            try Engine.run(scenario, workers: workers, monitor: monitor, inspect: inspect)
        }
        warnAboutClamping(summary, label: label, warn: warn)
        return MonitoredRun(summary: summary, seconds: seconds, workers: workers)
    }

    /// `body` with a monitor that signals cancel and the progress display shows (`total` trials); its result and wall
    /// time.
    static func watched<T>(
        total: Int, label: String, quiet: Bool, trap: SignalTrap, deadline: Deadline? = nil,
        _ body: (RunMonitor) throws(RunError) -> T
    ) throws(RunError) -> (value: T, seconds: Double) {
        let monitor = RunMonitor()
        trap.watch(monitor)
        deadline?.start(monitor)
        defer { deadline?.stop() }
        let progress = ProgressReporter(monitor: monitor, total: total, label: label, quiet: quiet)
        let started = Date()
        progress.start()
        defer { progress.stop() }
        let value = try body(monitor)
        return (value, Date().timeIntervalSince(started))
    }

    /// A warning on standard error for each share clamped in more than `ClampedInput.warningShare` of draws.
    private static func warnAboutClamping(_ summary: Summary, label: String, warn: ((String) -> Void)? = nil) {
        for c in summary.clamped where c.share > ClampedInput.warningShare {
            (warn ?? { printError("\(label): " + $0) })(c.warning(measured: true))
        }
    }
}

/// A time limit on one run (`batch --timeout-per-scenario`): the run is cancelled when it is over, and says so.
final class Deadline: @unchecked Sendable {
    let seconds: Double
    private let lock = NSLock()
    private var timer: DispatchWorkItem?
    private var fired = false

    init(seconds: Double) { self.seconds = seconds }

    /// Cancels `monitor` `seconds` from now, unless stopped first.
    func start(_ monitor: RunMonitor) {
        let item = DispatchWorkItem { [self] in
            lock.lock()
            fired = true
            lock.unlock()
            monitor.cancel()
        }
        lock.lock()
        timer = item
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
    }

    func stop() {
        lock.lock()
        timer?.cancel()
        lock.unlock()
    }

    /// True when the time ran out (the run was cancelled for it).
    var expired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return fired
    }
}
