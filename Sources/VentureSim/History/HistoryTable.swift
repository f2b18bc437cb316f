/// The history as a Markdown table, and each strategy's trend line under it.
public enum HistoryTable {
    public static func render(_ rows: [HistoryRow]) -> String {
        guard !rows.isEmpty else { return "No nights recorded." }
        var md =
            "| Night | Scenario file | Strategy | P(loss) | P(cash out) | Median NPV | Mean NPV ± s.e. | NPV P5 … P95 "
            + "| Funding need P90 |\n"
        md += "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        for r in rows {
            let f = r.figures
            md +=
                "| \(cell(r.night)) | \(cell(r.file)) | \(cell(f.strategy)) | \(NumberFormat.probability(f.pLoss)) | "
                + "\(NumberFormat.probability(f.pCashOut)) "
            md +=
                "| \(NumberFormat.amount(f.npvP50)) | \(NumberFormat.amount(f.npvMean)) ± "
                + "\(NumberFormat.amount(f.npvSE)) "
            md +=
                "| \(NumberFormat.amount(f.npvP5)) … \(NumberFormat.amount(f.npvP95)) | "
                + "\(NumberFormat.amount(f.fundingNeedP90)) |\n"
        }
        let series = Dictionary(grouping: rows) { "\(cell($0.file)) \(cell($0.figures.strategy))" }
        md += "\n"
        for (key, r) in series.sorted(by: { $0.key < $1.key }) {
            md +=
                "\(key): median NPV `\(Trend.sparkline(r.map(\.figures.npvP50)))`, P(loss) "
                + "`\(Trend.sparkline(r.map(\.figures.pLoss)))` over \(r.count) nights\n"
        }
        return md
    }

    /// Text of the database as one table cell: `|` escaped, and control
    /// characters, bidi overrides and non-characters written as `\u{…}`, so
    /// an edited row can neither shift the columns, add a row nor drive the terminal.
    static func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let bidi =
                (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
                || v == 0x061C
            if scalar.properties.generalCategory == .control || bidi || scalar.properties.isNoncharacterCodePoint {
                out += "\\u{\(String(v, radix: 16, uppercase: true))}"
            } else if scalar == "|" || scalar == "\\" {
                out += "\\" + String(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
