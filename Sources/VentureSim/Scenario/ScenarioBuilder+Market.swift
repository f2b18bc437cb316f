import Yams

/// `market:` and `adoption:`.
extension ScenarioBuilder {
    func market(_ node: Node) -> Scenario.Market? {
        let keys = [
            "size", "performance", "demand", "competition", "service", "marketing", "launch_month",
            "willingness_to_pay"
        ]
        guard let f = reader.fields(node, path: "market", allowed: keys) else { return nil }
        let share = NumberCheck.share(
            "a share from 0 to 1 (factors are clamped to [0, 1]; a constant outside is a typo)")
        let size = required(f, "size").flatMap {
            reader.distribution($0, path: f.path("size"), constantCheck: .nonNegative)
        }
        let p = dist(f, "performance", default: 1, share)
        let d = dist(f, "demand", default: 1, share)
        let c = dist(f, "competition", default: 0, share)
        let s = dist(f, "service", default: 1, share)
        let m = dist(f, "marketing", default: 1, share)
        var launch = 1
        if let n = f["launch_month"] {
            guard let v = reader.integer(n, path: f.path("launch_month"), in: 1...Limits.maxHorizonMonths) else {
                return nil
            }
            launch = v
        }
        guard let size, let p, let d, let c, let s, let m else { return nil }
        // Money per customer-month: any distribution, a range or an estimate (docs/model.md#willingness-to-pay).
        var wtp: Distribution?
        if let n = f["willingness_to_pay"] {
            guard let w = reader.distribution(n, path: f.path("willingness_to_pay"), constantCheck: .nonNegative)
            else { return nil }
            wtp = w
        }
        var market = Scenario.Market(size: size, performance: p, demand: d, competition: c, service: s, marketing: m)
        market.launchMonth = launch
        market.willingnessToPay = wtp
        return market
    }

    func adoption(_ node: Node) -> Scenario.Adoption? {
        guard let f = reader.fields(node, path: "adoption", allowed: ["model", "per", "innovation", "imitation"]) else {
            return nil
        }
        guard let model = choice(f, "model", default: Scenario.Adoption.Model.bass),
            let per = choice(
                f, "per", default: Scenario.Adoption.Period.month,
                note: " (the period innovation and imitation are given for)")
        else { return nil }
        if model == .fixed {
            for key in ["innovation", "imitation", "per"] where f[key] != nil {
                reader.report(
                    "'\(key)' applies to the bass model only; remove it or set model: bass", node: f[key]!,
                    path: f.path(key))
            }
        }
        // With `per: year` the defaults are the annual coefficients; the loop divides them by 12.
        let annual = per == .year
        typealias A = Scenario.Adoption
        let p = dist(f, "innovation", default: annual ? A.annualInnovation : A.defaultInnovation, .nonNegative)
        let q = dist(f, "imitation", default: annual ? A.annualImitation : A.defaultImitation, .nonNegative)
        guard let p, let q else { return nil }
        return Scenario.Adoption(model: model, per: per, innovation: p, imitation: q)
    }

    /// One of an enum's words (`model: bass`), or `value` when the key is absent; nil after reporting a wrong word.
    private func choice<T: RawRepresentable & CaseIterable>(
        _ f: Fields, _ key: String, default value: T, note: String = ""
    ) -> T?
    where T.RawValue == String {
        guard let n = f[key] else { return value }
        guard let text = reader.string(n, path: f.path(key)) else { return nil }
        guard let v = T(rawValue: text) else {
            let words = T.allCases.map { "'\($0.rawValue)'" }
            reader.report(
                "expected \(words.dropLast().joined(separator: ", ")) or \(words.last!)\(note), found '\(text)'",
                node: n, path: f.path(key))
            return nil
        }
        return v
    }
}
