import Foundation
import VentureSim

/// One scenario run with a progress display and cancellation by signal:
/// what `run` and `batch` share.
struct MonitoredRun {
    let summary: Summary
    let seconds: Double
    let workers: Int

    /// The part of the JSON result that varies between runs.
    var info: JSONReport.RunInfo {
        JSONReport.RunInfo(version: VentureSimVersion.current, workers: workers, seconds: seconds,
                           host: ProcessInfo.processInfo.hostName)
    }

    static func execute(_ scenario: Scenario, label: String, workers: Int, quiet: Bool, trap: SignalTrap) throws(RunError) -> MonitoredRun {
        let monitor = RunMonitor()
        trap.watch(monitor)
        let progress = ProgressReporter(monitor: monitor, total: Engine.totalTrials(scenario), label: label, quiet: quiet)
        let started = Date()
        progress.start()
        defer { progress.stop() }
        let summary = try Engine.run(scenario, workers: workers, monitor: monitor)
        for c in summary.clamped where c.share > ClampedInput.warningShare { printError("\(label): " + c.warning(measured: true)) }
        return MonitoredRun(summary: summary, seconds: Date().timeIntervalSince(started), workers: workers)
    }
}
