/// The history as a Markdown table, and each strategy's trend line under it.
public enum HistoryTable {
    public static func render(_ rows: [HistoryRow]) -> String {
        guard !rows.isEmpty else { return "No nights recorded." }
        var md = "| Night | Scenario file | Strategy | P(loss) | P(cash out) | Median NPV | Mean NPV ± s.e. | NPV P5 … P95 | Funding need P90 |\n"
        md += "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        for r in rows {
            let f = r.figures
            md += "| \(r.night) | \(r.file) | \(f.strategy) | \(NumberFormat.probability(f.pLoss)) | \(NumberFormat.probability(f.pCashOut)) "
            md += "| \(NumberFormat.amount(f.npvP50)) | \(NumberFormat.amount(f.npvMean)) ± \(NumberFormat.amount(f.npvSE)) "
            md += "| \(NumberFormat.amount(f.npvP5)) … \(NumberFormat.amount(f.npvP95)) | \(NumberFormat.amount(f.fundingNeedP90)) |\n"
        }
        let series = Dictionary(grouping: rows) { "\($0.file) \($0.figures.strategy)" }
        md += "\n"
        for key in series.keys.sorted() {
            let r = series[key]!
            md += "\(key): median NPV `\(Trend.sparkline(r.map(\.figures.npvP50)))`, P(loss) `\(Trend.sparkline(r.map(\.figures.pLoss)))` over \(r.count) nights\n"
        }
        return md
    }
}
