import Dispatch
import Synchronization

extension Simulator {
    /// Simulates trials `range` of `plan` for a sketch summary: each worker runs a block into columns of one
    /// block's size and folds them into its own accumulator, so memory does not grow with the trials.
    /// The result is the same for any worker count (counts add; block moments are kept per block).
    public static func runSketch(_ plan: Plan, trials range: Range<Int>? = nil, workers: Int = defaultWorkers,
                                 monitor: RunMonitor? = nil) throws(RunError) -> SketchAccumulator {
        let range = range ?? 0..<plan.trials
        precondition(range.lowerBound % blockSize == 0, "a sketch run starts on a block boundary")
        let blocks = (range.count + blockSize - 1) / blockSize
        let workerCount = max(1, min(workers, blocks))
        let next = Atomic<Int>(0)
        let total = Mutex(SketchAccumulator(plan: plan))
        // The first trial (by index) whose outcome is not finite, whichever worker met it.
        let nonFinite = Mutex<(strategy: Int, outcome: Outcome, trial: Int)?>(nil)
        let failure = Mutex<RunError?>(nil)
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            let kernel = TrialKernel(plan: plan)
            guard let columns = TrialColumns(count: blockSize, strategies: plan.strategyCount, risks: plan.riskCount,
                                             fundingNeed: plan.analyses.fundingNeed, horizon: plan.horizon) else {
                failure.withLock { $0 = .outOfMemory(bytes: TrialColumns.bytes(trials: blockSize, strategies: plan.strategyCount, risks: plan.riskCount)) }
                return
            }
            var local = SketchAccumulator(plan: plan)
            while monitor?.isCancelled != true {
                let block = next.add(1, ordering: .relaxed).oldValue
                guard block < blocks else { break }
                let lo = block * blockSize, rows = min(range.count, lo + blockSize) - lo
                let finite = runRows(kernel, 0..<rows, firstTrial: range.lowerBound + lo, into: columns, monitor: monitor)
                if !finite, let bad = columns.firstNonFinite(rows: rows) {
                    let found = (bad.strategy, bad.outcome, range.lowerBound + lo + bad.trial)
                    nonFinite.withLock { if $0 == nil || found.2 < $0!.trial { $0 = found } }
                }
                local.fold(columns, rows: rows, block: (range.lowerBound + lo) / blockSize)
                monitor?.add(rows)
            }
            for i in local.clamped.indices { local.clamped[i] = kernel.clampCounts[i] }
            for i in local.targets.indices { local.targets[i] = kernel.targetHits[i] }
            total.withLock { $0.merge(local) }
        }
        if monitor?.isCancelled == true { throw .cancelled }
        if let error = failure.withLock({ $0 }) { throw error }
        if let bad = nonFinite.withLock({ $0 }) {
            throw .nonFinite(strategy: plan.scenario.strategies[bad.strategy].name, outcome: bad.outcome.key, trial: bad.trial)
        }
        return total.withLock { $0 }
    }
}
