/// Text made safe for an XML text node or a double- or single-quoted attribute value.
///
/// `&`, `<` and `>` become entity references, every one of them (Plot's own
/// escaping lets `&word;` through, so `R&D; licence` came out as an
/// undefined entity), and in an attribute `"` and `'` too. A scalar XML 1.0 does not allow (controls other than
/// TAB, LF and CR, U+FFFE and U+FFFF) or that names refuse (the other controls,
/// bidirectional controls, non-characters: `TextRules`) becomes U+FFFD: a chart
/// label is one line, and no input can make the file ill-formed. A Swift
/// string holds no lone surrogate.
enum XMLText {
    static func escaped(_ text: String, attribute: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsWork($0, attribute: attribute) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where attribute: out.append(contentsOf: "&apos;".unicodeScalars)
            default: out.append(TextRules.refusal(s, as: .name) == nil ? s : "\u{FFFD}")
            }
        }
        return String(out)
    }

    private static func needsWork(_ s: Unicode.Scalar, attribute: Bool) -> Bool {
        switch s {
        case "&", "<", ">": return true
        case "\"", "'": return attribute
        default: return TextRules.refusal(s, as: .name) != nil
        }
    }
}
