import Plot

/// The report as one self-contained HTML page: the report's structure
/// written by `HTMLWriter` (every scenario string escaped as text), the
/// charts inline as SVG, inline CSS with a print stylesheet. Nothing is
/// fetched and no script may run: a Content-Security-Policy forbids both.
public enum HTMLReport {
    /// No script, no fetch, no frame, no form; the inline stylesheet and `data:` images only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// `head` and `rest`: the report before and after its charts (`charts`, drawn inline).
    /// `links`: the files a link may point to (the caller's own pages); every other link is text.
    public static func render(
        title: String, head: Document, charts: [Charts.Picture] = [], rest: Document = Document(),
        links: Set<String>? = nil
    ) -> String {
        let figures = charts.map { Document.Block.figure(.init(picture: $0, file: nil)) }
        let chartSection = Document(charts.isEmpty ? [] : [.heading(level: 2, "Charts")] + figures)
        let body = HTMLWriter.nodes(head + chartSection + rest, links: links)
        let page = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(
                    .attribute(named: "http-equiv", value: "Content-Security-Policy"), .content(contentSecurityPolicy)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's .title(): it copies the title into meta attributes, and Plot does not escape attribute
                // values.
                .element(named: "title", nodes: [.raw(HTMLWriter.escape(title))]),
                .style(stylesheet)
            ),
            .body(.main(.group(body)))
        )
        return page.render(indentedBy: nil) + "\n"
    }

    static let stylesheet = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fff; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px; line-height: 1.45; }
        h1 { font-size: 26px; margin-top: 8px; }
        h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        table { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; } th.r, td.r { text-align: right; }
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
