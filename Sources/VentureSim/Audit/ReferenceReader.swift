import Yams

extension NodeReader {
    /// `reference: {low, high, source}` of a distribution: a published range of the input, low ≤ high, in the
    /// input's own unit, and its source as one line of text; nil after reporting a problem.
    func reference(_ node: Node, path: String) -> Reference? {
        guard let f = fields(node, path: path, allowed: ["low", "high", "source"]) else { return nil }
        func need(_ key: String) -> Node? {
            if let n = f[key] { return n }
            report("a reference needs '\(key)' (reference: {low, high, source})", node: node, path: path)
            return nil
        }
        let low = need("low").flatMap { number($0, path: f.path("low")) }
        let high = need("high").flatMap { number($0, path: f.path("high")) }
        let source = need("source").flatMap { string($0, path: f.path("source"), as: .name) }
        guard let low, let high, let source else { return nil }
        guard low <= high else {
            report(
                "a reference needs low ≤ high, found low \(Self.format(low)) and high \(Self.format(high))", node: node,
                path: path)
            return nil
        }
        return Reference(low: low, high: high, source: source)
    }
}
