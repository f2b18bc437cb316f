import Dispatch
import Synchronization

extension Simulator {
    /// Simulates trials `range` of `plan` for a sketch summary: each worker runs a block into columns of one
    /// block's size and folds them into its own accumulator, so memory does not grow with the trials.
    /// The result is the same for any worker count (counts add; block moments are kept per block).
    public static func runSketch(
        _ plan: Plan, trials range: Range<Int>? = nil, workers: Int = defaultWorkers,
        monitor: RunMonitor? = nil
    ) throws(RunError) -> SketchAccumulator {
        let range = range ?? 0..<plan.trials
        precondition(range.lowerBound % blockSize == 0, "a sketch run starts on a block boundary")
        let total = Mutex(SketchAccumulator(plan: plan))
        // The first trial (by index) whose outcome is not finite, whichever worker met it.
        let nonFinite = Mutex<(strategy: Int, outcome: Outcome, trial: Int)?>(nil)
        let failure = Mutex<RunError?>(nil)
        // Each worker: columns of one block's size, reused block after block, and its own accumulator.
        try eachBlock(plan, count: range.count, workers: workers, path: .best, monitor: monitor) {
            _ -> (TrialColumns, SketchAccumulator)? in
            guard
                let columns = TrialColumns(
                    count: blockSize, strategies: plan.strategyCount, risks: plan.riskCount,
                    fundingNeed: plan.analyses.fundingNeed, horizon: plan.horizon)
            else {
                failure.withLock {
                    $0 = .outOfMemory(
                        bytes: TrialColumns.bytes(
                            trials: blockSize, strategies: plan.strategyCount, risks: plan.riskCount))
                }
                return nil
            }
            return (columns, SketchAccumulator(plan: plan))
        } block: { worker, kernel, rows in
            let first = range.lowerBound + rows.lowerBound
            if !runRows(kernel, 0..<rows.count, firstTrial: first, into: worker.0, monitor: monitor),
                let bad = worker.0.firstNonFinite(rows: rows.count)
            {
                let found = (bad.strategy, bad.outcome, first + bad.trial)
                nonFinite.withLock { if $0.map({ found.2 < $0.trial }) ?? true { $0 = found } }
            }
            worker.1.fold(worker.0, rows: rows.count, block: first / blockSize)
        } done: { worker, kernel in
            var local = worker.1
            for i in local.clamped.indices { local.clamped[i] = kernel.clampCounts[i] }
            for i in local.targets.indices { local.targets[i] = kernel.targetHits[i] }
            total.withLock { $0.merge(local) }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        if let bad = nonFinite.withLock({ $0 }) {
            throw .nonFinite(
                strategy: plan.scenario.strategies[bad.strategy].name, outcome: bad.outcome.key, trial: bad.trial)
        }
        return total.withLock { $0 }
    }
}
