import Yams

/// `risks:` and each risk's insurance.
extension ScenarioBuilder {
    func risks(_ node: Node) -> [Risk]? {
        guard let items = list(node, path: "risks", limit: Limits.maxRisks, noun: "risks") else { return nil }
        let parsed = items.enumerated().map { risk($1, path: NodeReader.index("risks", $0)) }
        return uniquelyNamed(parsed, names: parsed.map { $0?.name }, items: items, section: "risks", noun: "risk")
    }

    private func risk(_ node: Node, path: String) -> Risk? {
        let keys = [
            "name", "category", "annual_probability", "cost", "fine_of_annual_revenue", "revenue_loss",
            "duration_months", "demand_shock",
            "unit_cost_shock", "running_cost_shock", "delay_months", "insurance"
        ]
        guard let f = reader.fields(node, path: path, allowed: keys) else { return nil }
        let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
        let category = required(f, "category").flatMap { reader.string($0, path: f.path("category")) }
        let probability = required(f, "annual_probability").flatMap {
            reader.number($0, path: f.path("annual_probability"), .probability)
        }
        var ok = name != nil && category != nil && probability != nil
        var risk = Risk(name: name ?? "", category: category ?? "", annualProbability: probability ?? 0)
        if let n = f["cost"] {
            if let d = reader.distribution(n, path: f.path("cost"), constantCheck: .nonNegative) {
                risk.cost = d
            } else {
                ok = false
            }
        }
        if let n = f["fine_of_annual_revenue"] {
            if let v = reader.number(n, path: f.path("fine_of_annual_revenue"), .nonNegative) {
                risk.fineOfAnnualRevenue = v
            } else {
                ok = false
            }
        }
        if let n = f["revenue_loss"] {
            if let v = reader.number(
                n, path: f.path("revenue_loss"),
                NumberCheck(words: "a share of revenue lost, from 0 to 1") { $0 >= 0 && $0 <= 1 })
            {
                risk.revenueLoss = v
            } else {
                ok = false
            }
        }
        if let n = f["duration_months"] {
            if let v = reader.integer(n, path: f.path("duration_months"), in: 1...Limits.maxHorizonMonths) {
                risk.durationMonths = v
            } else {
                ok = false
            }
            if f["revenue_loss"] == nil {
                reader.report(
                    "'duration_months' applies to 'revenue_loss', which this risk does not have", node: n,
                    path: f.path("duration_months"))
                ok = false
            }
        }
        if let n = f["demand_shock"] {
            if let v = reader.number(n, path: f.path("demand_shock"), .nonNegative) {
                risk.demandShock = v
            } else {
                ok = false
            }
        }
        if let n = f["unit_cost_shock"] {
            if let v = reader.number(n, path: f.path("unit_cost_shock"), .nonNegative) {
                risk.unitCostShock = v
            } else {
                ok = false
            }
        }
        if let n = f["running_cost_shock"] {
            if let v = reader.number(n, path: f.path("running_cost_shock"), .nonNegative) {
                risk.runningCostShock = v
            } else {
                ok = false
            }
        }
        if let n = f["delay_months"] {
            if let v = reader.integer(n, path: f.path("delay_months"), in: 1...Limits.maxHorizonMonths) {
                risk.delayMonths = v
            } else {
                ok = false
            }
        }
        if let n = f["insurance"] {
            if let v = insurance(n, path: f.path("insurance")) {
                risk.insurance = v
                if f["cost"] == nil {
                    reader.report(
                        "'insurance' covers the risk's 'cost', which this risk does not have", node: n,
                        path: f.path("insurance"))
                    ok = false
                }
            } else {
                ok = false
            }
        }
        return ok ? risk : nil
    }

    /// `{premium_monthly, deductible, cover_share, limit}`, plain numbers.
    private func insurance(_ node: Node, path: String) -> Risk.Insurance? {
        guard
            let f = reader.fields(node, path: path, allowed: ["premium_monthly", "deductible", "cover_share", "limit"])
        else { return nil }
        var i = Risk.Insurance()
        var ok = true
        func take(_ key: String, _ check: NumberCheck, _ set: (Double) -> Void) {
            guard let n = f[key] else { return }
            if let v = reader.number(n, path: f.path(key), check) { set(v) } else { ok = false }
        }
        take("premium_monthly", .nonNegative) { i.premiumMonthly = $0 }
        take("deductible", .nonNegative) { i.deductible = $0 }
        take("cover_share", NumberCheck.share("a share of the cost above the deductible, from 0 to 1")) {
            i.coverShare = $0
        }
        take("limit", .nonNegative) { i.limit = $0 }
        return ok ? i : nil
    }
}
