import Foundation
/// The batch index: one row per scenario and strategy, failures with their
/// messages, and overnight drift with flags on moves beyond noise. Built as
/// a `Document` (file names, strategy names and error messages are text
/// nodes), written as Markdown (`index.md`) and HTML (`index.html`).
public enum BatchIndexReport {
    /// The index as Markdown; `linking`: the extension of the reports the rows link to.
    public static func render(_ index: BatchIndex, linking: String = "md") -> String {
        MarkdownWriter.write(document(index, linking: linking))
    }

    /// The index as structure, for `index.md` and (with `linking: "html"`, passed to `HTMLReport.render`) `index.html`.
    public static func document(_ index: BatchIndex, linking: String = "md") -> Document {
        var doc = Document([.heading(level: 1, .text("VentureSim batch: \(index.folder)"))])
        let counts = index.counts
        let tally = BatchIndex.Status.shown.compactMap { s -> String? in
            let n = counts[s, default: 0]
            return n > 0 ? "\(n) \(label(s))" : nil
        }.joined(separator: ", ")
        let files = index.entries.count == 1 ? "1 scenario file" : "\(index.entries.count) scenario files"
        let end = index.finished.map { " Finished \($0)\(index.exitStatus.map { ", exit status \($0)" } ?? "")." } ?? ""
        doc.append(.paragraph(.text("Started \(index.started).\(end) \(files): \(tally).")))
        if let new = index.newFailures, !new.isEmpty {
            doc.append(
                .paragraph("\(strong: "New failures since the last night:") " + .text(new.joined(separator: ", "))))
        }
        if let why = index.interrupted {
            doc.append(
                .paragraph("\(strong: "Interrupted (\(why)):") scenarios marked \(emphasis: "not run") were not run."))
        }
        if let h = index.history {
            doc.append(
                .paragraph(
                    index.historyFailed == true
                        ? "\(strong: "History \(h)") (the reports are written)." : .text("History: \(h).")))
        }
        if let skipped = index.historyWarnings, !skipped.isEmpty {
            // Rows of a damaged history were skipped: the trends below leave them out, and the operator should know
            // which.
            doc.append(.paragraph("Damaged rows of the history, skipped:"))
            doc.append(.bullets(skipped.map { .text($0) }))
        }
        doc.append(.table(resultTable(index, linking: linking)))
        let failures = index.entries.compactMap { e in e.error.map { (e, $0) } }
        if !failures.isEmpty {
            doc.append(.heading(level: 2, "Failures"))
            for (e, error) in failures {
                doc.append(
                    .heading(level: 3, .text("\(e.file) (\(label(e.status))\(e.newFailure == true ? ", new" : ""))")))
                doc.append(.code(error))
                if let stale = e.staleReport { doc.append(.paragraph(.text("Its report on disk: \(stale)."))) }
            }
        }
        let gone = index.entries.filter { $0.status == .gone }
        if !gone.isEmpty {
            doc.append(.heading(level: 2, "Reports of scenarios no longer in the folder"))
            doc.append(.paragraph("Left on disk, not deleted (VentureSim removes nothing it cannot be sure it wrote):"))
            doc.append(.bullets(gone.map { "\(strong: $0.file): " + .text($0.staleReport ?? "") }))
        }
        let changed = index.entries.compactMap { e in e.changedInputs.flatMap { $0.isEmpty ? nil : (e.file, $0) } }
        if !changed.isEmpty {
            doc.append(.heading(level: 2, "Inputs changed since the previous run"))
            doc.append(
                .paragraph("A drift beside these is explained by the model's inputs, not by chance or a new engine."))
            doc.append(
                .bullets(
                    changed.map { file, changes in
                        "\(strong: file): "
                            + Inlines.joined(
                                changes.map { c in
                                    "\(code: c.key) \(c.old.map { Inlines([.code(cap($0))]) } ?? "(absent)") → "
                                        + "\(c.new.map { Inlines([.code(cap($0))]) } ?? "(absent)")"
                                }, separator: "; ")
                    }))
        }
        doc += trendSection(index)
        doc += driftSection(index)
        return doc
    }

    static func resultTable(_ index: BatchIndex, linking: String) -> Document.Table {
        var rows: [[Inlines]] = []
        for e in index.entries {
            let time = e.seconds.map { NumberFormat.fixed($0, 2) } ?? ""
            let file: Inlines =
                e.report.map { Inlines([.link(.text(e.file), target: linkTarget($0, linking))]) } ?? .text(e.file)
            if e.headlines.isEmpty {
                rows.append([file, .text(label(e.status)), .text(time)])
                continue
            }
            for (i, h) in e.headlines.enumerated() {
                let drift = e.drift?.first { $0.strategy == h.strategy }
                var since: Inlines = .text(drift.map(describe) ?? (e.drift == nil ? "first run" : "new strategy"))
                if i == 0, let changes = e.changedInputs, !changes.isEmpty {
                    since = "\(strong: "inputs changed (\(changes.count))"); " + since
                }
                rows.append([
                    i == 0 ? file : "", .text(i == 0 ? label(e.status) : ""), .text(i == 0 ? time : ""),
                    .text(h.strategy),
                    .text(NumberFormat.probability(h.pLoss)), .text(NumberFormat.probability(h.pCashOut)),
                    .text(NumberFormat.amount(h.npvP50)),
                    since
                ])
            }
        }
        return .init(
            header: [
                "Scenario file", "Status", "Time (s)", "Strategy", "P(loss)", "P(cash out)", "Median NPV",
                "Since last run"
            ],
            alignments: [.none, .none, .right, .none, .right, .right, .right, .none], rows: rows)
    }

    static func trendSection(_ index: BatchIndex) -> Document {
        let trends = index.entries.compactMap { e in e.trend.flatMap { $0.isEmpty ? nil : (e.file, $0) } }
        guard !trends.isEmpty else { return Document() }
        let rows = trends.flatMap { file, trend in
            trend.enumerated().map { i, t -> [Inlines] in
                let same = t.sameInputNights ?? (t.pLoss.count - 1)
                let nights = same + 1 == t.pLoss.count ? "\(t.pLoss.count)" : "\(same + 1) of \(t.pLoss.count)"
                return [
                    .text(i == 0 ? file : ""), .text(t.strategy), .text(nights),
                    Inlines([.code(Trend.sparkline(t.npvP50))]),
                    Inlines([.code(Trend.sparkline(t.pLoss.map { $0 }))]),
                    .text(t.drift.map(describe) ?? "first night with these inputs"),
                    i == 0 ? inputBreak(t) : ""
                ]
            }
        }
        return Document([
            .heading(level: 2, "Over the nights"),
            .paragraph(
                "Median NPV and P(loss) of the last nights (oldest first, tonight last), and tonight against the mean "
                    + "of the nights "
                    + "with tonight's inputs (flagged ⚠ beyond \(NumberFormat.fixed(Drift.threshold, 0)) standard "
                    + "errors of the difference). "
                    + "Nights: those with tonight's inputs, of all shown; a change of inputs is a break, listed beside "
                    + "it, never a trend."
            ),
            .table(
                .init(
                    header: [
                        "Scenario file", "Strategy", "Nights", "Median NPV", "P(loss)",
                        "Tonight against the nights with its inputs",
                        "Inputs changed"
                    ],
                    alignments: [.none, .none, .right], rows: rows))
        ])
    }

    /// Where a trend's inputs last changed, and what changed: `since 2026-12-01T…: market.size 100 → 150`.
    static func inputBreak(_ t: Trend) -> Inlines {
        guard let at = t.inputsChangedAt else { return "" }
        guard let changes = t.changedInputs, !changes.isEmpty else { return .text("since \(at)") }
        return .text("since \(at): ")
            + Inlines.joined(
                changes.prefix(5).map { c in
                    "\(code: c.key) \(c.old.map { Inlines([.code(cap($0))]) } ?? "(absent)") → "
                        + "\(c.new.map { Inlines([.code(cap($0))]) } ?? "(absent)")"
                }, separator: "; ") + (changes.count > 5 ? .text("; and \(changes.count - 5) more") : "")
    }

    static func driftSection(_ index: BatchIndex) -> Document {
        var doc = Document([.heading(level: 2, "Drift since the previous run")])
        let threshold = NumberFormat.fixed(Drift.threshold, 0)
        let flagged = index.entries.flatMap { e in (e.drift ?? []).filter(\.flagged).map { (e.file, $0) } }
        if !flagged.isEmpty {
            doc.append(.paragraph("Moves larger than \(threshold) standard errors (more than Monte Carlo noise):"))
            doc.append(.bullets(flagged.map { file, d in "\(strong: file), \(d.strategy): \(describe(d))" }))
        } else if index.entries.contains(where: { $0.drift != nil }) {
            doc.append(.paragraph("No headline figure moved by more than \(threshold) standard errors."))
        } else {
            // Nothing was compared: saying nothing moved would claim a check that was not made.
            doc.append(.paragraph("No previous run to compare with: drift is measured from the next run on."))
        }
        return doc
    }

    /// The file name a row links to: the report's, with `ext` for its extension.
    public static func linkTarget(_ report: String, _ ext: String) -> String {
        ((((report as NSString).lastPathComponent) as NSString).deletingPathExtension as NSString)
            .appendingPathExtension(ext) ?? report
    }

    /// An input's text as the index quotes it: on one line, capped.
    static func cap(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 80 ? String(line.prefix(80)) + "…" : line
    }

    public static func label(_ s: BatchIndex.Status) -> String {
        switch s {
        case .ok: return "ok"
        case .invalid: return "invalid"
        case .failed: return "failed"
        case .notRun: return "not run"
        case .pending: return "pending"
        case .skipped: return "skipped"
        case .interrupted: return "interrupted"
        case .timedOut: return "timed out"
        case .gone: return "gone"
        }
    }

    static func describe(_ d: Drift) -> String {
        func pp(_ f: FigureDrift, _ se: Double, _ name: String) -> String? {
            // Shown to the digits its standard error supports (0.1 pp at least): a move that rounds to nothing is none.
            guard f.zScore != 0, let change = FigureDrift.rounded(f.change * 100, se: se * 100, finest: 0.1),
                change != 0
            else {
                return f.flagged ? "\(name) ⚠" : nil
            }
            let digits = FigureDrift.decimals(se: max(se * 100, 0.1))
            let flag = f.flagged ? " ⚠" : ""
            return "\(name) \(change > 0 ? "+" : "−")\(NumberFormat.fixed(abs(change), digits)) pp\(flag)"
        }
        var parts = [pp(d.pLoss, d.pLoss.combinedSE, "P(loss)"), pp(d.pCashOut, d.pCashOut.combinedSE, "P(cash out)")]
            .compactMap { $0 }
        if let n = d.npvP50, let change = n.zScore == 0 ? 0 : FigureDrift.rounded(n.change, se: n.combinedSE, finest: 0)
        {
            if change != 0 {
                parts.append(
                    "median NPV \(change > 0 ? "+" : "")\(NumberFormat.amount(change))\(n.flagged ? " ⚠" : "")")
            } else if n.flagged {
                parts.append("median NPV ⚠")
            }
        }
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }
}
