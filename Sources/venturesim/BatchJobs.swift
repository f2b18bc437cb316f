import Foundation
import VentureSim

/// What a batch's scenarios gave tonight, for the history (written by each job).
final class NightLog: @unchecked Sendable {
    private let lock = NSLock()
    private var byFile: [String: NightRun] = [:]

    func add(_ run: NightRun) {
        lock.lock()
        byFile[run.file] = run
        lock.unlock()
    }

    var runs: [String: NightRun] {
        lock.lock()
        defer { lock.unlock() }
        return byFile
    }
}

/// The indices of the scenarios still to run, handed out one at a time to the jobs.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var left: [Int]
    let count: Int

    init(_ items: [Int]) {
        left = items.reversed()
        count = items.count
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return left.popLast()
    }
}

/// Records the night once, whoever comes first: the batch at its end, or a forced exit (a second signal) midway.
final class NightRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    /// Runs `body` unless the night was recorded; `waiting`: give up after that many seconds if the other is recording.
    func once(waiting: Double?, _ body: () -> Void) {
        if let waiting {
            guard lock.lock(before: Date().addingTimeInterval(waiting)) else { return }
        } else {
            lock.lock()
        }
        defer { lock.unlock() }
        guard !done else { return }
        body()
        done = true
    }
}
