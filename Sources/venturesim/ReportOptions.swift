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

    /// The files these options ask of a run of `scenario` (decided and rendered by the library's `RunOutputs`).
    func files(_ scenario: Scenario) -> RunOutputs {
        RunOutputs(scenario, report: report, json: json, html: html, noCharts: noCharts)
    }
}
