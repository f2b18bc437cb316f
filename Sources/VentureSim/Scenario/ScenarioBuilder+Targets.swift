import Yams

/// `targets:`, the claims checked month by month.
extension ScenarioBuilder {
    func targets(_ node: Node, horizon: Int) -> [Target]? {
        guard let items = list(node, path: "targets", limit: Limits.maxTargets, noun: "targets") else { return nil }
        var out: [Target] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("targets", i)
            guard let f = reader.fields(item, path: path, allowed: ["name", "metric", "month", "at_least", "at_most"])
            else { continue }
            let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
            let metric = self.metric(f)
            let month = self.month(f, metric: metric, node: item, path: path, horizon: horizon)
            let bound = self.bound(f, node: item, path: path, what: "the claimed bound")
            if let name, let n = f["name"] {
                if let first = seen[name] {
                    reader.report(
                        "duplicate target name '\(name)' (also targets[\(first)])", node: n, path: f.path("name"))
                }
                seen[name] = seen[name] ?? i
            }
            if let name, let metric, let month, let bound {
                out.append(Target(name: name, metric: metric, month: month, atLeast: bound.0, threshold: bound.1))
            }
        }
        return out.count == items.count && seen.count == items.count ? out : nil
    }

    /// A target's month: required for a monthly metric; refused for a horizon metric (`funding_need`, `npv`,
    /// `lowest_cash`), which is the whole horizon's figure and so is checked at the horizon.
    private func month(_ f: Fields, metric: Target.Metric?, node: Node, path: String, horizon: Int) -> Int? {
        guard let metric, metric.isHorizon else {
            return required(f, "month").flatMap { reader.integer($0, path: f.path("month"), in: 1...horizon) }
        }
        if let n = f["month"] {
            reader.report(
                "'\(metric.rawValue)' is a figure of the whole horizon and takes no 'month'; remove it", node: n,
                path: f.path("month"))
            return nil
        }
        return horizon
    }
}
