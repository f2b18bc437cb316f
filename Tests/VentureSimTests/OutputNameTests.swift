import Testing
@testable import VentureSim

/// Derived output names fit a file system's 255 bytes with every suffix (issue 19).
@Suite struct OutputNameTests {
    @Test func theLongestSuffixIsTheExceedanceChart() {
        #expect(OutputName.maxBaseBytes == 255 - "-exceedance.svg".utf8.count)
    }

    /// Every chart a run can draw has its suffix counted.
    @Test func everyChartSlugIsCounted() throws {
        let (scenario, summary) = try ChartTests.summary()
        #expect(Set(Charts.all(summary).map(\.slug)).isSubset(of: Charts.everySlug))
        #expect(Set(Charts.slugs(scenario)).isSubset(of: Charts.everySlug))
    }

    @Test func aShortNameIsKept() {
        #expect(OutputName.capped("pitch") == "pitch")
        let fits = String(repeating: "x", count: OutputName.maxBaseBytes)
        #expect(OutputName.capped(fits) == fits)
    }

    @Test(arguments: ["\u{1D400}", "e\u{301}", "👩‍💻", "中", "x"])
    func aLongNameIsCutAtACharacterAndHashed(_ letter: String) {
        let name = String(repeating: letter, count: 300)
        let capped = OutputName.capped(name)
        #expect(capped.utf8.count <= OutputName.maxBaseBytes)
        #expect(capped.utf8.count > OutputName.maxBaseBytes - 9 - letter.utf8.count, "cut more than needed")
        let kept = capped.dropLast(9)
        #expect(capped.hasSuffix("-" + ScenarioFile.fnv1a(name)))
        #expect(kept.allSatisfy { String($0) == letter }, "cut inside a character")
        // Two names cut alike still differ.
        #expect(OutputName.capped(name + "y") != capped)
        for suffix in OutputName.suffixes { #expect((capped + suffix).utf8.count <= 255) }
    }

    @Test func tooLongPathsAreNamed() {
        #expect(OutputName.problem("reports/pitch.md") == nil)
        #expect(OutputName.problem(String(repeating: "b", count: 255)) == nil)
        #expect(OutputName.problem("a/" + String(repeating: "b", count: 256))?.contains("256 bytes") == true)
        #expect(OutputName.problem("a/" + String(repeating: "b", count: 252) + ".svg")?.contains("--no-charts") == true)
        #expect(OutputName.problem("a/\u{301}" + String(repeating: "b", count: 250)) == nil)
        #expect(
            OutputName.problem(String(repeating: "d/", count: 2100))?.contains("paths are limited to 4095 bytes")
                == true)
    }
}
