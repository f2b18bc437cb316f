import Plot

/// One SVG picture built as Plot nodes, every string from a scenario escaped
/// here (`XMLText`) rather than by Plot, which lets `&name;` through; and
/// every number written with fixed decimals, so the same chart gives the same bytes.
struct SVGCanvas {
    typealias SVGNode = Node<XML.DocumentContext>

    let width: Double
    private(set) var height: Double
    private(set) var nodes: [SVGNode] = []

    /// Okabe and Ito's palette, safe for the common colour-vision deficiencies.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
    static func colour(_ i: Int) -> String { palette[i % palette.count] }

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A number for an attribute: two decimals at most, no "-0".
    static func n(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        let s = r == r.rounded() ? String(Int(r)) : String(r)
        return s == "-0" ? "0" : s
    }

    mutating func add(_ node: SVGNode) { nodes.append(node) }

    private static func element(_ name: String, _ attributes: [(String, String)], _ children: [SVGNode] = []) -> SVGNode
    {
        .element(
            named: name,
            nodes: attributes.map { SVGNode.attribute(named: $0.0, value: XMLText.escaped($0.1, attribute: true)) }
                + children)
    }

    /// A text node: escaped here, so Plot writes it as it is.
    private static func text(_ s: String) -> SVGNode { .raw(XMLText.escaped(s)) }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        var a = [
            ("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2)), ("stroke", stroke),
            ("stroke-width", Self.n(width))
        ]
        if let dash { a.append(("stroke-dasharray", dash)) }
        add(Self.element("line", a))
    }

    mutating func rect(
        _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, opacity: Double = 1, title: String? = nil
    ) {
        var a = [
            ("x", Self.n(x)), ("y", Self.n(y)), ("width", Self.n(max(0, w))), ("height", Self.n(max(0, h))),
            ("fill", fill)
        ]
        if opacity < 1 { a.append(("fill-opacity", Self.n(opacity))) }
        add(Self.element("rect", a, title.map { [Self.element("title", [], [Self.text($0)])] } ?? []))
    }

    /// A polyline through `points`; with `fill`, a closed polygon.
    mutating func path(
        _ points: [(Double, Double)], stroke: String?, width: Double = 2, fill: String? = nil, opacity: Double = 1,
        dash: String? = nil
    ) {
        guard let first = points.first else { return }
        var d = "M" + Self.n(first.0) + "," + Self.n(first.1)
        for p in points.dropFirst() { d += " L" + Self.n(p.0) + "," + Self.n(p.1) }
        if fill != nil { d += " Z" }
        var a = [("d", d), ("fill", fill ?? "none")]
        if fill != nil && opacity < 1 { a.append(("fill-opacity", Self.n(opacity))) }
        if let stroke { a += [("stroke", stroke), ("stroke-width", Self.n(width)), ("stroke-linejoin", "round")] }
        if let dash { a.append(("stroke-dasharray", dash)) }
        add(Self.element("path", a))
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String) {
        add(Self.element("circle", [("cx", Self.n(x)), ("cy", Self.n(y)), ("r", Self.n(r)), ("fill", fill)]))
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ s: String, _ x: Double, _ y: Double, size: Double = 13, anchor: Anchor = .start, bold: Bool = false,
        colour: String = "#222", rotate: Bool = false
    ) {
        var a = [
            ("x", Self.n(x)), ("y", Self.n(y)), ("font-size", Self.n(size)), ("text-anchor", anchor.rawValue),
            ("fill", colour)
        ]
        if bold { a.append(("font-weight", "bold")) }
        if rotate { a.append(("transform", "rotate(-90 \(Self.n(x)) \(Self.n(y)))")) }
        add(Self.element("text", a, [Self.text(s)]))
    }

    /// A footer line below everything drawn so far (the picture grows to hold it).
    mutating func footer(_ s: String) {
        height += 24
        text(s, 20, height - 9, size: 11, colour: "#555")
    }

    /// The picture as an `<svg>` element (for inline HTML), `title` as its accessible name.
    func svg(title: String) -> SVGNode {
        Self.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Self.n(width)) \(Self.n(height))"),
                ("width", Self.n(width)), ("height", Self.n(height)),
                ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
                ("role", "img")
            ],
            [
                Self.element("title", [], [Self.text(title)]),
                Self.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
            ] + nodes)
    }

    /// A standalone SVG file's text.
    func document(title: String) -> String {
        XML(svg(title: title)).render(indentedBy: .spaces(1)) + "\n"
    }

    /// The element's text alone, for an HTML page.
    func inline(title: String) -> String { svg(title: title).render(indentedBy: nil) }
}

/// A linear map from data to picture coordinates with round tick values.
struct Axis {
    let lo: Double
    let hi: Double
    let from: Double
    let to: Double

    /// Widened to round ticks; a span of zero gets one around it.
    init(_ lo: Double, _ hi: Double, from: Double, to: Double, nice: Bool = true) {
        var (a, b) = (min(lo, hi), max(lo, hi))
        if !(b > a) { (a, b) = a == 0 ? (-1, 1) : (a - abs(a) * 0.1, a + abs(a) * 0.1) }
        if nice {
            let step = Axis.step(a, b)
            a = (a / step).rounded(.down) * step
            b = (b / step).rounded(.up) * step
        }
        (self.lo, self.hi, self.from, self.to) = (a, b, from, to)
    }

    func callAsFunction(_ x: Double) -> Double { from + (x - lo) / (hi - lo) * (to - from) }

    /// 1, 2 or 5 × 10^k, about six steps across the span.
    static func step(_ a: Double, _ b: Double) -> Double {
        let raw = (b - a) / 6
        let p = pow(10, (log10(raw)).rounded(.down))
        let m = raw / p
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p
    }

    /// Month ticks from 0 to `horizon`: whole years (every 12 months, or a multiple of 12 that gives at most eight
    /// steps) from two years on, else 1, 2, 3 or 6 months, the fewest that give at most eight steps.
    static func monthTicks(horizon: Int) -> [Double] {
        let h = max(1, horizon)
        let step = h >= 24 ? 12 * ((h + 95) / 96) : [1, 2, 3, 6].first { h <= 8 * $0 } ?? 6
        return stride(from: 0, through: h, by: step).map(Double.init)
    }

    var ticks: [Double] {
        let step = Axis.step(lo, hi)
        var out: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }
}

/// Money on an axis: a unit (thousands, millions, billions) for the axis title, and grouped tick labels in it.
struct MoneyUnit {
    let divisor: Double
    let name: String

    init(span: Double) {
        let a = abs(span)
        (divisor, name) =
            a >= 5e9 ? (1e9, "billions") : a >= 5e6 ? (1e6, "millions") : a >= 5e3 ? (1e3, "thousands") : (1, "")
    }

    func label(_ x: Double) -> String {
        let v = x / divisor
        if v == v.rounded() && abs(v) < 1e15 { return NumberFormat.grouped(Int64(v)) }
        return NumberFormat.fixed(v, 2)
    }

    /// "NPV (millions)".
    func title(_ what: String) -> String { name.isEmpty ? what : "\(what) (\(name))" }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
