/// Where each value of a trial's record lives in `TrialColumns`: the one declaration that the kernel's writers
/// (scalar and lanes), the columns' accessors and the summary's readers all index through.
///
/// The layout of every array is [group][field][trial] (a column per field, a row per trial), so a field's index
/// here times the run's trial count is its column's offset. The lanes' own slots (`VS_TRIAL_*`, `VS_STRATEGY_*`,
/// `VS_OUT_*` in CLanes) are the kernel's draws and totals, not columns: `LaneContract` pairs them, checked by a test.
enum ColumnLayout {
    /// A strategy's stored outcomes in its block of `values` (the order of `Outcome.stored` less the derived
    /// outcomes; `TrialColumns.storedOutcomes`, checked by a test).
    enum Stored {
        static let npv = 0, revenue = 1, cost = 2, minCash = 3, customers = 4, fundingNeed = 5
    }

    /// Funding values. Per strategy: the gap beyond the plan and the exit's value ([strategy][field]). Per trial,
    /// common to the strategies: each round's amount and pre-money as drawn ([round][amount, pre-money]). With each
    /// strategy's closing months they are all the summary needs to replay its cap table (`FundingOutcome.replay`):
    /// money raised, ownership, proceeds and MOIC are not kept.
    enum Funding {
        static let gap = 0, exit = 1
        /// Fields per strategy.
        static let perStrategy = 2
        @inline(__always) static func amount(_ round: Int) -> Int { 2 * round }
        @inline(__always) static func preMoney(_ round: Int) -> Int { 2 * round + 1 }
        /// Term fields per trial.
        static func terms(rounds: Int) -> Int { 2 * rounds }
    }

    /// An insured risk's cost before insurance, or what insurance paid (`covered`): [insured risk
    /// (`RiskPlan.costColumn`, the insured risks in scenario order)][gross, covered]. An uninsured risk has no columns.
    @inline(__always) static func riskCost(_ insured: Int, covered: Bool) -> Int { 2 * insured + (covered ? 1 : 0) }

    /// Revenue-line column `column`'s revenue, or cost: [line column (`Plan.lineOffsets`)][revenue, cost].
    @inline(__always) static func line(_ column: Int, cost: Bool) -> Int { 2 * column + (cost ? 1 : 0) }

    /// The cash sample's column of `month` (0: the starting cash, then 1 … horizon) of `strategy`: [strategy][month].
    @inline(__always) static func cash(strategy: Int, month: Int, horizon: Int) -> Int {
        strategy * (horizon + 1) + month
    }

    /// The year-by-year sample's column: [strategy][year][revenue (0), cost (1)].
    @inline(__always) static func year(strategy: Int, year: Int, metric: Int, years: Int) -> Int {
        (strategy * years + year) * 2 + metric
    }

    /// The adoption columns: [strategy][level (`TrialColumns.adoptionLevels`)].
    @inline(__always) static func reach(strategy: Int, level: Int) -> Int {
        strategy * TrialColumns.adoptionLevels.count + level
    }

    /// A round's closing-month and fate columns: [strategy][round].
    @inline(__always) static func roundMonth(strategy: Int, round: Int, rounds: Int) -> Int {
        strategy * rounds + round
    }

    /// What became of a round in a trial (its fate column's values).
    /// One byte a value: four values need no more, and a funded plan keeps one per strategy, round and trial.
    enum RoundFate: UInt8, CaseIterable {
        case closed = 0
        /// The company failed before the round came due (before its month, or before its deadline while the condition
        /// was unmet).
        case failedBefore = 1
        /// The company lived, and the round's condition was not met in its window.
        case notTriggered = 2
        /// The round came due and did not close (`close_probability`).
        case declined = 3
    }
}
