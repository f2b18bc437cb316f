import Testing
@testable import VentureSim

/// The audit's break-even search on plans whose answer is known in closed form (issue 22).
@Suite struct BreakEvenTests {
    /// Fixed adoption over one month: customers = market.size × the five factors, so a claim on customers is a
    /// threshold on the drawn inputs and P(claim | input = v) is 0 or 1, or a uniform's tail.
    static func scenario(market: String, targets: String) -> String {
        """
        name: closed
        simulation: {trials: 100, seed: 3, horizon_months: 1}
        market: \(market)
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 1}]
        targets: \(targets)
        """
    }

    static func options(trials: Int = 2000) -> Auditor.Options {
        var o = Auditor.Options()
        o.trialsPerPoint = trials
        o.workers = 2
        return o
    }

    /// size ~ U(0, 1000), claim customers ≥ 600: P = 1 from size 600 on, 0 below, so the break-even is 600 (P60) and
    /// the search returns a value at or above it within the stated resolution (percentile points × 1000 / 100).
    @Test func aThresholdClaimOnAUniformInputGivesTheClosedForm() throws {
        let s = try Fixtures.load(
            Self.scenario(
                market: "{size: {dist: uniform, min: 0, max: 1000}}",
                targets:
                    "[{name: c, metric: customers, month: 1, at_least: 600}, {name: big, metric: customers, month: 1, "
                    + "at_least: 1500}]"
            ))
        let result = try Auditor.run(s, options: Self.options())
        let resolution = result.settings.resolution / 100 * 1000
        let c = try #require(result.claims.first { $0.target == "c" }?.inputs.first)
        let v = try #require(c.breakEven)
        #expect(c.input == "market.size" && c.atLeast == true && c.verdict == .withinRange)
        #expect(v >= 600 && v - 600 <= resolution, "\(v) ± \(resolution)")
        #expect(abs((c.percentile ?? 0) - 60) <= result.settings.resolution)
        // 1,500 is beyond the maximum: the search steps past 1,000 and bisects in value (10 steps over at most 499).
        let big = try #require(result.claims.first { $0.target == "big" }?.inputs.first)
        let w = try #require(big.breakEven)
        #expect(big.verdict == .beyondMaximum && big.atLeast == true && big.percentile == nil)
        #expect(w >= 1500 && w - 1500 <= 499.0 / 1024 + 1e-9, "\(w)")
        // The curve is every point tried, by value, with its binomial standard error.
        #expect(c.curve.map(\.value) == c.curve.map(\.value).sorted())
        #expect(c.curve.allSatisfy { $0.se == ($0.probability * (1 - $0.probability) / 2000).squareRoot() })
    }

    /// performance and demand ~ U(0, 1), size 1,000, claim customers ≥ 900: even at 1 (a share's top) the other must be
    /// ≥ 0.9, P = 0.1, so no value of either alone brings it to 50 %. Customers ≤ 100 given performance v holds with
    /// P = min(1, 0.1/v): at most 0.2 brings it to 50 %. Customers ≥ 0 holds whatever the inputs are.
    @Test func aClaimNoSingleInputCanRescueSaysSo() throws {
        let s = try Fixtures.load(
            Self.scenario(
                market:
                    "{size: 1000, performance: {dist: uniform, min: 0, max: 1}, demand: {dist: uniform, min: 0, max: "
                    + "1}}",
                targets:
                    "[{name: high, metric: customers, month: 1, at_least: 900}, {name: low, metric: customers, month: "
                    + "1, at_most: 100}, "
                    + "{name: any, metric: customers, month: 1, at_least: 0}]"))
        let result = try Auditor.run(s, options: Self.options(trials: 4000))
        let high = try #require(result.claims.first { $0.target == "high" })
        #expect(high.inputs.count == 2 && high.inputs.allSatisfy { $0.verdict == .neverReaches && $0.breakEven == nil })
        // The best point of each curve: P = 0.1 with s.e. √(0.09/4000) ≈ 0.0047; five s.e. below 0.5 by far.
        #expect(high.inputs.allSatisfy { abs(($0.curve.map(\.probability).max() ?? 0) - 0.1) < 5 * 0.0048 })
        let low = try #require(
            result.claims.first { $0.target == "low" }?.inputs.first { $0.input == "market.performance" })
        let v = try #require(low.breakEven)
        // P(v) = 0.1/v crosses 0.5 at 0.2 with slope −2.5: the sampling error of P (s.e. ≤ 0.008 at 4,000 trials) moves
        // the crossing by at most 5 × 0.008 / 2.5 = 0.016, plus the resolution.
        #expect(low.atLeast == false && abs(v - 0.2) < 0.016 + result.settings.resolution / 100, "\(v)")
        let any = try #require(result.claims.first { $0.target == "any" })
        #expect(any.inputs.allSatisfy { $0.verdict == .alwaysHolds })
    }
}
