/// The sections that answer an investor's questions of a pitch: how likely
/// the founder's claims are, how much money the plan needs, what-if cases.
extension MarkdownReport {
    static func targetSection(_ scenario: Scenario, _ summary: Summary) -> Document {
        guard !scenario.targets.isEmpty else { return Document() }
        let rows = scenario.targets.enumerated().map { k, t -> [Inlines] in
            let cells = summary.strategies.map { s -> Inlines in
                guard k < s.targets.count else { return "–" }
                let r = s.targets[k]
                return .text("\(NumberFormat.probability(r.probability)) ± \(NumberFormat.fixed(r.se * 100, 2)) pp")
            }
            return [.text(t.name), claim(t)] + cells
        }
        return Document([
            .heading(level: 2, "Targets"),
            .paragraph("How likely each of the founder's claims is, trial by trial (± one standard error)."),
            .table(
                .init(
                    header: ["Target", "Claim"] + summary.strategies.map { .text($0.name) },
                    alignments: [.none, .none] + summary.strategies.map { _ in .right }, rows: rows))
        ])
    }

    /// The claim with its threshold as written (`≥ 1,315,340.83`), not rounded: two claims that differ read
    /// differently.
    static func claim(_ t: Target) -> Inlines {
        "\(code: t.metric.rawValue) \(t.when) \(t.atLeast ? "≥" : "≤") \(NumberFormat.exact(t.threshold))"
    }

    static func fundingSection(_ summary: Summary) -> Document {
        let needs = summary.strategies.compactMap { s in s.fundingNeed.map { (s, $0) } }
        guard needs.count == summary.strategies.count else { return Document() }
        var doc = Document([
            .heading(level: 2, "Funding need"),
            .paragraph(
                Charts.funded(summary)
                    ? "The funding need of a trial is that of the plan kept alive: the most cash its operating flows "
                        + "consume before they recover, "
                        + "max(0, −min cumulative profit), as if someone always paid, whatever the starting cash, the "
                        + "planned rounds and failure; "
                        + "raising that much in all (starting cash included) means the plan never runs out. The gap "
                        + "beyond the plan is what the company "
                        + "still lacks with the rounds that actually closed: the most its cash would go below zero if "
                        + "it were kept alive after failing."
                    : "The funding need of a trial is the most cash the plan consumes before it recovers, max(0, −min "
                        + "cumulative profit), "
                        + "whatever the starting cash: raising that much in all (starting cash included) means never "
                        + "running out."
            )
        ])
        doc.append(
            .bullets(
                needs.map { s, need in
                    var words = fundingWords(need)
                    if let f = s.funding {
                        words += " " + keptAliveWords(s)
                        if let gap = f.gapBeyondPlan { words += " " + gapWords(gap) }
                    } else if let m = s.cashOutMonth {
                        words +=
                            " Trials that run out with this plan's starting cash "
                            + "(\(NumberFormat.probability(s.pCashOut))) first do so in month "
                        words +=
                            "\(NumberFormat.ratio(m.p50)) (P10 \(NumberFormat.ratio(m.p10)), P90 "
                            + "\(NumberFormat.ratio(m.p90)))"
                        let years = (s.cashOutByYear ?? []).enumerated().map {
                            "year \($0.offset + 1): \(NumberFormat.probability($0.element))"
                        }
                        words += "; share of all trials running out in " + years.joined(separator: ", ") + "."
                    } else {
                        words += " No trial runs out with this plan's starting cash."
                    }
                    return "\(strong: s.name): \(words)"
                }))
        doc.append(
            percentileTable(
                "Strategy", needs.map { s, need in row("\(s.name): funding need", need, NumberFormat.amount) }))
        return doc
    }

    /// With funding rounds: when the plan kept alive, without its rounds, would first run out of its starting cash.
    static func keptAliveWords(_ s: StrategySummary) -> String {
        guard let m = s.cashOutMonth else {
            return "Without its rounds, the starting cash alone would last the whole horizon in every trial."
        }
        let byYear = s.cashOutByYear ?? []
        let years = byYear.enumerated().map { "year \($0.offset + 1): \(NumberFormat.probability($0.element))" }
        return
            "Without its rounds, the starting cash alone would run out in "
            + "\(NumberFormat.probability(byYear.reduce(0, +))) of trials, "
            + "first in month \(NumberFormat.ratio(m.p50)) (P10 \(NumberFormat.ratio(m.p10)), P90 "
            + "\(NumberFormat.ratio(m.p90)); "
            + years.joined(separator: ", ") + ")."
    }

    /// "on top of the planned rounds, X more gives a 90 % chance of never failing; 95 % needs Y more".
    static func gapWords(_ gap: Stats) -> String {
        guard let p90 = gap.p90, let p95 = gap.p95 else { return "" }
        if p95 == 0 { return "The planned rounds keep the company alive in at least 95 % of trials." }
        if p90 == 0 {
            return
                "The planned rounds keep the company alive in 90 % of trials; 95 % needs \(NumberFormat.amount(p95)) "
                + "more."
        }
        return "On top of the planned rounds, \(NumberFormat.amount(p90)) more gives a 90 % chance of never failing; "
            + "95 % needs \(NumberFormat.amount(p95)) more."
    }

    /// "raising X gives a 90 % chance of never running out; 95 % needs Y".
    static func fundingWords(_ need: Stats) -> String {
        guard let p90 = need.p90, let p95 = need.p95 else { return "no trials." }
        if p95 == 0 { return "needs no money beyond its revenue in at least 95 % of trials." }
        if p90 == 0 {
            return "needs no money beyond its revenue in 90 % of trials; 95 % needs \(NumberFormat.amount(p95))."
        }
        return
            "raising \(NumberFormat.amount(p90)) gives a 90 % chance of never running out of cash; 95 % needs "
            + "\(NumberFormat.amount(p95))."
    }

    static func stressSection(_ summary: Summary) -> Document {
        guard !summary.stressCases.isEmpty else { return Document() }
        var doc = Document([
            .heading(level: 2, "Stress cases"),
            .paragraph(
                "Each case is the base scenario with a few values changed, simulated on the same trials "
                    + "(every draw the change does not touch is the base's), so each difference is the change's "
                    + "effect, not noise. "
                    + "In brackets: the change against the base.")
        ])
        doc.append(
            .bullets(
                summary.stressCases.map { c in
                    // `PATH*: F` scales the input (docs/model.md#scaling-an-input): shown as PATH × F.
                    let changes = Inlines.joined(
                        c.set.keys.sorted().map { key -> Inlines in
                            key.hasSuffix("*")
                                ? "\(code: String(key.dropLast())) × \(code: c.set[key] ?? "")"
                                : "\(code: key) = \(code: c.set[key] ?? "")"
                        }, separator: ", ")
                    return "\(strong: c.name)\(c.description.map { ": \($0)" } ?? "") (\(changes))"
                }))
        let need = summary.strategies.allSatisfy { $0.fundingNeed != nil }
        var rows: [[Inlines]] = []
        for c in summary.stressCases {
            for s in c.strategies {
                guard let base = summary.strategies.first(where: { $0.name == s.name }) else { continue }
                let npv = s.outcome(.npv), baseNPV = base.outcome(.npv)
                let cells =
                    [
                        pp(s.pLoss, base.pLoss), pp(s.pCashOut, base.pCashOut), delta(npv.p5, baseNPV.p5),
                        delta(npv.p50, baseNPV.p50),
                        delta(npv.p95, baseNPV.p95)
                    ] + (need ? [delta(s.fundingNeed?.p90, base.fundingNeed?.p90)] : [])
                rows.append([.text(c.name), .text(s.name)] + cells.map { .text($0) })
            }
        }
        let figures: [Inlines] =
            ["P(loss)", "P(cash out)", "NPV P5", "NPV P50", "NPV P95"] + (need ? ["Funding need P90"] : [])
        doc.append(
            .table(
                .init(
                    header: ["Case", "Strategy"] + figures, alignments: [.none, .none] + figures.map { _ in .right },
                    rows: rows)))
        return doc
    }

    static func driverSection(_ summary: Summary) -> Document {
        guard summary.strategies.contains(where: { !($0.drivers ?? []).isEmpty }) else {
            // The achieved correlations are still worth a line when the drivers are not computed.
            guard !summary.correlations.isEmpty else { return Document() }
            return Document([
                .heading(level: 2, "Correlations"),
                .paragraph(
                    .text(
                        "Rank correlations imposed (target → achieved over the first "
                            + "\(NumberFormat.grouped(Int64(summary.driverSample))) trials): "
                            + correlationWords(summary) + "."))
            ])
        }
        var doc = Document([
            .heading(level: 2, "Drivers"),
            .paragraph(
                "Which drawn inputs move NPV, by Spearman's rank correlation over the first "
                    + "\(NumberFormat.grouped(Int64(summary.driverSample))) trials; share of variance = ρ² normalised "
                    + "to 100 %; "
                    + "the swing is the mean NPV of the trials with the input in its bottom 10 % and in its top 10 %.")
        ])
        if !summary.correlations.isEmpty {
            doc.append(
                .paragraph(
                    .text(
                        "Correlated inputs blur this ranking: an input correlated with a strong driver shows part of "
                            + "that driver's effect. "
                            + "Rank correlations imposed (target → achieved in the sample): "
                            + correlationWords(summary) + ".")))
        }
        for s in summary.strategies {
            guard let drivers = s.drivers, !drivers.isEmpty else { continue }
            doc.append(.paragraph("\(strong: s.name)"))
            doc.append(
                .table(
                    .init(
                        labels: "Input",
                        figures: [
                            "Rank correlation", "Share of variance", "Mean NPV, input low (≤ P10)",
                            "Mean NPV, input high (≥ P90)"
                        ],
                        rows: drivers.prefix(12).map { d in
                            [
                                .text(d.input), .text(NumberFormat.fixed(d.spearman, 3)),
                                .text(NumberFormat.percent(d.varianceShare)),
                                .text(NumberFormat.amount(d.npvMeanLow)), .text(NumberFormat.amount(d.npvMeanHigh))
                            ]
                        })))
            if drivers.count > 12 {
                doc.append(
                    .paragraph("(\(drivers.count - 12) more inputs with weaker correlations in the JSON result.)"))
            }
        }
        return doc
    }

    /// "a – b 0.50 → 0.498; …".
    static func correlationWords(_ summary: Summary) -> String {
        summary.correlations.map {
            "\($0.between.joined(separator: " – ")) \(NumberFormat.fixed($0.target, 2)) → "
                + "\(NumberFormat.fixed($0.achieved, 3))"
        }
        .joined(separator: "; ")
    }

    static func whatHasToBeTrueSection(_ summary: Summary) -> Document {
        guard
            summary.strategies.contains(where: { w in
                w.whatHasToBeTrue.map { !$0.loss.isEmpty || !$0.cashOut.isEmpty } ?? false
            })
        else { return Document() }
        var items: [Inlines] = []
        for s in summary.strategies {
            guard let w = s.whatHasToBeTrue else { continue }
            for (label, list) in [("lose money", w.loss), ("run out of cash", w.cashOut)] where !list.isEmpty {
                let parts = list.prefix(4).map { p -> String in
                    let typical =
                        abs(p.baselinePercentile - 50) < 0.5 ? "" : " (typically P\(percentile(p.baselinePercentile)))"
                    return "\(p.input) sits at its P\(percentile(p.medianPercentile))" + typical
                }
                items.append("\(strong: s.name), in trials that \(label): \(parts.joined(separator: ", ")).")
            }
        }
        return Document([
            .heading(level: 2, "What has to be true"),
            .paragraph(
                "Where the drawn inputs sit in the trials that fail: each input's median percentile "
                    + "(its rank among all trials, 0–100; 50 is typical), furthest from typical first. A count with "
                    + "many ties, such as a risk's "
                    + "firings, has its typical percentile in brackets."),
            .bullets(items)
        ])
    }

    /// A percentile (0–100) rounded for words; never traps on a value out of range.
    static func percentile(_ x: Double) -> Int { x.isFinite ? Int(min(max(x, 0), 100).rounded()) : 0 }
}
