extension Scenario {
    /// Every value of the scenario, defaults filled in, keyed by its path
    /// (`market.competition`, `strategies.api.price_per_unit`,
    /// `risks.data-leak.annual_probability`), each written as YAML would
    /// write it. Two runs whose inputs are equal simulate the same model.
    public var inputs: [String: String] {
        Dictionary(inputList.map { ($0.path, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The inputs in the scenario's own order (strategies, lines, risks and rounds as listed), every
    /// value once even where two paths read alike (a strategy named `a.revenue.b` beside strategy
    /// `a`'s line `b`): what the scenario digest hashes, so order and every value count.
    public var inputList: [(path: String, value: String)] {
        var out: [(path: String, value: String)] = [("name", name)]
        if let description { out.append(("description", description)) }
        out.append(("simulation.trials", String(simulation.trials)))
        out.append(("simulation.seed", String(simulation.seed)))
        out.append(("simulation.horizon_months", String(simulation.horizonMonths)))
        // Only when changed, so results of scenarios that do not say it keep their inputs.
        if simulation.analyses != .all { out.append(("simulation.analyses", simulation.analyses.yaml)) }
        if simulation.summary != .exact { out.append(("simulation.summary", simulation.summary.rawValue)) }
        // Every value a distribution can be given for, less those the model does not use.
        let unused: Set<String> = Set(adoption.model == .fixed ? ["adoption.innovation", "adoption.imitation"] : [])
            .union(strategies.flatMap { s in s.unusedKeys.map { "strategies.\(s.name).\($0)" } })
        for (path, d) in inputDistributions where !unused.contains(path) { out.append((path, d.yaml)) }
        for v in variables { out.append((v.path, v.distribution.yaml)) }
        out.append(("adoption.model", adoption.model.rawValue))
        if adoption.model == .bass { out.append(("adoption.per", adoption.per.rawValue)) }
        for s in strategies { out += strategyInputs(s) }
        for r in risks { out += riskInputs(r) }
        // The opt-in keys of the business models (issue 10), only when used, so earlier results compare equal.
        for r in funding { out += roundInputs(r) }
        if let e = exit {
            out.append(("exit.multiple_of_run_rate", e.multipleOfRunRate.yaml))
            out.append(("exit.liquidation_preference", e.liquidationPreference ? "true" : "false"))
        }
        if market.launchMonth != 1 { out.append(("market.launch_month", String(market.launchMonth))) }
        if let w = market.willingnessToPay { out.append(("market.willingness_to_pay", w.yaml)) }
        if costs.costTrendAnnual != 0 {
            out.append(("costs.cost_trend_annual", Distribution.number(costs.costTrendAnnual)))
        }
        if finance.priceGrowthAnnual != 0 {
            out.append(("finance.price_growth_annual", Distribution.number(finance.priceGrowthAnnual)))
        }
        for c in correlations {
            out.append(("correlations.\(c.between.joined(separator: "~"))", Distribution.number(c.rank)))
        }
        for t in targets {
            out.append(
                (
                    "targets.\(t.name)",
                    "\(t.metric.rawValue) \(t.when) \(t.atLeast ? "at_least" : "at_most") "
                        + "\(Distribution.number(t.threshold))"
                ))
        }
        return out
    }

    /// A strategy's kind, included units and revenue lines (its distributions are in `inputDistributions`).
    private func strategyInputs(_ s: Strategy) -> [(path: String, value: String)] {
        var out: [(path: String, value: String)] = []
        out.append(("strategies.\(s.name).kind", s.kind.rawValue))
        if s.includedUnits != 0 {
            out.append(("strategies.\(s.name).included_units", Distribution.number(s.includedUnits)))
        }
        for line in s.revenueLines {
            out.append(("strategies.\(s.name).revenue.\(line.name).line", line.kind.rawValue))
            for (p, d) in zip(line.kind.parameters, line.values) {
                out.append(("strategies.\(s.name).revenue.\(line.name).\(p.key)", d.yaml))
            }
        }
        return out
    }

    /// A risk's every value but its name.
    private func riskInputs(_ r: Risk) -> [(path: String, value: String)] {
        var out: [(path: String, value: String)] = []
        let p = "risks.\(r.name)."
        out.append((p + "category", r.category))
        out.append((p + "annual_probability", Distribution.number(r.annualProbability)))
        if let cost = r.cost { out.append((p + "cost", cost.yaml)) }
        if r.fineOfAnnualRevenue != 0 {
            out.append((p + "fine_of_annual_revenue", Distribution.number(r.fineOfAnnualRevenue)))
        }
        if r.revenueLoss != 0 {
            out.append((p + "revenue_loss", Distribution.number(r.revenueLoss)))
            out.append((p + "duration_months", String(r.durationMonths)))
        }
        if let k = r.demandShock { out.append((p + "demand_shock", Distribution.number(k))) }
        if let k = r.unitCostShock { out.append((p + "unit_cost_shock", Distribution.number(k))) }
        if let k = r.runningCostShock { out.append((p + "running_cost_shock", Distribution.number(k))) }
        if r.delayMonths > 0 { out.append((p + "delay_months", String(r.delayMonths))) }
        if let i = r.insurance {
            out.append(
                (
                    p + "insurance",
                    "{premium_monthly: \(Distribution.number(i.premiumMonthly)), deductible: "
                        + "\(Distribution.number(i.deductible)), "
                        + "cover_share: \(Distribution.number(i.coverShare)), limit: "
                        + "\(i.limit.isFinite ? Distribution.number(i.limit) : ".inf")}"
                ))
        }
        return out
    }

    /// A funding round's every value but its name; the month, trigger and window only when given.
    private func roundInputs(_ r: FundingRound) -> [(path: String, value: String)] {
        var out: [(path: String, value: String)] = []
        let p = "funding.\(r.name)."
        if let m = r.month { out.append((p + "month", String(m))) }
        if let t = r.trigger {
            out.append(
                (
                    p + "when",
                    "\(t.metric.rawValue) \(t.atLeast ? "at_least" : "at_most") \(Distribution.number(t.threshold))"
                ))
            out.append((p + "earliest_month", String(r.earliestMonth)))
        }
        if let m = r.latestMonth { out.append((p + "latest_month", String(m))) }
        out.append((p + "amount", r.amount.yaml))
        out.append((p + "pre_money", r.preMoney.yaml))
        out.append((p + "close_probability", Distribution.number(r.closeProbability)))
        return out
    }
}

extension Scenario {
    /// Every input a distribution can be given for, by path, with its distribution
    /// (the paths drivers and correlations use).
    public var inputDistributions: [(path: String, distribution: Distribution)] {
        let c = costs, f = finance
        var out: [(String, Distribution)] =
            [("market.size", market.size)] + shareInputs.prefix(5).map { ($0.path, $0.distribution) } + [
                ("adoption.innovation", adoption.innovation), ("adoption.imitation", adoption.imitation),
                ("costs.data_acquisition", c.dataAcquisition), ("costs.training", c.training),
                ("costs.operations_monthly", c.operationsMonthly),
                ("costs.cost_per_customer_monthly", c.costPerCustomerMonthly),
                ("costs.acquisition_cost", c.acquisitionCost),
                ("finance.starting_cash", f.startingCash), ("finance.discount_rate_annual", f.discountRateAnnual)
            ]
        for st in strategies {
            out += [
                ("churn_monthly", st.churnMonthly), ("price_per_month", st.pricePerMonth),
                ("price_per_unit", st.pricePerUnit),
                ("units_per_customer_month", st.unitsPerCustomerMonth), ("unit_cost", st.unitCost)
            ]
            .map { ("strategies.\(st.name).\($0.0)", $0.1) }
        }
        return out
    }
}

/// One input that differs between two runs of a scenario.
public struct InputChange: Codable, Sendable, Equatable {
    public var key: String
    /// nil when the key is new.
    public var old: String?
    /// nil when the key is gone.
    public var new: String?

    public init(key: String, old: String?, new: String?) {
        self.key = key
        self.old = old
        self.new = new
    }

    /// The keys whose values differ, in key order.
    public static func between(old: [String: String], new: [String: String]) -> [InputChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : InputChange(key: key, old: old[key], new: new[key])
        }
    }
}

extension Distribution {
    /// The distribution as a scenario file writes it: `0.2`, `{dist: pert, min: 1, mode: 2, max: 5}`.
    public var yaml: String {
        let n = Distribution.number
        if let variable {
            // The variable's own law is listed once, under `variables.NAME`.
            return "{var: \(variable)" + (scale != 1 ? ", times: \(n(scale))}" : "}")
        }
        var fields: [(String, String)]
        switch law {
        case .constant(let v): fields = [("value", n(v))]
        case .uniform(let a, let b): fields = [("min", n(a)), ("max", n(b))]
        case .normal(let m, let s): fields = [("mean", n(m)), ("sd", n(s))]
        case .lognormal(let mu, let sigma, let p):
            fields = p.map { [("p5", n($0.p5)), ("p95", n($0.p95))] } ?? [("mu", n(mu)), ("sigma", n(sigma))]
        case .beta(let a, let b): fields = [("alpha", n(a)), ("beta", n(b))]
        case .pert(let a, let m, let b), .triangular(let a, let m, let b):
            fields = [("min", n(a)), ("mode", n(m)), ("max", n(b))]
        case .gamma(let k, let s): fields = [("shape", n(k)), ("scale", n(s))]
        case .exponential(let m), .poisson(let m): fields = [("mean", n(m))]
        case .discrete(let values, let weights):
            fields = [
                ("values", "[" + values.map(n).joined(separator: ", ") + "]"),
                ("weights", "[" + weights.map(n).joined(separator: ", ") + "]")
            ]
        case .metalog(let m):
            fields = [
                (
                    "quantiles",
                    "{" + zip(m.probabilities, m.values).map { "\(n($0)): \(n($1))" }.joined(separator: ", ") + "}"
                )
            ]
            if let l = m.lower { fields.append(("min", n(l))) }
            if let u = m.upper { fields.append(("max", n(u))) }
        }
        if case .constant = law, lower == nil, upper == nil, scale == 1 { return fields[0].1 }
        if let lower { fields.append(("min", n(lower))) }
        if let upper { fields.append(("max", n(upper))) }
        // A what-if's factor (docs/model.md#scaling-an-input), so a scaled input never reads as the base's.
        if scale != 1 { fields.append(("times", n(scale))) }
        return "{dist: \(family), " + fields.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// The family's name as written after `dist:`.
    public var family: String { lawFamily.rawValue }

    /// A number exactly (shortest text that reads back to the same double), integers without a fraction.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
