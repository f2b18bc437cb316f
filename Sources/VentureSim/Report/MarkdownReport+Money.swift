/// The report's sections on where the money comes from and goes: the plan
/// year by year, the revenue lines, the funding rounds and their returns.
extension MarkdownReport {
    static func yearSection(_ summary: Summary) -> Document {
        guard summary.strategies.contains(where: { !($0.byYear ?? []).isEmpty }) else { return Document() }
        var doc = Document([
            .heading(level: 2, "The plan year by year"),
            .paragraph(
                "Revenue, cost and profit of each year (profit = revenue − cost), over the first "
                    + "\(NumberFormat.grouped(Int64(summary.yearSample))) trials.")
        ])
        for s in summary.strategies {
            guard let byYear = s.byYear, !byYear.isEmpty else { continue }
            var rows: [[Inlines]] = []
            for y in byYear {
                let label = y.months == 12 ? "\(y.year)" : "\(y.year) (\(y.months) months)"
                for (i, (name, stats)) in [("Revenue", y.revenue), ("Cost", y.cost), ("Profit", y.profit)].enumerated()
                {
                    rows.append(
                        [.text(i == 0 ? label : ""), .text(name)]
                            + [stats.p10, stats.p50, stats.p90, stats.mean].map { .text(NumberFormat.amount($0)) })
                }
            }
            doc.append(.paragraph("\(strong: s.name)"))
            doc.append(
                .table(
                    .init(
                        header: ["Year", "", "P10", "P50", "P90", "Mean"],
                        alignments: [.none, .none, .right, .right, .right, .right], rows: rows)))
        }
        return doc
    }

    static func revenueLineSection(_ summary: Summary) -> Document {
        let withLines = summary.strategies.compactMap { s in s.revenueLines.map { (s, $0) } }
        guard !withLines.isEmpty else { return Document() }
        var doc = Document([
            .heading(level: 2, "Revenue lines"),
            .paragraph(
                "What each way of earning brings in over the horizon, and the spread of profit with all of them "
                    + "against the plan with one line alone (the same customers; the line's own costs and every cost "
                    + "no line carries)."
            )
        ])
        for (s, lines) in withLines {
            doc.append(.paragraph("\(strong: s.name)"))
            doc.append(
                .table(
                    .init(
                        header: [
                            "Line", "Kind", "Mean revenue", "Median revenue", "Median share of revenue",
                            "Own costs (mean)",
                            "SD of profit, this line alone"
                        ],
                        alignments: [.none, .none, .right, .right, .right, .right, .right],
                        rows: lines.map { l in
                            [
                                .text(l.line), .text(l.kind), .text(NumberFormat.amount(l.revenue.mean)),
                                .text(NumberFormat.amount(l.revenue.p50)),
                                .text(NumberFormat.percent(l.shareP50)), .text(NumberFormat.amount(l.cost)),
                                .text(NumberFormat.amount(l.sdProfitAlone))
                            ]
                        })))
            if let d = s.diversification {
                doc.append(
                    .paragraph(
                        "SD of profit with every line: \(NumberFormat.amount(d.sdProfitMix)); with each line alone, "
                            + "the last column."
                    ))
            }
        }
        return doc
    }

    static func fundingRoundSection(_ scenario: Scenario, _ summary: Summary) -> Document {
        guard !scenario.funding.isEmpty else { return Document() }
        var doc = Document([
            .heading(level: 2, "Funding rounds and returns"),
            .paragraph(
                "Each round closes in the first month its condition holds (a fixed round: in its month), "
                    + "with its probability; it adds its amount to cash and dilutes every holder pro rata. A company "
                    + "whose cash goes below zero "
                    + "is dead from that month: no more revenue or cost.")
        ])
        let p = NumberFormat.probability, a = NumberFormat.amount
        for s in summary.strategies {
            guard let f = s.funding else { continue }
            doc.append(
                .paragraph(
                    "\(strong: s.name): fails (runs out of cash) in \(p(f.pFailed)) of trials; raises "
                        + "\(a(f.raised.mean)) "
                        + "on average (median \(a(f.raised.p50))); the founders keep "
                        + "\(NumberFormat.percent(f.founders.p50)) at the median."
                ))
            doc.append(roundFateTable(f))
            if let returns = s.returns, !returns.isEmpty { doc.append(returnsTable(returns)) }
        }
        if let exit = scenario.exit {
            doc.append(
                .paragraph(
                    .text(
                        "Exit at the horizon: \(exit.multipleOfRunRate.words) × the annual run rate (12 × the last "
                            + "month's revenue; "
                            + "nothing for a failed company), "
                            + (exit.liquidationPreference
                                ? "each round taking back its money first when that beats converting (1×, "
                                    + "non-participating, pari passu). "
                                : "shared as common stock. ")
                            + "MOIC = proceeds / amount invested, IRR = MOIC^(12 / months held) − 1, over the trials "
                            + "in which the round closed."
                    )))
        }
        return doc
    }

    /// Per round: closed, the company dead before it came due, its condition never met, due but not closed, and
    /// when it closed.
    static func roundFateTable(_ f: FundingSummary) -> Document.Block {
        let p = NumberFormat.probability
        let month = { (x: Double?) in x.map { NumberFormat.ratio($0) } ?? "–" }
        let figures: [Inlines] = [
            "Closes", "Company dead before it came due", "Condition never met", "Came due, did not close",
            "Closing month P10 / P50 / P90", "Ownership at the horizon (median)"
        ]
        let rows = f.rounds.map { r -> [Inlines] in
            let when =
                r.monthP50 == nil ? "never" : "\(month(r.monthP10)) / \(month(r.monthP50)) / \(month(r.monthP90))"
            let cells = [
                p(r.pClosed), r.pFailedBefore.map(p) ?? "–", r.pNotTriggered.map(p) ?? "–", r.pDeclined.map(p) ?? "–",
                when,
                NumberFormat.percent(r.ownershipAtHorizon.p50)
            ]
            return [.text(r.name)] + cells.map { .text($0) }
        }
        return .table(.init(labels: "Round", figures: figures, rows: rows))
    }

    /// Per round: what its investors get back, over the trials in which it closed.
    static func returnsTable(_ returns: [ReturnSummary]) -> Document.Block {
        let p = NumberFormat.probability
        let figures: [Inlines] = ["P(MOIC ≥ 1)", "P(MOIC ≥ 3)", "MOIC P50", "MOIC P90", "IRR P50", "Best 10 % bring"]
        let rows = returns.map { x -> [Inlines] in
            let cells = [
                p(x.pMoicAtLeast1), p(x.pMoicAtLeast3), "\(NumberFormat.ratio(x.moic.p50))×",
                "\(NumberFormat.ratio(x.moic.p90))×",
                NumberFormat.percent(x.irr.p50), "\(NumberFormat.percent(x.topDecileShare)) of the proceeds"
            ]
            return [.text(x.round)] + cells.map { .text($0) }
        }
        return .table(.init(labels: "Round (returns)", figures: figures, rows: rows))
    }

    /// A probability and its change in percentage points: `52.1 % (+5.2 pp)`.
    static func pp(_ x: Double, _ base: Double) -> String {
        let d = (x - base) * 100
        return NumberFormat.probability(x) + " (" + (d >= 0 ? "+" : "−") + NumberFormat.fixed(abs(d), 1) + " pp)"
    }

    /// An amount and its change: `−1.2 M (−0.8 M)`.
    static func delta(_ x: Double?, _ base: Double?) -> String {
        guard let x, let base else { return NumberFormat.amount(x) }
        let d = x - base
        return NumberFormat.amount(x) + " (" + (d >= 0 ? "+" : "") + NumberFormat.amount(d) + ")"
    }
}
