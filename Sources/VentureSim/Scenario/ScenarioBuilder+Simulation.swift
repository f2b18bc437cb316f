import Yams

/// `simulation:` (trials, seed, horizon, analyses, summary method).
extension ScenarioBuilder {
    func simulation(_ node: Node) -> Scenario.Simulation? {
        guard
            let f = reader.fields(
                node, path: "simulation", allowed: ["trials", "seed", "horizon_months", "analyses", "summary"])
        else { return nil }
        var s = Scenario.Simulation()
        var ok = true
        if let n = f["trials"] {
            if let v = reader.integer(n, path: f.path("trials"), in: 1...Limits.maxTrials) {
                s.trials = v
            } else {
                ok = false
            }
        }
        if let n = f["seed"] {
            if let v = reader.unsigned64(n, path: f.path("seed")) { s.seed = v } else { ok = false }
        }
        if let n = f["horizon_months"] {
            if let v = reader.integer(n, path: f.path("horizon_months"), in: 1...Limits.maxHorizonMonths) {
                s.horizonMonths = v
            } else {
                ok = false
            }
        }
        if let n = f["analyses"] {
            if let v = analyses(n, path: f.path("analyses")) { s.analyses = v } else { ok = false }
        }
        if let n = f["summary"], let text = reader.string(n, path: f.path("summary")) {
            if let v = Scenario.SummaryMethod(rawValue: text) {
                s.summary = v
            } else {
                reader.report(
                    "expected 'exact' (every trial kept, exact percentiles) or 'sketch' (percentiles within "
                        + "\(NumberFormat.probability(QuantileSketch.relativeError)), memory independent of trials), "
                        + "found '\(text)'",
                    node: n, path: f.path("summary"))
                ok = false
            }
        } else if f["summary"] != nil {
            ok = false
        }
        return ok ? s : nil
    }

    /// `all`, `none`, or a list of `Analyses.names`.
    private func analyses(_ node: Node, path: String) -> Analyses? {
        let words = Analyses.names.map { "'\($0)'" }.joined(separator: ", ")
        if case .sequence(let items) = node {
            var names: [String] = []
            for (i, item) in items.enumerated() {
                guard let name = reader.string(item, path: NodeReader.index(path, i)) else { return nil }
                guard Analyses(names: [name]) != nil else {
                    reader.report(
                        "expected one of \(words), found '\(name)'", node: item, path: NodeReader.index(path, i))
                    return nil
                }
                names.append(name)
            }
            return Analyses(names: names)
        }
        guard let text = reader.string(node, path: path) else { return nil }
        switch text {
        case "all": return .all
        case "none": return Analyses.none
        default:
            reader.report("expected 'all', 'none' or a list of \(words), found '\(text)'", node: node, path: path)
            return nil
        }
    }
}
