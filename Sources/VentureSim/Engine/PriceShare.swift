/// `market.willingness_to_pay` compiled for the kernel: the share of the reachable market whose willingness to pay
/// is at least what a strategy costs a customer a month, 1 − F(c) (docs/model.md#willingness-to-pay). A property of
/// the law, so a trial's share is a function of its drawn prices and usage: no draw, no allocation, no lookup.
struct PriceShare: @unchecked Sendable {
    /// The law (scale and truncation included), for the continuous families and Poisson: its CDF over GSL.
    let law: Distribution
    /// A discrete law's values, ascending, and P(WTP ≥ value) of each (computed once here, since the law's own
    /// mass sums its weights with arrays).
    let values: [Double]
    let tails: [Double]

    init(_ law: Distribution) {
        self.law = law
        if case .discrete(let v, _) = law.law {
            let sorted = Array(Set(v.map { $0 * law.scale })).sorted()
            values = sorted
            tails = sorted.map { law.probability(from: $0, to: .infinity) }
        } else {
            (values, tails) = ([], [])
        }
    }

    /// P(WTP ≥ `cost`): the share of customers who would pay `cost` a month (a customer whose willingness to pay
    /// equals the price buys). 0 for a NaN cost.
    @inline(__always)
    func kept(atCost cost: Double) -> Double {
        guard !cost.isNaN else { return 0 }
        guard values.isEmpty else {
            for i in values.indices where values[i] >= cost { return tails[i] }
            return 0
        }
        return law.probability(from: cost, to: .infinity)
    }
}
