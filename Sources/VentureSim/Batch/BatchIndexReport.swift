/// The batch index as Markdown: one row per scenario and strategy, failures
/// with their messages, and overnight drift with flags on moves beyond noise.
public enum BatchIndexReport {
    public static func render(_ index: BatchIndex) -> String {
        var md = "# VentureSim batch: \(index.folder)\n\n"
        md += "Started \(index.started). \(index.entries.count) scenario files: "
        md += [BatchIndex.Status.ok, .invalid, .failed, .notRun, .pending].compactMap { s in
            let n = index.count(s)
            return n > 0 ? "\(n) \(label(s))" : nil
        }.joined(separator: ", ") + ".\n\n"
        if let why = index.interrupted { md += "**Interrupted (\(why)):** scenarios marked *not run* were not run.\n\n" }
        md += "| Scenario file | Status | Time (s) | Strategy | P(loss) | P(cash out) | Median NPV | Since last run |\n"
        md += "|---|---|---:|---|---:|---:|---:|---|\n"
        for e in index.entries {
            let time = e.seconds.map { NumberFormat.fixed($0, 2) } ?? ""
            let file = e.report.map { "[\(e.file)](\(($0 as NSString).lastPathComponent))" } ?? e.file
            if e.headlines.isEmpty {
                md += "| \(file) | \(label(e.status)) | \(time) | | | | | |\n"
                continue
            }
            for (i, h) in e.headlines.enumerated() {
                let drift = e.drift?.first { $0.strategy == h.strategy }
                md += "| \(i == 0 ? file : "") | \(i == 0 ? label(e.status) : "") | \(i == 0 ? time : "") | \(h.strategy) "
                md += "| \(NumberFormat.probability(h.pLoss)) | \(NumberFormat.probability(h.pCashOut)) | \(NumberFormat.amount(h.npvP50)) "
                md += "| \(drift.map(describe) ?? (e.drift == nil ? "first run" : "new strategy")) |\n"
            }
        }
        let failures = index.entries.filter { $0.error != nil }
        if !failures.isEmpty {
            md += "\n## Failures\n\n"
            for e in failures {
                md += "### \(e.file) (\(label(e.status)))\n\n```\n\(e.error!)\n```\n\n"
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

    static func label(_ s: BatchIndex.Status) -> String {
        switch s {
        case .ok: return "ok"
        case .invalid: return "invalid"
        case .failed: return "failed"
        case .notRun: return "not run"
        case .pending: return "pending"
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
