import Foundation
import Ink
import Plot

/// The report as one self-contained HTML page: the Markdown report's text
/// (converted by Ink), the charts inline as SVG, inline CSS with a print
/// stylesheet, nothing fetched from anywhere, no script.
///
/// Every string from a scenario reaches the page as text: raw HTML in the
/// Markdown (a scenario named `<script>…`) is escaped, links and images in
/// scenario text stay text, and no scenario string is put in an attribute
/// (Plot escapes text, not attribute values).
public enum HTMLReport {
    /// `links`: the link targets (file names the caller wrote) that stay links; every other link is text.
    public static func render(title: String, head: String, charts: [Charts.Picture] = [], rest: String = "", links: Set<String> = []) -> String {
        let figures: [Node<HTML.BodyContext>] = charts.map { c in
            .element(named: "figure", nodes: [.raw(c.inlineSVG), .element(named: "figcaption", nodes: [.text(c.caption)])])
        }
        let chartSection: [Node<HTML.BodyContext>] = charts.isEmpty ? [] : [.h2("Charts")] + figures
        let page = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's .title(): it copies the title into meta attributes, and Plot does not escape attribute values.
                .element(named: "title", text: title),
                .style(stylesheet)
            ),
            .body(.main(.raw(body(head, links: links)), .group(chartSection), .raw(body(rest, links: links))))
        )
        return page.render(indentedBy: nil) + "\n"
    }

    /// Markdown to HTML, with raw HTML and foreign links turned into text.
    static func body(_ markdown: String, links: Set<String> = []) -> String {
        let asText: Modifier.Closure = { escape(String($0.markdown)) }
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .html, closure: asText),
            Modifier(target: .links) { input in
                // Only the caller's own files stay links; a scenario string that looks like a link stays text.
                guard input.markdown.hasSuffix(")"), let open = input.markdown.range(of: "](", options: .backwards) else { return escape(String(input.markdown)) }
                let target = String(input.markdown[open.upperBound...].dropLast())
                return links.contains(target) ? input.html : escape(String(input.markdown))
            },
            Modifier(target: .images, closure: asText),
        ])
        return parser.html(from: markdown)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let stylesheet = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fff; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px; line-height: 1.45; }
        h1 { font-size: 26px; margin-top: 8px; } h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        table { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; }
        th { background: #f2f2f2; }
        code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; background: #f6f6f6; }
        pre { padding: 8px; overflow-x: auto; white-space: pre-wrap; }
        figure { margin: 16px 0; break-inside: avoid; page-break-inside: avoid; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 13px; color: #444; margin-top: 4px; }
        @page { size: A4; margin: 14mm; }
        @media print {
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          table, figure { break-inside: avoid; page-break-inside: avoid; }
          figure svg { max-height: 240mm; }
        }
        """
}
