/// Writes a run's summary as a Markdown report: the investor's summary first,
/// then percentile tables, the strategy comparison, risks, inputs and the
/// command that reproduces the run. A pure function: same inputs, same text.
public enum MarkdownReport {
    /// `note`, when given, is a paragraph under the title line (how the run was made, e.g. `--precision`).
    /// `charts`, when given, are linked in a Charts section after the summary: each chart's file name (relative to the report) and picture.
    public static func render(scenario: Scenario, summary: Summary, command: String, note: String? = nil,
                              charts: [(file: String, picture: Charts.Picture)] = []) -> String {
        let (head, rest) = parts(scenario: scenario, summary: summary, command: command, note: note)
        return head + chartSection(charts) + rest
    }

    /// The report before and after the place of the charts (after the summary).
    public static func parts(scenario: Scenario, summary: Summary, command: String, note: String? = nil) -> (head: String, rest: String) {
        var md = "# \(scenario.name)\n\n"
        if let d = scenario.description { md += d + "\n\n" }
        md += "VentureSim report: \(NumberFormat.grouped(Int64(summary.trials))) trials over \(summary.horizonMonths) months, seed \(summary.seed). "
        md += "Money in the scenario's currency; every figure is defined in VentureSim's docs/model.md.\n\n"
        if let note { md += note + "\n\n" }
        let analyses = scenario.simulation.analyses
        if analyses != .all {
            let off = Analyses.names.filter { !analyses.enabled.contains($0) }.map { $0.split(separator: "_").joined(separator: " ") }
            md += "Investor analyses not computed (`simulation.analyses: \(analyses.yaml)`): " + off.joined(separator: ", ") + ".\n\n"
        }
        // An investment memo's order: the answer, the claims, the money, the what-ifs, then the details.
        md += summarySection(summary)
        let head = md
        md = targetSection(scenario, summary)
        md += fundingSection(summary)
        md += fundingRoundSection(scenario, summary)
        md += stressSection(summary)
        md += driverSection(summary)
        md += whatHasToBeTrueSection(summary)
        md += yearSection(summary)
        md += revenueLineSection(summary)
        for s in summary.strategies { md += percentileSection(s) }
        md += comparisonSection(summary)
        md += riskSection(scenario, summary)
        md += inputSection(scenario, summary)
        md += "## Reproduce\n\nThe same scenario file and seed give this report to the last digit, whatever the number of workers:\n\n"
        md += "```sh\n\(command)\n```\n\n"
        md += "VentureSim \(VentureSimVersion.current); random numbers: \(RandomStream.generatorName).\n"
        return (head, md)
    }

    /// Images linking the chart files, each with its caption.
    static func chartSection(_ charts: [(file: String, picture: Charts.Picture)]) -> String {
        guard !charts.isEmpty else { return "" }
        var md = "## Charts\n\n"
        for c in charts {
            // Percent-encoded so any file name stays one link target.
            let target = c.file.unicodeScalars.map { ch -> String in
                let safe = ch.properties.isAlphabetic || ("0"..."9").contains(ch) || "-_.".unicodeScalars.contains(ch)
                return safe ? String(ch) : String(ch).utf8.map { let h = String($0, radix: 16, uppercase: true); return "%" + (h.count == 1 ? "0" + h : h) }.joined()
            }.joined()
            md += "![\(c.picture.title)](\(target))\n\n*\(c.picture.caption)*\n\n"
        }
        return md
    }

    private static func summarySection(_ summary: Summary) -> String {
        var md = "## Summary\n\n"
        md += "| Strategy | P(loss) | P(cash out) | NPV median | NPV P5 … P95 | VaR95 of profit | CVaR95 of profit | P(breakeven) | Breakeven month (median) |\n"
        md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for s in summary.strategies {
            let npv = s.outcome(.npv)
            md += "| \(s.name == s.kind ? s.name : "\(s.name) (\(s.kind))") | \(NumberFormat.probability(s.pLoss)) | \(NumberFormat.probability(s.pCashOut)) | \(NumberFormat.amount(npv.p50)) "
            md += "| \(NumberFormat.amount(npv.p5)) … \(NumberFormat.amount(npv.p95)) | \(lossAtRisk(s.var95)) | \(lossAtRisk(s.cvar95)) "
            md += "| \(NumberFormat.probability(s.pBreakeven)) | \(s.breakevenMonthP50.map { NumberFormat.ratio($0) } ?? "never") |\n"
        }
        md += "\n"
        for s in summary.strategies {
            let npv = s.outcome(.npv)
            let ci = npv.ci95?["p50"].map { " (95 % CI \(NumberFormat.amount($0[0])) … \(NumberFormat.amount($0[1])))" } ?? ""
            md += "- **\(s.name)**: median NPV \(NumberFormat.amount(npv.p50))\(ci), mean \(NumberFormat.amount(npv.mean)) ± \(NumberFormat.amount(npv.se)) s.e.; "
            md += "loses money in \(NumberFormat.probability(s.pLoss)) of trials and runs out of cash in \(NumberFormat.probability(s.pCashOut)). "
            md += valueAtRiskWords(s) + " " + adoptionWords(s, horizon: summary.horizonMonths) + "\n"
        }
        for c in summary.comparisons {
            md += "- **\(c.a)** beats **\(c.b)** on NPV in \(NumberFormat.probability(c.pABetterNpv)) of trials (median difference \(NumberFormat.amount(c.npvDifference.p50))).\n"
        }
        md += "\nP(loss) is the share of trials whose profit over the whole horizon is below zero; P(cash out) the share whose cash goes below zero "
        md += "in some month. Cash is not stopped at zero: a trial that runs out goes on as if someone funded the gap, so a plan can run out of "
        md += "cash and still end in profit, or lose money without ever running out. VaR95 and CVaR95 are losses; a negative one is a profit.\n"
        if let sketch = summary.sketch {
            md += "\n**Sketch summary** (`simulation.summary: sketch`): percentiles, VaR and CVaR come from mergeable sketches, each order statistic "
            md += "within \(NumberFormat.probability(sketch.relativeError)) of the exact one; probabilities, months and counts are exact, "
            md += "means and SDs are summed block by block. Not computed: \(sketch.notComputed.map { "`\($0)`" }.joined(separator: ", ")).\n"
        }
        return md + "\n"
    }

    /// VaR/CVaR as a loss; a negative one (the bad tail is still a profit) says so.
    static func lossAtRisk(_ x: Double) -> String {
        x < 0 ? "none (profit \(NumberFormat.amount(-x)))" : NumberFormat.amount(x)
    }

    /// VaR95 in a sentence that cannot be misread when it is negative.
    static func valueAtRiskWords(_ s: StrategySummary) -> String {
        if s.var95 < 0 {
            return "Even the 5th-percentile outcome is a profit of \(NumberFormat.amount(-s.var95)) (VaR95 \(NumberFormat.amount(s.var95)))."
        }
        return "In the worst 5 % of trials it loses \(NumberFormat.amount(s.var95)) or more (VaR95), \(NumberFormat.amount(s.cvar95)) on average (CVaR95)."
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
            return "Adoption (median trial): 50 % of the reachable market by month \(h); 90 % not within \(horizon) months "
                + "(reached in \(p(most.pReached)) of trials)."
        default:
            return "Adoption (median trial): not even 50 % of the reachable market within \(horizon) months "
                + "(50 % is reached in \(p(half.pReached)) of trials, 90 % in \(p(most.pReached)))."
        }
    }

    private static let outcomeLabels: [(Outcome, String)] = [
        (.npv, "NPV"), (.profit, "Profit"), (.revenue, "Revenue"), (.cost, "Cost"), (.roi, "ROI (profit / cost)"),
        (.minCash, "Lowest cash"), (.customers, "Customers at horizon"), (.demandShare, "Demand share D"),
    ]

    static func header(_ first: String) -> String {
        "| \(first) | P5 | P10 | P25 | P50 | P75 | P90 | P95 | Mean | SD |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    }

    static func row(_ label: String, _ s: Stats, _ f: (Double?) -> String) -> String {
        "| \(label) | " + (s.percentiles + [s.mean, s.sd]).map(f).joined(separator: " | ") + " |\n"
    }

    private static func percentileSection(_ s: StrategySummary) -> String {
        var md = "## Percentiles: \(s.name)\n\n" + header("Outcome")
        for (outcome, label) in outcomeLabels {
            let stats = s.outcome(outcome)
            let isRatio = outcome == .roi || outcome == .demandShare
            let f: (Double?) -> String = { isRatio ? NumberFormat.ratio($0) : NumberFormat.amount($0) }
            var name = label
            if outcome == .roi && stats.n < s.outcome(.npv).n { name += " (\(NumberFormat.grouped(Int64(stats.n))) trials with cost > 0)" }
            md += row(name, stats, f)
        }
        return md + "\n"
    }

    private static func comparisonSection(_ summary: Summary) -> String {
        guard !summary.comparisons.isEmpty else { return "" }
        var md = "## Strategy comparison\n\nWithin each trial every strategy sees the same market, costs and risk events, so the difference is a fair comparison.\n\n"
        md += "| A − B | P(A's NPV > B's) | P5 | P10 | P25 | P50 | P75 | P90 | P95 | Mean | SD |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for c in summary.comparisons {
            let d = c.npvDifference
            md += "| \(c.a) − \(c.b) | \(NumberFormat.probability(c.pABetterNpv)) | "
            md += (d.percentiles + [d.mean, d.sd]).map(NumberFormat.amount).joined(separator: " | ") + " |\n"
        }
        return md + "\n"
    }

    private static func riskSection(_ scenario: Scenario, _ summary: Summary) -> String {
        guard !scenario.risks.isEmpty, let first = summary.strategies.first else { return "" }
        var md = "## Risks\n\n| Risk | Category | Annual probability | Impact when it fires | Fired at least once | Mean firings |\n|---|---|---:|---|---:|---:|\n"
        for (risk, stats) in zip(scenario.risks, first.risks) {
            md += "| \(risk.name) | \(risk.category) | \(NumberFormat.percent(risk.annualProbability)) | \(impact(risk)) "
            md += "| \(NumberFormat.probability(stats.pFired)) | \(NumberFormat.ratio(stats.meanFirings)) |\n"
        }
        let insured = zip(scenario.risks, first.risks).compactMap { r, s in s.insurance.map { (r, $0) } }
        if !insured.isEmpty {
            md += "\nInsured risks, mean cost per trial over the horizon (the same for every strategy):\n\n"
            md += "| Risk | Cover | Without insurance | Paid back | Premiums | With insurance |\n|---|---|---:|---:|---:|---:|\n"
            for (risk, i) in insured {
                let cover = risk.insurance!
                let words = "\(NumberFormat.percent(cover.coverShare)) above \(NumberFormat.amount(cover.deductible))"
                    + (cover.limit.isFinite ? ", at most \(NumberFormat.amount(cover.limit)) a firing" : "")
                    + ", \(NumberFormat.amount(cover.premiumMonthly)) a month"
                md += "| \(risk.name) | \(words) | \(NumberFormat.amount(i.meanCostUninsured)) | \(NumberFormat.amount(i.meanCovered)) "
                md += "| \(NumberFormat.amount(i.premiums)) | \(NumberFormat.amount(i.meanCostInsured)) |\n"
            }
        }
        if let l = summary.launch {
            md += "\nLaunch: planned for month \(l.planned); pushed back in \(NumberFormat.probability(l.pDelayed)) of trials"
            if let m = l.month { md += "; launches in month \(NumberFormat.ratio(m.p50)) (P10 \(NumberFormat.ratio(m.p10)), P90 \(NumberFormat.ratio(m.p90)))" }
            md += "; not within the horizon in \(NumberFormat.probability(l.pNotWithinHorizon)).\n"
        }
        return md + "\n"
    }

    static func impact(_ risk: Risk) -> String {
        var parts: [String] = []
        if let c = risk.cost { parts.append("cost \(c.words)") }
        if risk.fineOfAnnualRevenue > 0 { parts.append("fine of \(NumberFormat.percent(risk.fineOfAnnualRevenue)) of the last 12 months' revenue") }
        if risk.revenueLoss > 0 {
            parts.append("revenue −\(NumberFormat.percent(risk.revenueLoss)) for \(risk.durationMonths) month\(risk.durationMonths == 1 ? "" : "s")")
        }
        if let k = risk.demandShock { parts.append("market potential × \(NumberFormat.ratio(k)) from then on") }
        if risk.delayMonths > 0 { parts.append("before launch: launch \(risk.delayMonths) month\(risk.delayMonths == 1 ? "" : "s") later") }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }

    private static func inputSection(_ s: Scenario, _ summary: Summary) -> String {
        let clamped = Dictionary(summary.clamped.map { ($0.input, $0.share) }, uniquingKeysWith: { a, _ in a })
        func share(_ path: String, _ d: Distribution) -> String {
            guard let c = clamped[path] else { return d.words }
            return d.words + "; clamped to [0, 1] in \(NumberFormat.probability(c)) of draws" + (c > ClampedInput.warningShare ? " ⚠" : "")
        }
        let m = s.market
        var rows: [(String, String)] = [
            ("market.size", m.size.words), ("market.performance (P)", share("market.performance", m.performance)),
            ("market.demand (D_customer)", share("market.demand", m.demand)), ("market.competition (C)", share("market.competition", m.competition)),
            ("market.service (S)", share("market.service", m.service)), ("market.marketing (P_marketing)", share("market.marketing", m.marketing)),
            ("adoption.model", s.adoption.model.rawValue),
        ]
        if s.adoption.model == .bass {
            let unit = s.adoption.isAnnual ? " per year (the month loop uses it ÷ 12)" : " per month"
            rows += [("adoption.innovation (p)", s.adoption.innovation.words + unit), ("adoption.imitation (q)", s.adoption.imitation.words + unit)]
        }
        for (i, st) in s.strategies.enumerated() {
            let p = "strategies[\(i)] \(st.name) (\(st.kind.rawValue))"
            if st.kind != .api { rows.append(("\(p) price per month", st.pricePerMonth.words)) }
            if st.kind != .subscription {
                rows += [("\(p) price per unit", st.pricePerUnit.words), ("\(p) units per customer-month", st.unitsPerCustomerMonth.words),
                         ("\(p) unit cost", st.unitCost.words)]
            }
            rows.append(("\(p) monthly churn", share("strategies.\(st.name).churn_monthly", st.churnMonthly)))
            for line in st.revenueLines {
                let values = zip(line.kind.parameters, line.values).map { "\($0.key) \($1.words)" }.joined(separator: ", ")
                rows.append(("\(p) revenue line \(line.name) (\(line.kind.rawValue))", values))
            }
        }
        if m.launchMonth != 1 { rows.append(("market.launch_month", "\(m.launchMonth)")) }
        rows += [
            ("costs.data_acquisition (month 1)", s.costs.dataAcquisition.words), ("costs.training (month 1)", s.costs.training.words),
            ("costs.operations_monthly", s.costs.operationsMonthly.words),
            ("costs.cost_per_customer_monthly", s.costs.costPerCustomerMonthly.words),
            ("costs.acquisition_cost (per new customer)", s.costs.acquisitionCost.words),
            ("finance.starting_cash", s.finance.startingCash.words),
            ("finance.discount_rate_annual", s.finance.discountRateAnnual.words),
        ]
        if s.costs.costTrendAnnual != 0 { rows.append(("costs.cost_trend_annual (running costs)", NumberFormat.percent(s.costs.costTrendAnnual) + " a year")) }
        if s.finance.priceGrowthAnnual != 0 { rows.append(("finance.price_growth_annual (every price)", NumberFormat.percent(s.finance.priceGrowthAnnual) + " a year")) }
        for r in s.funding {
            let when = r.month.map { "month \($0)" } ?? r.trigger.map { t in
                "when \(t.metric.rawValue) \(t.atLeast ? "≥" : "≤") \(NumberFormat.amount(t.threshold)), from month \(r.earliestMonth)"
            } ?? ""
            let chance = r.closeProbability < 1 ? ", closes with probability \(NumberFormat.percent(r.closeProbability))" : ""
            rows.append(("funding \(r.name)", "\(when): \(r.amount.words) at \(r.preMoney.words) pre-money\(chance)"))
        }
        if let e = s.exit {
            rows.append(("exit", "\(e.multipleOfRunRate.words) × annual run rate" + (e.liquidationPreference ? ", 1× non-participating preference" : "")))
        }
        var md = "## Inputs\n\nAs read from the scenario (defaults filled in). Values drawn per trial; market factors and churn are clamped to [0, 1] "
        md += "(how often, where it happened, as measured in this run; ⚠ above \(NumberFormat.percent(ClampedInput.warningShare)) of draws: check that the distribution means what was meant).\n\n| Input | Value |\n|---|---|\n"
        for (k, v) in rows { md += "| \(k) | \(v) |\n" }
        return md + "\n"
    }
}
