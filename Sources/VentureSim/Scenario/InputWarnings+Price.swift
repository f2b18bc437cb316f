extension Scenario {
    /// A price that keeps less than this share of the market (above the willingness to pay's 99th percentile): almost
    /// nobody buys.
    public static let smallestPriceShare = 0.01
    /// A price that keeps more than this share (below the 1st percentile): nearly everyone would pay more.
    public static let largestPriceShare = 0.99

    /// With `market.willingness_to_pay`: each strategy whose typical monthly cost to a customer is above nearly the
    /// whole distribution, or below nearly all of it (docs/model.md#willingness-to-pay).
    var priceWarnings: [InputWarning] {
        guard let wtp = market.willingnessToPay else { return [] }
        let curve = PriceShare(wtp)
        let a = NumberFormat.amount, p = NumberFormat.probability
        return strategies.compactMap { s in
            let cost = s.typicalMonthlyCharge
            let kept = curve.kept(atCost: cost)
            let path = "strategies.\(s.name)"
            if kept < Self.smallestPriceShare {
                return InputWarning(
                    path: path,
                    message: "a customer pays about \(a(cost)) a month, above the willingness to pay of all but "
                        + "\(p(kept)) of the market (market.willingness_to_pay, 99th percentile "
                        + "\(a(wtp.quantile(0.99)))): almost nobody buys at this price")
            }
            if kept > Self.largestPriceShare {
                return InputWarning(
                    path: path,
                    message: "a customer pays about \(a(cost)) a month, below the willingness to pay of "
                        + "\(p(kept)) of the market (market.willingness_to_pay, 1st percentile "
                        + "\(a(wtp.quantile(0.01)))): nearly every customer would pay more; is money left on the "
                        + "table?")
            }
            return nil
        }
    }
}

extension Strategy {
    /// What a customer typically pays a month (medians of the prices and usage): the monthly price plus the usage
    /// price on the units above the included ones.
    var typicalMonthlyCharge: Double {
        let billed = Swift.max(0, unitsPerCustomerMonth.typical - includedUnits)
        let usage = pricePerUnit == .constant(0) ? 0 : billed * pricePerUnit.typical
        return pricePerMonth.typical + usage
    }
}
