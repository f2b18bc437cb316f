import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import VentureSim

/// The charts: valid SVG, the same bytes for the same result, drawn only from
/// data the run has, every scenario string escaped.
@Suite struct ChartTests {
    static func summary(_ yaml: String = WhatIfTests.stressed, workers: Int = 2) throws -> (Scenario, Summary) {
        let s = try Fixtures.load(yaml)
        return (s, try Engine.run(s, workers: workers))
    }

    static func parses(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }

    @Test func everyChartIsValidSVGAndTheSameForAnyWorkerCount() throws {
        let (_, one) = try Self.summary(workers: 1)
        let (_, two) = try Self.summary(workers: 2)
        let a = Charts.all(one), b = Charts.all(two)
        #expect(a.map(\.slug) == ["npv", "exceedance", "cash", "funding", "tornado", "stress"])
        #expect(a.map(\.svg) == b.map(\.svg))
        for c in a {
            #expect(Self.parses(c.svg), "\(c.slug) is not well-formed XML")
            #expect(
                c.svg.hasPrefix("<?xml") && c.svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(c.slug)")
            #expect(Self.parses(c.inlineSVG), "\(c.slug) inline")
        }
        // The marks are the run's own figures: the NPV chart carries the P50 label of each strategy, the funding chart
        // the run's P90.
        let funding = a.first { $0.slug == "funding" }!
        #expect(funding.svg.contains(NumberFormat.amount(one.strategies[0].fundingNeed!.p90)))
    }

    @Test func onlyChartsWithDataAreDrawn() throws {
        let (_, plain) = try Self.summary(WhatIfTests.base)
        #expect(Charts.all(plain).map(\.slug) == ["npv", "exceedance", "cash", "funding", "tornado"])
        let none = try ScenarioLoader.load(
            text: WhatIfTests.base, file: "w.yaml", overrides: [Override.parse("simulation.analyses=none")])
        #expect(Charts.all(try Engine.run(none, workers: 2)).isEmpty)
        #expect(Charts.slugs(none).isEmpty)
        let some = try ScenarioLoader.load(
            text: WhatIfTests.base, file: "w.yaml", overrides: [Override.parse("simulation.analyses=[charts]")])
        #expect(Charts.all(try Engine.run(some, workers: 2)).map(\.slug) == ["npv", "exceedance", "cash"])
    }

    @Test func cdfReadsTheQuantileCurve() {
        // The quantile curve of the uniform distribution on [0, 200]: q(f) = 200 f.
        let q = ChartData.levels.map { $0 * 200 }
        #expect(Charts.cdf(q, -1) == 0 && Charts.cdf(q, 200) == 1)
        #expect(abs(Charts.cdf(q, 50) - 0.25) < 1e-12 && abs(Charts.cdf(q, 123.4) - 0.617) < 1e-12)
        // A constant: every trial at 7.
        let flat = [Double](repeating: 7, count: ChartData.levels.count)
        #expect(Charts.cdf(flat, 6.9) == 0 && Charts.cdf(flat, 7) == 1)
    }

    @Test func scenarioStringsAreEscaped() throws {
        // A risk's name reaches the tornado; a stress case's name the stress chart; strategy names every legend.
        let risky = WhatIfTests.base.replacingOccurrences(of: "name: leak", with: "name: '<b>leak</b> & \"co\"'")
            .replacingOccurrences(of: "name: sub,", with: "name: '<i>sub</i>',")
        let stressed = WhatIfTests.stressed.replacingOccurrences(
            of: "name: crowded", with: "name: '<script>x</script>'")
        let charts = try Charts.all(Self.summary(risky).1) + Charts.all(Self.summary(stressed).1)
        for c in charts {
            #expect(!c.svg.contains("<b>") && !c.svg.contains("<i>") && !c.svg.contains("<script>"), "\(c.slug)")
            #expect(Self.parses(c.svg), "\(c.slug)")
        }
        #expect(
            charts.first { $0.slug == "tornado" }!.svg.contains("risks.&lt;b&gt;leak&lt;/b&gt; &amp; \"co\".firings"))
        #expect(charts.first { $0.slug == "stress" }!.svg.contains("&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test func theCashSampleIsBoundedAndStated() throws {
        let (_, summary) = try Self.summary()
        #expect(summary.charts?.cashSample == 4000 && summary.charts?.sample == 4000)
        // Month 0 (the starting cash) and months 1 … 24.
        #expect(summary.charts?.strategies[0].cash.count == 25)
        // The median cash of month 1 equals the sample's, worked from the columns; month 0 is the starting cash.
        let s = try Fixtures.load(WhatIfTests.stressed)
        let (plan, columns) = try Fixtures.columns(s)
        var month1 = Array(columns.cashColumn(0, month: 1))
        month1.sort()
        #expect(
            summary.charts?.strategies[0].cash[1].p50
                == Percentiles.interpolate(0.5, count: month1.count) { month1[$0] })
        #expect(Array(columns.cashColumn(0, month: 0)).allSatisfy { $0 == s.finance.startingCash.constantValue })
        #expect(plan.cashSample == 4000)
    }
}
