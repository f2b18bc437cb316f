/// Numbers formatted for people: thousands separators, a few significant
/// digits, millions and billions abbreviated, shares as percentages.
public enum NumberFormat {
    /// Money and counts: `−3,400,000` → `−3.4 M`, `123456.7` → `123,457`, `0.01234` → `0.0123`.
    public static func amount(_ x: Double?) -> String {
        guard let x else { return "–" }
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        let sign = x < 0 ? "−" : ""
        let a = abs(x)
        // Past a thousand billion a figure is absurd for a business plan: show its magnitude plainly.
        if a >= 1e12 { return sign + scientific(a) }
        if a >= 1e9 { return sign + significant(a / 1e9, 4) + " B" }
        if a >= 1e6 { return sign + significant(a / 1e6, 4) + " M" }
        if a >= 1000 { return sign + grouped(Int64(a.rounded())) }
        if a == 0 { return "0" }
        // Below a millionth, decimals would run to hundreds of zeros (1e-300): the magnitude plainly.
        if a < 1e-6 { return sign + scientific(a) }
        return sign + significant(a, 3)
    }

    /// A probability or share as a percentage: `0.1234` → `12.3 %`, `0.0042` → `0.42 %`.
    public static func percent(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "–" }
        let v = p * 100
        if v == 0 { return "0 %" }
        if v == 100 { return "100 %" }
        let a = abs(v)
        if a >= 1e6 || a < 1e-6 { return (v < 0 ? "−" : "") + scientific(a) + " %" }
        let digits = a >= 10 ? 1 : a >= 1 ? 1 : a >= 0.1 ? 2 : 3
        return fixed(v, digits) + " %"
    }

    /// A probability as a percentage that never rounds to a certainty it is
    /// not: `0.99996` → `> 99.9 %`, `0.00004` → `< 0.1 %`; exactly 0 and 1 stay `0 %` and `100 %`.
    public static func probability(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "–" }
        if p > 0 && p < 0.001 { return "< 0.1 %" }
        if p < 1 && p > 0.999 { return "> 99.9 %" }
        return percent(p)
    }

    /// `x` (> 0) as `1.235 × 10^20`-style scientific notation, written `1.235e+20`.
    static func scientific(_ x: Double) -> String {
        String(format: "%.4g", x)
    }

    /// A plain ratio such as ROI: three significant digits.
    public static func ratio(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        if x == 0 { return "0" }
        if abs(x) >= 1e12 || abs(x) < 1e-6 { return (x < 0 ? "−" : "") + scientific(abs(x)) }
        return (x < 0 ? "−" : "") + significant(abs(x), 3)
    }

    /// `x` with every digit it was written with (the shortest decimal that reads back as `x`), thousands
    /// grouped: `1315340.83` → `1,315,340.83`, `1e7` → `10,000,000`; beyond 10^15 or below 10^-4, `1e-300`.
    public static func exact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        let sign = x < 0 ? "−" : ""
        let text = abs(x).description
        guard abs(x) < 1e15, !text.contains("e") else { return sign + text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = grouped(Int64(parts[0]) ?? 0)
        let fraction = parts.count > 1 && parts[1] != "0" ? "." + parts[1] : ""
        return sign + whole + fraction
    }

    /// An integer with thousands separators: 1000000 → `1,000,000`.
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "−" : "") + out
    }

    /// `x` (≥ 0) with `n` significant digits, trailing zeros removed.
    static func significant(_ x: Double, _ n: Int) -> String {
        guard x > 0 else { return "0" }
        let magnitude = Int(log10(x).rounded(.down))
        let decimals = max(0, n - 1 - magnitude)
        return fixed(x, decimals)
    }

    /// `x` with `decimals` digits after the point, trailing zeros removed.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        // Past 10^15 the digits are noise and a huge value would print hundreds of them.
        if abs(x) >= 1e15 { return (x < 0 ? "−" : "") + scientific(abs(x)) }
        var s = String(format: "%.\(min(max(decimals, 0), 17))f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s.hasPrefix("-") { s = "−" + s.dropFirst() }
        return s
    }
}

import Foundation
