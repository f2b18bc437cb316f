/// The audit's chart: P(claim) against each top input's percentile in its own distribution, with the level drawn.
extension Charts {
    /// Inputs drawn in a claim's chart (its top inputs by the drivers' rank).
    public static let claimChartInputs = 5

    /// The chart of claim `index` (0-based, the audit's order): one line per top input (those with a break-even first)
    /// over the points tried inside its range (a point beyond the range has no percentile), its break-even marked on
    /// the level.
    public static func claim(_ claim: ClaimAudit, index: Int, scenario: String, settings: AuditSettings) -> Picture {
        // The inputs that move the claim across the level first (the report's words name the same ones).
        let inputs = Array(
            (claim.inputs.filter { $0.breakEven != nil } + claim.inputs.filter { $0.breakEven == nil }).prefix(
                claimChartInputs))
        var f = ChartFrame(
            canvas: SVGCanvas(width: ChartFrame.width, height: 470 + 22 * Double(inputs.count)), x: (0, 100), y: (0, 1),
            top: 70, bottom: 380)
        // The claim's name is scenario text: a text node (escaped), never an attribute.
        let name = claim.target.count > 60 ? String(claim.target.prefix(59)) + "…" : claim.target
        f.canvas.text(
            "P(\(name)) against each input's percentile (\(claim.strategy.prefix(30)))", 20, 24, size: 16, bold: true)
        f.canvas.text(
            "every other input drawn as in the scenario; dashed: the level \(NumberFormat.percent(claim.level))", 20,
            46, size: 12, colour: "#444")
        f.axes(
            xLabel: { "P" + NumberFormat.fixed($0, 0) }, yLabel: percentTick,
            xTitle: "Input held at this percentile of its own distribution",
            yTitle: "P(claim)")
        f.canvas.line(f.left, f.y(claim.level), f.right, f.y(claim.level), stroke: "#000000", width: 1.2, dash: "6 4")
        for (i, input) in inputs.enumerated() {
            let colour = SVGCanvas.colour(i)
            let inside = input.curve.filter {
                $0.value >= input.minimum ?? -.infinity && $0.value <= input.maximum ?? .infinity
            }
            f.canvas.path(inside.map { (f.x($0.percentile), f.y($0.probability)) }, stroke: colour, width: 2)
            if let p = input.percentile { f.canvas.circle(f.x(p), f.y(claim.level), r: 5, fill: colour) }
            let y = f.bottom + 62 + 22 * Double(i)
            f.canvas.rect(f.left, y - 10, 14, 14, fill: colour)
            let label = input.input.count > 60 ? "…" + input.input.suffix(59) : input.input
            f.canvas.text(
                label + " — " + ClaimWords.verdictShort(input, level: claim.level), f.left + 20, y + 2, size: 12)
        }
        return Picture(
            slug: "claim-\(index + 1)", title: "P(claim) against the inputs' percentiles",
            caption:
                "P(\(claim.target)) for \(claim.strategy) with one input held at each percentile of its own "
                + "distribution (every other input drawn "
                + "as in the scenario, the same trials at every point); the dot is the break-even where P reaches the "
                + "level (dashed). "
                + "Points beyond an input's range are in the table, not drawn.", canvas: f.canvas,
            footer: (scenario, "\(NumberFormat.grouped(Int64(settings.trialsPerPoint))) trials a point", settings.seed))
    }
}
