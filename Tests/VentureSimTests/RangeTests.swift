import Foundation
import Testing
@testable import VentureSim

/// Ranges as said (`4_000 to 12_000`, `{low, high}`): each family puts its P5 and P95 at the range's ends.
@Suite struct RangeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let spec: String
        let quantity: ScenarioLoader.Quantity
        let family: Distribution.Family
        let low: Double, high: Double
        /// The probabilities of the interval's ends.
        var pl = 0.05, ph = 0.95
        var testDescription: String { "\(spec) as \(quantity.rawValue)" }
    }

    static let cases: [Case] = [
        Case(spec: "4_000 to 12_000", quantity: .amount, family: .lognormal, low: 4000, high: 12000),
        Case(spec: "0.02 to 0.04", quantity: .share, family: .beta, low: 0.02, high: 0.04),
        Case(spec: "0.6 to 0.95", quantity: .share, family: .beta, low: 0.6, high: 0.95),
        Case(spec: "-2_000_000 to 5_000_000", quantity: .signed, family: .normal, low: -2e6, high: 5e6),
        Case(spec: "{low: 100, high: 300, dist: uniform}", quantity: .amount, family: .uniform, low: 100, high: 300),
        Case(
            spec: "{low: 0.1, high: 0.3, confidence: 0.8}", quantity: .share, family: .beta, low: 0.1, high: 0.3,
            pl: 0.1, ph: 0.9),
        Case(
            spec: "{low: 50, high: 400, confidence: 0.8}", quantity: .amount, family: .lognormal, low: 50, high: 400,
            pl: 0.1, ph: 0.9)
    ]

    /// The sample quantiles of 200,000 draws at the interval's two probabilities are the range's ends within
    /// five standard errors. A sample p-quantile has standard error √(p(1 − p)/n) / f(x_p), f the density at the
    /// true quantile (the asymptotic law of order statistics); f is taken from the law's CDF by a central
    /// difference. Five s.e. is exceeded by chance with probability below 10⁻⁶, and the seed is fixed.
    @Test(arguments: cases)
    func sampleQuantilesAtTheEnds(_ c: Case) throws {
        let d = try ScenarioLoader.distribution(text: c.spec, quantity: c.quantity)
        #expect(d.lawFamily == c.family)
        // The law itself: its quantiles are the ends (exactly for closed forms, to the solver's 10⁻⁶ for the beta).
        #expect(abs(d.quantile(c.pl) - c.low) <= 1e-6 * (c.high - c.low))
        #expect(abs(d.quantile(c.ph) - c.high) <= 1e-6 * (c.high - c.low))
        let n = 200_000
        let x = Engine.draws(d, count: n, seed: 20261203).sorted()
        for (p, target) in [(c.pl, c.low), (c.ph, c.high)] {
            let h = 1e-4 * (c.high - c.low)
            let density = (d.cdf(target + h) - d.cdf(target - h)) / (2 * h)
            let se = (p * (1 - p) / Double(n)).squareRoot() / density
            let sample = Percentiles.interpolate(p, count: n) { x[$0] }
            #expect(abs(sample - target) <= 5 * se, "P\(Int(p * 100)) \(sample) against \(target), s.e. \(se)")
        }
    }

    @Test func theReportSaysTheChosenFamilyAndItsMedian() throws {
        let d = try ScenarioLoader.distribution(text: "4_000 to 12_000", quantity: .amount)
        // The lognormal's median is the geometric mean of the ends: √(4,000 × 12,000) = 6,928.
        #expect(
            d.words
                == "4,000 to 12,000 (90 % interval): lognormal (μ 8.84, σ 0.334), chosen for a positive amount or "
                + "count; median 6,928"
        )
        let churn = try ScenarioLoader.distribution(text: "{low: 0.02, high: 0.04, dist: beta}", quantity: .share)
        #expect(churn.words.contains("beta (α"))
        #expect(churn.words.contains("as named; median 0.0"))
    }

    @Test func aScenarioTakesRangesWhereItTakesDistributions() throws {
        let s = try ScenarioLoader.load(
            text: """
                name: t
                market:
                  size: 4_000 to 12_000
                  demand: {low: 0.5, high: 0.9}
                strategies:
                  - name: a
                    kind: subscription
                    price_per_month: 50 to 120
                    churn_monthly: 0.02 to 0.04
                finance:
                  starting_cash: -100_000 to 400_000
                """, file: "t.yaml")
        #expect(s.market.size.lawFamily == .lognormal)
        #expect(s.market.demand.lawFamily == .beta)
        #expect(s.strategies[0].pricePerMonth.lawFamily == .lognormal)
        #expect(s.strategies[0].churnMonthly.lawFamily == .beta)
        #expect(s.finance.startingCash.lawFamily == .normal)
        // Written back as the fitted law, which reads back to the same numbers.
        let again = try ScenarioLoader.distribution(text: s.strategies[0].churnMonthly.yaml)
        #expect(again.law == s.strategies[0].churnMonthly.law)
    }

    @Test(arguments: [
        RefusedInput(value: "0 to 0.04", fragment: "a beta range (a share or a rate) needs 0 < low < high < 1"),
        RefusedInput(value: "2 to 4", fragment: "write shares as fractions (0.02 for 2 %)"),
        RefusedInput(value: "0.04 to 0.02", fragment: "a range needs low < high, found 0.04 to 0.02"),
        RefusedInput(value: "two to four", fragment: "expected a range 'LOW to HIGH' of two numbers"),
        RefusedInput(value: "{low: 0.02}", fragment: "a range needs both 'low' and 'high'"),
        RefusedInput(
            value: "{low: 0.02, high: 0.04, dist: gamma}",
            fragment: "a range can be fitted as lognormal, beta, normal, uniform, found 'gamma'"),
        RefusedInput(
            value: "{low: 0.02, high: 0.04, confidence: 90}", fragment: "expected a probability between 0 and 1")
    ])
    func refusedWithTheReason(_ r: RefusedInput) {
        let yaml =
            "name: t\nmarket: {size: 1000}\nstrategies:\n  - name: a\n    kind: subscription\n    price_per_month: "
            + "10\n    churn_monthly: \(r.value)\n"
        #expect {
            try ScenarioLoader.load(text: yaml, file: "t.yaml")
        } throws: { error in
            guard let e = error as? ScenarioError, let d = e.diagnostics.first else { return false }
            return d.path.hasPrefix("strategies[0].churn_monthly") && d.message.contains(r.fragment)
        }
    }

    @Test func aLognormalRangeNeedsAPositiveLow() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.distribution(text: "0 to 100", quantity: .amount) }
    }
}
