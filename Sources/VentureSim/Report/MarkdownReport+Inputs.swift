/// The report's risk and input sections: what the scenario assumes, as read.
extension MarkdownReport {
    static func riskSection(_ scenario: Scenario, _ summary: Summary) -> Document {
        guard !scenario.risks.isEmpty, let first = summary.strategies.first else { return Document() }
        let a = NumberFormat.amount
        var doc = Document([.heading(level: 2, "Risks")])
        doc.append(
            .table(
                .init(
                    header: [
                        "Risk", "Category", "Annual probability", "Impact when it fires", "Fired at least once",
                        "Mean firings"
                    ],
                    alignments: [.none, .none, .right, .none, .right, .right],
                    rows: zip(scenario.risks, first.risks).map { risk, stats in
                        [
                            .text(risk.name), .text(risk.category), .text(NumberFormat.percent(risk.annualProbability)),
                            .text(impact(risk)),
                            .text(NumberFormat.probability(stats.pFired)), .text(NumberFormat.ratio(stats.meanFirings))
                        ]
                    })))
        let insured = zip(scenario.risks, first.risks).compactMap { r, s in
            r.insurance.flatMap { cover in s.insurance.map { (r, cover, $0) } }
        }
        if !insured.isEmpty {
            doc.append(.paragraph("Insured risks, mean cost per trial over the horizon (the same for every strategy):"))
            doc.append(
                .table(
                    .init(
                        header: ["Risk", "Cover", "Without insurance", "Paid back", "Premiums", "With insurance"],
                        alignments: [.none, .none, .right, .right, .right, .right],
                        rows: insured.map { risk, cover, i in
                            let words =
                                "\(NumberFormat.percent(cover.coverShare)) above \(a(cover.deductible))"
                                + (cover.limit.isFinite ? ", at most \(a(cover.limit)) a firing" : "")
                                + ", \(a(cover.premiumMonthly)) a month"
                            return [
                                .text(risk.name), .text(words), .text(a(i.meanCostUninsured)), .text(a(i.meanCovered)),
                                .text(a(i.premiums)),
                                .text(a(i.meanCostInsured))
                            ]
                        })))
        }
        if let l = summary.launch {
            var words =
                "Launch: planned for month \(l.planned); pushed back in \(NumberFormat.probability(l.pDelayed)) of "
                + "trials"
            if let m = l.month {
                words +=
                    "; launches in month \(NumberFormat.ratio(m.p50)) (P10 \(NumberFormat.ratio(m.p10)), P90 "
                    + "\(NumberFormat.ratio(m.p90)))"
            }
            doc.append(
                .paragraph(
                    .text(words + "; not within the horizon in \(NumberFormat.probability(l.pNotWithinHorizon)).")))
        }
        return doc
    }

    static func impact(_ risk: Risk) -> String {
        var parts: [String] = []
        if let c = risk.cost { parts.append("cost \(c.words)") }
        if risk.fineOfAnnualRevenue > 0 {
            parts.append("fine of \(NumberFormat.percent(risk.fineOfAnnualRevenue)) of the last 12 months' revenue")
        }
        if risk.revenueLoss > 0 {
            parts.append(
                "revenue −\(NumberFormat.percent(risk.revenueLoss)) for \(risk.durationMonths) "
                    + "month\(risk.durationMonths == 1 ? "" : "s")"
            )
        }
        if let k = risk.demandShock { parts.append("market potential × \(NumberFormat.ratio(k)) from then on") }
        if let k = risk.unitCostShock { parts.append("unit costs × \(NumberFormat.ratio(k)) from then on") }
        if let k = risk.runningCostShock { parts.append("running costs × \(NumberFormat.ratio(k)) from then on") }
        if risk.delayMonths > 0 {
            parts.append("before launch: launch \(risk.delayMonths) month\(risk.delayMonths == 1 ? "" : "s") later")
        }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }

    /// Input key paths are text, not code spans: the Markdown stays as it reads today (an underscore inside
    /// a word is not emphasis in CommonMark, so `cost_per_customer` needs no escape) and the HTML page,
    /// written from the structure, shows them as text without a Markdown parser to misread them.
    static func inputSection(_ s: Scenario, _ summary: Summary) -> Document {
        let clamped = Dictionary(summary.clamped.map { ($0.input, $0.share) }, uniquingKeysWith: { a, _ in a })
        let rows = inputRows(s, clamped: clamped)
        var doc = Document([
            .heading(level: 2, "Inputs"),
            .paragraph(
                "As read from the scenario (defaults filled in). Values drawn per trial; market factors and churn are "
                    + "clamped to [0, 1] "
                    + "(how often, where it happened, as measured in this run; ⚠ above "
                    + "\(NumberFormat.percent(ClampedInput.warningShare)) of draws: "
                    + "check that the distribution means what was meant)."),
            .table(.init(header: ["Input", "Value"], alignments: [], rows: rows.map { [.text($0.0), .text($0.1)] }))
        ])
        let warnings = s.warnings
        if !warnings.isEmpty {
            doc.append(.paragraph("Values that are legal but probably not what was meant (they change no number):"))
            doc.append(.bullets(warnings.map { .text($0.line) }))
        }
        return doc
    }

    /// Every input in words, as the Inputs section and `validate --explain` show it; `clamped` gives the measured
    /// share of clamped draws by input path (empty before a run).
    public static func inputRows(_ s: Scenario, clamped: [String: Double] = [:]) -> [(String, String)] {
        var rows: [(String, String)] = s.variables.map { ($0.path, $0.distribution.words) }
        rows += marketRows(s, clamped: clamped)
        for (i, st) in s.strategies.enumerated() { rows += strategyRows(st, at: i, clamped: clamped) }
        rows += costRows(s)
        rows += fundingRows(s)
        return rows
    }

    /// A distribution in words, with the measured share of its draws clamped to [0, 1] when there is one.
    private static func clampedWords(_ path: String, _ d: Distribution, _ clamped: [String: Double]) -> String {
        guard let c = clamped[path] else { return d.words }
        return d.words + "; clamped to [0, 1] in \(NumberFormat.probability(c)) of draws"
            + (c > ClampedInput.warningShare ? " ⚠" : "")
    }

    /// The market's factors and the adoption model.
    private static func marketRows(_ s: Scenario, clamped: [String: Double]) -> [(String, String)] {
        func share(_ path: String, _ d: Distribution) -> String { clampedWords(path, d, clamped) }
        let m = s.market
        var rows: [(String, String)] = [
            ("market.size", m.size.words), ("market.performance (P)", share("market.performance", m.performance)),
            ("market.demand (D_customer)", share("market.demand", m.demand)),
            ("market.competition (C)", share("market.competition", m.competition)),
            ("market.service (S)", share("market.service", m.service)),
            ("market.marketing (P_marketing)", share("market.marketing", m.marketing)),
            ("adoption.model", s.adoption.model.rawValue)
        ]
        if s.adoption.model == .bass {
            let unit = s.adoption.isAnnual ? " per year (the month loop uses it ÷ 12)" : " per month"
            rows += [
                ("adoption.innovation (p)", s.adoption.innovation.words + unit),
                ("adoption.imitation (q)", s.adoption.imitation.words + unit)
            ]
        }
        return rows
    }

    /// Strategy `i`'s prices, units, churn and revenue lines.
    private static func strategyRows(_ st: Strategy, at i: Int, clamped: [String: Double]) -> [(String, String)] {
        let p = "strategies[\(i)] \(st.name) (\(st.kind.rawValue))"
        var rows: [(String, String)] = []
        if st.kind != .api { rows.append(("\(p) price per month", st.pricePerMonth.words)) }
        if st.kind != .subscription {
            rows += [
                ("\(p) price per unit", st.pricePerUnit.words),
                ("\(p) units per customer-month", st.unitsPerCustomerMonth.words),
                ("\(p) unit cost", st.unitCost.words)
            ]
            if st.includedUnits > 0 {
                rows.append(("\(p) units included in the monthly price", NumberFormat.amount(st.includedUnits)))
            }
        } else if st.hasUsage {
            rows += [
                ("\(p) units per customer-month (a cost only)", st.unitsPerCustomerMonth.words),
                ("\(p) unit cost", st.unitCost.words)
            ]
        }
        rows.append(
            ("\(p) monthly churn", clampedWords("strategies.\(st.name).churn_monthly", st.churnMonthly, clamped)))
        for line in st.revenueLines {
            let values = zip(line.kind.parameters, line.values).map { "\($0.key) \($1.words)" }.joined(
                separator: ", ")
            rows.append(("\(p) revenue line \(line.name) (\(line.kind.rawValue))", values))
        }
        return rows
    }

    /// The launch month, willingness to pay, costs, finance and the trends of costs and prices.
    private static func costRows(_ s: Scenario) -> [(String, String)] {
        let m = s.market
        var rows: [(String, String)] = []
        if m.launchMonth != 1 { rows.append(("market.launch_month", "\(m.launchMonth)")) }
        if let w = m.willingnessToPay { rows.append(("market.willingness_to_pay (per customer-month)", w.words)) }
        rows += [
            ("costs.data_acquisition (month 1)", s.costs.dataAcquisition.words),
            ("costs.training (month 1)", s.costs.training.words),
            ("costs.operations_monthly", s.costs.operationsMonthly.words),
            ("costs.cost_per_customer_monthly", s.costs.costPerCustomerMonthly.words),
            ("costs.acquisition_cost (per new customer)", s.costs.acquisitionCost.words),
            ("finance.starting_cash", s.finance.startingCash.words),
            ("finance.discount_rate_annual", s.finance.discountRateAnnual.words)
        ]
        if s.costs.costTrendAnnual != 0 {
            rows.append(
                ("costs.cost_trend_annual (running costs)", NumberFormat.percent(s.costs.costTrendAnnual) + " a year"))
        }
        if s.finance.priceGrowthAnnual != 0 {
            rows.append(
                (
                    "finance.price_growth_annual (every price)",
                    NumberFormat.percent(s.finance.priceGrowthAnnual) + " a year"
                ))
        }
        return rows
    }

    /// The funding rounds and the exit.
    private static func fundingRows(_ s: Scenario) -> [(String, String)] {
        var rows: [(String, String)] = []
        for r in s.funding {
            let when =
                r.month.map { "month \($0)" } ?? r.trigger.map { t in
                    "when \(t.metric.rawValue) \(t.atLeast ? "≥" : "≤") \(NumberFormat.amount(t.threshold)), from "
                        + "month \(r.earliestMonth)"
                        + (r.latestMonth.map { " to month \($0)" } ?? "")
                } ?? ""
            let chance =
                r.closeProbability < 1 ? ", closes with probability \(NumberFormat.percent(r.closeProbability))" : ""
            rows.append(("funding \(r.name)", "\(when): \(r.amount.words) at \(r.preMoney.words) pre-money\(chance)"))
        }
        if let e = s.exit {
            rows.append(
                (
                    "exit",
                    "\(e.multipleOfRunRate.words) × annual run rate"
                        + (e.liquidationPreference ? ", 1× non-participating preference" : "")
                ))
        }
        return rows
    }
}
