import Dispatch
import Foundation
import VentureSim

/// Shows a run's progress on standard error: a bar with rate and ETA on a
/// terminal, a plain line every few seconds otherwise, nothing when quiet.
final class ProgressReporter: @unchecked Sendable {
    enum Mode { case bar, lines, none }

    private let monitor: RunMonitor
    private let total: Int
    private let label: String
    private let mode: Mode
    private let started = Date()
    private var timer: DispatchSourceTimer?
    private var lastLine = Date.distantPast
    private var summarizing = false

    init(monitor: RunMonitor, total: Int, label: String, quiet: Bool) {
        self.monitor = monitor
        self.total = max(1, total)
        self.label = TextRules.escaped(label)  // a batch labels by file name; the terminal must not act on it
        self.mode = quiet ? .none : (isatty(STDERR_FILENO) != 0 ? .bar : .lines)
    }

    func start() {
        guard mode != .none else { return }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(mode == .bar ? 200 : 1000))
        t.setEventHandler { [weak self] in self?.tick() }
        t.resume()
        timer = t
    }

    /// Stops the display; `finished` prints the final state on a terminal.
    func stop() {
        timer?.cancel()
        timer = nil
        if mode == .bar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func tick() {
        let done = monitor.completedTrials
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : .infinity
        let share = Double(done) / Double(total)
        if done >= total {
            // Trials are done; percentiles and comparisons are being computed.
            guard !summarizing else { return }
            summarizing = true
            let line = "\(label): \(NumberFormat.grouped(Int64(total))) trials simulated, computing statistics…"
            FileHandle.standardError.write(Data((mode == .bar ? "\r\u{1B}[K" + line : line + "\n").utf8))
            return
        }
        let figures =
            "\(NumberFormat.grouped(Int64(done)))/\(NumberFormat.grouped(Int64(total))) trials, "
            + "\(NumberFormat.amount(rate))/s, ETA \(Self.duration(eta))"
        switch mode {
        case .bar:
            let width = 24
            let filled = Int(share * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(
                Data("\r\u{1B}[K\(label) \(bar) \(NumberFormat.fixed(share * 100, 0)) % \(figures)".utf8))
        case .lines:
            guard Date().timeIntervalSince(lastLine) >= 5 else { return }
            lastLine = Date()
            FileHandle.standardError.write(
                Data("\(label): \(NumberFormat.fixed(share * 100, 0)) % (\(figures))\n".utf8))
        case .none:
            break
        }
    }

    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        if s < 60 { return "\(Int(s.rounded())) s" }
        if s < 3600 { return "\(Int(s / 60)) min \(Int(s.truncatingRemainder(dividingBy: 60))) s" }
        return "\(Int(s / 3600)) h \(Int(s.truncatingRemainder(dividingBy: 3600) / 60)) min"
    }
}
