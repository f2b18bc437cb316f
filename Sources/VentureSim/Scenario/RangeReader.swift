import Yams

/// Numbers written as they are said (docs/model.md#ranges-and-estimates): a range `4_000 to 12_000` or
/// `{low: 4000, high: 12000}` (a 90 % interval unless `confidence` says otherwise), its family following the
/// quantity the key holds.
extension NodeReader {
    /// The distribution a range at `node` stands for, if it is written as one: nil when it is not a range,
    /// `.some(nil)` after reporting a problem with it.
    func statedRange(_ node: Node, path: String, quantity check: NumberCheck) -> Distribution?? {
        switch node {
        case .scalar(let s) where s.style == .plain || s.style == .singleQuoted || s.style == .doubleQuoted:
            guard Self.parseNumber(node) == nil, s.string.contains(" to ") else { return nil }
            return .some(rangeText(s.string, node: node, path: path, check: check))
        case .mapping(let m) where m[Node("low")] != nil || m[Node("high")] != nil:
            return .some(rangeMapping(node, path: path, check: check))
        default:
            return nil
        }
    }

    /// `LOW to HIGH`, each a plain number (underscores allowed).
    private func rangeText(_ text: String, node: Node, path: String, check: NumberCheck) -> Distribution? {
        let parts = text.components(separatedBy: " to ")
        guard parts.count == 2, let low = Self.number(text: parts[0]), let high = Self.number(text: parts[1]) else {
            report(
                "expected a range 'LOW to HIGH' of two numbers (4_000 to 12_000), found \(Self.describe(node))",
                node: node, path: path)
            return nil
        }
        return fitRange(
            StatedRange(low: low, high: high, confidence: 0.9, named: false), family: check.rangeFamily, node: node,
            path: path)
    }

    /// `{low: L, high: H, confidence: C, dist: FAMILY}`.
    private func rangeMapping(_ node: Node, path: String, check: NumberCheck) -> Distribution? {
        guard let f = fields(node, path: path, allowed: ["low", "high", "confidence", "dist"]) else { return nil }
        guard let lowNode = f["low"], let highNode = f["high"] else {
            report("a range needs both 'low' and 'high'", node: node, path: path)
            return nil
        }
        let low = number(lowNode, path: f.path("low")), high = number(highNode, path: f.path("high"))
        var confidence = 0.9
        if let n = f["confidence"] {
            let inside = NumberCheck(words: "a probability between 0 and 1 (0.8 for an 80 % interval)") {
                $0 > 0 && $0 < 1
            }
            guard let c = number(n, path: f.path("confidence"), inside) else { return nil }
            confidence = c
        }
        var family = check.rangeFamily
        if let n = f["dist"] {
            guard let name = string(n, path: f.path("dist")) else { return nil }
            guard let named = Distribution.Family(rawValue: name), RangeFit.families.contains(named) else {
                report(
                    "a range can be fitted as \(Self.list(RangeFit.families.map(\.rawValue))), found "
                        + "'\(TextRules.escaped(name))'",
                    node: n, path: f.path("dist"))
                return nil
            }
            family = named
        }
        guard let low, let high else { return nil }
        return fitRange(
            StatedRange(low: low, high: high, confidence: confidence, named: f["dist"] != nil), family: family,
            node: node, path: path)
    }

    private func fitRange(_ range: StatedRange, family: Distribution.Family, node: Node, path: String) -> Distribution?
    {
        guard range.low.isFinite, range.high.isFinite, range.low < range.high else {
            report(
                "a range needs low < high, found \(Self.format(range.low)) to \(Self.format(range.high))", node: node,
                path: path)
            return nil
        }
        switch RangeFit.law(family, range) {
        case .success(let law):
            var dist = Distribution(law)
            dist.range = range
            return dist
        case .failure(let refusal):
            report(
                refusal.message + ", found \(Self.format(range.low)) to \(Self.format(range.high))", node: node,
                path: path)
            return nil
        }
    }

    /// A number written in text (`4_000`, `-2.5`, `1e6`), or nil.
    static func number(text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard let first = t.first, first.isNumber || first == "-" || first == "+" || first == ".", let v = Double(t),
            v.isFinite
        else { return nil }
        return v
    }
}

extension NumberCheck {
    /// The family a range is fitted as for a key holding this quantity: a share or rate in [0, 1] a beta,
    /// an amount or count that cannot be negative a lognormal, anything that may be negative a normal.
    var rangeFamily: Distribution.Family {
        switch domain {
        case .share: .beta
        case .nonNegative, .positive: .lognormal
        case .any: .normal
        }
    }
}

import Foundation
