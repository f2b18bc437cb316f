import Testing
@testable import VentureSim

/// `market.willingness_to_pay` (docs/model.md#willingness-to-pay): each strategy keeps the share of the market that
/// would pay its monthly charge.
@Suite struct WillingnessToPayTests {
    /// A market of 1,000 customers all won in month 1 (fixed adoption, every factor 1, no churn), six months.
    static func scenario(strategies: String, wtp: String? = "{dist: uniform, min: 0, max: 100}") throws -> Scenario {
        try Fixtures.load(
            """
            name: wtp
            simulation: {trials: 10, horizon_months: 6}
            market: {size: 1000\(wtp.map { ", willingness_to_pay: \($0)" } ?? "")}
            adoption: {model: fixed}
            strategies: [\(strategies)]
            finance: {starting_cash: 0}
            """)
    }

    /// Uniform(0, 100): a subscription at 40 keeps 1 − 40/100 = 0.6 of the market, 600 customers, revenue
    /// 600 × 40 × 6 = 144,000; an api at 0.5 × 100 units = 50 a month keeps 0.5, 500 customers, revenue
    /// 500 × 50 × 6 = 150,000; a hybrid at 20 + 0.5 × (100 − 60) = 40 keeps 0.6 (600 customers, 144,000). Without the
    /// key every strategy reaches all 1,000.
    @Test func theHandWorkedShares() throws {
        let strategies =
            "{name: s, kind: subscription, price_per_month: 40}, "
            + "{name: a, kind: api, price_per_unit: 0.5, units_per_customer_month: 100}, "
            + "{name: h, kind: hybrid, price_per_month: 20, price_per_unit: 0.5, units_per_customer_month: 100, "
            + "included_units: 60}"
        let summary = try Engine.run(Self.scenario(strategies: strategies), workers: 1)
        let expected: [(customers: Double, revenue: Double, kept: Double)] = [
            (600, 144_000, 0.6), (500, 150_000, 0.5), (600, 144_000, 0.6)
        ]
        for (s, e) in zip(summary.strategies, expected) {
            #expect(abs((s.outcome(.customers).p50 ?? .nan) - e.customers) < 1e-9, "\(s.name)")
            #expect(abs((s.outcome(.revenue).p50 ?? .nan) - e.revenue) < 1e-6, "\(s.name)")
            #expect(abs((s.priceShareKept?.mean ?? .nan) - e.kept) < 1e-12, "\(s.name)")
        }
        let without = try Engine.run(Self.scenario(strategies: strategies, wtp: nil), workers: 1)
        #expect(without.strategies.allSatisfy { $0.outcome(.customers).p50 == 1000 && $0.priceShareKept == nil })
    }

    /// A discrete willingness to pay: a customer whose willingness equals the price buys (P(W ≥ c), the mass at c
    /// counted): values 30, 40, 50 with weights 1, 1, 2 keep 3/4 at a price of 40 and 1/2 at 41.
    @Test(arguments: [(40.0, 750.0), (41, 500), (51, 0)])
    func aDiscreteLawCountsTheMassAtThePrice(_ price: Double, _ customers: Double) throws {
        let s = try Self.scenario(
            strategies: "{name: s, kind: subscription, price_per_month: \(price)}",
            wtp: "{dist: discrete, values: [30, 40, 50], weights: [1, 1, 2]}")
        let c = try Engine.run(s, workers: 1).strategies[0].outcome(.customers).p50 ?? .nan
        #expect(abs(c - customers) < 1e-9)
    }

    /// With the key the plan keeps off the lanes (one place decides: `Plan.features`); without it nothing changes.
    @Test func theFeatureIsDecidedByThePlan() throws {
        let strategy = "{name: s, kind: subscription, price_per_month: 40}"
        #expect(try Plan(Self.scenario(strategies: strategy)).features == [.willingnessToPay])
        #expect(try Plan(Self.scenario(strategies: strategy, wtp: nil)).features.isEmpty)
        #expect(try Self.scenario(strategies: strategy).inputs["market.willingness_to_pay"] != nil)
        #expect(try Self.scenario(strategies: strategy, wtp: nil).inputs["market.willingness_to_pay"] == nil)
    }

    /// A scan over ten subscription prices, 20 … 200, on the same trials (the price is a constant: every draw is the
    /// same at every price). With willingness to pay uniform on (0, 200) a price c keeps 1 − c/200 of the market and
    /// earns c − 10 a customer-month over the per-customer cost, so the margin (1 − c/200)(c − 10) peaks at c = 105;
    /// at 200 nobody buys and the NPV is the running costs', at 20 the margin does not pay back acquisition.
    ///
    /// Tolerances: each median's distribution-free 95 % interval (`ci95["p50"]`, order statistics) spans about
    /// ±1.96 standard errors of the median. The top must exceed both ends by more than the two intervals'
    /// half-widths together (so the rise and the fall are not noise: the intervals do not overlap); and each step
    /// may go the wrong way (down before the top, up after it) by at most the sum of the two steps' half-widths,
    /// the noise two medians can show. With common random numbers the real noise of a difference is smaller still,
    /// so these bounds are conservative; the seed is fixed, so the test is deterministic.
    @Test func medianNPVRisesThenFallsWithPrice() throws {
        let prices = stride(from: 20.0, through: 200, by: 20).map { $0 }
        var medians: [Double] = [], halfWidths: [Double] = []
        for price in prices {
            let s = try Fixtures.load(
                """
                name: scan
                simulation: {trials: 400, seed: 7, horizon_months: 36}
                market: {size: 5_000 to 20_000, willingness_to_pay: {dist: uniform, min: 0, max: 200},
                         demand: {dist: uniform, min: 0.6, max: 0.9}}
                adoption: {per: year, innovation: 0.03, imitation: 0.38}
                strategies: [{name: s, kind: subscription, price_per_month: \(price), churn_monthly: 0.03}]
                costs: {operations_monthly: 20_000, cost_per_customer_monthly: 10, acquisition_cost: 100 to 400}
                finance: {starting_cash: 1_000_000}
                """)
            let npv = try Engine.run(s, workers: 1).strategies[0].outcome(.npv)
            let ci = try #require(npv.ci95?["p50"])
            medians.append(try #require(npv.p50))
            halfWidths.append((ci[1] - ci[0]) / 2)
        }
        let top = try #require(medians.indices.max { medians[$0] < medians[$1] })
        #expect(top > 0 && top < prices.count - 1, "argmax at \(prices[top]): \(medians)")
        for end in [0, prices.count - 1] {
            #expect(medians[top] - medians[end] > halfWidths[top] + halfWidths[end], "\(medians)")
        }
        for k in 0..<(prices.count - 1) {
            let step = medians[k + 1] - medians[k], noise = halfWidths[k] + halfWidths[k + 1]
            #expect(k < top ? step > -noise : step < noise, "step \(k): \(step), noise \(noise)")
        }
    }

    /// `validate` warns when a price is above nearly the whole distribution (almost nobody buys) or below nearly
    /// all of it.
    @Test(arguments: [
        ("5000", "strategies.s", "almost nobody buys"), ("10", "strategies.s", "would pay more")
    ])
    func aPriceFarFromTheWillingnessToPayIsWarned(_ price: String, _ path: String, _ fragment: String) throws {
        let s = try Self.scenario(
            strategies: "{name: s, kind: subscription, price_per_month: \(price)}", wtp: "120 to 600")
        let warning = try #require(s.warnings.first { $0.path == path })
        #expect(warning.message.contains(fragment), "\(warning.message)")
        let fine = try Self.scenario(
            strategies: "{name: s, kind: subscription, price_per_month: 299}", wtp: "120 to 600")
        #expect(fine.warnings.isEmpty)
    }

    /// A bad value is refused at its key path; the sketch summary, which keeps no per-trial share, refuses the key.
    @Test(arguments: [
        ("market: {size: 10, willingness_to_pay: -5}", "market.willingness_to_pay"),
        ("market: {size: 10, willingness_to_pay: {dist: uniform, min: 0}}", "market.willingness_to_pay"),
        (
            "simulation: {summary: sketch}\nmarket: {size: 10, willingness_to_pay: 10 to 50}",
            "does not cover willingness to pay"
        )
    ])
    func badUsesAreRefused(_ market: String, _ fragment: String) {
        let text = "name: bad\n\(market)\nstrategies: [{name: s, kind: subscription, price_per_month: 1}]\n"
        #expect(throws: (any Error).self) { try Fixtures.load(text) }
        do { _ = try Fixtures.load(text) } catch { #expect("\(error)".contains(fragment), "\(error)") }
    }

    /// The report shows the section and escapes the strategy's name.
    @Test func theReportSaysWhatEachPriceKeeps() throws {
        let s = try Self.scenario(strategies: "{name: 'a|b*c', kind: subscription, price_per_month: 40}")
        let md = MarkdownReport.render(scenario: s, summary: try Engine.run(s, workers: 1), command: "x")
        #expect(md.contains("## Demand kept by price"))
        #expect(md.contains("a\\|b\\*c"), "\(md)")
        #expect(md.contains("60 %"))
    }
}
