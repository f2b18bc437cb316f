import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import VentureSim

/// Every chart is well-formed XML whatever the names (issue 19): every `&`
/// escaped, and no control character, NUL or non-character in the text.
@Suite struct SVGWellFormedTests {
    /// Parses `text` as XML; the parser's error when it is not well-formed.
    static func parseError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown error")"
    }

    /// Every chart of a small run of `yaml`, standalone and inline.
    static func charts(_ yaml: String) throws -> [Charts.Picture] {
        try Charts.all(Engine.run(Fixtures.load(yaml), workers: 2))
    }

    @Test func anAmpersandWordSemicolonIsEscaped() throws {
        let pictures = try Self.charts(NameFixtures.scenario("R&D; licence", at: .strategyName))
        #expect(pictures.map(\.slug) == ["npv", "exceedance", "cash", "funding", "tornado", "stress"])
        for p in pictures {
            #expect(Self.parseError(p.svg) == nil, "\(p.slug): \(Self.parseError(p.svg) ?? "")")
            #expect(Self.parseError(p.inlineSVG) == nil, "\(p.slug) inline")
        }
        let legend = try #require(pictures.first { $0.slug == "exceedance" })
        #expect(legend.svg.contains("R&amp;D; licence") && !legend.svg.contains("R&D;"))
    }

    /// Strings that reach a chart without the loader (a summary built by hand, a future caller) are made safe too.
    @Test func textAndAttributesAreEscapedAndCleaned() throws {
        let nasty =
            "a&b;&amp;<c>\"d\"'e'\u{0}\u{1B}[2J\u{7}\u{85}\u{202E}" + String(Unicode.Scalar(0xFFFE)!)
            + String(Unicode.Scalar(0xFFFF)!) + "\r\n\tz"
        let escaped = XMLText.escaped(nasty)
        let f = "\u{FFFD}"
        #expect(escaped == "a&amp;b;&amp;amp;&lt;c&gt;\"d\"'e'" + f + f + "[2J" + String(repeating: f, count: 8) + "z")
        #expect(
            XMLText.escaped(nasty, attribute: true).hasPrefix("a&amp;b;&amp;amp;&lt;c&gt;&quot;d&quot;&apos;e&apos;"))
        var canvas = SVGCanvas(width: 10, height: 10)
        canvas.text(nasty, 1, 1)
        canvas.rect(0, 0, 1, 1, fill: "#000", title: nasty)
        #expect(Self.parseError(canvas.document(title: nasty)) == nil)
        #expect(
            Self.parseError(
                "<r a=\"" + XMLText.escaped(nasty, attribute: true) + "\" b='" + XMLText.escaped(nasty, attribute: true)
                    + "'/>") == nil)
    }

    /// Any string at all, once escaped, is well-formed text and a well-formed attribute.
    @Test func randomStringsEscapeToWellFormedXML() {
        for seed in UInt64(1)...500 {
            var g = SplitMix(state: seed)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...20, using: &g) {
                if Bool.random(using: &g) {
                    scalars.append(RandomNames.refusedScalar(&g))
                } else {
                    scalars.append(contentsOf: RandomNames.valid(&g).unicodeScalars)
                }
            }
            let s = String(scalars)
            let doc = "<r a=\"\(XMLText.escaped(s, attribute: true))\">\(XMLText.escaped(s))</r>"
            #expect(Self.parseError(doc) == nil, "seed \(seed): \(TextRules.escaped(s))")
        }
    }

    /// Random names that pass validation, in every place a chart shows one: every chart parses.
    @Test func randomValidNamesGiveWellFormedCharts() throws {
        let places: [NameFixtures.Place] = [.strategyName, .riskName, .stressCaseName, .scenarioName]
        for seed in UInt64(1)...24 {
            var g = SplitMix(state: seed)
            let name = RandomNames.valid(&g)
            let place = places[Int(seed) % places.count]
            for p in try Self.charts(NameFixtures.scenario(name, at: place, trials: 200)) {
                #expect(Self.parseError(p.svg) == nil, "seed \(seed), \(place), \(p.slug): \(TextRules.escaped(name))")
                #expect(Self.parseError(p.inlineSVG) == nil, "seed \(seed), \(place), \(p.slug) inline")
            }
        }
    }
}
