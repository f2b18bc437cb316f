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
        guard let family = distributionFamily(node, path: path) else { return nil }
        let allowed = ["dist"] + family.keys + (family.boundsAreParameters ? [] : ["min", "max"]) + ["reference"]
        guard let f = fields(node, path: path, allowed: allowed) else { return nil }
        func optional(_ key: String) -> Double? { f[key].flatMap { number($0, path: f.path(key)) } }

        let lower = family.boundsAreParameters ? nil : optional("min")
        let upper = family.boundsAreParameters ? nil : optional("max")
        if let lower, let upper, !(lower < upper) {
            report(
                "truncation needs min < max, found min \(Self.format(lower)) and max \(Self.format(upper))", node: node,
                path: path)
            return nil
        }
        guard let law = law(LawFields(family: family, fields: f, reader: self)) else { return nil }
        var dist = Distribution(law, lower: lower, upper: upper)
        if let n = f["reference"] {
            guard let reference = reference(n, path: f.path("reference")) else { return nil }
            dist.reference = reference
        }
        if lower != nil || upper != nil {
            guard truncationKeepsEnough(dist, lower: lower, upper: upper, node: node, path: path) else { return nil }
        }
        return dist
    }

    /// The family a distribution mapping names in `dist`, or nil (reported) when it names none.
    private func distributionFamily(_ node: Node, path: String) -> DistributionFamily? {
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
        return family
    }

    /// The law a distribution mapping's fields give, read by its family's parameterisation.
    private func law(_ p: LawFields) -> Distribution.Law? {
        switch p.family {
        case .constant, .normal, .beta, .gamma, .exponential, .poisson:
            return parameterLaw(p)
        case .uniform, .pert, .triangular:
            return boundedLaw(p)
        case .lognormal:
            return lognormalLaw(p)
        case .discrete:
            return discreteLaw(p)
        case .metalog:
            return nil  // read by `metalogEstimate` before a mapping gets here (`isEstimate`)
        }
    }

    /// The laws given by independent parameters, each checked on its own.
    private func parameterLaw(_ p: LawFields) -> Distribution.Law? {
        switch p.family {
        case .constant:
            return p.need("value").map { .constant($0) }
        case .normal:
            guard let m = p.need("mean"), let s = p.need("sd", .positive) else { return nil }
            return .normal(mean: m, sd: s)
        case .beta:
            guard let a = p.need("alpha", .positive), let b = p.need("beta", .positive) else { return nil }
            return .beta(alpha: a, beta: b)
        case .gamma:
            guard let k = p.need("shape", .positive), let s = p.need("scale", .positive) else { return nil }
            return .gamma(shape: k, scale: s)
        case .exponential:
            return p.need("mean", .positive).map { .exponential(mean: $0) }
        case .poisson:
            let sampled = NumberCheck(
                words:
                    "a mean from 0 to \(NumberFormat.grouped(Int64(Limits.maxPoissonMean))) (GSL's Poisson sampler "
                    + "draws 32-bit counts)"
            ) {
                $0 > 0 && $0 <= Limits.maxPoissonMean
            }
            return p.need("mean", sampled).map { .poisson(mean: $0) }
        default:
            return nil  // `law` sends only the families above here
        }
    }

    /// The laws given by their support (and mode): uniform, PERT and triangular, whose points must be in order.
    private func boundedLaw(_ p: LawFields) -> Distribution.Law? {
        if p.family == .uniform {
            guard let a = p.need("min"), let b = p.need("max") else { return nil }
            guard a < b else {
                report(
                    "uniform needs min < max, found min \(Self.format(a)) and max \(Self.format(b))", node: p.node,
                    path: p.path)
                return nil
            }
            return .uniform(min: a, max: b)
        }
        guard let a = p.need("min"), let m = p.need("mode"), let b = p.need("max") else { return nil }
        guard a < b, a <= m, m <= b else {
            report(
                "\(p.family.rawValue) needs min ≤ mode ≤ max with min < max, found \(Self.format(a)), "
                    + "\(Self.format(m)), \(Self.format(b))",
                node: p.node, path: p.path)
            return nil
        }
        return p.family == .pert ? .pert(min: a, mode: m, max: b) : .triangular(min: a, mode: m, max: b)
    }

    /// A lognormal by `mu` and `sigma`, or by its 5th and 95th percentiles (never both).
    private func lognormalLaw(_ p: LawFields) -> Distribution.Law? {
        let byMoments = p["mu"] != nil || p["sigma"] != nil
        let byPercentiles = p["p5"] != nil || p["p95"] != nil
        if byMoments && byPercentiles {
            report("lognormal takes either mu and sigma or p5 and p95, not both", node: p.node, path: p.path)
            return nil
        }
        guard byPercentiles else {
            guard let mu = p.need("mu"), let sigma = p.need("sigma", .positive) else { return nil }
            return .lognormal(mu: mu, sigma: sigma, percentiles: nil)
        }
        guard let p5 = p.need("p5", .positive), let p95 = p.need("p95", .positive) else { return nil }
        guard p5 < p95 else {
            report(
                "lognormal needs p5 < p95, found p5 \(Self.format(p5)) and p95 \(Self.format(p95))", node: p.node,
                path: p.path)
            return nil
        }
        return Distribution.lognormal(p5: p5, p95: p95)
    }

    /// A discrete law: values with one non-negative weight each, the weights summing to a finite amount above 0.
    private func discreteLaw(_ p: LawFields) -> Distribution.Law? {
        let f = p.fields
        guard let valuesNode = f["values"], let weightsNode = f["weights"] else {
            report("discrete needs 'values' and 'weights'", node: p.node, path: p.path)
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
        return .discrete(values: values, weights: weights)
    }

    /// Whether a truncated distribution keeps enough probability inside [lower, upper] to be drawn by rejection;
    /// reports it when not.
    private func truncationKeepsEnough(
        _ dist: Distribution, lower: Double?, upper: Double?, node: Node, path: String
    ) -> Bool {
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
            return false
        }
        return true
    }
}

/// A distribution mapping's fields with its family, as the law readers take them: `need` reports a missing
/// parameter as "FAMILY needs 'KEY'" at the mapping.
private struct LawFields {
    let family: DistributionFamily
    let fields: Fields
    let reader: NodeReader

    var node: Node { fields.node }
    var path: String { fields.path }
    subscript(_ key: String) -> Node? { fields[key] }

    /// The number at `key`, checked; nil (reported) when it is missing or fails the check.
    func need(_ key: String, _ check: NumberCheck = .any) -> Double? {
        guard let v = fields[key] else {
            reader.report("\(family.rawValue) needs '\(key)'", node: node, path: path)
            return nil
        }
        return reader.number(v, path: fields.path(key), check)
    }
}
