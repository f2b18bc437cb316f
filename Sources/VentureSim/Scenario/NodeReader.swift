import Yams

/// Reads typed values out of a YAML node tree, recording a located
/// diagnostic for every problem instead of stopping at the first.
final class NodeReader {
    let file: String
    private let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []
    /// `PATH*=F` what-ifs by the loader's path (docs/model.md#scaling-an-input): what is read at the path is multiplied
    /// by F.
    var scales: [String: Double] = [:]
    /// The paths of `scales` a number or distribution was read at; one left out names no number.
    private(set) var scaledPaths: Set<String> = []
    /// The `variables:` entries `{var: NAME}` may read (docs/model.md#shared-variables), by name; nil while the
    /// section itself is read, where a variable cannot read another.
    var variables: [String: Distribution]? = [:]

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    // MARK: Reporting

    /// Records a problem at `mark`, quoting its source line (and, with
    /// `previousLine`, the non-blank line before it: a YAML parser often
    /// notices an indentation slip only on the next line).
    func report(_ message: String, at mark: Mark?, path: String, previousLine: Bool = false) {
        guard diagnostics.count < Self.maxDiagnostics else { return }
        var snippet: String?
        if let mark, mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            let source = Self.quotable(line)
            // The caret goes under the column as the quoted (escaped) line shows it.
            let before = Self.quotable(line.prefix(max(0, min(mark.column - 1, line.count))))
            let pad = String(repeating: " ", count: min(before.count, source.count))
            snippet = "    " + source + "\n    " + pad + "^"
            if previousLine, let before = lines[..<(mark.line - 1)].lastIndex(where: { !$0.allSatisfy(\.isWhitespace) })
            {
                snippet = "    " + Self.quotable(lines[before]) + "\n" + snippet!
            }
        }
        var message = message
        if diagnostics.count == Self.maxDiagnostics - 1 {
            message += " (and more problems: only the first \(Self.maxDiagnostics) are listed)"
        }
        diagnostics.append(
            Diagnostic(
                file: file, line: mark?.line, column: mark?.column, path: path, message: message, snippet: snippet))
    }

    /// Problems listed at most: past this a file is not worth reading on.
    static let maxDiagnostics = 100
    /// Characters of a source line or a value quoted at most in a message.
    static let maxQuotedLine = 160
    static let maxQuotedValue = 60

    /// A source line as a message may quote it: no carriage return, capped,
    /// and every control, bidirectional or non-character scalar escaped (a
    /// message goes to a terminal).
    static func quotable(_ line: Substring) -> String {
        let clean = line.replacingOccurrences(of: "\r", with: "")
        return TextRules.escaped(clean.count > maxQuotedLine ? String(clean.prefix(maxQuotedLine)) + "…" : clean)
    }

    /// Whether the report is full and further problems are dropped.
    var isFull: Bool { diagnostics.count >= Self.maxDiagnostics }

    func report(_ message: String, node: Node, path: String) { report(message, at: node.mark, path: path) }

    // MARK: Structure

    /// The key-value pairs of a mapping, by key. Keys outside `allowed` are
    /// reported (with the nearest allowed key as a hint) and left out.
    func fields(_ node: Node, path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(
                "expected a mapping with keys \(Self.list(allowed)), found \(Self.describe(node))", node: node,
                path: path)
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report("expected a key name, found \(Self.describe(keyNode))", node: keyNode, path: path)
                continue
            }
            guard allowed.contains(key.string) else {
                if isFull { continue }  // the report is full: no more hints to compute
                var message = "unknown key '\(TextRules.escaped(key.string))'"
                if let hint = Self.nearest(key.string, in: allowed) { message += "; did you mean '\(hint)'?" }
                message += " (allowed here: \(Self.list(allowed)))"
                report(message, node: keyNode, path: Self.join(path, TextRules.escaped(key.string)))
                continue
            }
            values[key.string] = value
        }
        return Fields(node: node, path: path, values: values)
    }

    func sequence(_ node: Node, path: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            report("expected a list, found \(Self.describe(node))", node: node, path: path)
            return nil
        }
        return Array(seq)
    }

    // MARK: Scalars

    /// Non-empty text. As a name (the default) it is one line of visible text;
    /// as free text it may hold line breaks and tabs (`TextRules`).
    func string(_ node: Node, path: String, as kind: TextRules.Kind = .name) -> String? {
        guard case .scalar(let s) = node, !Self.isNull(node) else {
            report("expected text, found \(Self.describe(node))", node: node, path: path)
            return nil
        }
        guard !s.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            report("expected non-empty text", node: node, path: path)
            return nil
        }
        if let message = TextRules.message(for: s.string, as: kind) {
            report(message, node: node, path: path)
            return nil
        }
        return s.string
    }

    /// `true` or `false`.
    func boolean(_ node: Node, path: String) -> Bool? {
        if case .scalar(let s) = node, !Self.isNull(node) {
            switch s.string {
            case "true": return true;
            case "false": return false;
            default: break
            }
        }
        report("expected true or false, found \(Self.describe(node))", node: node, path: path)
        return nil
    }

    /// A plain finite number; `check` says what range is allowed, in words and as a test.
    func number(_ node: Node, path: String, _ check: NumberCheck = .any) -> Double? {
        guard let written = Self.parseNumber(node) else {
            if case .mapping(let m) = node, m[Node("var")] != nil {
                report(
                    "a variable cannot be read here: this key takes a plain number "
                        + "(variables are read by the inputs listed at docs/model.md#shared-variables)",
                    node: node, path: path)
            } else if case .mapping = node {
                report(
                    "expected a plain number here (a distribution is not allowed for this key), found a mapping",
                    node: node, path: path)
            } else {
                report("expected a number, found \(Self.describe(node))", node: node, path: path)
            }
            return nil
        }
        guard written.isFinite else {
            report("expected a finite number, found \(Self.describe(node))", node: node, path: path)
            return nil
        }
        let value = scale(at: path).map { written * $0 } ?? written
        guard value.isFinite, check.test(value) else {
            report("expected \(check.words), found \(Self.format(value))", node: node, path: path)
            return nil
        }
        return value
    }

    /// The factor of a `PATH*=F` what-if at `path`, marking the path as read; nil when there is none.
    func scale(at path: String) -> Double? {
        guard let f = scales[path] else { return nil }
        scaledPaths.insert(path)
        return f
    }

    /// A problem for each scaled path nothing numeric was read at (text, a list, a key the model does not read).
    func reportUnscaled(at mark: Mark?) {
        for path in scales.keys.sorted() where !scaledPaths.contains(path) {
            report(
                "'\(path)' is not a number or a distribution, so it cannot be scaled ('*' multiplies an input)",
                at: mark, path: path)
        }
    }

    /// A whole number in `range` (written as 36, 36.0 or 1e6).
    func integer(_ node: Node, path: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = number(node, path: path) else { return nil }
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            report(
                "expected a whole number from \(Self.format(Double(range.lowerBound))) to "
                    + "\(Self.format(Double(range.upperBound))), found \(Self.format(value))",
                node: node, path: path)
            return nil
        }
        return Int(value)
    }

    /// An unsigned 64-bit integer, read from the text so no digit is lost to rounding.
    func unsigned64(_ node: Node, path: String) -> UInt64? {
        if case .scalar(let s) = node, s.style == .plain,
            let value = UInt64(s.string.replacingOccurrences(of: "_", with: ""))
        {
            return value
        }
        report("expected a whole number from 0 to \(UInt64.max), found \(Self.describe(node))", node: node, path: path)
        return nil
    }

    // MARK: Helpers

    static func parseNumber(_ node: Node) -> Double? {
        // A number is a plain scalar with no explicit tag (`!!str 1000` is text).
        guard case .scalar(let s) = node, s.style == .plain,
            [Tag.Name.implicit, .int, .float].map(\.rawValue).contains(s.tag.rawValue)
        else { return nil }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        switch text.lowercased() {
        case ".inf", "+.inf", "inf", "+inf", "infinity": return .infinity
        case "-.inf", "-inf", "-infinity": return -.infinity
        case ".nan", "nan": return .nan
        default: break
        }
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        return Double(text)
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if isNull(node) { return "nothing (null)" }
            let text = TextRules.escaped(
                s.string.count > maxQuotedValue ? String(s.string.prefix(maxQuotedValue)) + "…" : s.string)
            if s.tag.rawValue == Tag.Name.str.rawValue && s.style == .plain {
                return "the text '\(text)' (tagged !!str)"
            }
            return s.style == .plain ? "'\(text)'" : "the quoted text \"\(text)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
    static func index(_ path: String, _ i: Int) -> String { "\(path)[\(i)]" }
    static func list(_ keys: [String]) -> String { keys.joined(separator: ", ") }

    /// Formats a number for a message: integers without a fraction, others as Swift prints them.
    static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// The allowed key closest to a misspelt one, if it is close enough to be a typo.
    static func nearest(_ key: String, in allowed: [String]) -> String? {
        // A shortened key ("churn" for "churn_monthly") is as likely a slip as a typo.
        let extended = allowed.filter { $0.hasPrefix(key.lowercased()) }
        if key.count >= 3, extended.count == 1 { return extended[0] }
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, best.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The keys of one mapping, with the mapping's own place for "missing key" messages.
struct Fields {
    let node: Node
    let path: String
    let values: [String: Node]

    subscript(_ key: String) -> Node? { values[key] }
    func path(_ key: String) -> String { NodeReader.join(path, key) }
}

/// A range check on a number, with the words that describe it to a user.
struct NumberCheck: Sendable {
    /// What a distribution written for the key must satisfy besides its constant check.
    enum Domain: Sendable {
        /// Nothing more.
        case any
        /// A share clamped to [0, 1]: at least half its probability inside.
        case share
        /// Money or a count that cannot be negative: some probability at ≥ 0.
        case nonNegative
        /// An amount that must be above 0 (a valuation): checked as `nonNegative`; a range of it is a lognormal.
        case positive
    }

    let words: String
    let domain: Domain
    let test: @Sendable (Double) -> Bool

    init(words: String, domain: Domain = .any, test: @escaping @Sendable (Double) -> Bool) {
        self.words = words
        self.domain = domain
        self.test = test
    }

    static let any = NumberCheck(words: "a number") { _ in true }
    static let positive = NumberCheck(words: "a number > 0", domain: .positive) { $0 > 0 }
    static let nonNegative = NumberCheck(words: "a number ≥ 0", domain: .nonNegative) { $0 >= 0 }
    static let probability = NumberCheck(words: "a probability from 0 to 1") { $0 >= 0 && $0 <= 1 }

    /// A share clamped to [0, 1] after each draw (the five factors, churn).
    static func share(_ words: String) -> NumberCheck {
        NumberCheck(words: words, domain: .share) { $0 >= 0 && $0 <= 1 }
    }
}
