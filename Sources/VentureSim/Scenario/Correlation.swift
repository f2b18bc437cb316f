/// A rank correlation between two drawn inputs, imposed per trial with a
/// Gaussian copula (an opt-in extension of the contract: docs/model.md#correlated-inputs).
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

#if canImport(Glibc)
    import Glibc
#endif
