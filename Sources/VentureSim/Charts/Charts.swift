/// The report's charts, each a pure function of the summary: the NPV
/// distribution, its exceedance curve, the cash fan, the funding-need
/// curve, the drivers' tornado and the stress cases.
public enum Charts {
    /// One chart: the name its file takes (`NAME-<slug>.svg`), what it shows, the picture.
    public struct Picture: Sendable {
        public typealias Slug = String
        public let slug: Slug
        public let title: String
        /// A caption for the report: what is drawn from which trials.
        public let caption: String
        /// The standalone SVG file.
        public let svg: String
        /// The `<svg>` element for an HTML page.
        public let inlineSVG: String

        /// The picture with its footer: the scenario's name, the trial count and the seed, so a chart pasted alone says
        /// where it came from.
        init(slug: String, title: String, caption: String, canvas: SVGCanvas, summary: Summary) {
            self.init(
                slug: slug, title: title, caption: caption, canvas: canvas,
                footer: (summary.scenario, "\(NumberFormat.grouped(Int64(summary.trials))) trials", summary.seed))
        }

        /// The picture with a footer naming its scenario, what was run (e.g. "20,000 trials a point") and the seed.
        init(
            slug: String, title: String, caption: String, canvas: SVGCanvas,
            footer: (scenario: String, run: String, seed: UInt64)
        ) {
            (self.slug, self.title, self.caption) = (slug, title, caption)
            var canvas = canvas
            canvas.footer("\(footer.scenario) · \(footer.run) · seed \(footer.seed)")
            svg = canvas.document(title: title)
            inlineSVG = canvas.inline(title: title)
        }
    }

    /// Every chart the summary has data for, in report order.
    public static func all(_ summary: Summary) -> [Picture] {
        guard let data = summary.charts else { return [] }
        var out = [npvDistribution(summary, data), exceedance(summary, data)]
        if data.cashSample > 0 { out.append(cashFan(summary, data)) }
        if data.strategies.allSatisfy({ $0.fundingNeed != nil }),
            summary.strategies.allSatisfy({ $0.fundingNeed != nil })
        {
            out.append(fundingCurve(summary, data))
        }
        if summary.strategies.contains(where: { !($0.drivers ?? []).isEmpty }) { out.append(tornado(summary)) }
        if !summary.stressCases.isEmpty { out.append(stress(summary)) }
        return out
    }

    /// The name of every chart there is (their files are `NAME-<slug>.svg`).
    public static let everySlug: [Charts.Picture.Slug] = ["npv", "exceedance", "cash", "funding", "tornado", "stress"]

    /// The names of the charts a run of `scenario` can draw (a superset of what `all` returns), known before the run.
    public static func slugs(_ scenario: Scenario) -> [Charts.Picture.Slug] {
        let a = scenario.simulation.analyses
        guard a.charts else { return [] }
        return ["npv", "exceedance", "cash"] + (a.fundingNeed ? ["funding"] : []) + (a.drivers ? ["tornado"] : [])
            + (scenario.stress.isEmpty ? [] : ["stress"])
    }

    /// F(x) read off a quantile curve at `ChartData.levels` (linear between points; the highest level at ties).
    static func cdf(_ q: [Double], _ x: Double) -> Double {
        guard let first = q.first, let last = q.last else { return 0 }
        if x < first { return 0 }
        if x >= last { return 1 }
        var lo = 0, hi = q.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if q[mid] <= x { lo = mid } else { hi = mid }
        }
        let (a, b) = (ChartData.levels[lo], ChartData.levels[hi])
        return q[hi] > q[lo] ? a + (b - a) * (x - q[lo]) / (q[hi] - q[lo]) : a
    }

    static func sampleWords(_ data: ChartData) -> String {
        "the first \(NumberFormat.grouped(Int64(data.sample))) trials"
    }

    static func npvDistribution(_ summary: Summary, _ data: ChartData) -> Picture {
        var lo = data.strategies.map { $0.npv[2] }.min()!, hi = data.strategies.map { $0.npv[198] }.max()!
        if !(hi > lo) {
            // Every trial the same (a deterministic plan): one bar in the middle of the axis.
            let pad = max(1, abs(lo) * 0.1)
            (lo, hi) = (lo - pad, hi + pad)
        }
        let unit = MoneyUnit(span: max(abs(lo), abs(hi)))
        let bins = 40
        let width = hi > lo ? (hi - lo) / Double(bins) : 1
        let shares = data.strategies.map { c in
            (0..<bins).map { b in cdf(c.npv, lo + width * Double(b + 1)) - cdf(c.npv, lo + width * Double(b)) }
        }
        var f = ChartFrame(
            canvas: SVGCanvas(width: ChartFrame.width, height: 440), x: (lo, hi),
            y: (0, max(0.001, shares.flatMap { $0 }.max()!)),
            top: 60, bottom: 370)
        f.canvas.text("NPV distribution", 20, 24, size: 16, bold: true)
        f.axes(xLabel: unit.label, yLabel: percentTick, xTitle: unit.title("NPV"), yTitle: "Share of trials per bin")
        var labels: [(text: String, x: Double, colour: String)] = []
        for (i, c) in data.strategies.enumerated() {
            let colour = SVGCanvas.colour(i)
            var outline: [(Double, Double)] = [(f.x(lo), f.y(0))]
            for (b, share) in shares[i].enumerated() {
                outline += [(f.x(lo + width * Double(b)), f.y(share)), (f.x(lo + width * Double(b + 1)), f.y(share))]
            }
            outline.append((f.x(hi), f.y(0)))
            f.canvas.path(outline, stroke: nil, fill: colour, opacity: 0.22)
            f.canvas.path(outline, stroke: colour, width: 1.8)
            let npv = summary.strategies.first { $0.name == c.name }?.outcome(.npv)
            for (label, value) in [("P5", npv?.p5), ("P50", npv?.p50), ("P95", npv?.p95)] {
                guard let value, value >= f.x.lo, value <= f.x.hi else { continue }
                f.canvas.line(
                    f.x(value), f.top, f.x(value), f.bottom, stroke: colour, width: 1.5,
                    dash: label == "P50" ? "6 3" : "2 3")
                labels.append((label, f.x(value) + 3, colour))
            }
        }
        // Each label in the first row where it overprints no other (two strategies' P5 and P50 are often close).
        let rows = labelRows(labels.map { ($0.x, 7 * Double($0.text.count)) })
        for (label, row) in zip(labels, rows) {
            f.canvas.text(label.text, label.x, f.top + 12 + Double(row) * 13, size: 11, colour: label.colour)
        }
        f.zeroLine()
        f.legend(data.strategies.enumerated().map { ($0.element.name, SVGCanvas.colour($0.offset)) }, y: 44)
        return Picture(
            slug: "npv", title: "NPV distribution of every strategy",
            caption:
                "NPV of every strategy on shared bins (\(sampleWords(data)); the outer 1 % on each side is off the "
                + "axes); "
                + "dashed lines: the run's P5, P50 (longer dashes) and P95.", canvas: f.canvas, summary: summary)
    }

    static func exceedance(_ summary: Summary, _ data: ChartData) -> Picture {
        var lo = data.strategies.map { $0.npv[1] }.min()!, hi = data.strategies.map { $0.npv[199] }.max()!
        if !(hi > lo) { (lo, hi) = (lo - max(1, abs(lo) * 0.1), hi + max(1, abs(lo) * 0.1)) }
        let unit = MoneyUnit(span: max(abs(lo), abs(hi)))
        var f = ChartFrame(
            canvas: SVGCanvas(width: ChartFrame.width, height: 440), x: (lo, hi), y: (0, 1), top: 60, bottom: 370)
        f.canvas.text("Chance of beating an NPV", 20, 24, size: 16, bold: true)
        f.axes(xLabel: unit.label, yLabel: percentTick, xTitle: unit.title("NPV at least"), yTitle: "P(NPV > x)")
        for (i, c) in data.strategies.enumerated() {
            let points = zip(c.npv, ChartData.levels).filter { $0.0 >= f.x.lo && $0.0 <= f.x.hi }.map {
                (f.x($0.0), f.y(1 - $0.1))
            }
            f.canvas.path(points, stroke: SVGCanvas.colour(i), width: 2.2)
        }
        f.zeroLine()
        f.legend(data.strategies.enumerated().map { ($0.element.name, SVGCanvas.colour($0.offset)) }, y: 44)
        return Picture(
            slug: "exceedance", title: "Exceedance curve of NPV",
            caption:
                "The share of trials whose NPV exceeds each amount (\(sampleWords(data))); where a curve crosses the "
                + "zero line is P(NPV > 0).",
            canvas: f.canvas, summary: summary)
    }

    static func tornado(_ summary: Summary) -> Picture {
        let rows = 10
        let strategies = summary.strategies.filter { !($0.drivers ?? []).isEmpty }
        // The inputs that move NPV most by rank correlation, drawn longest bar first (a tornado's shape).
        let panels = strategies.map { s in
            let base = s.outcome(.npv).mean ?? 0
            func length(_ d: Driver) -> Double {
                let ends = [base] + [d.npvMeanLow, d.npvMeanHigh].compactMap { $0 }
                return ends.max()! - ends.min()!
            }
            return s.drivers!.prefix(rows).enumerated().sorted { a, b in
                length(a.element) != length(b.element) ? length(a.element) > length(b.element) : a.offset < b.offset
            }.map(\.element)
        }
        let values =
            panels.flatMap { $0.flatMap { [$0.npvMeanLow, $0.npvMeanHigh].compactMap { $0 } } }
            + strategies.compactMap { $0.outcome(.npv).mean }
        let unit = MoneyUnit(span: max(abs(values.min() ?? 0), abs(values.max() ?? 1)))
        let rowHeight = 24.0
        let heights = panels.map { 90 + rowHeight * Double($0.count) }
        var canvas = SVGCanvas(width: ChartFrame.width, height: 70 + heights.reduce(0, +))
        canvas.text("What moves NPV: mean NPV with each input low and high", 20, 24, size: 16, bold: true)
        canvas.rect(20, 40, 14, 14, fill: SVGCanvas.colour(5))
        canvas.text("input in its bottom 10 %", 40, 52, size: 13)
        canvas.rect(240, 40, 14, 14, fill: SVGCanvas.colour(0))
        canvas.text("input in its top 10 %", 260, 52, size: 13)
        var top = 70.0
        for (k, s) in strategies.enumerated() {
            let drivers = panels[k]
            let base = s.outcome(.npv).mean ?? 0
            var f = ChartFrame(
                canvas: canvas, x: (values.min() ?? 0, values.max() ?? 1), y: (0, Double(drivers.count)),
                top: top + 30, bottom: top + 30 + rowHeight * Double(drivers.count), left: 290, right: 730)
            f.canvas.text(s.name, 20, top + 18, size: 14, bold: true)
            for t in f.x.ticks {
                f.canvas.line(f.x(t), f.top, f.x(t), f.bottom, stroke: "#e4e4e4")
                f.canvas.text(unit.label(t), f.x(t), f.bottom + 18, size: 12, anchor: .middle, colour: "#444")
            }
            for (r, d) in drivers.enumerated() {
                let y = f.top + rowHeight * Double(r) + 4
                // The label column holds about 40 characters; a longer path keeps its end, the part that names the
                // input.
                let label = d.input.count > 40 ? "…" + d.input.suffix(39) : d.input
                f.canvas.text(label, f.left - 8, y + 12, size: 12, anchor: .end)
                for (value, colour) in [(d.npvMeanLow, SVGCanvas.colour(5)), (d.npvMeanHigh, SVGCanvas.colour(0))] {
                    guard let value else { continue }
                    let (a, b) = (f.x(min(base, value)), f.x(max(base, value)))
                    f.canvas.rect(
                        a, y, b - a, rowHeight - 8, fill: colour,
                        title: "\(d.input): mean NPV \(NumberFormat.amount(value))")
                }
            }
            f.canvas.line(f.x(base), f.top - 4, f.x(base), f.bottom, stroke: "#000000", width: 1.4)
            f.canvas.text("mean NPV \(NumberFormat.amount(base))", f.x(base), f.top - 8, size: 11, anchor: .middle)
            f.canvas.text(unit.title("NPV"), (f.left + f.right) / 2, f.bottom + 38, size: 13, anchor: .middle)
            canvas = f.canvas
            top += heights[k]
        }
        return Picture(
            slug: "tornado", title: "Drivers of NPV (tornado)",
            caption:
                "For the \(rows) inputs that move NPV most (by rank correlation over the first "
                + "\(NumberFormat.grouped(Int64(summary.driverSample))) trials), "
                + "longest bar first: the mean NPV of the trials with the input in its bottom 10 % and in its top 10 "
                + "%, against the mean NPV.",
            canvas: canvas, summary: summary)
    }

    static func stress(_ summary: Summary) -> Picture {
        let cases = [("base", summary.strategies)] + summary.stressCases.map { ($0.name, $0.strategies) }
        let S = summary.strategies.count
        let rowHeight = 20.0
        let groupHeight = rowHeight * Double(S) + 14
        let plotTop = 100.0
        let plotBottom = plotTop + groupHeight * Double(cases.count)
        var canvas = SVGCanvas(width: ChartFrame.width, height: plotBottom + 70)
        canvas.text("Stress cases: P(loss) and NPV", 20, 24, size: 16, bold: true)
        let npvs = cases.flatMap { $0.1.flatMap { s in [s.outcome(.npv).p5, s.outcome(.npv).p95].compactMap { $0 } } }
        let unit = MoneyUnit(span: max(abs(npvs.min() ?? 0), abs(npvs.max() ?? 1)))
        // A probability's whole range, so every case and every run reads on the same scale, 100 % labelled.
        let loss = Axis(0, 1, from: 220, to: 390)
        let npv = Axis(npvs.min() ?? 0, npvs.max() ?? 1, from: 450, to: 730)
        canvas.text("P(loss)", 310, plotTop - 14, size: 13, anchor: .middle, bold: true)
        canvas.text("NPV P5 – P50 – P95", 590, plotTop - 14, size: 13, anchor: .middle, bold: true)
        for t in [0, 0.25, 0.5, 0.75, 1.0] {
            canvas.line(loss(t), plotTop, loss(t), plotBottom, stroke: "#e4e4e4")
            canvas.text(percentTick(t), loss(t), plotBottom + 18, size: 11, anchor: .middle, colour: "#444")
        }
        for t in npv.ticks {
            canvas.line(npv(t), plotTop, npv(t), plotBottom, stroke: "#e4e4e4")
            canvas.text(unit.label(t), npv(t), plotBottom + 18, size: 11, anchor: .middle, colour: "#444")
        }
        if npv.lo < 0 && npv.hi > 0 { canvas.line(npv(0), plotTop, npv(0), plotBottom, stroke: "#000000", width: 1.2) }
        canvas.text(unit.title("NPV"), 590, plotBottom + 38, size: 12, anchor: .middle)
        for (c, (name, strategies)) in cases.enumerated() {
            let groupTop = plotTop + groupHeight * Double(c)
            // Long names are cut to the column they have; the report's table gives them whole.
            canvas.text(
                name.count > 26 ? String(name.prefix(25)) + "…" : name, 20, groupTop + groupHeight / 2 + 4, size: 13,
                bold: c == 0)
            for (i, s) in strategies.enumerated() {
                let y = groupTop + 7 + rowHeight * Double(i)
                let colour = SVGCanvas.colour(summary.strategies.firstIndex { $0.name == s.name } ?? i)
                canvas.rect(
                    loss(0), y + 2, loss(s.pLoss) - loss(0), rowHeight - 6, fill: colour,
                    title: "\(name), \(s.name): P(loss) \(NumberFormat.probability(s.pLoss))")
                canvas.text(
                    NumberFormat.probability(s.pLoss), loss(s.pLoss) + 4, y + rowHeight / 2 + 4, size: 10,
                    colour: "#333")
                let o = s.outcome(.npv)
                if let p5 = o.p5, let p95 = o.p95, let p50 = o.p50 {
                    canvas.line(npv(p5), y + rowHeight / 2, npv(p95), y + rowHeight / 2, stroke: colour, width: 3)
                    canvas.circle(npv(p50), y + rowHeight / 2, r: 5, fill: colour)
                    // The median's value beside the whisker, on whichever side has room.
                    let right = npv(p95) + 6 < 690
                    canvas.text(
                        NumberFormat.amount(p50), right ? npv(p95) + 6 : npv(p5) - 6, y + rowHeight / 2 + 4, size: 10,
                        anchor: right ? .start : .end, colour: "#333")
                }
            }
        }
        var legendX = 20.0
        for (i, s) in summary.strategies.enumerated() {
            canvas.rect(legendX, 44, 14, 14, fill: SVGCanvas.colour(i))
            canvas.text(s.name, legendX + 20, 56, size: 13)
            // A name beyond the picture's width is cut off by the viewBox; the legend stays readable up to a few
            // strategies.
            legendX += 34 + Double(s.name.count) * 7.5
        }
        return Picture(
            slug: "stress", title: "Stress cases side by side",
            caption:
                "Each stress case on the same trials as the base: P(loss) (bars, with their values) and NPV P5 to P95 "
                + "with the median (dot, its value beside), per strategy.",
            canvas: canvas, summary: summary)
    }
}
