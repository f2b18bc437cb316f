import Plot

/// Writes a `Document` as HTML elements with Plot. Every text node and
/// attribute value is escaped here (Plot passes `&name;` in text through and
/// does not escape attribute values), links go only to the caller's own
/// files, and nothing is parsed: linear in the document's size.
public enum HTMLWriter {
    /// `links`: the files (names the caller wrote) a link may point to; any other link is text.
    public static func nodes(_ document: Document, links: Set<String>? = nil) -> [Node<HTML.BodyContext>] {
        document.blocks.map { block(Node<HTML.BodyContext>.self, $0, links) }
    }

    static func block<C>(_: Node<C>.Type, _ block: Document.Block, _ links: Set<String>?) -> Node<C> {
        switch block {
        case let .heading(level, text):
            return .element(named: "h\(min(max(level, 1), 6))", nodes: inline(text, links))
        case let .paragraph(text):
            return .element(named: "p", nodes: inline(text, links))
        case let .bullets(items):
            return .element(named: "ul", nodes: items.map { .element(named: "li", nodes: inline($0, links)) })
        case let .table(t):
            func cell(_ name: String, _ content: Inlines, _ column: Int) -> Node<C> {
                let right = column < t.alignments.count && t.alignments[column] == .right
                return .element(
                    named: name, nodes: (right ? [.attribute(named: "class", value: "r")] : []) + inline(content, links)
                )
            }
            let head: Node<C> = .element(
                named: "thead", nodes: [.element(named: "tr", nodes: t.header.enumerated().map { cell("th", $1, $0) })])
            let rows: [Node<C>] = t.rows.map { r in
                // As in the Markdown: a row is as wide as the header, never wider.
                .element(
                    named: "tr", nodes: (0..<t.header.count).map { cell("td", $0 < r.count ? r[$0] : Inlines([]), $0) })
            }
            return .element(named: "table", nodes: [head, .element(named: "tbody", nodes: rows)])
        case let .code(text, _):
            return .element(named: "pre", nodes: [.element(named: "code", nodes: [.raw(escape(text))])])
        case let .figure(f):
            // The SVG is the chart drawer's, whose text it escapes; the caption is text.
            return .element(
                named: "figure",
                nodes: [
                    .raw(f.picture.inlineSVG), .element(named: "figcaption", nodes: [.raw(escape(f.picture.caption))])
                ])
        }
    }

    static func inline<C>(_ text: Inlines, _ links: Set<String>?) -> [Node<C>] {
        text.nodes.map { node in
            switch node {
            case .text(let s): return .raw(escape(s))
            case .strong(let inner): return .element(named: "strong", nodes: inline(inner, links))
            case .emphasis(let inner): return .element(named: "em", nodes: inline(inner, links))
            case .code(let s): return .element(named: "code", nodes: [.raw(escape(s))])
            case let .link(inner, target):
                guard links?.contains(target) ?? true else { return .group(inline(inner, links)) }
                return .element(
                    named: "a", nodes: [.attribute(named: "href", value: escape(href(target)))] + inline(inner, links))
            }
        }
    }

    /// A file name as an `href`: relative to the page (`./`), every byte but letters, digits, `-`, `_` and `.`
    /// percent-encoded, so it is neither a scheme (`javascript:`) nor able to leave the attribute.
    public static func href(_ file: String) -> String { "./" + MarkdownWriter.percentEncoded(file) }

    /// Text for HTML text and attribute values: `&`, `<`, `>`, `"` and `'` as character references,
    /// a character no report shows (`ShownText`) as U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ShownText.isShown(ch) ? ch : "\u{FFFD}")
            }
        }
        return out
    }
}
