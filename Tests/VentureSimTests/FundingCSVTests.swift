import Foundation
import Testing
@testable import VentureSim

/// The per-trial CSV's funding columns (issue 21): their statistics are the JSON's, digit for digit.
@Suite struct FundingCSVTests {
    /// The CSV of a run, as columns by header name (nil for an empty field).
    static func table(_ scenario: Scenario) throws -> [String: [Double?]] {
        let plan = Plan(scenario)
        let columns = try Simulator.run(plan, workers: 2, exportInputs: true)
        var text = ""
        TrialCSV.write(plan, columns) { text += $0 }
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true).map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = lines[0].map(String.init)
        var out: [String: [Double?]] = [:]
        for (j, name) in header.enumerated() {
            out[name] = lines.dropFirst().map { $0[j].isEmpty ? nil : Double(String($0[j])) }
        }
        return out
    }

    static func stats(_ x: [Double]) -> Stats {
        var x = x
        return x.withUnsafeMutableBufferPointer { Stats.of($0, confidence: true) }
    }

    /// fintech-series-a (three rounds, failures, a preference): each funding column against the JSON's figure. The
    /// values are read back exactly (17 digits) and summarised by the same function over the same trials in the same
    /// order, so they agree to the last digit; the money raised is the sum of the amounts in closing order, which for
    /// these rounds (their months in order) is the round order.
    @Test func theFundingColumnsGiveTheJSONsFigures() throws {
        var s = try Fixtures.scenario("fintech-series-a.yaml")
        s.simulation.trials = 3_000
        let csv = try Self.table(s)
        let summary = try Engine.run(s, workers: 2)
        let n = Double(s.simulation.trials)
        for st in summary.strategies {
            let f = try #require(st.funding), returns = try #require(st.returns)
            let failure = try #require(csv["\(st.name).failure_month"])
            #expect(Double(failure.compactMap { $0 }.count) / n == f.pFailed)
            #expect(Self.stats(try #require(csv["\(st.name).gap_beyond_plan"]).map { $0 ?? .nan }) == f.gapBeyondPlan)
            var raised = [Double](repeating: 0, count: s.simulation.trials)
            for (k, round) in s.funding.enumerated() {
                let base = "\(st.name).\(round.name)."
                let month = try #require(csv[base + "closing_month"]), amount = try #require(csv[base + "amount"])
                let closed = month.indices.filter { month[$0] != nil }
                #expect(Double(closed.count) / n == f.rounds[k].pClosed)
                let months = Self.stats(closed.map { month[$0]! })
                #expect(
                    months.p10 == f.rounds[k].monthP10 && months.p50 == f.rounds[k].monthP50
                        && months.p90 == f.rounds[k].monthP90)
                #expect(
                    Self.stats(closed.map { csv[base + "ownership_at_horizon"]![$0]! })
                        == f.rounds[k].ownershipAtHorizon)
                #expect(Self.stats(closed.compactMap { csv[base + "moic"]![$0] }) == returns[k].moic)
                #expect(Self.stats(closed.compactMap { csv[base + "irr"]![$0] }) == returns[k].irr)
                for i in closed { raised[i] += amount[i]! }
                // Where it did not close, every one of its fields is empty.
                #expect(
                    month.indices.allSatisfy { i in
                        month[i] != nil || Self.roundFields(csv, base).allSatisfy { $0[i] == nil }
                    })
            }
            #expect(Self.stats(raised).mean == f.raised.mean)
        }
    }

    static func roundFields(_ csv: [String: [Double?]], _ base: String) -> [[Double?]] {
        TrialCSV.roundFields.compactMap { csv[base + $0] }
    }

    /// Without rounds there are no funding columns.
    @Test func anUnfundedRunHasNoFundingColumns() throws {
        var s = try Fixtures.scenario("fintech-series-a.yaml")
        (s.simulation.trials, s.funding, s.exit) = (10, [], nil)
        let (plan, columns) = try Fixtures.columns(s)
        #expect(!TrialCSV.header(plan, columns).contains { $0.hasSuffix("failure_month") || $0.hasSuffix(".moic") })
    }
}
