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

    /// A trial's funding rounds' terms, common to its strategies: per round the amount and the pre-money drawn,
    /// [round][amount, pre-money]. With each strategy's closing months and exit value they are all the summary needs
    /// to replay the strategy's cap table (`FundingOutcome.replay`): raised, ownership, proceeds and MOIC are not kept.
    enum Funding {
        @inline(__always) static func amount(_ round: Int) -> Int { 2 * round }
        @inline(__always) static func preMoney(_ round: Int) -> Int { 2 * round + 1 }
        /// Fields per trial.
        static func fields(rounds: Int) -> Int { 2 * rounds }
    }

    /// An insured risk's cost before insurance, or what insurance paid (`covered`): [insured risk][gross, covered],
    /// `slot` its place among the insured risks (`Plan.RiskPlan.insuredSlot`; only the insurance summary reads them).
    @inline(__always) static func riskCost(_ slot: Int, covered: Bool) -> Int { 2 * slot + (covered ? 1 : 0) }

    /// Revenue-line column `column`'s revenue, or cost: [line column (`Plan.lineOffsets`)][revenue, cost].
    @inline(__always) static func line(_ column: Int, cost: Bool) -> Int { 2 * column + (cost ? 1 : 0) }

    /// The cash sample's column of `month` (1-based) of `strategy`: [strategy][month − 1].
    @inline(__always) static func cash(strategy: Int, month: Int, horizon: Int) -> Int { strategy * horizon + month - 1 }

    /// The year-by-year sample's column: [strategy][year][revenue (0), cost (1)].
    @inline(__always) static func year(strategy: Int, year: Int, metric: Int, years: Int) -> Int { (strategy * years + year) * 2 + metric }

    /// The adoption columns: [strategy][level (`TrialColumns.adoptionLevels`)].
    @inline(__always) static func reach(strategy: Int, level: Int) -> Int { strategy * TrialColumns.adoptionLevels.count + level }

    /// A round's closing-month column: [strategy][round].
    @inline(__always) static func roundMonth(strategy: Int, round: Int, rounds: Int) -> Int { strategy * rounds + round }
}
