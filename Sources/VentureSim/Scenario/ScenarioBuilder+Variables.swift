import Yams

/// `variables:`, named quantities drawn once per trial (docs/model.md#shared-variables).
extension ScenarioBuilder {
    /// `variables: {NAME: NUMBER-OR-DIST, …}`, read before every other section so inputs can read them; the reader
    /// then knows them by name. Nil after reporting.
    func variables(_ node: Node) -> [Variable]? {
        if NodeReader.isNull(node) { reader.variables = [:]; return [] }
        guard case .mapping(let m) = node else {
            reader.report(
                "expected a mapping of named quantities (calls: {dist: lognormal, p5: 200, p95: 1400}), found "
                    + NodeReader.describe(node), node: node, path: "variables")
            return nil
        }
        guard m.count <= Limits.maxVariables else {
            reader.report(
                "expected at most \(Limits.maxVariables) variables, found \(m.count)", node: node, path: "variables")
            return nil
        }
        reader.variables = nil
        var out: [Variable] = []
        var ok = true
        for (keyNode, value) in m {
            guard let name = reader.string(keyNode, path: "variables") else { ok = false; continue }
            let path = NodeReader.join("variables", name)
            // (A name given twice is refused by the YAML reader, as in every mapping.)
            guard let d = reader.distribution(value, path: path) else { ok = false; continue }
            out.append(Variable(name: name, distribution: d))
        }
        reader.variables = Dictionary(out.map { ($0.name, $0.distribution) }, uniquingKeysWith: { a, _ in a })
        return ok ? out : nil
    }
}
