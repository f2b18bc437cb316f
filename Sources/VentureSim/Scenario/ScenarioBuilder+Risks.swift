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
        func take<T>(_ key: String, _ read: (Node, String) -> T?, _ set: (T) -> Void) {
            guard let n = f[key] else { return }
            if let v = read(n, f.path(key)) { set(v) } else { ok = false }
        }
        func number(_ check: NumberCheck) -> (Node, String) -> Double? { { reader.number($0, path: $1, check) } }
        func months(_ n: Node, _ path: String) -> Int? {
            reader.integer(n, path: path, in: 1...Limits.maxHorizonMonths)
        }
        take("cost", { reader.distribution($0, path: $1, constantCheck: .nonNegative) }) { risk.cost = $0 }
        take("fine_of_annual_revenue", number(.nonNegative)) { risk.fineOfAnnualRevenue = $0 }
        let lostShare = NumberCheck(words: "a share of revenue lost, from 0 to 1") { $0 >= 0 && $0 <= 1 }
        take("revenue_loss", number(lostShare)) { risk.revenueLoss = $0 }
        take("duration_months", months) { risk.durationMonths = $0 }
        if let n = f["duration_months"], f["revenue_loss"] == nil {
            reader.report(
                "'duration_months' applies to 'revenue_loss', which this risk does not have", node: n,
                path: f.path("duration_months"))
            ok = false
        }
        take("demand_shock", number(.nonNegative)) { risk.demandShock = $0 }
        take("unit_cost_shock", number(.nonNegative)) { risk.unitCostShock = $0 }
        take("running_cost_shock", number(.nonNegative)) { risk.runningCostShock = $0 }
        take("delay_months", months) { risk.delayMonths = $0 }
        take("insurance", { insurance($0, path: $1) }) { risk.insurance = $0 }
        if let n = f["insurance"], risk.insurance != nil, f["cost"] == nil {
            reader.report(
                "'insurance' covers the risk's 'cost', which this risk does not have", node: n,
                path: f.path("insurance"))
            ok = false
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
