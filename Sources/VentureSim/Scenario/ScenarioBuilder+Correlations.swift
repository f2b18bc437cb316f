import Yams

/// `correlations:`, rank correlations between drawn inputs.
extension ScenarioBuilder {
    /// `correlations: [{between: [PATH, PATH], rank: ρ}]` over drawn, continuous inputs,
    /// whose normal-copula matrix must be positive definite.
    func correlations(_ node: Node, scenario: Scenario) -> [Correlation]? {
        if NodeReader.isNull(node) { return [] }
        guard let items = reader.sequence(node, path: "correlations") else { return nil }
        let inputs = Dictionary(
            scenario.drawnInputs.map { ($0.path, $0.distribution) }, uniquingKeysWith: { a, _ in a })
        var out: [Correlation] = []
        var pairs = Set<[String]>()
        var ok = true
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("correlations", i)
            guard let f = reader.fields(item, path: path, allowed: ["between", "rank"]) else { ok = false; continue }
            let rank = required(f, "rank").flatMap {
                reader.number(
                    $0, path: f.path("rank"),
                    NumberCheck(words: "a rank correlation strictly between −1 and 1") { $0 > -1 && $0 < 1 })
            }
            guard let betweenNode = required(f, "between"),
                let list = reader.sequence(betweenNode, path: f.path("between"))
            else { ok = false; continue }
            let names = list.enumerated().compactMap {
                reader.string($1, path: NodeReader.index(f.path("between"), $0))
            }
            guard names.count == 2, list.count == 2, names[0] != names[1] else {
                reader.report(
                    "expected two different input paths, e.g. [market.competition, strategies.api.churn_monthly]",
                    node: betweenNode, path: f.path("between"))
                ok = false
                continue
            }
            for (k, name) in names.enumerated() {
                let at = NodeReader.index(f.path("between"), k)
                guard let d = inputs[name] else {
                    var message = "unknown input '\(name)'"
                    if let hint = NodeReader.nearest(name, in: Array(inputs.keys).sorted()) {
                        message += "; did you mean '\(hint)'?"
                    }
                    reader.report(message, node: list[k], path: at)
                    ok = false
                    continue
                }
                if let v = d.variable {
                    reader.report(
                        "'\(name)' reads the variable '\(v)'; correlate 'variables.\(v)' instead", node: list[k],
                        path: at)
                    ok = false
                    continue
                }
                switch d.law {
                case .constant:
                    reader.report(
                        "'\(name)' is a constant; only drawn inputs can be correlated", node: list[k], path: at);
                    ok = false
                case .poisson, .discrete:
                    reader.report(
                        "'\(name)' is discrete; a Gaussian copula needs a continuous distribution", node: list[k],
                        path: at);
                    ok = false
                default: break
                }
            }
            let key = names.sorted()
            if pairs.contains(key) {
                reader.report("the pair \(key.joined(separator: " – ")) is correlated twice", node: item, path: path);
                ok = false
            }
            pairs.insert(key)
            if let rank { out.append(Correlation(between: names, rank: rank)) } else { ok = false }
        }
        guard ok else { return nil }
        // The copula's matrix over the inputs involved must be positive definite.
        let (involved, matrix) = Correlation.matrix(out)
        guard Cholesky.factor(matrix, k: involved.count) != nil else {
            let listed = out.map { "\($0.between.joined(separator: " – ")) (\(NodeReader.format($0.rank)))" }.joined(
                separator: ", ")
            reader.report(
                "these rank correlations cannot hold together (their matrix is not positive definite): \(listed); "
                    + "weaken some of them",
                node: node, path: "correlations")
            return nil
        }
        return out
    }
}
