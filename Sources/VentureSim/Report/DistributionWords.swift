extension Distribution {
    /// The distribution in words, for the inputs section of a report.
    public var words: String {
        let f = NumberFormat.amount
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
            text = "one of " + zip(values, weights).map { "\(f($0.0)) (\(NumberFormat.percent($0.1 / total)))" }.joined(separator: ", ")
        }
        if lower != nil || upper != nil {
            text += ", kept within [\(lower.map(f) ?? "−∞"), \(upper.map(f) ?? "∞")]"
        }
        return text
    }
}

import Foundation
