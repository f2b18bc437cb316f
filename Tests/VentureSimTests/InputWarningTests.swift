import Foundation
import Testing
@testable import VentureSim

/// Values that are legal but probably not meant: each gets its ⚠ line, and no shipped scenario gets one unexplained.
@Suite struct InputWarningTests {
    static let base = """
        name: t
        market: {size: 10000}
        strategies:
          - name: s
            kind: subscription
            price_per_month: 100
            churn_monthly: 0.03
          - name: u
            kind: api
            price_per_unit: 0.05
            units_per_customer_month: 1000
            unit_cost: 0.01
            churn_monthly: 0.03
        costs: {acquisition_cost: 500}
        adoption: {per: year, innovation: 0.03, imitation: 0.38}
        """

    func warnings(_ yaml: String) throws -> [InputWarning] {
        try ScenarioLoader.load(text: yaml, file: "t.yaml").warnings
    }

    @Test func theBaseHasNone() throws {
        #expect(try warnings(Self.base).isEmpty)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let what: String
        let from: String, to: String
        let line: String
        var testDescription: String { what }
    }

    @Test(arguments: [
        // The three mistakes.
        Case(
            what: "annual Bass coefficients per month",
            from: "adoption: {per: year, innovation: 0.03, imitation: 0.38}",
            to: "adoption: {innovation: 0.03, imitation: 0.38}",
            line:
                "⚠ adoption: innovation p 0.03 and imitation q 0.38 a month are above what published markets show (per "
                + "month p up to about 0.01, "
                + "q up to about 0.08): these look like annual values: add `per: year`"),
        Case(
            what: "a fine of 2 meant as 2 %", from: "costs: {acquisition_cost: 500}",
            to:
                "costs: {acquisition_cost: 500}\nrisks: [{name: gdpr, category: legal, annual_probability: 0.1, "
                + "fine_of_annual_revenue: 2}]",
            line: "⚠ risks.gdpr.fine_of_annual_revenue: 2 is a fine of 200 % of a year's revenue; for 2 % write 0.02"),
        Case(
            what: "a demand shock written as the cut", from: "costs: {acquisition_cost: 500}",
            to:
                "costs: {acquisition_cost: 500}\nrisks: [{name: rival, category: market, annual_probability: 0.1, "
                + "demand_shock: 0.4}]",
            line: "⚠ risks.rival.demand_shock: market × 0.4 from then on, a 60 % cut; for a 40 % cut write 0.6"),
        // The other three.
        Case(
            what: "a yearly churn", from: "    churn_monthly: 0.03\n  - name: u",
            to: "    churn_monthly: 0.35\n  - name: u",
            line:
                "⚠ strategies.s.churn_monthly: mean churn 35 % a month: customers stay 2.86 months on average; if 35 % "
                + "is a yearly rate, "
                + "the monthly one is 0.0353"),
        Case(
            what: "an acquisition cost above two years of revenue", from: "costs: {acquisition_cost: 500}",
            to: "costs: {acquisition_cost: 2000}",
            line:
                "⚠ costs.acquisition_cost: 2,000 to win a customer is more than two years of what a customer of 'u' "
                + "pays (50 a month): "
                + "it is paid back after 40 months, if the customer stays that long"),
        Case(
            what: "a usage price below its unit cost", from: "unit_cost: 0.01", to: "unit_cost: 0.08",
            line:
                "⚠ strategies.u.price_per_unit: the usage price 0.05 is below its unit cost 0.08: every unit sold "
                + "loses 0.03"
        )
    ])
    func eachMistakeWarns(_ c: Case) throws {
        #expect(Self.base.contains(c.from))
        let w = try warnings(Self.base.replacingOccurrences(of: c.from, with: c.to))
        #expect(w.map(\.line) == [c.line])
    }

    /// A range's median is what is checked: a churn said as 25 % to 45 % a month warns.
    @Test func rangesAreCheckedByTheirTypicalValue() throws {
        let w = try warnings(
            Self.base.replacingOccurrences(
                of: "    churn_monthly: 0.03\n  - name: u", with: "    churn_monthly: 0.25 to 0.45\n  - name: u"))
        #expect(w.map(\.path) == ["strategies.s.churn_monthly"])
    }

    /// The shortcut before the mean's 10,000 quantiles says "no" only where the mean is at most the limit: checked
    /// at limits just below and above each law's mean, for laws of every shape a churn is written with.
    @Test func theMeansBoundNeverHidesAWarning() {
        let laws: [Distribution] = [
            Distribution(.beta(alpha: 2, beta: 60)), Distribution(.beta(alpha: 0.5, beta: 0.5)),
            Distribution(.uniform(min: 0.1, max: 0.3)),
            Distribution(.pert(min: 0.01, mode: 0.02, max: 0.4)),
            Distribution(.triangular(min: 0, mode: 0.3, max: 0.31)),
            Distribution(.lognormal(mu: -3, sigma: 0.5, percentiles: nil)),
            Distribution(.beta(alpha: 2, beta: 8), lower: 0.1, upper: 0.5),
            Distribution(.uniform(min: 0.1, max: 0.3)).scaled(by: 2)
        ]
        for law in laws {
            let mean = law.mean
            for limit in [mean * 0.5, mean - 1e-6, mean, mean + 1e-6, mean * 1.01, mean * 1.2, mean * 2] {
                #expect(law.meanMayExceed(limit) || mean <= limit, "\(law) at \(limit)")
            }
            // Far above the mean the shortcut settles it (the point of it); 1.2 × is within reach of a coarse bound.
            #expect(!law.meanMayExceed(mean * 2 + 0.01), "\(law)")
        }
    }

    /// Every shipped scenario gives no warning, or explains each in a comment `# ⚠ PATH:` in the file.
    @Test func shippedScenariosGiveNoneUnexplained() throws {
        let folder = Fixtures.root.appendingPathComponent("scenarios")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for w in try ScenarioLoader.load(text: text, file: name).warnings {
                #expect(text.contains("# ⚠ \(w.path):"), "\(name): \(w.line)")
            }
        }
    }

    @Test func theReportListsThem() throws {
        let s = try ScenarioLoader.load(
            text: Self.base.replacingOccurrences(of: "unit_cost: 0.01", with: "unit_cost: 0.08"), file: "t.yaml")
        var small = s
        small.simulation.trials = 200
        let summary = try Engine.run(small, workers: 1)
        let md = MarkdownWriter.write(MarkdownReport.inputSection(small, summary))
        #expect(
            md.contains(
                "- ⚠ strategies.u.price_per_unit: the usage price 0.05 is below its unit cost 0.08: every unit sold "
                    + "loses 0.03"
            ))
    }
}
