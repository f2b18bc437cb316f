import Testing
@testable import VentureSim

/// A finished run's columns are freed in the background.
@Suite struct ColumnReleaseTests {
    @Test func releasedColumnsAreFreedOnceThePendingReleaseIsDone() throws {
        weak var released: TrialColumns?
        do {
            let columns = try #require(TrialColumns(count: 100_000, strategies: 2, risks: 3))
            released = columns
            ColumnRelease.inBackground(consume columns)
        }
        ColumnRelease.waitForPending()
        #expect(released == nil)
    }
}
