/// A named quantity drawn once per trial and read by any number of inputs as `{var: NAME}`
/// (docs/model.md#shared-variables): two strategies reading one variable see the same value in every trial.
public struct Variable: Sendable, Equatable {
    public var name: String
    public var distribution: Distribution

    public init(name: String, distribution: Distribution) {
        self.name = name
        self.distribution = distribution
    }

    /// Its path in drivers, correlations and the per-trial CSV.
    public var path: String { "variables.\(name)" }
}

extension Scenario {
    /// Every drawn input in the order of a trial's record (`Plan` slots): `inputDistributions` (the shared inputs,
    /// then each strategy's five), then the variables, then each strategy's revenue lines' parameters
    /// (`strategies.NAME.revenue.LINE.FIELD`). New kinds of input come after the old, so every older slot, driver
    /// and CSV column keeps its place.
    public var drawnInputs: [(path: String, distribution: Distribution)] {
        var out = inputDistributions
        out += variables.map { ($0.path, $0.distribution) }
        for s in strategies {
            for line in s.revenueLines {
                for (p, d) in zip(line.kind.parameters, line.values) {
                    out.append(("strategies.\(s.name).revenue.\(line.name).\(p.key)", d))
                }
            }
        }
        return out
    }
}
