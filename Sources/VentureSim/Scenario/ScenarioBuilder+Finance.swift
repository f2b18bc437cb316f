import Yams

/// `finance:` (starting cash, discount rate, price growth).
extension ScenarioBuilder {
    func finance(_ node: Node) -> Scenario.Finance? {
        guard
            let f = reader.fields(
                node, path: "finance", allowed: ["starting_cash", "discount_rate_annual", "price_growth_annual"])
        else { return nil }
        let cash = dist(f, "starting_cash", default: 0)
        let rateCheck = NumberCheck(words: "an annual rate > −1 (−100 %)") { $0 > -1 }
        var rate = dist(f, "discount_rate_annual", default: 0, rateCheck)
        if let r = rate, r.support.lowerBound <= -1, let n = f["discount_rate_annual"] {
            reader.report(
                "this distribution can draw rates ≤ −100 %, where discounting is undefined; truncate it with 'min' "
                    + "above −1",
                node: n, path: f.path("discount_rate_annual"))
            rate = nil
        }
        let growth = annualRate(f, "price_growth_annual")
        guard let cash, let rate, let growth else { return nil }
        var finance = Scenario.Finance(startingCash: cash, discountRateAnnual: rate)
        finance.priceGrowthAnnual = growth
        return finance
    }
}
