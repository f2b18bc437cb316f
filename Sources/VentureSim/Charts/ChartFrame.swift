/// The parts every chart shares: title, axes with gridlines and tick labels,
/// axis titles and a legend.
struct ChartFrame {
    static let width = 760.0
    var canvas: SVGCanvas
    let x: Axis
    let y: Axis
    /// The plot area.
    let left: Double, right: Double, top: Double, bottom: Double

    /// A frame `height` tall with its plot area from `top`; `xLabel` and `yLabel` format the ticks.
    /// `xTicks`: the x axis's own ticks, its range then exactly `x` (months); else round ticks widen it.
    let xTicks: [Double]?

    init(
        canvas: SVGCanvas, x: (Double, Double), y: (Double, Double), top: Double, bottom: Double, left: Double = 90,
        right: Double = 730,
        xTicks: [Double]? = nil
    ) {
        self.canvas = canvas
        (self.left, self.right, self.top, self.bottom) = (left, right, top, bottom)
        self.xTicks = xTicks
        self.x = Axis(x.0, x.1, from: left, to: right, nice: xTicks == nil)
        self.y = Axis(y.0, y.1, from: bottom, to: top)
    }

    mutating func axes(xLabel: (Double) -> String, yLabel: (Double) -> String, xTitle: String, yTitle: String) {
        for t in y.ticks {
            canvas.line(left, y(t), right, y(t), stroke: "#dddddd")
            canvas.text(yLabel(t), left - 8, y(t) + 4, size: 12, anchor: .end, colour: "#444")
        }
        for t in xTicks ?? x.ticks {
            canvas.line(x(t), bottom, x(t), bottom + 5, stroke: "#444")
            canvas.text(xLabel(t), x(t), bottom + 20, size: 12, anchor: .middle, colour: "#444")
        }
        canvas.line(left, bottom, right, bottom, stroke: "#444")
        canvas.line(left, top, left, bottom, stroke: "#444")
        canvas.text(xTitle, (left + right) / 2, bottom + 42, size: 13, anchor: .middle)
        canvas.text(yTitle, 22, (top + bottom) / 2, size: 13, anchor: .middle, rotate: true)
    }

    /// A vertical zero line when 0 is inside the x range.
    mutating func zeroLine() {
        guard x.lo < 0 && x.hi > 0 else { return }
        canvas.line(x(0), top, x(0), bottom, stroke: "#000000", width: 1.2)
    }

    /// Coloured swatches and names in a row above the plot area, from its left.
    mutating func legend(_ entries: [(name: String, colour: String)], y: Double) {
        var cursor = left
        for e in entries {
            canvas.rect(cursor, y - 10, 14, 14, fill: e.colour)
            canvas.text(e.name, cursor + 20, y + 2, size: 13)
            cursor += 34 + Double(e.name.count) * 7.5
        }
    }
}

/// Rows for labels at picture positions `x` (each `width` wide, starting there) so that no two in a row overlap:
/// each, from the leftmost, takes the first row whose last label ends before it starts.
func labelRows(_ labels: [(x: Double, width: Double)]) -> [Int] {
    var rowEnds: [Double] = []
    var rows = [Int](repeating: 0, count: labels.count)
    for i in labels.indices.sorted(by: { labels[$0].x < labels[$1].x }) {
        let row = rowEnds.firstIndex { $0 + 4 <= labels[i].x } ?? rowEnds.count
        if row == rowEnds.count { rowEnds.append(0) }
        rowEnds[row] = labels[i].x + labels[i].width
        rows[i] = row
    }
    return rows
}

/// A percentage tick: `25 %`.
func percentTick(_ p: Double) -> String { NumberFormat.fixed(p * 100, 2) + " %" }
