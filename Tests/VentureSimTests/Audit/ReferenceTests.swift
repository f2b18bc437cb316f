import Testing
@testable import VentureSim

/// Reference ranges: an input's own `reference:`, the shipped Bass ranges converted as `per` says, and the audit's
/// "beyond the published range" (issue 22).
@Suite struct ReferenceTests {
    static func bass(per: String, innovation: String) -> String {
        """
        name: bass
        simulation: {trials: 100, seed: 2, horizon_months: 12}
        market: {size: 1000}
        adoption: {per: \(per), innovation: \(innovation), imitation: 0}
        strategies: [{name: s, kind: subscription, price_per_month: 1}]
        targets: [{name: reach, metric: customers, month: 12, at_least: 95.6}]
        """
    }

    @Test func anInputsOwnReferenceIsReadAndValidated() throws {
        let s = try Fixtures.load(
            Self.bass(
                per: "year",
                innovation:
                    "{dist: uniform, min: 0.01, max: 0.06, reference: {low: 0.01, high: 0.02, source: 'our survey'}}"))
        #expect(s.adoption.innovation.reference == Reference(low: 0.01, high: 0.02, source: "our survey"))
        #expect(References.reference(for: "adoption.innovation", in: s)?.source == "our survey")
        let reversed = Fixtures.loadError(
            "costs: {training: {dist: uniform, min: 1, max: 2, reference: {low: 3, high: 1, source: x}}}")
        #expect(reversed.contains("costs.training.reference") && reversed.contains("low ≤ high"), "\(reversed)")
        let unsourced = Fixtures.loadError(
            "costs: {training: {dist: uniform, min: 1, max: 2, reference: {low: 1, high: 3}}}")
        #expect(unsourced.contains("costs.training.reference") && unsourced.contains("'source'"), "\(unsourced)")
    }

    /// The shipped ranges are per year: a scenario giving p and q per month compares with them divided by 12.
    @Test func theShippedBassRangesFollowPer() throws {
        let yearly = try Fixtures.load(Self.bass(per: "year", innovation: "{dist: uniform, min: 0.01, max: 0.06}"))
        #expect(References.reference(for: "adoption.innovation", in: yearly).map { [$0.low, $0.high] } == [0.005, 0.05])
        #expect(References.reference(for: "adoption.imitation", in: yearly).map { [$0.low, $0.high] } == [0.3, 0.5])
        let monthly = try Fixtures.load(Self.bass(per: "month", innovation: "{dist: uniform, min: 0.001, max: 0.005}"))
        #expect(
            References.reference(for: "adoption.innovation", in: monthly).map { [$0.low, $0.high] } == [
                0.005 / 12, 0.05 / 12
            ])
        #expect(References.reference(for: "market.size", in: monthly) == nil)
    }

    /// With q = 0 and no churn, customers at month 12 are 1,000 (1 − (1 − p/12)¹²): 95.6 needs p ≈ 0.1 a year, above
    /// the input's maximum (0.06) and above the published 0.005–0.05.
    @Test func aBreakEvenBeyondThePublishedRangeSaysSo() throws {
        let s = try Fixtures.load(Self.bass(per: "year", innovation: "{dist: uniform, min: 0.01, max: 0.06}"))
        var options = Auditor.Options()
        (options.trialsPerPoint, options.workers) = (500, 2)
        let input = try #require(try Auditor.run(s, options: options).claims.first?.inputs.first)
        let v = try #require(input.breakEven)
        let exact = 12 * (1 - pow(1 - 0.0956, 1.0 / 12))
        #expect(input.verdict == .beyondMaximum && input.beyondReference == true && input.reference?.high == 0.05)
        #expect(v >= exact - 1e-9 && v - exact < 0.001, "\(v) vs \(exact)")
    }
}

#if canImport(Glibc)
    import Glibc
#endif
