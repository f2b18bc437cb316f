/// Writes inline nodes as Markdown, escaping text: the state of one line
/// (at its start, the previous character) decides what Markdown would read
/// as syntax there.
struct InlineWriter {
    let context: MarkdownWriter.Context
    var out = ""
    /// At the start of a line: block syntax (`#`, `>`, `-`, `1.`, …) is read here.
    var lineStart = true
    var previous: Character?

    init(context: MarkdownWriter.Context) { self.context = context }

    mutating func write(_ nodes: [Inline]) {
        for (i, node) in nodes.enumerated() {
            let more = i + 1 < nodes.count
            switch node {
            case .text(let s): text(s, followed: more)
            case .strong(let inner): delimited("**", inner)
            case .emphasis(let inner): delimited("*", inner)
            case .code(let s): code(s)
            case let .link(inner, target):
                var w = InlineWriter(context: .linkText)
                w.write(inner.nodes)
                append("[" + w.out + "](" + MarkdownWriter.percentEncoded(target) + ")")
            }
        }
    }

    private mutating func append(_ s: String) {
        out += s
        if let last = s.last { previous = last; lineStart = false }
    }

    /// Emphasis around inline nodes; white space at the ends goes outside, where the delimiters still work.
    private mutating func delimited(_ mark: String, _ inner: Inlines) {
        var nodes = inner.nodes
        var lead = "", trail = ""
        if case .text(let t)? = nodes.first {
            let kept = t.drop { $0 == " " }
            lead = String(repeating: " ", count: t.count - kept.count)
            nodes[0] = .text(String(kept))
        }
        if case .text(let t)? = nodes.last {
            var kept = Substring(t)
            while kept.last == " " { kept.removeLast() }
            trail = String(repeating: " ", count: t.count - kept.count)
            nodes[nodes.count - 1] = .text(String(kept))
        }
        var w = InlineWriter(context: context)
        w.lineStart = false
        w.previous = "*"
        w.write(nodes.filter { $0 != .text("") })
        if !lead.isEmpty { text(lead, followed: true) }
        if !w.out.isEmpty { append(mark + w.out + mark) }
        if !trail.isEmpty { text(trail, followed: true) }
    }

    /// A code span fenced by one backtick more than the longest run inside; padded when it starts or ends
    /// with a backtick or a space (CommonMark strips one space from each end).
    private mutating func code(_ s: String) {
        // A backslash before a pipe cannot be written in a table's code span so that every reader of GitHub's
        // tables splits the row the same way (`\\|`: is it an escaped backslash and a cell's end?): text, then.
        if context == .cell && s.contains("\\|") { return text(s, followed: true) }
        var body = ""
        let scalars = Self.scalars(ShownText.cleaned(s))
        for (i, ch) in scalars.enumerated() {
            if ch == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { continue }
            if ch == "\n" || ch == "\r" {
                body += " "
            }
            // In a table the cell split comes first: `\|` keeps the pipe in the span.
            else if ch == "|" && context == .cell {
                body += "\\|"
            } else {
                body.append(ch)
            }
        }
        guard !body.isEmpty else { return }
        let fence = String(repeating: "`", count: MarkdownWriter.longestRun(of: "`", in: body) + 1)
        let pad = body.first == "`" || body.last == "`" || body.first == " " || body.last == " " ? " " : ""
        append(fence + pad + body + pad + fence)
    }

    /// Each Unicode scalar as a Character of its own. Markdown readers see scalars: a `|`, `>` or backtick
    /// followed by a combining mark or a zero-width joiner is one Swift Character, equal to none of them,
    /// yet still syntax to a reader, so the decision to escape is made scalar by scalar.
    static func scalars(_ s: String) -> [Character] { s.unicodeScalars.map(Character.init) }

    private static func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber } ?? false }

    /// Text, escaped where Markdown would read syntax. `followed`: another node comes after it.
    mutating func text(_ s: String, followed: Bool) {
        let chars = Self.scalars(ShownText.cleaned(s))
        var leadingDigits = false
        for i in chars.indices {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "\r" && next == "\n" { continue }
            if c == "\n" || c == "\r" {
                guard case .paragraph(let indent) = context else { out += " "; previous = " "; continue }
                // A blank line would end the paragraph: line breaks collapse to one.
                if !lineStart { out += "\n" + indent }
                lineStart = true
                previous = nil
                continue
            }
            var escape = false
            if lineStart {
                if c == " " || c == "\t" { if case .paragraph = context { continue } }
                lineStart = false
                if case .paragraph = context {
                    // Block markers: quote, list item, setext underline, table delimiter, ordered list.
                    escape = ">-+=:".contains(c)
                    leadingDigits = c.isASCII && c.isNumber
                }
            } else if leadingDigits {
                if c == "." || c == ")" { escape = true }
                if !(c.isASCII && c.isNumber) { leadingDigits = false }
            }
            switch c {
            case "\\", "`", "*", "|", "~", "#": escape = true
            case "_": escape = escape || !(Self.isWord(previous) && Self.isWord(next))
            case "[": escape = escape || context == .linkText
            case "]":
                // Only `](`, `][` and `]:` make a link, an image, a reference or its definition.
                escape = escape || context == .linkText || next.map { "([:".contains($0) } ?? followed
            case "<": escape = escape || next.map { !$0.isWhitespace } ?? followed
            case "&": escape = escape || Self.startsEntity(chars, i)
            default: break
            }
            if escape { out += "\\" }
            out.append(c)
            previous = c
        }
    }

    /// Whether `&` at `i` begins something Markdown would decode: `&name;`, `&#123;`, `&#x1F;` (names at most 32 long).
    static func startsEntity(_ chars: [Character], _ i: Int) -> Bool {
        var j = i + 1
        if j < chars.count && chars[j] == "#" { j += 1 }
        let start = j
        while j < chars.count && j - start <= 32 && chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber) {
            j += 1
        }
        return j > start && j < chars.count && chars[j] == ";"
    }
}
