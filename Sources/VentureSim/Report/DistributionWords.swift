extension Distribution {
    /// The distribution in words, for the inputs section of a report.
    public var words: String {
        // An input that reads a variable is named by it (its law is the variable's row).
        let text = variable.map { "the variable \($0) (\(unscaledWords))" } ?? unscaledWords
        return scale == 1 ? text : text + ", every draw × \(NumberFormat.ratio(scale))"
    }

    /// The law as written, before a what-if's scale.
    private var unscaledWords: String {
        let f = NumberFormat.amount
        if let r = range { return rangeWords(r) }
        var text: String
        switch law {
        case .constant(let v): text = f(v)
        case .uniform(let a, let b): text = "uniform from \(f(a)) to \(f(b))"
        case .normal(let m, let s): text = "normal, mean \(f(m)), sd \(f(s))"
        case .lognormal(let mu, let sigma, let p):
            if let p {
                text = "lognormal, 90 % between \(f(p.p5)) and \(f(p.p95)) (median \(f(exp(mu))))"
            } else {
                text = "lognormal, μ \(NumberFormat.ratio(mu)), σ \(NumberFormat.ratio(sigma)) (median \(f(exp(mu))))"
            }
        case .beta(let a, let b): text = "beta(α \(f(a)), β \(f(b))), mean \(NumberFormat.ratio(a / (a + b)))"
        case .pert(let a, let m, let b): text = "PERT: min \(f(a)), most likely \(f(m)), max \(f(b))"
        case .triangular(let a, let m, let b): text = "triangular: min \(f(a)), most likely \(f(m)), max \(f(b))"
        case .gamma(let k, let s): text = "gamma, shape \(f(k)), scale \(f(s)) (mean \(f(k * s)))"
        case .exponential(let m): text = "exponential, mean \(f(m))"
        case .poisson(let m): text = "Poisson, mean \(f(m))"
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            text =
                "one of "
                + zip(values, weights).map { "\(f($0.0)) (\(NumberFormat.percent($0.1 / total)))" }.joined(
                    separator: ", ")
        case .metalog(let m):
            let bounds = [m.lower.map { "≥ \(f($0))" }, m.upper.map { "≤ \(f($0))" }].compactMap { $0 }
            text =
                "metalog through "
                + zip(m.probabilities, m.values).map { "P\(NodeReader.percentWords($0)) \(f($1))" }.joined(
                    separator: ", ")
                + (bounds.isEmpty ? "" : " (" + bounds.joined(separator: ", ") + ")") + "; median \(f(m.quantile(0.5)))"
        }
        if lower != nil || upper != nil {
            text += ", kept within [\(lower.map(f) ?? "−∞"), \(upper.map(f) ?? "∞")]"
        }
        return text
    }

    /// A range as said and the law chosen for it: `4,000 to 12,000 (90 % interval): lognormal (chosen for an amount),
    /// median 6,928`.
    private func rangeWords(_ r: StatedRange) -> String {
        let f = NumberFormat.amount
        let ratio = NumberFormat.ratio
        let law: String
        switch self.law {
        case .lognormal(let mu, let sigma, _): law = "lognormal (μ \(ratio(mu)), σ \(ratio(sigma)))"
        case .beta(let a, let b): law = "beta (α \(ratio(a)), β \(ratio(b)))"
        case .normal(let m, let s): law = "normal (mean \(f(m)), sd \(f(s)))"
        case .uniform(let a, let b): law = "uniform from \(f(a)) to \(f(b))"
        default: law = family
        }
        let why = r.named ? "as named" : "chosen for \(Self.quantityWords(lawFamily))"
        return
            "\(f(r.low)) to \(f(r.high)) (\(NumberFormat.percent(r.confidence)) interval): \(law), \(why); median "
            + "\(f(quantile(0.5) / scale))"
    }

    /// The quantity a range family is chosen for (`NumberCheck.rangeFamily`).
    private static func quantityWords(_ family: Family) -> String {
        switch family {
        case .beta: "a share or rate"
        case .lognormal: "a positive amount or count"
        default: "a value that may be negative"
        }
    }
}

import Foundation
