import Yams

/// One override of a scenario value: `PATH=VALUE` on the command line
/// (`--set`) or one entry of a stress case's `set:`.
///
/// PATH is a scenario path, with strategies and risks addressed by name
/// (`strategies.api.price_per_unit`, `risks.data-leak.annual_probability`)
/// or by index (`strategies[1].churn_monthly`); VALUE is YAML.
public struct Override {
    public var path: String
    /// The value as YAML text, for reports and messages.
    public var valueText: String
    /// Where the override was written: `--set 'PATH=VALUE'`, or nil when it
    /// comes from the scenario file itself (its nodes then carry file marks).
    public var source: String?
    let value: Node
    /// The mark of the key in the file (stress cases), for "no such path" messages.
    let mark: Mark?
    /// For `PATH*=F` (docs/model.md#scaling-an-input): the factor F > 0 every draw of the input at PATH is
    /// multiplied by; nil for `PATH=VALUE`, which sets the value.
    public var factor: Double?

    init(path: String, valueText: String, source: String?, value: Node, mark: Mark?, factor: Double? = nil) {
        self.path = path
        self.valueText = valueText
        self.source = source
        self.value = value
        self.mark = mark
        self.factor = factor
    }

    /// The factor of `PATH*=F`, read from F's node: a finite number > 0, or the words of what is wrong.
    static func factor(_ node: Node, text: String) -> Result<Double, Failure> {
        guard let f = NodeReader.parseNumber(node), f.isFinite else {
            return .failure(
                Failure(
                    message:
                        "expected a factor after '*', a number > 0 (1.2 for 20 % more), found "
                        + "'\(TextRules.escaped(text))'"
                ))
        }
        guard f > 0 else {
            return .failure(
                Failure(
                    message:
                        "expected a factor > 0 after '*', found \(NodeReader.format(f)) (to set a value, write "
                        + "PATH=VALUE)"
                ))
        }
        return .success(f)
    }

    struct Failure: Error { let message: String }

    /// Parses a command-line `PATH=VALUE`; errors name the argument.
    public static func parse(_ argument: String) throws(ScenarioError) -> Override {
        let source = "--set '\(argument)'"
        func fail(_ message: String) -> ScenarioError {
            ScenarioError([Diagnostic(file: source, path: "", message: message)])
        }
        guard let eq = argument.firstIndex(of: "=") else {
            throw fail("expected PATH=VALUE, e.g. market.competition=0.4")
        }
        let path = String(argument[..<eq]).trimmingCharacters(in: .whitespaces)
        let text = String(argument[argument.index(after: eq)...])
        guard !path.isEmpty else { throw fail("the path before '=' is empty") }
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else { throw fail("the value after '=' is empty") }
            node = n
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw fail("the value is not valid YAML (\(error))")
        }
        guard path.hasSuffix("*") else {
            return Override(path: path, valueText: text, source: source, value: node, mark: nil)
        }
        // `PATH*=F`: scale the input at PATH.
        let scaled = String(path.dropLast()).trimmingCharacters(in: .whitespaces)
        guard !scaled.isEmpty else { throw fail("the path before '*=' is empty") }
        switch factor(node, text: text) {
        case .failure(let failure): throw fail(failure.message)
        case .success(let f):
            return Override(path: scaled, valueText: text, source: source, value: node, mark: nil, factor: f)
        }
    }

    /// Path segments: `strategies[1].price` → `strategies`, `[1]`, `price`.
    var segments: [String] {
        var out: [String] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "["), rest.hasSuffix("]"), open != rest.startIndex {
                out.append(String(rest[..<open]))
                rest = rest[open...]
                // Several indices in a row: `values[0]`, `a[1][2]`.
                while let close = rest.firstIndex(of: "]") {
                    out.append(String(rest[...close]))
                    rest = rest[rest.index(after: close)...]
                }
                continue
            }
            out.append(String(rest))
        }
        return out
    }
}

/// Where an override landed in a scenario's node tree.
struct AppliedOverride {
    /// The loader's path of the value set: `strategies[1].price_per_unit`.
    let path: String
    /// The outermost key the override added on its way (`a` for `a.b.c`
    /// when the scenario has no `a`); `path` when it only replaced a value or
    /// added the last key. Problems found at or below it are the override's.
    let created: String
}

/// Applies overrides to a scenario's node tree before it is read.
enum OverrideApplier {
    typealias Failure = Override.Failure

    /// Sets `override`'s value in `root`; returns where it landed, so the loader's messages can be traced back to it.
    static func apply(_ override: Override, to root: inout Node) throws(Failure) -> AppliedOverride {
        let segments = override.segments
        guard !segments.contains(where: \.isEmpty) else {
            throw Failure(message: "the path '\(override.path)' has an empty part")
        }
        var walk = Walk()
        if override.factor != nil {
            guard segments.first != "stress" else {
                throw Failure(
                    message: "a stress case's value is scaled in its own 'set:' (PATH*: FACTOR), not by --set")
            }
            // Scaling keeps the node as it is (the reader multiplies what it reads there); it must exist.
            walk.scaling = true
            root = try set(root, segments[...], value: override.value, walk: &walk)
            return AppliedOverride(path: walk.canonical, created: walk.canonical)
        }
        root = try set(root, segments[...], value: override.value, walk: &walk)
        return AppliedOverride(path: walk.canonical, created: walk.created ?? walk.canonical)
    }

    /// The loader's path so far, and the first key added on the way.
    private struct Walk {
        var canonical = ""
        var created: String?
        /// A `PATH*=F` override: the path must exist, and its node is kept.
        var scaling = false
    }

    private static func set(_ node: Node, _ segments: ArraySlice<String>, value: Node, walk: inout Walk) throws(Failure)
        -> Node
    {
        guard let first = segments.first else { return walk.scaling ? node : value }
        let rest = segments.dropFirst()
        switch node {
        case .mapping(var mapping):
            guard !first.hasPrefix("[") else {
                throw Failure(
                    message:
                        "'\(walk.canonical.isEmpty ? "the document" : walk.canonical)' is a mapping, not a list: use a "
                        + "key, not \(first)"
                )
            }
            if isStressSet(walk.canonical) { return try setInStressCase(mapping, segments, value: value, walk: &walk) }
            walk.canonical = NodeReader.join(walk.canonical, first)
            let existing = mapping[first]
            if walk.scaling, existing == nil {
                throw Failure(
                    message:
                        "'\(walk.canonical)' is not in the scenario, so there is nothing to scale (a default is set "
                        + "with PATH=VALUE)"
                )
            }
            if existing == nil, !rest.isEmpty, walk.created == nil { walk.created = walk.canonical }
            let child = existing ?? (rest.isEmpty ? value : Node.mapping(Node.Mapping([])))
            mapping[first] = try set(child, rest, value: value, walk: &walk)
            return .mapping(mapping)
        case .sequence(var sequence):
            let index: Int
            var consumed = 1
            if first.hasPrefix("["), let i = Int(first.dropFirst().dropLast()) {
                guard sequence.indices.contains(i) else {
                    throw Failure(message: "'\(walk.canonical)' has \(sequence.count) entries; there is no \(first)")
                }
                index = i
            } else {
                // Items are addressed by their `name`, which may itself contain dots.
                let names = sequence.map { item -> String? in
                    guard case .mapping(let m) = item, case .scalar(let s)? = m["name"] else { return nil }
                    return s.string
                }
                var found: Int?
                for length in stride(from: segments.count, through: 1, by: -1) {
                    let candidate = segments.prefix(length).joined(separator: ".")
                    if let i = names.firstIndex(of: candidate) {
                        found = i
                        consumed = length
                        break
                    }
                }
                guard let i = found else {
                    let known = names.compactMap { $0 }.map { "'\($0)'" }.joined(separator: ", ")
                    throw Failure(
                        message:
                            "'\(walk.canonical)' has no entry named '\(first)' (names: "
                            + "\(known.isEmpty ? "none" : known))"
                    )
                }
                index = i
            }
            walk.canonical = NodeReader.index(walk.canonical, index)
            sequence[index] = try set(sequence[index], segments.dropFirst(consumed), value: value, walk: &walk)
            return .sequence(sequence)
        default:
            throw Failure(message: "'\(walk.canonical)' is a single value; it has no '\(first)'")
        }
    }

    /// Whether `path` is a stress case's `set:` mapping (`stress[2].set`), whose keys are scenario paths themselves.
    private static func isStressSet(_ path: String) -> Bool {
        guard path.hasPrefix("stress["), path.hasSuffix("].set") else { return false }
        return Int(path.dropFirst("stress[".count).dropLast("].set".count)) != nil
    }

    /// Sets `segments` (a scenario path) in a stress case's `set:`. The keys
    /// there are paths, so `stress.s1.set.market.size=1` is the key
    /// `market.size`, added beside the case's other keys or replacing the same
    /// path: never a key `market` that would replace the case's whole market.
    /// A key written as a prefix of the path (`market: {…}`) is descended into.
    private static func setInStressCase(
        _ mapping: Node.Mapping, _ segments: ArraySlice<String>, value: Node,
        walk: inout Walk
    ) throws(Failure) -> Node {
        var mapping = mapping
        let keys = mapping.compactMap { key, _ -> String? in if case .scalar(let s) = key { s.string } else { nil } }
        for length in stride(from: segments.count, through: 1, by: -1) {
            let key = path(segments.prefix(length))
            guard keys.contains(key), let existing = mapping[key] else { continue }
            walk.canonical = NodeReader.join(walk.canonical, key)
            mapping[key] = try set(existing, segments.dropFirst(length), value: value, walk: &walk)
            return .mapping(mapping)
        }
        let key = path(segments)
        walk.canonical = NodeReader.join(walk.canonical, key)
        mapping[key] = value
        return .mapping(mapping)
    }

    /// Segments written back as a path: `strategies`, `[1]`, `price` → `strategies[1].price`.
    private static func path(_ segments: ArraySlice<String>) -> String {
        segments.reduce("") { path, s in s.hasPrefix("[") || path.isEmpty ? path + s : path + "." + s }
    }

    /// Whether a loader path lies at or below an override's path.
    static func covers(_ overridePath: String, _ path: String) -> Bool {
        path == overridePath || path.hasPrefix(overridePath + ".") || path.hasPrefix(overridePath + "[")
    }

    /// Whether a loader problem at `path` is the override's: at or below the
    /// value it set, or at or below a key it had to add (an unknown `a` of `a.b.c`).
    static func covers(_ applied: AppliedOverride, _ path: String) -> Bool {
        covers(applied.path, path) || covers(applied.created, path)
    }
}
