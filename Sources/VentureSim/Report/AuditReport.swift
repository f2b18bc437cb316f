/// The audit's report (`venturesim audit`, `run --audit`): the "Claims" section in words first, then its tables, the
/// success profiles, the decision table and the charts. Pure: a `Document` the Markdown and HTML writers share.
public enum AuditReport {
    /// Inputs named in a claim's sentences (the rest are in its table).
    static let inputsInWords = 3

    /// The whole audit report: a title, the Claims section, and `command` to reproduce it.
    public static func document(
        _ scenario: Scenario, _ result: AuditResult, charts: [(file: String?, picture: Charts.Picture)],
        command: String
    ) -> Document {
        Document([.heading(level: 1, "Claims audit: \(scenario.name)")])
            + claims(scenario, result, charts: charts)
            + Document([.heading(level: 2, "Reproduce"), .code(command, info: "sh")])
    }

    /// The "Claims" section.
    public static func claims(
        _ scenario: Scenario, _ result: AuditResult, charts: [(file: String?, picture: Charts.Picture)]
    ) -> Document {
        var doc = Document([.heading(level: 2, "Claims")])
        guard !result.claims.isEmpty else {
            doc.append(
                .paragraph(
                    "The scenario states no targets, so there is no claim to audit (see `targets:` in docs/model.md)."))
            return doc
        }
        let s = result.settings
        doc.append(
            .paragraph(
                .text(
                    "What you would have to believe for each claim to come true: for each drawn input, the value at "
                        + "which the claim "
                        + "holds in \(NumberFormat.percent(s.level)) of trials with every other input drawn as in the "
                        + "scenario. Each point is "
                        + "\(NumberFormat.grouped(Int64(s.trialsPerPoint))) trials (trials 0 to "
                        + "\(NumberFormat.grouped(Int64(s.trialsPerPoint - 1))) of seed \(s.seed), "
                        + "the same at every value); each input is scanned at \(s.scan.count) of its own percentiles "
                        + "(\(ClaimWords.percentile(100 * (s.scan.first ?? 0))) … "
                        + "\(ClaimWords.percentile(100 * (s.scan.last ?? 1)))) and refined by "
                        + "\(s.bisectionSteps) bisection steps, so a break-even inside an input's range is within "
                        + "\(NumberFormat.significant(s.resolution, 2)) percentile points.")))
        for (i, claim) in result.claims.enumerated() {
            doc += section(scenario, claim, chart: charts.first { $0.picture.slug == "claim-\(i + 1)" })
        }
        if let table = result.decisionTable { doc += decisionTable(scenario, table) }
        return doc
    }

    /// One claim: its sentences, its table, its success profile and its chart.
    static func section(_ scenario: Scenario, _ claim: ClaimAudit, chart: (file: String?, picture: Charts.Picture)?)
        -> Document
    {
        let pct = NumberFormat.percent(claim.level)
        var doc = Document([.heading(level: 3, "\(code: claim.target) for \(claim.strategy)")])
        let holds = claim.probability >= claim.level
        doc.append(
            .paragraph(
                "\(code: claim.claim) holds in \(NumberFormat.probability(claim.probability)) ± "
                    + "\(NumberFormat.fixed(claim.se * 100, 2)) pp "
                    + .text(
                        "of trials; "
                            + (holds ? "it stays at \(pct) or more only while:" : "it reaches \(pct) only if:"))))
        // The words name the top inputs that move the claim across the level; the table has every input.
        let crossing = claim.inputs.filter { $0.breakEven != nil }.prefix(inputsInWords)
        var bullets = crossing.map { ClaimWords.condition($0, level: claim.level, scenario: scenario) }
        let never = claim.inputs.filter { $0.verdict == .neverReaches }.map(\.input)
        if !never.isEmpty {
            bullets.append(
                "no value of \(never.count == 1 ? "this input" : "any of these inputs") alone brings it to \(pct): "
                    + Inlines.joined(never.prefix(inputsInWords).map { "\(code: $0)" }, separator: ", ")
                    + (never.count > inputsInWords ? " and \(never.count - inputsInWords) more" : ""))
        }
        if bullets.isEmpty { bullets.append(.text("it holds at \(pct) whatever any one input is")) }
        doc.append(.bullets(bullets))
        let rows = claim.inputs.map { a -> [Inlines] in
            let range =
                a.reference.map {
                    Inlines.text("\(ClaimWords.value($0.low))–\(ClaimWords.value($0.high)) (\($0.source))")
                } ?? "–"
            return [
                "\(code: a.input)",
                .text(a.breakEven.map { (a.atLeast == false ? "≤ " : "≥ ") + ClaimWords.value($0) } ?? "–"),
                .text(a.percentile.map(ClaimWords.percentile) ?? "–"), range,
                .text(ClaimWords.verdictShort(a, level: claim.level))
            ]
        }
        doc.append(
            .table(
                .init(
                    header: ["Input", "Break-even", "Percentile", "Published range", "Verdict"],
                    alignments: [.none, .right, .right, .none, .none], rows: rows)))
        if let p = claim.successProfile { doc += profile(p) }
        if let chart { doc.append(.figure(.init(picture: chart.picture, file: chart.file))) }
        return doc
    }

    /// The success profile in words.
    static func profile(_ p: SuccessProfile) -> Document {
        guard p.trials > 0 else {
            return Document([.paragraph("It holds in none of the audit's trials, so there is no success profile.")])
        }
        var parts = p.inputs.prefix(5).map { i -> Inlines in
            "\(code: i.input) at \(ClaimWords.percentile(i.medianPercentile)) (overall "
                + "\(ClaimWords.percentile(i.baselinePercentile)))"
        }
        parts += p.risks.map { r in
            "\(code: r.risk) fired in \(NumberFormat.probability(r.whenHolds)) of them "
                + "(\(NumberFormat.probability(r.overall)) overall)"
        }
        return Document([
            .paragraph(
                .text(
                    "In the \(NumberFormat.grouped(Int64(p.trials))) trials where it holds (of "
                        + "\(NumberFormat.grouped(Int64(p.of)))), "
                        + "the median percentile of each input and how often each risk fired: ")
                    + Inlines.joined(parts, separator: "; ") + ".")
        ])
    }

    /// The decision table: one row per value (and strategy).
    static func decisionTable(_ scenario: Scenario, _ table: DecisionTable) -> Document {
        let targets = scenario.targets
        let header: [Inlines] =
            table.vary.map { "\(code: $0.path)" } + ["Strategy"] + targets.map { "P(\(code: $0.name))" }
            + ["P(loss)", "P(cash out)", "NPV P50", "Funding need P90"]
            + targets.map { "Break-even (\(code: $0.name))" }
        let rows = table.rows.flatMap { row in
            row.strategies.map { st -> [Inlines] in
                row.values.map { .text(ClaimWords.value($0)) } + [.text(st.strategy)]
                    + st.claims.map { .text(NumberFormat.probability($0.probability)) }
                    + [
                        .text(NumberFormat.probability(st.pLoss)), .text(NumberFormat.probability(st.pCashOut)),
                        .text(NumberFormat.amount(st.npvP50)),
                        .text(NumberFormat.amount(st.fundingNeedP90))
                    ]
                    + st.claims.map { c in
                        guard let input = c.input else { return "–" }
                        let found =
                            c.breakEven.map { ClaimWords.value($0) } ?? (c.verdict == .alwaysHolds ? "always" : "never")
                        return "\(code: input) \(found)"
                    }
            }
        }
        let alignments =
            table.vary.map { _ in Document.Alignment.right } + [.none]
            + Array(repeating: .right, count: targets.count + 4)
        return Document([
            .heading(level: 3, "Decision table"),
            .paragraph(
                "Each row puts the varied values in the scenario (as `--set` would) and runs it on the same trials as "
                    + "the audit: "
                    + "the row at the scenario's own values is a plain run of it with that many trials, to the last "
                    + "digit. The break-even is "
                    + "over each claim's top input in the audit."),
            .table(.init(header: header, alignments: alignments, rows: rows))
        ])
    }
}
