/// Which characters scenario text may hold, and how text is shown on a terminal.
///
/// A name (scenario, strategy, revenue line, risk and category, funding
/// round, target, stress case, input path) becomes a label, a table cell, a
/// column header and part of a file name, so it is one line of visible
/// text: no C0 or C1 control character (NUL, TAB, LF, CR, ESC, DEL, NEL …),
/// no line or paragraph separator (U+2028, U+2029), no bidirectional
/// override, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
/// U+061C: they reorder what a terminal or page shows), and no Unicode
/// non-character (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF). Free text (a
/// description) may hold line breaks (LF) and tabs, and nothing else of those.
public enum TextRules {
    /// What a piece of text is used for, which decides what it may hold.
    public enum Kind: Sendable {
        /// One line: a name, label, header or file name.
        case name
        /// Paragraphs: a description (LF and TAB allowed).
        case freeText
    }

    /// Why `scalar` may not appear in text of `kind`, in words; nil when it may.
    public static func refusal(_ scalar: Unicode.Scalar, as kind: Kind) -> String? {
        let v = scalar.value
        if kind == .freeText, v == 0x0A || v == 0x09 { return nil }
        switch v {
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        case 0x00: return "a NUL character"
        case 0x1B: return "an escape character (ESC, which starts terminal control sequences)"
        case 0x00...0x1F, 0x7F...0x9F: return "a control character"
        case 0x2028, 0x2029: return "a line or paragraph separator"
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
            return "a bidirectional control (it reorders the text shown around it)"
        case 0xFDD0...0xFDEF: return "a Unicode non-character"
        case _ where v & 0xFFFE == 0xFFFE: return "a Unicode non-character"
        default: return nil
        }
    }

    /// The first scalar of `text` not allowed in text of `kind`: the scalar, its
    /// 1-based position in scalars, and why.
    public static func firstRefused(in text: String, as kind: Kind) -> (
        scalar: Unicode.Scalar, position: Int, reason: String
    )? {
        for (i, s) in text.unicodeScalars.enumerated() {
            if let reason = refusal(s, as: kind) { return (s, i + 1, reason) }
        }
        return nil
    }

    /// The message for text that holds a refused scalar: what was found, where, and what is expected.
    public static func message(for text: String, as kind: Kind) -> String? {
        guard let (scalar, position, reason) = firstRefused(in: text, as: kind) else { return nil }
        let expected =
            kind == .name
            ? "expected a name on one line of visible text (no control characters, line breaks, tabs, bidirectional "
                + "controls or non-characters)"
            : "expected text without control characters other than line breaks and tabs, bidirectional controls or "
                + "non-characters"
        // The text around the scalar, escaped: enough to find it in a long name.
        let scalars = Array(text.unicodeScalars)
        let from = max(0, position - 1 - 30), to = min(scalars.count, position + 30)
        var around = String.UnicodeScalarView()
        around.append(contentsOf: scalars[from..<to])
        let quoted = (from > 0 ? "…" : "") + escaped(String(around)) + (to < scalars.count ? "…" : "")
        return "\(expected), found \(reason), \(code(scalar)), at character \(position) of \"\(quoted)\""
    }

    /// `U+001B`: a scalar's code point as people look it up.
    public static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` safe to print on a terminal: every scalar a name may not hold is
    /// written as `\u{…}` (`\n`, `\r` and `\t` by their usual escapes);
    /// text without any prints unchanged. With `keepLineBreaks`, LF is kept
    /// (for messages of several lines that this program wrote itself).
    public static func escaped(_ text: String, keepLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { refusal($0, as: .name) != nil && !(keepLineBreaks && $0 == "\n") })
        else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if keepLineBreaks, s == "\n" { out.append(s); continue }
            guard refusal(s, as: .name) != nil else { out.append(s); continue }
            let word: String
            switch s {
            case "\n": word = "\\n"
            case "\r": word = "\\r"
            case "\t": word = "\\t"
            default: word = "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: word.unicodeScalars)
        }
        return String(out)
    }
}
