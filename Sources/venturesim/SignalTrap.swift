import ArgumentParser
import Dispatch
import Foundation
import VentureSim

/// Turns SIGINT and SIGTERM into a cancellation of the running work, so that
/// workers stop within a few trials and nothing partial is written.
///
/// Stopping is prompt whatever the work costs: if the process has not ended
/// `graceSeconds` after the first signal (a long statistics pass, a slow
/// disk), or at a second signal, it removes its unfinished temporary files
/// and exits with 128 + the signal's number.
final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32?
    private var monitors: [RunMonitor] = []
    private var lastWords: (@Sendable () -> Void)?
    /// Held by the first forced exit until the process ends, so a second one cannot cut its last words short.
    private let exiting = NSLock()

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: DispatchQueue.global())
            source.setEventHandler { [weak self] in self?.fire(sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Cancels `monitor` when a signal arrives (at once if one already has).
    func watch(_ monitor: RunMonitor) {
        lock.lock()
        monitors.append(monitor)
        let already = received != nil
        lock.unlock()
        if already { monitor.cancel() }
    }

    /// Runs `body` at a forced exit, just before the process ends (the batch writes its final index there).
    func onForcedExit(_ body: @escaping @Sendable () -> Void) {
        lock.lock()
        lastWords = body
        lock.unlock()
    }

    /// Seconds between the first signal and a forced exit.
    static let graceSeconds = 1.5

    private func fire(_ sig: Int32) {
        lock.lock()
        let first = received == nil
        if first { received = sig }
        let all = monitors
        lock.unlock()
        all.forEach { $0.cancel() }
        guard first else { forceExit(sig) }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.graceSeconds) { self.forceExit(sig) }
    }

    /// Ends the process now, leaving no temporary file behind.
    private func forceExit(_ sig: Int32) -> Never {
        exiting.lock()
        lock.lock()
        let body = lastWords
        lock.unlock()
        body?()
        TemporaryFiles.shared.removeAll()
        printError("\(sig == SIGTERM ? "SIGTERM" : "SIGINT") received: stopped at once; nothing half-written is left.")
        _exit(128 + sig)
    }

    /// The signal received so far, if any.
    var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// The conventional exit code for the received signal (128 + number).
    var exitCode: ExitCode { receivedSignal == SIGTERM ? Exit.terminated : Exit.interrupted }

    var signalName: String { receivedSignal == SIGTERM ? "SIGTERM" : "SIGINT" }
}
