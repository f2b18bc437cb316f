import Yams

/// `strategies:` with their revenue lines, and `costs:`.
extension ScenarioBuilder {
    func strategies(_ node: Node) -> [Strategy]? {
        guard let items = reader.sequence(node, path: "strategies") else { return nil }
        guard !items.isEmpty, items.count <= Limits.maxStrategies else {
            reader.report(
                "expected from 1 to \(Limits.maxStrategies) strategies, found \(items.count)", node: node,
                path: "strategies")
            return nil
        }
        let parsed = items.enumerated().map { strategy($1, path: NodeReader.index("strategies", $0)) }
        return uniquelyNamed(
            parsed, names: parsed.map { $0?.name }, items: items, section: "strategies", noun: "strategy")
    }

    private func strategy(_ node: Node, path: String) -> Strategy? {
        guard case .mapping(let mapping) = node else {
            reader.report(
                "expected a strategy (a mapping with 'name' and 'kind'), found \(NodeReader.describe(node))",
                node: node, path: path)
            return nil
        }
        guard let kindNode = mapping[Node("kind")] else {
            reader.report(
                "missing required key 'kind' (one of "
                    + "\(Strategy.Kind.allCases.map(\.rawValue).joined(separator: ", ")))",
                node: node, path: path + ".kind")
            return nil
        }
        guard let kindText = reader.string(kindNode, path: path + ".kind") else { return nil }
        guard let kind = Strategy.Kind(rawValue: kindText) else {
            var message = "unknown strategy kind '\(kindText)'"
            if let hint = NodeReader.nearest(kindText, in: Strategy.Kind.allCases.map(\.rawValue)) {
                message += "; did you mean '\(hint)'?"
            }
            reader.report(message + " (known: subscription, api, hybrid)", node: kindNode, path: path + ".kind")
            return nil
        }
        let keys = kind.keys
        guard let f = reader.fields(node, path: path, allowed: ["name", "kind", "revenue"] + keys) else { return nil }
        let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
        let churnCheck = NumberCheck.share("a monthly churn rate from 0 to 1")
        let churn = dist(f, "churn_monthly", default: 0, churnCheck)
        var strategy = Strategy(name: name ?? "", kind: kind)
        var ok = name != nil && churn != nil
        strategy.churnMonthly = churn ?? .constant(0)
        func take(_ key: String, required isRequired: Bool, _ set: (Distribution) -> Void) {
            guard keys.contains(key) else { return }
            if isRequired, f[key] == nil {
                reader.report(
                    "missing required key '\(key)' for kind '\(kind.rawValue)'", node: f.node, path: f.path(key))
                ok = false
                return
            }
            guard let d = dist(f, key, default: 0, .nonNegative) else { ok = false; return }
            set(d)
        }
        take("price_per_month", required: true) { strategy.pricePerMonth = $0 }
        take("price_per_unit", required: true) { strategy.pricePerUnit = $0 }
        take("units_per_customer_month", required: kind != .subscription) { strategy.unitsPerCustomerMonth = $0 }
        take("unit_cost", required: false) { strategy.unitCost = $0 }
        if kind == .subscription, f["unit_cost"] != nil, f["units_per_customer_month"] == nil {
            // Without units the cost would silently be 0 (docs/model.md#usage-costs-and-included-units).
            reader.report(
                "a subscription's 'unit_cost' needs 'units_per_customer_month' (the units each customer uses a month)",
                node: f.node, path: f.path("units_per_customer_month"))
            ok = false
        }
        if let n = f["included_units"] {
            if let v = reader.number(n, path: f.path("included_units"), .nonNegative) {
                strategy.includedUnits = v
            } else {
                ok = false
            }
        }
        if let n = f["revenue"] {
            if let lines = revenueLines(n, path: f.path("revenue")) {
                strategy.revenueLines = lines
            } else {
                ok = false
            }
        }
        return ok ? strategy : nil
    }

    /// `revenue: [{line: KIND, ...}, ...]` with unique names.
    private func revenueLines(_ node: Node, path: String) -> [RevenueLine]? {
        guard let items = reader.sequence(node, path: path) else { return nil }
        guard items.count <= Limits.maxRevenueLines else {
            reader.report(
                "expected at most \(Limits.maxRevenueLines) revenue lines, found \(items.count)", node: node, path: path
            )
            return nil
        }
        var lines: [RevenueLine] = []
        var ok = true
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let at = NodeReader.index(path, i)
            guard case .mapping(let mapping) = item, let kindNode = mapping[Node("line")] else {
                reader.report(
                    "expected a revenue line, a mapping with 'line' (one of "
                        + "\(RevenueLine.Kind.allCases.map(\.rawValue).joined(separator: ", ")))",
                    node: item, path: at)
                ok = false
                continue
            }
            guard let word = reader.string(kindNode, path: at + ".line") else { ok = false; continue }
            guard let kind = RevenueLine.Kind(rawValue: word) else {
                var message = "unknown revenue line '\(word)'"
                if let hint = NodeReader.nearest(word, in: RevenueLine.Kind.allCases.map(\.rawValue)) {
                    message += "; did you mean '\(hint)'?"
                }
                reader.report(
                    message + " (known: \(RevenueLine.Kind.allCases.map(\.rawValue).joined(separator: ", ")))",
                    node: kindNode, path: at + ".line")
                ok = false
                continue
            }
            guard let f = reader.fields(item, path: at, allowed: ["line", "name"] + kind.parameters.map(\.key)) else {
                ok = false; continue
            }
            let name = f["name"].flatMap { reader.string($0, path: f.path("name")) } ?? kind.rawValue
            var values: [Distribution] = []
            for p in kind.parameters {
                if p.default == nil, f[p.key] == nil {
                    reader.report(
                        "missing required key '\(p.key)' for a '\(kind.rawValue)' line", node: item, path: f.path(p.key)
                    )
                    ok = false
                    continue
                }
                let check = p.share ? NumberCheck.share("a share from 0 to 1") : .nonNegative
                guard let d = dist(f, p.key, default: p.default ?? 0, check) else { ok = false; continue }
                values.append(d)
            }
            if !seen.insert(name).inserted {
                reader.report("two revenue lines named '\(name)'; give one a 'name'", node: item, path: at)
                ok = false
            }
            if values.count == kind.parameters.count {
                lines.append(RevenueLine(kind: kind, name: name, values: values))
            }
        }
        return ok ? lines : nil
    }

    func costs(_ node: Node) -> Scenario.Costs? {
        let keys = [
            "data_acquisition", "training", "operations_monthly", "cost_per_customer_monthly", "acquisition_cost"
        ]
        guard let f = reader.fields(node, path: "costs", allowed: keys + ["cost_trend_annual"]) else { return nil }
        let values = keys.map { dist(f, $0, default: 0, .nonNegative) }
        let trend = annualRate(f, "cost_trend_annual")
        guard values.allSatisfy({ $0 != nil }), let trend else { return nil }
        let v = values.map { $0! }
        var costs = Scenario.Costs(
            dataAcquisition: v[0], training: v[1], operationsMonthly: v[2], costPerCustomerMonthly: v[3],
            acquisitionCost: v[4])
        costs.costTrendAnnual = trend
        return costs
    }
}
