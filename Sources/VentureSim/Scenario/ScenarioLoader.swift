import Yams

/// Parses and validates a scenario file (docs/model.md#a-scenario-file) into a `Scenario`.
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
                throw ScenarioError([
                    Diagnostic(
                        file: file, path: "",
                        message: "the file is empty; a scenario needs at least 'name', 'market.size' and 'strategies'")
                ])
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
            if let problem = TextRules.message(for: o.path, as: .name) ?? TextRules.message(for: o.valueText, as: .name)
            {
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
        let scales = applied.reduce(into: [String: Double]()) { Self.scale(&$0, by: $1.override, at: $1.path.path) }
        reader.scales = scales
        let builder = ScenarioBuilder(reader: reader)
        var scenario = builder.scenario(root)
        reader.reportUnscaled(at: nil)
        var diagnostics = attribute(reader.diagnostics, to: applied)
        if diagnostics.isEmpty, let base = scenario, case .mapping(let mapping) = root,
            let stressNode = mapping["stress"]
        {
            let (cases, problems) = stressCases(
                stressNode, root: root, text: text, file: file, base: base, scales: scales)
            diagnostics += attribute(problems, to: applied)
            scenario?.stress = cases
        }
        guard diagnostics.isEmpty, let scenario else {
            // In file order, so a reader can fix them top to bottom.
            let ordered = diagnostics.enumerated().sorted {
                ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
            }.map(\.element)
            throw ScenarioError(
                ordered.isEmpty ? [Diagnostic(file: file, path: "", message: "invalid scenario")] : ordered)
        }
        return scenario
    }

    /// Adds an override, applied at `path`, to the what-if factors by path (docs/model.md#scaling-an-input): `PATH*=F`
    /// multiplies the path's factor by F; `PATH=VALUE` sets a new value, which drops the factors at and below it.
    static func scale(_ scales: inout [String: Double], by override: Override, at path: String) {
        if let f = override.factor {
            scales[path, default: 1] *= f
        } else {
            for key in scales.keys where OverrideApplier.covers(path, key) { scales[key] = nil }
        }
    }

    /// Problems at or below an overridden path are the override's: they name
    /// `--set 'PATH=VALUE'` and quote its value rather than the file.
    private static func attribute(
        _ diagnostics: [Diagnostic], to applied: [(path: AppliedOverride, override: Override)]
    ) -> [Diagnostic] {
        diagnostics.map { d in
            guard let (_, o) = applied.last(where: { OverrideApplier.covers($0.path, d.path) }), let source = o.source
            else { return d }
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

    /// What an inline distribution stands for, which decides the family of a range (`4_000 to 12_000`):
    /// a value that may be negative (normal), a positive amount or count (lognormal), a share or rate (beta).
    public enum Quantity: String, CaseIterable, Sendable {
        case signed, amount, share
        var check: NumberCheck {
            switch self {
            case .signed: .any
            case .amount: .nonNegative
            case .share: .share("a share from 0 to 1")
            }
        }
    }

    /// Parses an inline distribution such as `{dist: beta, alpha: 2, beta: 5}`, `3.5` or `0.02 to 0.04`.
    public static func distribution(text: String, source: String = "<spec>", quantity: Quantity = .signed)
        throws(ScenarioError) -> Distribution
    {
        GSLSetup.configured
        let reader = NodeReader(file: source, text: text)
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else {
                throw ScenarioError([Diagnostic(file: source, path: "", message: "empty distribution")])
            }
            node = n
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError([diagnostic(for: error, file: source, reader: reader)])
        } catch {
            throw ScenarioError([Diagnostic(file: source, path: "", message: "cannot read YAML: \(error)")])
        }
        guard let dist = reader.distribution(node, path: "", constantCheck: quantity.check), reader.diagnostics.isEmpty
        else { throw ScenarioError(reader.diagnostics) }
        return dist
    }

    private static func diagnostic(for error: YamlError, file: String, reader: NodeReader) -> Diagnostic {
        let located: (String, Mark?)
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            located = ("invalid YAML: \(problem)" + (context.map { " (\($0.text))" } ?? ""), mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            located = (
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping", context.mark
            )
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
