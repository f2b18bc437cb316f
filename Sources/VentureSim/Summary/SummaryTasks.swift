extension Summarizer {
    /// One piece of the summary's work. Each kind declares the stored columns it reads in trial order
    /// (`readsInTrialOrder`) and the other tasks' results it reads (`needs`); the schedule (`Work`) derives from these
    /// who waits for whom, so a new task kind states what it reads in one place.
    enum Task: Hashable {
        /// Input `k` of the driver sample ranked (the drawn inputs in `Plan.driverInputs` order, then each risk's
        /// firings).
        case rank(Int)
        /// A strategy's drivers and what has to be true, from the ranks.
        case drivers(Int)
        /// A strategy's NPV and funding-need curves for the charts.
        case curves(Int)
        /// A strategy's cash band in a month (0 … T) for the charts.
        case cashBand(Int, Int)
        case years(Int)
        case lines(Int)
        /// A strategy's funding figures but its rounds'.
        case funding(Int)
        /// Round `k` of strategy `s`: its figures and its investors' returns (`round(s, k)`).
        case round(Int, Int)
        case comparison(Int, Int)
        /// The drivers of a pair's NPV difference (A − B), from the ranks.
        case comparisonDrivers(Int, Int)
        /// A strategy's outcome (a derived one is computed from revenue and cost; a stored one is reordered in place).
        case column(Int, Outcome)
        case breakeven(Int)
        case reach(Int, Int)
        case cashOut(Int)
        case risk(Int)
        case launch

        /// A strategy's stored outcome column.
        struct ColumnRef: Hashable {
            var strategy: Int
            var outcome: Outcome
        }

        /// The stored columns this task reads in trial order: the task that reorders each must wait for it.
        var readsInTrialOrder: [ColumnRef] {
            switch self {
            case .comparison(let a, let b):
                [a, b].flatMap { s in [.npv, .revenue, .cost, .minCash].map { ColumnRef(strategy: s, outcome: $0) } }
            case .comparisonDrivers(let a, let b):
                [ColumnRef(strategy: a, outcome: .npv), ColumnRef(strategy: b, outcome: .npv)]
            case .column(let s, let o) where o.isDerived:
                [ColumnRef(strategy: s, outcome: .revenue), ColumnRef(strategy: s, outcome: .cost)]
            case .drivers(let s): [.npv, .revenue, .cost, .minCash].map { ColumnRef(strategy: s, outcome: $0) }
            case .curves(let s): [ColumnRef(strategy: s, outcome: .npv), ColumnRef(strategy: s, outcome: .fundingNeed)]
            case .lines(let s): [ColumnRef(strategy: s, outcome: .revenue), ColumnRef(strategy: s, outcome: .cost)]
            default: []
            }
        }

        /// Whether the task reads only the samples and the first rows of the columns (`Summarizer.sampleRows`), not
        /// reordering any: it may run as soon as those rows are simulated (`Summarizer.sampleTasks`).
        var readsOnlySamples: Bool {
            switch self {
            case .rank, .drivers, .comparisonDrivers, .curves, .cashBand, .years: true
            default: false
            }
        }

        /// The stored column this task reorders (its percentiles are found by selection in place).
        var reorders: ColumnRef? {
            if case .column(let s, let o) = self, !o.isDerived { return ColumnRef(strategy: s, outcome: o) }
            return nil
        }

        /// The tasks whose results this one reads, of the `inputs` ranked inputs.
        func needs(inputs: Int) -> [Task] {
            switch self {
            case .drivers, .comparisonDrivers: (0..<inputs).map(Task.rank)
            default: []
            }
        }
    }

    /// A column's statistics, its count of negative values (profit and minimum cash) and, for profit, CVaR95.
    struct ColumnFigures {
        var stats: Stats
        var negatives = 0
        var cvar: Double?
    }

    /// What a task found: each kind of task its own result.
    enum Output {
        case column(ColumnFigures)
        case comparison(Comparison)
        case histogram([Int])
        case ranked(DriverAnalysis.Ranked)
        case drivers([Driver], WhatHasToBeTrue)
        case comparisonDrivers([Driver])
        case curves(npv: [Double], fundingNeed: [Double]?)
        case band(ChartData.MonthBand)
        case years([YearFigures])
        /// Nil when the strategy's lines give no summary.
        case lines((lines: [RevenueLineSummary], diversification: Diversification)?)
        /// Without its rounds (each round's result is its own).
        case funding(FundingSummary)
        /// Nil returns without an exit.
        case round(RoundSummary, ReturnSummary?)
        case risk(RiskSummary)
        case launch(LaunchSummary)
    }

    /// The tasks' results, read by task with the type its kind returns; nil for a task the schedule does not have.
    struct Results {
        let index: [Task: Int]
        let outputs: [Output]

        func output(_ task: Task) -> Output? { index[task].map { outputs[$0] } }
        func column(_ task: Task) -> ColumnFigures? { if case .column(let x)? = output(task) { x } else { nil } }
        func comparison(_ task: Task) -> Comparison? { if case .comparison(let x)? = output(task) { x } else { nil } }
        func histogram(_ task: Task) -> [Int]? { if case .histogram(let x)? = output(task) { x } else { nil } }
        func ranked(_ task: Task) -> DriverAnalysis.Ranked? {
            if case .ranked(let x)? = output(task) { x } else { nil }
        }
        func drivers(_ task: Task) -> ([Driver], WhatHasToBeTrue)? {
            if case .drivers(let a, let b)? = output(task) { (a, b) } else { nil }
        }
        func comparisonDrivers(_ task: Task) -> [Driver]? {
            if case .comparisonDrivers(let x)? = output(task) { x } else { nil }
        }
        func curves(_ task: Task) -> (npv: [Double], fundingNeed: [Double]?)? {
            if case .curves(let a, let b)? = output(task) { (a, b) } else { nil }
        }
        func band(_ task: Task) -> ChartData.MonthBand? { if case .band(let x)? = output(task) { x } else { nil } }
        func years(_ task: Task) -> [YearFigures]? { if case .years(let x)? = output(task) { x } else { nil } }
        func lines(_ task: Task) -> (lines: [RevenueLineSummary], diversification: Diversification)? {
            if case .lines(let x)? = output(task) { x } else { nil }
        }
        func funding(_ task: Task) -> FundingSummary? { if case .funding(let x)? = output(task) { x } else { nil } }
        func round(_ task: Task) -> (RoundSummary, ReturnSummary?)? {
            if case .round(let a, let b)? = output(task) { (a, b) } else { nil }
        }
        func risk(_ task: Task) -> RiskSummary? { if case .risk(let x)? = output(task) { x } else { nil } }
        func launch(_ task: Task) -> LaunchSummary? { if case .launch(let x)? = output(task) { x } else { nil } }

        /// A result the schedule always has (`Work` adds the task whenever the summary reads it): a missing one is a
        /// defect of the schedule, not of any input, and stops with the task's name.
        func required<T>(_ task: Task, _ read: (Task) -> T?) -> T {
            guard let x = read(task) else { preconditionFailure("the summary's schedule has no \(task) result") }
            return x
        }
    }
}
