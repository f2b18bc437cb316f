import ArgumentParser
import Dispatch
import Foundation
import VentureSim

/// Turns SIGINT and SIGTERM into a cancellation of the running work, so that
/// workers stop after their current block and nothing partial is written.
final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32?
    private var monitors: [RunMonitor] = []

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

    private func fire(_ sig: Int32) {
        lock.lock()
        if received == nil { received = sig }
        let all = monitors
        lock.unlock()
        all.forEach { $0.cancel() }
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
