extension Summarizer {
    /// The summary's tasks in priority order, and what each waits for.
    ///
    /// Who waits for whom is derived from the tasks' declarations: a task that reorders a column waits for every task
    /// that reads it in trial order (`Task.readsInTrialOrder`), and a task waits for the results it needs
    /// (`Task.needs`). Readers are placed before the column they read (`TaskSchedule` requires it, and stops
    /// otherwise). Long tasks come first, short ones (month histograms, cash bands) last, so a thread that runs out
    /// of long ones fills the gaps.
    struct Work {
        var tasks: [Task] = []
        var prerequisites: [[Int]] = []
        var index: [Task: Int] = [:]
        /// Threads for a column's percentile pass: the spare ones when its group has fewer columns than workers.
        let derivedThreads: Int, columnThreads: Int, npvThreads: Int

        init(_ plan: Plan, _ columns: TrialColumns, pairs: [(Int, Int)], inputs: Int, workers: Int) {
            let S = columns.strategyCount
            let analyses = plan.analyses
            let derived = columns.outcomes.filter(\.isDerived)
            let stored = columns.outcomes.filter { $0 != .npv && !$0.isDerived }
            derivedThreads = max(1, workers / max(1, S * derived.count))
            columnThreads = max(1, workers / max(1, S * stored.count + pairs.count + 1))
            npvThreads = max(1, workers / max(1, S))
            func readByDrivers(_ s: Int, _ o: Outcome) -> Bool {
                Task.drivers(s).readsInTrialOrder.contains(.init(strategy: s, outcome: o))
            }

            // The samples' tasks first: they take no column's worth of scratch.
            for k in 0..<inputs { add(.rank(k)) }
            for s in 0..<S {
                if ChartData.kept(plan, columns) { add(.curves(s)) }
                if analyses.byYear { add(.years(s)) }
            }
            // Then the columns that no task with scratch reads, each handed back to the system once summarised
            // (`releases`): the tasks with scratch columns below wait for them and take their room, so the summary
            // adds nothing to the peak the simulation left (docs/performance.md#memory).
            var freed: [Int] = []
            for s in 0..<S {
                for o in stored where !readByDrivers(s, o) && !readWithScratch(s, o, pairs) {
                    freed.append(tasks.count)
                    add(.column(s, o))
                }
            }
            freed.append(tasks.count)
            add(.column(0, .demandShare))
            var withScratch: [Int] = []
            for s in 0..<S where !plan.scenario.strategies[s].revenueLines.isEmpty {
                withScratch.append(tasks.count)
                add(.lines(s))
            }
            // The funding tasks, at most two at a time: each holds up to two columns' worth of scratch
            // (`FundingOutcome`). Split by round, so that both workers share them; the longest first (the strategy's
            // own figures and the first round, over every trial, then the later rounds, over fewer).
            var funding: [Int] = []
            let fundingTasks =
                columns.roundCount == 0
                ? []
                : (0..<S).flatMap { [Task.funding($0), .round($0, 0)] }
                    + (1..<columns.roundCount).flatMap { k in (0..<S).map { Task.round($0, k) } }
            for task in fundingTasks {
                withScratch.append(tasks.count)
                funding.append(tasks.count)
                add(task)
            }
            for (a, b) in pairs { withScratch.append(tasks.count); add(.comparison(a, b)) }
            for s in 0..<S { for o in derived { withScratch.append(tasks.count); add(.column(s, o)) } }
            for s in 0..<S {
                for o in stored where !readByDrivers(s, o) && readWithScratch(s, o, pairs) { add(.column(s, o)) }
            }
            if inputs > 0 { for s in 0..<S { add(.drivers(s)) } }
            if inputs > 0 && analyses.drivers { for (a, b) in pairs { add(.comparisonDrivers(a, b)) } }
            for s in 0..<S { for o in stored where readByDrivers(s, o) { add(.column(s, o)) } }
            for s in 0..<S { add(.column(s, .npv)) }
            for s in 0..<S {
                add(.breakeven(s))
                if columns.hasFundingNeed { add(.cashOut(s)) }
                for level in TrialColumns.adoptionLevels.indices { add(.reach(s, level)) }
            }
            for k in 0..<columns.riskCount { add(.risk(k)) }
            if columns.hasLaunch { add(.launch) }
            for s in 0..<S { for month in ChartData.months(plan, columns) { add(.cashBand(s, month)) } }

            // Who waits for whom, from the declarations.
            var readers: [Task.ColumnRef: [Int]] = [:]
            for (i, task) in tasks.enumerated() {
                for column in task.readsInTrialOrder { readers[column, default: []].append(i) }
            }
            prerequisites = tasks.enumerated().map { i, task in
                task.needs(inputs: inputs).compactMap { index[$0] } + (task.reorders.flatMap { readers[$0] } ?? [])
                    + (withScratch.contains(i) ? freed : [])
                    + (funding.firstIndex(of: i).flatMap { $0 >= 2 ? [funding[$0 - 2]] : nil } ?? [])
            }
        }

        /// Whether stored outcome `o` of strategy `s` is read in trial order by a task with scratch columns (a
        /// comparison, profit and roi, the revenue lines): such a column is summarised after them.
        private func readWithScratch(_ s: Int, _ o: Outcome, _ pairs: [(Int, Int)]) -> Bool {
            let ref = Task.ColumnRef(strategy: s, outcome: o)
            let tasks =
                pairs.map { Task.comparison($0, $1) } + Outcome.allCases.filter(\.isDerived).map { Task.column(s, $0) }
                + [Task.lines(s)]
            return tasks.contains { $0.readsInTrialOrder.contains(ref) }
        }

        /// Whether the columns `task` summarises are handed back to the system when it is done: a stored column's
        /// task reorders it after every reader (`Task.reorders`), so nothing reads it afterwards.
        static func releases(_ task: Task) -> Bool { task.reorders != nil }

        /// Adds `task` at the end of the list.
        private mutating func add(_ task: Task) {
            index[task] = tasks.count
            tasks.append(task)
        }

        func threads(_ task: Task) -> Int {
            guard case .column(_, let outcome) = task else { return columnThreads }
            return outcome == .npv ? npvThreads : outcome.isDerived ? derivedThreads : columnThreads
        }
    }
}
