import Foundation
import Testing
@testable import VentureSim

/// Scenario strings are text in the Markdown report and the HTML page (issue 19): no
/// heading, code block, link, image, HTML or table row can be forged from a name or a
/// description, and the HTML step is linear in the input.
@Suite struct ReportEscapingTests {
    /// The issue's payload: a fence whose info string breaks out of `class`, a pipe, emphasis, a link, an image.
    static let payload =
        "```x\"><img src=x onerror=\"document.title='PWNED'\"> Pro | annual _u_ *s* [l](javascript:alert(1)) "
        + "![i](http://h/x.png) <b>b</b> #h &amp; \\"

    /// A YAML double-quoted scalar (JSON's string syntax): line breaks stay line breaks.
    static func quoted(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: (try? encoder.encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// Whether `needle` occurs in `line` without a backslash before it (as Markdown would read it).
    static func unescaped(_ needle: String, in line: Substring) -> Bool {
        var rest = line[...]
        while let r = rest.range(of: needle) {
            if r.lowerBound == line.startIndex || line[line.index(before: r.lowerBound)] != "\\" { return true }
            rest = line[r.upperBound...]
        }
        return false
    }

    /// The page without its inline SVG charts (whose text the chart drawer escapes, quotes left as they are in text).
    static func withoutCharts(_ html: String) -> String {
        html.components(separatedBy: "<svg ").enumerated().map { i, part in
            i == 0 ? part : part.components(separatedBy: "</svg>").dropFirst().joined()
        }.joined()
    }

    /// A scenario with the payload in every name: scenario, strategies, revenue line, risk and category,
    /// funding round, target, stress case; the description holds lines that would be blocks in Markdown.
    static func hostile(_ p: String = payload, description: String? = nil) -> String {
        let d =
            description
            ?? "first line\n```x\"><img src=x onerror=\"document.title='PWNED'\">\n# "
            + "heading\n![x](http://host/x.png)\n<img src=x>\n| a | b |\n|---|---|\n- item\n\n1. two\n> quote\n    "
            + "indented"
        return """
            name: \(quoted("N " + p))
            description: \(quoted(d))
            simulation: {trials: 400, seed: 3, horizon_months: 24}
            market: {size: 5000}
            strategies:
              - name: \(quoted("S1 " + p))
                kind: subscription
                price_per_month: 50
                revenue:
                  - {line: advertising, name: \(quoted("L " + p)), revenue_per_customer_month: 1.5}
              - {name: \(quoted("S2 " + p)), kind: api, price_per_unit: 2, units_per_customer_month: 20, unit_cost: 0.5}
            costs: {training: 200000, operations_monthly: 30000, acquisition_cost: 100}
            risks:
              - {name: \(quoted("R " + p)), category: \(quoted("C " + p)), annual_probability: 0.2, cost: 50000}
            funding:
              - {name: \(quoted("F " + p)), month: 1, amount: 100000, pre_money: 1000000}
            targets:
              - {name: \(quoted("T " + p)), metric: annual_run_rate, month: 12, at_least: 1315340.83}
              - {name: T2, metric: annual_run_rate, month: 12, at_least: 1315340.84}
            stress:
              - name: \(quoted("X " + p))
                description: \(quoted(d))
                set: {costs.training: 100000}
            finance: {starting_cash: 300000}
            """
    }

    static func reports(_ yaml: String, command: String = "venturesim run x.yaml") throws -> (
        markdown: String, html: String, document: Document
    ) {
        let s = try Fixtures.load(yaml)
        let summary = try Engine.run(s, workers: 2)
        let (head, rest) = MarkdownReport.parts(scenario: s, summary: summary, command: command)
        return (
            MarkdownReport.render(scenario: s, summary: summary, command: command),
            HTMLReport.render(title: s.name, head: head, charts: Charts.all(summary), rest: rest), head + rest
        )
    }

    /// The `|` of a Markdown table row that separate cells (a backslash escapes the next character).
    static func separators(_ line: Substring) -> Int {
        var n = 0, escaped = false
        // Scalar by scalar, as Markdown readers go: `|` and a combining mark or ZWJ is one Swift Character.
        for c in line.unicodeScalars {
            if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "|" { n += 1 }
        }
        return n
    }

    /// Every table of the Markdown: the separator count of each row against its header's.
    static func markdownTablesKeepTheirShape(_ md: String) -> Bool {
        var width: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { width = nil; continue }
            let n = separators(line)
            if let w = width { if n != w { return false } } else { width = n }
        }
        return true
    }

    /// The cell count of each row of each HTML table against its header row's.
    static func htmlTablesKeepTheirShape(_ html: String) -> Bool {
        for table in html.components(separatedBy: "<table>").dropFirst() {
            let body = table.components(separatedBy: "</table>")[0]
            let rows = body.components(separatedBy: "<tr>").dropFirst()
            let counts = rows.map {
                $0.components(separatedBy: "<td").count + $0.components(separatedBy: "<th").count - 2
            }
            guard let first = counts.first, counts.allSatisfy({ $0 == first }) else { return false }
        }
        return true
    }

    @Test func hostileNamesStayTextInTheMarkdown() throws {
        let (md, _, doc) = try Self.reports(Self.hostile())
        #expect(Self.markdownTablesKeepTheirShape(md))
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        // Headings: exactly the document's; no line of a description or name starts one.
        let headings = doc.blocks.filter { if case .heading = $0 { return true } else { return false } }.count
        #expect(lines.filter { $0.hasPrefix("#") }.count == headings)
        // One fenced block (Reproduce), opened with the writer's own info string.
        let fences = lines.filter { $0.drop { $0 == " " }.hasPrefix("```") }
        #expect(fences == ["```sh", "```"], "\(fences)")
        // No raw HTML, no link or image target, no block quote, list or indented code from scenario text.
        for line in lines {
            #expect(!Self.unescaped("<img", in: line) && !Self.unescaped("<b>", in: line), "\(line)")
            #expect(!Self.unescaped("](http", in: line) && !Self.unescaped("](javascript", in: line), "\(line)")
            #expect(
                !line.hasPrefix(">") && !line.hasPrefix("    ") && !line.hasPrefix("1.") && !line.hasPrefix("- item"),
                "\(line)")
        }
        #expect(md.contains("\\# heading") && md.contains("Pro \\| annual"))
        // Descriptions stay paragraphs: the blank line in the description starts a second one, nothing else.
        #expect(md.contains("first line\n\\`\\`\\`x\"><img") == false)
        #expect(md.contains("first line\n\\`\\`\\`x\">\\<img src=x onerror=\"document.title='PWNED'\">\n\\# heading\n"))
        #expect(md.hasSuffix("\n"))
    }

    @Test func hostileNamesStayTextInTheHTML() throws {
        let (_, page, _) = try Self.reports(Self.hostile())
        let html = Self.withoutCharts(page)
        #expect(Self.htmlTablesKeepTheirShape(html))
        // Every `<` of scenario text is `&lt;`: no element, no attribute, no link, no code class from a name.
        for forbidden in ["<img", "<b>", "onerror=\"", "href=\"javascript", "class=\"language", "<script", "<em>u</em>"]
        {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;&quot;&gt;"))
        // Text, not an entity: `&amp;` in a name reads `&amp;`.
        #expect(html.contains("&amp;amp;"))
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"))
    }

    /// The issue's repro: with `Pro | annual` as a strategy, P(cash out) must stay under its header.
    @Test func aPipeInAStrategyNameShiftsNoColumn() throws {
        let (md, html, _) = try Self.reports(
            WhatIfTests.base.replacingOccurrences(of: "name: sub,", with: "name: 'Pro | annual',"))
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Pro \\| annual (subscription) |") })
        #expect(Self.separators(row) == 10)
        #expect(Self.markdownTablesKeepTheirShape(md) && Self.htmlTablesKeepTheirShape(html))
        #expect(html.contains("<td>Pro | annual (subscription)</td>"))
    }

    /// An attacker's find: `|` followed by a zero-width joiner or a combining mark is one Swift Character
    /// but a cell separator to every Markdown reader; the escape must be decided on scalars.
    @Test(arguments: ["\u{200D}", "\u{301}"])
    func aPipeJoinedToAnInvisibleMarkShiftsNoColumn(_ mark: String) throws {
        let (md, html, _) = try Self.reports(
            WhatIfTests.base.replacingOccurrences(of: "name: sub,", with: "name: 'Pro |\(mark) annual',"))
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Pro \\") })
        #expect(Self.separators(row) == 10, "\(row)")
        #expect(Self.markdownTablesKeepTheirShape(md) && Self.htmlTablesKeepTheirShape(html))
        // A description line starting `>` and a joiner is no block quote; `*` and a mark no emphasis.
        let doc = Document([.paragraph(.text(">\(mark) Audited: P(loss) 0.2 %\n*\(mark)em*\(mark) `\(mark)x`\(mark)"))])
        let text = MarkdownWriter.write(doc)
        // Compared scalar by scalar: as Characters, `*` and the mark after it would not match `*`.
        func scalars(_ s: String) -> String { "," + s.unicodeScalars.map { "\($0.value)," }.joined() }
        #expect(scalars(text).hasPrefix(scalars("\\>")), "\(text)")
        #expect(
            scalars(text).contains(scalars("\\*\(mark)em\\*")) && scalars(text).contains(scalars("\\`\(mark)x\\`")),
            "\(text)")
    }

    /// Input key paths are text: the Markdown keeps `cost_per_customer_monthly` as written, the HTML shows no emphasis.
    @Test func underscoresInKeyPathsAreNotEmphasis() throws {
        let (md, html, _) = try Self.reports(WhatIfTests.base)
        #expect(md.contains("| costs.cost_per_customer_monthly |"))
        #expect(html.contains("<td>costs.cost_per_customer_monthly</td>"))
        #expect(!html.contains("<em>"))
    }

    @Test func targetThresholdsKeepTheirDigits() throws {
        let (md, html, _) = try Self.reports(Self.hostile())
        #expect(md.contains("`annual_run_rate` at month 12 ≥ 1,315,340.83 |"))
        #expect(md.contains("`annual_run_rate` at month 12 ≥ 1,315,340.84 |"))
        #expect(html.contains("<code>annual_run_rate</code> at month 12 ≥ 1,315,340.83</td>"))
        #expect(NumberFormat.exact(5_000_000) == "5,000,000")
        #expect(NumberFormat.exact(-0.25) == "−0.25")
        #expect(NumberFormat.exact(1e-300) == "1e-300")
    }

    @Test func tinyAndHugeNumbersStayShort() {
        for x in [1e-300, -1e-300, 5e-324, 1e300, -1e300, Double.greatestFiniteMagnitude] {
            for text in [
                NumberFormat.amount(x), NumberFormat.ratio(x), NumberFormat.percent(x), NumberFormat.fixed(x, 3)
            ] {
                #expect(text.count < 16, "\(x): \(text)")
            }
            // Every digit it was written with, and no more: at most 17 significant digits and an exponent.
            #expect(NumberFormat.exact(x).count <= 24, "\(x)")
        }
        #expect(NumberFormat.amount(1e-300) == "1e-300")
        // The figures of ordinary reports are unchanged.
        #expect(
            NumberFormat.amount(0.01234) == "0.0123" && NumberFormat.amount(-3_400_000) == "−3.4 M"
                && NumberFormat.percent(0.0042) == "0.42 %")
    }

    /// An escape sequence, NUL, a C1 control, a bidi override or a noncharacter in a description never reaches the
    /// outputs.
    @Test func controlsAndBidiOverridesBecomeReplacementCharacters() {
        let doc = Document([
            .paragraph(.text("a\u{1B}[31mb\u{202E}c\u{0}d\u{FFFE}e\u{85}f\u{2066}g")), .code("x\u{1B}y\u{7F}")
        ])
        let md = MarkdownWriter.write(doc)
        let html = HTMLWriter.nodes(doc).map { $0.render() }.joined()
        for out in [md, html] {
            #expect(
                !out.unicodeScalars.contains { [0x1B, 0x202E, 0, 0xFFFE, 0x85, 0x2066, 0x7F].contains($0.value) },
                "\(out)")
        }
        #expect(md == "a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\n\n```\nx\u{FFFD}y\u{FFFD}\n```\n")
        #expect(html.contains("<p>a\u{FFFD}[31mb\u{FFFD}c"))
    }

    /// A code block holding backticks gets a longer fence; its content is verbatim.
    @Test func codeBlocksOutlastTheirContent() {
        let md = MarkdownWriter.write(Document([.code("a\n````\nb ``` c", info: "sh")]))
        #expect(md == "`````sh\na\n````\nb ``` c\n`````\n")
        let html = HTMLWriter.nodes(Document([.code("```x\"><img>")])).map { $0.render() }.joined()
        #expect(html == "<pre><code>```x&quot;&gt;&lt;img&gt;</code></pre>")
    }

    @Test func codeSpansHoldBackticksAndPipes() {
        let md = MarkdownWriter.write(
            Document([
                .table(
                    .init(header: ["a"], alignments: [], rows: [[Inlines([.code("x`|`y")])], [Inlines([.code("`")])]]))
            ]))
        #expect(md == "| a |\n|---|\n| ``x`\\|`y`` |\n| `` ` `` |\n")
    }

    /// The batch index: hostile file names stay inside their link, an error message inside its block; the first
    /// night does not claim that nothing moved; `index.md` ends with a line break.
    @Test func theBatchIndexKeepsFileNamesAndErrorsAsText() {
        var bad = BatchIndex.Entry(file: "bad.yaml", status: .invalid)
        bad.error = "bad.yaml:4:1: error: unknown key '\(Self.payload) ````'"
        var entries = [bad]
        for file in ["x\" autofocus onfocus=\"document.title='PWNED'\" y.yaml", "javascript:alert(1).yaml"] {
            var e = BatchIndex.Entry(file: file, status: .ok)
            e.report = "out/" + file.replacingOccurrences(of: ".yaml", with: ".md")
            e.headlines = [
                Headline(
                    strategy: "Pro | annual", trials: 1000, pLoss: 0.5, pCashOut: 0.25, npvP25: 0, npvP50: 1e6,
                    npvP75: 2e6)
            ]
            entries.append(e)
        }
        let index = BatchIndex(folder: "in", started: "today", trialsOverride: nil, entries: entries)
        let md = BatchIndexReport.render(index)
        #expect(md.hasSuffix(".\n") && !md.hasSuffix("\n\n"))
        #expect(md.contains("`````\nbad.yaml:4:1: error: unknown key '```x\"><img"))
        #expect(md.contains("[javascript:alert(1).yaml](javascript%3Aalert%281%29.md)"))
        #expect(md.contains("No previous run to compare with") && !md.contains("No headline figure moved"))
        #expect(Self.markdownTablesKeepTheirShape(md))
        let links = Set(entries.compactMap { $0.report.map { BatchIndexReport.linkTarget($0, "html") } })
        let html = HTMLReport.render(
            title: "VentureSim batch: in", head: BatchIndexReport.document(index, linking: "html"), links: links)
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(
            hrefs == [
                "./x%22%20autofocus%20onfocus%3D%22document.title%3D%27PWNED%27%22%20y.html",
                "./javascript%3Aalert%281%29.html"
            ])
        #expect(html.contains("<pre><code>bad.yaml:4:1: error: unknown key &#39;```x&quot;&gt;&lt;img"))
        #expect(Self.htmlTablesKeepTheirShape(html))
        // A night with a previous one to compare says that nothing moved.
        var compared = index
        compared.entries[1].drift = []
        #expect(BatchIndexReport.render(compared).contains("No headline figure moved by more than 3 standard errors."))
    }

    /// The issue's hang: `&a` repeated was quadratic in Ink (hours at 1 MB). Both writers take one pass.
    @Test func aMegabyteLineRenders() throws {
        let line = String(repeating: "&a", count: 500_000)
        let doc = Document([
            .paragraph(.text(line)), .table(.init(header: ["x"], alignments: [], rows: [[.text(line)]]))
        ])
        let md = MarkdownWriter.write(doc)
        #expect(md.utf8.count > 2_000_000)
        let html = HTMLReport.render(title: "t", head: doc)
        #expect(html.components(separatedBy: "&amp;a").count - 1 == 1_000_000)
        // And through the whole report, as a scenario's description.
        var s = try Fixtures.load(WhatIfTests.base)
        s.description = line
        let summary = try Engine.run(s, workers: 2)
        let (head, rest) = MarkdownReport.parts(scenario: s, summary: summary, command: "x")
        #expect(
            HTMLReport.render(title: s.name, head: head, rest: rest).contains(String(repeating: "&amp;a", count: 1000)))
    }

    /// Random Unicode names with the characters Markdown and HTML give meaning to never change a table's shape.
    @Test func randomNamesKeepEveryTableShape() throws {
        var g = SplitMix(state: 19)
        let pool =
            "|&<>`_#*[]()!\\~:;-+=.1 aéß中😀\u{301}\u{200D}\"'".map(String.init) + [
                "&amp;", "&#x3c;", "```", "|---|", "<td>", "</tr>"
            ]
        func name(_ prefix: String) -> String {
            prefix + (0..<Int.random(in: 1...24, using: &g)).map { _ in pool.randomElement(using: &g) ?? "" }.joined()
        }
        for _ in 0..<4 {
            let (md, html, _) = try Self.reports(Self.hostile(name(""), description: name("")))
            #expect(Self.markdownTablesKeepTheirShape(md), "\(md)")
            #expect(Self.htmlTablesKeepTheirShape(html))
        }
        // And on tables alone, many more names.
        for _ in 0..<2000 {
            let cells: [Inlines] = [.text(name("")), Inlines([.code(name(""))]), "\(strong: name("")) \(name(""))"]
            let doc = Document([
                .table(.init(header: ["a", "b", "c"], alignments: [.none, .right], rows: [cells, cells]))
            ])
            let md = MarkdownWriter.write(doc)
            #expect(Self.markdownTablesKeepTheirShape(md), "\(md)")
            let html = HTMLWriter.nodes(doc).map { $0.render() }.joined()
            #expect(Self.htmlTablesKeepTheirShape("<table>" + html.dropFirst("<table>".count)), "\(html)")
        }
    }
}
