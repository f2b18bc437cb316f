/// A report as structure: headings, paragraphs, lists, tables, code blocks
/// and figures holding text. The Markdown and HTML writers turn it into
/// their formats, escaping every text node, so a scenario string stays text
/// whatever characters it holds and no Markdown parser ever reads one.
public struct Document: Sendable {
    public var blocks: [Block]

    public init(_ blocks: [Block] = []) { self.blocks = blocks }

    public static func + (a: Document, b: Document) -> Document { Document(a.blocks + b.blocks) }

    public static func += (a: inout Document, b: Document) { a.blocks += b.blocks }

    public mutating func append(_ block: Block) { blocks.append(block) }

    /// One block of the report.
    public enum Block: Sendable {
        case heading(level: Int, Inlines)
        case paragraph(Inlines)
        case bullets([Inlines])
        case table(Table)
        /// Shown verbatim, as preformatted text.
        case code(String, info: String? = nil)
        case figure(Figure)
    }

    /// Column alignment: `none` is the reader's default (left), `right` for figures.
    public enum Alignment: Sendable { case none, right }

    /// A table: a header row and rows of cells, each cell inline text.
    public struct Table: Sendable {
        public var header: [Inlines]
        public var alignments: [Alignment]
        public var rows: [[Inlines]]

        /// `alignments` shorter than `header` leave the other columns at `none`.
        public init(header: [Inlines], alignments: [Alignment], rows: [[Inlines]] = []) {
            self.header = header
            self.alignments = (0..<header.count).map { $0 < alignments.count ? alignments[$0] : .none }
            self.rows = rows
        }

        /// A first column of labels and `count` columns of right-aligned figures.
        public init(labels first: Inlines, figures: [Inlines], rows: [[Inlines]] = []) {
            self.init(header: [first] + figures, alignments: [.none] + figures.map { _ in .right }, rows: rows)
        }
    }

    /// A chart: its picture (inline in the HTML page) and the file it was written to (linked from the Markdown).
    public struct Figure: Sendable {
        public var picture: Charts.Picture
        public var file: String?

        public init(picture: Charts.Picture, file: String?) {
            self.picture = picture
            self.file = file
        }
    }
}

/// Inline content: text, emphasis, code and links to the caller's own files.
public enum Inline: Sendable, Equatable {
    case text(String)
    case strong(Inlines)
    case emphasis(Inlines)
    case code(String)
    /// A link to a file the caller wrote (a chart, a report page); `target` is a file name, never a URL.
    case link(Inlines, target: String)
}

/// A run of inline content, written as a string literal with interpolations:
/// `"\(strong: name) loses \(p) of trials"`; a plain interpolation is text.
public struct Inlines: Sendable, Equatable, ExpressibleByStringInterpolation {
    public var nodes: [Inline]

    public init(_ nodes: [Inline]) { self.nodes = nodes }

    public init(stringLiteral value: String) { nodes = value.isEmpty ? [] : [.text(value)] }

    public init(stringInterpolation: Interpolation) { nodes = stringInterpolation.nodes }

    /// Text alone.
    public static func text(_ s: String) -> Inlines { Inlines(s.isEmpty ? [] : [.text(s)]) }

    public var isEmpty: Bool { nodes.isEmpty }

    public static func + (a: Inlines, b: Inlines) -> Inlines { Inlines(a.nodes + b.nodes) }

    public static func += (a: inout Inlines, b: Inlines) { a.nodes += b.nodes }

    /// `parts` with `separator` between them.
    public static func joined(_ parts: [Inlines], separator: String) -> Inlines {
        var out = Inlines([])
        for (i, p) in parts.enumerated() {
            if i > 0 { out += .text(separator) }
            out += p
        }
        return out
    }

    public struct Interpolation: StringInterpolationProtocol {
        var nodes: [Inline] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { appendInterpolation(literal) }

        public mutating func appendInterpolation(_ text: String) {
            guard !text.isEmpty else { return }
            // Adjacent text joins, so the writers see one run (and one escaping context).
            if case .text(let before)? = nodes.last {
                nodes[nodes.count - 1] = .text(before + text)
            } else {
                nodes.append(.text(text))
            }
        }

        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) {
            appendInterpolation(value.description)
        }

        public mutating func appendInterpolation(_ inlines: Inlines) {
            for n in inlines.nodes {
                if case .text(let t) = n { appendInterpolation(t) } else { nodes.append(n) }
            }
        }

        public mutating func appendInterpolation(strong text: String) { nodes.append(.strong(.text(text))) }

        public mutating func appendInterpolation(emphasis text: String) { nodes.append(.emphasis(.text(text))) }

        public mutating func appendInterpolation(code text: String) { nodes.append(.code(text)) }
    }
}
