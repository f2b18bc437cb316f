import Foundation

/// The functions, initializers, subscripts and computed (or closure-initialized) properties of a Swift source, with
/// their length and whether a comment at their top says why they are long: the rule of `scripts/long-functions`,
/// written again here so the test suite checks it (docs/architecture.md, "House limits").
///
/// A length runs from the line of the keyword (`func`, `init`, `var`, …) to the line of the closing brace, both
/// included. Braces are counted on the source with comments and string literals (raw, multi-line, interpolated)
/// blanked out; the reason is a comment just above the declaration (attribute lines may come between) or opening
/// its body that contains `marker`.
struct SwiftFunctionScan {
    struct Function: CustomStringConvertible {
        var name: String
        var line: Int
        var length: Int
        var hasReason: Bool
        var description: String { "\(name) (line \(line), \(length) lines)" }
    }

    struct Token {
        var text: String
        var line: Int
    }

    static let marker = "lines, on purpose"
    /// Words that end a declaration's header before any body: what follows is another declaration or statement.
    static let stops: Set<String> = [
        "func", "var", "let", "init", "deinit", "subscript", "case", "default", "struct", "class", "enum", "extension",
        "protocol", "typealias", "actor", "static", "private", "fileprivate", "internal", "public", "open", "final",
        "override", "mutating", "nonmutating", "convenience", "required", "if", "guard", "for", "while", "switch",
        "return", "do", "repeat", "defer", "throw", "import"
    ]
    static let keywords: Set<String> = ["func", "init", "deinit", "subscript", "var", "let"]

    /// Every declaration with a body in `source`, named `stem.NAME`.
    static func functions(in source: String, stem: String) -> [Function] {
        let (code, comments) = blank(Array(source.utf8))
        let lines = code.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        let toks = tokens(code)
        var found: [Function] = []
        for (k, t) in toks.enumerated() where keywords.contains(t.text) {
            let previous = toks[..<k].last { $0.text != "\n" }?.text
            let label = k + 1 < toks.count && toks[k + 1].text == ":" && t.text != "var" && t.text != "let"
            guard previous != ".", previous != "`", !label, let opened = bodyOpen(toks, k) else { continue }
            let closed = close(toks, opened)
            let name = ["func", "var", "let"].contains(t.text) && k + 1 < toks.count ? toks[k + 1].text : t.text
            found.append(
                Function(
                    name: "\(stem).\(name)", line: t.line, length: toks[closed].line - t.line + 1,
                    hasReason: hasReason(lines, comments, first: t.line, opened: toks[opened].line)))
        }
        return found
    }

    /// The source with comments and string literals replaced by spaces (newlines kept), and each line's comments.
    static func blank(_ t: [UInt8]) -> (code: [UInt8], comments: [Int: String]) {
        var code = t
        var comments: [Int: String] = [:]
        var (i, line) = (0, 1)
        let (newline, space) = (UInt8(ascii: "\n"), UInt8(ascii: " "))
        func erase(_ a: Int, _ b: Int, note: Bool) {
            for (n, part) in t[a..<b].split(separator: newline, omittingEmptySubsequences: false).enumerated()
            where note {
                comments[line + n, default: ""] += " " + String(decoding: part, as: UTF8.self)
            }
            for k in a..<b {
                if t[k] == newline { line += 1 } else { code[k] = space }
            }
        }
        while i < t.count {
            if starts(t, i, "//") {
                let j = t[i...].firstIndex(of: newline) ?? t.count
                erase(i, j, note: true)
                i = j
            } else if starts(t, i, "/*") {
                var (depth, j) = (1, i + 2)
                while j < t.count && depth > 0 {
                    if starts(t, j, "/*") {
                        (depth, j) = (depth + 1, j + 2)
                    } else if starts(t, j, "*/") {
                        (depth, j) = (depth - 1, j + 2)
                    } else {
                        j += 1
                    }
                }
                erase(i, j, note: true)
                i = j
            } else if opensString(t, i) {
                let j = stringEnd(t, i)
                erase(i, j, note: false)
                i = j
            } else {
                if t[i] == newline { line += 1 }
                i += 1
            }
        }
        return (code, comments)
    }

    static func starts(_ t: [UInt8], _ i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= t.count && t[i..<(i + u.count)].elementsEqual(u)
    }

    /// A `"` or a raw string's `#…"` at `i`.
    static func opensString(_ t: [UInt8], _ i: Int) -> Bool {
        var j = i
        while j < t.count && t[j] == UInt8(ascii: "#") { j += 1 }
        return j < t.count && t[j] == UInt8(ascii: "\"")
    }

    /// The index just past the string literal that starts at `i` (at its `#`s or its quote).
    static func stringEnd(_ t: [UInt8], _ i: Int) -> Int {
        var j = i
        while t[j] == UInt8(ascii: "#") { j += 1 }
        let hashes = String(repeating: "#", count: j - i)
        let triple = starts(t, j, "\"\"\"")
        let closing = (triple ? "\"\"\"" : "\"") + hashes
        let escape = "\\" + hashes
        j += triple ? 3 : 1
        while j < t.count {
            if starts(t, j, escape) {
                j += escape.utf8.count
                j = j < t.count && t[j] == UInt8(ascii: "(") ? interpolationEnd(t, j + 1) : j + 1
            } else if starts(t, j, closing) {
                return j + closing.utf8.count
            } else if t[j] == UInt8(ascii: "\n") && !triple {
                return j
            } else {
                j += 1
            }
        }
        return t.count
    }

    /// The index just past the `)` that closes an interpolation whose code starts at `j`.
    static func interpolationEnd(_ t: [UInt8], _ start: Int) -> Int {
        var (depth, j) = (1, start)
        while j < t.count {
            if opensString(t, j) {
                j = stringEnd(t, j)
                continue
            }
            if t[j] == UInt8(ascii: "(") { depth += 1 }
            if t[j] == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return t.count
    }
}

extension SwiftFunctionScan {
    /// Words, newlines, punctuation and operators (a run of operator characters is one token, so a `==` is not an
    /// assignment's `=`), with their line.
    static func tokens(_ code: [UInt8]) -> [Token] {
        func isWord(_ c: UInt8) -> Bool { c == UInt8(ascii: "_") || c >= 0x80 || isalnum(Int32(c)) != 0 }
        let operators = Set("=+-*/<>!&|^%~?".utf8)
        var (out, i, line) = ([Token](), 0, 1)
        while i < code.count {
            let c = code[i]
            var j = i + 1
            if isWord(c) {
                while j < code.count && isWord(code[j]) { j += 1 }
            } else if operators.contains(c) {
                while j < code.count && operators.contains(code[j]) { j += 1 }
            } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                i = j
                continue
            }
            out.append(Token(text: String(decoding: code[i..<j], as: UTF8.self), line: line))
            if c == UInt8(ascii: "\n") { line += 1 }
            i = j
        }
        return out
    }

    /// The index of the `}` matching the `{` at `k`.
    static func close(_ toks: [Token], _ k: Int) -> Int {
        var depth = 0
        for j in k..<toks.count {
            if toks[j].text == "{" { depth += 1 }
            if toks[j].text == "}" {
                depth -= 1
                if depth == 0 { return j }
            }
        }
        return toks.count - 1
    }

    /// The index of the `{` that opens the body of the declaration whose keyword is at `k`, or nil when it has none
    /// (a protocol's requirement, a stored property).
    static func bodyOpen(_ toks: [Token], _ k: Int) -> Int? {
        let kind = toks[k].text
        var (depth, j) = (0, k + 1)
        if kind == "var" || kind == "let" {
            // A computed property `var NAME: TYPE {`, or a closure-initialized `let NAME(: TYPE) = {…}()`, on one line.
            guard j + 1 < toks.count, let first = toks[j].text.utf8.first,
                first == UInt8(ascii: "_") || isalpha(Int32(first)) != 0,
                [":", "="].contains(toks[j + 1].text)
            else { return nil }
            j += 1
        }
        while j < toks.count {
            let t = toks[j].text
            if t == "(" || t == "[" { depth += 1 }
            if t == ")" || t == "]" { depth -= 1 }
            if depth == 0 {
                if t == "{" { return kind == "let" ? nil : j }
                if t == "}" || t == ";" { return nil }
                if kind == "var" || kind == "let" {
                    if t == "\n" { return nil }
                    if t == "=" { return closureInitializer(toks, j + 1) }
                } else if t == "=" || (stops.contains(t) && j > k + 1) {
                    return nil
                }
            }
            j += 1
        }
        return nil
    }

    /// `k` when a `{…}()` starts there.
    static func closureInitializer(_ toks: [Token], _ k: Int) -> Int? {
        guard k < toks.count, toks[k].text == "{" else { return nil }
        let end = close(toks, k)
        return end + 2 < toks.count && toks[end + 1].text == "(" && toks[end + 2].text == ")" ? k : nil
    }

    /// Whether the comments just above line `first` (attribute lines may come between) or opening the body (the
    /// lines after `opened`) contain the marker.
    static func hasReason(_ lines: [String], _ comments: [Int: String], first: Int, opened: Int) -> Bool {
        var text: [String] = []
        var n = first - 1
        while n >= 1 {
            if let c = comments[n], lines[n - 1].isEmpty {
                text.insert(c, at: 0)
            } else if !lines[n - 1].hasPrefix("@") {
                break
            }
            n -= 1
        }
        n = opened + 1
        while n <= lines.count, let c = comments[n], lines[n - 1].isEmpty {
            text.append(c)
            n += 1
        }
        let words = text.joined(separator: " ").lowercased().split { $0 == " " || $0 == "/" || $0 == "*" }
        return words.joined(separator: " ").contains(marker)
    }
}
