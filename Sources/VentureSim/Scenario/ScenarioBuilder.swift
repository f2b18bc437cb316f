import Yams

/// Walks the node tree section by section (docs/model.md#a-scenario-file), filling defaults.
/// Each section's reader is in its own file (`ScenarioBuilder+Market.swift`, …).
struct ScenarioBuilder {
    let reader: NodeReader

    func scenario(_ root: Node) -> Scenario? {
        let top = [
            "name", "description", "simulation", "market", "adoption", "strategies", "costs", "risks", "finance",
            "stress", "targets", "correlations",
            "funding", "exit", "variables"
        ]
        guard let f = reader.fields(root, path: "", allowed: top) else { return nil }
        // Variables first: every input after them may read one.
        let variables = f["variables"].map(self.variables) ?? []
        let name = required(f, "name").flatMap { reader.string($0, path: "name") }
        let description = f["description"].flatMap { reader.string($0, path: "description", as: .freeText) }
        let simulation = f["simulation"].map(simulation) ?? Scenario.Simulation()
        let market = required(f, "market").flatMap(market)
        let adoption = f["adoption"].map(adoption) ?? Scenario.Adoption()
        let strategies = required(f, "strategies").flatMap(strategies)
        let costs = f["costs"].map(costs) ?? Scenario.Costs()
        let risks = f["risks"].map(risks) ?? []
        let finance = f["finance"].map(finance) ?? Scenario.Finance()
        let claims =
            f["targets"].map { self.targets($0, horizon: simulation?.horizonMonths ?? Limits.maxHorizonMonths) } ?? []
        let rounds =
            f["funding"].map { self.funding($0, horizon: simulation?.horizonMonths ?? Limits.maxHorizonMonths) } ?? []
        var exit: Exit?
        var exitOK = true
        if let n = f["exit"] { exit = self.exit(n); exitOK = exit != nil }
        guard let name, let simulation, let market, let adoption, let strategies, let costs, let risks, let finance,
            let claims, let rounds, let variables,
            exitOK
        else { return nil }
        if exit != nil, rounds.isEmpty, let n = f["exit"] {
            reader.report(
                "'exit' values the investors' stakes, and there is no 'funding' round to hold one", node: n,
                path: "exit")
            return nil
        }
        var s = Scenario(
            name: name, description: description, simulation: simulation, market: market, adoption: adoption,
            strategies: strategies, costs: costs, risks: risks, finance: finance)
        s.targets = claims
        s.variables = variables
        s.funding = rounds
        s.exit = exit
        if let node = f["correlations"] {
            guard let c = correlations(node, scenario: s) else { return nil }
            s.correlations = c
        }
        if s.simulation.summary == .sketch, let feature = s.sketchUnsupported {
            var node = f.node
            if case .mapping(let m)? = f["simulation"], let n = m["summary"] { node = n }
            reader.report(
                "the sketch summary does not cover \(feature) yet; use 'summary: exact' (fewer trials, or shards "
                    + "merged exactly)",
                node: node, path: "simulation.summary")
            return nil
        }
        return s
    }

    // Readers shared by several sections.

    /// The node at `key`, or nil after reporting it missing.
    func required(_ f: Fields, _ key: String) -> Node? {
        if let node = f[key] { return node }
        reader.report("missing required key '\(key)'", node: f.node, path: f.path(key))
        return nil
    }

    /// The distribution at `key`, or the constant `value` when the key is absent; nil after reporting.
    func dist(_ f: Fields, _ key: String, default value: Double, _ check: NumberCheck = .any) -> Distribution? {
        guard let node = f[key] else { return .constant(value) }
        return reader.distribution(node, path: f.path(key), constantCheck: check)
    }

    /// A list section (null: empty) of at most `limit` items; nil after reporting.
    func list(_ node: Node, path: String, limit: Int, noun: String) -> [Node]? {
        if NodeReader.isNull(node) { return [] }
        guard let items = reader.sequence(node, path: path) else { return nil }
        guard items.count <= limit else {
            reader.report("expected at most \(limit) \(noun), found \(items.count)", node: node, path: path)
            return nil
        }
        return items
    }

    /// A month metric (`metric:` of targets and triggered rounds).
    func metric(_ f: Fields) -> Target.Metric? {
        required(f, "metric").flatMap { n -> Target.Metric? in
            guard let text = reader.string(n, path: f.path("metric")) else { return nil }
            guard let m = Target.Metric(rawValue: text) else {
                reader.report(
                    "expected one of \(Target.Metric.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), "
                        + "found '\(text)'",
                    node: n, path: f.path("metric"))
                return nil
            }
            return m
        }
    }

    /// `at_least` or `at_most` (exactly one): true and the bound for at least.
    func bound(_ f: Fields, node: Node, path: String, what: String) -> (Bool, Double)? {
        switch (f["at_least"], f["at_most"]) {
        case (let n?, nil): return reader.number(n, path: f.path("at_least")).map { (true, $0) }
        case (nil, let n?): return reader.number(n, path: f.path("at_most")).map { (false, $0) }
        case (_?, _?): reader.report("give either 'at_least' or 'at_most', not both", node: node, path: path)
        case (nil, nil): reader.report("missing 'at_least' or 'at_most' (\(what))", node: node, path: path)
        }
        return nil
    }

    /// A yearly growth rate, a plain number above −1 (−0.1 is a 10 % fall a year); 0 when absent.
    func annualRate(_ f: Fields, _ key: String) -> Double? {
        guard let n = f[key] else { return 0 }
        return reader.number(
            n, path: f.path(key),
            NumberCheck(words: "a yearly rate above −1 (0.05 for +5 % a year, −0.1 for −10 %)") { $0 > -1 && $0 < 100 })
    }

    /// The parsed items of a list section when every one parsed, each name reported where it repeats
    /// (`duplicate risk name 'x' (also risks[0])`); nil when any item failed.
    func uniquelyNamed<T>(_ parsed: [T?], names: [String?], items: [Node], section: String, noun: String) -> [T]? {
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            guard let name else { continue }
            if let first = seen[name] {
                reader.report(
                    "duplicate \(noun) name '\(name)' (also \(section)[\(first)])", node: items[i],
                    path: NodeReader.index(section, i) + ".name")
            } else {
                seen[name] = i
            }
        }
        let all = parsed.compactMap { $0 }
        return all.count == items.count ? all : nil
    }
}
