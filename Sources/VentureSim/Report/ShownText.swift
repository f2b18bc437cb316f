/// Characters a report never writes as they are: C0 and C1 controls (but tab
/// and line breaks), bidirectional overrides and isolates, noncharacters.
/// They would reach a terminal printing the Markdown, make the HTML a parse
/// error, or reorder the figures beside a name on screen; each becomes U+FFFD.
enum ShownText {
    static func isShown(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0x202A...0x202E, 0x2066...0x2069: return false
        default: return !s.properties.isNoncharacterCodePoint
        }
    }

    /// `text` with every character not shown replaced by U+FFFD (unchanged, without a copy, when there is none).
    static func cleaned(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isShown) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isShown(s) ? s : "\u{FFFD}") }
        return String(out)
    }
}
