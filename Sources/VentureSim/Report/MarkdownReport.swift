/// A run's summary as a report: the investor's summary first, then
/// percentile tables, the strategy comparison, risks, inputs and the command
/// that reproduces the run. Built as a `Document` (every scenario string a
/// text node), written as Markdown here and as HTML by `HTMLReport`.
/// Pure functions: same inputs, same text.
public enum MarkdownReport {
    /// `note`, when given, is a paragraph under the title line (how the run was made, e.g. `--precision`): the
    /// caller's own sentence, never a scenario string; text between backticks in it is code.
    /// `charts`, when given, are linked in a Charts section after the summary: each chart's file name (relative to the
    /// report) and picture.
    public static func render(
        scenario: Scenario, summary: Summary, command: String, note: String? = nil,
        charts: [(file: String, picture: Charts.Picture)] = []
    ) -> String {
        MarkdownWriter.write(
            document(scenario: scenario, summary: summary, command: command, note: note, charts: charts))
    }

    /// The whole report, charts after the summary.
    public static func document(
        scenario: Scenario, summary: Summary, command: String, note: String? = nil,
        charts: [(file: String, picture: Charts.Picture)] = []
    ) -> Document {
        let (head, rest) = parts(scenario: scenario, summary: summary, command: command, note: note)
        return head + chartSection(charts) + rest
    }

    /// The report before and after the place of the charts (after the summary).
    public static func parts(scenario: Scenario, summary: Summary, command: String, note: String? = nil) -> (
        head: Document, rest: Document
    ) {
        var head = Document([.heading(level: 1, .text(scenario.name))])
        if let d = scenario.description { head.blocks += paragraphs(d) }
        head.append(
            .paragraph(
                "VentureSim report: \(NumberFormat.grouped(Int64(summary.trials))) trials over "
                    + "\(summary.horizonMonths) months, "
                    + "seed \(summary.seed). Money in the scenario's currency; every figure is defined in VentureSim's "
                    + "docs/model.md."
            ))
        if let note { head.append(.paragraph(codeMarked(note))) }
        let analyses = scenario.simulation.analyses
        if analyses != .all {
            let off = Analyses.names.filter { !analyses.enabled.contains($0) }.map {
                $0.split(separator: "_").joined(separator: " ")
            }
            head.append(
                .paragraph(
                    "Investor analyses not computed (\(code: "simulation.analyses: \(analyses.yaml)")): "
                        + "\(off.joined(separator: ", "))."
                ))
        }
        // An investment memo's order: the answer, the claims, the money, the what-ifs, then the details.
        head += summarySection(summary)
        var rest = priceSection(summary)
        rest += targetSection(scenario, summary)
        rest += fundingSection(summary)
        rest += fundingRoundSection(scenario, summary)
        rest += stressSection(summary)
        rest += driverSection(summary)
        rest += whatHasToBeTrueSection(summary)
        rest += yearSection(summary)
        rest += revenueLineSection(summary)
        for s in summary.strategies { rest += percentileSection(s) }
        rest += comparisonSection(summary)
        rest += riskSection(scenario, summary)
        rest += inputSection(scenario, summary)
        rest.blocks += [
            .heading(level: 2, "Reproduce"),
            .paragraph(
                "The same scenario file and seed give this report to the last digit, whatever the number of workers:"),
            .code(command, info: "sh"),
            .paragraph("VentureSim \(VentureSimVersion.current); random numbers: \(RandomStream.generatorName).")
        ]
        return (head, rest)
    }

    /// Free text (a description, a note) as paragraphs: a blank line starts the next one; nothing in it is markup.
    static func paragraphs(_ text: String) -> [Document.Block] {
        var blocks: [Document.Block] = [], lines: [Substring] = []
        for line in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            if line.allSatisfy(\.isWhitespace) {
                if !lines.isEmpty { blocks.append(.paragraph(.text(lines.joined(separator: "\n")))) }
                lines = []
            } else {
                lines.append(line)
            }
        }
        if !lines.isEmpty { blocks.append(.paragraph(.text(lines.joined(separator: "\n")))) }
        return blocks
    }

    /// The caller's sentence with its backtick-marked parts as code (`--precision 0.01` in a note).
    static func codeMarked(_ text: String) -> Inlines {
        Inlines(
            text.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { i, part in
                part.isEmpty ? nil : i % 2 == 1 ? .code(String(part)) : .text(String(part))
            })
    }

    /// Images linking the chart files, each with its caption.
    static func chartSection(_ charts: [(file: String, picture: Charts.Picture)]) -> Document {
        guard !charts.isEmpty else { return Document() }
        return Document(
            [.heading(level: 2, "Charts")] + charts.map { .figure(.init(picture: $0.picture, file: $0.file)) })
    }

    private static func summarySection(_ summary: Summary) -> Document {
        var doc = Document([.heading(level: 2, "Summary")])
        let p = NumberFormat.probability, a = NumberFormat.amount
        // With funding rounds, running out of cash is failure: the words say so.
        let funded = Charts.funded(summary)
        doc.append(
            .table(
                .init(
                    labels: "Strategy",
                    figures: [
                        "P(loss)", funded ? "P(fails)" : "P(cash out)", "NPV median", "NPV P5 … P95", "VaR95 of profit",
                        "CVaR95 of profit", "P(breakeven)", "Breakeven month (median)"
                    ],
                    rows: summary.strategies.map { s in
                        let npv = s.outcome(.npv)
                        return [
                            .text(s.name == s.kind ? s.name : "\(s.name) (\(s.kind))"), .text(p(s.pLoss)),
                            .text(p(s.pCashOut)), .text(a(npv.p50)),
                            .text("\(a(npv.p5)) … \(a(npv.p95))"), .text(lossAtRisk(s.var95)),
                            .text(lossAtRisk(s.cvar95)),
                            .text(p(s.pBreakeven)), .text(s.breakevenMonthP50.map { NumberFormat.ratio($0) } ?? "never")
                        ]
                    })))
        var items: [Inlines] = summary.strategies.map { s in
            let npv = s.outcome(.npv)
            let ci = npv.ci95?["p50"].map { " (95 % CI \(a($0[0])) … \(a($0[1])))" } ?? ""
            return "\(strong: s.name): median NPV \(a(npv.p50))\(ci), mean \(a(npv.mean)) ± \(a(npv.se)) s.e.; "
                + "loses money in \(p(s.pLoss)) of trials and "
                + .text(funded ? "fails (runs out of cash) in " : "runs out of cash in ")
                + "\(p(s.pCashOut)). "
                + .text(valueAtRiskWords(s) + " " + adoptionWords(s, horizon: summary.horizonMonths))
        }
        items += summary.comparisons.map { c in
            "\(strong: c.a) beats \(strong: c.b) on NPV in \(p(c.pABetterNpv)) of trials (median difference "
                + "\(a(c.npvDifference.p50)))."
        }
        doc.append(.bullets(items))
        doc.append(
            .paragraph(
                funded
                    ? "P(loss) is the share of trials whose profit over the whole horizon is below zero; P(fails) the "
                        + "share in which the company fails: "
                        + "with funding rounds, a company whose cash (starting cash, profit and the rounds that "
                        + "closed) goes below zero at the end of a month "
                        + "is dead from then on, with no more revenue, cost or customers and an exit worth nothing. "
                        + "VaR95 and CVaR95 are losses; a negative one is a profit."
                    : "P(loss) is the share of trials whose profit over the whole horizon is below zero; P(cash out) "
                        + "the share whose cash goes below zero "
                        + "in some month. Cash is not stopped at zero: a trial that runs out goes on as if someone "
                        + "funded the gap, so a plan can run out of "
                        + "cash and still end in profit, or lose money without ever running out. VaR95 and CVaR95 are "
                        + "losses; a negative one is a profit."
            ))
        if let sketch = summary.sketch {
            let notComputed = Inlines.joined(sketch.notComputed.map { Inlines([.code($0)]) }, separator: ", ")
            doc.append(
                .paragraph(
                    "\(strong: "Sketch summary") (\(code: "simulation.summary: sketch")): percentiles, VaR and CVaR "
                        + "come from mergeable "
                        + "sketches, each order statistic within \(p(sketch.relativeError)) of the exact one; "
                        + "probabilities, months and counts are exact, "
                        + "means and SDs are summed block by block. Not computed: \(notComputed)."))
        }
        return doc
    }

    /// VaR/CVaR as a loss; a negative one (the bad tail is still a profit) says so.
    static func lossAtRisk(_ x: Double) -> String {
        x < 0 ? "none (profit \(NumberFormat.amount(-x)))" : NumberFormat.amount(x)
    }

    /// VaR95 in a sentence that cannot be misread when it is negative.
    static func valueAtRiskWords(_ s: StrategySummary) -> String {
        if s.var95 < 0 {
            return
                "Even the 5th-percentile outcome is a profit of \(NumberFormat.amount(-s.var95)) (VaR95 "
                + "\(NumberFormat.amount(s.var95)))."
        }
        return
            "In the worst 5 % of trials it loses \(NumberFormat.amount(s.var95)) or more (VaR95), "
            + "\(NumberFormat.amount(s.cvar95)) on average (CVaR95)."
    }

    /// The adoption curve in words: median months to 50 % and 90 % of the reachable market.
    static func adoptionWords(_ s: StrategySummary, horizon: Int) -> String {
        guard s.adoption.count == 2 else { return "" }
        let (half, most) = (s.adoption[0], s.adoption[1])
        let p = NumberFormat.probability
        switch (half.medianMonth, most.medianMonth) {
        case let (h?, m?):
            return "Adoption (median trial): 50 % of the reachable market by month \(h), 90 % by month \(m); "
                + "within the horizon 50 % is reached in \(p(half.pReached)) of trials, 90 % in \(p(most.pReached))."
        case let (h?, nil):
            return
                "Adoption (median trial): 50 % of the reachable market by month \(h); 90 % not within \(horizon) "
                + "months "
                + "(reached in \(p(most.pReached)) of trials)."
        default:
            return "Adoption (median trial): not even 50 % of the reachable market within \(horizon) months "
                + "(50 % is reached in \(p(half.pReached)) of trials, 90 % in \(p(most.pReached)))."
        }
    }

    private static let outcomeLabels: [(Outcome, String)] = [
        (.npv, "NPV"), (.profit, "Profit"), (.revenue, "Revenue"), (.cost, "Cost"), (.roi, "ROI (profit / cost)"),
        (.minCash, "Lowest cash"), (.customers, "Customers at horizon"), (.demandShare, "Demand share D")
    ]

    /// A table of percentiles, mean and SD, one row per `row(…)`.
    static func percentileTable(_ first: Inlines, _ rows: [[Inlines]]) -> Document.Block {
        .table(
            .init(labels: first, figures: ["P5", "P10", "P25", "P50", "P75", "P90", "P95", "Mean", "SD"], rows: rows))
    }

    static func row(_ label: Inlines, _ s: Stats, _ f: (Double?) -> String) -> [Inlines] {
        [label] + (s.percentiles + [s.mean, s.sd]).map { .text(f($0)) }
    }

    private static func percentileSection(_ s: StrategySummary) -> Document {
        let rows = outcomeLabels.map { outcome, label -> [Inlines] in
            let stats = s.outcome(outcome)
            let isRatio = outcome == .roi || outcome == .demandShare
            let f: (Double?) -> String = { isRatio ? NumberFormat.ratio($0) : NumberFormat.amount($0) }
            var name = label
            if outcome == .roi && stats.n < s.outcome(.npv).n {
                name += " (\(NumberFormat.grouped(Int64(stats.n))) trials with cost > 0)"
            }
            return row(.text(name), stats, f)
        }
        return Document([.heading(level: 2, "Percentiles: \(s.name)"), percentileTable("Outcome", rows)])
    }

    private static func comparisonSection(_ summary: Summary) -> Document {
        guard !summary.comparisons.isEmpty else { return Document() }
        let rows = summary.comparisons.map { c -> [Inlines] in
            let d = c.npvDifference
            return ["\(c.a) − \(c.b)", .text(NumberFormat.probability(c.pABetterNpv))]
                + (d.percentiles + [d.mean, d.sd]).map { .text(NumberFormat.amount($0)) }
        }
        var doc = Document([
            .heading(level: 2, "Strategy comparison"),
            .paragraph(
                "Within each trial every strategy sees the same market, costs and risk events, so the difference is a "
                    + "fair comparison."
            ),
            .table(
                .init(
                    labels: "A − B",
                    figures: ["P(A's NPV > B's)", "P5", "P10", "P25", "P50", "P75", "P90", "P95", "Mean", "SD"],
                    rows: rows))
        ])
        doc.blocks += pairedDifferenceItems(summary) + comparisonDriverBlocks(summary)
        return doc
    }
}
