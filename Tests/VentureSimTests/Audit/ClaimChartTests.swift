import Foundation
import Testing
@testable import VentureSim

/// The audit's chart and Claims section with hostile names: well-formed XML, text escaped, nothing in an attribute.
@Suite struct ClaimChartTests {
    @Test func theClaimChartIsWellFormedWhateverTheNames() throws {
        let nasty = "R&D; <b>x</b> \"q\" 'a'"
        let point = CurvePoint(value: 1, percentile: 50, probability: 0.4, se: 0.01)
        let input = InputAudit(
            input: nasty, breakEven: 2, atLeast: true, percentile: 60, verdict: .withinRange, reference: nil,
            beyondReference: nil, curve: [point, CurvePoint(value: 3, percentile: 90, probability: 0.7, se: 0.01)],
            minimum: 0, maximum: 4)
        let claim = ClaimAudit(
            target: nasty, claim: nasty, strategy: nasty, level: 0.5, probability: 0.45, se: 0.01, inputs: [input],
            successProfile: nil)
        let settings = AuditSettings(trialsPerPoint: 100, level: 0.5, scan: [0.1, 0.9], bisectionSteps: 2, seed: 1)
        let picture = Charts.claim(claim, index: 0, scenario: nasty, settings: settings)
        #expect(
            SVGWellFormedTests.parseError(picture.svg) == nil && SVGWellFormedTests.parseError(picture.inlineSVG) == nil
        )
        #expect(picture.svg.contains("R&amp;D; &lt;b&gt;x&lt;/b&gt;") && !picture.svg.contains("<b>"))
        let html = HTMLReport.render(
            title: nasty,
            head: AuditReport.claims(
                try Fixtures.load(
                    "name: n\nmarket: {size: 1}\nstrategies: [{name: s, kind: subscription, price_per_month: 1}]"),
                AuditResult(
                    settings: settings, claims: [claim],
                    decisionTable: nil), charts: [(file: nil, picture: picture)]))
        #expect(!html.contains("<b>x</b>") && html.contains("&lt;b&gt;x&lt;/b&gt;"))
    }
}
