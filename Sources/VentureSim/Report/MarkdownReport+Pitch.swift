/// The sections that answer an investor's questions of a pitch: how likely
/// the founder's claims are, how much money the plan needs, what-if cases.
extension MarkdownReport {
    static func targetSection(_ scenario: Scenario, _ summary: Summary) -> String {
        guard !scenario.targets.isEmpty else { return "" }
        var md = "## Targets\n\nHow likely each of the founder's claims is, trial by trial (± one standard error).\n\n"
        md += "| Target | Claim | " + summary.strategies.map(\.name).joined(separator: " | ") + " |\n"
        md += "|---|---|" + String(repeating: "---:|", count: summary.strategies.count) + "\n"
        for (k, t) in scenario.targets.enumerated() {
            let cells = summary.strategies.map { s in
                let r = s.targets[k]
                return "\(NumberFormat.probability(r.probability)) ± \(NumberFormat.fixed(r.se * 100, 2)) pp"
            }
            // The metric as code: its underscores would otherwise read as emphasis in the HTML page.
            md += "| \(t.name) | `\(t.metric.rawValue)`\(t.words.dropFirst(t.metric.rawValue.count)) | " + cells.joined(separator: " | ") + " |\n"
        }
        return md + "\n"
    }

    static func fundingSection(_ summary: Summary) -> String {
        guard summary.strategies.allSatisfy({ $0.fundingNeed != nil }) else { return "" }
        var md = "## Funding need\n\nThe funding need of a trial is the most cash the plan consumes before it recovers, max(0, −min cumulative profit), "
        md += "whatever the starting cash: raising that much in all (starting cash included) means never running out.\n\n"
        for s in summary.strategies {
            md += "- **\(s.name)**: " + fundingWords(s.fundingNeed!)
            if let m = s.cashOutMonth {
                md += " Trials that run out with this plan's starting cash (\(NumberFormat.probability(s.pCashOut))) first do so in month "
                md += "\(NumberFormat.ratio(m.p50)) (P10 \(NumberFormat.ratio(m.p10)), P90 \(NumberFormat.ratio(m.p90)))"
                let years = (s.cashOutByYear ?? []).enumerated().map { "year \($0.offset + 1): \(NumberFormat.probability($0.element))" }
                md += "; share of all trials running out in " + years.joined(separator: ", ") + "."
            } else {
                md += " No trial runs out with this plan's starting cash."
            }
            md += "\n"
        }
        md += "\n" + header("Strategy")
        for s in summary.strategies { md += row("\(s.name): funding need", s.fundingNeed!, NumberFormat.amount) }
        return md + "\n"
    }

    /// "raising X gives a 90 % chance of never running out; 95 % needs Y".
    static func fundingWords(_ need: Stats) -> String {
        guard let p90 = need.p90, let p95 = need.p95 else { return "no trials." }
        if p95 == 0 { return "needs no money beyond its revenue in at least 95 % of trials." }
        if p90 == 0 { return "needs no money beyond its revenue in 90 % of trials; 95 % needs \(NumberFormat.amount(p95))." }
        return "raising \(NumberFormat.amount(p90)) gives a 90 % chance of never running out of cash; 95 % needs \(NumberFormat.amount(p95))."
    }

    static func stressSection(_ summary: Summary) -> String {
        guard !summary.stressCases.isEmpty else { return "" }
        var md = "## Stress cases\n\nEach case is the base scenario with a few values changed, simulated on the same trials "
        md += "(every draw the change does not touch is the base's), so each difference is the change's effect, not noise. "
        md += "In brackets: the change against the base.\n\n"
        for c in summary.stressCases {
            md += "- **\(c.name)**" + (c.description.map { ": \($0)" } ?? "") + " (" + c.set.keys.sorted().map { "`\($0)` = `\(c.set[$0]!)`" }.joined(separator: ", ") + ")\n"
        }
        let need = summary.strategies.allSatisfy { $0.fundingNeed != nil }
        md += "\n| Case | Strategy | P(loss) | P(cash out) | NPV P5 | NPV P50 | NPV P95 |" + (need ? " Funding need P90 |" : "")
        md += "\n|---|---|---:|---:|---:|---:|---:|" + (need ? "---:|" : "") + "\n"
        for c in summary.stressCases {
            for s in c.strategies {
                guard let base = summary.strategies.first(where: { $0.name == s.name }) else { continue }
                let npv = s.outcome(.npv), baseNPV = base.outcome(.npv)
                md += "| \(c.name) | \(s.name) | \(pp(s.pLoss, base.pLoss)) | \(pp(s.pCashOut, base.pCashOut)) "
                md += "| \(delta(npv.p5, baseNPV.p5)) | \(delta(npv.p50, baseNPV.p50)) | \(delta(npv.p95, baseNPV.p95)) "
                md += need ? "| \(delta(s.fundingNeed?.p90, base.fundingNeed?.p90)) |\n" : "|\n"
            }
        }
        return md + "\n"
    }

    static func driverSection(_ summary: Summary) -> String {
        guard summary.strategies.contains(where: { !($0.drivers ?? []).isEmpty }) else {
            // The achieved correlations are still worth a line when the drivers are not computed.
            guard !summary.correlations.isEmpty else { return "" }
            return "## Correlations\n\nRank correlations imposed (target → achieved over the first \(NumberFormat.grouped(Int64(summary.driverSample))) trials): "
                + correlationWords(summary) + ".\n\n"
        }
        var md = "## Drivers\n\nWhich drawn inputs move NPV, by Spearman's rank correlation over the first "
        md += "\(NumberFormat.grouped(Int64(summary.driverSample))) trials; share of variance = ρ² normalised to 100 %; "
        md += "the swing is the mean NPV of the trials with the input in its bottom 10 % and in its top 10 %.\n\n"
        if !summary.correlations.isEmpty {
            md += "Correlated inputs blur this ranking: an input correlated with a strong driver shows part of that driver's effect. "
            md += "Rank correlations imposed (target → achieved in the sample): "
            md += correlationWords(summary) + ".\n\n"
        }
        for s in summary.strategies {
            guard let drivers = s.drivers, !drivers.isEmpty else { continue }
            md += "**\(s.name)**\n\n| Input | Rank correlation | Share of variance | Mean NPV, input low (≤ P10) | Mean NPV, input high (≥ P90) |\n"
            md += "|---|---:|---:|---:|---:|\n"
            for d in drivers.prefix(12) {
                md += "| \(d.input) | \(NumberFormat.fixed(d.spearman, 3)) | \(NumberFormat.percent(d.varianceShare)) "
                md += "| \(NumberFormat.amount(d.npvMeanLow)) | \(NumberFormat.amount(d.npvMeanHigh)) |\n"
            }
            if drivers.count > 12 { md += "\n(\(drivers.count - 12) more inputs with weaker correlations in the JSON result.)\n" }
            md += "\n"
        }
        return md
    }

    /// "a – b 0.50 → 0.498; …".
    static func correlationWords(_ summary: Summary) -> String {
        summary.correlations.map { "\($0.between.joined(separator: " – ")) \(NumberFormat.fixed($0.target, 2)) → \(NumberFormat.fixed($0.achieved, 3))" }
            .joined(separator: "; ")
    }

    static func whatHasToBeTrueSection(_ summary: Summary) -> String {
        guard summary.strategies.contains(where: { w in w.whatHasToBeTrue.map { !$0.loss.isEmpty || !$0.cashOut.isEmpty } ?? false }) else { return "" }
        var md = "## What has to be true\n\nWhere the drawn inputs sit in the trials that fail: each input's median percentile "
        md += "(its rank among all trials, 0–100; 50 is typical), furthest from typical first. A count with many ties, such as a risk's "
        md += "firings, has its typical percentile in brackets.\n\n"
        for s in summary.strategies {
            guard let w = s.whatHasToBeTrue else { continue }
            for (label, list) in [("lose money", w.loss), ("run out of cash", w.cashOut)] where !list.isEmpty {
                let parts = list.prefix(4).map { p -> String in
                    let typical = abs(p.baselinePercentile - 50) < 0.5 ? "" : " (typically P\(Int(p.baselinePercentile.rounded())))"
                    return "\(p.input) sits at its P\(Int(p.medianPercentile.rounded()))" + typical
                }
                md += "- **\(s.name)**, in trials that \(label): " + parts.joined(separator: ", ") + ".\n"
            }
        }
        return md + "\n"
    }

    static func yearSection(_ summary: Summary) -> String {
        guard summary.strategies.contains(where: { !($0.byYear ?? []).isEmpty }) else { return "" }
        var md = "## The plan year by year\n\nRevenue, cost and profit of each year (profit = revenue − cost), over the first "
        md += "\(NumberFormat.grouped(Int64(summary.yearSample))) trials.\n\n"
        for s in summary.strategies {
            guard let byYear = s.byYear, !byYear.isEmpty else { continue }
            md += "**\(s.name)**\n\n| Year | | P10 | P50 | P90 | Mean |\n|---|---|---:|---:|---:|---:|\n"
            for y in byYear {
                let label = y.months == 12 ? "\(y.year)" : "\(y.year) (\(y.months) months)"
                for (i, (name, stats)) in [("Revenue", y.revenue), ("Cost", y.cost), ("Profit", y.profit)].enumerated() {
                    md += "| \(i == 0 ? label : "") | \(name) | " + [stats.p10, stats.p50, stats.p90, stats.mean].map(NumberFormat.amount).joined(separator: " | ") + " |\n"
                }
            }
            md += "\n"
        }
        return md
    }

    static func revenueLineSection(_ summary: Summary) -> String {
        let withLines = summary.strategies.filter { $0.revenueLines != nil }
        guard !withLines.isEmpty else { return "" }
        var md = "## Revenue lines\n\nWhat each way of earning brings in over the horizon, and the spread of profit with all of them "
        md += "against the plan with one line alone (the same customers; the line's own costs and every cost no line carries).\n\n"
        for s in withLines {
            md += "**\(s.name)**\n\n| Line | Kind | Mean revenue | Median revenue | Median share of revenue | Own costs (mean) | SD of profit, this line alone |\n"
            md += "|---|---|---:|---:|---:|---:|---:|\n"
            for l in s.revenueLines! {
                md += "| \(l.line) | \(l.kind) | \(NumberFormat.amount(l.revenue.mean)) | \(NumberFormat.amount(l.revenue.p50)) "
                md += "| \(NumberFormat.percent(l.shareP50)) | \(NumberFormat.amount(l.cost)) | \(NumberFormat.amount(l.sdProfitAlone)) |\n"
            }
            if let d = s.diversification {
                md += "\nSD of profit with every line: \(NumberFormat.amount(d.sdProfitMix)); with each line alone, the last column.\n"
            }
            md += "\n"
        }
        return md
    }

    static func fundingRoundSection(_ scenario: Scenario, _ summary: Summary) -> String {
        guard !scenario.funding.isEmpty else { return "" }
        var md = "## Funding rounds and returns\n\nEach round closes in the first month its condition holds (a fixed round: in its month), "
        md += "with its probability; it adds its amount to cash and dilutes every holder pro rata. A company whose cash goes below zero "
        md += "is dead from that month: no more revenue or cost.\n\n"
        for s in summary.strategies {
            guard let f = s.funding else { continue }
            md += "**\(s.name)**: fails (runs out of cash) in \(NumberFormat.probability(f.pFailed)) of trials; raises \(NumberFormat.amount(f.raised.mean)) "
            md += "on average (median \(NumberFormat.amount(f.raised.p50))); the founders keep \(NumberFormat.percent(f.founders.p50)) at the median.\n\n"
            md += "| Round | Closes | Month (median) | Ownership at the horizon (median) |"
            let returns = Dictionary(uniqueKeysWithValues: (s.returns ?? []).map { ($0.round, $0) })
            if !returns.isEmpty { md += " P(MOIC ≥ 1) | P(MOIC ≥ 3) | MOIC P50 | MOIC P90 | IRR P50 | Best 10 % bring |" }
            md += "\n|---|---:|---:|---:|" + (returns.isEmpty ? "" : "---:|---:|---:|---:|---:|---:|") + "\n"
            for r in f.rounds {
                md += "| \(r.name) | \(NumberFormat.probability(r.pClosed)) | \(r.monthP50.map { NumberFormat.ratio($0) } ?? "never") "
                md += "| \(NumberFormat.percent(r.ownershipAtHorizon.p50)) |"
                if let x = returns[r.name] {
                    md += " \(NumberFormat.probability(x.pMoicAtLeast1)) | \(NumberFormat.probability(x.pMoicAtLeast3)) | \(NumberFormat.ratio(x.moic.p50))× "
                    md += "| \(NumberFormat.ratio(x.moic.p90))× | \(NumberFormat.percent(x.irr.p50)) | \(NumberFormat.percent(x.topDecileShare)) of the proceeds |"
                } else if !returns.isEmpty {
                    md += " | | | | | |"
                }
                md += "\n"
            }
            md += "\n"
        }
        if let exit = scenario.exit {
            md += "Exit at the horizon: \(exit.multipleOfRunRate.words) × the annual run rate (12 × the last month's revenue; nothing for a failed company), "
            md += exit.liquidationPreference
                ? "each round taking back its money first when that beats converting (1×, non-participating, pari passu). "
                : "shared as common stock. "
            md += "MOIC = proceeds / amount invested, IRR = MOIC^(12 / months held) − 1, over the trials in which the round closed.\n\n"
        }
        return md
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
