/// One problem found in a scenario file: where it is and what was expected.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The key path, e.g. `strategies[1].churn_monthly.alpha`; empty for the document.
    public var path: String
    public var message: String
    /// The source line and a caret under the column, when known.
    public var snippet: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, path: String, message: String, snippet: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.snippet = snippet
    }

    /// `file:line:column: error: path: message`, then the source line and a caret.
    /// It goes to a terminal: a control character, bidirectional control or
    /// non-character in the file name, path or message is shown escaped (`\u{1B}`).
    public var description: String {
        var head = TextRules.escaped(file)
        if let line { head += ":\(line)" }
        if let column { head += ":\(column)" }
        head += ": error: "
        if !path.isEmpty { head += "\(TextRules.escaped(path)): " }
        head += TextRules.escaped(message, keepLineBreaks: true)
        if let snippet { head += "\n" + TextRules.escaped(snippet, keepLineBreaks: true) }
        return head
    }
}

/// A scenario that cannot be run, with every problem found in it.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
