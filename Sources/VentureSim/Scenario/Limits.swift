/// Bounds on counts that keep a run finite and meaningful; larger values are
/// scenario errors rather than runs that die midway.
public enum Limits {
    /// 10⁹ trials: 100× the usual million, and past what a report can use.
    public static let maxTrials = 1_000_000_000
    /// 100 years of months.
    public static let maxHorizonMonths = 1_200
    public static let maxStrategies = 64
    public static let maxRisks = 256
    public static let maxDiscreteValues = 100_000
    /// A truncation must keep at least this share of a distribution's
    /// probability, so that redrawing ends quickly (1 / this draws on average).
    public static let minTruncatedMass = 1e-6
}
