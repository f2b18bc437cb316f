import Yams

/// `targets:`, the claims checked month by month.
extension ScenarioBuilder {
    func targets(_ node: Node, horizon: Int) -> [Target]? {
        guard let items = list(node, path: "targets", limit: Limits.maxTargets, noun: "targets") else { return nil }
        var out: [Target] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("targets", i)
            guard let f = reader.fields(item, path: path, allowed: ["name", "metric", "month", "at_least", "at_most"]) else { continue }
            let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
            let metric = self.metric(f)
            let month = required(f, "month").flatMap { reader.integer($0, path: f.path("month"), in: 1...horizon) }
            let bound = self.bound(f, node: item, path: path, what: "the claimed bound")
            if let name, let n = f["name"] {
                if let first = seen[name] { reader.report("duplicate target name '\(name)' (also targets[\(first)])", node: n, path: f.path("name")) }
                seen[name] = seen[name] ?? i
            }
            if let name, let metric, let month, let bound {
                out.append(Target(name: name, metric: metric, month: month, atLeast: bound.0, threshold: bound.1))
            }
        }
        return out.count == items.count && seen.count == items.count ? out : nil
    }
}
