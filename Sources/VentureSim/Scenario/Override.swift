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

    init(path: String, valueText: String, source: String?, value: Node, mark: Mark?) {
        self.path = path
        self.valueText = valueText
        self.source = source
        self.value = value
        self.mark = mark
    }

    /// Parses a command-line `PATH=VALUE`; errors name the argument.
    public static func parse(_ argument: String) throws(ScenarioError) -> Override {
        let source = "--set '\(argument)'"
        func fail(_ message: String) -> ScenarioError { ScenarioError([Diagnostic(file: source, path: "", message: message)]) }
        guard let eq = argument.firstIndex(of: "=") else { throw fail("expected PATH=VALUE, e.g. market.competition=0.4") }
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
        return Override(path: path, valueText: text, source: source, value: node, mark: nil)
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

/// Applies overrides to a scenario's node tree before it is read.
enum OverrideApplier {
    struct Failure: Error { let message: String }

    /// Sets `override`'s value in `root`; returns the path the loader uses for
    /// it (`strategies[1].price_per_unit`), so its messages can be traced back.
    static func apply(_ override: Override, to root: inout Node) throws(Failure) -> String {
        let segments = override.segments
        guard !segments.contains(where: \.isEmpty) else { throw Failure(message: "the path '\(override.path)' has an empty part") }
        var canonical = ""
        root = try set(root, segments[...], value: override.value, canonical: &canonical)
        return canonical
    }

    private static func set(_ node: Node, _ segments: ArraySlice<String>, value: Node, canonical: inout String) throws(Failure) -> Node {
        guard let first = segments.first else { return value }
        let rest = segments.dropFirst()
        switch node {
        case .mapping(var mapping):
            guard !first.hasPrefix("[") else { throw Failure(message: "'\(canonical.isEmpty ? "the document" : canonical)' is a mapping, not a list: use a key, not \(first)") }
            canonical = NodeReader.join(canonical, first)
            let child = mapping[first] ?? (rest.isEmpty ? value : Node.mapping(Node.Mapping([])))
            mapping[first] = try set(child, rest, value: value, canonical: &canonical)
            return .mapping(mapping)
        case .sequence(var sequence):
            let index: Int
            var consumed = 1
            if first.hasPrefix("["), let i = Int(first.dropFirst().dropLast()) {
                guard sequence.indices.contains(i) else { throw Failure(message: "'\(canonical)' has \(sequence.count) entries; there is no \(first)") }
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
                    throw Failure(message: "'\(canonical)' has no entry named '\(first)' (names: \(known.isEmpty ? "none" : known))")
                }
                index = i
            }
            canonical = NodeReader.index(canonical, index)
            sequence[index] = try set(sequence[index], segments.dropFirst(consumed), value: value, canonical: &canonical)
            return .sequence(sequence)
        default:
            throw Failure(message: "'\(canonical)' is a single value; it has no '\(first)'")
        }
    }

    /// Whether a loader path lies at or below an override's path.
    static func covers(_ overridePath: String, _ path: String) -> Bool {
        path == overridePath || path.hasPrefix(overridePath + ".") || path.hasPrefix(overridePath + "[")
    }
}
