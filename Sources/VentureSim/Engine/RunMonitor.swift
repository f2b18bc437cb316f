import Synchronization

/// Lets a caller watch a run's progress and stop it, from any thread.
public final class RunMonitor: Sendable {
    private let done = Atomic<Int>(0)
    private let stop = Atomic<Bool>(false)

    public init() {}

    /// Trials finished so far.
    public var completedTrials: Int { done.load(ordering: .relaxed) }
    /// Asks the workers to stop after their current block.
    public func cancel() { stop.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { stop.load(ordering: .relaxed) }

    func add(_ trials: Int) { done.add(trials, ordering: .relaxed) }
}
