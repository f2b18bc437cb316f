/// What the strategy comparison adds to the NPV difference's percentiles: the paired differences of P(loss) and
/// P(cash out) with their standard errors, and which inputs flip the ranking (docs/model.md#what-flips-the-ranking).
extension MarkdownReport {
    /// Rows of the drivers table shown for each pair; the rest are in the JSON result.
    static let comparisonDriverRows = 8

    /// One bullet per pair: A − B in percentage points, ± one standard error.
    static func pairedDifferenceItems(_ summary: Summary) -> [Document.Block] {
        let funded = Charts.funded(summary)
        let items = summary.comparisons.compactMap { c -> Inlines? in
            guard let loss = c.pLossDifference, let cashOut = c.pCashOutDifference else { return nil }
            return "\(strong: "\(c.a) − \(c.b)"): P(loss) \(points(loss)); "
                + .text(funded ? "P(fails) " : "P(cash out) ") + "\(points(cashOut))."
        }
        guard !items.isEmpty else { return [] }
        return [
            .paragraph(
                "Paired differences, A − B over the same trials, in percentage points ± one standard error (the "
                    + "standard deviation of the trials' differences of the two 0/1 outcomes over √trials; with "
                    + "the shared draws it is usually smaller than the two strategies' own errors combined):"),
            .bullets(items)
        ]
    }

    /// The drivers of each pair's NPV difference, a short table per pair.
    static func comparisonDriverBlocks(_ summary: Summary) -> [Document.Block] {
        let pairs = summary.comparisons.filter { !($0.drivers ?? []).isEmpty }
        guard !pairs.isEmpty else { return [] }
        var blocks: [Document.Block] = [
            .heading(level: 3, "What flips the ranking"),
            .paragraph(
                "Which drawn inputs move NPV(A) − NPV(B), trial by trial over the first "
                    + "\(NumberFormat.grouped(Int64(summary.driverSample))) trials, by the method of the Drivers: "
                    + "Spearman's rank correlation with the difference (positive: higher values of the input favour "
                    + "A) and its share of variance.")
        ]
        for c in pairs {
            let drivers = c.drivers ?? []
            blocks.append(.paragraph("\(strong: "\(c.a) − \(c.b)")"))
            blocks.append(
                .table(
                    .init(
                        labels: "Input", figures: ["Rank correlation with the difference", "Share of variance"],
                        rows: drivers.prefix(comparisonDriverRows).map { d in
                            [
                                .text(d.input), .text(NumberFormat.fixed(d.spearman, 3)),
                                .text(NumberFormat.percent(d.varianceShare))
                            ]
                        })))
            if drivers.count > comparisonDriverRows {
                blocks.append(
                    .paragraph(
                        "(\(drivers.count - comparisonDriverRows) more inputs with weaker correlations in the JSON "
                            + "result.)"))
            }
        }
        return blocks
    }

    /// A paired difference in percentage points with its standard error: `+3.2 pp ± 0.41 pp`. The decimals follow
    /// the standard error, so the value shows no digits the error makes noise.
    static func points(_ d: PairedDifference) -> String {
        let value = d.value * 100, se = d.se * 100
        let decimals = se >= 1 ? 1 : se >= 0.1 ? 2 : 3
        // A difference that rounds to nothing reads 0, not −0 or +0.
        var shown = NumberFormat.fixed(value, decimals)
        if shown == "−0" { shown = "0" }
        if value > 0 && shown != "0" { shown = "+" + shown }
        return "\(shown) pp ± \(NumberFormat.fixed(se, decimals)) pp"
    }
}
