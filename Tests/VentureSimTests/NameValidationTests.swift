import Testing
@testable import VentureSim

/// Names are one line of visible text; descriptions may hold line breaks
/// and tabs but no other control, bidirectional control or non-character
/// (issue 19). Each refusal names the file, the key path and what was expected.
@Suite struct NameValidationTests {
    typealias Place = NameFixtures.Place

    /// A refused text and a word its message must hold.
    static let refused: [(text: String, word: String)] = [
        ("\u{1B}[31m", "escape character"), (u(0x0), "NUL"), (u(0xFFFE), "non-character"), (u(0xFFFF), "non-character"),
        ("\n", "line break"), ("\r\n", "line break"), ("\r", "line break"), ("\t", "tab"),
        (u(0x7F), "control character"),
        (u(0x85), "control character"), (u(0x9B), "control character"), (u(0x202E), "bidirectional"),
        (u(0x202A), "bidirectional"),
        (u(0x2066), "bidirectional"), (u(0x2069), "bidirectional"), (u(0x200E), "bidirectional"),
        (u(0x200F), "bidirectional"),
        (u(0x061C), "bidirectional"), (u(0xFDD0), "non-character"), (u(0xFDEF), "non-character"),
        (u(0x1FFFE), "non-character"),
        (u(0x10FFFF), "non-character"), (u(0x2028), "separator")
    ]

    /// The scalar `v` as a string (Swift literals cannot spell non-characters).
    static func u(_ v: UInt32) -> String { String(Unicode.Scalar(v)!) }

    static func error(_ yaml: String, overrides: [Override] = []) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(text: yaml, file: "pitch.yaml", overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    /// Whether printed text holds a scalar a terminal would act on (line breaks between lines aside).
    static func rawUnsafe(_ printed: String) -> Bool {
        printed.unicodeScalars.contains { $0 != "\n" && TextRules.refusal($0, as: .name) != nil }
    }

    @Test func theFixtureLoadsWithPlainText() throws {
        for place in Place.allCases where place != .correlationInput {
            let s = try Fixtures.load(NameFixtures.scenario("R&D; licence | <b> `x` \"q\" 'a' ✓ é", at: place))
            #expect(s.strategies.count == 1, "\(place)")
        }
    }

    @Test(arguments: Place.allCases) func everyPlaceRefusesEveryKind(_ place: Place) throws {
        for (bad, word) in Self.refused {
            if place.isFreeText, bad == "\n" || bad == "\t" { continue }
            let text = "ab" + bad + "cd"
            let error = try #require(
                Self.error(NameFixtures.scenario(text, at: place)), "\(place) accepted \(TextRules.escaped(text))")
            let d = try #require(error.diagnostics.first { $0.path == place.path }, "\(place): \(error)")
            #expect(d.file == "pitch.yaml" && d.line != nil, "\(d)")
            #expect(d.message.contains(word) && d.message.contains("at character 3"), "\(place): \(d.message)")
            #expect(d.message.contains(TextRules.code(bad.unicodeScalars.first!)), "\(d.message)")
            #expect(
                d.message.contains(
                    place.isFreeText ? "expected text without control characters" : "expected a name on one line"),
                "\(d.message)")
            #expect(
                !Self.rawUnsafe(error.description), "\(place): raw scalar in \(TextRules.escaped(error.description))")
        }
    }

    @Test func descriptionsKeepLineBreaksAndTabs() throws {
        let text = "First line\n\tindented\nlast"
        let s = try Fixtures.load(NameFixtures.scenario(text, at: .description))
        #expect(s.description == text)
        let c = try Fixtures.load(NameFixtures.scenario(text, at: .stressDescription))
        #expect(c.stress.first?.description == text)
    }

    @Test func namesKeepEverythingVisible() throws {
        let name = "Pro | annual & <b>R&D;</b> `x` \"q\" 'a' 👩‍💻 é 𝐀 שלום"
        for place in [
            Place.scenarioName, .strategyName, .riskName, .riskCategory, .revenueLineName, .fundingRoundName,
            .targetName, .stressCaseName
        ] {
            let s = try Fixtures.load(NameFixtures.scenario(name, at: place))
            let found: String? =
                switch place {
                case .scenarioName: s.name
                case .strategyName: s.strategies.first?.name
                case .riskName: s.risks.first?.name
                case .riskCategory: s.risks.first?.category
                case .revenueLineName: s.strategies.first?.revenueLines.first?.name
                case .fundingRoundName: s.funding.first?.name
                case .targetName: s.targets.first?.name
                default: s.stress.first?.name
                }
            #expect(found == name, "\(place)")
        }
    }

    /// `--set` paths and values go through the same checks; the message names the `--set`.
    @Test func setValuesAreChecked() throws {
        let base = NameFixtures.scenario("x", at: .scenarioName)
        // A YAML escape: the value's text is plain, the name it makes is not.
        let escaped = try Override.parse("strategies[0].name=\"a\\u202Eb\"")
        let e1 = try #require(Self.error(base, overrides: [escaped]))
        #expect(
            e1.diagnostics.contains {
                $0.file.hasPrefix("--set") && $0.path == "strategies[0].name" && $0.message.contains("bidirectional")
            }, "\(e1)")
        // Raw in the text (a YAML comment): it would reach the report's Reproduce block.
        let comment = try Override.parse("market.size=1000 # \u{202E}txt")
        let e2 = try #require(Self.error(base, overrides: [comment]))
        #expect(e2.diagnostics.contains { $0.file.hasPrefix("--set") && $0.message.contains("bidirectional") }, "\(e2)")
        #expect(!Self.rawUnsafe(e2.description))
        // A control character raw in the argument is refused one way or another, and printed escaped.
        do {
            let raw = try Override.parse("name=a\u{1B}[2Jb")
            let e3 = try #require(Self.error(base, overrides: [raw]))
            #expect(!Self.rawUnsafe(e3.description), "\(TextRules.escaped(e3.description))")
        } catch let error as ScenarioError {
            #expect(!Self.rawUnsafe(error.description), "\(TextRules.escaped(error.description))")
        }
    }

    @Test func stressPathsAndValuesAreChecked() throws {
        let base = NameFixtures.scenario("x", at: .scenarioName)
        let key = base.replacingOccurrences(
            of: "set: {market.competition:", with: "set: {\"market.competition\\e[2J\":")
        let e1 = try #require(Self.error(key))
        #expect(
            e1.diagnostics.contains { $0.path.hasPrefix("stress[0].set") && $0.message.contains("escape character") },
            "\(e1)")
        #expect(!Self.rawUnsafe(e1.description))
        let value = base.replacingOccurrences(
            of: "set: {market.competition: {dist: uniform, min: 0.3, max: 0.7}}",
            with: "set:\n      market.competition: {dist: uniform, min: 0.3, max: 0.7} # \u{2066}")
        let e2 = try #require(Self.error(value))
        #expect(
            e2.diagnostics.contains { $0.path.hasPrefix("stress[0].set") && $0.message.contains("bidirectional") },
            "\(e2)")
    }

    /// Messages quote keys, values and source lines: what a terminal would act on is escaped.
    @Test func messagesAreEscapedForTheTerminal() throws {
        let yaml = NameFixtures.scenario("x", at: .scenarioName) + "\n\"na\\e[31mme\": 1\nstrategiez: \"\u{202E}evil\""
        let error = try #require(Self.error(yaml))
        #expect(error.description.contains("\\u{1B}[31m"), "\(error)")
        #expect(!Self.rawUnsafe(error.description), "\(TextRules.escaped(error.description))")
        let d = Diagnostic(
            file: "a\u{1B}]0;title\u{7}.yaml", line: 1, column: 1, path: "p\u{202E}", message: "m\u{0}",
            snippet: "    x\u{1B}\n    ^")
        #expect(!Self.rawUnsafe(d.description))
        #expect(
            d.description.hasPrefix("a\\u{1B}]0;title\\u{7}.yaml:1:1: error: p\\u{202E}: m\\u{0}\n    x\\u{1B}\n    ^"))
    }

    /// In a long name the message quotes the text around the scalar, so it can be found.
    @Test func theMessageQuotesTheTextAroundTheScalar() throws {
        let name = String(repeating: "a", count: 100) + "\u{1B}" + String(repeating: "b", count: 100)
        let message = try #require(TextRules.message(for: name, as: .name))
        #expect(
            message.contains(
                "at character 101 of \"…" + String(repeating: "a", count: 30) + "\\u{1B}"
                    + String(repeating: "b", count: 30) + "…\""), "\(message)")
    }

    /// Random names holding at least one refused scalar, in random places: always refused, never a crash,
    /// and the printed error holds nothing a terminal acts on.
    @Test func randomNamesWithARefusedScalarAreRefused() throws {
        for seed in UInt64(1)...300 {
            var g = SplitMix(state: seed)
            let place = Place.allCases.randomElement(using: &g)!
            var scalars = Array(RandomNames.valid(&g).unicodeScalars)
            var bad = RandomNames.refusedScalar(&g)
            if place.isFreeText { while bad == "\n" || bad == "\t" { bad = RandomNames.refusedScalar(&g) } }
            scalars.insert(bad, at: Int.random(in: 0...scalars.count, using: &g))
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let error = Self.error(NameFixtures.scenario(String(text), at: place))
            #expect(
                error?.diagnostics.contains { $0.path == place.path } == true,
                "seed \(seed), \(place): \(TextRules.escaped(String(text)))")
            #expect(!Self.rawUnsafe(error?.description ?? ""), "seed \(seed)")
        }
    }

    /// Random visible names load unchanged wherever a name goes.
    @Test func randomValidNamesLoad() throws {
        for seed in UInt64(1)...200 {
            var g = SplitMix(state: seed)
            let name = RandomNames.valid(&g)
            let s = try Fixtures.load(NameFixtures.scenario(name, at: .strategyName))
            #expect(s.strategies.first?.name == name, "seed \(seed)")
            let r = try Fixtures.load(NameFixtures.scenario(name, at: .riskName))
            #expect(r.risks.first?.name == name, "seed \(seed)")
        }
    }
}
