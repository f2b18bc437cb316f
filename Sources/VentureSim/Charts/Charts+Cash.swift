/// The charts of cash: the cash fan month by month and the funding-need curve.
extension Charts {
    /// Whether the run's scenario has funding rounds (a company then fails when its cash goes below zero).
    static func funded(_ summary: Summary) -> Bool { summary.strategies.contains { $0.funding != nil } }

    static func cashFan(_ summary: Summary, _ data: ChartData) -> Picture {
        let panel = 300.0
        let all: [Double] = data.strategies.flatMap { c -> [Double] in c.cash.flatMap { [$0.p10, $0.p90] } } + [0]
        let unit = MoneyUnit(span: max(abs(all.min()!), abs(all.max()!)))
        var canvas = SVGCanvas(width: ChartFrame.width, height: 40 + panel * Double(data.strategies.count))
        canvas.text("Cash month by month", 20, 24, size: 16, bold: true)
        for (i, c) in data.strategies.enumerated() {
            let top = 40 + panel * Double(i) + 34
            // Month 0 is the starting cash; the ticks are whole years on a horizon of two years or more.
            let horizon = max(1, c.cash.count - 1)
            var f = ChartFrame(
                canvas: canvas, x: (0, Double(horizon)), y: (all.min()!, all.max()!), top: top,
                bottom: top + panel - 100,
                xTicks: Axis.monthTicks(horizon: horizon))
            f.axes(
                xLabel: { NumberFormat.grouped(Int64($0)) }, yLabel: unit.label, xTitle: "Month",
                yTitle: unit.title("Cash"))
            let colour = SVGCanvas.colour(i)
            let months = c.cash.indices.map { f.x(Double($0)) }
            func band(_ lower: KeyPath<ChartData.MonthBand, Double>, _ upper: KeyPath<ChartData.MonthBand, Double>)
                -> [(Double, Double)]
            {
                zip(months, c.cash).map { ($0, f.y($1[keyPath: upper])) }
                    + zip(months, c.cash).reversed().map { ($0, f.y($1[keyPath: lower])) }
            }
            f.canvas.path(band(\.p10, \.p90), stroke: nil, fill: colour, opacity: 0.18)
            f.canvas.path(band(\.p25, \.p75), stroke: nil, fill: colour, opacity: 0.35)
            f.canvas.path(zip(months, c.cash).map { ($0, f.y($1.p50)) }, stroke: colour, width: 2.2)
            if f.y.lo < 0 && f.y.hi > 0 {
                f.canvas.line(f.left, f.y(0), f.right, f.y(0), stroke: "#000000", width: 1.2)
            }
            f.canvas.text(
                "\(c.name): median (line), P25–P75 (dark band), P10–P90 (light band)", f.left, top - 10, size: 13,
                bold: true, colour: colour)
            canvas = f.canvas
        }
        let zero =
            funded(summary)
            ? "the black line is zero (with funding rounds, a company whose cash goes below it has failed, and its "
                + "cash stays where it fell)."
            : "the black line is zero (below it the plan has run out of its starting cash)."
        return Picture(
            slug: "cash", title: "Cash over the months per strategy",
            caption:
                "The starting cash (month 0) and cash at the end of each month over the first "
                + "\(NumberFormat.grouped(Int64(data.cashSample))) trials: "
                + "the median, the middle half and the middle 80 %; " + zero, canvas: canvas, summary: summary)
    }

    static func fundingCurve(_ summary: Summary, _ data: ChartData) -> Picture {
        let funded = funded(summary)
        // The median starting cash (month 0 of the cash sample) and, with rounds, it plus the median money they bring.
        let start = data.strategies.first?.cash.first?.p50
        let withRounds: [Double?] = data.strategies.map { c in
            guard funded, let start,
                let raised = summary.strategies.first(where: { $0.name == c.name })?.funding?.raised.p50
            else { return nil }
            return start + raised
        }
        let hi = max(
            1, (data.strategies.map { $0.fundingNeed![199] } + [start ?? 0] + withRounds.compactMap { $0 }).max()!)
        let unit = MoneyUnit(span: hi)
        var f = ChartFrame(
            canvas: SVGCanvas(width: ChartFrame.width, height: 440), x: (0, hi), y: (0, 1), top: 60, bottom: 370)
        f.canvas.text(
            funded ? "How much money the plan kept alive needs" : "How much money the plan needs", 20, 24, size: 16,
            bold: true)
        f.axes(
            xLabel: unit.label, yLabel: percentTick, xTitle: unit.title("Amount raised in all, starting cash included"),
            yTitle: "P(never running out)")
        for level in [0.9, 0.95] {
            f.canvas.line(f.left, f.y(level), f.right, f.y(level), stroke: "#888888", dash: "4 3")
            f.canvas.text(percentTick(level), f.right - 4, f.y(level) - 4, size: 11, anchor: .end, colour: "#555")
        }
        // The marks' labels in rows below the 50 % line, where the curves have mostly passed.
        var marks: [(text: String, x: Double, colour: String)] = [], needs: [(text: String, colour: String)] = []
        if let start, start >= f.x.lo, start <= f.x.hi {
            f.canvas.line(f.x(start), f.top, f.x(start), f.bottom, stroke: "#555555", width: 1.2, dash: "3 3")
            marks.append(("starting cash \(NumberFormat.amount(start))", f.x(start) + 4, "#555"))
        }
        for (i, c) in data.strategies.enumerated() {
            let colour = SVGCanvas.colour(i)
            let points = zip(c.fundingNeed!, ChartData.levels).filter { $0.0 <= f.x.hi }.map { (f.x($0.0), f.y($0.1)) }
            f.canvas.path(points, stroke: colour, width: 2.2)
            if let x = withRounds[i], x <= f.x.hi {
                f.canvas.line(f.x(x), f.top, f.x(x), f.bottom, stroke: colour, width: 1.2, dash: "6 3")
                marks.append(("+ rounds (median) \(NumberFormat.amount(x))", f.x(x) + 4, colour))
            }
            guard let need = summary.strategies.first(where: { $0.name == c.name })?.fundingNeed else { continue }
            for (level, value) in [(0.9, need.p90), (0.95, need.p95)] {
                guard let value, value <= f.x.hi else { continue }
                f.canvas.circle(f.x(value), f.y(level), r: 4.5, fill: colour)
            }
            needs.append(
                (
                    "\(c.name): 90 % needs \(NumberFormat.amount(need.p90)), 95 % \(NumberFormat.amount(need.p95))",
                    colour
                ))
        }
        drawLabels(marks, needs, on: &f)
        f.legend(data.strategies.enumerated().map { ($0.element.name, SVGCanvas.colour($0.offset)) }, y: 44)
        return Picture(
            slug: "funding", title: "Funding need curve", caption: fundingCaption(data, funded: funded, start: start),
            canvas: f.canvas, summary: summary)
    }

    /// The marks' labels in rows below the 50 % line, and the strategies' amounts in a list at the lower right.
    private static func drawLabels(
        _ marks: [(text: String, x: Double, colour: String)], _ needs: [(text: String, colour: String)],
        on f: inout ChartFrame
    ) {
        // Text over the lines on a light ground, so a mark's line or a curve never runs through it. A mark's label is
        // right of its line, or left of it where it would leave the plot.
        let widths = marks.map { 6.5 * Double($0.text.count) }
        let rows = labelRows(zip(marks, widths).map { m, w in (m.x + w > f.right ? m.x - 8 - w : m.x, w) })
        for ((mark, w), row) in zip(zip(marks, widths), rows) {
            let x = mark.x + w > f.right ? mark.x - 8 - w : mark.x, y = f.y(0.5) + 15 * Double(row)
            f.canvas.rect(x - 2, y - 11, w + 4, 15, fill: "#ffffff", opacity: 0.85)
            f.canvas.text(mark.text, x, y, size: 11, colour: mark.colour)
        }
        // The amounts in a list at the lower right, not beside the dots: strategies with close needs would overprint
        // each other.
        for (i, line) in needs.enumerated() {
            let y = f.bottom - 14 - Double(needs.count - 1 - i) * 16, w = 7 * Double(line.text.count)
            f.canvas.rect(f.right - 8 - w - 2, y - 12, w + 4, 16, fill: "#ffffff", opacity: 0.85)
            f.canvas.text(line.text, f.right - 8, y, size: 12, anchor: .end, colour: line.colour)
        }
    }

    private static func fundingCaption(_ data: ChartData, funded: Bool, start: Double?) -> String {
        let marked =
            (start == nil ? "" : "; grey line: the starting cash (median)")
            + (funded ? "; coloured lines: the starting cash plus the median money the planned rounds bring" : "")
        let what =
            funded
            ? "The plan kept alive (its operating flows as if someone always paid, whatever the rounds and failure): "
                + "the amount raised in all "
            : "The amount raised in all "
        return what
            + "against the chance of never running out of cash (\(sampleWords(data))); dots: the run's P90 and P95 "
            + "of the funding need"
            + marked + "."
    }
}
