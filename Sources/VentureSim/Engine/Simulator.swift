import Dispatch
import Synchronization

/// Runs the trials of a plan on parallel Dispatch workers.
///
/// Trials are grouped in fixed blocks that workers take in turn; each trial
/// draws from streams keyed by (seed, trial index) and writes only its own
/// row, so the columns are identical for any number of workers (docs/model.md#randomness-and-reproducibility).
public enum Simulator {
    /// Trials per block: large enough to amortise taking a block, small enough to balance workers and stop promptly.
    public static let blockSize = 4096

    /// Simulates trials `range` (global trial indices; default all of the plan's).
    public static func run(
        _ plan: Plan, trials range: Range<Int>? = nil, workers: Int = defaultWorkers, monitor: RunMonitor? = nil,
        exportInputs: Bool = false
    ) throws(RunError) -> TrialColumns {
        try run(plan, trials: range, workers: workers, monitor: monitor, exportInputs: exportInputs, path: .best)
    }

    /// What to do once the first `rows` trials of a run are simulated, before the others are: the summary's sample
    /// tasks, which read only those rows, so the samples are handed back before the columns fill
    /// (docs/performance.md#memory). Not called when a trial so far may be non-finite (the run may yet fail).
    struct AfterRows {
        let rows: Int
        let body: (TrialColumns) -> Void
    }

    /// The same, on a chosen kernel path (the scalar path and each lane build, for checking them against each other).
    static func run(
        _ plan: Plan, trials range: Range<Int>? = nil, workers: Int = defaultWorkers, monitor: RunMonitor? = nil,
        exportInputs: Bool = false,
        path: TrialKernel.Path, after: AfterRows? = nil
    ) throws(RunError) -> TrialColumns {
        let range = range ?? 0..<plan.trials
        let columns = try TrialColumns.make(for: plan, count: range.count, exportInputs: exportInputs)
        let overflow = Atomic<Bool>(false)
        let clamped = Mutex([Int](repeating: 0, count: plan.factors.count + plan.strategyCount))
        let hits = Mutex([Int](repeating: 0, count: plan.strategyCount * plan.targets.count))
        // The blocks holding the first `after.rows` trials, then the others (each trial's row is the same either way).
        let blocks = (range.count + blockSize - 1) / blockSize
        let first = min(blocks, ((after?.rows ?? 0) + blockSize - 1) / blockSize)
        try withExtendedLifetime(columns) { () throws(RunError) in
            for part in first > 0 && first < blocks ? [0..<first, first..<blocks] : [0..<blocks] {
                try eachBlock(plan, count: range.count, blocks: part, workers: workers, path: path, monitor: monitor) {
                    _ in
                    ()
                } block: { _, kernel, rows in
                    if !runRows(kernel, rows, firstTrial: range.lowerBound, into: columns, monitor: monitor) {
                        overflow.store(true, ordering: .relaxed)
                    }
                } done: { _, kernel in
                    // Integer counts: the total is the same whichever worker ran which trials.
                    clamped.withLock { total in for i in total.indices { total[i] += kernel.clampCounts[i] } }
                    hits.withLock { total in for i in total.indices { total[i] += kernel.targetHits[i] } }
                }
                if part.upperBound == first, let after, !overflow.load(ordering: .relaxed) { after.body(columns) }
            }
        }
        columns.mayHaveNonFinite = overflow.load(ordering: .relaxed)
        columns.clampCounts = clamped.withLock { $0 }
        columns.targetCounts = hits.withLock { $0 }
        return columns
    }

    /// The blocks of `count` trials (offsets from the run's first trial) on up to `workers` threads, each with its own
    /// kernel and worker state (`start`; nil: that worker does no work), taking blocks in turn from a shared counter:
    /// `block` runs one, `done` sees each worker's state and kernel when it stops. Throws `.cancelled` when the monitor
    /// cancels.
    static func eachBlock<State>(
        _ plan: Plan, count: Int, blocks part: Range<Int>? = nil, workers: Int, path: TrialKernel.Path,
        monitor: RunMonitor?,
        start: (TrialKernel) -> State?, block: (inout State, TrialKernel, Range<Int>) -> Void,
        done: (State, TrialKernel) -> Void
    ) throws(RunError) {
        let part = part ?? 0..<(count + blockSize - 1) / blockSize
        let blocks = part.upperBound
        let next = Atomic<Int>(part.lowerBound)
        withoutActuallyEscaping(start) { start in
            withoutActuallyEscaping(block) { block in
                withoutActuallyEscaping(done) { done in
                    // Each worker calls the closures on its own kernel and state only.
                    let box = UncheckedBox((start, block, done))
                    DispatchQueue.concurrentPerform(iterations: max(1, min(workers, part.count))) { _ in
                        let (start, block, done) = box.value
                        let kernel = TrialKernel(plan: plan, path: path)
                        guard var state = start(kernel) else { return }
                        while monitor?.isCancelled != true {
                            let b = next.add(1, ordering: .relaxed).oldValue
                            guard b < blocks else { break }
                            let lo = b * blockSize, hi = min(count, lo + blockSize)
                            block(&state, kernel, lo..<hi)
                            monitor?.add(hi - lo)
                        }
                        done(state, kernel)
                    }
                }
            }
        }
        if monitor?.isCancelled == true { throw .cancelled }
    }

    /// Rows `rows` of a block (trial `firstTrial` + row), sixteen at a time so a cancellation stops within a few trials
    /// however slow a block is; false when an outcome may have overflowed.
    static func runRows(
        _ kernel: TrialKernel, _ rows: Range<Int>, firstTrial: Int, into columns: TrialColumns, monitor: RunMonitor?
    ) -> Bool {
        var finite = true
        var row = rows.lowerBound
        while row < rows.upperBound {
            if monitor?.isCancelled == true { break }
            let end = min(rows.upperBound, row + 16)
            finite = kernel.run(rows: row..<end, firstTrial: firstTrial, into: columns) && finite
            row = end
        }
        return finite
    }

    /// The number of active processors.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

import Foundation
