import Foundation

/// The files a finished run writes, wherever it came from (`run`, `merge`, or one scenario of a `batch`): the
/// Markdown report with its charts beside it, and on request the JSON result and the HTML page.
///
/// The paths are decided before the run (so the checks that must not cost the work can see them all); the files
/// are rendered after it, ready to be written all or nothing (`AtomicFile.writeAll`). Pure: no file system.
public struct RunOutputs: Sendable {
    public let report: String
    public let json: String?
    public let html: String?
    /// Charts go beside a report file, never beside a device or pipe.
    public let chartsBeside: Bool

    /// A run's or a merge's files: `report` (default `reports/<scenario name>.md`), and `json`, `html` when given.
    public init(_ scenario: Scenario, report: String?, json: String?, html: String?, noCharts: Bool) {
        // Capped in bytes: a name of 200 four-byte letters would otherwise make names the file system refuses.
        self.report = report ?? "reports/\(OutputName.capped(ScenarioFile.slug(scenario.name))).md"
        (self.json, self.html) = (json, html)
        chartsBeside = !noCharts && scenario.simulation.analyses.charts && !AtomicFile.isStream(self.report)
    }

    /// One scenario of a batch: `STEM.md`, `STEM.json` and `STEM.html` in `folder`, with the charts.
    public static func batch(_ scenario: Scenario, folder: String, stem: String) -> RunOutputs {
        let report = (folder as NSString).appendingPathComponent(stem + ".md")
        return RunOutputs(
            scenario, report: report, json: batchJSON(folder: folder, stem: stem), html: htmlPath(beside: report),
            noCharts: false)
    }

    /// A batch scenario's JSON result, `STEM.json` in `folder` (the next night reads it for the drift).
    public static func batchJSON(folder: String, stem: String) -> String {
        (folder as NSString).appendingPathComponent(stem + ".json")
    }

    /// A report's HTML page: beside its Markdown one, `NAME.html`.
    public static func htmlPath(beside reportPath: String) -> String {
        (reportPath as NSString).deletingPathExtension + ".html"
    }

    /// Every path the outputs may take, known before the run.
    public func paths(_ scenario: Scenario) -> [String] {
        [report] + (json.map { [$0] } ?? []) + (html.map { [$0] } ?? [])
            + (chartsBeside ? ChartFiles.paths(report: report, charts: Charts.slugs(scenario)).map(\.path) : [])
    }

    /// Everything rendered: the report, its charts, the JSON result (with `info`) and the HTML page.
    /// `command` is the report's Reproduce line; `note` a line under its title.
    public func render(
        _ scenario: Scenario, _ summary: Summary, info: JSONReport.RunInfo, command: String,
        note: String? = nil
    ) throws -> [AtomicFile.Output] {
        // Drawn only when something shows them (a tenth of a small run's time).
        let pictures = chartsBeside || html != nil ? Charts.all(summary) : []
        let charts = chartsBeside ? ChartFiles.paths(report: report, charts: pictures) : []
        // One report structure for both pages: the Markdown links the chart files, the HTML has them inline.
        let (head, rest) = MarkdownReport.parts(scenario: scenario, summary: summary, command: command, note: note)
        let markdown = MarkdownWriter.write(
            head + MarkdownReport.chartSection(charts.map { ($0.file, $0.picture) }) + rest)
        var files =
            [AtomicFile.Output(path: report, text: markdown)]
            + charts.map { AtomicFile.Output(path: $0.path, text: $0.picture.svg) }
        if let json { files.append(AtomicFile.Output(path: json, data: try JSONReport.render(summary, run: info))) }
        if let html {
            files.append(
                AtomicFile.Output(
                    path: html, text: HTMLReport.render(title: scenario.name, head: head, charts: pictures, rest: rest))
            )
        }
        return files
    }
}
