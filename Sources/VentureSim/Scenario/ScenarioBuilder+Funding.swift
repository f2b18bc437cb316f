import Yams

/// `funding:` rounds (fixed or triggered) and `exit:`.
extension ScenarioBuilder {
    /// `funding: [{name, month, amount, pre_money} | {name, when: {metric, at_least | at_most}, earliest_month,
    /// latest_month, amount, pre_money, close_probability}]`.
    func funding(_ node: Node, horizon: Int) -> [FundingRound]? {
        guard let items = list(node, path: "funding", limit: Limits.maxRounds, noun: "funding rounds") else {
            return nil
        }
        var out: [FundingRound] = []
        var ok = true
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let path = NodeReader.index("funding", i)
            let keys = [
                "name", "month", "when", "earliest_month", "latest_month", "amount", "pre_money", "close_probability"
            ]
            guard let f = reader.fields(item, path: path, allowed: keys) else { ok = false; continue }
            var (round, name, good) = self.round(f, item: item, horizon: horizon)
            if let name, !seen.insert(name).inserted {
                reader.report("duplicate funding round name '\(name)'", node: item, path: f.path("name"))
                good = false
            }
            if good { out.append(round) } else { ok = false }
        }
        return ok ? out : nil
    }

    /// One round's fields, its name when it reads as one, and whether every field is right (each problem reported).
    private func round(_ f: Fields, item: Node, horizon: Int) -> (round: FundingRound, name: String?, good: Bool) {
        let name = required(f, "name").flatMap { reader.string($0, path: f.path("name")) }
        let amount = required(f, "amount").flatMap {
            reader.distribution($0, path: f.path("amount"), constantCheck: .nonNegative)
        }
        let pre = required(f, "pre_money").flatMap {
            reader.distribution($0, path: f.path("pre_money"), constantCheck: .positive)
        }
        var round = FundingRound(name: name ?? "", amount: amount ?? .constant(0), preMoney: pre ?? .constant(1))
        var good = name != nil && amount != nil && pre != nil
        switch (f["month"], f["when"]) {
        case (let n?, nil):
            if let m = reader.integer(n, path: f.path("month"), in: 1...horizon) {
                round.month = m
            } else {
                good = false
            }
        case (nil, let n?):
            if let t = trigger(n, path: f.path("when")) { round.trigger = t } else { good = false }
        case (_?, _?):
            reader.report(
                "give either 'month' (a fixed round) or 'when' (a triggered one), not both", node: item, path: f.path)
            good = false
        case (nil, nil):
            reader.report(
                "missing 'month' (a fixed round) or 'when' (a round triggered by a metric)", node: item, path: f.path)
            good = false
        }
        good = window(f, horizon: horizon, into: &round) && good
        if let n = f["close_probability"] {
            if let p = reader.number(n, path: f.path("close_probability"), .probability) {
                round.closeProbability = p
            } else {
                good = false
            }
        }
        return (round, name, good)
    }

    /// `earliest_month` (a triggered round's) and `latest_month` (the deadline); false when either is wrong.
    private func window(_ f: Fields, horizon: Int, into round: inout FundingRound) -> Bool {
        var good = true
        if let n = f["earliest_month"] {
            if round.month != nil {
                reader.report(
                    "'earliest_month' applies to a triggered round ('when')", node: n, path: f.path("earliest_month"))
                good = false
            }
            if let m = reader.integer(n, path: f.path("earliest_month"), in: 1...horizon) {
                round.earliestMonth = m
            } else {
                good = false
            }
        }
        guard let n = f["latest_month"] else { return good }
        guard let m = reader.integer(n, path: f.path("latest_month"), in: 1...horizon) else { return false }
        if let fixed = round.month, m < fixed {
            reader.report(
                "'latest_month' \(m) is before the round's 'month' \(fixed)", node: n, path: f.path("latest_month"))
            return false
        }
        if round.month == nil && m < round.earliestMonth {
            reader.report(
                "'latest_month' \(m) is before 'earliest_month' \(round.earliestMonth): the round could never come due",
                node: n, path: f.path("latest_month"))
            return false
        }
        round.latestMonth = m
        return good
    }

    private func trigger(_ node: Node, path: String) -> FundingRound.Trigger? {
        guard let f = reader.fields(node, path: path, allowed: ["metric", "at_least", "at_most"]) else { return nil }
        var metric = self.metric(f)
        if let m = metric, m.isHorizon, let n = f["metric"] {
            reader.report(
                "expected a monthly metric (one of "
                    + "\(Target.Metric.monthly.map { "'\($0.rawValue)'" }.joined(separator: ", "))); "
                    + "'\(m.rawValue)' is a figure of the whole horizon", node: n, path: f.path("metric"))
            metric = nil
        }
        let bound = self.bound(f, node: node, path: path, what: "the bound that triggers the round")
        guard let metric, let bound else { return nil }
        return FundingRound.Trigger(metric: metric, atLeast: bound.0, threshold: bound.1)
    }

    /// `exit: {multiple_of_run_rate, liquidation_preference}`; nil after reporting a problem.
    func exit(_ node: Node) -> Exit? {
        guard let f = reader.fields(node, path: "exit", allowed: ["multiple_of_run_rate", "liquidation_preference"])
        else { return nil }
        guard
            let m = required(f, "multiple_of_run_rate").flatMap({
                reader.distribution($0, path: f.path("multiple_of_run_rate"), constantCheck: .nonNegative)
            })
        else { return nil }
        var preference = false
        if let n = f["liquidation_preference"] {
            guard let b = reader.boolean(n, path: f.path("liquidation_preference")) else { return nil }
            preference = b
        }
        return Exit(multipleOfRunRate: m, liquidationPreference: preference)
    }
}
