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

    /// A strategy's funding values: money raised, the founders' share at the horizon, the gap beyond the plan, then
    /// per round its investors' ownership, proceeds and MOIC (NaN when it did not close) and the amount invested (0
    /// then).
    enum Funding {
        static let raised = 0, founders = 1, gap = 2
        static let perStrategy = 3, perRound = 4
        @inline(__always) static func ownership(_ round: Int) -> Int { perStrategy + perRound * round }
        @inline(__always) static func proceeds(_ round: Int) -> Int { perStrategy + 1 + perRound * round }
        @inline(__always) static func moic(_ round: Int) -> Int { perStrategy + 2 + perRound * round }
        @inline(__always) static func amount(_ round: Int) -> Int { perStrategy + 3 + perRound * round }
        /// Fields per strategy.
        static func fields(rounds: Int) -> Int { perStrategy + perRound * rounds }
        /// Whether field `field` is a round's MOIC (the one funding value that may be NaN).
        static func isMoic(_ field: Int) -> Bool { field >= perStrategy && (field - perStrategy) % perRound == 2 }
    }

    /// Risk `risk`'s cost before insurance, or what insurance paid (`covered`): [risk][gross, covered].
    @inline(__always) static func riskCost(_ risk: Int, covered: Bool) -> Int { 2 * risk + (covered ? 1 : 0) }

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
    enum RoundFate: UInt16, CaseIterable {
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
