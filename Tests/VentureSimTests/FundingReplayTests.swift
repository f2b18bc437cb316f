import Foundation
import Testing
@testable import VentureSim

/// The summary's replay of a trial's cap table from what the columns keep (the rounds' terms and closing months):
/// the same table as the month loop's, whatever the closing order, rounds closing in the same month included.
@Suite struct FundingReplayTests {
    /// Three rounds' terms in one trial, with the closing months `months` (0: did not close) for strategy 0.
    static func columns(months: [UInt16]) throws -> TrialColumns {
        let c = try #require(TrialColumns(count: 1, strategies: 1, risks: 0, rounds: 3))
        let terms: [(amount: Double, pre: Double)] = [(1, 3), (4, 4), (2, 6)]
        for (k, t) in terms.enumerated() {
            c.roundTermColumn(ColumnLayout.Funding.amount(k))[0] = t.amount
            c.roundTermColumn(ColumnLayout.Funding.preMoney(k))[0] = t.pre
            c.roundMonthColumn(0, round: k)[0] = months[k]
        }
        return c
    }

    static func replayed(_ months: [UInt16]) throws -> CapTable {
        let c = try columns(months: months)
        var table = CapTable(rounds: 3)
        FundingOutcome.replay(c, (0..<3).map { c.roundMonthColumn(0, round: $0) }, trial: 0, into: &table)
        return table
    }

    @Test func roundsReplayInMonthOrderNotIndexOrder() throws {
        // Round 2 closes first (month 4), then round 0 (month 9); round 1 did not close.
        var expected = CapTable(rounds: 3)
        expected.close(2, amount: 2, preMoney: 6, month: 4)
        expected.close(0, amount: 1, preMoney: 3, month: 9)
        #expect(try Self.replayed([9, 0, 4]) == expected)
    }

    @Test func roundsOfOneMonthReplayInTheScenarioOrder() throws {
        // Rounds 1 and 2 close in month 7: the month loop meets round 1 first.
        var expected = CapTable(rounds: 3)
        expected.close(0, amount: 1, preMoney: 3, month: 2)
        expected.close(1, amount: 4, preMoney: 4, month: 7)
        expected.close(2, amount: 2, preMoney: 6, month: 7)
        #expect(try Self.replayed([2, 7, 7]) == expected)
    }

    @Test func noRoundClosedLeavesTheFoundersEverything() throws {
        let table = try Self.replayed([0, 0, 0])
        #expect(table == CapTable(rounds: 3))
        #expect(table.founders == 1 && table.raised == 0)
    }
}
