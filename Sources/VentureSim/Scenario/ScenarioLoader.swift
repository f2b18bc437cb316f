import Yams

/// Parses and validates a scenario file (MODEL.md §0) into a `Scenario`.
///
/// Strict by design: unknown keys, wrong types, missing required keys and
/// out-of-range values are all reported, each with file, line, column and
/// key path, so that a typo never silently becomes a default.
public enum ScenarioLoader {
    /// Parses YAML (or JSON) text. `file` names the source in messages.
    /// `overrides` (`--set`) are applied before validation, so they are
    /// checked exactly as if they were in the file; their problems name them.
    public static func load(text: String, file: String, overrides: [Override] = []) throws(ScenarioError) -> Scenario {
        GSLSetup.configured
        let reader = NodeReader(file: file, text: text)
        var root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError([Diagnostic(file: file, path: "", message: "the file is empty; a scenario needs at least 'name', 'market.size' and 'strategies'")])
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError([diagnostic(for: error, file: file, reader: reader)])
        } catch {
            throw ScenarioError([Diagnostic(file: file, path: "", message: "cannot read YAML: \(error)")])
        }
        var applied: [(path: AppliedOverride, override: Override)] = []
        var failures: [Diagnostic] = []
        for o in overrides {
            // The path and value as typed are quoted in the report (its Reproduce block) and in messages.
            if let problem = TextRules.message(for: o.path, as: .name) ?? TextRules.message(for: o.valueText, as: .name) {
                failures.append(Diagnostic(file: o.source ?? file, path: TextRules.escaped(o.path), message: problem))
                continue
            }
            do throws(OverrideApplier.Failure) {
                applied.append((try OverrideApplier.apply(o, to: &root), o))
            } catch {
                failures.append(Diagnostic(file: o.source ?? file, path: o.path, message: error.message))
            }
        }
        guard failures.isEmpty else { throw ScenarioError(failures) }
        let builder = ScenarioBuilder(reader: reader)
        var scenario = builder.scenario(root)
        var diagnostics = attribute(reader.diagnostics, to: applied)
        if diagnostics.isEmpty, let base = scenario, case .mapping(let mapping) = root, let stressNode = mapping["stress"] {
            let (cases, problems) = stressCases(stressNode, root: root, text: text, file: file, base: base)
            diagnostics += attribute(problems, to: applied)
            scenario?.stress = cases
        }
        guard diagnostics.isEmpty, let scenario else {
            // In file order, so a reader can fix them top to bottom.
            let ordered = diagnostics.enumerated().sorted {
                ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
            }.map(\.element)
            throw ScenarioError(ordered.isEmpty ? [Diagnostic(file: file, path: "", message: "invalid scenario")] : ordered)
        }
        return scenario
    }

    /// Problems at or below an overridden path are the override's: they name
    /// `--set 'PATH=VALUE'` and quote its value rather than the file.
    private static func attribute(_ diagnostics: [Diagnostic], to applied: [(path: AppliedOverride, override: Override)]) -> [Diagnostic] {
        diagnostics.map { d in
            guard let (_, o) = applied.last(where: { OverrideApplier.covers($0.path, d.path) }), let source = o.source else { return d }
            var d = d
            d.file = source
            if let line = d.line, line == 1, let column = d.column {
                d.snippet = "    " + o.valueText + "\n    " + String(repeating: " ", count: max(0, column - 1)) + "^"
            } else {
                d.snippet = nil
                d.line = nil
                d.column = nil
            }
            return d
        }
    }

    /// Parses an inline distribution such as `{dist: beta, alpha: 2, beta: 5}` or `3.5`.
    public static func distribution(text: String, source: String = "<spec>") throws(ScenarioError) -> Distribution {
        GSLSetup.configured
        let reader = NodeReader(file: source, text: text)
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else { throw ScenarioError([Diagnostic(file: source, path: "", message: "empty distribution")]) }
            node = n
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError([diagnostic(for: error, file: source, reader: reader)])
        } catch {
            throw ScenarioError([Diagnostic(file: source, path: "", message: "cannot read YAML: \(error)")])
        }
        guard let dist = reader.distribution(node, path: ""), reader.diagnostics.isEmpty else { throw ScenarioError(reader.diagnostics) }
        return dist
    }

    private static func diagnostic(for error: YamlError, file: String, reader: NodeReader) -> Diagnostic {
        let located: (String, Mark?)
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            located = ("invalid YAML: \(problem)" + (context.map { " (\($0.text))" } ?? ""), mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            located = ("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping", context.mark)
        case .reader(let problem, _, _, _):
            located = ("cannot read the text: \(problem)", nil)
        default:
            located = ("invalid YAML: \(error)", nil)
        }
        let before = reader.diagnostics.count
        reader.report(located.0, at: located.1, path: "", previousLine: true)
        return reader.diagnostics[before]
    }
}

/// Walks the node tree section by section (MODEL.md §0), filling defaults.
struct ScenarioBuilder {
    let reader: NodeReader

    func scenario(_ root: Node) -> Scenario? {
        let top = ["name", "description", "simulation", "market", "adoption", "strategies", "costs", "risks", "finance", "stress", "targets", "correlations",
                   "funding", "exit"]
        guard let f = reader.fields(root, path: "", allowed: top) else { return nil }
        let name = required(f, "name").flatMap { reader.string($0, path: "name") }
        let description = f["description"].flatMap { reader.string($0, path: "description", as: .freeText) }
        let simulation = f["simulation"].map(simulation) ?? Scenario.Simulation()
        let market = required(f, "market").flatMap(market)
        let adoption = f["adoption"].map(adoption) ?? Scenario.Adoption()
        let strategies = required(f, "strategies").flatMap(strategies)
        let costs = f["costs"].map(costs) ?? Scenario.Costs()
        let risks = f["risks"].map(risks) ?? []
        let finance = f["finance"].map(finance) ?? Scenario.Finance()
        let claims = f["targets"].map { self.targets($0, horizon: simulation?.horizonMonths ?? Limits.maxHorizonMonths) } ?? []
        let rounds = f["funding"].map { self.funding($0, horizon: simulation?.horizonMonths ?? Limits.maxHorizonMonths) } ?? []
        var exit: Exit?
        var exitOK = true
        if let n = f["exit"] { exit = self.exit(n); exitOK = exit != nil }
        guard let name, let simulation, let market, let adoption, let strategies, let costs, let risks, let finance, let claims, let rounds,
              exitOK else { return nil }
        if exit != nil, rounds.isEmpty, let n = f["exit"] {
            reader.report("'exit' values the investors' stakes, and there is no 'funding' round to hold one", node: n, path: "exit")
            return nil
        }
        var s = Scenario(name: name, description: description, simulation: simulation, market: market, adoption: adoption,
                         strategies: strategies, costs: costs, risks: risks, finance: finance)
        s.targets = claims
        s.funding = rounds
        s.exit = exit
        if let node = f["correlations"] {
            guard let c = correlations(node, scenario: s) else { return nil }
            s.correlations = c
        }
        if s.simulation.summary == .sketch, let feature = s.sketchUnsupported {
            var node = f.node
            if case .mapping(let m)? = f["simulation"], let n = m["summary"] { node = n }
            reader.report("the sketch summary does not cover \(feature) yet; use 'summary: exact' (fewer trials, or shards merged exactly)",
                          node: node, path: "simulation.summary")
            return nil
        }
        return s
    }

    private func required(_ f: Fields, _ key: String) -> Node? {
        if let node = f[key] { return node }
        reader.report("missing required key '\(key)'", node: f.node, path: f.path(key))
        return nil
    }

    private func dist(_ f: Fields, _ key: String, default value: Double, _ check: NumberCheck = .any) -> Distribution? {
        guard let node = f[key] else { return .constant(value) }
        return reader.distribution(node, path: f.path(key), constantCheck: check)
    }

    private func simulation(_ node: Node) -> Scenario.Simulation? {
        guard let f = reader.fields(node, path: "simulation", allowed: ["trials", "seed", "horizon_months", "analyses", "summary"]) else { return nil }
        var s = Scenario.Simulation()
        var ok = true
        if let n = f["trials"] {
            if let v = reader.integer(n, path: f.path("trials"), in: 1...Limits.maxTrials) { s.trials = v } else { ok = false }
        }
        if let n = f["seed"] {
            if let v = reader.unsigned64(n, path: f.path("seed")) { s.seed = v } else { ok = false }
        }
        if let n = f["horizon_months"] {
            if let v = reader.integer(n, path: f.path("horizon_months"), in: 1...Limits.maxHorizonMonths) { s.horizonMonths = v } else { ok = false }
        }
        if let n = f["analyses"] {
            if let v = analyses(n, path: f.path("analyses")) { s.analyses = v } else { ok = false }
        }
        if let n = f["summary"], let text = reader.string(n, path: f.path("summary")) {
            if let v = Scenario.SummaryMethod(rawValue: text) { s.summary = v } else {
                reader.report("expected 'exact' (every trial kept, exact percentiles) or 'sketch' (percentiles within "
                              + "\(NumberFormat.probability(QuantileSketch.relativeError)), memory independent of trials), found '\(text)'", node: n, path: f.path("summary"))
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
                    reader.report("expected one of \(words), found '\(name)'", node: item, path: NodeReader.index(path, i))
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

    private func market(_ node: Node) -> Scenario.Market? {
        let keys = ["size", "performance", "demand", "competition", "service", "marketing", "launch_month"]
        guard let f = reader.fields(node, path: "market", allowed: keys) else { return nil }
        let share = NumberCheck.share("a share from 0 to 1 (factors are clamped to [0, 1]; a constant outside is a typo)")
        let size = required(f, "size").flatMap { reader.distribution($0, path: f.path("size"), constantCheck: .nonNegative) }
        let p = dist(f, "performance", default: 1, share)
        let d = dist(f, "demand", default: 1, share)
        let c = dist(f, "competition", default: 0, share)
        let s = dist(f, "service", default: 1, share)
        let m = dist(f, "marketing", default: 1, share)
        var launch = 1
        if let n = f["launch_month"] {
            guard let v = reader.integer(n, path: f.path("launch_month"), in: 1...Limits.maxHorizonMonths) else { return nil }
            launch = v
        }
        guard let size, let p, let d, let c, let s, let m else { return nil }
        var market = Scenario.Market(size: size, performance: p, demand: d, competition: c, service: s, marketing: m)
        market.launchMonth = launch
        return market
    }

    private func adoption(_ node: Node) -> Scenario.Adoption? {
        guard let f = reader.fields(node, path: "adoption", allowed: ["model", "per", "innovation", "imitation"]) else { return nil }
        guard let model = choice(f, "model", default: Scenario.Adoption.Model.bass),
              let per = choice(f, "per", default: Scenario.Adoption.Period.month, note: " (the period innovation and imitation are given for)")
        else { return nil }
        if model == .fixed {
            for key in ["innovation", "imitation", "per"] where f[key] != nil {
                reader.report("'\(key)' applies to the bass model only; remove it or set model: bass", node: f[key]!, path: f.path(key))
            }
        }
        // With `per: year` the defaults are the annual coefficients; the loop divides them by 12.
        let annual = per == .year
        typealias A = Scenario.Adoption
        let p = dist(f, "innovation", default: annual ? A.annualInnovation : A.defaultInnovation, .nonNegative)
        let q = dist(f, "imitation", default: annual ? A.annualImitation : A.defaultImitation, .nonNegative)
        guard let p, let q else { return nil }
        return Scenario.Adoption(model: model, per: per, innovation: p, imitation: q)
    }

    /// One of an enum's words (`model: bass`), or `value` when the key is absent; nil after reporting a wrong word.
    private func choice<T: RawRepresentable & CaseIterable>(_ f: Fields, _ key: String, default value: T, note: String = "") -> T?
    where T.RawValue == String {
        guard let n = f[key] else { return value }
        guard let text = reader.string(n, path: f.path(key)) else { return nil }
        guard let v = T(rawValue: text) else {
            let words = T.allCases.map { "'\($0.rawValue)'" }
            reader.report("expected \(words.dropLast().joined(separator: ", ")) or \(words.last!)\(note), found '\(text)'", node: n, path: f.path(key))
            return nil
        }
        return v
    }

    private func strategies(_ node: Node) -> [Strategy]? {
        guard let items = reader.sequence(node, path: "strategies") else { return nil }
        guard !items.isEmpty, items.count <= Limits.maxStrategies else {
            reader.report("expected from 1 to \(Limits.maxStrategies) strategies, found \(items.count)", node: node, path: "strategies")
            return nil
        }
        let parsed = items.enumerated().map { strategy($1, path: NodeReader.index("strategies", $0)) }
        var seen: [String: Int] = [:]
        for (i, s) in parsed.enumerated() {
            guard let s else { continue }
            if let first = seen[s.name] {
                reader.report("duplicate strategy name '\(s.name)' (also strategies[\(first)])", node: items[i], path: NodeReader.index("strategies", i) + ".name")
            } else {
                seen[s.name] = i
            }
        }
        let all = parsed.compactMap { $0 }
        return all.count == items.count ? all : nil
    }

    private func strategy(_ node: Node, path: String) -> Strategy? {
        guard case .mapping(let mapping) = node else {
            reader.report("expected a strategy (a mapping with 'name' and 'kind'), found \(NodeReader.describe(node))", node: node, path: path)
            return nil
        }
        guard let kindNode = mapping[Node("kind")] else {
            reader.report("missing required key 'kind' (one of \(Strategy.Kind.allCases.map(\.rawValue).joined(separator: ", ")))", node: node, path: path + ".kind")
            return nil
        }
        guard let kindText = reader.string(kindNode, path: path + ".kind") else { return nil }
        guard let kind = Strategy.Kind(rawValue: kindText) else {
            var message = "unknown strategy kind '\(kindText)'"
            if let hint = NodeReader.nearest(kindText, in: Strategy.Kind.allCases.map(\.rawValue)) { message += "; did you mean '\(hint)'?" }
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
                reader.report("missing required key '\(key)' for kind '\(kind.rawValue)'", node: f.node, path: f.path(key))
                ok = false
                return
            }
            guard let d = dist(f, key, default: 0, .nonNegative) else { ok = false; return }
            set(d)
        }
        take("price_per_month", required: true) { strategy.pricePerMonth = $0 }
        take("price_per_unit", required: true) { strategy.pricePerUnit = $0 }
        take("units_per_customer_month", required: true) { strategy.unitsPerCustomerMonth = $0 }
        take("unit_cost", required: false) { strategy.unitCost = $0 }
        if let n = f["revenue"] {
            if let lines = revenueLines(n, path: f.path("revenue")) { strategy.revenueLines = lines } else { ok = false }
        }
        return ok ? strategy : nil
    }

    /// `revenue: [{line: KIND, ...}, ...]` with unique names.
    private func revenueLines(_ node: Node, path: String) -> [RevenueLine]? {
        guard let items = reader.sequence(node, path: path) else { return nil }
        guard items.count <= Limits.maxRevenueLines else {
            reader.report("expected at most \(Limits.maxRevenueLines) revenue lines, found \(items.count)", node: node, path: path)
            return nil
        }
        var lines: [RevenueLine] = []
        var ok = true
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let at = NodeReader.index(path, i)
            guard case .mapping(let mapping) = item, let kindNode = mapping[Node("line")] else {
                reader.report("expected a revenue line, a mapping with 'line' (one of \(RevenueLine.Kind.allCases.map(\.rawValue).joined(separator: ", ")))",
                              node: item, path: at)
                ok = false
                continue
            }
            guard let word = reader.string(kindNode, path: at + ".line") else { ok = false; continue }
            guard let kind = RevenueLine.Kind(rawValue: word) else {
                var message = "unknown revenue line '\(word)'"
                if let hint = NodeReader.nearest(word, in: RevenueLine.Kind.allCases.map(\.rawValue)) { message += "; did you mean '\(hint)'?" }
                reader.report(message + " (known: \(RevenueLine.Kind.allCases.map(\.rawValue).joined(separator: ", ")))", node: kindNode, path: at + ".line")
                ok = false
                continue
            }
            guard let f = reader.fields(item, path: at, allowed: ["line", "name"] + kind.parameters.map(\.key)) else { ok = false; continue }
            let name = f["name"].flatMap { reader.string($0, path: f.path("name")) } ?? kind.rawValue
            var values: [Distribution] = []
            for p in kind.parameters {
                if p.default == nil, f[p.key] == nil {
                    reader.report("missing required key '\(p.key)' for a '\(kind.rawValue)' line", node: item, path: f.path(p.key))
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
            if values.count == kind.parameters.count { lines.append(RevenueLine(kind: kind, name: name, values: values)) }
        }
        return ok ? lines : nil
    }

    private func costs(_ node: Node) -> Scenario.Costs? {
        let keys = ["data_acquisition", "training", "operations_monthly", "cost_per_customer_monthly", "acquisition_cost"]
        guard let f = reader.fields(node, path: "costs", allowed: keys + ["cost_trend_annual"]) else { return nil }
        let values = keys.map { dist(f, $0, default: 0, .nonNegative) }
        let trend = annualRate(f, "cost_trend_annual")
        guard values.allSatisfy({ $0 != nil }), let trend else { return nil }
        let v = values.map { $0! }
        var costs = Scenario.Costs(dataAcquisition: v[0], training: v[1], operationsMonthly: v[2], costPerCustomerMonthly: v[3], acquisitionCost: v[4])
        costs.costTrendAnnual = trend
        return costs
    }

    private func risks(_ node: Node) -> [Risk]? {
        guard let items = list(node, path: "risks", limit: Limits.maxRisks, noun: "risks") else { return nil }
        let parsed = items.enumerated().map { risk($1, path: NodeReader.index("risks", $0)) }
        var seen: [String: Int] = [:]
        for (i, r) in parsed.enumerated() {
            guard let r else { continue }
            if let first = seen[r.name] {
                reader.report("duplicate risk name '\(r.name)' (also risks[\(first)])", node: items[i], path: NodeReader.index("risks", i) + ".name")
            } else {
                seen[r.name] = i
            }
        }
        let all = parsed.compactMap { $0 }
        return all.count == items.count ? all : nil
    }

    private func risk(_ node: Node, path: String) -> Risk? {
        let keys = ["name", "category", "annual_probability", "cost", "fine_of_annual_revenue", "revenue_loss", "duration_months", "demand_shock",
                    "delay_months", "insurance"]
        guard let f = reader.fields(node, path: path, allowed: keys) else { return nil }
        let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
        let category = required(f, "category").flatMap { reader.string($0, path: f.path("category")) }
        let probability = required(f, "annual_probability").flatMap { reader.number($0, path: f.path("annual_probability"), .probability) }
        var ok = name != nil && category != nil && probability != nil
        var risk = Risk(name: name ?? "", category: category ?? "", annualProbability: probability ?? 0)
        if let n = f["cost"] {
            if let d = reader.distribution(n, path: f.path("cost"), constantCheck: .nonNegative) { risk.cost = d } else { ok = false }
        }
        if let n = f["fine_of_annual_revenue"] {
            if let v = reader.number(n, path: f.path("fine_of_annual_revenue"), .nonNegative) { risk.fineOfAnnualRevenue = v } else { ok = false }
        }
        if let n = f["revenue_loss"] {
            if let v = reader.number(n, path: f.path("revenue_loss"), NumberCheck(words: "a share of revenue lost, from 0 to 1") { $0 >= 0 && $0 <= 1 }) {
                risk.revenueLoss = v
            } else { ok = false }
        }
        if let n = f["duration_months"] {
            if let v = reader.integer(n, path: f.path("duration_months"), in: 1...Limits.maxHorizonMonths) { risk.durationMonths = v } else { ok = false }
            if f["revenue_loss"] == nil {
                reader.report("'duration_months' applies to 'revenue_loss', which this risk does not have", node: n, path: f.path("duration_months"))
                ok = false
            }
        }
        if let n = f["demand_shock"] {
            if let v = reader.number(n, path: f.path("demand_shock"), .nonNegative) { risk.demandShock = v } else { ok = false }
        }
        if let n = f["delay_months"] {
            if let v = reader.integer(n, path: f.path("delay_months"), in: 1...Limits.maxHorizonMonths) { risk.delayMonths = v } else { ok = false }
        }
        if let n = f["insurance"] {
            if let v = insurance(n, path: f.path("insurance")) {
                risk.insurance = v
                if f["cost"] == nil {
                    reader.report("'insurance' covers the risk's 'cost', which this risk does not have", node: n, path: f.path("insurance"))
                    ok = false
                }
            } else { ok = false }
        }
        return ok ? risk : nil
    }

    /// `funding: [{name, month, amount, pre_money} | {name, when: {metric, at_least | at_most}, earliest_month, amount, pre_money, close_probability}]`.
    private func funding(_ node: Node, horizon: Int) -> [FundingRound]? {
        guard let items = list(node, path: "funding", limit: Limits.maxRounds, noun: "funding rounds") else { return nil }
        var out: [FundingRound] = []
        var ok = true
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("funding", i)
            let keys = ["name", "month", "when", "earliest_month", "amount", "pre_money", "close_probability"]
            guard let f = reader.fields(item, path: path, allowed: keys) else { ok = false; continue }
            let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
            let amount = required(f, "amount").flatMap { reader.distribution($0, path: f.path("amount"), constantCheck: .nonNegative) }
            let pre = required(f, "pre_money").flatMap { reader.distribution($0, path: f.path("pre_money"), constantCheck: .positive) }
            var round = FundingRound(name: name ?? "", amount: amount ?? .constant(0), preMoney: pre ?? .constant(1))
            var good = name != nil && amount != nil && pre != nil
            switch (f["month"], f["when"]) {
            case (let n?, nil):
                if let m = reader.integer(n, path: f.path("month"), in: 1...horizon) { round.month = m } else { good = false }
            case (nil, let n?):
                if let t = trigger(n, path: f.path("when")) { round.trigger = t } else { good = false }
            case (_?, _?):
                reader.report("give either 'month' (a fixed round) or 'when' (a triggered one), not both", node: item, path: path); good = false
            case (nil, nil):
                reader.report("missing 'month' (a fixed round) or 'when' (a round triggered by a metric)", node: item, path: path); good = false
            }
            if let n = f["earliest_month"] {
                if round.month != nil { reader.report("'earliest_month' applies to a triggered round ('when')", node: n, path: f.path("earliest_month")); good = false }
                if let m = reader.integer(n, path: f.path("earliest_month"), in: 1...horizon) { round.earliestMonth = m } else { good = false }
            }
            if let n = f["close_probability"] {
                if let p = reader.number(n, path: f.path("close_probability"), .probability) { round.closeProbability = p } else { good = false }
            }
            if let name, !seen.insert(name).inserted {
                reader.report("duplicate funding round name '\(name)'", node: item, path: f.path("name")); good = false
            }
            if good { out.append(round) } else { ok = false }
        }
        return ok ? out : nil
    }

    private func trigger(_ node: Node, path: String) -> FundingRound.Trigger? {
        guard let f = reader.fields(node, path: path, allowed: ["metric", "at_least", "at_most"]) else { return nil }
        let metric = self.metric(f)
        let bound = self.bound(f, node: node, path: path, what: "the bound that triggers the round")
        guard let metric, let bound else { return nil }
        return FundingRound.Trigger(metric: metric, atLeast: bound.0, threshold: bound.1)
    }

    /// `exit: {multiple_of_run_rate, liquidation_preference}`; nil after reporting a problem.
    private func exit(_ node: Node) -> Exit? {
        guard let f = reader.fields(node, path: "exit", allowed: ["multiple_of_run_rate", "liquidation_preference"]) else { return nil }
        guard let m = required(f, "multiple_of_run_rate").flatMap({ reader.distribution($0, path: f.path("multiple_of_run_rate"), constantCheck: .nonNegative) })
        else { return nil }
        var preference = false
        if let n = f["liquidation_preference"] {
            guard let b = reader.boolean(n, path: f.path("liquidation_preference")) else { return nil }
            preference = b
        }
        return Exit(multipleOfRunRate: m, liquidationPreference: preference)
    }

    /// `{premium_monthly, deductible, cover_share, limit}`, plain numbers.
    private func insurance(_ node: Node, path: String) -> Risk.Insurance? {
        guard let f = reader.fields(node, path: path, allowed: ["premium_monthly", "deductible", "cover_share", "limit"]) else { return nil }
        var i = Risk.Insurance()
        var ok = true
        func take(_ key: String, _ check: NumberCheck, _ set: (Double) -> Void) {
            guard let n = f[key] else { return }
            if let v = reader.number(n, path: f.path(key), check) { set(v) } else { ok = false }
        }
        take("premium_monthly", .nonNegative) { i.premiumMonthly = $0 }
        take("deductible", .nonNegative) { i.deductible = $0 }
        take("cover_share", NumberCheck.share("a share of the cost above the deductible, from 0 to 1")) { i.coverShare = $0 }
        take("limit", .nonNegative) { i.limit = $0 }
        return ok ? i : nil
    }

    /// A list section (null: empty) of at most `limit` items; nil after reporting.
    private func list(_ node: Node, path: String, limit: Int, noun: String) -> [Node]? {
        if NodeReader.isNull(node) { return [] }
        guard let items = reader.sequence(node, path: path) else { return nil }
        guard items.count <= limit else {
            reader.report("expected at most \(limit) \(noun), found \(items.count)", node: node, path: path)
            return nil
        }
        return items
    }

    /// A month metric (`metric:` of targets and triggered rounds).
    private func metric(_ f: Fields) -> Target.Metric? {
        required(f, "metric").flatMap { n -> Target.Metric? in
            guard let text = reader.string(n, path: f.path("metric")) else { return nil }
            guard let m = Target.Metric(rawValue: text) else {
                reader.report("expected one of \(Target.Metric.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), found '\(text)'", node: n, path: f.path("metric"))
                return nil
            }
            return m
        }
    }

    /// `at_least` or `at_most` (exactly one): true and the bound for at least.
    private func bound(_ f: Fields, node: Node, path: String, what: String) -> (Bool, Double)? {
        switch (f["at_least"], f["at_most"]) {
        case (let n?, nil): return reader.number(n, path: f.path("at_least")).map { (true, $0) }
        case (nil, let n?): return reader.number(n, path: f.path("at_most")).map { (false, $0) }
        case (_?, _?): reader.report("give either 'at_least' or 'at_most', not both", node: node, path: path)
        case (nil, nil): reader.report("missing 'at_least' or 'at_most' (\(what))", node: node, path: path)
        }
        return nil
    }

    /// A yearly growth rate, a plain number above −1 (−0.1 is a 10 % fall a year); 0 when absent.
    private func annualRate(_ f: Fields, _ key: String) -> Double? {
        guard let n = f[key] else { return 0 }
        return reader.number(n, path: f.path(key), NumberCheck(words: "a yearly rate above −1 (0.05 for +5 % a year, −0.1 for −10 %)") { $0 > -1 && $0 < 100 })
    }

    private func targets(_ node: Node, horizon: Int) -> [Target]? {
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

    /// `correlations: [{between: [PATH, PATH], rank: ρ}]` over drawn, continuous inputs,
    /// whose normal-copula matrix must be positive definite.
    private func correlations(_ node: Node, scenario: Scenario) -> [Correlation]? {
        if NodeReader.isNull(node) { return [] }
        guard let items = reader.sequence(node, path: "correlations") else { return nil }
        let inputs = Dictionary(scenario.inputDistributions.map { ($0.path, $0.distribution) }, uniquingKeysWith: { a, _ in a })
        var out: [Correlation] = []
        var pairs = Set<[String]>()
        var ok = true
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("correlations", i)
            guard let f = reader.fields(item, path: path, allowed: ["between", "rank"]) else { ok = false; continue }
            let rank = required(f, "rank").flatMap {
                reader.number($0, path: f.path("rank"), NumberCheck(words: "a rank correlation strictly between −1 and 1") { $0 > -1 && $0 < 1 })
            }
            guard let betweenNode = required(f, "between"), let list = reader.sequence(betweenNode, path: f.path("between")) else { ok = false; continue }
            let names = list.enumerated().compactMap { reader.string($1, path: NodeReader.index(f.path("between"), $0)) }
            guard names.count == 2, list.count == 2, names[0] != names[1] else {
                reader.report("expected two different input paths, e.g. [market.competition, strategies.api.churn_monthly]", node: betweenNode, path: f.path("between"))
                ok = false
                continue
            }
            for (k, name) in names.enumerated() {
                let at = NodeReader.index(f.path("between"), k)
                guard let d = inputs[name] else {
                    var message = "unknown input '\(name)'"
                    if let hint = NodeReader.nearest(name, in: Array(inputs.keys).sorted()) { message += "; did you mean '\(hint)'?" }
                    reader.report(message, node: list[k], path: at)
                    ok = false
                    continue
                }
                switch d.law {
                case .constant: reader.report("'\(name)' is a constant; only drawn inputs can be correlated", node: list[k], path: at); ok = false
                case .poisson, .discrete: reader.report("'\(name)' is discrete; a Gaussian copula needs a continuous distribution", node: list[k], path: at); ok = false
                default: break
                }
            }
            let key = names.sorted()
            if pairs.contains(key) { reader.report("the pair \(key.joined(separator: " – ")) is correlated twice", node: item, path: path); ok = false }
            pairs.insert(key)
            if let rank { out.append(Correlation(between: names, rank: rank)) } else { ok = false }
        }
        guard ok else { return nil }
        // The copula's matrix over the inputs involved must be positive definite.
        let (involved, matrix) = Correlation.matrix(out)
        guard Cholesky.factor(matrix, k: involved.count) != nil else {
            let listed = out.map { "\($0.between.joined(separator: " – ")) (\(NodeReader.format($0.rank)))" }.joined(separator: ", ")
            reader.report("these rank correlations cannot hold together (their matrix is not positive definite): \(listed); weaken some of them", node: node, path: "correlations")
            return nil
        }
        return out
    }

    private func finance(_ node: Node) -> Scenario.Finance? {
        guard let f = reader.fields(node, path: "finance", allowed: ["starting_cash", "discount_rate_annual", "price_growth_annual"]) else { return nil }
        let cash = dist(f, "starting_cash", default: 0)
        let rateCheck = NumberCheck(words: "an annual rate > −1 (−100 %)") { $0 > -1 }
        var rate = dist(f, "discount_rate_annual", default: 0, rateCheck)
        if let r = rate, r.support.lowerBound <= -1, let n = f["discount_rate_annual"] {
            reader.report("this distribution can draw rates ≤ −100 %, where discounting is undefined; truncate it with 'min' above −1", node: n, path: f.path("discount_rate_annual"))
            rate = nil
        }
        let growth = annualRate(f, "price_growth_annual")
        guard let cash, let rate, let growth else { return nil }
        var finance = Scenario.Finance(startingCash: cash, discountRateAnnual: rate)
        finance.priceGrowthAnnual = growth
        return finance
    }
}
