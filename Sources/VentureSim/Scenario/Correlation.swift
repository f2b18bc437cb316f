/// A rank correlation between two drawn inputs, imposed per trial with a
/// Gaussian copula (an opt-in extension of MODEL.md).
public struct Correlation: Sendable, Equatable {
    /// Input paths, as the drivers name them (`market.competition`, `strategies.api.churn_monthly`).
    public var between: [String]
    /// The target Spearman rank correlation, in (−1, 1).
    public var rank: Double

    public init(between: [String], rank: Double) {
        self.between = between
        self.rank = rank
    }

    /// The normal copula's correlation that gives Spearman ρ: r = 2 sin(πρ/6).
    public var normalCorrelation: Double { 2 * sin(Double.pi * rank / 6) }

    /// The inputs involved (sorted) and the copula's correlation matrix over them (row-major).
    static func matrix(_ correlations: [Correlation]) -> (inputs: [String], matrix: [Double]) {
        let involved = Array(Set(correlations.flatMap(\.between))).sorted()
        let k = involved.count
        var matrix = [Double](repeating: 0, count: k * k)
        for i in 0..<k { matrix[i * k + i] = 1 }
        for c in correlations {
            let a = involved.firstIndex(of: c.between[0])!, b = involved.firstIndex(of: c.between[1])!
            (matrix[a * k + b], matrix[b * k + a]) = (c.normalCorrelation, c.normalCorrelation)
        }
        return (involved, matrix)
    }
}

extension Scenario {
    /// Every input a distribution can be given for, by path, with its distribution
    /// (the paths drivers and correlations use).
    public var inputDistributions: [(path: String, distribution: Distribution)] {
        let c = costs, f = finance
        var out: [(String, Distribution)] = [("market.size", market.size)] + shareInputs.prefix(5).map { ($0.path, $0.distribution) } + [
            ("adoption.innovation", adoption.innovation), ("adoption.imitation", adoption.imitation),
            ("costs.data_acquisition", c.dataAcquisition), ("costs.training", c.training), ("costs.operations_monthly", c.operationsMonthly),
            ("costs.cost_per_customer_monthly", c.costPerCustomerMonthly), ("costs.acquisition_cost", c.acquisitionCost),
            ("finance.starting_cash", f.startingCash), ("finance.discount_rate_annual", f.discountRateAnnual),
        ]
        for st in strategies {
            out += [("churn_monthly", st.churnMonthly), ("price_per_month", st.pricePerMonth), ("price_per_unit", st.pricePerUnit),
                    ("units_per_customer_month", st.unitsPerCustomerMonth), ("unit_cost", st.unitCost)]
                .map { ("strategies.\(st.name).\($0.0)", $0.1) }
        }
        return out
    }
}

/// The lower Cholesky factor of a symmetric matrix (row-major, k × k); nil
/// when the matrix is not positive definite.
enum Cholesky {
    static func factor(_ a: [Double], k: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var sum = a[i * k + j]
                for m in 0..<j { sum -= l[i * k + m] * l[j * k + m] }
                if i == j {
                    guard sum > 1e-12 else { return nil }
                    l[i * k + i] = sum.squareRoot()
                } else {
                    l[i * k + j] = sum / l[j * k + j]
                }
            }
        }
        return l
    }
}

#if canImport(Glibc)
import Glibc
#endif
