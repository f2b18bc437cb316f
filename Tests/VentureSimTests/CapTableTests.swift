import Foundation
import Testing
@testable import VentureSim

/// The cap table by hand examples: dilution, the 1× non-participating preference's corner cases, MOIC and IRR.
/// Numbers are chosen to be exact in binary where the arithmetic allows.
@Suite struct CapTableTests {
    /// Seed: 1 at 3 pre-money (owns 1/4); Series A: 4 at 4 pre-money (owns 1/2, seed diluted to 1/8, founders to 3/8).
    static func twoRounds() -> CapTable {
        var table = CapTable(rounds: 2)
        table.close(0, amount: 1, preMoney: 3, month: 6)
        table.close(1, amount: 4, preMoney: 4, month: 18)
        return table
    }

    @Test func roundsDiluteEveryoneProRata() {
        let table = Self.twoRounds()
        #expect(table.founders == 0.375)
        #expect(table.ownership == [0.125, 0.5])
        #expect(table.raised == 5)
        #expect(table.state == [6, 18])
        #expect(table.founders + table.ownership.reduce(0, +) == 1)
    }

    @Test func commonStockSplitsTheExitByShare() throws {
        let w = Self.twoRounds().waterfall(exit: 80, preference: false)
        #expect(try #require(w.payout(0)) == CapTable.Payout(ownership: 0.125, proceeds: 10, moic: 10))
        #expect(try #require(w.payout(1)) == CapTable.Payout(ownership: 0.5, proceeds: 40, moic: 10))
        #expect(w.founders == 30)
    }

    /// Exit 4 against 5 of preferences: both rounds take theirs, pro rata to their amounts, and the founders get
    /// nothing.
    @Test func aPreferenceThatCannotBePaidInFullWipesOutTheFounders() throws {
        let w = Self.twoRounds().waterfall(exit: 4, preference: true)
        #expect(w.preferred == 5)
        #expect(w.remainder == 0)
        let seed = try #require(w.payout(0)), a = try #require(w.payout(1))
        #expect(seed.proceeds == 4.0 * 1 / 5)
        #expect(a.proceeds == 4.0 * 4 / 5)
        #expect(abs(seed.proceeds + a.proceeds - 4) < 1e-15)
        #expect(seed.moic == seed.proceeds / 1 && a.moic == a.proceeds / 4)
        #expect(w.founders == 0)
    }

    /// Exit 6: both rounds' shares (0.75, 3) are worth less than they put in, so both take their money (5) and the
    /// founders, the only converting holders, take the remaining 1.
    @Test func preferencesPaidInFullLeaveTheRestToTheConverters() throws {
        let w = Self.twoRounds().waterfall(exit: 6, preference: true)
        #expect(try #require(w.payout(0)).proceeds == 1)
        #expect(try #require(w.payout(1)).proceeds == 4)
        #expect(w.founders == 1)
    }

    /// Exit 20: the seed's share (2.5) beats its preference and converts; the Series A's (10) too: plain common stock.
    @Test func roundsWorthMoreAsCommonConvert() throws {
        let w = Self.twoRounds().waterfall(exit: 20, preference: true)
        #expect(w.preferred == 0)
        #expect(try #require(w.payout(0)).proceeds == 2.5)
        #expect(try #require(w.payout(1)).proceeds == 10)
        #expect(w.founders == 7.5)
    }

    /// One round converts while the other takes its preference: the converters (founders included) share what is left.
    @Test func aMixedWaterfallSharesTheRemainderAmongTheConverters() throws {
        var table = CapTable(rounds: 2)
        table.close(0, amount: 1, preMoney: 1, month: 3)  // seed owns 1/2, founders 1/2
        table.close(1, amount: 2, preMoney: 6, month: 9)  // A owns 1/4; seed 3/8, founders 3/8
        // Exit 4: seed's share 1.5 > 1 converts; A's share 1 < 2 prefers. Remainder 2 shared by seed and founders
        // (3/4).
        let w = table.waterfall(exit: 4, preference: true)
        #expect(w.preferred == 2)
        #expect(w.convertingShare == 0.75)
        #expect(try #require(w.payout(0)).proceeds == 1)
        #expect(try #require(w.payout(1)).proceeds == 2)
        #expect(w.founders == 1)
    }

    @Test func aRoundThatDidNotCloseGetsNothingAndDilutesNoOne() throws {
        var table = CapTable(rounds: 2)
        table.decline(0)
        table.close(1, amount: 1, preMoney: 1, month: 12)
        #expect(!table.isPending(0) && !table.isPending(1))
        #expect(table.founders == 0.5)
        let w = table.waterfall(exit: 10, preference: true)
        #expect(w.payout(0) == nil)
        #expect(try #require(w.payout(1)).proceeds == 5)
    }

    /// A round that closes in the horizon's last month is held no whole month: it has a MOIC but no IRR.
    @Test func aRoundClosingInTheLastMonthHasNoIRR() throws {
        let horizon = 24
        var table = CapTable(rounds: 1)
        table.close(0, amount: 2, preMoney: 6, month: horizon)
        let payout = try #require(table.waterfall(exit: 16, preference: true).payout(0))
        #expect(payout.moic == 2)
        #expect(CapTable.irr(moic: payout.moic, monthsHeld: horizon - table.state[0]) == nil)
        #expect(CapTable.irr(moic: 2, monthsHeld: 12) == 1)
        #expect(CapTable.irr(moic: 4, monthsHeld: 24) == 1)
    }

    @Test func nothingInvestedHasNoMOIC() throws {
        var table = CapTable(rounds: 1)
        table.close(0, amount: 0, preMoney: 5, month: 2)
        #expect(try #require(table.waterfall(exit: 10, preference: false).payout(0)).moic.isNaN)
    }

    @Test func resetKeepsNothingButTheStorage() {
        var table = Self.twoRounds()
        table.reset(rounds: 2)
        #expect(table == CapTable(rounds: 2))
        table.reset(rounds: 3)
        #expect(table == CapTable(rounds: 3))
    }
}
