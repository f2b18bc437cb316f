/// Writes a `Document` as CommonMark with GitHub's tables. Every text node
/// is escaped where Markdown would read it as syntax (and only there, so a
/// shipped scenario's report reads as before): no scenario string can open a
/// heading, list, quote, code block, table row, link, image, HTML tag or
/// emphasis, or shift a table's columns. Linear in the document's size.
public enum MarkdownWriter {
    public static func write(_ document: Document) -> String {
        var out = ""
        for (i, block) in document.blocks.enumerated() {
            if i > 0 { out += "\n" }
            write(block, into: &out)
        }
        return out
    }

    static func write(_ block: Document.Block, into out: inout String) {
        switch block {
        case let .heading(level, text):
            out += String(repeating: "#", count: min(max(level, 1), 6)) + " " + inline(text, .line) + "\n"
        case let .paragraph(text):
            out += inline(text, .paragraph(indent: "")) + "\n"
        case let .bullets(items):
            for item in items { out += "- " + inline(item, .paragraph(indent: "  ")) + "\n" }
        case let .table(t):
            out += row(t.header) + "|" + t.alignments.map { $0 == .right ? "---:|" : "---|" }.joined() + "\n"
            for r in t.rows {
                // A row of another width than the header is padded or cut: the columns never shift.
                let cells = (0..<t.header.count).map { $0 < r.count ? r[$0] : Inlines([]) }
                out += row(cells)
            }
        case let .code(text, info):
            out += codeBlock(text, info: info)
        case let .figure(f):
            if let file = f.file {
                out += "![" + inline(.text(f.picture.title), .linkText) + "](" + percentEncoded(file) + ")\n\n"
            }
            out += inline(Inlines([.emphasis(.text(f.picture.caption))]), .paragraph(indent: "")) + "\n"
        }
    }

    static func row(_ cells: [Inlines]) -> String {
        "|" + cells.map { " " + inline($0, .cell) + " " }.joined(separator: "|") + "|\n"
    }

    /// A fenced block one backtick longer than any run of backticks in `text`, so no line of it closes the fence.
    static func codeBlock(_ text: String, info: String?) -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
        // The info string is the writer's own word (`sh`); anything else is dropped rather than trusted.
        let word = info.map { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? $0 : "" } ?? ""
        var body = ShownText.cleaned(text).replacingOccurrences(of: "\r\n", with: "\n")
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return fence + word + "\n" + body + fence + "\n"
    }

    static func longestRun(of c: Character, in text: String) -> Int {
        var longest = 0, run = 0
        for ch in text.unicodeScalars {
            if Character(ch) == c { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return longest
    }

    /// A file name as a link target: every byte but letters, digits, `-`, `_` and `.` percent-encoded,
    /// so the target is one relative path (no scheme, no space, no bracket).
    public static func percentEncoded(_ file: String) -> String {
        var out = ""
        for byte in file.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Where inline text goes: a one-line heading, a table cell, link text, or a paragraph
    /// (or list item, whose later lines are indented by `indent`).
    enum Context: Equatable {
        case line, cell, linkText
        case paragraph(indent: String)
    }

    static func inline(_ text: Inlines, _ context: Context) -> String {
        var w = InlineWriter(context: context)
        w.write(text.nodes)
        return w.out
    }
}
