/// Where a report's charts go: beside it, named after it
/// (`reports/x.md` → `reports/x-npv.svg`, `x-cash.svg`, …).
public enum ChartFiles {
    /// The chart paths for a report at `reportPath`, each with its file name (for the report's links).
    public static func paths(report reportPath: String, charts: [Charts.Picture]) -> [(
        path: String, file: String, picture: Charts.Picture
    )] {
        charts.map { (path(report: reportPath, slug: $0.slug), file(report: reportPath, slug: $0.slug), $0) }
    }

    /// The paths of charts named by their slugs.
    public static func paths(report reportPath: String, charts slugs: [Charts.Picture.Slug]) -> [(
        path: String, file: String
    )] {
        slugs.map { (path(report: reportPath, slug: $0), file(report: reportPath, slug: $0)) }
    }

    static func path(report: String, slug: String) -> String {
        (report.hasSuffix(".md") ? String(report.dropLast(3)) : report) + "-" + slug + ".svg"
    }

    /// The file name alone, as the report links it.
    static func file(report: String, slug: String) -> String {
        path(report: report, slug: slug).split(separator: "/", omittingEmptySubsequences: false).last.map(String.init)
            ?? slug
    }
}
