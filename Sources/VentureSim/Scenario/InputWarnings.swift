/// A legal value that was probably not meant (docs/model.md#warnings): said in words on a ⚠ line by `validate`
/// and `run` and listed in the report's Inputs section. A warning never changes a number.
public struct InputWarning: Sendable, Equatable {
    /// The key path it is about (`risks.fine.fine_of_annual_revenue`).
    public var path: String
    public var message: String

    /// `⚠ path: message`, as printed.
    public var line: String { "⚠ \(path): \(message)" }
}

extension Scenario {
    /// Above these monthly Bass coefficients no published market lies: the meta-analyses' annual means are
    /// p 0.03 and q 0.38 (Sultan, Farley & Lehmann 1990), their largest annual values about 0.1 and 0.9 —
    /// per month 0.01 and 0.08 (annual 0.12 and 0.96).
    public static let largestMonthlyInnovation = 0.01
    public static let largestMonthlyImitation = 0.08
    /// A fine above this share of a year's revenue (a GDPR fine is at most 4 % of turnover) is probably a percentage.
    public static let largestFineShare = 0.25
    /// A demand shock below this factor (a cut of more than half the market) is probably a cut written for a factor.
    public static let smallestDemandShock = 0.5
    /// Mean monthly churn above this (customers stay five months on average) is probably a yearly rate.
    public static let largestMeanChurn = 0.2
    /// Months of a customer's revenue an acquisition cost may reach before it is flagged.
    public static let largestPaybackMonths = 24.0

    /// The inputs that are legal but implausible, in file order.
    public var warnings: [InputWarning] {
        var out: [InputWarning] = []
        let n = NumberFormat.ratio
        if adoption.model == .bass, !adoption.isAnnual {
            let p = adoption.innovation.typical, q = adoption.imitation.typical
            if p > Self.largestMonthlyInnovation || q > Self.largestMonthlyImitation {
                out.append(
                    InputWarning(
                        path: "adoption",
                        message:
                            "innovation p \(n(p)) and imitation q \(n(q)) a month are above what published markets "
                            + "show (per month p up to about \(n(Self.largestMonthlyInnovation)), q up to about "
                            + "\(n(Self.largestMonthlyImitation))): "
                            + "these look like annual values: add `per: year`"))
            }
        }
        let fee = costs.acquisitionCost.typical
        for s in strategies {
            let at = "strategies.\(s.name)"
            // `mean` takes 10,000 quantiles (about 50 ms for a beta); the bound settles the usual case in 100.
            if s.churnMonthly.meanMayExceed(Self.largestMeanChurn), case let churn = s.churnMonthly.mean,
                churn > Self.largestMeanChurn
            {
                out.append(
                    InputWarning(
                        path: at + ".churn_monthly",
                        message: "mean churn \(NumberFormat.percent(churn)) a month: customers stay "
                            + "\(n(1 / churn)) months on average; if \(NumberFormat.percent(churn)) is a yearly rate, "
                            + "the monthly one is "
                            + "\(n(1 - pow(1 - Swift.min(churn, 1), 1.0 / 12)))"))
            }
            let units = s.kind == .subscription ? 0 : s.unitsPerCustomerMonth.typical
            let revenue = (s.kind == .api ? 0 : s.pricePerMonth.typical) + units * s.pricePerUnit.typical
            if revenue > 0, fee > Self.largestPaybackMonths * revenue {
                out.append(
                    InputWarning(
                        path: "costs.acquisition_cost",
                        message: "\(NumberFormat.amount(fee)) to win a customer is more than two years of "
                            + "what a customer of '\(s.name)' pays (\(NumberFormat.amount(revenue)) a month): it is "
                            + "paid back after "
                            + "\(n(fee / revenue)) months, if the customer stays that long"))
            }
            if s.kind != .subscription {
                let price = s.pricePerUnit.typical, cost = s.unitCost.typical
                if price < cost {
                    out.append(
                        InputWarning(
                            path: at + ".price_per_unit",
                            message: "the usage price \(NumberFormat.amount(price)) is below its unit cost "
                                + "\(NumberFormat.amount(cost)): every unit sold loses "
                                + "\(NumberFormat.amount(cost - price))"
                        ))
                }
            }
        }
        out += priceWarnings
        for r in risks {
            let at = "risks.\(r.name)"
            if r.fineOfAnnualRevenue > Self.largestFineShare {
                let f = r.fineOfAnnualRevenue
                out.append(
                    InputWarning(
                        path: at + ".fine_of_annual_revenue",
                        message: "\(n(f)) is a fine of \(NumberFormat.percent(f)) of a year's revenue"
                            + (f >= 1 ? "; for \(n(f)) % write \(n(f / 100))" : "")))
            }
            if let k = r.demandShock, k < Self.smallestDemandShock {
                out.append(
                    InputWarning(
                        path: at + ".demand_shock",
                        message: "market × \(n(k)) from then on, a \(NumberFormat.percent(1 - k)) cut; "
                            + "for a \(NumberFormat.percent(k)) cut write \(n(1 - k))"))
            }
        }
        return out
    }
}

extension Distribution {
    /// A representative value for a plausibility check: the median (for a discrete law the weighted median,
    /// for a Poisson its mean).
    var typical: Double {
        switch law {
        case .constant(let v): return v
        case .poisson(let m): return m
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            var acc = 0.0
            for (v, w) in zip(values, weights).sorted(by: { $0.0 < $1.0 }) {
                acc += w
                if acc >= total / 2 { return v }
            }
            return values.last ?? 0
        default: return quantile(0.5)
        }
    }

    /// False only where `mean` is surely at most `limit`: for a law that `mean` averages over quantiles, that
    /// average (at the mid-points of 10,000 equal cells) lies below the mean of the quantile function at the right ends
    /// of 100 coarse cells of 100 of them each, since the quantile function rises; with a margin for rounding.
    func meanMayExceed(_ limit: Double) -> Bool {
        switch law {
        case .constant, .poisson, .discrete: return true
        default:
            let cells = 100
            let bound = (1...cells).reduce(0) { $0 + quantile(Double($1) / Double(cells)) } / Double(cells)
            return !(bound < limit - 1e-9 * Swift.max(1, abs(limit)))
        }
    }

    /// The mean of a draw, truncation included: exact for constants, Poisson and discrete laws, otherwise the
    /// average of the quantile function at 10,000 mid-points (within a fraction of a percent for these checks).
    var mean: Double {
        switch law {
        case .constant(let v): return v
        case .poisson(let m) where lower == nil && upper == nil: return m
        case .discrete(let values, let weights) where lower == nil && upper == nil:
            return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
        case .poisson, .discrete: return typical
        default:
            let n = 10_000
            return (0..<n).reduce(0) { $0 + quantile((Double($1) + 0.5) / Double(n)) } / Double(n)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
