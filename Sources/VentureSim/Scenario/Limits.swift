/// Bounds on counts that keep a run finite and meaningful; larger values are
/// scenario errors rather than runs that die midway.
public enum Limits {
    /// 10⁹ trials: 100× the usual million, and past what a report can use.
    public static let maxTrials = 1_000_000_000
    /// 100 years of months.
    public static let maxHorizonMonths = 1_200
    public static let maxStrategies = 64
    public static let maxStressCases = 32
    public static let maxTargets = 64
    public static let maxRevenueLines = 16
    public static let maxRounds = 16
    public static let maxVariables = 64
    public static let maxRisks = 256
    public static let maxDiscreteValues = 100_000
    /// A truncation must keep at least this share of a distribution's
    /// probability, so that redrawing ends quickly (at most 1,000 draws on average).
    public static let minTruncatedMass = 1e-3
    /// GSL's `gsl_ran_poisson` returns a 32-bit count and splits its mean
    /// into 32-bit steps: past about 4.3 × 10⁹ draws wrap, past about 4.9 × 10⁹
    /// it never returns. 10⁹ keeps every draw (mean + 100 sd) far below 2³².
    public static let maxPoissonMean = 1e9
}
