@testable import VentureSim

/// Seeded random names for property tests: the characters that break
/// tables, markup and CSV (`|`, `&`, `<`, `>`, quotes, backticks, commas),
/// emoji with joiners, combining marks, other scripts, four-byte letters.
enum RandomNames {
    static let pieces: [String] = [
        "|", "&", "<", ">", "\"", "'", "`", "```", ",", ";", "=", "+", "-", "@", "#", "*", "_", "[", "]", "(", ")",
        "\\", "/", "%", "!",
        "&amp;", "&x;", "&#0;", "<script>", "]]>", "<!--", " ", "a", "Z", "7", "é", "e\u{301}", "\u{301}", "ß", "Ω",
        "ж", "中", "日本",
        "ש", "ع", "😀", "👩‍💻", "🇫🇷", "👍🏽", "𝐀", "\u{200B}", "\u{200D}", "\u{A0}", "\u{FEFF}", "\u{FFFD}", "\u{E000}",
        "\u{10FFFD}"
    ]

    /// A name that passes `TextRules` (it starts with a visible letter, so it is never blank).
    static func valid<G: RandomNumberGenerator>(_ g: inout G) -> String {
        var s = ["R", "x", "é", "中", "😀"].randomElement(using: &g)!
        for _ in 0..<Int.random(in: 0...12, using: &g) { s += pieces.randomElement(using: &g)! }
        return s
    }

    /// A scalar `TextRules` refuses in a name: a control, a separator, a bidirectional control or a non-character.
    static func refusedScalar<G: RandomNumberGenerator>(_ g: inout G) -> Unicode.Scalar {
        let value: UInt32
        switch Int.random(in: 0..<5, using: &g) {
        case 0: value = UInt32.random(in: 0...0x1F, using: &g)
        case 1: value = UInt32.random(in: 0x7F...0x9F, using: &g)
        case 2:
            value = [
                0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x2028,
                0x2029
            ].randomElement(using: &g)!
        case 3: value = UInt32.random(in: 0xFDD0...0xFDEF, using: &g)
        default: value = UInt32.random(in: 0...16, using: &g) << 16 | UInt32.random(in: 0xFFFE...0xFFFF, using: &g)
        }
        return Unicode.Scalar(value)!
    }
}
