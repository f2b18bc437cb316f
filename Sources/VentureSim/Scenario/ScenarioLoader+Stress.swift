import Yams

/// Stress cases (docs/model.md#stress-cases-and---set): each is the base document with its
/// own values, checked like the base.
extension ScenarioLoader {
    /// Builds each stress case: the base document with the case's overrides,
    /// checked like the base; a case's problems name `stress[i].set.PATH`.
    /// `scales` are the base's `--set` factors (`PATH*=F`), which every case keeps unless it sets the value itself.
    static func stressCases(
        _ node: Node, root: Node, text: String, file: String, base: Scenario,
        scales: [String: Double] = [:]
    ) -> ([StressCase], [Diagnostic]) {
        let reader = NodeReader(file: file, text: text)
        guard let items = reader.sequence(node, path: "stress") else { return ([], reader.diagnostics) }
        guard items.count <= Limits.maxStressCases else {
            reader.report(
                "expected at most \(Limits.maxStressCases) stress cases, found \(items.count)", node: node,
                path: "stress")
            return ([], reader.diagnostics)
        }
        var cases: [StressCase] = []
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("stress", i)
            guard let f = reader.fields(item, path: path, allowed: ["name", "description", "set"]) else { continue }
            guard let nameNode = f["name"] else {
                reader.report("missing required key 'name'", node: item, path: path + ".name"); continue
            }
            guard let name = reader.string(nameNode, path: path + ".name") else { continue }
            if let first = seen[name] {
                reader.report(
                    "duplicate stress case name '\(name)' (also stress[\(first)])", node: nameNode, path: path + ".name"
                )
            }
            seen[name] = seen[name] ?? i
            let description = f["description"].flatMap { reader.string($0, path: path + ".description", as: .freeText) }
            guard let setNode = f["set"] else {
                reader.report("missing required key 'set' (a mapping of PATH: VALUE)", node: item, path: path + ".set");
                continue
            }
            guard case .mapping(let set) = setNode, !set.isEmpty else {
                reader.report(
                    "expected a non-empty mapping of PATH: VALUE, found \(NodeReader.describe(setNode))", node: setNode,
                    path: path + ".set")
                continue
            }
            var caseRoot = root
            if case .mapping(var m) = caseRoot { m["stress"] = nil; caseRoot = .mapping(m) }
            var applied = AppliedStressSet(root: caseRoot, scales: scales)
            for (keyNode, value) in set {
                applyStressValue(keyNode, value, keyPath: path + ".set", text: text, reader: reader, to: &applied)
            }
            guard applied.values.count == set.count else { continue }
            let (built, caseProblems) = buildStressCase(applied, setNode: setNode, path: path, file: file, text: text)
            problems += caseProblems
            if var s = built {
                s.targets = base.targets
                cases.append(StressCase(name: name, description: description, set: applied.values, scenario: s))
            }
        }
        return (cases, reader.diagnostics + problems)
    }

    /// Applies one `PATH: VALUE` (or `PATH*: F`) of a stress case's `set` to the case's document; a value it
    /// cannot apply is reported under `keyPath` and left out of `applied.values`.
    private static func applyStressValue(
        _ keyNode: Node, _ value: Node, keyPath: String, text: String, reader: NodeReader,
        to applied: inout AppliedStressSet
    ) {
        guard case .scalar(let key) = keyNode else {
            reader.report("expected a path, found \(NodeReader.describe(keyNode))", node: keyNode, path: keyPath)
            return
        }
        // The path and the value's text are shown in the report's stress table.
        let valueText = Self.text(of: value, in: text)
        if let problem = TextRules.message(for: key.string, as: .name) ?? TextRules.message(for: valueText, as: .name) {
            reader.report(problem, node: keyNode, path: keyPath + "." + TextRules.escaped(key.string))
            return
        }
        let first = key.string.split(separator: ".").first.map(String.init) ?? ""
        guard
            !["simulation", "name", "description", "stress"].contains(
                first.split(separator: "[").first.map(String.init) ?? first)
        else {
            reader.report(
                "a stress case cannot change '\(key.string)': trials, seed, horizon and names are the base's",
                node: keyNode, path: keyPath + "." + key.string)
            return
        }
        // `PATH*: F` scales the input at PATH (docs/model.md#scaling-an-input).
        let scaling = key.string.hasSuffix("*")
        var factor: Double?
        if scaling {
            switch Override.factor(value, text: valueText) {
            case .failure(let failure):
                reader.report(failure.message, node: value, path: keyPath + "." + key.string)
                return
            case .success(let f): factor = f
            }
        }
        let target = scaling ? String(key.string.dropLast()).trimmingCharacters(in: .whitespaces) : key.string
        let o = Override(
            path: target, valueText: valueText, source: nil, value: value, mark: keyNode.mark, factor: factor)
        do throws(OverrideApplier.Failure) {
            let at = try OverrideApplier.apply(o, to: &applied.root)
            applied.overrides.append((at, o))
            scale(&applied.scales, by: o, at: at.path)
            applied.values[key.string] = o.valueText
        } catch {
            reader.report(error.message, node: keyNode, path: keyPath + "." + key.string)
        }
    }

    /// Builds and checks one stress case's document: the scenario when it is valid, and the case's own problems,
    /// named `stress[i].set.PATH` (or said at `stress[i].set` when its values broke something elsewhere).
    private static func buildStressCase(
        _ applied: AppliedStressSet, setNode: Node, path: String, file: String, text: String
    ) -> (Scenario?, [Diagnostic]) {
        let caseReader = NodeReader(file: file, text: text)
        caseReader.scales = applied.scales
        let built = ScenarioBuilder(reader: caseReader).scenario(applied.root)
        caseReader.reportUnscaled(at: setNode.mark)
        // Problems of the base are reported once, by the base; a case adds only those of its own values.
        let own = caseReader.diagnostics.compactMap { d -> Diagnostic? in
            guard let (p, o) = applied.overrides.last(where: { OverrideApplier.covers($0.path, d.path) }) else {
                return nil
            }
            var d = d
            d.path = path + ".set." + o.path + d.path.dropFirst(p.path.count)
            return d
        }
        var problems = own
        if own.isEmpty, !caseReader.diagnostics.isEmpty || built == nil {
            // The base is valid, so the case's values broke something elsewhere (a correlated input made
            // constant): said at the case, never a case silently left out.
            let elsewhere =
                caseReader.diagnostics.isEmpty
                ? [
                    Diagnostic(
                        file: file, line: setNode.mark?.line, column: setNode.mark?.column, path: "",
                        message: "the scenario is invalid")
                ]
                : caseReader.diagnostics
            problems += elsewhere.map { d in
                var d = d
                d.message = "with this case's values, " + (d.path.isEmpty ? "" : d.path + ": ") + d.message
                d.path = path + ".set"
                return d
            }
        }
        return (own.isEmpty && caseReader.diagnostics.isEmpty ? built : nil, problems)
    }

    /// A value node as YAML text: a scalar as written, anything else as its source line's text from the mark on.
    static func text(of node: Node, in source: String) -> String {
        if case .scalar(let s) = node { return s.string }
        if let mark = node.mark {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if mark.line >= 1, mark.line <= lines.count {
                let line = lines[mark.line - 1]
                let start = line.index(line.startIndex, offsetBy: min(line.count, max(0, mark.column - 1)))
                return String(line[start...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return (try? Yams.serialize(node: node).trimmingCharacters(in: .whitespacesAndNewlines)) ?? ""
    }
}

/// A stress case's document with its `set` applied so far: where each override landed, the values as written
/// (shown in the report's stress table) and the `--set` factors the case keeps.
private struct AppliedStressSet {
    var root: Node
    var overrides: [(path: AppliedOverride, override: Override)] = []
    var values: [String: String] = [:]
    var scales: [String: Double]
}
