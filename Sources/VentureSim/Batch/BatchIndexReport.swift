/// The batch index as Markdown: one row per scenario and strategy, failures
/// with their messages, and overnight drift with flags on moves beyond noise.
public enum BatchIndexReport {
    /// `linking`: the extension of the reports the rows link to (`md`, or `html` for the HTML index).
    public static func render(_ index: BatchIndex, linking: String = "md") -> String {
        var md = "# VentureSim batch: \(index.folder)\n\n"
        md += "Started \(index.started). \(index.entries.count) scenario files: "
        let counts = index.counts
        md += [BatchIndex.Status.ok, .invalid, .failed, .skipped, .notRun, .pending].compactMap { s in
            let n = counts[s, default: 0]
            return n > 0 ? "\(n) \(label(s))" : nil
        }.joined(separator: ", ") + ".\n\n"
        if let why = index.interrupted { md += "**Interrupted (\(why)):** scenarios marked *not run* were not run.\n\n" }
        if let h = index.history { md += (index.historyFailed == true ? "**History \(h)** (the reports are written).\n\n" : "History: \(h).\n\n") }
        md += "| Scenario file | Status | Time (s) | Strategy | P(loss) | P(cash out) | Median NPV | Since last run |\n"
        md += "|---|---|---:|---|---:|---:|---:|---|\n"
        for e in index.entries {
            let time = e.seconds.map { NumberFormat.fixed($0, 2) } ?? ""
            let file = e.report.map { "[\(e.file)](\(linkTarget($0, linking)))" } ?? e.file
            if e.headlines.isEmpty {
                md += "| \(file) | \(label(e.status)) | \(time) | | | | | |\n"
                continue
            }
            for (i, h) in e.headlines.enumerated() {
                let drift = e.drift?.first { $0.strategy == h.strategy }
                md += "| \(i == 0 ? file : "") | \(i == 0 ? label(e.status) : "") | \(i == 0 ? time : "") | \(h.strategy) "
                md += "| \(NumberFormat.probability(h.pLoss)) | \(NumberFormat.probability(h.pCashOut)) | \(NumberFormat.amount(h.npvP50)) "
                var since = drift.map(describe) ?? (e.drift == nil ? "first run" : "new strategy")
                if i == 0, let changes = e.changedInputs, !changes.isEmpty {
                    since = "**inputs changed (\(changes.count))**; " + since
                }
                md += "| \(since) |\n"
            }
        }
        let failures = index.entries.filter { $0.error != nil }
        if !failures.isEmpty {
            md += "\n## Failures\n\n"
            for e in failures {
                md += "### \(e.file) (\(label(e.status)))\n\n```\n\(e.error!)\n```\n\n"
            }
        }
        let changed = index.entries.filter { !($0.changedInputs ?? []).isEmpty }
        if !changed.isEmpty {
            md += "\n## Inputs changed since the previous run\n\nA drift beside these is explained by the model's inputs, not by chance or a new engine.\n\n"
            for e in changed {
                md += "- **\(e.file)**: " + e.changedInputs!.map { c in
                    "`\(c.key)` \(c.old.map { "`\(cap($0))`" } ?? "(absent)") → \(c.new.map { "`\(cap($0))`" } ?? "(absent)")"
                }.joined(separator: "; ") + "\n"
            }
        }
        let trends = index.entries.filter { !($0.trend ?? []).isEmpty }
        if !trends.isEmpty {
            md += "\n## Over the nights\n\nMedian NPV and P(loss) of the last nights (oldest first, tonight last), and tonight against their mean "
            md += "(flagged ⚠ beyond \(NumberFormat.fixed(Drift.threshold, 0)) standard errors of the difference):\n\n"
            md += "| Scenario file | Strategy | Nights | Median NPV | P(loss) | Tonight against the past nights |\n|---|---|---:|---|---|---|\n"
            for e in trends {
                for t in e.trend! {
                    md += "| \(e.file) | \(t.strategy) | \(t.pLoss.count) | `\(Trend.sparkline(t.npvP50))` | `\(Trend.sparkline(t.pLoss.map { $0 }))` "
                    md += "| \(t.drift.map(describe) ?? "first night") |\n"
                }
            }
        }
        let flagged = index.entries.flatMap { e in (e.drift ?? []).filter(\.flagged).map { (e.file, $0) } }
        md += "\n## Drift since the previous run\n\n"
        if flagged.isEmpty {
            md += "No headline figure moved by more than \(NumberFormat.fixed(Drift.threshold, 0)) standard errors.\n"
        } else {
            md += "Moves larger than \(NumberFormat.fixed(Drift.threshold, 0)) standard errors (more than Monte Carlo noise):\n\n"
            for (file, d) in flagged { md += "- **\(file)**, \(d.strategy): \(describe(d))\n" }
        }
        return md
    }

    /// The file name a row links to: the report's, with `ext` for its extension.
    public static func linkTarget(_ report: String, _ ext: String) -> String {
        ((((report as NSString).lastPathComponent) as NSString).deletingPathExtension as NSString).appendingPathExtension(ext) ?? report
    }

    /// An input's text as the index quotes it: on one line, capped.
    static func cap(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "`", with: "'")
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
        }
    }

    static func describe(_ d: Drift) -> String {
        func pp(_ f: FigureDrift, _ name: String) -> String? {
            guard f.change != 0 else { return nil }
            let sign = f.change > 0 ? "+" : "−"
            return "\(name) \(sign)\(NumberFormat.fixed(abs(f.change) * 100, 1)) pp\(f.flagged ? " ⚠" : "")"
        }
        var parts = [pp(d.pLoss, "P(loss)"), pp(d.pCashOut, "P(cash out)")].compactMap { $0 }
        if let n = d.npvP50, n.change != 0 {
            parts.append("median NPV \(n.change > 0 ? "+" : "")\(NumberFormat.amount(n.change))\(n.flagged ? " ⚠" : "")")
        }
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }
}

import Foundation
