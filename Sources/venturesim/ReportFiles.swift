import ArgumentParser
import VentureSim

/// `--report`, `--json`, `--html`, `--no-charts`: where a run's or a merge's files go.
struct ReportOptions: ParsableArguments {
    @Option(help: "Where to write the Markdown report (default: reports/<scenario name>.md).")
    var report: String?

    @Option(help: "Also write the JSON result here.")
    var json: String?

    @Option(help: "Also write the report as one self-contained HTML page (charts inline) here.")
    var html: String?

    @Flag(help: "Write no SVG charts beside the report.")
    var noCharts = false

    /// Whether any of them was given.
    var given: Bool { report != nil || json != nil || html != nil || noCharts }

    func files(_ scenario: Scenario) -> ReportFiles { ReportFiles(scenario, report: report, json: json, html: html, noCharts: noCharts) }
}

/// The files a finished run writes, wherever it came from (`run` or `merge`): the Markdown report with its
/// charts beside it, and on request the JSON result and the HTML page.
struct ReportFiles {
    let report: String
    let json: String?
    let html: String?
    /// Charts go beside a report file, never beside a device or pipe.
    let chartsBeside: Bool

    init(_ scenario: Scenario, report: String?, json: String?, html: String?, noCharts: Bool) {
        // Capped in bytes: a name of 200 four-byte letters would otherwise make names the file system refuses.
        self.report = report ?? "reports/\(OutputName.capped(ScenarioFile.slug(scenario.name))).md"
        (self.json, self.html) = (json, html)
        chartsBeside = !noCharts && scenario.simulation.analyses.charts && !AtomicFile.isStream(self.report)
    }

    /// Every path the outputs may take, known before the run (for the checks that must not cost the work).
    func paths(_ scenario: Scenario) -> [String] {
        [report] + (json.map { [$0] } ?? []) + (html.map { [$0] } ?? [])
            + (chartsBeside ? ChartFiles.paths(report: report, charts: Charts.slugs(scenario)).map(\.path) : [])
    }

    /// Everything rendered, ready to be written all or nothing.
    func outputs(_ scenario: Scenario, _ summary: Summary, info: JSONReport.RunInfo, command: String, note: String? = nil) throws -> [AtomicFile.Output] {
        // Drawn only when something shows them (a tenth of a small run's time).
        let pictures = chartsBeside || html != nil ? Charts.all(summary) : []
        let charts = chartsBeside ? ChartFiles.paths(report: report, charts: pictures) : []
        let markdown = MarkdownReport.render(scenario: scenario, summary: summary, command: command, note: note, charts: charts.map { ($0.file, $0.picture) })
        var files = [AtomicFile.Output(path: report, text: markdown)] + charts.map { AtomicFile.Output(path: $0.path, text: $0.picture.svg) }
        if let json { files.append(AtomicFile.Output(path: json, data: try JSONReport.render(summary, run: info))) }
        if let html {
            let (head, rest) = MarkdownReport.parts(scenario: scenario, summary: summary, command: command, note: note)
            files.append(AtomicFile.Output(path: html, text: HTMLReport.render(title: scenario.name, head: head, charts: pictures, rest: rest)))
        }
        return files
    }
}
