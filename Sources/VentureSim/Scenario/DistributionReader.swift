import Yams

/// The families' names and keys, as the reader knows them (`Distribution.Family`).
typealias DistributionFamily = Distribution.Family

extension NodeReader {
    /// A NUMBER-OR-DIST: a bare number (checked with `constantCheck`) or `{dist: NAME, ...}`.
    /// A `PATH*=F` what-if's factor for the input at `path` (docs/model.md#scaling-an-input) multiplies what is read
    /// there (`number` does it for a bare number); the scaled input is checked like a written one.
    func distribution(_ node: Node, path: String, constantCheck: NumberCheck = .any) -> Distribution? {
        func scaled(_ d: Distribution) -> Distribution { scale(at: path).map(d.scaled) ?? d }
        if case .mapping(let m) = node, m[Node("var")] != nil {
            return variableReference(node, path: path).map(scaled).flatMap {
                checkConstant($0, constantCheck, node: node, path: path)
            }
        }
        if let stated = statedRange(node, path: path, quantity: constantCheck) {
            return stated.map(scaled).flatMap { checkDomain($0, constantCheck.domain, node: node, path: path) }
        }
        if case .mapping(let m) = node, Self.isEstimate(m) {
            return metalogEstimate(node, path: path).map(scaled).flatMap {
                checkDomain($0, constantCheck.domain, node: node, path: path)
            }
        }
        if case .mapping = node {
            guard let dist = parseDistribution(node, path: path).map(scaled) else { return nil }
            if let value = dist.constantValue {
                guard constantCheck.test(value) else {
                    report("expected \(constantCheck.words), found \(Self.format(value))", node: node, path: path)
                    return nil
                }
                return dist
            }
            return checkDomain(dist, constantCheck.domain, node: node, path: path)
        }
        return number(node, path: path, constantCheck).map(Distribution.constant)
    }

    /// A variable's value checked as an input written at `path` would be.
    private func checkConstant(_ dist: Distribution, _ check: NumberCheck, node: Node, path: String) -> Distribution? {
        guard let value = dist.constantValue else { return checkDomain(dist, check.domain, node: node, path: path) }
        guard check.test(value) else {
            report("expected \(check.words), found \(Self.format(value))", node: node, path: path)
            return nil
        }
        return dist
    }

    /// Refuses a distribution that cannot mean what its key means: a share
    /// that mostly falls outside [0, 1] (20 written for 20 %), money that can only be negative.
    private func checkDomain(_ dist: Distribution, _ domain: NumberCheck.Domain, node: Node, path: String)
        -> Distribution?
    {
        switch domain {
        case .any:
            return dist
        case .share:
            let inside = dist.probability(from: 0, to: 1)
            guard inside >= 0.5 else {
                report(
                    "this distribution keeps only \(Self.share(inside)) of its probability inside [0, 1], so most "
                        + "draws would be clamped "
                        + "to 0 or 1; write shares as fractions (0.2 for 20 %)", node: node, path: path)
                return nil
            }
            return dist
        case .nonNegative, .positive:
            guard dist.probability(from: 0, to: .infinity) > 0 else {
                report(
                    "this distribution can only draw negative values; expected \(NumberCheck.nonNegative.words) "
                        + "(write a cost or price as a positive amount)", node: node, path: path)
                return nil
            }
            return dist
        }
    }

    /// A probability for a message: `0 %`, `0.0042 %`, `37.5 %`.
    static func share(_ p: Double) -> String {
        if p == 0 { return "0 %" }
        return String(format: "%.3g %%", p * 100).replacingOccurrences(of: "%%", with: "%")
    }

    private func parseDistribution(_ node: Node, path: String) -> Distribution? {
        guard case .mapping(let mapping) = node else { return nil }
        let familyNames = DistributionFamily.allCases.map(\.rawValue)
        guard let nameNode = mapping[Node("dist")] else {
            report("a distribution needs 'dist' (one of \(Self.list(familyNames)))", node: node, path: path)
            return nil
        }
        let familyPath = Self.join(path, "dist")
        guard let name = string(nameNode, path: familyPath) else { return nil }
        guard let family = DistributionFamily(rawValue: name) else {
            var message = "unknown distribution '\(name)'"
            if let hint = Self.nearest(name, in: familyNames) { message += "; did you mean '\(hint)'?" }
            report(message + " (known: \(Self.list(familyNames)))", node: nameNode, path: familyPath)
            return nil
        }
        let allowed = ["dist"] + family.keys + (family.boundsAreParameters ? [] : ["min", "max"]) + ["reference"]
        guard let f = fields(node, path: path, allowed: allowed) else { return nil }

        func need(_ key: String, _ check: NumberCheck = .any) -> Double? {
            guard let v = f[key] else {
                report("\(family.rawValue) needs '\(key)'", node: node, path: path)
                return nil
            }
            return number(v, path: f.path(key), check)
        }
        func optional(_ key: String) -> Double? { f[key].flatMap { number($0, path: f.path(key)) } }

        let lower = family.boundsAreParameters ? nil : optional("min")
        let upper = family.boundsAreParameters ? nil : optional("max")
        if let lower, let upper, !(lower < upper) {
            report(
                "truncation needs min < max, found min \(Self.format(lower)) and max \(Self.format(upper))", node: node,
                path: path)
            return nil
        }
        let law: Distribution.Law
        switch family {
        case .constant:
            guard let v = need("value") else { return nil }
            law = .constant(v)
        case .uniform:
            guard let a = need("min"), let b = need("max") else { return nil }
            guard a < b else {
                report(
                    "uniform needs min < max, found min \(Self.format(a)) and max \(Self.format(b))", node: node,
                    path: path)
                return nil
            }
            law = .uniform(min: a, max: b)
        case .normal:
            guard let m = need("mean"), let s = need("sd", .positive) else { return nil }
            law = .normal(mean: m, sd: s)
        case .lognormal:
            let byMoments = f["mu"] != nil || f["sigma"] != nil
            let byPercentiles = f["p5"] != nil || f["p95"] != nil
            if byMoments && byPercentiles {
                report("lognormal takes either mu and sigma or p5 and p95, not both", node: node, path: path)
                return nil
            }
            if byPercentiles {
                guard let p5 = need("p5", .positive), let p95 = need("p95", .positive) else { return nil }
                guard p5 < p95 else {
                    report(
                        "lognormal needs p5 < p95, found p5 \(Self.format(p5)) and p95 \(Self.format(p95))", node: node,
                        path: path)
                    return nil
                }
                law = Distribution.lognormal(p5: p5, p95: p95)
            } else {
                guard let mu = need("mu"), let sigma = need("sigma", .positive) else { return nil }
                law = .lognormal(mu: mu, sigma: sigma, percentiles: nil)
            }
        case .beta:
            guard let a = need("alpha", .positive), let b = need("beta", .positive) else { return nil }
            law = .beta(alpha: a, beta: b)
        case .pert, .triangular:
            guard let a = need("min"), let m = need("mode"), let b = need("max") else { return nil }
            guard a < b, a <= m, m <= b else {
                report(
                    "\(family.rawValue) needs min ≤ mode ≤ max with min < max, found \(Self.format(a)), "
                        + "\(Self.format(m)), \(Self.format(b))",
                    node: node, path: path)
                return nil
            }
            law = family == .pert ? .pert(min: a, mode: m, max: b) : .triangular(min: a, mode: m, max: b)
        case .gamma:
            guard let k = need("shape", .positive), let s = need("scale", .positive) else { return nil }
            law = .gamma(shape: k, scale: s)
        case .exponential:
            guard let m = need("mean", .positive) else { return nil }
            law = .exponential(mean: m)
        case .poisson:
            let sampled = NumberCheck(
                words:
                    "a mean from 0 to \(NumberFormat.grouped(Int64(Limits.maxPoissonMean))) (GSL's Poisson sampler "
                    + "draws 32-bit counts)"
            ) {
                $0 > 0 && $0 <= Limits.maxPoissonMean
            }
            guard let m = need("mean", sampled) else { return nil }
            law = .poisson(mean: m)
        case .discrete:
            guard let valuesNode = f["values"], let weightsNode = f["weights"] else {
                report("discrete needs 'values' and 'weights'", node: node, path: path)
                return nil
            }
            guard let vs = sequence(valuesNode, path: f.path("values")),
                let ws = sequence(weightsNode, path: f.path("weights"))
            else { return nil }
            let values = vs.enumerated().compactMap { number($1, path: Self.index(f.path("values"), $0)) }
            let weights = ws.enumerated().compactMap {
                number($1, path: Self.index(f.path("weights"), $0), .nonNegative)
            }
            guard values.count == vs.count, weights.count == ws.count else { return nil }
            guard !values.isEmpty, values.count <= Limits.maxDiscreteValues else {
                report(
                    "discrete needs from 1 to \(Limits.maxDiscreteValues) values", node: valuesNode,
                    path: f.path("values"))
                return nil
            }
            guard values.count == weights.count else {
                report(
                    "discrete needs one weight per value: \(values.count) values, \(weights.count) weights",
                    node: weightsNode, path: f.path("weights"))
                return nil
            }
            guard weights.reduce(0, +) > 0, weights.reduce(0, +).isFinite else {
                report("discrete needs weights ≥ 0 with a finite sum > 0", node: weightsNode, path: f.path("weights"))
                return nil
            }
            law = .discrete(values: values, weights: weights)
        case .metalog:
            return nil  // read by `metalogEstimate` before a mapping gets here (`isEstimate`)
        }
        var dist = Distribution(law, lower: lower, upper: upper)
        if let n = f["reference"] {
            guard let reference = reference(n, path: f.path("reference")) else { return nil }
            dist.reference = reference
        }
        if lower != nil || upper != nil {
            let mass = dist.truncatedMass
            guard mass >= Limits.minTruncatedMass else {
                let tries =
                    mass > 0
                    ? " (a draw would take about \(NumberFormat.grouped(Int64(min(1e15, (1 / mass).rounded())))) tries)"
                    : ""
                report(
                    "truncation to [\(lower.map(Self.format) ?? "−∞"), \(upper.map(Self.format) ?? "∞")] keeps "
                        + "\(mass == 0 ? "none" : "only \(Self.share(mass))") "
                        + "of the distribution's probability\(tries); it must keep at least "
                        + "\(Self.share(Limits.minTruncatedMass)): widen min/max",
                    node: node, path: path)
                return nil
            }
        }
        return dist
    }
}
