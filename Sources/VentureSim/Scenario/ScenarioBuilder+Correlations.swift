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
            // Every item is read, so one run reports every wrong one.
            if let c = correlation(item, path: NodeReader.index("correlations", i), inputs: inputs, pairs: &pairs) {
                out.append(c)
            } else {
                ok = false
            }
        }
        guard ok, holdTogether(out, node: node) else { return nil }
        return out
    }

    /// One `{between: [PATH, PATH], rank: ρ}`; nil after reporting what is wrong with it. `pairs` holds the pairs
    /// read so far, to report a pair correlated twice.
    private func correlation(
        _ item: Node, path: String, inputs: [String: Distribution], pairs: inout Set<[String]>
    ) -> Correlation? {
        guard let f = reader.fields(item, path: path, allowed: ["between", "rank"]) else { return nil }
        let rank = required(f, "rank").flatMap {
            reader.number(
                $0, path: f.path("rank"),
                NumberCheck(words: "a rank correlation strictly between −1 and 1") { $0 > -1 && $0 < 1 })
        }
        guard let betweenNode = required(f, "between"),
            let list = reader.sequence(betweenNode, path: f.path("between"))
        else { return nil }
        let names = list.enumerated().compactMap {
            reader.string($1, path: NodeReader.index(f.path("between"), $0))
        }
        guard names.count == 2, list.count == 2, names[0] != names[1] else {
            reader.report(
                "expected two different input paths, e.g. [market.competition, strategies.api.churn_monthly]",
                node: betweenNode, path: f.path("between"))
            return nil
        }
        var ok = true
        for (k, name) in names.enumerated() {
            ok = correlatable(name, inputs: inputs, node: list[k], path: NodeReader.index(f.path("between"), k)) && ok
        }
        let key = names.sorted()
        if pairs.contains(key) {
            reader.report("the pair \(key.joined(separator: " – ")) is correlated twice", node: item, path: path);
            ok = false
        }
        pairs.insert(key)
        guard ok, let rank else { return nil }
        return Correlation(between: names, rank: rank)
    }

    /// Whether `name` is an input a Gaussian copula can correlate (known, drawn, continuous, not reading a variable);
    /// false after reporting why not.
    private func correlatable(_ name: String, inputs: [String: Distribution], node: Node, path at: String) -> Bool {
        guard let d = inputs[name] else {
            var message = "unknown input '\(name)'"
            if let hint = NodeReader.nearest(name, in: Array(inputs.keys).sorted()) {
                message += "; did you mean '\(hint)'?"
            }
            reader.report(message, node: node, path: at)
            return false
        }
        if let v = d.variable {
            reader.report(
                "'\(name)' reads the variable '\(v)'; correlate 'variables.\(v)' instead", node: node, path: at)
            return false
        }
        switch d.law {
        case .constant:
            reader.report("'\(name)' is a constant; only drawn inputs can be correlated", node: node, path: at)
            return false
        case .poisson, .discrete:
            reader.report(
                "'\(name)' is discrete; a Gaussian copula needs a continuous distribution", node: node, path: at)
            return false
        default: return true
        }
    }

    /// Whether the copula's matrix over the inputs involved is positive definite; false after reporting that the
    /// correlations cannot hold together.
    private func holdTogether(_ out: [Correlation], node: Node) -> Bool {
        let (involved, matrix) = Correlation.matrix(out)
        guard Cholesky.factor(matrix, k: involved.count) == nil else { return true }
        let listed = out.map { "\($0.between.joined(separator: " – ")) (\(NodeReader.format($0.rank)))" }.joined(
            separator: ", ")
        reader.report(
            "these rank correlations cannot hold together (their matrix is not positive definite): \(listed); "
                + "weaken some of them",
            node: node, path: "correlations")
        return false
    }
}
