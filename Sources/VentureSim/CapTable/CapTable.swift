import Foundation

/// Who owns a company through its funding rounds, and what each holder gets back at an exit
/// (docs/model.md#funding-rounds).
///
/// A pure value: it knows rounds, amounts, pre-money values and months, nothing of trials or streams. The kernel
/// drives one per strategy and trial (`reset`, then `close` or `decline` each round as the month loop meets it);
/// the summary reads `irr`. Rounds are indexed as in the scenario.
public struct CapTable: Equatable, Sendable {
    /// The founders' share (everyone who held the company before the first round).
    public private(set) var founders: Double = 1
    /// The money the closed rounds brought in.
    public private(set) var raised: Double = 0
    /// Each round's state, its investors' share and its amount, side by side: one array, so a replay (the summary
    /// replays every trial's table once per figure) checks one buffer's uniqueness and bounds, not three.
    private var rounds: [Round]

    /// One round in the table.
    private struct Round: Equatable, Sendable {
        /// 0 pending, −1 did not close, else the month it closed (≥ 1).
        var state = 0
        /// Its investors' share now (0 until the round closes).
        var ownership = 0.0
        /// Its amount invested (0 until the round closes).
        var invested = 0.0
    }

    /// Each round's state: 0 pending, −1 did not close, else the month it closed (≥ 1).
    public var state: [Int] { rounds.map(\.state) }
    /// Each round's investors' share now (0 until the round closes).
    public var ownership: [Double] { rounds.map(\.ownership) }
    /// Each round's amount invested (0 until the round closes).
    public var invested: [Double] { rounds.map(\.invested) }

    /// A table of `rounds` pending rounds and founders who own everything.
    public init(rounds: Int) {
        self.rounds = Array(repeating: Round(), count: rounds)
    }

    /// Back to `init(rounds:)`, keeping the storage (so a trial allocates nothing).
    @inline(__always)
    public mutating func reset(rounds: Int) {
        founders = 1
        raised = 0
        if self.rounds.count != rounds { self = CapTable(rounds: rounds); return }
        self.rounds.withUnsafeMutableBufferPointer { $0.update(repeating: Round()) }
    }

    /// Whether round `k` has neither closed nor failed.
    @inline(__always)
    public func isPending(_ k: Int) -> Bool { rounds[k].state == 0 }

    /// Round `k` was due and did not close; it never will.
    public mutating func decline(_ k: Int) { rounds[k].state = -1 }

    /// Round `k` closes in `month` (≥ 1): `amount` at `preMoney`. Everyone before it is diluted pro rata by
    /// preMoney / post-money; its investors own amount / post-money.
    @inline(__always)
    public mutating func close(_ k: Int, amount: Double, preMoney: Double, month: Int) {
        let post = preMoney + amount
        let kept = preMoney / post
        founders *= kept
        precondition(rounds.indices.contains(k), "no round \(k) in the table")
        // Through the buffer: one uniqueness check a close, not one a round.
        rounds.withUnsafeMutableBufferPointer { r in
            for j in r.indices where r[j].state > 0 { r[j].ownership *= kept }
            r[k] = Round(state: month, ownership: amount / post, invested: amount)
        }
        raised += amount
    }

    /// What one round's investors hold and get back at an exit.
    public struct Payout: Equatable, Sendable {
        /// Their share of the company.
        public var ownership: Double
        /// What they receive.
        public var proceeds: Double
        /// proceeds / invested (NaN when nothing was invested).
        public var moic: Double
    }

    /// The exit's split among the holders: common stock (each gets its share of `exit`) or, with `preference`,
    /// a 1× non-participating preference, pari passu among the rounds: a round whose share of the exit is worth less
    /// than it invested takes its money back instead of converting (all of them pro rata to their amounts when the exit
    /// cannot repay them all), and the converting holders share what is left.
    public func waterfall(exit: Double, preference: Bool) -> Waterfall {
        let (preferred, convertingShare) = split(exit: exit, preference: preference)
        return Waterfall(
            table: self, exit: exit, preference: preference, preferred: preferred, convertingShare: convertingShare)
    }

    /// Round `k`'s payout at an exit of `exit`: `waterfall(exit:preference:).payout(k)`, without the copy of the table
    /// a `Waterfall` holds (the summary asks this of every trial in which a round closed).
    @inline(__always)
    public func payout(_ k: Int, exit: Double, preference: Bool) -> Payout? {
        let (preferred, convertingShare) = split(exit: exit, preference: preference)
        return payout(k, exit: exit, preference: preference, preferred: preferred, convertingShare: convertingShare)
    }

    /// The preferences taken, in all, and the share of the company held by those who convert (see `waterfall`).
    @inline(__always)
    private func split(exit: Double, preference: Bool) -> (preferred: Double, convertingShare: Double) {
        var preferred = 0.0, convertingShare = founders
        for round in rounds where round.state > 0 {
            if preference && round.invested > round.ownership * exit {
                preferred += round.invested
            } else {
                convertingShare += round.ownership
            }
        }
        return (preferred, convertingShare)
    }

    /// Round `k`'s payout from the split (see `Waterfall.payout`).
    @inline(__always)
    fileprivate func payout(
        _ k: Int, exit: Double, preference: Bool, preferred: Double, convertingShare: Double
    ) -> Payout? {
        guard rounds[k].state > 0 else { return nil }
        let amount = rounds[k].invested, own = rounds[k].ownership
        let proceeds: Double
        if preference && amount > own * exit {
            proceeds = preferred > exit ? exit * amount / preferred : amount
        } else if preference {
            proceeds = convertingShare > 0 ? max(0, exit - preferred) * own / convertingShare : 0
        } else {
            proceeds = own * exit
        }
        return Payout(ownership: own, proceeds: proceeds, moic: amount > 0 ? proceeds / amount : .nan)
    }

    /// An exit's split (see `waterfall`).
    public struct Waterfall: Sendable {
        let table: CapTable
        public let exit: Double
        public let preference: Bool
        /// The preferences taken, in all, and the share of the company held by those who convert (founders included).
        public let preferred: Double
        public let convertingShare: Double

        /// What the converting holders share: the exit less the preferences taken.
        public var remainder: Double { max(0, exit - preferred) }

        /// Round `k`'s payout; nil when it did not close.
        @inline(__always)
        public func payout(_ k: Int) -> Payout? {
            table.payout(k, exit: exit, preference: preference, preferred: preferred, convertingShare: convertingShare)
        }

        /// What the founders receive.
        public var founders: Double {
            guard preference else { return table.founders * exit }
            return convertingShare > 0 ? remainder * table.founders / convertingShare : 0
        }
    }

    /// The annual internal rate of return of money that went in `monthsHeld` months before it came back as `moic` times
    /// itself (one flow each way): moic^(12 / months) − 1; nil when it was not held a whole month.
    public static func irr(moic: Double, monthsHeld: Int) -> Double? {
        monthsHeld > 0 ? pow(moic, 12 / Double(monthsHeld)) - 1 : nil
    }
}
