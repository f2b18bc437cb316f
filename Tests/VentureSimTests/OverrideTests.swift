import Testing
@testable import VentureSim

/// `--set` on untrusted paths (issue 19): a problem of a key the override had
/// to create is the override's, not the file's; a stress case's `set:` takes
/// a path as one key, merged beside the case's other keys.
@Suite struct OverrideTests {
    static let base = """
        name: o
        simulation: {trials: 100, seed: 1, horizon_months: 12}
        market: {size: 5000, demand: 0.7, competition: 0.2, launch_month: 2}
        strategies: [{name: sub, kind: subscription, price_per_month: 50}]
        stress:
          - name: s1
            set:
              market.competition: 0.5
          - name: s2
            set:
              market: {size: 3000, competition: 0.6, service: 0.9}
        """

    func load(_ sets: [String], text: String = base) throws -> Scenario {
        try ScenarioLoader.load(text: text, file: "o.yaml", overrides: sets.map { try Override.parse($0) })
    }

    func problems(_ sets: [String], text: String = base) -> [Diagnostic] {
        do {
            _ = try load(sets, text: text)
            return []
        } catch let error as ScenarioError {
            return error.diagnostics
        } catch {
            return [Diagnostic(file: "?", path: "", message: "unexpected \(error)")]
        }
    }

    @Test(arguments: ["a.b.c=1", "market.nonsense.deep=2", "strategies.sub.extra.x=1"])
    func aKeyTheOverrideCreatedBlamesTheOption(argument: String) throws {
        let d = problems([argument])
        #expect(!d.isEmpty)
        #expect(d.allSatisfy { $0.file == "--set '\(argument)'" }, "\(d)")
        #expect(d.allSatisfy { !$0.description.contains("o.yaml") }, "\(d)")
        #expect(d.contains { $0.message.contains("unknown key") }, "\(d)")
    }

    @Test func aProblemOfTheFileStillNamesTheFile() throws {
        // The file's own typo stays the file's when an unrelated --set creates nothing.
        let text = Self.base.replacingOccurrences(of: "launch_month: 2", with: "lunch_month: 2")
        let d = problems(["market.competition=0.3"], text: text)
        #expect(d.count == 1 && d[0].file == "o.yaml" && d[0].path == "market.lunch_month", "\(d)")
    }

    @Test func aStressSetPathIsOneKeyMergedIntoTheCase() throws {
        let s = try load(["stress.s1.set.market.size=1"])
        let c = try #require(s.stress.first { $0.name == "s1" })
        #expect(c.set == ["market.competition": "0.5", "market.size": "1"])
        // Only market.size changed: the case's competition and the base's other market keys are kept.
        #expect(c.scenario.market.size == .constant(1))
        #expect(c.scenario.market.competition == .constant(0.5))
        #expect(c.scenario.market.demand == .constant(0.7) && c.scenario.market.launchMonth == 2)
        #expect(s.market.size == .constant(5000) && s.market.competition == .constant(0.2))
    }

    @Test func aStressSetPathReplacesTheSameKeyAndMergesIntoAMapping() throws {
        let same = try load(["stress.s1.set.market.competition=0.9"])
        let s1 = try #require(same.stress.first { $0.name == "s1" })
        #expect(s1.set == ["market.competition": "0.9"] && s1.scenario.market.competition == .constant(0.9))
        // s2 replaces the whole market with its own mapping: the path goes inside that mapping, beside its other keys.
        let merged = try load(["stress.s2.set.market.size=7"])
        let s2 = try #require(merged.stress.first { $0.name == "s2" })
        #expect(s2.scenario.market.size == .constant(7) && s2.scenario.market.competition == .constant(0.6))
        #expect(s2.scenario.market.service == .constant(0.9) && s2.scenario.market.demand == .constant(1))
    }

    @Test func aBadValueSetInAStressCaseBlamesTheOption() throws {
        let argument = "stress.s1.set.market.competition=2"
        let d = problems([argument])
        #expect(
            d.count == 1 && d[0].file == "--set '\(argument)'" && d[0].path == "stress[0].set.market.competition",
            "\(d)")
    }

    @Test func aStressCaseWithAnUnknownPathIsReportedNotDropped() throws {
        // Before, the case was silently left out of the run and validate said ok.
        let text = Self.base + "\n  - name: s3\n    set:\n      a.b.c: 1\n"
        let d = problems([], text: text)
        #expect(
            d.count == 1 && d[0].file == "o.yaml" && d[0].path == "stress[2].set.a.b.c"
                && d[0].message.contains("unknown key 'a'"), "\(d)")
    }
}
