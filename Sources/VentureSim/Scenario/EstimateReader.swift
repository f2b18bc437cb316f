import Yams

/// Quantile estimates (docs/model.md#ranges-and-estimates): `{p10: a, p50: b, p90: c}` or
/// `{quantiles: {0.05: a, 0.5: b, 0.95: c}}`, optionally bounded by `min`/`max`, as a metalog (`Metalog`).
extension NodeReader {
    /// Whether a mapping is a quantile estimate: `quantiles` or `pNN` keys, and no `dist` other than metalog.
    static func isEstimate(_ mapping: Node.Mapping) -> Bool {
        if let d = mapping[Node("dist")] { return d.string == Distribution.Family.metalog.rawValue }
        return mapping.keys.contains { $0.string == "quantiles" || $0.string.flatMap(percentKey) != nil }
    }

    /// `pNN` (NN from 1 to 99) as the probability NN/100, or nil.
    static func percentKey(_ key: String) -> Double? {
        guard key.hasPrefix("p"), let n = Int(key.dropFirst()), n >= 1, n <= 99, key.dropFirst().allSatisfy(\.isNumber)
        else { return nil }
        return Double(n) / 100
    }

    /// The metalog through a quantile estimate; nil after reporting.
    func metalogEstimate(_ node: Node, path: String) -> Distribution? {
        guard case .mapping(let mapping) = node else { return nil }
        let percentKeys = mapping.keys.compactMap(\.string).filter { Self.percentKey($0) != nil }
        guard let f = fields(node, path: path, allowed: ["dist", "quantiles", "min", "max"] + percentKeys) else {
            return nil
        }
        var pairs: [(p: Double, x: Double)] = []
        var ok = true
        for key in percentKeys {
            if let x = number(f[key]!, path: f.path(key)) {
                pairs.append((Self.percentKey(key)!, x))
            } else {
                ok = false
            }
        }
        if let q = f["quantiles"] {
            guard percentKeys.isEmpty else {
                report(
                    "give the quantiles either as 'quantiles' or as p10/p50/p90 keys, not both", node: node, path: path)
                return nil
            }
            guard case .mapping(let qs) = q else {
                report(
                    "expected 'quantiles' as a mapping of probability to value ({0.05: 4000, 0.5: 6000, 0.95: 12000}), "
                        + "found \(Self.describe(q))",
                    node: q, path: f.path("quantiles"))
                return nil
            }
            for (k, v) in qs {
                let at = Self.join(f.path("quantiles"), k.string ?? "?")
                guard let p = Self.parseNumber(k), p > 0, p < 1 else {
                    report(
                        "expected a probability strictly between 0 and 1 as the key, found \(Self.describe(k))",
                        node: k, path: at)
                    ok = false
                    continue
                }
                if let x = number(v, path: at) { pairs.append((p, x)) } else { ok = false }
            }
        }
        let lower = f["min"].flatMap { number($0, path: f.path("min")) }
        let upper = f["max"].flatMap { number($0, path: f.path("max")) }
        guard ok, (f["min"] == nil) == (lower == nil), (f["max"] == nil) == (upper == nil) else { return nil }
        pairs.sort { $0.p < $1.p }
        guard pairs.count >= 2, pairs.count <= Metalog.maxTerms else {
            report(
                "a metalog needs from 2 to \(Metalog.maxTerms) quantiles (p10, p50, p90 or 'quantiles'), found "
                    + "\(pairs.count)",
                node: node, path: path)
            return nil
        }
        if let lower, let upper, !(lower < upper) {
            report(
                "a bounded metalog needs min < max, found min \(Self.format(lower)) and max \(Self.format(upper))",
                node: node, path: path)
            return nil
        }
        for (a, b) in zip(pairs, pairs.dropFirst()) where !(a.p < b.p && a.x < b.x) {
            report(
                a.p == b.p
                    ? "the probability \(Self.format(a.p)) is given twice"
                    : "quantiles must increase with their probability: P\(Self.percentWords(a.p)) is "
                        + "\(Self.format(a.x)) and P\(Self.percentWords(b.p)) is \(Self.format(b.x))",
                node: node, path: path)
            return nil
        }
        switch Metalog.fit(probabilities: pairs.map(\.p), values: pairs.map(\.x), lower: lower, upper: upper) {
        case .success(let m): return Distribution(.metalog(m))
        case .failure(let refusal):
            report(refusal.message, node: node, path: path)
            return nil
        }
    }

    /// 0.1 → "10", 0.025 → "2.5".
    static func percentWords(_ p: Double) -> String { format((p * 1000).rounded() / 10) }
}
