import Foundation
import Testing
@testable import VentureSim

/// The HTML page: self-contained, everything the Markdown says, scenario strings as text.
@Suite struct HTMLReportTests {
    static func page(_ yaml: String) throws -> (String, String) {
        let s = try Fixtures.load(yaml)
        let summary = try Engine.run(s, workers: 2)
        let (head, rest) = MarkdownReport.parts(scenario: s, summary: summary, command: "venturesim run x.yaml")
        return (
            HTMLReport.render(title: s.name, head: head, charts: Charts.all(summary), rest: rest),
            MarkdownWriter.write(head + rest)
        )
    }

    @Test func aHostileNameShowsAsText() throws {
        let yaml = WhatIfTests.stressed
            .replacingOccurrences(
                of: "name: whatif",
                with: "name: '<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>'"
            )
            .replacingOccurrences(of: "name: crowded", with: "name: '\"><script>alert(4)</script>'")
        let (html, _) = try Self.page(yaml)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func selfContainedWithEverySectionAndChart() throws {
        let (html, markdown) = try Self.page(WhatIfTests.stressed)
        // Nothing fetched: no external script, stylesheet, image, font or frame.
        for fetch in ["<script", "<link", "src=", "url(", "@import", "<iframe"] {
            #expect(!html.contains(fetch), "\(fetch)")
        }
        #expect(
            html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").replacingOccurrences(
                of: "http-equiv", with: ""
            )
            .contains("http") == false)
        // A policy forbids script and every fetch, should anything slip through.
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                    + "img-src data:"
            ))
        for line in markdown.split(separator: "\n") where line.hasPrefix("## ") {
            #expect(html.contains("<h2>" + HTMLWriter.escape(String(line.dropFirst(3))) + "</h2>"), "\(line)")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 6)
        #expect(html.contains("@media print") && html.contains("size: A4") && html.contains("break-inside: avoid"))
    }
}
