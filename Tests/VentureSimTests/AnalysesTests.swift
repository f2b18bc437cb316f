import Foundation
import Testing
@testable import VentureSim

/// `simulation.analyses`: turning the investor analyses off changes nothing else.
@Suite struct AnalysesTests {
    static let base =
        WhatIfTests.base + """

            targets:
              - {name: customers, metric: customers, month: 12, at_least: 500}
            stress:
              - name: crowded
                set: {market.competition: {dist: uniform, min: 0.3, max: 0.6}}
            """

    /// The summary of a run with every analysis, less what the analyses add.
    static func stripped(_ s: Summary) -> Summary {
        func strip(_ x: StrategySummary) -> StrategySummary {
            var x = x
            x.fundingNeed = nil; x.cashOutMonth = nil; x.cashOutByYear = nil; x.drivers = nil; x.whatHasToBeTrue = nil;
            x.byYear = nil
            for key in x.outcomes.keys { x.outcomes[key]!.ci95 = nil }
            return x
        }
        var s = s
        s.strategies = s.strategies.map(strip)
        for i in s.stressCases.indices { s.stressCases[i].strategies = s.stressCases[i].strategies.map(strip) }
        for i in s.comparisons.indices { s.comparisons[i].npvDifference.ci95 = nil; s.comparisons[i].drivers = nil }
        s.charts = nil
        s.driverSample = 0
        s.yearSample = 0
        s.inputs["simulation.analyses"] = "none"
        return s
    }

    @Test(arguments: [3_000, 70_000])
    func noneGivesEveryOtherFigureOfAll(trials: Int) throws {
        let all = try ScenarioLoader.load(
            text: Self.base, file: "a.yaml", overrides: [Override.parse("simulation.trials=\(trials)")])
        let none = try ScenarioLoader.load(
            text: Self.base, file: "a.yaml",
            overrides: [Override.parse("simulation.trials=\(trials)"), Override.parse("simulation.analyses=none")])
        #expect(none.simulation.analyses == .none)
        let full = try Engine.run(all, workers: 2)
        let lean = try Engine.run(none, workers: 1)
        #expect(full.strategies[0].drivers?.isEmpty == false)
        #expect(full.strategies[0].fundingNeed != nil)
        #expect(
            lean.strategies.allSatisfy {
                $0.fundingNeed == nil && $0.drivers == nil && $0.byYear == nil && $0.whatHasToBeTrue == nil
            })
        #expect(lean.strategies.allSatisfy { $0.outcomes.values.allSatisfy { $0.ci95 == nil } })
        #expect(Self.stripped(full) == lean)
        // The sections are gone from both reports, and the report says why.
        let md = MarkdownReport.render(scenario: none, summary: lean, command: "x")
        for section in ["## Funding need", "## Drivers", "## What has to be true", "## The plan year by year"] {
            #expect(!md.contains(section))
        }
        #expect(md.contains("Investor analyses not computed (`simulation.analyses: none`)"))
        #expect(md.contains("## Stress cases") && md.contains("## Targets"))
        let json = String(decoding: try JSONReport.render(lean, run: nil), as: UTF8.self)
        #expect(!json.contains("funding_need") && !json.contains("ci95") && !json.contains("\"drivers\""))
    }

    @Test func aListTurnsOnOnlyThoseNamed() throws {
        let s = try ScenarioLoader.load(
            text: Self.base, file: "a.yaml", overrides: [Override.parse("simulation.analyses=[funding_need, drivers]")])
        #expect(s.simulation.analyses.enabled == ["drivers", "funding_need"])
        #expect(s.inputs["simulation.analyses"] == "[drivers, funding_need]")
        let summary = try Engine.run(s, workers: 2)
        let first = summary.strategies[0]
        #expect(first.fundingNeed != nil && first.drivers != nil)
        #expect(first.whatHasToBeTrue == nil && first.byYear == nil && first.fundingNeed?.ci95 == nil)
        #expect(summary.driverSample == 4000 && summary.yearSample == 0)
        // The default writes nothing into the inputs, so earlier results compare equal.
        #expect(try Fixtures.load(Self.base).inputs["simulation.analyses"] == nil)
    }

    @Test(arguments: [
        ("simulation.analyses=some", "expected 'all', 'none' or a list of 'drivers'"),
        ("simulation.analyses=[drivers, tornado]", "found 'tornado'")
    ])
    func badValuesAreNamed(_ argument: String, _ fragment: String) throws {
        let error = #expect(throws: ScenarioError.self) {
            _ = try ScenarioLoader.load(text: Self.base, file: "a.yaml", overrides: [Override.parse(argument)])
        }
        #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("simulation.analyses") == true)
    }
}
